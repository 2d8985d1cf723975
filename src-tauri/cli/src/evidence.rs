//! `casefile evidence …`: files taken into a case.

use std::path::{Path, PathBuf};

use casefile_core::CoreError;
use clap::Subcommand;

use crate::failure::Failure;
use crate::input::{id_list, text_arg};
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
        /// Time zone of the phone or computer that made the files (e.g. Asia/Bangkok); times
        /// written without a zone (in file names, EXIF) are read in it. Default: the case's.
        #[arg(long, value_name = "ZONE")]
        zone: Option<String>,
    },
    /// Move the capture times of some items by a fixed amount (a phone whose clock was wrong).
    Shift {
        case: i32,
        /// Items, e.g. 3,5-9 or V-3,V-5.
        #[arg(long, value_name = "IDS")]
        ids: String,
        /// How far: +3h, -1h30m, +2d, -45m.
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        by: String,
    },
    /// Read the capture times of some items in another time zone (the phone was set to it).
    Zone {
        case: i32,
        /// Items, e.g. 3,5-9 or V-3,V-5.
        #[arg(long, value_name = "IDS")]
        ids: String,
        /// The zone, e.g. Asia/Bangkok.
        zone: String,
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
            zone,
        } => add(
            path,
            case,
            &files,
            &text_arg("--caption", &caption)?,
            zone.as_deref(),
        ),
        EvidenceCommand::List { case, json } => list(path, case, json),
        EvidenceCommand::Shift { case, ids, by } => {
            let minutes = parse_shift(&by)?;
            let ids = parse_ids(&ids)?;
            let mut store = open(path)?;
            report_change(store.shift_capture_times(case, &ids, minutes)?)
        }
        EvidenceCommand::Zone { case, ids, zone } => {
            let ids = parse_ids(&ids)?;
            let mut store = open(path)?;
            report_change(store.set_capture_zone(case, &ids, &zone)?)
        }
    }
}

fn add(
    path: &Path,
    case: i32,
    files: &[PathBuf],
    caption: &str,
    zone: Option<&str>,
) -> Result<(), Failure> {
    let mut store = open(path)?;
    let mut intake = store.begin_intake(case, zone)?;
    let mut failed = Vec::new();
    for file in files {
        match store.intake_file(&mut intake, file, caption) {
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
            Err(e @ CoreError::NotFound { .. }) => {
                store.finish_intake(intake)?;
                return Err(e.into());
            }
            Err(e) => failed.push(format!("{}: {}", file.display(), e)),
        }
    }
    let summary = store.finish_intake(intake)?;
    if summary.stored > 0 {
        outln!(
            "{} stored safely; times without a zone were read in {}.",
            plural(summary.stored, "file"),
            summary.device_zone
        )?;
        let made = store.make_pending_previews()?;
        if made > 0 {
            outln!("Previews made for {}.", plural(made as u32, "picture"))?;
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

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn report_change(change: casefile_core::model::CaptureTimeChange) -> Result<(), Failure> {
    for e in &change.changed {
        let when = e
            .captured
            .as_ref()
            .map_or("unknown", |m| m.recorded.as_str());
        outln!("V-{}: now {}", e.id, shown(when))?;
    }
    for s in &change.skipped {
        outln!("{}", shown(&s.reason))?;
    }
    if change.changed.is_empty() {
        return Err(Failure::Message("Nothing was changed.".into()));
    }
    Ok(())
}

/// `3,5-9` or `V-3,V-5` → ids.
fn parse_ids(raw: &str) -> Result<Vec<i32>, Failure> {
    id_list("--ids", "items", 'V', raw)
}

/// `+3h`, `-1h30m`, `2d`, `-45m` → minutes.
fn parse_shift(raw: &str) -> Result<i32, Failure> {
    let bad = || {
        Failure::Message(format!(
            "--by {raw:?} is not an amount of time. Write it like +3h, -1h30m, +2d or -45m."
        ))
    };
    let t = raw.trim();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => (-1i64, r),
        None => (1i64, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' if number.len() < 7 => number.push(c),
            'd' | 'h' | 'm' if !number.is_empty() => {
                let n: i64 = number.parse().map_err(|_| bad())?;
                total += n * match c {
                    'd' => 1440,
                    'h' => 60,
                    _ => 1,
                };
                number.clear();
            }
            ' ' => {}
            _ => return Err(bad()),
        }
    }
    if !number.is_empty() || total == 0 {
        return Err(bad());
    }
    i32::try_from(sign * total).map_err(|_| bad())
}

fn kib(bytes: u32) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", f64::from(bytes) / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
