//! The encrypted case store: one SQLCipher file holding every case, record and evidence byte.
//!
//! Opening: read the 16-byte file salt, stretch the passphrase with Argon2id into the raw key,
//! key the connection, and read once right away — SQLCipher only notices a wrong key at the
//! first read. The journal is SQLite's rollback journal (`DELETE` mode), which SQLCipher
//! encrypts like the main file and which exists only while a transaction is being written;
//! temporary tables and sorts are kept in memory so no plaintext scratch file is ever created.

mod accounts;
mod cases;
mod chat_interchange;
mod chats;
mod contacts;
mod deleted;
mod drafts;
mod events;
mod evidence;
mod formats;
pub mod key;
pub mod schema;
mod search;
pub use search::MAX_HITS as MAX_SEARCH_HITS;
mod settings;
mod statements;
mod subjects;
mod timeline;
mod transfers;

pub(crate) use chat_interchange::{ChatRows, ImportRow, MessageRow};
pub use chats::{ChatImportProgress, MAX_CHAT_PAGE};
pub use evidence::{clean_file_name, Intake, IntakeSummary, PreviewOutcome};
pub use statements::read_statement_file;
pub use transfers::summarize;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::audit;
use crate::model::{Action, Entity};
use crate::time::now_utc;
use crate::{CoreError, Result};
use key::{Key, SALT_LEN};

/// `PRAGMA application_id` of a Casefile store ("CSF1").
pub const APPLICATION_ID: i32 = 0x4353_4631;
/// SQLCipher page size used by Casefile stores.
const PAGE_SIZE: u64 = 4096;
/// Page cache per connection: SQLCipher decrypts on every cache miss, so a 32 MiB cache keeps
/// it within ~10% of plain SQLite (measured: 4.6–6× slower with the 2 MB default).
const CACHE_KIB: i64 = 32 * 1024;
/// Environment variable that overrides where the store lives.
pub const STORE_ENV: &str = "CASEFILE_STORE";
/// File name of the store inside the data directory.
pub const STORE_FILE_NAME: &str = "casefile.db";

/// An open, unlocked case store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    salt: [u8; SALT_LEN],
    key: Key,
    actor: String,
    /// An intake's group of files not committed yet: when it began and how many it holds.
    intake_group: Option<(std::time::Instant, usize)>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

/// Where the store lives: `$CASEFILE_STORE` if set, else `<data dir>/Casefile/casefile.db`
/// (on Linux `~/.local/share/Casefile/casefile.db`).
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os(STORE_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("Casefile")
        .join(STORE_FILE_NAME)
}

/// Whether a store file exists at `path` (it may still be locked or damaged).
pub fn exists(path: &Path) -> bool {
    path.metadata().map(|m| m.len() > 0).unwrap_or(false)
}

