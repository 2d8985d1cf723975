//! `casefile`: the command-line front end over casefile-core, for caseworkers' scripts and tests.
//!
//! The passphrase comes from `CASEFILE_PASSPHRASE`, else it is asked for without echo on a
//! terminal. Every error ends the program with exit code 1 and one plain line on stderr.
//!
//! One file per domain, each owning its clap subcommands and their handlers; this file holds
//! only the top level and the dispatch.

use std::path::PathBuf;
use std::process::ExitCode;

use casefile_core::store;
use clap::{Parser, Subcommand};

mod accounts;
mod cases;
mod chats;
mod dossier;
mod events;
mod evidence;
mod failure;
mod input;
mod output;
mod search;
mod session;
mod statements;
mod subjects;
mod timeline;
mod transfers;
mod verify;

use failure::Failure;

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
    Cases(cases::ListArgs),
    /// Work with one case.
    Case {
        #[command(subcommand)]
        command: cases::CaseCommand,
    },
    /// Add a sample case (made-up people and numbers) to try Casefile out.
    Demo,
    /// Evidence files (screenshots, photos, statements, chat exports).
    Evidence {
        #[command(subcommand)]
        command: evidence::EvidenceCommand,
    },
    /// Take a chat export or a bank statement into a case: `casefile import chat CASE FILE`,
    /// `casefile import statement CASE FILE --rows 3,5-9`.
    Import {
        #[command(subcommand)]
        command: chats::ImportCommand,
    },
    /// Chats imported into a case: list them, read and search messages, mark key messages,
    /// undo an import.
    Chat {
        #[command(subcommand)]
        command: chats::ChatCommand,
    },
    /// Bank and exchange statements imported into a case: list them, undo an import, list the
    /// saved CSV profiles.
    Statement {
        #[command(subcommand)]
        command: statements::StatementCommand,
    },
    /// Accounts the money passed through: the victim's own, the scammers', not known yet.
    Account {
        #[command(subcommand)]
        command: accounts::AccountCommand,
    },
    /// The money trail: hops between the victim's own accounts and the loss, step by step.
    Trail(accounts::TrailArgs),
    /// Money transfers.
    Transfer {
        #[command(subcommand)]
        command: transfers::TransferCommand,
    },
    /// Scammers, fake platforms and intermediaries, with their identifiers.
    Subject {
        #[command(subcommand)]
        command: subjects::SubjectCommand,
    },
    /// Timeline events.
    Event {
        #[command(subcommand)]
        command: events::EventCommand,
    },
    /// The case's timeline: events, transfers and evidence in order of time.
    Timeline(timeline::TimelineArgs),
    /// Make documents from a case: `casefile export pdf CASE --out dossier.pdf`.
    Export {
        #[command(subcommand)]
        command: dossier::ExportCommand,
    },
    /// Check a case: re-hash every evidence item and walk the audit hash chain.
    Verify(verify::VerifyArgs),
    /// Loss totals of a case.
    Summary(transfers::SummaryArgs),
    /// Check that the audit log's hash chain is intact.
    VerifyLog,
    /// Search every case: names, wallets, IBANs, phones, references, notes, captions, chats.
    Search(search::SearchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output stopped reading (`| head`): that is its choice, not an error.
        Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            output::note(format_args!("casefile: {}", message.replace('\n', " ")));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let path = cli.store.unwrap_or_else(store::default_path);
    match cli.command {
        Command::Init => session::init(&path),
        Command::Cases(args) => cases::list(&path, args),
        Command::Case { command } => cases::run(&path, command),
        Command::Demo => cases::demo(&path),
        Command::Evidence { command } => evidence::run(&path, command),
        Command::Import { command } => chats::import(&path, command),
        Command::Chat { command } => chats::run(&path, command),
        Command::Statement { command } => statements::run(&path, command),
        Command::Account { command } => accounts::run(&path, command),
        Command::Trail(args) => accounts::trail(&path, args),
        Command::Transfer { command } => transfers::run(&path, command),
        Command::Subject { command } => subjects::run(&path, command),
        Command::Event { command } => events::run(&path, command),
        Command::Timeline(args) => timeline::show(&path, args),
        Command::Export { command } => dossier::run(&path, command),
        Command::Verify(args) => verify::case(&path, args),
        Command::Summary(args) => transfers::summary(&path, args),
        Command::VerifyLog => verify::log(&path),
        Command::Search(args) => search::run(&path, args),
    }
}
