//! `casefile event …`: timeline events (messages, calls, first contact, notes).

use std::path::Path;

use casefile_core::model::EventInput;
use clap::Subcommand;
use serde_json::json;

use crate::failure::Failure;
use crate::input::{json_arg, with_defaults};
use crate::output::{outln, shown};
use crate::session::open;

#[derive(Subcommand)]
pub(crate) enum EventCommand {
    /// Add an event described as JSON: {"occurred_at":"2026-03-14 09:30","kind":"message","title":"…"}
    Add {
        case: i32,
        /// The record as JSON, or @FILE to read it from a file, or - from standard input
        /// (keeps case data out of the process list, and has no size limit of arguments).
        #[arg(long, value_name = "JSON|@FILE|-")]
        json: String,
    },
}

/// `casefile event …`.
pub(crate) fn run(path: &Path, command: EventCommand) -> Result<(), Failure> {
    match command {
        EventCommand::Add { case, json } => add(path, case, &json_arg(&json)?),
    }
}

fn add(path: &Path, case: i32, json: &str) -> Result<(), Failure> {
    let input: EventInput = with_defaults(
        "event",
        json,
        json!({ "kind": "note", "description": "", "links": [] }),
    )?;
    let mut store = open(path)?;
    let e = store.add_event(case, &input)?;
    outln!(
        "Added event E-{}: {} at {}",
        e.id,
        shown(&e.title),
        shown(&e.occurred.recorded)
    )?;
    Ok(())
}
