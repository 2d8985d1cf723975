//! `casefile verify` and `casefile verify-log`: is the evidence unchanged and the audit log
//! intact?

use std::path::Path;

use clap::Args;

use crate::failure::Failure;
use crate::output::{outln, print_json};
use crate::session::open;

#[derive(Args)]
pub(crate) struct VerifyArgs {
    case: i32,
    #[arg(long)]
    json: bool,
}

/// `casefile verify`: re-hashes a case's evidence and walks the audit chain; fails if not intact.
pub(crate) fn case(path: &Path, args: VerifyArgs) -> Result<(), Failure> {
    let store = open(path)?;
    let report = store.verify_case(args.case)?;
    if args.json {
        print_json(&report)?;
    }
    if report.ok {
        if !args.json {
            outln!(
                "OK: {} evidence item(s) match their SHA-256; the audit log's {} entries are intact (head {}).",
                report.evidence_checked, report.audit.entries, report.audit.head_hash
            )?;
        }
        return Ok(());
    }
    let mut problems = report.evidence_problems.clone();
    if let Some(p) = &report.audit.problem {
        problems.push(format!("Audit log: {}", p.reason));
    }
    Err(Failure::Message(format!(
        "NOT intact. {}",
        problems.join(" ")
    )))
}

/// `casefile verify-log`: the audit log's hash chain of the whole store.
pub(crate) fn log(path: &Path) -> Result<(), Failure> {
    let store = open(path)?;
    let report = store.verify_audit_chain()?;
    match report.problem {
        None => {
            outln!(
                "OK: the audit log's {} entries are intact. Head of the chain: {}",
                report.entries,
                report.head_hash
            )?;
            Ok(())
        }
        Some(p) => Err(Failure::Message(format!(
            "The audit log is NOT intact: {} ({} entries before it verified).",
            p.reason, report.entries
        ))),
    }
}
