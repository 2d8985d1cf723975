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

mod records;

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
    /// Evidence files (screenshots, photos, statements, chat exports).
    Evidence {
        #[command(subcommand)]
        command: EvidenceCommand,
    },
    /// Money transfers.
    Transfer {
        #[command(subcommand)]
        command: TransferCommand,
    },
    /// Scammers, fake platforms and intermediaries, with their identifiers.
    Subject {
        #[command(subcommand)]
        command: SubjectCommand,
    },
    /// Timeline events.
    Event {
        #[command(subcommand)]
        command: EventCommand,
    },
    /// The case's timeline: events, transfers and evidence in order of time.
    Timeline {
        case: i32,
        /// Only these kinds (e.g. out, first_contact, evidence); repeat for several.
        #[arg(long = "kind")]
        kinds: Vec<String>,
        /// Only entries containing this text.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make documents from a case: `casefile export pdf CASE --out dossier.pdf`.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Check a case: re-hash every evidence item and walk the audit hash chain.
    Verify {
        case: i32,
        #[arg(long)]
        json: bool,
    },
    /// Loss totals of a case.
    Summary {
        case: i32,
        #[arg(long)]
        json: bool,
    },
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

#[derive(Subcommand)]
pub(crate) enum ExportCommand {
    /// The PDF dossier (police) or a letter to one bank or exchange.
    Pdf {
        case: i32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "police")]
        variant: VariantArg,
        /// For --variant bank: the bank or exchange, as written in the transfers.
        #[arg(long)]
        institution: Option<String>,
        /// Who prepared the dossier (printed on it).
        #[arg(long, default_value = "")]
        prepared_by: String,
        /// Also write <name>-transfers.csv and <name>-identifiers.csv beside the PDF.
        #[arg(long)]
        csv: bool,
        /// Leave the evidence pictures out (their details and hashes stay).
        #[arg(long)]
        without_images: bool,
        /// Leave a section out; repeat for several.
        #[arg(long, value_enum)]
        omit: Vec<SectionArg>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum SectionArg {
    Statement,
    Timeline,
    Subjects,
    Evidence,
    Custody,
}

impl SectionArg {
    pub(crate) fn section(self) -> casefile_core::dossier::Section {
        use casefile_core::dossier::Section;
        match self {
            SectionArg::Statement => Section::Statement,
            SectionArg::Timeline => Section::Timeline,
            SectionArg::Subjects => Section::Subjects,
            SectionArg::Evidence => Section::Evidence,
            SectionArg::Custody => Section::Custody,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum VariantArg {
    Police,
    Bank,
}

#[derive(Subcommand)]
pub(crate) enum EvidenceCommand {
    /// Add files to a case.
    Add {
        case: i32,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "")]
        caption: String,
    },
    /// List a case's evidence.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum TransferCommand {
    /// Add a transfer described as JSON (fields as in `transfer list --json`; most are optional).
    Add {
        case: i32,
        #[arg(long)]
        json: String,
        /// Save even if some values look wrong (the warnings are kept with the transfer).
        #[arg(long)]
        accept_warnings: bool,
    },
    /// List a case's transfers.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum SubjectCommand {
    /// Add a subject described as JSON, with its identifiers:
    /// {"kind":"persona","name":"Anna","identifiers":[{"kind":"whatsapp","value":"+852 5123 4567"}]}
    Add {
        case: i32,
        #[arg(long)]
        json: String,
        #[arg(long)]
        accept_warnings: bool,
    },
    /// List a case's subjects and identifiers.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum EventCommand {
    /// Add an event described as JSON: {"occurred_at":"2026-03-14 09:30","kind":"message","title":"…"}
    Add {
        case: i32,
        #[arg(long)]
        json: String,
    },
}

/// A failure of the CLI itself, or one from core; printed as one line.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

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
    if let Some(p) = std::env::var_os(PASSPHRASE_ENV) {
        return p.into_string().map_err(|_| {
            Failure(format!(
                "{PASSPHRASE_ENV} is set but is not valid text (UTF-8), so it cannot be the passphrase. Set it again from a UTF-8 terminal or script, or unset it to be asked for the passphrase."
            ))
        });
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

pub(crate) fn open(path: &std::path::Path) -> Result<Store, Failure> {
    // Check for the file before asking for a passphrase, so the message is the useful one.
    if !store::exists(path) {
        return Err(CoreError::StoreMissing {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(Store::open(path, &passphrase(false)?, ACTOR)?)
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
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
            CaseCommand::Export { id, json, out } => {
                if !json {
                    return Err(Failure("Say --json: cases are exported as JSON (casefile case export ID --json > case.json).".into()));
                }
                let store = open(&path)?;
                let export = store.export_case(id)?;
                let text =
                    serde_json::to_string_pretty(&export).map_err(|e| Failure(e.to_string()))?;
                match out {
                    Some(file) => {
                        std::fs::write(&file, text + "\n").map_err(|e| {
                            Failure(format!("Could not write {}: {e}.", file.display()))
                        })?;
                        eprintln!("Exported case {id} to {}", file.display());
                    }
                    None => println!("{text}"),
                }
            }
            CaseCommand::Import { file } => {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| Failure(format!("Could not read {}: {e}.", file.display())))?;
                let export: casefile_core::interchange::CaseExport = serde_json::from_str(&text).map_err(|e| {
                    Failure(format!("{} is not a Casefile case export, or it is damaged ({e}). Nothing was imported.", file.display()))
                })?;
                let mut store = open(&path)?;
                let case = store.import_case(&export)?;
                println!(
                    "Imported as case {}: {} ({} evidence items, every SHA-256 checked)",
                    case.id,
                    case.title,
                    export.evidence.len()
                );
            }
        },
        Command::Evidence { command } => records::evidence(&path, command)?,
        Command::Transfer { command } => records::transfer(&path, command)?,
        Command::Subject { command } => records::subject(&path, command)?,
        Command::Event { command } => records::event(&path, command)?,
        Command::Timeline {
            case,
            kinds,
            search,
            json,
        } => records::timeline(&path, case, kinds, search, json)?,
        Command::Summary { case, json } => records::summary(&path, case, json)?,
        Command::Export { command } => records::export(&path, command)?,
        Command::Verify { case, json } => records::verify(&path, case, json)?,
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
