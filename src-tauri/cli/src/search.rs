//! `casefile search TEXT`: one search over every case — names, wallets, IBANs, phones,
//! references, notes, captions, chat text — with where each match is.

use std::path::Path;

use casefile_core::store::MAX_SEARCH_HITS;
use clap::Args;

use crate::failure::Failure;
use crate::input::text_arg;
use crate::output::{outln, print_json};
use crate::session::open;

#[derive(Args)]
pub(crate) struct SearchArgs {
    /// What to look for: a name, part of a wallet or IBAN, a phone number, a word (or @FILE,
    /// or - for standard input). Every word must appear.
    text: String,
    /// At most this many matches (up to 500).
    #[arg(long, default_value_t = 100)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

/// `casefile search`.
pub(crate) fn run(path: &Path, args: SearchArgs) -> Result<(), Failure> {
    let text = text_arg("TEXT", &args.text)?;
    let store = open(path)?;
    let results = store.search(&text, args.limit.min(MAX_SEARCH_HITS))?;
    if args.json {
        return print_json(&results);
    }
    if results.hits.is_empty() {
        outln!("Nothing found for \"{text}\" in any case.")?;
        return Ok(());
    }
    let mut case = None;
    for hit in &results.hits {
        if case != Some(hit.case_id) {
            case = Some(hit.case_id);
            outln!("Case {} · {}", hit.case_id, hit.case_title)?;
        }
        outln!("  {} ({}): {}", hit.label, hit.kind.label(), hit.snippet)?;
    }
    if results.total as usize > results.hits.len() {
        outln!(
            "{} of {} matches shown; add words to narrow it, or --limit.",
            results.hits.len(),
            results.total
        )?;
    }
    Ok(())
}
