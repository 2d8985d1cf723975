//! Numbered schema migrations. Migration N brings the store to `PRAGMA user_version = N`; each
//! runs in its own transaction together with the version bump, so a store is never half-migrated.
//! Never edit a released migration: add a new one.

use rusqlite::Connection;

use crate::{CoreError, Result};

/// Every migration, in order. Index 0 is migration 1.
pub const MIGRATIONS: &[&str] = &[MIGRATION_1];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every migration the store does not have yet. Returns how many were applied.
pub fn migrate(conn: &mut Connection) -> Result<usize> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > latest_version() {
        return Err(CoreError::NewerFormat {
            found: current,
            known: latest_version(),
        });
    }
    let mut applied = 0;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        // Immediate, and the version read again inside: when the window and the CLI open an
        // older store at once, the second waits and then finds the migration already done.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > index as i64 {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
        applied += 1;
    }
    Ok(applied)
}

/// The whole data model of ../shared/DESIGN.md. Money is TEXT holding an exact decimal; times
/// are UTC RFC 3339 TEXT plus the offset (minutes east of UTC) they were recorded in.
/// `deleted_at` marks a soft delete: the row stays so the audit trail can point at it.
const MIGRATION_1: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'reported', 'in_recovery', 'closed')),
    police_report_no     TEXT NOT NULL DEFAULT '',
    bank_claim_no        TEXT NOT NULL DEFAULT '',
    complaint_id         TEXT NOT NULL DEFAULT '',
    victim_name          TEXT NOT NULL DEFAULT '',
    victim_contact       TEXT NOT NULL DEFAULT '',
    victim_address       TEXT NOT NULL DEFAULT '',
    victim_date_of_birth TEXT,
    reporting_currency   TEXT NOT NULL DEFAULT 'EUR',
    time_zone            TEXT NOT NULL DEFAULT 'UTC',
    notes                TEXT NOT NULL DEFAULT '',
    statement            TEXT NOT NULL DEFAULT '',
    archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT
) STRICT;

CREATE TABLE subjects (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    kind        TEXT NOT NULL CHECK (kind IN ('persona', 'platform', 'intermediary', 'other')),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX subjects_case ON subjects(case_id);

CREATE TABLE identifiers (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases(id),
    subject_id          INTEGER REFERENCES subjects(id),
    kind                TEXT NOT NULL,
    value               TEXT NOT NULL,
    display             TEXT NOT NULL,
    match_key           TEXT NOT NULL,
    network             TEXT,
    bank_name           TEXT NOT NULL DEFAULT '',
    is_exchange_deposit INTEGER NOT NULL DEFAULT 0,
    warnings            TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
) STRICT;
CREATE INDEX identifiers_case ON identifiers(case_id);
CREATE INDEX identifiers_match ON identifiers(match_key);

CREATE TABLE transfers (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    occurred_at_utc         TEXT NOT NULL,
    occurred_offset_minutes INTEGER NOT NULL,
    direction               TEXT NOT NULL CHECK (direction IN ('out', 'in', 'recovered')),
    amount                  TEXT NOT NULL,
    currency                TEXT NOT NULL,
    network                 TEXT,
    method                  TEXT NOT NULL,
    from_account            TEXT NOT NULL DEFAULT '',
    beneficiary_name        TEXT NOT NULL DEFAULT '',
    beneficiary_bank        TEXT NOT NULL DEFAULT '',
    beneficiary_account     TEXT NOT NULL DEFAULT '',
    beneficiary_bic         TEXT NOT NULL DEFAULT '',
    beneficiary_wallet      TEXT NOT NULL DEFAULT '',
    wallet_is_exchange_deposit INTEGER NOT NULL DEFAULT 0,
    -- Match keys (see validate::identifier) of the beneficiary wallet and account, for
    -- spotting the same beneficiary across cases.
    wallet_key              TEXT,
    account_key             TEXT,
    reference               TEXT NOT NULL DEFAULT '',
    exchange_rate           TEXT,
    status                  TEXT NOT NULL DEFAULT 'completed',
    warnings                TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
CREATE INDEX transfers_case_time ON transfers(case_id, occurred_at_utc);
CREATE INDEX transfers_wallet_key ON transfers(wallet_key);
CREATE INDEX transfers_account_key ON transfers(account_key);

CREATE TABLE evidence (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    file_name               TEXT NOT NULL,
    media_type              TEXT NOT NULL,
    size_bytes              INTEGER NOT NULL,
    sha256                  TEXT NOT NULL,
    captured_at_utc         TEXT,
    captured_offset_minutes INTEGER,
    capture_time_source     TEXT NOT NULL DEFAULT 'unknown'
                            CHECK (capture_time_source IN ('exif', 'exif_no_offset', 'file_modified', 'user', 'unknown')),
    intake_at               TEXT NOT NULL,
    caption                 TEXT NOT NULL DEFAULT '',
    preview_note            TEXT NOT NULL DEFAULT '',
    width                   INTEGER,
    height                  INTEGER,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
CREATE INDEX evidence_case_time ON evidence(case_id, captured_at_utc);
-- The same bytes are stored once per case; a deleted item may be added again.
CREATE UNIQUE INDEX evidence_case_hash ON evidence(case_id, sha256) WHERE deleted_at IS NULL;

-- The bytes live apart from the metadata so listing evidence never reads a blob.
CREATE TABLE evidence_blobs (
    evidence_id          INTEGER PRIMARY KEY REFERENCES evidence(id),
    original             BLOB NOT NULL,
    thumbnail            BLOB,
    thumbnail_media_type TEXT
) STRICT;

CREATE TABLE events (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    occurred_at_utc         TEXT NOT NULL,
    occurred_offset_minutes INTEGER NOT NULL,
    kind                    TEXT NOT NULL,
    title                   TEXT NOT NULL,
    description             TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
CREATE INDEX events_case_time ON events(case_id, occurred_at_utc);

CREATE TABLE event_links (
    event_id    INTEGER NOT NULL REFERENCES events(id),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('subject', 'identifier', 'transfer', 'evidence')),
    target_id   INTEGER NOT NULL,
    PRIMARY KEY (event_id, target_kind, target_id)
) STRICT;

CREATE TABLE transfer_evidence (
    transfer_id INTEGER NOT NULL REFERENCES transfers(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    PRIMARY KEY (transfer_id, evidence_id)
) STRICT;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    case_id   INTEGER,
    summary   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_case ON audit_log(case_id);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;
