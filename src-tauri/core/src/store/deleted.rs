//! Deleted records of a case: listed, brought back (undo), or — for evidence, whose bytes are
//! kept until then — deleted for good. Deleting only marks a row (`deleted_at`), so nothing
//! here invents data: bringing back clears the mark and says so in the audit log.

use rusqlite::{params, OptionalExtension as _};

use super::{transfers::touch_case, write_tx, Store};
use crate::model::{Action, DeletedItem, DeletedKind, Entity};
use crate::time::now_utc;
use crate::{audit, CoreError, Result};

/// Every deleted record of a case with a label; evidence deleted for good is not listed.
const DELETED: &str = "
SELECT 'transfer', id, 'T-' || id || ' · ' || CASE direction WHEN 'out' THEN 'Paid out ' WHEN 'in' THEN 'Received '
       ELSE 'Recovered ' END || amount || ' ' || currency
       || CASE WHEN beneficiary_name != '' THEN ' to ' || beneficiary_name ELSE '' END, deleted_at
  FROM transfers WHERE case_id = ?1 AND deleted_at IS NOT NULL
UNION ALL
SELECT 'event', id, 'E-' || id || ' · ' || title, deleted_at
  FROM events WHERE case_id = ?1 AND deleted_at IS NOT NULL
UNION ALL
SELECT 'subject', id, 'S-' || id || ' · ' || name, deleted_at
  FROM subjects WHERE case_id = ?1 AND deleted_at IS NOT NULL
UNION ALL
SELECT 'identifier', i.id, 'I-' || i.id || ' · ' || i.display, i.deleted_at
  FROM identifiers i LEFT JOIN subjects s ON s.id = i.subject_id
 WHERE i.case_id = ?1 AND i.deleted_at IS NOT NULL
   -- Deleted with their subject: they come back with it, listed under it.
   AND (s.id IS NULL OR s.deleted_at IS NULL OR s.deleted_at != i.deleted_at)
UNION ALL
SELECT 'contact', id, 'Contact ' || id || ' · ' || CASE WHEN organisation != '' THEN organisation ELSE party END
       || ' (' || substr(contacted_at_utc, 1, 10) || ')', deleted_at
  FROM contacts WHERE case_id = ?1 AND deleted_at IS NOT NULL
UNION ALL
SELECT 'account', id, 'A-' || id || ' · ' || name, deleted_at
  FROM accounts WHERE case_id = ?1 AND deleted_at IS NOT NULL
UNION ALL
SELECT 'evidence', v.id, 'V-' || v.id || ' · ' || v.file_name, v.deleted_at
  FROM evidence v JOIN evidence_blobs b ON b.evidence_id = v.id
 WHERE v.case_id = ?1 AND v.deleted_at IS NOT NULL
ORDER BY 4 DESC, 1, 2";

fn table(kind: DeletedKind) -> (&'static str, Entity) {
    match kind {
        DeletedKind::Transfer => ("transfers", Entity::Transfer),
        DeletedKind::Event => ("events", Entity::Event),
        DeletedKind::Subject => ("subjects", Entity::Subject),
        DeletedKind::Identifier => ("identifiers", Entity::Identifier),
        DeletedKind::Evidence => ("evidence", Entity::Evidence),
        DeletedKind::Contact => ("contacts", Entity::Contact),
        DeletedKind::Account => ("accounts", Entity::Account),
    }
}

