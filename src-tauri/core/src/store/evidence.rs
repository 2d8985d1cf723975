//! Evidence storage: metadata in `evidence`, original bytes and thumbnail in `evidence_blobs`,
//! both inside the encrypted file. A single file is one transaction; an [`Intake`] of many
//! files commits in groups (every 50 files or 250 ms), and previews are made afterwards.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::{transfers::touch_case, Store};
use crate::evidence::{self, Prepared};
use crate::interchange::ExportedEvidence;
use crate::model::{Action, Entity};
use crate::model::{
    CaptureTimeChange, CaptureTimeSource, Evidence, EvidenceUpdate, IntakeResult, SkippedItem,
};
use crate::time::now_utc;
use crate::time::{parse_moment, Moment};
use crate::validate as v;
use crate::{audit, CoreError, Result};

const COLUMNS: &str = "e.id, e.case_id, e.file_name, e.media_type, e.size_bytes, e.sha256, e.captured_at_utc,
    e.captured_offset_minutes, e.capture_time_source, e.intake_at, e.caption, e.preview_note, e.width, e.height,
    (b.thumbnail IS NOT NULL), e.capture_zone, e.capture_shift_minutes, e.preview_pending";

fn row_to_evidence(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    let captured_utc: Option<String> = r.get(6)?;
    let offset: Option<i32> = r.get(7)?;
    let source =
        CaptureTimeSource::parse(&r.get::<_, String>(8)?).unwrap_or(CaptureTimeSource::Unknown);
    let zone: Option<String> = r.get(15)?;
    let shift: i32 = r.get(16)?;
    Ok(Evidence {
        id: r.get(0)?,
        case_id: r.get(1)?,
        file_name: r.get(2)?,
        media_type: r.get(3)?,
        size_bytes: r.get(4)?,
        sha256: r.get(5)?,
        captured: captured_utc.map(|u| Moment::from_stored(&u, offset.unwrap_or(0))),
        capture_time_source: source,
        intake_at: r.get(9)?,
        caption: r.get(10)?,
        preview_note: r.get(11)?,
        width: r.get(12)?,
        height: r.get(13)?,
        has_preview: r.get(14)?,
        capture_note: source.note(zone.as_deref(), shift),
        capture_zone: zone,
        capture_shift_minutes: shift,
        preview_pending: r.get(17)?,
    })
}

/// A file name safe to show and print: no folders, no control characters, not empty.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(255).collect();
    if cleaned.trim().is_empty() {
        "unnamed file".into()
    } else {
        cleaned
    }
}

/// Refuses what is not a plain file, saying what it is instead.
fn refuse_unless_regular_file(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(CoreError::Refused(format!(
            "\"{}\" is a folder, not a file. Choose the files inside it.",
            path.display()
        )));
    }
    Err(CoreError::Refused(format!(
        "\"{}\" is not a regular file but {}, so Casefile does not read it. Choose a file instead (a screenshot, a photo, a PDF or a chat export).",
        path.display(),
        special_file_kind(&kind)
    )))
}

#[cfg(unix)]
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        "a pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a device, a pipe or a socket"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_kind: &std::fs::FileType) -> &'static str {
    "a device, a pipe or a socket"
}

/// Files of an intake committed together: at most this many …
const INTAKE_GROUP_FILES: usize = 50;
/// … or what was stored in this long. Stop keeps everything of the groups before it.
const INTAKE_GROUP_TIME: Duration = Duration::from_millis(250);

/// A preview made, or the note saying why there is none.
pub type PreviewOutcome = std::result::Result<evidence::Preview, String>;

/// An intake in progress (see [`Store::begin_intake`]).
#[derive(Debug)]
pub struct Intake {
    case_id: i32,
    device_zone: String,
    stored: u32,
    duplicates: u32,
}

impl Intake {
    /// The case the files go into.
    pub fn case_id(&self) -> i32 {
        self.case_id
    }