impl Store {
    /// Creates a new, empty store at `path` protected by `passphrase`.
    ///
    /// The file is built under a temporary name beside the target and renamed into place only
    /// when complete, so a crash never leaves a half-made store where the app looks for one.
    pub fn create(path: &Path, passphrase: &str, actor: &str) -> Result<Store> {
        crate::passphrase::check_new(passphrase)?;
        if exists(path) {
            return Err(CoreError::StoreExists {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        let salt = key::random_salt()?;
        let key = key::derive_key(&key::normalized(passphrase), &salt)?;
        let partial = partial_path(path);
        remove_if_exists(&partial)?;
        let built = (|| -> Result<()> {
            let mut conn = create_keyed(&partial, &key, &salt)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            schema::migrate(&mut conn)?;
            settings::record_kdf(&conn)?;
            conn.close().map_err(|(_, e)| CoreError::Database(e))?;
            Ok(())
        })();
        let built = built
            .and_then(|()| make_private(&partial))
            .and_then(|()| put_in_place(&partial, path));
        if let Err(e) = built {
            let _ = fs::remove_file(&partial);
            return Err(e);
        }
        Store::open_with_key(path, salt, key, actor)
    }

    /// Opens and unlocks the store at `path`. A wrong passphrase or a file that is not a store
    /// gives a clear error and leaves the file exactly as it was.
    ///
    /// The passphrase is Unicode-normalised (NFC) first, so "é" typed as one character or as
    /// "e" + accent opens the same file. A store made before that (keyed with the passphrase as
    /// typed) still opens, and is re-keyed to the normalised passphrase on the spot.
    pub fn open(path: &Path, passphrase: &str, actor: &str) -> Result<Store> {
        let salt = read_salt(path)?;
        let normal = key::normalized(passphrase);
        let key = key::derive_key(&normal, &salt)?;
        match Store::open_with_key(path, salt, key, actor) {
            Err(CoreError::WrongPassphrase) if *normal != passphrase => {
                let typed = key::derive_key(passphrase, &salt)?;
                let mut store = Store::open_with_key(path, salt, typed, actor)?;
                // Best effort: if the re-key cannot run now (read-only medium, full disk), the
                // store still opens with the passphrase as typed, and is re-keyed another time.
                if let Ok(nfc_key) = key::derive_key(&normal, &salt) {
                    let _ = store.rekey(&nfc_key);
                }
                Ok(store)
            }
            other => other,
        }
    }

    fn open_with_key(path: &Path, salt: [u8; SALT_LEN], key: Key, actor: &str) -> Result<Store> {
        make_private(path)?;
        let mut conn = open_keyed(path, &key, &salt)?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(CoreError::NotACaseFile {
                path: path.to_path_buf(),
            });
        }
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            salt,
            key,
            actor: actor.to_string(),
            intake_group: None,
        })
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes the passphrase. Every page is re-encrypted with the new key in one transaction
    /// (SQLCipher `rekey`), so either the old or the new passphrase opens the file, never neither.
    pub fn change_passphrase(&mut self, current: &str, new: &str) -> Result<()> {
        let current_key = key::derive_key(&key::normalized(current), &self.salt)?;
        if current_key.as_ref() != self.key.as_ref() {
            return Err(CoreError::WrongPassphrase);
        }
        crate::passphrase::check_new(new)?;
        self.rekey(&key::derive_key(&key::normalized(new), &self.salt)?)?;
        crate::audit::append(
            &self.conn,
            &audit::Change {
                actor: &self.actor,
                action: Action::Update,
                entity: Entity::Store,
                entity_id: None,
                case_id: None,
                summary: "Passphrase changed",
            },
        )?;
        Ok(())
    }

    /// Re-encrypts every page with `new_key` in one transaction (SQLCipher `rekey`).
    fn rekey(&mut self, new_key: &Key) -> Result<()> {
        let literal = key::sqlcipher_literal(new_key, &self.salt);
        self.conn
            .execute_batch(&format!("PRAGMA rekey = {};", literal.as_str()))?;
        self.key = new_key.clone();
        Ok(())
    }

    /// Runs `f` as one transaction: everything it changes is saved, or nothing is.
    pub(crate) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let outcome = f(self).and_then(|v| {
            self.conn.execute_batch("COMMIT")?;
            Ok(v)
        });
        if outcome.is_err() {
            // Nothing of a failed import (or a failed commit) may stay half-written.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        outcome
    }

    /// Soft-deletes one record of a case (`table` is one of ours, never user input), runs
    /// `also` (statements taking ?1 = id and optionally ?2 = now) and writes the audit entry, all or nothing.
    pub(crate) fn soft_delete(
        &mut self,
        table: &'static str,
        entity: Entity,
        id: i32,
        case_id: i32,
        summary: &str,
        also: &[&str],
    ) -> Result<()> {
        let now = now_utc();
        let tx = write_tx(&mut self.conn)?;
        tx.execute(
            &format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"),
            rusqlite::params![id, now],
        )?;
        for sql in also {
            let mut stmt = tx.prepare(sql)?;
            if stmt.parameter_count() == 1 {
                stmt.execute([id])?;
            } else {
                stmt.execute(rusqlite::params![id, now])?;
            }
        }
        crate::audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Delete,
                entity,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary,
            },
        )?;
        transfers::touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Appends an audit entry on its own (for actions that span several records).
    pub(crate) fn audit(
        &self,
        action: Action,
        entity: Entity,
        entity_id: Option<i64>,
        case_id: Option<i64>,
        summary: &str,
    ) -> Result<()> {
        crate::audit::append(
            &self.conn,
            &audit::Change {
                actor: &self.actor,
                action,
                entity,
                entity_id,
                case_id,
                summary,
            },
        )
    }

    /// Closes the store, committing an intake group still open and flushing everything to disk.
    /// (Dropping it without closing rolls such a group back, as a crash would.)
    pub fn close(mut self) -> Result<()> {
        self.commit_pending_writes()?;
        self.conn.close().map_err(|(_, e)| CoreError::Database(e))
    }

