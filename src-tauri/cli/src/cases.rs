//! `casefile cases`, `casefile case …` and `casefile demo`: the cases themselves, and moving a
//! whole case in and out as JSON.

use std::path::{Path, PathBuf};

use casefile_core::files;
use casefile_core::model::{Case, CaseFilter, CaseSummary};
use clap::{Args, Subcommand};

use crate::failure::Failure;
use crate::input::{optional_text_arg, text_arg};
use crate::output::{note, outln, print_json, shown};
use crate::session::open;

#[derive(Args)]
pub(crate) struct ListArgs {
    /// Only cases whose title contains this text (or @FILE, or - for standard input).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Include archived cases.
    #[arg(long)]
    all: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub(crate) enum CaseCommand {
    /// Create a case.
    New {
        /// The title (or @FILE to read it from a file, - from standard input; @@ for a leading @).
        #[arg(long, value_name = "TEXT")]
        title: String,
        #[arg(long)]
        json: bool,
    },
    /// Show a case with all its details.
    Show {
        id: i32,
        #[arg(long)]
        json: bool,
    },
    /// Write a whole case, evidence included, as JSON (to stdout or --out FILE).
    Export {
        id: i32,
        /// Must be given as --json: the interchange format is JSON.
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import a case from a JSON export; every evidence hash is checked first.
    Import { file: PathBuf },
}

/// `casefile cases`.
pub(crate) fn list(path: &Path, args: ListArgs) -> Result<(), Failure> {
    let search = optional_text_arg("--search", args.search)?;
    let store = open(path)?;
    let cases = store.list_cases(&CaseFilter {
        query: search.unwrap_or_default(),
        include_archived: args.all,
    })?;
    if args.json {
        print_json(&cases)
    } else {
        print_case_table(&cases)
    }
}

/// `casefile case …`.
pub(crate) fn run(path: &Path, command: CaseCommand) -> Result<(), Failure> {
    match command {
        CaseCommand::New { title, json } => {
            let title = text_arg("--title", &title)?;
            let mut store = open(path)?;
            let case = store.create_case(&title)?;
            if json {
                print_json(&case)?;
            } else {
                outln!("Created case {}: {}", case.id, shown(&case.title))?;
            }
        }
        CaseCommand::Show { id, json } => {
            let store = open(path)?;
            let case = store.get_case(id)?;
            if json {
                print_json(&case)?;
            } else {
                print_case(&case)?;
            }
        }
        CaseCommand::Export { id, json, out } => export(path, id, json, out)?,
        CaseCommand::Import { file } => import(path, &file)?,
    }
    Ok(())
}

fn export(path: &Path, id: i32, json: bool, out: Option<PathBuf>) -> Result<(), Failure> {
    if !json {
        return Err(Failure::Message(
            "Say --json: cases are exported as JSON (casefile case export ID --json > case.json)."
                .into(),
        ));
    }
    let store = open(path)?;
    let export = store.export_case(id)?;
    match out {
        Some(file) => {
            let text = serde_json::to_string_pretty(&export)
                .map_err(|e| Failure::Message(e.to_string()))?;
            let folder = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Leftovers of a killed export are only clutter; never a reason to stop.
            let _ = files::remove_stale_partials(folder);
            files::write_atomically(&file, (text + "\n").as_bytes())?;
            note(format_args!(
                "Exported case {id} to {}",
                shown(&file.display().to_string())
            ));
        }
        // JSON as stored: not through `shown`, which is for people reading a terminal.
        None => print_json(&export)?,
    }
    Ok(())
}

fn import(path: &Path, file: &Path) -> Result<(), Failure> {
    let io = |source| {
        Failure::from(casefile_core::CoreError::Io {
            path: file.to_path_buf(),
            source,
        })
    };
    let meta = std::fs::metadata(file).map_err(io)?;
    if !meta.is_file() {
        return Err(Failure::Message(format!(
            "{} is not a regular file. Give the path of a case export (.json) made with casefile case export.",
            shown(&file.display().to_string())
        )));
    }
    let bytes = std::fs::read(file).map_err(io)?;
    let mut store = open(path)?;
    // Hashed once, by core, which records it in the audit log.
    let imported = store.import_case_file(&bytes)?;
    outln!(
        "Imported as case {}: {} ({} evidence items, every SHA-256 checked; file SHA-256 {})",
        imported.case.id,
        shown(&imported.case.title),
        imported.evidence_items,
        imported.file_sha256
    )?;
    Ok(())
}

/// `casefile demo`.
pub(crate) fn demo(path: &Path) -> Result<(), Failure> {
    let mut store = open(path)?;
    let case = casefile_core::demo::add_demo_case(&mut store)?;
    outln!("Added the sample case {}: {}", case.id, shown(&case.title))?;
    Ok(())
}

fn print_case_table(cases: &[CaseSummary]) -> Result<(), Failure> {
    if cases.is_empty() {
        return outln!("No cases.");
    }
    outln!(
        "{:>5}  {:<12}  {:>5}  {:<20}  TITLE",
        "ID",
        "STATUS",
        "ITEMS",
        "CHANGED (UTC)"
    )?;
    for c in cases {
        let archived = if c.archived { " (archived)" } else { "" };
        outln!(
            "{:>5}  {:<12}  {:>5}  {:<20}  {}{}",
            c.id,
            c.status.as_str(),
            c.item_count,
            c.updated_at,
            shown(&c.title),
            archived
        )?;
    }
    Ok(())
}

fn print_case(case: &Case) -> Result<(), Failure> {
    let d = &case.details;
    let rows = [
        ("Case", format!("{} — {}", case.id, case.title)),
        ("Status", case.status.as_str().to_string()),
        (
            "Archived",
            if case.archived { "yes" } else { "no" }.to_string(),
        ),
        ("Police report", d.police_report_no.clone()),
        ("Bank claim", d.bank_claim_no.clone()),
        ("Complaint id", d.complaint_id.clone()),
        ("Victim", d.victim_name.clone()),
        ("Contact", d.victim_contact.clone()),
        ("Address", d.victim_address.clone()),
        (
            "Date of birth",
            d.victim_date_of_birth.clone().unwrap_or_default(),
        ),
        ("Currency", d.reporting_currency.clone()),
        ("Time zone", d.time_zone.clone()),
        ("Created", case.created_at.clone()),
        ("Changed", case.updated_at.clone()),
    ];
    for (label, value) in rows {
        outln!("{label:<14} {}", shown(&value))?;
    }
    if !d.statement.is_empty() {
        outln!("\nStatement:\n{}", d.statement)?;
    }
    if !d.notes.is_empty() {
        outln!("\nNotes:\n{}", d.notes)?;
    }
    Ok(())
}