    /// The zone times without one are read in.
    pub fn device_zone(&self) -> &str {
        &self.device_zone
    }
}

/// What an intake stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeSummary {
    pub stored: u32,
    pub duplicates: u32,
    pub device_zone: String,
}

/// Reads a file from disk for intake: only regular files, size checked before reading and
/// again on what was opened (the name may point to something else by now).
fn read_evidence_file(path: &Path) -> Result<(String, Vec<u8>, Option<DateTime<Utc>>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    refuse_unless_regular_file(path, &meta)?;
    evidence::check_size(&name, meta.len())?;
    let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
    let meta = file.metadata().map_err(|e| CoreError::io(path, e))?;
    refuse_unless_regular_file(path, &meta)?;
    evidence::check_size(&name, meta.len())?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte over the limit is enough to refuse a file that grew while being read.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&file, evidence::MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| CoreError::io(path, e))?;
    evidence::check_size(&name, bytes.len() as u64)?;
    let modified = meta.modified().ok().map(DateTime::<Utc>::from);
    Ok((name, bytes, modified))
}

impl Store {
    /// Takes in one file's bytes as evidence. The same bytes already in the case are recognized
    /// by their SHA-256 and not stored twice.
    pub fn add_evidence(
        &mut self,
        case_id: i32,
        file_name: &str,
        bytes: &[u8],
        modified: Option<DateTime<Utc>>,
        caption: &str,
    ) -> Result<IntakeResult> {
        let case = self.get_case(case_id)?;
        let file_name = clean_file_name(file_name);
        let caption = v::caption(caption)?;
        evidence::check_size(&file_name, bytes.len() as u64)?;
        let sha = evidence::sha256_hex(bytes);
        if let Some(existing) = self.find_evidence_by_hash(case_id, &sha)? {
            return Ok(IntakeResult {
                evidence: existing,
                duplicate: true,
            });
        }
        let p = evidence::prepare(&file_name, bytes, modified, &case.details.time_zone)?;
        let id = self.insert_evidence(case_id, &file_name, &caption, bytes, &p)?;
        Ok(IntakeResult {
            evidence: self.get_evidence(id)?,
            duplicate: false,
        })
    }

    /// Starts taking in many files at once. `device_zone` is the zone of the phone or computer
    /// that made them (times written without a zone are read in it); `None` means the case's.
    pub fn begin_intake(&mut self, case_id: i32, device_zone: Option<&str>) -> Result<Intake> {
        let case = self.get_case(case_id)?;
        let device_zone = match device_zone.map(str::trim).filter(|z| !z.is_empty()) {
            Some(z) => v::time_zone(z)?,
            None => case.details.time_zone,
        };
        Ok(Intake {
            case_id,
            device_zone,
            stored: 0,
            duplicates: 0,
        })
    }

    /// Takes in one file's bytes as part of an intake: stored, hashed and in the encrypted
    /// file at once, committed with its group. The preview is left for
    /// [`Store::make_pending_previews`].
    pub fn intake_bytes(
        &mut self,
        intake: &mut Intake,
        file_name: &str,
        bytes: &[u8],
        modified: Option<DateTime<Utc>>,
        caption: &str,
    ) -> Result<IntakeResult> {
        let file_name = clean_file_name(file_name);
        let caption = v::caption(caption)?;
        evidence::check_size(&file_name, bytes.len() as u64)?;
        let p = evidence::examine(&file_name, bytes, modified, &intake.device_zone)?;
        if let Some(existing) = self.find_evidence_by_hash(intake.case_id, &p.sha256)? {
            intake.duplicates += 1;
            return Ok(IntakeResult {
                evidence: existing,
                duplicate: true,
            });
        }
        if let Some((_, files)) = self.intake_group {
            if self.conn.is_autocommit() {
                // SQLite rolled the open group back on its own (a full disk, an I/O error).
                self.intake_group = None;
                intake.stored = intake.stored.saturating_sub(files as u32);
                return Err(CoreError::Refused(format!(
                    "The last {files} files could not be kept: the case file could not be written (is the disk full?). Make room and add them again; everything before them is kept."
                )));
            }
        } else {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.intake_group = Some((Instant::now(), 0));
        }
        let id = match self.insert_evidence(intake.case_id, &file_name, &caption, bytes, &p) {
            Ok(id) => id,
            Err(e) => {
                // The file's own savepoint is gone; the group before it is kept.
                self.commit_pending_writes()?;
                return Err(e);
            }
        };
        intake.stored += 1;
        let evidence = self.get_evidence(id)?;
        if let Some((started, files)) = &mut self.intake_group {
            *files += 1;
            if *files >= INTAKE_GROUP_FILES || started.elapsed() >= INTAKE_GROUP_TIME {
                self.commit_pending_writes()?;
            }
        }
        Ok(IntakeResult {
            evidence,
            duplicate: false,
        })
    }

