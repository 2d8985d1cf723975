//! `casefile subject …`: scammers, fake platforms and intermediaries, with their identifiers.

use std::path::Path;

use casefile_core::model::{IdentifierInput, SubjectInput, SubjectKind};
use clap::Subcommand;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::failure::{confirm_hint, Failure};
use crate::input::{json_arg, with_defaults};
use crate::output::{outln, print_json, shown};
use crate::session::open;

#[derive(Subcommand)]
pub(crate) enum SubjectCommand {
    /// Add a subject described as JSON, with its identifiers:
    /// {"kind":"persona","name":"Anna","identifiers":[{"kind":"whatsapp","value":"+852 5123 4567"}]}
    Add {
        case: i32,
        /// The record as JSON, or @FILE to read it from a file, or - from standard input
        /// (keeps case data out of the process list, and has no size limit of arguments).
        #[arg(long, value_name = "JSON|@FILE|-")]
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

/// `casefile subject …`.
pub(crate) fn run(path: &Path, command: SubjectCommand) -> Result<(), Failure> {
    match command {
        SubjectCommand::Add {
            case,
            json,
            accept_warnings,
        } => add(path, case, &json_arg(&json)?, accept_warnings),
        SubjectCommand::List { case, json } => list(path, case, json),
    }
}

/// A subject with its identifiers, as `subject add --json` takes it. Not `#[serde(flatten)]`:
/// a flattened struct never sees unknown fields, so a misspelled one would be dropped silently.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectJson {
    kind: SubjectKind,
    name: String,
    description: String,
    notes: String,
    #[serde(default)]
    identifiers: Vec<Value>,
}

fn identifier_defaults() -> Value {
    json!({ "subject_id": null, "network": null, "bank_name": "", "is_exchange_deposit": false, "notes": "", "accept_warnings": false })
}

fn add(path: &Path, case: i32, json: &str, accept_warnings: bool) -> Result<(), Failure> {
    let parsed: SubjectJson = with_defaults(
        "subject",
        json,
        json!({ "kind": "persona", "description": "", "notes": "", "identifiers": [] }),
    )?;
    let mut inputs = Vec::new();
    for i in &parsed.identifiers {
        let mut input: IdentifierInput =
            with_defaults("identifier", &i.to_string(), identifier_defaults())?;
        input.accept_warnings |= accept_warnings;
        inputs.push(input);
    }
    let mut store = open(path)?;
    // One transaction: the subject is saved with all its identifiers, or not at all.
    let s = store
        .add_subject_with_identifiers(
            case,
            &SubjectInput {
                kind: parsed.kind,
                name: parsed.name,
                description: parsed.description,
                notes: parsed.notes,
            },
            &inputs,
        )
        .map_err(confirm_hint)?;
    outln!(
        "Added subject S-{}: {} ({})",
        s.id,
        shown(&s.name),
        s.kind.label()
    )?;
    for i in &s.identifiers {
        outln!("  I-{} {}: {}", i.id, i.kind.label(), shown(&i.display))?;
        for c in &i.other_cases {
            outln!("    also in case {}: {}", c.id, shown(&c.title))?;
        }
    }
    Ok(())
}

fn list(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let list = store.list_subjects(case)?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("No subjects in this case yet.")?;
    }
    for s in list {
        outln!("S-{} {} ({})", s.id, shown(&s.name), s.kind.label())?;
        for i in s.identifiers {
            let also = if i.other_cases.is_empty() {
                String::new()
            } else {
                format!(
                    "  — also in {}",
                    i.other_cases
                        .iter()
                        .map(|c| format!("case {}", c.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            outln!(
                "  I-{} {}: {}{}",
                i.id,
                i.kind.label(),
                shown(&i.display),
                also
            )?;
        }
    }
    Ok(())
}
