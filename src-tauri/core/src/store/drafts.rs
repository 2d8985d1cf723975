//! Drafts of forms (see `model::Draft`): written often, read once after unlock.

use rusqlite::params;

use super::Store;
use crate::model::Draft;
use crate::time::now_utc;
use crate::{CoreError, Result};

/// Longest draft key, in bytes.
pub const MAX_DRAFT_KEY: usize = 200;
/// Largest draft, in bytes of JSON (a form with a 10,000-character note and every field full
/// is far below this).
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;
/// Most drafts kept at once; the oldest go first beyond it.
pub const MAX_DRAFTS: u32 = 500;

impl Store {
    /// Keeps what a form holds (`value`: a JSON object) under its key, replacing an older draft.
    pub fn save_draft(&mut self, key: &str, case_id: Option<i32>, value: &str) -> Result<Draft> {
        let key = key.trim();
        if key.is_empty() || key.len() > MAX_DRAFT_KEY || key.chars().any(|c| c.is_control()) {
            return Err(CoreError::invalid(
                "key",
                "This draft has no usable name; the text was not kept. Please save the form.",
            ));
        }
        if value.len() > MAX_DRAFT_BYTES {
            return Err(CoreError::invalid(
                "value",
                "This form holds too much text to keep as a draft (more than 256 KB). Please save it.",
            ));
        }
        if !matches!(
            serde_json::from_str::<serde_json::Value>(value),
            Ok(serde_json::Value::Object(_))
        ) {
            return Err(CoreError::invalid(
                "value",
                "This draft could not be read back; the text was not kept. Please save the form.",
            ));
        }
        if let Some(case_id) = case_id {
            self.get_case(case_id)?;
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT OR REPLACE INTO drafts (key, case_id, value, updated_at) VALUES (?1, ?2, ?3, ?4)",
            params![key, case_id, value, now],
        )?;
        tx.execute(
            "DELETE FROM drafts WHERE key NOT IN
               (SELECT key FROM drafts ORDER BY updated_at DESC, key LIMIT ?1)",
            [MAX_DRAFTS],
        )?;
        tx.commit()?;
        Ok(Draft {
            key: key.to_string(),
            case_id,
            value: value.to_string(),
            updated_at: now,
        })
    }

    /// Every draft, newest first (those of a deleted case wait, hidden, until it is back).
    pub fn list_drafts(&self) -> Result<Vec<Draft>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, case_id, value, updated_at FROM drafts
              WHERE case_id IS NULL OR case_id IN (SELECT id FROM cases WHERE deleted_at IS NULL)
              ORDER BY updated_at DESC, key",
        )?;
        let drafts = stmt
            .query_map([], |r| {
                Ok(Draft {
                    key: r.get(0)?,
                    case_id: r.get(1)?,
                    value: r.get(2)?,
                    updated_at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(drafts)
    }

    /// Throws a draft away (after its form was saved, or when the person discards it); a key
    /// without a draft is fine.
    pub fn discard_draft(&mut self, key: &str) -> Result<()> {
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute("DELETE FROM drafts WHERE key = ?1", [key.trim()])?;
        tx.commit()?;
        Ok(())
    }
}
