//! Numbered schema migrations. Migration N brings the store to `PRAGMA user_version = N`; each
//! runs in its own transaction together with the version bump, so a store is never half-migrated.
//! Never edit a released migration: add a new one.

use rusqlite::{Connection, OptionalExtension as _};

use crate::{CoreError, Result};

/// Every migration, in order. Index 0 is migration 1.
pub const MIGRATIONS: &[&str] = &[
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_5,
    MIGRATION_6,
    MIGRATION_7,
    MIGRATION_8,
    MIGRATION_9,
];

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
    if current == latest_version() {
        return Ok(0);
    }
    // A migration that rebuilds a table (SQLite cannot change a CHECK in place) drops the old
    // table while other tables still refer to it: foreign keys are off around the migrations
    // (the pragma cannot change inside a transaction) and checked before each commit instead.
    conn.pragma_update(None, "foreign_keys", false)?;
    let outcome = apply_from(conn, current);
    conn.pragma_update(None, "foreign_keys", true)?;
    outcome
}

fn apply_from(conn: &mut Connection, current: i64) -> Result<usize> {
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
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()?;
        if let Some(table) = broken {
            return Err(CoreError::Refused(format!(
                "Casefile could not update this case file's format: a record in {table} points at one that is missing. Nothing was changed; keep the file and contact support."
            )));
        }
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

/// Evidence capture times from more places (PNG metadata, the file name), the zone a
/// zone-less time was read in, hand shifts, and previews made after intake. SQLite cannot
/// change a CHECK constraint, so `evidence` is rebuilt (the documented twelve-step way: new
/// table, copy, drop, rename) with every row and id kept.
const MIGRATION_2: &str = r#"
CREATE TABLE evidence_v2 (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    file_name               TEXT NOT NULL,
    media_type              TEXT NOT NULL,
    size_bytes              INTEGER NOT NULL,
    sha256                  TEXT NOT NULL,
    captured_at_utc         TEXT,
    captured_offset_minutes INTEGER,
    capture_time_source     TEXT NOT NULL DEFAULT 'unknown'
                            CHECK (capture_time_source IN ('exif', 'exif_no_offset', 'png_metadata',
                                   'png_metadata_no_offset', 'file_name', 'file_name_date',
                                   'chat_message', 'file_modified', 'user', 'unknown')),
    -- The IANA zone a time written without one (EXIF without offset, a file name) was read in:
    -- the zone of the device that took it, as the person said at intake.
    capture_zone            TEXT,
    -- A correction by hand, in minutes, already applied to captured_at_utc.
    capture_shift_minutes   INTEGER NOT NULL DEFAULT 0,
    intake_at               TEXT NOT NULL,
    caption                 TEXT NOT NULL DEFAULT '',
    preview_note            TEXT NOT NULL DEFAULT '',
    -- 1 while the preview (thumbnail, size in pixels) is still to be made after intake.
    preview_pending         INTEGER NOT NULL DEFAULT 0 CHECK (preview_pending IN (0, 1)),
    width                   INTEGER,
    height                  INTEGER,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
INSERT INTO evidence_v2 (id, case_id, file_name, media_type, size_bytes, sha256, captured_at_utc,
    captured_offset_minutes, capture_time_source, capture_zone, intake_at, caption, preview_note,
    width, height, created_at, updated_at, deleted_at)
SELECT e.id, e.case_id, e.file_name, e.media_type, e.size_bytes, e.sha256, e.captured_at_utc,
    e.captured_offset_minutes, e.capture_time_source,
    CASE WHEN e.capture_time_source = 'exif_no_offset' THEN c.time_zone END,
    e.intake_at, e.caption, e.preview_note, e.width, e.height, e.created_at, e.updated_at, e.deleted_at
FROM evidence e LEFT JOIN cases c ON c.id = e.case_id;
DROP TABLE evidence;
ALTER TABLE evidence_v2 RENAME TO evidence;
CREATE INDEX evidence_case_time ON evidence(case_id, captured_at_utc);
CREATE UNIQUE INDEX evidence_case_hash ON evidence(case_id, sha256) WHERE deleted_at IS NULL;
CREATE INDEX evidence_preview_pending ON evidence(preview_pending) WHERE preview_pending = 1;
"#;

/// Chats imported from WhatsApp, Telegram and LINE exports: each message a row of its own (not
/// a timeline event), each import recorded so it can be undone.
const MIGRATION_3: &str = r#"
CREATE TABLE chats (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    format      TEXT NOT NULL CHECK (format IN ('whatsapp', 'telegram_json', 'telegram_html', 'line')),
    title       TEXT NOT NULL DEFAULT '',
    -- The zone clock times were read in (the phone's, as the person confirmed); NULL when
    -- the export gives exact times.
    device_zone TEXT,
    date_order  TEXT CHECK (date_order IN ('dmy', 'mdy', 'ymd')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX chats_case ON chats(case_id);

CREATE TABLE chat_imports (
    id                INTEGER PRIMARY KEY,
    chat_id           INTEGER NOT NULL REFERENCES chats(id),
    evidence_id       INTEGER NOT NULL REFERENCES evidence(id),
    export_name       TEXT NOT NULL,
    export_sha256     TEXT NOT NULL,
    export_size       INTEGER NOT NULL,
    chat_file         TEXT NOT NULL,
    messages_added    INTEGER NOT NULL,
    attachments_added INTEGER NOT NULL,
    imported_at       TEXT NOT NULL,
    undone_at         TEXT
) STRICT;

CREATE TABLE chat_messages (
    id                  INTEGER PRIMARY KEY,
    chat_id             INTEGER NOT NULL REFERENCES chats(id),
    import_id           INTEGER NOT NULL REFERENCES chat_imports(id),
    seq                 INTEGER NOT NULL,
    source_file         TEXT NOT NULL,
    source_line         INTEGER NOT NULL,
    -- The clock time as written (2026-03-14T09:31:02) and its date, for the day entries.
    local_time          TEXT NOT NULL,
    day                 TEXT NOT NULL,
    -- NULL when the clock time does not exist or happens twice in the device's zone.
    sent_at_utc         TEXT,
    sent_offset_minutes INTEGER,
    sender              TEXT,
    text                TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('text', 'system', 'deleted', 'call')),
    edited              INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    attachment_name     TEXT,
    attachment_missing  TEXT,
    evidence_id         INTEGER REFERENCES evidence(id),
    -- The import that linked the attachment, when a later export (with media) added it to a
    -- message an earlier one (without) brought: undoing that import unlinks it again.
    attachment_import_id INTEGER REFERENCES chat_imports(id),
    external_id         TEXT,
    reply_to            TEXT,
    forwarded_from      TEXT,
    is_key              INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
    -- What makes a message the same in a later, longer export of the chat.
    dedupe_key          TEXT NOT NULL,
    deleted_at          TEXT
) STRICT;
-- Paging in chat order, counts, and the first/last message and the participants, each read
-- from an index alone (a chat may hold 50,000 messages).
CREATE INDEX chat_messages_order ON chat_messages(chat_id, deleted_at, seq);
CREATE INDEX chat_messages_time ON chat_messages(chat_id, deleted_at, sent_at_utc);
CREATE INDEX chat_messages_sender ON chat_messages(chat_id, sender, kind, seq);
-- Covers the timeline's one entry per chat and day.
CREATE INDEX chat_messages_day ON chat_messages(chat_id, day, deleted_at, sent_at_utc, sent_offset_minutes);
CREATE UNIQUE INDEX chat_messages_dedupe ON chat_messages(chat_id, dedupe_key) WHERE deleted_at IS NULL;
CREATE INDEX chat_messages_key ON chat_messages(chat_id) WHERE is_key = 1;
CREATE INDEX chat_messages_import ON chat_messages(import_id);

-- One row per chat and day (the device's date), kept up to date by every import and undo, so
-- the timeline shows a chat's days without reading its messages.
CREATE TABLE chat_days (
    chat_id             INTEGER NOT NULL REFERENCES chats(id),
    day                 TEXT NOT NULL,
    first_message_id    INTEGER NOT NULL,
    first_at_utc        TEXT NOT NULL,
    first_offset_minutes INTEGER NOT NULL,
    messages            INTEGER NOT NULL,
    PRIMARY KEY (chat_id, day)
) STRICT;

-- Evidence an import created (not what it found already in the case): what its undo removes.
CREATE TABLE chat_import_evidence (
    import_id   INTEGER NOT NULL REFERENCES chat_imports(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    PRIMARY KEY (import_id, evidence_id)
) STRICT;
"#;

/// The timeline's order kept as its own narrow table, one row per entry (event, transfer,
/// evidence item, chat day), maintained by triggers: a page of a 60,000-entry timeline is then a
/// walk along one index instead of a sort of every record. A later migration that rebuilds one
/// of these tables (DROP + RENAME) must create its triggers again.
const MIGRATION_4: &str = r#"
CREATE TABLE timeline_keys (
    source  TEXT NOT NULL CHECK (source IN ('event', 'transfer', 'evidence', 'chat')),
    id      INTEGER NOT NULL,
    case_id INTEGER NOT NULL,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    PRIMARY KEY (source, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX timeline_keys_order ON timeline_keys(case_id, at, source, id, kind);

CREATE TRIGGER timeline_event_added AFTER INSERT ON events WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO timeline_keys VALUES ('event', NEW.id, NEW.case_id, NEW.occurred_at_utc, NEW.kind);
END;
CREATE TRIGGER timeline_event_changed AFTER UPDATE ON events BEGIN
    DELETE FROM timeline_keys WHERE source = 'event' AND id = OLD.id;
    INSERT INTO timeline_keys SELECT 'event', NEW.id, NEW.case_id, NEW.occurred_at_utc, NEW.kind
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER timeline_event_removed AFTER DELETE ON events BEGIN
    DELETE FROM timeline_keys WHERE source = 'event' AND id = OLD.id;
END;

CREATE TRIGGER timeline_transfer_added AFTER INSERT ON transfers WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO timeline_keys VALUES ('transfer', NEW.id, NEW.case_id, NEW.occurred_at_utc, NEW.direction);
END;
CREATE TRIGGER timeline_transfer_changed AFTER UPDATE ON transfers BEGIN
    DELETE FROM timeline_keys WHERE source = 'transfer' AND id = OLD.id;
    INSERT INTO timeline_keys SELECT 'transfer', NEW.id, NEW.case_id, NEW.occurred_at_utc, NEW.direction
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER timeline_transfer_removed AFTER DELETE ON transfers BEGIN
    DELETE FROM timeline_keys WHERE source = 'transfer' AND id = OLD.id;
END;

CREATE TRIGGER timeline_evidence_added AFTER INSERT ON evidence WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO timeline_keys
    VALUES ('evidence', NEW.id, NEW.case_id, coalesce(NEW.captured_at_utc, NEW.intake_at), 'evidence');
END;
CREATE TRIGGER timeline_evidence_changed AFTER UPDATE ON evidence BEGIN
    DELETE FROM timeline_keys WHERE source = 'evidence' AND id = OLD.id;
    INSERT INTO timeline_keys
    SELECT 'evidence', NEW.id, NEW.case_id, coalesce(NEW.captured_at_utc, NEW.intake_at), 'evidence'
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER timeline_evidence_removed AFTER DELETE ON evidence BEGIN
    DELETE FROM timeline_keys WHERE source = 'evidence' AND id = OLD.id;
END;

CREATE TRIGGER timeline_chat_day_added AFTER INSERT ON chat_days BEGIN
    INSERT INTO timeline_keys
    SELECT 'chat', NEW.first_message_id, c.case_id, NEW.first_at_utc, 'chat'
      FROM chats c WHERE c.id = NEW.chat_id AND c.deleted_at IS NULL;
END;
CREATE TRIGGER timeline_chat_day_changed AFTER UPDATE ON chat_days BEGIN
    DELETE FROM timeline_keys WHERE source = 'chat' AND id = OLD.first_message_id;
    INSERT INTO timeline_keys
    SELECT 'chat', NEW.first_message_id, c.case_id, NEW.first_at_utc, 'chat'
      FROM chats c WHERE c.id = NEW.chat_id AND c.deleted_at IS NULL;
END;
CREATE TRIGGER timeline_chat_day_removed AFTER DELETE ON chat_days BEGIN
    DELETE FROM timeline_keys WHERE source = 'chat' AND id = OLD.first_message_id;
END;
CREATE TRIGGER timeline_chat_changed AFTER UPDATE OF deleted_at, case_id ON chats BEGIN
    DELETE FROM timeline_keys WHERE source = 'chat'
       AND id IN (SELECT first_message_id FROM chat_days WHERE chat_id = OLD.id);
    INSERT INTO timeline_keys
    SELECT 'chat', d.first_message_id, NEW.case_id, d.first_at_utc, 'chat'
      FROM chat_days d WHERE d.chat_id = NEW.id AND NEW.deleted_at IS NULL;
END;

INSERT INTO timeline_keys
SELECT 'event', id, case_id, occurred_at_utc, kind FROM events WHERE deleted_at IS NULL;
INSERT INTO timeline_keys
SELECT 'transfer', id, case_id, occurred_at_utc, direction FROM transfers WHERE deleted_at IS NULL;
INSERT INTO timeline_keys
SELECT 'evidence', id, case_id, coalesce(captured_at_utc, intake_at), 'evidence'
  FROM evidence WHERE deleted_at IS NULL;
INSERT INTO timeline_keys
SELECT 'chat', d.first_message_id, c.case_id, d.first_at_utc, 'chat'
  FROM chat_days d JOIN chats c ON c.id = d.chat_id WHERE c.deleted_at IS NULL;
"#;

/// Drafts: what a form held when the person last typed in it, kept (encrypted, like all else)
/// until it is saved or thrown away. Not records: never audited, exported or printed.
const MIGRATION_5: &str = r#"
CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,
    case_id    INTEGER REFERENCES cases(id),
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX drafts_case ON drafts(case_id);
"#;

/// One search over every case: an FTS5 index (trigram: any part of a word, a wallet or an
/// IBAN is found, in any script) of cases, subjects, identifiers (with their match keys, so
/// `GB29NWBK…` finds `GB29 NWBK …`), transfers, events, evidence and chat messages, kept by
/// triggers like the timeline's order. Row ids are `id * 8 + kind` so a change replaces one row.
const MIGRATION_6: &str = r#"
CREATE VIRTUAL TABLE search_index USING fts5(
    body, label UNINDEXED, case_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED,
    chat_id UNINDEXED, tokenize = 'trigram'
);

CREATE TRIGGER search_case_added AFTER INSERT ON cases BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 0, NEW.title || ' ' || NEW.victim_name || ' ' || NEW.victim_contact || ' ' || NEW.victim_address || ' ' || NEW.police_report_no || ' ' || NEW.bank_claim_no || ' ' || NEW.complaint_id || ' ' || NEW.notes || ' ' || NEW.statement, 'Case · ' || NEW.title, NEW.id, 'case', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_case_changed AFTER UPDATE ON cases BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 0;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 0, NEW.title || ' ' || NEW.victim_name || ' ' || NEW.victim_contact || ' ' || NEW.victim_address || ' ' || NEW.police_report_no || ' ' || NEW.bank_claim_no || ' ' || NEW.complaint_id || ' ' || NEW.notes || ' ' || NEW.statement, 'Case · ' || NEW.title, NEW.id, 'case', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_case_removed AFTER DELETE ON cases BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 0;
END;

CREATE TRIGGER search_subject_added AFTER INSERT ON subjects BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 1, NEW.name || ' ' || NEW.description || ' ' || NEW.notes, 'S-' || NEW.id || ' · ' || NEW.name, NEW.case_id, 'subject', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_subject_changed AFTER UPDATE ON subjects BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 1, NEW.name || ' ' || NEW.description || ' ' || NEW.notes, 'S-' || NEW.id || ' · ' || NEW.name, NEW.case_id, 'subject', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_subject_removed AFTER DELETE ON subjects BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

CREATE TRIGGER search_identifier_added AFTER INSERT ON identifiers BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 2, NEW.display || ' ' || NEW.value || ' ' || NEW.match_key || ' ' || NEW.bank_name || ' ' || NEW.notes, 'I-' || NEW.id || ' · ' || NEW.display, NEW.case_id, 'identifier', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_identifier_changed AFTER UPDATE ON identifiers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 2, NEW.display || ' ' || NEW.value || ' ' || NEW.match_key || ' ' || NEW.bank_name || ' ' || NEW.notes, 'I-' || NEW.id || ' · ' || NEW.display, NEW.case_id, 'identifier', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_identifier_removed AFTER DELETE ON identifiers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;

CREATE TRIGGER search_transfer_added AFTER INSERT ON transfers BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 3, NEW.amount || ' ' || NEW.currency || ' ' || NEW.from_account || ' ' || NEW.beneficiary_name || ' ' || NEW.beneficiary_bank || ' ' || NEW.beneficiary_account || ' ' || NEW.beneficiary_bic || ' ' || NEW.beneficiary_wallet || ' ' || coalesce(NEW.wallet_key, '') || ' ' || coalesce(NEW.account_key, '') || ' ' || NEW.reference || ' ' || NEW.notes, 'T-' || NEW.id || ' · ' || CASE NEW.direction WHEN 'out' THEN 'Paid out ' WHEN 'in' THEN 'Received ' ELSE 'Recovered ' END || NEW.amount || ' ' || NEW.currency, NEW.case_id, 'transfer', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_transfer_changed AFTER UPDATE ON transfers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 3, NEW.amount || ' ' || NEW.currency || ' ' || NEW.from_account || ' ' || NEW.beneficiary_name || ' ' || NEW.beneficiary_bank || ' ' || NEW.beneficiary_account || ' ' || NEW.beneficiary_bic || ' ' || NEW.beneficiary_wallet || ' ' || coalesce(NEW.wallet_key, '') || ' ' || coalesce(NEW.account_key, '') || ' ' || NEW.reference || ' ' || NEW.notes, 'T-' || NEW.id || ' · ' || CASE NEW.direction WHEN 'out' THEN 'Paid out ' WHEN 'in' THEN 'Received ' ELSE 'Recovered ' END || NEW.amount || ' ' || NEW.currency, NEW.case_id, 'transfer', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_transfer_removed AFTER DELETE ON transfers BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
END;

CREATE TRIGGER search_event_added AFTER INSERT ON events BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 4, NEW.title || ' ' || NEW.description, 'E-' || NEW.id || ' · ' || NEW.title, NEW.case_id, 'event', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_event_changed AFTER UPDATE ON events BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 4, NEW.title || ' ' || NEW.description, 'E-' || NEW.id || ' · ' || NEW.title, NEW.case_id, 'event', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_event_removed AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
END;

CREATE TRIGGER search_evidence_added AFTER INSERT ON evidence BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 5, NEW.file_name || ' ' || NEW.caption || ' ' || NEW.sha256, 'V-' || NEW.id || ' · ' || NEW.file_name, NEW.case_id, 'evidence', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_evidence_changed AFTER UPDATE ON evidence BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 5, NEW.file_name || ' ' || NEW.caption || ' ' || NEW.sha256, 'V-' || NEW.id || ' · ' || NEW.file_name, NEW.case_id, 'evidence', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_evidence_removed AFTER DELETE ON evidence BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;

CREATE TRIGGER search_chat_message_added AFTER INSERT ON chat_messages BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 6, coalesce(NEW.sender, '') || ': ' || NEW.text || ' ' || coalesce(NEW.attachment_name, ''),
           'Message of ' || replace(substr(NEW.local_time, 1, 16), 'T', ' ') || CASE WHEN NEW.sender IS NOT NULL THEN ' from ' || NEW.sender ELSE '' END,
           c.case_id, 'chat_message', NEW.id, NEW.chat_id
      FROM chats c WHERE c.id = NEW.chat_id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_chat_message_changed AFTER UPDATE OF text, sender, deleted_at, attachment_name ON chat_messages BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 6;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 6, coalesce(NEW.sender, '') || ': ' || NEW.text || ' ' || coalesce(NEW.attachment_name, ''),
           'Message of ' || replace(substr(NEW.local_time, 1, 16), 'T', ' ') || CASE WHEN NEW.sender IS NOT NULL THEN ' from ' || NEW.sender ELSE '' END,
           c.case_id, 'chat_message', NEW.id, NEW.chat_id
      FROM chats c WHERE c.id = NEW.chat_id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_chat_message_removed AFTER DELETE ON chat_messages BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 6;
END;

INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT t.id * 8 + 0, t.title || ' ' || t.victim_name || ' ' || t.victim_contact || ' ' || t.victim_address || ' ' || t.police_report_no || ' ' || t.bank_claim_no || ' ' || t.complaint_id || ' ' || t.notes || ' ' || t.statement, 'Case · ' || t.title, t.id, 'case', t.id, NULL
  FROM cases t WHERE t.deleted_at IS NULL;
INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT t.id * 8 + 1, t.name || ' ' || t.description || ' ' || t.notes, 'S-' || t.id || ' · ' || t.name, t.case_id, 'subject', t.id, NULL
  FROM subjects t WHERE t.deleted_at IS NULL;
INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT t.id * 8 + 2, t.display || ' ' || t.value || ' ' || t.match_key || ' ' || t.bank_name || ' ' || t.notes, 'I-' || t.id || ' · ' || t.display, t.case_id, 'identifier', t.id, NULL
  FROM identifiers t WHERE t.deleted_at IS NULL;
INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT t.id * 8 + 3, t.amount || ' ' || t.currency || ' ' || t.from_account || ' ' || t.beneficiary_name || ' ' || t.beneficiary_bank || ' ' || t.beneficiary_account || ' ' || t.beneficiary_bic || ' ' || t.beneficiary_wallet || ' ' || coalesce(t.wallet_key, '') || ' ' || coalesce(t.account_key, '') || ' ' || t.reference || ' ' || t.notes, 'T-' || t.id || ' · ' || CASE t.direction WHEN 'out' THEN 'Paid out ' WHEN 'in' THEN 'Received ' ELSE 'Recovered ' END || t.amount || ' ' || t.currency, t.case_id, 'transfer', t.id, NULL
  FROM transfers t WHERE t.deleted_at IS NULL;
INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT t.id * 8 + 4, t.title || ' ' || t.description, 'E-' || t.id || ' · ' || t.title, t.case_id, 'event', t.id, NULL
  FROM events t WHERE t.deleted_at IS NULL;
INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT t.id * 8 + 5, t.file_name || ' ' || t.caption || ' ' || t.sha256, 'V-' || t.id || ' · ' || t.file_name, t.case_id, 'evidence', t.id, NULL
  FROM evidence t WHERE t.deleted_at IS NULL;
INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
SELECT m.id * 8 + 6, coalesce(m.sender, '') || ': ' || m.text || ' ' || coalesce(m.attachment_name, ''),
       'Message of ' || replace(substr(m.local_time, 1, 16), 'T', ' ') || CASE WHEN m.sender IS NOT NULL THEN ' from ' || m.sender ELSE '' END,
       c.case_id, 'chat_message', m.id, m.chat_id
  FROM chat_messages m JOIN chats c ON c.id = m.chat_id WHERE m.deleted_at IS NULL;
"#;

/// The contact log: who was contacted about a case, when, how, their reference, what was
/// promised and the next step with its date (the dashboard's deadlines). Searchable like the
/// rest (kind 7 in `search_index`).
const MIGRATION_7: &str = r#"
CREATE TABLE contacts (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    contacted_at_utc        TEXT NOT NULL,
    contacted_offset_minutes INTEGER NOT NULL,
    party                   TEXT NOT NULL CHECK (party IN ('bank', 'police', 'exchange', 'victim', 'adviser', 'other')),
    organisation            TEXT NOT NULL DEFAULT '',
    person                  TEXT NOT NULL DEFAULT '',
    channel                 TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'in_person', 'letter', 'online_form', 'chat', 'other')),
    reference               TEXT NOT NULL DEFAULT '',
    summary                 TEXT NOT NULL DEFAULT '',
    promised                TEXT NOT NULL DEFAULT '',
    next_step               TEXT NOT NULL DEFAULT '',
    next_step_due           TEXT,
    next_step_done          INTEGER NOT NULL DEFAULT 0 CHECK (next_step_done IN (0, 1)),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
CREATE INDEX contacts_case ON contacts(case_id, contacted_at_utc);
CREATE INDEX contacts_open_steps ON contacts(case_id, next_step_due)
    WHERE deleted_at IS NULL AND next_step_done = 0 AND next_step != '';

CREATE TRIGGER search_contact_added AFTER INSERT ON contacts BEGIN
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 7,
           NEW.organisation || ' ' || NEW.person || ' ' || NEW.reference || ' ' || NEW.summary || ' '
             || NEW.promised || ' ' || NEW.next_step,
           'Contact ' || NEW.id || ' · ' || CASE WHEN NEW.organisation != '' THEN NEW.organisation ELSE NEW.party END,
           NEW.case_id, 'contact', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_contact_changed AFTER UPDATE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 7;
    INSERT INTO search_index (rowid, body, label, case_id, kind, ref_id, chat_id)
    SELECT NEW.id * 8 + 7,
           NEW.organisation || ' ' || NEW.person || ' ' || NEW.reference || ' ' || NEW.summary || ' '
             || NEW.promised || ' ' || NEW.next_step,
           'Contact ' || NEW.id || ' · ' || CASE WHEN NEW.organisation != '' THEN NEW.organisation ELSE NEW.party END,
           NEW.case_id, 'contact', NEW.id, NULL
     WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_contact_removed AFTER DELETE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 7;
END;
"#;

/// Accounts the money passed through (the victim's own, the scammers', unknown), the two ends
/// of a transfer, hop links ("these USDT were bought with that deposit"), statement imports
/// and saved CSV profiles. A transfer made from a statement row keeps the row, its number and
/// the bank's id of it (`row_key`: what recognises the row in an overlapping statement).
const MIGRATION_8: &str = r#"
CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases(id),
    owner               TEXT NOT NULL CHECK (owner IN ('victim', 'scammer', 'unknown')),
    kind                TEXT NOT NULL CHECK (kind IN ('bank', 'exchange', 'wallet', 'card', 'payment_app', 'other')),
    name                TEXT NOT NULL,
    institution         TEXT NOT NULL DEFAULT '',
    number              TEXT NOT NULL DEFAULT '',
    -- validate::identifier match key of `number` (IBAN with or without spaces, wallet case).
    match_key           TEXT,
    network             TEXT,
    is_exchange_deposit INTEGER NOT NULL DEFAULT 0 CHECK (is_exchange_deposit IN (0, 1)),
    warnings            TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
) STRICT;
CREATE INDEX accounts_case ON accounts(case_id);
CREATE INDEX accounts_match ON accounts(case_id, match_key);

CREATE TABLE statement_imports (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    evidence_id     INTEGER NOT NULL REFERENCES evidence(id),
    account_id      INTEGER REFERENCES accounts(id),
    format          TEXT NOT NULL CHECK (format IN ('csv', 'ofx', 'camt053')),
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    -- The CSV profile the rows were read with (JSON), and its saved name.
    profile         TEXT,
    profile_name    TEXT,
    rows_in_file    INTEGER NOT NULL,
    imported_at     TEXT NOT NULL,
    undone_at       TEXT
) STRICT;
CREATE INDEX statement_imports_case ON statement_imports(case_id);

CREATE TABLE statement_profiles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    header_key  TEXT NOT NULL,
    profile     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX statement_profiles_header ON statement_profiles(header_key);

ALTER TABLE transfers ADD COLUMN from_account_id INTEGER REFERENCES accounts(id);
ALTER TABLE transfers ADD COLUMN to_account_id INTEGER REFERENCES accounts(id);
-- The statement gave the day only: the time is midnight in the case's zone and not printed.
ALTER TABLE transfers ADD COLUMN date_only INTEGER NOT NULL DEFAULT 0 CHECK (date_only IN (0, 1));
ALTER TABLE transfers ADD COLUMN statement_import_id INTEGER REFERENCES statement_imports(id);
ALTER TABLE transfers ADD COLUMN statement_row INTEGER;
ALTER TABLE transfers ADD COLUMN statement_part INTEGER;
ALTER TABLE transfers ADD COLUMN statement_raw TEXT;
ALTER TABLE transfers ADD COLUMN row_key TEXT;
CREATE INDEX transfers_from_account ON transfers(from_account_id);
CREATE INDEX transfers_to_account ON transfers(to_account_id);
CREATE INDEX transfers_row_key ON transfers(case_id, row_key);
CREATE INDEX transfers_statement_import ON transfers(statement_import_id);

-- Hop links: `transfer_id` was paid with money that arrived by `source_id`.
CREATE TABLE transfer_sources (
    transfer_id INTEGER NOT NULL REFERENCES transfers(id),
    source_id   INTEGER NOT NULL REFERENCES transfers(id),
    PRIMARY KEY (transfer_id, source_id),
    CHECK (transfer_id != source_id)
) STRICT;
CREATE INDEX transfer_sources_source ON transfer_sources(source_id);
"#;

/// Whether a statement import brought its file into the case (undo then removes the file, when
/// nothing else uses it) — recorded, not inferred from times. Imports made before: the file's
/// creation time equal to the import's, its caption the import's, and no earlier import of it.
const MIGRATION_9: &str = r#"
ALTER TABLE statement_imports ADD COLUMN brought_file INTEGER NOT NULL DEFAULT 0 CHECK (brought_file IN (0, 1));
UPDATE statement_imports SET brought_file = 1
 WHERE EXISTS (SELECT 1 FROM evidence v WHERE v.id = statement_imports.evidence_id
                 AND v.created_at = statement_imports.imported_at
                 AND v.caption LIKE '% statement ' || statement_imports.file_name || ' (%')
   AND NOT EXISTS (SELECT 1 FROM statement_imports o WHERE o.evidence_id = statement_imports.evidence_id
                 AND o.id < statement_imports.id);
"#;