impl Store {
    /// The case's deleted records, most recently deleted first, each saying whether it can be
    /// brought back.
    pub fn deleted_items(&self, case_id: i32) -> Result<Vec<DeletedItem>> {
        self.get_case(case_id)?;
        let rows = self
            .conn
            .prepare_cached(DELETED)?
            .query_map([case_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for (kind, id, label, deleted_at) in rows {
            let Some(kind) = DeletedKind::parse(&kind) else {
                continue;
            };
            items.push(DeletedItem {
                kind,
                id,
                label,
                deleted_at,
                blocked: self.why_not_restorable(kind, id)?,
            });
        }
        Ok(items)
    }

    /// Why a deleted record cannot come back as it is (in words), or `None`.
    fn why_not_restorable(&self, kind: DeletedKind, id: i32) -> Result<Option<String>> {
        Ok(match kind {
            DeletedKind::Identifier => self
                .conn
                .prepare_cached(
                    "SELECT s.id, s.name FROM identifiers i JOIN subjects s ON s.id = i.subject_id
                      WHERE i.id = ?1 AND s.deleted_at IS NOT NULL",
                )?
                .query_row([id], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))
                .optional()?
                .map(|(sid, name)| {
                    format!("It belongs to S-{sid} ({name}), which is deleted too: bring that back first.")
                }),
            DeletedKind::Evidence => self
                .conn
                .prepare_cached(
                    "SELECT o.id FROM evidence v JOIN evidence o
                       ON o.case_id = v.case_id AND o.sha256 = v.sha256 AND o.deleted_at IS NULL
                      WHERE v.id = ?1",
                )?
                .query_row([id], |r| r.get::<_, i32>(0))
                .optional()?
                .map(|other| format!("The same file is in the case again as V-{other}.")),
            _ => None,
        })
    }

    /// Brings a deleted record back (a subject with the identifiers deleted with it); audited.
    pub fn restore_deleted(&mut self, kind: DeletedKind, id: i32) -> Result<()> {
        let (table, entity) = table(kind);
        let found: Option<(i32, Option<String>)> = self
            .conn
            .query_row(
                &format!("SELECT case_id, deleted_at FROM {table} WHERE id = ?1"),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let not_found = CoreError::NotFound {
            what: "deleted record",
            id: id.into(),
        };
        let Some((case_id, Some(deleted_at))) = found else {
            return Err(not_found);
        };
        let label = self
            .deleted_items(case_id)?
            .into_iter()
            .find(|i| i.kind == kind && i.id == id)
            .ok_or(not_found)?;
        if let Some(why) = label.blocked {
            return Err(CoreError::Refused(format!(
                "{} cannot be brought back: {why} Nothing was changed.",
                label.label
            )));
        }
        let now = now_utc();
        let tx = write_tx(&mut self.conn)?;
        tx.execute(
            &format!("UPDATE {table} SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1"),
            params![id, now],
        )?;
        if kind == DeletedKind::Subject {
            tx.execute(
                "UPDATE identifiers SET deleted_at = NULL, updated_at = ?3
                  WHERE subject_id = ?1 AND deleted_at = ?2",
                params![id, deleted_at, now],
            )?;
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Undelete,
                entity,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &format!("Brought back after deleting: {}", label.label),
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes the kept bytes of a case's deleted evidence for good (its name and SHA-256 stay
    /// in the audit log); returns how many items. Other deleted records stay as they are.
    pub fn purge_deleted_evidence(&mut self, case_id: i32) -> Result<u32> {
        self.get_case(case_id)?;
        let ids: Vec<(i32, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT v.id, v.file_name, v.sha256 FROM evidence v
                   JOIN evidence_blobs b ON b.evidence_id = v.id
                  WHERE v.case_id = ?1 AND v.deleted_at IS NOT NULL ORDER BY v.id",
            )?
            .query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            return Ok(0);
        }
        let now = now_utc();
        let tx = write_tx(&mut self.conn)?;
        for (id, name, sha) in &ids {
            tx.execute("DELETE FROM evidence_blobs WHERE evidence_id = ?1", [id])?;
            audit::append(
                &tx,
                &audit::Change {
                    actor: &self.actor,
                    action: Action::Purge,
                    entity: Entity::Evidence,
                    entity_id: Some((*id).into()),
                    case_id: Some(case_id.into()),
                    summary: &format!("Evidence V-{id} deleted for good: {name} (SHA-256 {sha})"),
                },
            )?;
        }
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        Ok(ids.len() as u32)
    }
}
