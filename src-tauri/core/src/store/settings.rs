//! App settings and store metadata, kept in the encrypted `settings` table.

use rusqlite::{params, Connection, OptionalExtension};

use super::{key::KDF_V1, Store};
use crate::model::Settings;
use crate::model::{Action, Entity};
use crate::{audit, CoreError, Result};

const AUTO_LOCK_KEY: &str = "auto_lock_minutes";

/// Records the key-derivation parameters inside the store, for reference and future formats.
pub(super) fn record_kdf(conn: &Connection) -> Result<()> {
    let description = format!(
        "argon2id m={}KiB t={} p={} salt=sqlcipher-file-salt",
        KDF_V1.memory_kib, KDF_V1.iterations, KDF_V1.parallelism
    );
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('kdf', ?1)",
        [description],
    )?;
    Ok(())
}

impl Store {
    /// The current settings (defaults for anything never set).
    pub fn settings(&self) -> Result<Settings> {
        let mut settings = Settings::default();
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [AUTO_LOCK_KEY],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(minutes) = stored.and_then(|v| v.parse().ok()) {
            settings.auto_lock_minutes = minutes;
        }
        Ok(settings)
    }

    /// Saves settings after checking them.
    pub fn update_settings(&mut self, settings: &Settings) -> Result<Settings> {
        if !(1..=240).contains(&settings.auto_lock_minutes) {
            return Err(CoreError::invalid(
                "auto_lock_minutes",
                "Choose an automatic lock time between 1 and 240 minutes.",
            ));
        }
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
            params![AUTO_LOCK_KEY, settings.auto_lock_minutes.to_string()],
        )?;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Update,
                entity: Entity::Settings,
                entity_id: None,
                case_id: None,
                summary: &format!(
                    "Automatic lock set to {} minutes",
                    settings.auto_lock_minutes
                ),
            },
        )?;
        tx.commit()?;
        self.settings()
    }
}