    /// Commits an intake group still open (an intake whose last group was not finished, e.g.
    /// the window stopped sending files). Front ends call it before any other write.
    pub fn commit_pending_writes(&mut self) -> Result<()> {
        if self.intake_group.is_some() && !self.conn.is_autocommit() {
            // On failure the group stays open and is tried again at the next commit.
            self.conn.execute_batch("COMMIT")?;
        }
        self.intake_group = None;
        Ok(())
    }

    /// The audit log, oldest first; only entries about `case_id` when given.
    pub fn audit_log(&self, case_id: Option<i32>) -> Result<Vec<crate::model::AuditEntry>> {
        crate::audit::entries(&self.conn, case_id)
    }

    /// Walks the audit hash chain and reports the first entry that does not verify.
    pub fn verify_audit_chain(&self) -> Result<crate::model::AuditReport> {
        crate::audit::verify(&self.conn)
    }

    /// Schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Raw connection, for tests of the core crate that simulate tampering with the key in hand.
    #[doc(hidden)]
    pub fn connection_for_tests(&self) -> &Connection {
        &self.conn
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".creating");
    path.with_file_name(name)
}

/// Moves a finished new store into place: flushed to disk first, never over a store that
/// appeared at `path` meanwhile (a hard link fails if the name is taken; file systems without
/// hard links, such as FAT on a USB stick, fall back to a rename), and the folder flushed after.
fn put_in_place(partial: &Path, path: &Path) -> Result<()> {
    fs::File::open(partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| CoreError::io(partial, e))?;
    match fs::hard_link(partial, path) {
        Ok(()) => remove_if_exists(partial)?,
        // An empty file at the path is no store (see `exists`): the new one takes its place.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && exists(path) => {
            return Err(CoreError::StoreExists {
                path: path.to_path_buf(),
            })
        }
        Err(_) => fs::rename(partial, path).map_err(|e| CoreError::io(path, e))?,
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Flushing a folder is not possible everywhere; the store itself is already on disk.
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(CoreError::io(path, e)),
        _ => Ok(()),
    }
}

/// Reads SQLCipher's file salt (the first 16 bytes), refusing files that cannot be a store.
fn read_salt(path: &Path) -> Result<[u8; SALT_LEN]> {
    let not_a_store = || CoreError::NotACaseFile {
        path: path.to_path_buf(),
    };
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CoreError::StoreMissing {
                path: path.to_path_buf(),
            })
        }
        Err(e) => return Err(CoreError::io(path, e)),
    };
    let len = file.metadata().map_err(|e| CoreError::io(path, e))?.len();
    if len < PAGE_SIZE || len % PAGE_SIZE != 0 {
        return Err(not_a_store());
    }
    let mut salt = [0u8; SALT_LEN];
    file.read_exact(&mut salt)
        .map_err(|e| CoreError::io(path, e))?;
    if &salt == b"SQLite format 3\0" {
        // An ordinary, unencrypted SQLite file: never a Casefile store.
        return Err(not_a_store());
    }
    Ok(salt)
}

/// Makes a new, empty SQLCipher file at `path` keyed with `key` and Casefile's page size.
fn create_keyed(path: &Path, key: &Key, salt: &[u8; SALT_LEN]) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_CREATE;
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key, salt)?;
    conn.pragma_update(None, "cipher_page_size", PAGE_SIZE as i64)?;
    prove_key(&conn)?;
    configure(&conn)?;
    Ok(conn)
}

/// Opens an existing store, proves the key with a read, and sets Casefile's pragmas.
///
/// When a crash left a journal beside the file, SQLite would roll it back at the first read —
/// before SQLCipher can tell that the key is wrong. So the key is first proven on a read-only,
/// journal-blind (`immutable`) view of the file; only the right key reaches the real open.
fn open_keyed(path: &Path, key: &Key, salt: &[u8; SALT_LEN]) -> Result<Connection> {
    if journal_path(path).exists() && prove_key_immutable(path, key, salt).is_err() {
        // The file itself may be mid-write (a torn first page, pages under two keys after a
        // crash during a passphrase change): prove the key the way SQLite would recover, on a
        // private copy of the file and its journal that SQLite may roll back.
        prove_key_on_recovered_copy(path, key, salt)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key, salt)?;
    prove_key(&conn)?;
    configure(&conn)?;
    Ok(conn)
}