    /// Takes in a file from disk as part of an intake (only regular files; size checked
    /// before reading).
    pub fn intake_file(
        &mut self,
        intake: &mut Intake,
        path: &Path,
        caption: &str,
    ) -> Result<IntakeResult> {
        let (name, bytes, modified) = read_evidence_file(path)?;
        self.intake_bytes(intake, &name, &bytes, modified, caption)
    }

    /// Commits what an intake has stored so far (also when it was stopped half-way).
    pub fn finish_intake(&mut self, intake: Intake) -> Result<IntakeSummary> {
        self.commit_pending_writes()?;
        Ok(IntakeSummary {
            stored: intake.stored,
            duplicates: intake.duplicates,
            device_zone: intake.device_zone,
        })
    }

    /// Up to `limit` items whose preview is still to be made, with their original bytes — and
    /// no more than 64 MB of originals at once (at least one item), so memory stays bounded.
    pub fn pending_previews(&self, limit: usize) -> Result<Vec<(i32, Vec<u8>)>> {
        const MAX_BATCH_BYTES: i64 = 64 * 1024 * 1024;
        let candidates: Vec<(i32, i64)> = self
            .conn
            .prepare_cached(
                "SELECT id, size_bytes FROM evidence WHERE preview_pending = 1 AND deleted_at IS NULL
                  ORDER BY id LIMIT ?1",
            )?
            .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut total = 0i64;
        let mut out = Vec::new();
        for (id, size) in candidates {
            if !out.is_empty() && total + size > MAX_BATCH_BYTES {
                break;
            }
            total += size;
            let bytes: Vec<u8> = self.conn.query_row(
                "SELECT original FROM evidence_blobs WHERE evidence_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            out.push((id, bytes));
        }
        Ok(out)
    }

    /// Stores finished previews (thumbnails and sizes, or the note saying why there is none)
    /// in one transaction. A preview is derived from the stored bytes, so it is not audited.
    pub fn save_previews(&mut self, done: &[(i32, PreviewOutcome)]) -> Result<()> {
        let tx = super::write_tx(&mut self.conn)?;
        for (id, outcome) in done {
            match outcome {
                Ok(p) => {
                    tx.execute(
                        "UPDATE evidence SET preview_pending = 0, width = ?2, height = ?3 WHERE id = ?1",
                        params![id, p.width, p.height],
                    )?;
                    tx.execute(
                        "UPDATE evidence_blobs SET thumbnail = ?2, thumbnail_media_type = 'image/jpeg' WHERE evidence_id = ?1",
                        params![id, p.thumbnail],
                    )?;
                }
                Err(note) => {
                    tx.execute(
                        "UPDATE evidence SET preview_pending = 0, preview_note = ?2 WHERE id = ?1",
                        params![id, note],
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Makes every pending preview, a few at a time on all cores, and stores each batch as it
    /// is ready. Returns how many were made.
    pub fn make_pending_previews(&mut self) -> Result<usize> {
        let batch = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
        let mut made = 0;
        loop {
            let todo = self.pending_previews(batch)?;
            if todo.is_empty() {
                return Ok(made);
            }
            let done = evidence::make_previews(todo);
            made += done.len();
            self.save_previews(&done)?;
        }
    }

    /// Takes in a file from disk (size checked before it is read). Only regular files are
    /// read: a folder, a device or a pipe is refused before it is opened.
    pub fn add_evidence_file(
        &mut self,
        case_id: i32,
        path: &Path,
        caption: &str,
    ) -> Result<IntakeResult> {
        let (name, bytes, modified) = read_evidence_file(path)?;
        self.add_evidence(case_id, &name, &bytes, modified, caption)
    }

    /// Stores an evidence item from a case export, keeping its recorded capture time, source,
    /// caption and intake time. The caller has checked the bytes against the hash.
    pub(crate) fn import_evidence(
        &mut self,
        case_id: i32,
        item: &ExportedEvidence,
        bytes: &[u8],
    ) -> Result<i32> {
        let case = self.get_case(case_id)?;
        let mut p = evidence::prepare(&item.file_name, bytes, None, &case.details.time_zone)?;
        p.captured = item.captured.clone();
        p.capture_source = item.capture_time_source;
        p.capture_zone = item.capture_zone.clone();
        let id = self.insert_evidence(
            case_id,
            &clean_file_name(&item.file_name),
            &item.caption,
            bytes,
            &p,
        )?;
        self.conn.execute(
            "UPDATE evidence SET intake_at = ?2, capture_shift_minutes = ?3 WHERE id = ?1",
            params![id, item.intake_at, item.capture_shift_minutes],
        )?;
        Ok(id)
    }

    pub(super) fn find_evidence_by_hash(
        &self,
        case_id: i32,
        sha: &str,
    ) -> Result<Option<Evidence>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM evidence e LEFT JOIN evidence_blobs b ON b.evidence_id = e.id
                     WHERE e.case_id = ?1 AND e.sha256 = ?2 AND e.deleted_at IS NULL"
                ),
                params![case_id, sha],
                row_to_evidence,
            )
            .optional()?)
    }

    pub(super) fn insert_evidence(
        &mut self,
        case_id: i32,
        file_name: &str,
        caption: &str,
        bytes: &[u8],
        p: &Prepared,
    ) -> Result<i32> {
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO evidence (case_id, file_name, media_type, size_bytes, sha256, captured_at_utc,
                captured_offset_minutes, capture_time_source, intake_at, caption, preview_note, width, height,
                created_at, updated_at, capture_zone, preview_pending)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?9, ?9, ?14, ?15)",
            params![
                case_id,
                file_name,
                p.media_type,
                p.size as i64,
                p.sha256,
                p.captured.as_ref().map(|m| m.utc.clone()),
                p.captured.as_ref().map(|m| m.offset_minutes),
                p.capture_source.as_str(),
                now,
                caption,
                p.preview_note,
                p.width,
                p.height,
                p.capture_zone,
                p.preview_pending,
            ],
        )?;
        let id = tx.last_insert_rowid() as i32;
        tx.execute(
            "INSERT INTO evidence_blobs (evidence_id, original, thumbnail, thumbnail_media_type) VALUES (?1, ?2, ?3, ?4)",
            params![id, bytes, p.thumbnail, p.thumbnail.as_ref().map(|_| "image/jpeg")],
        )?;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Create,
                entity: Entity::Evidence,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &format!(
                    "Evidence V-{id} added: {file_name} ({}, {} bytes, SHA-256 {}); captured {}",
                    p.media_type,
                    p.size,
                    p.sha256,
                    capture_words(
                        p.captured.as_ref(),
                        p.capture_source,
                        p.capture_zone.as_deref()
                    )
                ),
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        Ok(id)
    }

