//! `casefile`: the command-line front end over casefile-core, for caseworkers' scripts and tests.
//!
//! The passphrase comes from `CASEFILE_PASSPHRASE`, else it is asked for without echo on a
//! terminal. Every error ends the program with exit code 1 and one plain line on stderr.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use casefile_core::model::{Case, CaseFilter, CaseSummary};
use casefile_core::{store, CoreError, Store};
use clap::{Parser, Subcommand};

const ACTOR: &str = "casefile-cli";
const PASSPHRASE_ENV: &str = "CASEFILE_PASSPHRASE";

#[derive(Parser)]
#[command(
    name = "casefile",
    version,
    about = "Casefile: document online fraud in an encrypted case file."
)]
struct Cli {
    /// The case file to use (default: $CASEFILE_STORE, else the app's file in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    store: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty encrypted case file.
    Init,
    /// List the cases.
    Cases {
        /// Only cases whose title contains this text.
        #[arg(long)]
        search: Option<String>,
        /// Include archived cases.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Work with one case.
    Case {
        #[command(subcommand)]
        command: CaseCommand,
    },
    /// Add a sample case (made-up people and numbers) to try Casefile out.
    Demo,
    /// Check that the audit log's hash chain is intact.
    VerifyLog,
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Create a case.
    New {
        #[arg(long)]
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
}

/// A failure of the CLI itself, or one from core; printed as one line.
#[derive(Debug)]
struct Failure(String);

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("casefile: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn passphrase(confirm: bool) -> Result<String, Failure> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure(format!(
            "No passphrase given. Set {PASSPHRASE_ENV}, or run casefile in a terminal to be asked for it."
        )));
    }
    let first = rpassword::prompt_password("Passphrase: ")
        .map_err(|e| Failure(format!("Could not read the passphrase: {e}.")))?;
    if confirm {
        let again = rpassword::prompt_password("Type it again: ")
            .map_err(|e| Failure(format!("Could not read the passphrase: {e}.")))?;
        if again != first {
            return Err(Failure(
                "The two passphrases are not the same. Nothing was created; try again.".into(),
            ));
        }
    }
    Ok(first)
}

fn open(path: &std::path::Path) -> Result<Store, Failure> {
    // Check for the file before asking for a passphrase, so the message is the useful one.
    if !store::exists(path) {
        return Err(CoreError::StoreMissing {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(Store::open(path, &passphrase(false)?, ACTOR)?)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn run(cli: Cli) -> Result<(), Failure> {
    let path = cli.store.unwrap_or_else(store::default_path);
    match cli.command {
        Command::Init => {
            if store::exists(&path) {
                return Err(CoreError::StoreExists { path }.into());
            }
            Store::create(&path, &passphrase(true)?, ACTOR)?.close()?;
            println!("Created an empty encrypted case file at {}", path.display());
        }
        Command::Cases { search, all, json } => {
            let store = open(&path)?;
            let cases = store.list_cases(&CaseFilter {
                query: search.unwrap_or_default(),
                include_archived: all,
            })?;
            if json {
                print_json(&cases)?;
            } else {
                print_case_table(&cases);
            }
        }
        Command::Case { command } => match command {
            CaseCommand::New { title, json } => {
                let mut store = open(&path)?;
                let case = store.create_case(&title)?;
                if json {
                    print_json(&case)?;
                } else {
                    println!("Created case {}: {}", case.id, case.title);
                }
            }
            CaseCommand::Show { id, json } => {
                let store = open(&path)?;
                let case = store.get_case(id)?;
                if json {
                    print_json(&case)?;
                } else {
                    print_case(&case);
                }
            }
        },
        Command::Demo => {
            let mut store = open(&path)?;
            let case = casefile_core::demo::add_demo_case(&mut store)?;
            println!("Added the sample case {}: {}", case.id, case.title);
        }
        Command::VerifyLog => {
            let store = open(&path)?;
            let report = store.verify_audit_chain()?;
            match report.problem {
                None => println!(
                    "OK: the audit log's {} entries are intact. Head of the chain: {}",
                    report.entries, report.head_hash
                ),
                Some(p) => {
                    return Err(Failure(format!(
                        "The audit log is NOT intact: {} ({} entries before it verified).",
                        p.reason, report.entries
                    )))
                }
            }
        }
    }
    Ok(())
}

fn print_case_table(cases: &[CaseSummary]) {
    if cases.is_empty() {
        println!("No cases.");
        return;
    }
    println!(
        "{:>5}  {:<12}  {:>5}  {:<20}  TITLE",
        "ID", "STATUS", "ITEMS", "CHANGED (UTC)"
    );
    for c in cases {
        let archived = if c.archived { " (archived)" } else { "" };
        println!(
            "{:>5}  {:<12}  {:>5}  {:<20}  {}{}",
            c.id,
            c.status.as_str(),
            c.item_count,
            c.updated_at,
            c.title,
            archived
        );
    }
}

fn print_case(case: &Case) {
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
        println!("{label:<14} {value}");
    }
    if !d.statement.is_empty() {
        println!("\nStatement:\n{}", d.statement);
    }
    if !d.notes.is_empty() {
        println!("\nNotes:\n{}", d.notes);
    }
}
