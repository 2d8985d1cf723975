//! `casefile evidence …`: files taken into a case.

use std::path::{Path, PathBuf};

use casefile_core::CoreError;
use clap::Subcommand;

use crate::failure::Failure;
use crate::input::text_arg;
use crate::output::{outln, print_json, shown};
use crate::session::open;

#[derive(Subcommand)]
pub(crate) enum EvidenceCommand {
    /// Add files to a case.
    Add {
        case: i32,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// What the files show (or @FILE to read it from a file, - from standard input).
        #[arg(long, default_value = "", value_name = "TEXT")]
        caption: String,
    },
    /// List a case's evidence.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
}

/// `casefile evidence …`.
pub(crate) fn run(path: &Path, command: EvidenceCommand) -> Result<(), Failure> {
    match command {
        EvidenceCommand::Add {
            case,
            files,
            caption,
        } => add(path, case, &files, &text_arg("--caption", &caption)?),
        EvidenceCommand::List { case, json } => list(path, case, json),
    }
}

fn add(path: &Path, case: i32, files: &[PathBuf], caption: &str) -> Result<(), Failure> {
    let mut store = open(path)?;
    let mut failed = Vec::new();
    for file in files {
        match store.add_evidence_file(case, file, caption) {
            Ok(r) if r.duplicate => outln!(
                "Already in the case as V-{}: {} (same SHA-256)",
                r.evidence.id,
                shown(&file.display().to_string())
            )?,
            Ok(r) => {
                let e = r.evidence;
                outln!(
                    "Added V-{}: {} ({}, {}, SHA-256 {})",
                    e.id,
                    shown(&e.file_name),
                    e.media_type,
                    kib(e.size_bytes),
                    e.sha256
                )?;
            }
            // No such case: every other file would fail the same way.
            Err(e @ CoreError::NotFound { .. }) => return Err(e.into()),
            Err(e) => failed.push(format!("{}: {}", file.display(), e)),
        }
    }
    if !failed.is_empty() {
        return Err(Failure::Message(format!(
            "{} of {} files were not added. {}",
            failed.len(),
            files.len(),
            failed.join(" ")
        )));
    }
    Ok(())
}

fn list(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let list = store.list_evidence(case)?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("No evidence in this case yet.")?;
    }
    for e in list {
        let when = e
            .captured
            .map(|m| m.recorded)
            .unwrap_or_else(|| "capture time unknown".into());
        outln!(
            "V-{:<4} {:<28} {:<24} {:>9}  {}  {}",
            e.id,
            shown(&when),
            e.media_type,
            kib(e.size_bytes),
            e.sha256,
            shown(&e.file_name)
        )?;
    }
    Ok(())
}

fn kib(bytes: u32) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", f64::from(bytes) / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