    /// One evidence item's metadata.
    pub fn get_evidence(&self, id: i32) -> Result<Evidence> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM evidence e LEFT JOIN evidence_blobs b ON b.evidence_id = e.id
                     WHERE e.id = ?1 AND e.deleted_at IS NULL"
                ),
                [id],
                row_to_evidence,
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "evidence item", id: id.into() })
    }

    /// Every evidence item of a case, by capture time (unknown times last), then intake.
    pub fn list_evidence(&self, case_id: i32) -> Result<Vec<Evidence>> {
        self.get_case(case_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM evidence e LEFT JOIN evidence_blobs b ON b.evidence_id = e.id
             WHERE e.case_id = ?1 AND e.deleted_at IS NULL
             ORDER BY e.captured_at_utc IS NULL, e.captured_at_utc, e.id"
        ))?;
        let list = stmt
            .query_map([case_id], row_to_evidence)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// Changes the caption and, optionally, corrects the capture time (then marked as entered by hand).
    pub fn update_evidence(&mut self, id: i32, update: &EvidenceUpdate) -> Result<Evidence> {
        let e = self.get_evidence(id)?;
        let case = self.get_case(e.case_id)?;
        let caption = v::caption(&update.caption)?;
        let captured = match update
            .captured_at
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(t) => Some(parse_moment(t, &case.details.time_zone, "captured_at")?),
            None => None,
        };
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "UPDATE evidence SET caption = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, caption, now],
        )?;
        let mut summary = format!("Evidence V-{id} caption set");
        if let Some(m) = &captured {
            tx.execute(
                "UPDATE evidence SET captured_at_utc = ?2, captured_offset_minutes = ?3, capture_time_source = 'user',
                    capture_zone = NULL, capture_shift_minutes = 0 WHERE id = ?1",
                params![id, m.utc, m.offset_minutes],
            )?;
            let before = e
                .captured
                .as_ref()
                .map(|c| c.recorded.clone())
                .unwrap_or_else(|| "unknown".into());
            summary = format!(
                "Evidence V-{id} capture time corrected from {before} to {} (by hand)",
                m.recorded
            );
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Update,
                entity: Entity::Evidence,
                entity_id: Some(id.into()),
                case_id: Some(e.case_id.into()),
                summary: &summary,
            },
        )?;
        touch_case(&tx, e.case_id, &now)?;
        tx.commit()?;
        self.get_evidence(id)
    }

    /// Deletes an evidence item: marked deleted, its bytes kept until the deleted items are
    /// emptied (`purge_deleted_evidence`), so it can be brought back; the audit trail keeps its hash.
    pub fn delete_evidence(&mut self, id: i32) -> Result<()> {
        let e = self.get_evidence(id)?;
        // A chat's export file proves its messages: it goes only with its import.
        let chat: Option<i32> = self
            .conn
            .query_row(
                "SELECT i.chat_id FROM chat_imports i JOIN chats c ON c.id = i.chat_id
                  WHERE i.evidence_id = ?1 AND i.undone_at IS NULL AND c.deleted_at IS NULL LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(chat) = chat {
            return Err(CoreError::Refused(format!(
                "V-{id} is the export file chat C-{chat} was imported from; it proves the messages. To remove it, undo that import on the Chats tab."
            )));
        }
        // A statement file proves the transfers made from its rows, the same way.
        let statement: Option<i32> = self
            .conn
            .query_row(
                "SELECT id FROM statement_imports WHERE evidence_id = ?1 AND undone_at IS NULL LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(import) = statement {
            return Err(CoreError::Refused(format!(
                "V-{id} is the statement the transfers of import {import} were read from; it proves them. To remove it, undo that import on the Money tab."
            )));
        }
        let summary = format!(
            "Evidence V-{id} deleted: {} (SHA-256 {})",
            e.file_name, e.sha256
        );
        // The bytes stay until the person empties the deleted items, so a delete can be undone.
        self.soft_delete("evidence", Entity::Evidence, id, e.case_id, &summary, &[])
    }

    /// The original bytes and media type of an evidence item.
    pub fn evidence_original(&self, id: i32) -> Result<(String, Vec<u8>)> {
        self.conn
            .query_row(
                "SELECT e.media_type, b.original FROM evidence e JOIN evidence_blobs b ON b.evidence_id = e.id
                 WHERE e.id = ?1 AND e.deleted_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "evidence item", id: id.into() })
    }

    /// The thumbnail of an evidence item, if it has one.
    pub fn evidence_thumbnail(&self, id: i32) -> Result<Option<(String, Vec<u8>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT b.thumbnail_media_type, b.thumbnail FROM evidence e JOIN evidence_blobs b ON b.evidence_id = e.id
                 WHERE e.id = ?1 AND e.deleted_at IS NULL AND b.thumbnail IS NOT NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Refuses links to evidence that is not (or no longer) in the case.
    pub(super) fn check_evidence_in_case(&self, case_id: i32, ids: &[i32]) -> Result<()> {
        for id in ids {
            let found: Option<i32> = self
                .conn
                .query_row(
                    "SELECT case_id FROM evidence WHERE id = ?1 AND deleted_at IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if found != Some(case_id) {
                return Err(CoreError::invalid("evidence_ids", "A linked evidence item is not in this case any more. Remove the link and try again."));
            }
        }
        Ok(())
    }
}

