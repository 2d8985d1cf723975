//! `casefile import statement …` and `casefile statement …`: bank and exchange statements (CSV,
//! OFX, camt.053) previewed row by row, the chosen rows imported as transfers, imports listed
//! and undone, saved CSV profiles listed.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use casefile_core::model::{
    Network, StatementImportOptions, StatementImportProgress, StatementImportSummary,
    StatementPreview, StatementRowRef,
};
use casefile_core::statement::csv::{CsvProfile, Question, QuestionTopic};
use casefile_core::store::read_statement_file;
use casefile_core::Store;
use clap::builder::PossibleValue;
use clap::{Args, Subcommand, ValueEnum};

use crate::failure::Failure;
use crate::output::{outln, print_json, shown};
use crate::session::open;

/// `casefile import statement CASE FILE …`.
#[derive(Args)]
pub(crate) struct StatementArgs {
    pub case: i32,
    pub file: PathBuf,
    /// Read a CSV file with this saved profile (see `casefile statement profiles`).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// The rows to import, as numbered by --preview: 3,5-9, or all.
    #[arg(long, value_name = "ROWS")]
    rows: Option<String>,
    /// Only show every row and what cannot be read; store nothing.
    #[arg(long)]
    preview: bool,
    /// The case's account this statement is of, e.g. 3 or A-3 (money out leaves it, money in
    /// arrives there).
    #[arg(long, value_name = "ID", value_parser = account_id)]
    account: Option<i32>,
    /// The currency of rows the file gives none for (GBP, EUR, USDT …).
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// The network rows in a crypto asset were sent on (a statement never says).
    #[arg(long, value_enum, value_name = "NET")]
    network: Option<NetworkArg>,
    /// Save the CSV profile under this name: next time a file with the same columns comes, it
    /// is read the same way.
    #[arg(long, value_name = "NAME")]
    save_profile: Option<String>,
    /// For a CSV file whose dates can be read two ways: the date format, as offered.
    #[arg(long, value_name = "FMT")]
    date_format: Option<String>,
    /// For a CSV file whose amounts can be read two ways: the decimal mark, "." or ",".
    #[arg(long, value_name = "MARK")]
    decimal_mark: Option<char>,
}

#[derive(Subcommand)]
pub(crate) enum StatementCommand {
    /// List the statement imports of a case.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
    /// Undo an import: the transfers it added are removed, and the statement file when it
    /// brought it in and nothing else uses it.
    Undo {
        /// The import's number, as printed after the import and by `casefile statement list`.
        import_id: i32,
    },
    /// List the saved CSV profiles.
    Profiles {
        #[arg(long)]
        json: bool,
    },
    /// Forget a saved CSV profile (statements already imported keep what they were read with).
    ForgetProfile {
        /// The profile's name, as `casefile statement profiles` prints it.
        name: String,
    },
}

/// A network as a command-line value; the values are core's (`Network::ALL`).
#[derive(Clone, Copy)]
pub(crate) struct NetworkArg(Network);

static NETWORKS: LazyLock<Vec<NetworkArg>> =
    LazyLock::new(|| Network::ALL.iter().copied().map(NetworkArg).collect());

impl ValueEnum for NetworkArg {
    fn value_variants<'a>() -> &'a [Self] {
        &NETWORKS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()).help(self.0.label()))
    }
}

/// `3` or `A-3`.
fn account_id(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    let t = t
        .strip_prefix("A-")
        .or_else(|| t.strip_prefix("a-"))
        .unwrap_or(t);
    t.parse::<i32>().ok().filter(|n| *n > 0).ok_or_else(|| {
        format!("{raw:?} is not an account. Write it like 3 or A-3 (the case's accounts are listed in the window's Money tab).")
    })
}

/// `--rows`: `all`, or row numbers like `3,5-9`.
enum RowChoice {
    All,
    Numbers(Vec<u32>),
}