/// Proves the key on a read-only view of the file that never looks at (or rolls back) its journal.
fn prove_key_immutable(path: &Path, key: &Key, salt: &[u8; SALT_LEN]) -> Result<()> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let probe = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    apply_key(&probe, key, salt)?;
    prove_key(&probe)
}

/// Copies the store and its journal into a private folder beside it (still encrypted: the
/// copy is ciphertext like the original), lets SQLite recover the copy, proves the key there,
/// and removes the copy. The original is not touched until the key is proven.
fn prove_key_on_recovered_copy(path: &Path, key: &Key, salt: &[u8; SALT_LEN]) -> Result<()> {
    let nonce = key::random_salt().map(hex::encode)?;
    let dir = path.with_file_name(format!(".casefile-recovery-check-{nonce}"));
    create_private_dir(&dir)?;
    let copy = dir.join(STORE_FILE_NAME);
    let outcome = fs::copy(path, &copy)
        .and_then(|_| fs::copy(journal_path(path), journal_path(&copy)))
        .map_err(|e| CoreError::io(&dir, e))
        .and_then(|_| {
            let conn = Connection::open_with_flags(
                &copy,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            apply_key(&conn, key, salt)?;
            prove_key(&conn)
        });
    let _ = fs::remove_dir_all(&dir);
    outcome
}

fn apply_key(conn: &Connection, key: &Key, salt: &[u8; SALT_LEN]) -> Result<()> {
    // SQLCipher prints "hmac check failed" to stderr on a wrong key unless told not to.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let literal = key::sqlcipher_literal(key, salt);
    conn.execute_batch(&format!("PRAGMA key = {};", literal.as_str()))?;
    Ok(())
}

/// SQLCipher only notices a wrong key at the first read.
fn prove_key(conn: &Connection) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            Err(CoreError::WrongPassphrase)
        }
        Err(e) => Err(e.into()),
    }
}

/// How long a writer waits for another program (the window, the CLI) to finish its write.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON;
         PRAGMA journal_mode = DELETE;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -{CACHE_KIB};"
    ))?;
    Ok(())
}

/// A write transaction: `BEGIN IMMEDIATE` at the top level — so a second program waits for the
/// write lock up front instead of failing half-way — or a savepoint inside an outer transaction.
pub(crate) enum WriteTx<'c> {
    Top(rusqlite::Transaction<'c>),
    Nested(rusqlite::Savepoint<'c>),
}

/// Starts a write transaction on `conn` (see [`WriteTx`]).
pub(crate) fn write_tx(conn: &mut Connection) -> Result<WriteTx<'_>> {
    Ok(if conn.is_autocommit() {
        WriteTx::Top(conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    } else {
        WriteTx::Nested(conn.savepoint()?)
    })
}

impl WriteTx<'_> {
    /// Saves everything written in this transaction.
    pub(crate) fn commit(self) -> Result<()> {
        match self {
            WriteTx::Top(t) => t.commit()?,
            WriteTx::Nested(s) => s.commit()?,
        }
        Ok(())
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            WriteTx::Top(t) => t,
            WriteTx::Nested(s) => s,
        }
    }
}

fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-journal");
    PathBuf::from(name)
}

/// A file path as the path part of an SQLite `file:` URI (percent-encoded where needed).
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(*b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Creates the store's folder (and its parents) readable by the owner only, as far as we make it.
fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| CoreError::io(dir, e))
}

