//! CLI subcommands for the records inside a case: evidence, transfers, subjects, events,
//! timeline and loss summary.

use std::path::Path;

use crate::SectionArg;

use casefile_core::model::{
    EventInput, IdentifierInput, SubjectInput, TimelineQuery, TransferInput,
};
use casefile_core::CoreError;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::{
    open, print_json, EventCommand, EvidenceCommand, ExportCommand, Failure, SubjectCommand,
    TransferCommand, VariantArg,
};

/// Fills in the fields a person may leave out of a JSON record, then reads it.
fn with_defaults<T: for<'de> Deserialize<'de>>(
    what: &str,
    text: &str,
    defaults: Value,
) -> Result<T, Failure> {
    let given: Value = serde_json::from_str(text)
        .map_err(|e| Failure(format!("The {what} is not valid JSON ({e}). Put it in single quotes: --json '{{\"amount\": \"100\"}}'.")))?;
    let Value::Object(given) = given else {
        return Err(Failure(format!(
            "The {what} must be a JSON object, like {{\"amount\": \"100\"}}."
        )));
    };
    let Value::Object(mut merged) = defaults else {
        return Err(Failure("internal: defaults must be an object".into()));
    };
    merged.extend(given);
    serde_json::from_value(Value::Object(merged))
        .map_err(|e| Failure(format!("The {what} has a field Casefile cannot use: {e}.")))
}

/// The defaults of `TransferInput::new`, without the fields a transfer must state itself.
fn transfer_defaults() -> Value {
    let mut defaults = serde_json::to_value(TransferInput::new("", "", "")).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut defaults {
        for required in ["occurred_at", "amount", "currency"] {
            map.remove(required);
        }
    }
    defaults
}

fn identifier_defaults() -> Value {
    json!({ "subject_id": null, "network": null, "bank_name": "", "is_exchange_deposit": false, "notes": "", "accept_warnings": false })
}

fn confirm_hint(e: CoreError) -> Failure {
    match e {
        CoreError::NeedsConfirmation { warnings } => Failure(format!(
            "Please check before saving: {} Nothing was saved. If the original really reads like this, run the command again with --accept-warnings.",
            warnings.join(" ")
        )),
        other => other.into(),
    }
}

fn kib(bytes: u32) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", f64::from(bytes) / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