/// "2026-03-14T09:31:02+08:00 (from the file name, read in Asia/Hong_Kong)" for the audit log.
fn capture_words(m: Option<&Moment>, source: CaptureTimeSource, zone: Option<&str>) -> String {
    let when = m.map_or("at an unknown time", |m| m.recorded.as_str());
    match zone {
        Some(z) => format!("{when} ({}; zone {z})", source.label()),
        None => format!("{when} ({})", source.label()),
    }
}

/// Largest hand shift of capture times: a year either way (a phone set to the wrong date).
const MAX_SHIFT_MINUTES: i32 = 366 * 24 * 60;

impl Store {
    /// Moves the capture times of several items by `minutes` (a phone whose clock was wrong).
    /// One transaction; each change is audited with its time before and after.
    pub fn shift_capture_times(
        &mut self,
        case_id: i32,
        ids: &[i32],
        minutes: i32,
    ) -> Result<CaptureTimeChange> {
        if minutes == 0 || minutes.abs() > MAX_SHIFT_MINUTES {
            return Err(CoreError::invalid(
                "minutes",
                "Choose a shift between one minute and 366 days, earlier or later.",
            ));
        }
        self.change_capture_times(
            case_id,
            ids,
            |e| {
                let Some(m) = &e.captured else {
                    return Err("it has no capture time to shift; enter its time instead".into());
                };
                let t = DateTime::parse_from_rfc3339(&m.recorded)
                    .map_err(|_| "its recorded time could not be read".to_string())?;
                let moved = t + chrono::Duration::minutes(minutes.into());
                // Shown in the zone it was read in, so a shift across a daylight-saving change
                // shows the clock of that day (the instant is the same either way).
                let moved = match e
                    .capture_zone
                    .as_deref()
                    .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
                {
                    Some(tz) => moved.with_timezone(&tz).fixed_offset(),
                    None => moved,
                };
                let moved =
                    crate::time::checked_moment(&Moment::from_datetime(moved), "captured_at")
                        .map_err(|e| e.to_string())?;
                Ok((
                    moved,
                    e.capture_zone.clone(),
                    e.capture_shift_minutes + minutes,
                ))
            },
            &format!("shifted by {}", crate::time::shift_words(minutes)),
        )
    }