/// Makes the store file readable and writable by its owner only (0600); SQLite gives its
/// journal the same permissions.
fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let meta = fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            // A file system without Unix permissions (FAT on a USB stick) refuses; the store
            // is then as private as that file system allows, and still opens.
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store that appeared at the path while a new one was being built is never replaced.
    #[test]
    fn a_new_store_never_replaces_one_that_appeared_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("casefile.db");
        let partial = partial_path(&path);
        fs::write(&partial, b"new store").unwrap();
        fs::write(&path, b"someone else's store").unwrap();
        let err = put_in_place(&partial, &path).unwrap_err();
        assert!(matches!(err, CoreError::StoreExists { .. }), "{err:?}");
        assert_eq!(fs::read(&path).unwrap(), b"someone else's store");
        // An empty file is no store (the app offers to create one there): it is replaced.
        fs::write(&path, b"").unwrap();
        put_in_place(&partial, &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new store");
        assert!(!partial.exists());
    }

    /// Stores made before passphrases were normalised were keyed with the passphrase exactly
    /// as typed; they still open, and from then on open with any form of the same text.
    #[test]
    fn stores_keyed_before_normalisation_still_open_and_are_rekeyed() {
        let decomposed = "cafe\u{301} harbour seventeen lanterns";
        let composed = "caf\u{e9} harbour seventeen lanterns";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let salt = key::random_salt().unwrap();
        let old_key = key::derive_key(decomposed, &salt).unwrap();
        {
            let mut conn = create_keyed(&path, &old_key, &salt).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            schema::migrate(&mut conn).unwrap();
        }
        assert!(matches!(
            Store::open(&path, composed, "test"),
            Err(CoreError::WrongPassphrase)
        ));
        let mut store = Store::open(&path, decomposed, "test").unwrap();
        store.create_case("kept").unwrap();
        store.close().unwrap();
        let store = Store::open(&path, composed, "test").unwrap();
        assert_eq!(store.list_cases(&Default::default()).unwrap().len(), 1);
    }

    /// A store left at every earlier schema version by an older Casefile opens and is brought
    /// up to date, keeping its rows.
    #[test]
    fn stores_made_by_every_earlier_migration_set_open_and_migrate() {
        let pass = "violet harbour seventeen lanterns";
        for made_with in 0..schema::MIGRATIONS.len() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            let salt = key::random_salt().unwrap();
            let key = key::derive_key(pass, &salt).unwrap();
            {
                let conn = create_keyed(&path, &key, &salt).unwrap();
                conn.pragma_update(None, "application_id", APPLICATION_ID)
                    .unwrap();
                for (i, sql) in schema::MIGRATIONS[..made_with].iter().enumerate() {
                    conn.execute_batch(sql).unwrap();
                    conn.pragma_update(None, "user_version", i as i64 + 1)
                        .unwrap();
                }
                if made_with >= 1 {
                    conn.execute_batch(
                        "INSERT INTO cases (title, time_zone, created_at, updated_at) VALUES ('old case', 'Asia/Bangkok', 'x', 'x');
                         INSERT INTO evidence (case_id, file_name, media_type, size_bytes, sha256, captured_at_utc,
                             captured_offset_minutes, capture_time_source, intake_at, created_at, updated_at)
                         VALUES (1, 'IMG_1.jpg', 'image/jpeg', 3, 'abc', '2026-03-14T02:31:02Z', 420, 'exif_no_offset', 'x', 'x', 'x');
                         INSERT INTO evidence_blobs (evidence_id, original) VALUES (1, x'010203');",
                    )
                    .unwrap();
                }
                if made_with == 8 {
                    // Two imports of one statement file: the first brought it in.
                    conn.execute_batch(
                        "UPDATE evidence SET caption = 'Bank statement b.csv (CSV, 2 rows)', created_at = 't1' WHERE id = 1;
                         INSERT INTO statement_imports (case_id, evidence_id, format, file_name, sha256, rows_in_file, imported_at)
                         VALUES (1, 1, 'csv', 'b.csv', 'abc', 2, 't1'), (1, 1, 'csv', 'b.csv', 'abc', 2, 't2');",
                    )
                    .unwrap();
                }
            }
            let store = Store::open(&path, pass, "test").unwrap();
            if made_with == 8 {
                let brought: Vec<i64> = store
                    .conn
                    .prepare("SELECT brought_file FROM statement_imports ORDER BY id")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert_eq!(brought, [1, 0]);
            }
            assert_eq!(store.schema_version().unwrap(), schema::latest_version());
            let count: i64 = store
                .conn
                .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
                .unwrap();
            assert_eq!(
                count,
                i64::from(made_with >= 1),
                "made with {made_with} migrations"
            );
            if made_with == 1 {
                // Evidence rebuilt by migration 2 keeps its rows, bytes and links; a time read
                // without a zone is marked as read in the case's zone.
                let e = store.get_evidence(1).unwrap();
                assert_eq!(e.capture_zone.as_deref(), Some("Asia/Bangkok"));
                assert_eq!(e.captured.unwrap().recorded, "2026-03-14T09:31:02+07:00");
                assert_eq!(store.evidence_original(1).unwrap().1, vec![1, 2, 3]);
                let fk: i64 = store
                    .conn
                    .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(fk, 0);
                let on: i64 = store
                    .conn
                    .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(on, 1, "foreign keys are on again after the migration");
            }
        }
    }
}
