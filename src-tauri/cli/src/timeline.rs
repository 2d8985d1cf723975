//! `casefile timeline`: events, transfers and evidence of a case in order of time.

use std::path::Path;

use casefile_core::model::TimelineQuery;
use clap::Args;

use crate::failure::Failure;
use crate::input::optional_text_arg;
use crate::output::{outln, print_json, shown};
use crate::session::open;

#[derive(Args)]
pub(crate) struct TimelineArgs {
    case: i32,
    /// Only these kinds (e.g. out, first_contact, evidence); repeat for several.
    #[arg(long = "kind")]
    kinds: Vec<String>,
    /// Only entries containing this text (or @FILE, or - for standard input).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    #[arg(long)]
    json: bool,
}

/// Entries fetched per query; the whole timeline is read page by page.
const PAGE: u32 = 1000;

/// `casefile timeline`.
pub(crate) fn show(path: &Path, args: TimelineArgs) -> Result<(), Failure> {
    let search = optional_text_arg("--search", args.search)?;
    let store = open(path)?;
    let tz = store.get_case(args.case)?.details.time_zone;
    let mut query = TimelineQuery {
        kinds: args.kinds,
        text: search.unwrap_or_default(),
        offset: 0,
        limit: PAGE,
    };
    let mut entries = Vec::new();
    loop {
        let page = store.timeline(args.case, &query)?;
        let n = page.entries.len() as u32;
        entries.extend(page.entries);
        query.offset += n;
        if n == 0 || query.offset >= page.total {
            break;
        }
    }
    if args.json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        outln!("Nothing on the timeline yet.")?;
    }
    let mut day = String::new();
    for e in entries {
        if e.day != day {
            day = e.day.clone();
            outln!("\n{day} ({tz})")?;
        }
        let utc =
            if e.recorded_offset_minutes != e.case_offset_minutes || e.case_offset_minutes != 0 {
                format!("  [UTC {}; recorded {}]", &e.at_utc, shown(&e.recorded))
            } else {
                String::new()
            };
        outln!(
            "  {}  {:<30} {}{}",
            e.case_local.get(11..).unwrap_or(&e.case_local),
            e.kind_label,
            shown(&e.title),
            utc
        )?;
        if !e.detail.trim().is_empty() {
            outln!("         {}", e.detail.trim())?;
        }
    }
    Ok(())
}