pub(crate) fn evidence(path: &Path, command: EvidenceCommand) -> Result<(), Failure> {
    match command {
        EvidenceCommand::Add {
            case,
            files,
            caption,
        } => {
            let mut store = open(path)?;
            let mut failed = Vec::new();
            for file in &files {
                match store.add_evidence_file(case, file, &caption) {
                    Ok(r) if r.duplicate => println!(
                        "Already in the case as V-{}: {} (same SHA-256)",
                        r.evidence.id,
                        file.display()
                    ),
                    Ok(r) => {
                        let e = r.evidence;
                        println!(
                            "Added V-{}: {} ({}, {}, SHA-256 {})",
                            e.id,
                            e.file_name,
                            e.media_type,
                            kib(e.size_bytes),
                            e.sha256
                        );
                    }
                    Err(e @ CoreError::NotFound { .. }) => return Err(e.into()),
                    Err(e) => failed.push(format!("{}: {}", file.display(), e)),
                }
            }
            if !failed.is_empty() {
                return Err(Failure(format!(
                    "{} of {} files were not added. {}",
                    failed.len(),
                    files.len(),
                    failed.join(" ")
                )));
            }
        }
        EvidenceCommand::List { case, json } => {
            let store = open(path)?;
            let list = store.list_evidence(case)?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                println!("No evidence in this case yet.");
            } else {
                for e in list {
                    let when = e
                        .captured
                        .map(|m| m.recorded)
                        .unwrap_or_else(|| "capture time unknown".into());
                    println!(
                        "V-{:<4} {:<28} {:<24} {:>9}  {}  {}",
                        e.id,
                        when,
                        e.media_type,
                        kib(e.size_bytes),
                        e.sha256,
                        e.file_name
                    );
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn transfer(path: &Path, command: TransferCommand) -> Result<(), Failure> {
    match command {
        TransferCommand::Add {
            case,
            json,
            accept_warnings,
        } => {
            let mut input: TransferInput = with_defaults("transfer", &json, transfer_defaults())?;
            input.accept_warnings |= accept_warnings;
            let mut store = open(path)?;
            let t = store.add_transfer(case, &input).map_err(confirm_hint)?;
            println!(
                "Added transfer T-{}: {} {} {} on {}",
                t.id,
                t.direction.label(),
                t.amount,
                t.currency,
                t.occurred.recorded
            );
            for w in &t.warnings {
                println!("  warning kept with the record: {w}");
            }
        }
        TransferCommand::List { case, json } => {
            let store = open(path)?;
            let list = store.list_transfers(case)?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                println!("No transfers in this case yet.");
            } else {
                for t in list {
                    let to = [
                        t.beneficiary_name.as_str(),
                        t.beneficiary_account.as_str(),
                        t.beneficiary_wallet.as_str(),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                    let flag = if t.warnings.is_empty() { "" } else { "  (!)" };
                    println!(
                        "T-{:<4} {}  {:<9} {:>16} {:<5} {}{}",
                        t.id,
                        t.occurred.recorded,
                        t.direction.as_str(),
                        t.amount,
                        t.currency,
                        to,
                        flag
                    );
                }
            }
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct SubjectJson {
    #[serde(flatten)]
    subject: SubjectInput,
    #[serde(default)]
    identifiers: Vec<Value>,
}

pub(crate) fn subject(path: &Path, command: SubjectCommand) -> Result<(), Failure> {
    match command {
        SubjectCommand::Add {
            case,
            json,
            accept_warnings,
        } => {
            let parsed: SubjectJson = with_defaults(
                "subject",
                &json,
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
            // Check every identifier first, so a subject is never saved with half its identifiers.
            for input in &inputs {
                let warnings = store.check_identifier(input)?;
                if !warnings.is_empty() && !input.accept_warnings {
                    return Err(confirm_hint(CoreError::NeedsConfirmation { warnings }));
                }
            }
            let s = store.add_subject(case, &parsed.subject)?;
            println!("Added subject S-{}: {} ({})", s.id, s.name, s.kind.label());
            for mut input in inputs {
                input.subject_id = Some(s.id);
                let i = store.add_identifier(case, &input).map_err(confirm_hint)?;
                println!("  I-{} {}: {}", i.id, i.kind.label(), i.display);
                for c in &i.other_cases {
                    println!("    also in case {}: {}", c.id, c.title);
                }
            }
        }
        SubjectCommand::List { case, json } => {
            let store = open(path)?;
            let list = store.list_subjects(case)?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                println!("No subjects in this case yet.");
            } else {
                for s in list {
                    println!("S-{} {} ({})", s.id, s.name, s.kind.label());
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
                        println!("  I-{} {}: {}{}", i.id, i.kind.label(), i.display, also);
                    }
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn event(path: &Path, command: EventCommand) -> Result<(), Failure> {
    match command {
        EventCommand::Add { case, json } => {
            let input: EventInput = with_defaults(
                "event",
                &json,
                json!({ "kind": "note", "description": "", "links": [] }),
            )?;
            let mut store = open(path)?;
            let e = store.add_event(case, &input)?;
            println!(
                "Added event E-{}: {} at {}",
                e.id, e.title, e.occurred.recorded
            );
        }
    }
    Ok(())
}

pub(crate) fn timeline(
    path: &Path,
    case: i32,
    kinds: Vec<String>,
    search: Option<String>,
    json: bool,
) -> Result<(), Failure> {
    let store = open(path)?;
    let tz = store.get_case(case)?.details.time_zone;
    let mut query = TimelineQuery {
        kinds,
        text: search.unwrap_or_default(),
        offset: 0,
        limit: 1000,
    };
    let mut entries = Vec::new();
    loop {
        let page = store.timeline(case, &query)?;
        let n = page.entries.len() as u32;
        entries.extend(page.entries);
        query.offset += n;
        if n == 0 || query.offset >= page.total {
            break;
        }
    }
    if json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        println!("Nothing on the timeline yet.");
    }
    let mut day = String::new();
    for e in entries {
        if e.day != day {
            day = e.day.clone();
            println!("\n{day} ({tz})");
        }
        let utc =
            if e.recorded_offset_minutes != e.case_offset_minutes || e.case_offset_minutes != 0 {
                format!("  [UTC {}; recorded {}]", &e.at_utc, e.recorded)
            } else {
                String::new()
            };
        println!(
            "  {}  {:<30} {}{}",
            e.case_local.get(11..).unwrap_or(&e.case_local),
            e.kind_label,
            e.title,
            utc
        );
        if !e.detail.trim().is_empty() {
            println!("         {}", e.detail.trim());
        }
    }
    Ok(())
}

pub(crate) fn summary(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let s = store.loss_summary(case)?;
    if json {
        return print_json(&s);
    }
    println!("{} transfers", s.transfers);
    for c in &s.per_currency {
        let net = c
            .network
            .map(|n| format!(" ({})", n.label()))
            .unwrap_or_default();
        println!(
            "{}{}: paid out {}, received {}, recovered {}, net loss {}",
            c.currency, net, c.paid_out, c.received, c.recovered, c.net_loss
        );
    }
    let r = &s.in_reporting_currency;
    println!(
        "In {}: net loss {} (paid out {}, received {}, recovered {})",
        s.reporting_currency, r.net_loss, r.paid_out, r.received, r.recovered
    );
    if s.transfers_without_rate > 0 {
        println!(
            "{} transfer(s) in other currencies have no exchange rate and are not in that total.",
            s.transfers_without_rate
        );
    }
    Ok(())
}

pub(crate) fn export(path: &Path, command: ExportCommand) -> Result<(), Failure> {
    let ExportCommand::Pdf {
        case,
        out,
        variant,
        institution,
        prepared_by,
        csv,
        without_images,
        omit,
    } = command;
    let variant = match (variant, institution) {
        (VariantArg::Police, _) => casefile_core::dossier::Variant::Police,
        (VariantArg::Bank, Some(institution)) => casefile_core::dossier::Variant::Bank { institution },
        (VariantArg::Bank, None) => {
            return Err(Failure("Say which bank or exchange the letter is for: --institution \"Name as in the transfers\".".into()))
        }
    };
    let store = open(path)?;
    let options = casefile_core::dossier::DossierOptions {
        variant,
        prepared_by,
        csv,
        without_images,
        omit: omit.into_iter().map(SectionArg::section).collect(),
    };
    let files = store.export_dossier(case, &options, chrono::Utc::now())?;
    let saved = casefile_core::dossier::save(&files, &out)?;
    println!(
        "Wrote {} ({} pages, {} KB)",
        saved.pdf,
        saved.pages,
        saved.size_bytes.div_ceil(1024)
    );
    for csv in &saved.csv {
        println!("Wrote {csv}");
    }
    Ok(())
}

pub(crate) fn verify(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let report = store.verify_case(case)?;
    if json {
        print_json(&report)?;
    }
    if report.ok {
        if !json {
            println!(
                "OK: {} evidence item(s) match their SHA-256; the audit log's {} entries are intact (head {}).",
                report.evidence_checked, report.audit.entries, report.audit.head_hash
            );
        }
        return Ok(());
    }
    let mut problems = report.evidence_problems.clone();
    if let Some(p) = &report.audit.problem {
        problems.push(format!("Audit log: {}", p.reason));
    }
    Err(Failure(format!("NOT intact. {}", problems.join(" "))))
}