fn row_choice(raw: &str) -> Result<RowChoice, Failure> {
    if raw.trim().eq_ignore_ascii_case("all") {
        return Ok(RowChoice::All);
    }
    let bad = || {
        Failure::Message(format!(
            "--rows {raw:?} is not a list of rows. Write them like 3,5-9 (the numbers --preview shows), or --rows all."
        ))
    };
    let mut rows = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let number = |p: &str| {
            p.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(bad)
        };
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (number(a)?, number(b)?);
                if b < a || b - a > 1_000_000 {
                    return Err(bad());
                }
                rows.extend(a..=b);
            }
            None => rows.push(number(part)?),
        }
    }
    if rows.is_empty() {
        return Err(bad());
    }
    Ok(RowChoice::Numbers(rows))
}

/// `casefile import statement …`.
pub(crate) fn import(path: &Path, args: StatementArgs) -> Result<(), Failure> {
    let (name, bytes) = read_statement_file(&args.file)?;
    let mut store = open(path)?;
    let profile = chosen_profile(&store, &args, &name, &bytes)?;
    let seen =
        store.preview_statement_of(args.case, &name, &bytes, profile.as_ref(), args.account)?;
    if profile.is_none() && seen.profile_name.is_none() {
        if let Some(sniff) = seen.csv.as_ref().filter(|s| !s.undecided.is_empty()) {
            print_questions(&sniff.undecided)?;
            return Err(Failure::Message(
                "Casefile cannot tell how to read this file on its own (see the questions above). Run the command again with the option each question names. Nothing was stored.".into(),
            ));
        }
    }
    if args.preview {
        return print_preview(&args, &seen);
    }
    let Some(rows) = args.rows.as_deref() else {
        return Err(Failure::Message(format!(
            "Choose the rows to import with --rows, for example --rows 3,5-9: only the payments that were part of the scam (see them with: casefile import statement {} {} --preview), or --rows all. Nothing was stored.",
            args.case,
            shown(&args.file.display().to_string())
        )));
    };
    let refs: Vec<StatementRowRef> = match row_choice(rows)? {
        RowChoice::All => seen
            .rows
            .iter()
            .map(|r| StatementRowRef {
                row: r.row,
                part: r.part,
            })
            .collect(),
        RowChoice::Numbers(numbers) => numbers
            .iter()
            .flat_map(|&n| {
                let parts: Vec<StatementRowRef> = seen
                    .rows
                    .iter()
                    .filter(|r| r.row == n)
                    .map(|r| StatementRowRef {
                        row: r.row,
                        part: r.part,
                    })
                    .collect();
                // A row that cannot be read or is not there: core says which and why.
                if parts.is_empty() {
                    vec![StatementRowRef { row: n, part: 1 }]
                } else {
                    parts
                }
            })
            .collect(),
    };
    let options = StatementImportOptions {
        profile: if seen.format == "CSV" {
            seen.profile.clone()
        } else {
            None
        },
        save_profile_as: args.save_profile.clone(),
        rows: refs,
        account_id: args.account,
        currency: args.currency.clone(),
        network: args.network.map(|n| n.0),
    };
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |p: StatementImportProgress| {
        if terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rImporting: {} of {} rows", p.done, p.total);
            let _ = err.flush();
        }
        true
    };
    let result = store.import_statement(args.case, &name, &bytes, &options, &mut progress);
    if terminal {
        let _ = writeln!(std::io::stderr());
    }
    print_summary(&name, &seen, &result.map_err(with_hint)?)
}

/// Core's message with the option to change on the command line.
fn with_hint(e: casefile_core::CoreError) -> Failure {
    let hint = match e.field() {
        Some("currency") => " Add --currency CODE, e.g. --currency GBP.",
        Some("network") => " Add --network NET, e.g. --network tron.",
        Some("account_id") => " Give --account as the number of one of the case's accounts.",
        Some("save_profile_as") => " Leave out --save-profile.",
        _ => "",
    };
    Failure::Message(format!("{e}{hint}"))
}