    /// Re-reads the capture times of several items in another zone: for times written without
    /// a zone (EXIF without offset, XMP without offset, file names) the same wall-clock time
    /// is read in `zone` — the phone was set to another zone than the case's. Items whose time
    /// carries its own offset, or was entered by hand, are skipped with the reason.
    pub fn set_capture_zone(
        &mut self,
        case_id: i32,
        ids: &[i32],
        zone: &str,
    ) -> Result<CaptureTimeChange> {
        let zone = v::time_zone(zone)?;
        let tz: chrono_tz::Tz = zone
            .parse()
            .map_err(|_| CoreError::invalid("zone", "That time zone is not known."))?;
        self.change_capture_times(case_id, ids, |e| {
            let Some(m) = &e.captured else {
                return Err("it has no capture time".into());
            };
            if !e.capture_time_source.read_in_device_zone() {
                return Err(format!(
                    "its time carries its own offset ({}); shift it instead if it is wrong",
                    e.capture_time_source.label().to_lowercase()
                ));
            }
            let t = DateTime::parse_from_rfc3339(&m.recorded)
                .map_err(|_| "its recorded time could not be read".to_string())?;
            let wall = (t - chrono::Duration::minutes(e.capture_shift_minutes.into())).naive_local();
            let local = chrono::TimeZone::from_local_datetime(&tz, &wall)
                .single()
                .ok_or_else(|| format!("{wall} does not exist or happens twice in {zone} (a daylight-saving change); enter its time by hand"))?;
            let moved = local.fixed_offset() + chrono::Duration::minutes(e.capture_shift_minutes.into());
            Ok((Moment::from_datetime(moved), Some(zone.clone()), e.capture_shift_minutes))
        }, &format!("read in the zone {zone}"))
    }

