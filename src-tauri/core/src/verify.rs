//! `verify`: proves a case is as it was recorded — every evidence item re-hashed against the
//! SHA-256 taken at intake, and the audit log's hash chain walked from its first entry.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::model::{AuditReport, Evidence};
use crate::{Result, Store};

/// The result of `verify`: every evidence item re-hashed, and the audit chain walked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct VerifyReport {
    pub ok: bool,
    pub evidence_checked: u32,
    /// One line per evidence item whose bytes no longer match its intake hash.
    pub evidence_problems: Vec<String>,
    pub audit: AuditReport,
}

impl Store {
    /// Re-hashes every evidence item of the case against its intake SHA-256 and walks the audit
    /// hash chain; says exactly which item fails.
    pub fn verify_case(&self, case_id: i32) -> Result<VerifyReport> {
        let items: Vec<Evidence> = self.list_evidence(case_id)?;
        let mut problems = Vec::new();
        for e in &items {
            match self.evidence_original(e.id) {
                Ok((_, bytes)) => {
                    let now = crate::evidence::sha256_hex(&bytes);
                    if now != e.sha256 {
                        problems.push(format!(
                            "V-{} \"{}\": its bytes no longer match the SHA-256 recorded when it was added ({} recorded, {} now).",
                            e.id, e.file_name, e.sha256, now
                        ));
                    }
                }
                Err(_) => problems.push(format!(
                    "V-{} \"{}\": its bytes are missing from the case file.",
                    e.id, e.file_name
                )),
            }
        }
        let audit = self.verify_audit_chain()?;
        Ok(VerifyReport {
            ok: problems.is_empty() && audit.problem.is_none(),
            evidence_checked: items.len() as u32,
            evidence_problems: problems,
            audit,
        })
    }
}
