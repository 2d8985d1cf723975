//! The append-only audit log. Each entry's hash covers the previous entry's hash and all of its
//! own fields, so altering, removing or reordering any entry breaks the chain from that point.
//! Entries are written in the same transaction as the change they describe.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::model::{Action, AuditEntry, AuditProblem, AuditReport, Entity};
use crate::time::now_utc;
use crate::Result;

/// `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields an entry's hash covers, in a fixed order.
struct Fields<'a> {
    prev_hash: &'a str,
    id: i64,
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    entity: &'a str,
    entity_id: Option<i64>,
    case_id: Option<i64>,
    summary: &'a str,
}

/// SHA-256 over the JSON array of the fields: JSON makes the encoding unambiguous (no field can
/// run into the next), and it is easy to recompute with other tools.
fn entry_hash(f: &Fields<'_>) -> String {
    let canonical = serde_json::json!([
        f.prev_hash,
        f.id,
        f.at,
        f.actor,
        f.action,
        f.entity,
        f.entity_id,
        f.case_id,
        f.summary
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// One change, as the audit log records it.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// Which program made it (`casefile-app`, `casefile-cli`).
    pub actor: &'a str,
    pub action: Action,
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub case_id: Option<i64>,
    /// One line for people: what changed.
    pub summary: &'a str,
}

/// Appends one entry describing a change. Call inside the transaction that makes the change.
pub fn append(conn: &Connection, change: &Change<'_>) -> Result<()> {
    let Change {
        actor,
        action,
        entity,
        entity_id,
        case_id,
        summary,
    } = *change;
    let (action, entity) = (action.as_str(), entity.as_str());
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let at = now_utc();
    let hash = entry_hash(&Fields {
        prev_hash: &prev_hash,
        id,
        at: &at,
        actor,
        action,
        entity,
        entity_id,
        case_id,
        summary,
    });
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, case_id, summary, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![id, at, actor, action, entity, entity_id, case_id, summary, prev_hash, hash],
    )?;
    Ok(())
}

fn row_to_entry(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, Option<i64>, Option<i64>, AuditEntry)> {
    let id: i64 = r.get(0)?;
    let entity_id: Option<i64> = r.get(5)?;
    let case_id: Option<i64> = r.get(6)?;
    Ok((
        id,
        entity_id,
        case_id,
        AuditEntry {
            id: id as i32,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: entity_id.map(|v| v as i32),
            case_id: case_id.map(|v| v as i32),
            summary: r.get(7)?,
            prev_hash: r.get(8)?,
            hash: r.get(9)?,
        },
    ))
}

const SELECT_ENTRIES: &str =
    "SELECT id, at, actor, action, entity, entity_id, case_id, summary, prev_hash, hash FROM audit_log";

/// Audit entries oldest first, optionally only those about one case.
pub fn entries(conn: &Connection, case_id: Option<i32>) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_ENTRIES} WHERE ?1 IS NULL OR case_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([case_id], row_to_entry)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?.3);
    }
    Ok(out)
}

/// Walks the whole chain from the first entry and reports the first one that fails.
pub fn verify(conn: &Connection) -> Result<AuditReport> {
    let mut stmt = conn.prepare(&format!("{SELECT_ENTRIES} ORDER BY id"))?;
    let rows = stmt.query_map([], row_to_entry)?;
    let mut expected_prev = GENESIS_HASH.to_string();
    let mut count = 0u32;
    for (expected_id, row) in (1i64..).zip(rows) {
        let (id, entity_id, case_id, e) = row?;
        let problem = |reason: String| {
            Ok(AuditReport {
                entries: count,
                head_hash: expected_prev.clone(),
                problem: Some(AuditProblem {
                    entry_id: id as i32,
                    reason,
                }),
            })
        };
        if id != expected_id {
            return problem(format!(
                "Entry {expected_id} is missing from the audit log (the next one found is {id})."
            ));
        }
        if e.prev_hash != expected_prev {
            return problem(format!(
                "Entry {id} does not follow on from entry {}: the log was changed or entries were removed.",
                id - 1
            ));
        }
        let recomputed = entry_hash(&Fields {
            prev_hash: &e.prev_hash,
            id,
            at: &e.at,
            actor: &e.actor,
            action: &e.action,
            entity: &e.entity,
            entity_id,
            case_id,
            summary: &e.summary,
        });
        if recomputed != e.hash {
            return problem(format!(
                "Entry {id} ({} {} at {}) was altered after it was written.",
                e.action, e.entity, e.at
            ));
        }
        expected_prev = e.hash;
        count += 1;
    }
    Ok(AuditReport {
        entries: count,
        head_hash: expected_prev,
        problem: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
             action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER, case_id INTEGER,
             summary TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);",
        )
        .unwrap();
        for i in 1..=5 {
            append(
                &conn,
                &Change {
                    actor: "test",
                    action: Action::Create,
                    entity: Entity::Case,
                    entity_id: Some(i),
                    case_id: Some(i),
                    summary: &format!("Case {i}"),
                },
            )
            .unwrap();
        }
        conn
    }

    #[test]
    fn intact_chain_verifies_and_links_each_entry_to_the_previous() {
        let conn = log();
        let report = verify(&conn).unwrap();
        assert_eq!(report.entries, 5);
        assert!(report.problem.is_none(), "{report:?}");
        let all = entries(&conn, None).unwrap();
        assert_eq!(all[0].prev_hash, GENESIS_HASH);
        for pair in all.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
        }
        assert_eq!(report.head_hash, all[4].hash);
        assert_eq!(entries(&conn, Some(3)).unwrap().len(), 1);
    }

    #[test]
    fn altered_summary_is_named() {
        let conn = log();
        conn.execute(
            "UPDATE audit_log SET summary = 'nothing happened' WHERE id = 3",
            [],
        )
        .unwrap();
        let problem = verify(&conn).unwrap().problem.unwrap();
        assert_eq!(problem.entry_id, 3);
        assert!(problem.reason.contains("altered"), "{}", problem.reason);
    }

    #[test]
    fn removed_entry_is_detected() {
        let conn = log();
        conn.execute("DELETE FROM audit_log WHERE id = 2", [])
            .unwrap();
        let problem = verify(&conn).unwrap().problem.unwrap();
        assert_eq!(problem.entry_id, 3);
        assert!(problem.reason.contains("missing"), "{}", problem.reason);
    }

    #[test]
    fn rewritten_tail_with_fresh_hash_is_still_caught_by_the_next_link() {
        let conn = log();
        // An attacker who recomputes the hash of the entry they changed still breaks the link
        // from the following entry.
        let e2 = &entries(&conn, None).unwrap()[1];
        let forged = entry_hash(&Fields {
            prev_hash: &e2.prev_hash,
            id: 2,
            at: &e2.at,
            actor: &e2.actor,
            action: &e2.action,
            entity: &e2.entity,
            entity_id: Some(2),
            case_id: Some(2),
            summary: "forged",
        });
        conn.execute(
            "UPDATE audit_log SET summary = 'forged', hash = ?1 WHERE id = 2",
            [forged],
        )
        .unwrap();
        let problem = verify(&conn).unwrap().problem.unwrap();
        assert_eq!(problem.entry_id, 3);
    }
}