/// The profile to read a CSV file with: a saved one by name, with the answers given on the
/// command line; `None` when Casefile's own choice (a saved profile by header, or the
/// proposal) should be used.
fn chosen_profile(
    store: &Store,
    args: &StatementArgs,
    name: &str,
    bytes: &[u8],
) -> Result<Option<CsvProfile>, Failure> {
    let saved = match &args.profile {
        Some(wanted) => {
            let found = store
                .list_statement_profiles()?
                .into_iter()
                .find(|p| p.name == *wanted);
            match found {
                Some(p) => Some(p.profile),
                None => {
                    return Err(Failure::Message(format!(
                        "There is no saved profile named \"{}\". See them with: casefile statement profiles",
                        shown(wanted)
                    )))
                }
            }
        }
        None => None,
    };
    if args.date_format.is_none() && args.decimal_mark.is_none() {
        return Ok(saved);
    }
    let (mut profile, open_questions) = match saved {
        Some(p) => (p, Vec::new()),
        None => {
            let seen = store.preview_statement(args.case, name, bytes, None)?;
            match (seen.profile, seen.csv) {
                (Some(p), Some(sniff)) if seen.profile_name.is_none() => (p, sniff.undecided),
                (Some(p), _) => (p, Vec::new()),
                _ => {
                    return Err(Failure::Message(
                        "--date-format and --decimal-mark are for CSV files; this statement needs neither. Leave them out.".into(),
                    ))
                }
            }
        }
    };
    if let Some(format) = &args.date_format {
        profile.date_format = format.clone();
    }
    if let Some(mark) = args.decimal_mark {
        if mark != '.' && mark != ',' {
            return Err(Failure::Message(format!(
                "--decimal-mark {mark:?} is not a decimal mark. Give \".\" or \",\"."
            )));
        }
        profile.decimal_mark = mark;
    }
    // Every open question must be answered: a placeholder is never used to read the file.
    let unanswered: Vec<Question> = open_questions
        .into_iter()
        .filter(|q| match q.topic {
            QuestionTopic::DateFormat => args.date_format.is_none(),
            QuestionTopic::DecimalMark => args.decimal_mark.is_none(),
            QuestionTopic::DateColumn | QuestionTopic::AmountColumns => true,
        })
        .collect();
    if !unanswered.is_empty() {
        print_questions(&unanswered)?;
        return Err(Failure::Message(
            "Casefile still cannot tell how to read this file (see the questions above). Add the option each question names. Nothing was stored.".into(),
        ));
    }
    Ok(Some(profile))
}

fn print_questions(questions: &[Question]) -> Result<(), Failure> {
    for q in questions {
        outln!("{}", shown(&q.message))?;
        let option = match q.topic {
            QuestionTopic::DateFormat => Some("--date-format"),
            QuestionTopic::DecimalMark => Some("--decimal-mark"),
            QuestionTopic::DateColumn | QuestionTopic::AmountColumns => None,
        };
        match option {
            Some(option) => {
                for c in &q.choices {
                    outln!("  {option} '{}'  {}", shown(&c.value), shown(&c.label))?;
                    for e in c.examples.iter().take(3) {
                        outln!("      {}", shown(e))?;
                    }
                }
            }
            None => outln!(
                "  Choose the columns in the window (Money tab, Import a statement…) and save the profile with a name; then use --profile NAME here."
            )?,
        }
    }
    Ok(())
}

fn row_number(row: u32, part: u32) -> String {
    if part > 1 {
        format!("{row}.{part}")
    } else {
        row.to_string()
    }
}