    fn change_capture_times(
        &mut self,
        case_id: i32,
        ids: &[i32],
        change: impl Fn(&Evidence) -> std::result::Result<(Moment, Option<String>, i32), String>,
        how: &str,
    ) -> Result<CaptureTimeChange> {
        self.get_case(case_id)?;
        if ids.is_empty() {
            return Err(CoreError::invalid(
                "ids",
                "Select the items to change first.",
            ));
        }
        let mut planned = Vec::new();
        let mut skipped = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for id in ids.iter().copied().filter(|id| seen.insert(*id)) {
            let e = self.get_evidence(id)?;
            if e.case_id != case_id {
                return Err(CoreError::invalid(
                    "ids",
                    "A selected item is not in this case any more. Select again and retry.",
                ));
            }
            match change(&e) {
                Ok(after) => planned.push((e, after)),
                Err(reason) => skipped.push(SkippedItem {
                    id,
                    reason: format!("V-{id} was left as it was: {reason}."),
                }),
            }
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        for (e, (m, zone, shift)) in &planned {
            tx.execute(
                "UPDATE evidence SET captured_at_utc = ?2, captured_offset_minutes = ?3, capture_zone = ?4,
                    capture_shift_minutes = ?5, updated_at = ?6 WHERE id = ?1",
                params![e.id, m.utc, m.offset_minutes, zone, shift, now],
            )?;
            let before = e
                .captured
                .as_ref()
                .map_or("unknown", |c| c.recorded.as_str());
            audit::append(
                &tx,
                &audit::Change {
                    actor: &self.actor,
                    action: Action::Update,
                    entity: Entity::Evidence,
                    entity_id: Some(e.id.into()),
                    case_id: Some(case_id.into()),
                    summary: &format!(
                        "Evidence V-{} capture time {how}: before {before}, after {}",
                        e.id, m.recorded
                    ),
                },
            )?;
        }
        if !planned.is_empty() {
            touch_case(&tx, case_id, &now)?;
        }
        tx.commit()?;
        let changed = planned
            .iter()
            .map(|(e, _)| self.get_evidence(e.id))
            .collect::<Result<Vec<_>>>()?;
        Ok(CaptureTimeChange { changed, skipped })
    }
}