fn print_preview(args: &StatementArgs, p: &StatementPreview) -> Result<(), Failure> {
    outln!(
        "Preview of {} ({}, {} bytes, SHA-256 {}): nothing was stored.",
        shown(&p.file_name),
        p.format,
        p.size_bytes,
        p.sha256
    )?;
    if let Some(name) = &p.profile_name {
        outln!("Read with the saved profile \"{}\".", shown(name))?;
    }
    if let Some(account) = &p.account {
        let known = p
            .account_id
            .map(|id| format!(" (the case's account A-{id})"))
            .unwrap_or_default();
        outln!("Statement of account {}{known}.", shown(account))?;
    }
    if let Some(id) = p.imported_before {
        outln!("This exact file was imported before (import {id}).")?;
    }
    outln!(
        "{} rows can be read, {} cannot:",
        p.rows.len(),
        p.problems.len()
    )?;
    for r in &p.rows {
        let when = match &r.time {
            Some(t) => format!("{} {t}", r.booked),
            None => r.booked.clone(),
        };
        let flow = match r.flow {
            casefile_core::model::Direction::In => "in ",
            _ => "out",
        };
        let mut line = format!(
            "  {:>6}  {when:<19} {flow} {:>14} {:<4}  {}",
            row_number(r.row, r.part),
            r.amount,
            r.currency.as_deref().unwrap_or("?"),
            if r.counterparty.is_empty() {
                "-"
            } else {
                &r.counterparty
            }
        );
        if !r.counterparty_account.is_empty() {
            line.push_str(&format!(" ({})", r.counterparty_account));
        }
        if !r.reference.is_empty() {
            line.push_str(&format!(" · {}", r.reference));
        }
        if let Some(t) = r.already_imported {
            line.push_str(&format!("  [already imported as T-{t}]"));
        }
        outln!("{}", shown(&line))?;
    }
    for q in &p.problems {
        let column = q
            .column
            .as_deref()
            .map(|c| format!(", column \"{c}\""))
            .unwrap_or_default();
        outln!("  row {}{}: {}", q.row, shown(&column), shown(&q.message))?;
    }
    if p.rows.iter().any(|r| r.currency.is_none()) && args.currency.is_none() {
        outln!("The file gives no currency: add --currency CODE when you import.")?;
    }
    outln!(
        "To import rows: casefile import statement {} {} --rows 3,5-9 (the numbers above; only the payments that were part of the scam)",
        args.case,
        shown(&args.file.display().to_string())
    )?;
    Ok(())
}

fn print_summary(
    name: &str,
    seen: &StatementPreview,
    s: &StatementImportSummary,
) -> Result<(), Failure> {
    let ids: Vec<String> = s.transfer_ids.iter().map(|i| format!("T-{i}")).collect();
    outln!(
        "Imported {} transfer(s) from {} ({}): {}.",
        s.transfer_ids.len(),
        shown(name),
        seen.format,
        ids.join(", ")
    )?;
    if s.already_imported > 0 {
        outln!(
            "{} chosen row(s) were imported before and were not added again.",
            s.already_imported
        )?;
    }
    outln!(
        "The statement is kept as evidence V-{} (SHA-256 {}); each transfer keeps its row.",
        s.evidence_id,
        seen.sha256
    )?;
    outln!(
        "This is import {id}. To undo it: casefile statement undo {id}",
        id = s.import_id
    )?;
    Ok(())
}

/// `casefile statement …`.
pub(crate) fn run(path: &Path, command: StatementCommand) -> Result<(), Failure> {
    match command {
        StatementCommand::List { case, json } => {
            let imports = open(path)?.list_statement_imports(case)?;
            if json {
                return print_json(&imports);
            }
            if imports.is_empty() {
                outln!("No statements imported into case {case} yet.")?;
            }
            for i in &imports {
                outln!(
                    "Import {}: {} ({}), {} of {} rows as transfers, kept as V-{}; {}{}",
                    i.id,
                    shown(&i.file_name),
                    i.format,
                    i.transfers_added,
                    i.rows_in_file,
                    i.evidence_id,
                    i.imported_at,
                    i.profile_name
                        .as_deref()
                        .map(|n| format!("; profile \"{}\"", shown(n)))
                        .unwrap_or_default()
                )?;
            }
            Ok(())
        }
        StatementCommand::Undo { import_id } => {
            open(path)?.undo_statement_import(import_id)?;
            outln!("Import {import_id} undone: the transfers it added are removed; the audit log keeps what happened.")?;
            Ok(())
        }
        StatementCommand::ForgetProfile { name } => {
            open(path)?.delete_statement_profile(&name)?;
            outln!("The saved profile \"{}\" is forgotten.", shown(&name))?;
            Ok(())
        }
        StatementCommand::Profiles { json } => {
            let profiles = open(path)?.list_statement_profiles()?;
            if json {
                return print_json(&profiles);
            }
            if profiles.is_empty() {
                outln!("No saved profiles yet. Save one with --save-profile NAME when you import a CSV statement.")?;
            }
            for p in &profiles {
                outln!(
                    "{}: columns {}; dates {}, decimal mark '{}'; saved {}",
                    shown(&p.name),
                    shown(&p.header_key.replace('|', ", ")),
                    shown(&p.profile.date_format),
                    p.profile.decimal_mark,
                    p.updated_at
                )?;
            }
            Ok(())
        }
    }
}
