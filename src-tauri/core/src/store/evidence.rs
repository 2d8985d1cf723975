//! Evidence storage: metadata in `evidence`, original bytes and thumbnail in `evidence_blobs`,
//! both inside the encrypted file. Each file is one transaction.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::{transfers::touch_case, Store};
use crate::evidence::{self, Prepared};
use crate::interchange::ExportedEvidence;
use crate::model::{Action, Entity};
use crate::model::{CaptureTimeSource, Evidence, EvidenceUpdate, IntakeResult};
use crate::time::now_utc;
use crate::time::{parse_moment, Moment};
use crate::validate as v;
use crate::{audit, CoreError, Result};

const COLUMNS: &str = "e.id, e.case_id, e.file_name, e.media_type, e.size_bytes, e.sha256, e.captured_at_utc,
    e.captured_offset_minutes, e.capture_time_source, e.intake_at, e.caption, e.preview_note, e.width, e.height,
    (b.thumbnail IS NOT NULL)";

fn row_to_evidence(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    let captured_utc: Option<String> = r.get(6)?;
    let offset: Option<i32> = r.get(7)?;
    Ok(Evidence {
        id: r.get(0)?,
        case_id: r.get(1)?,
        file_name: r.get(2)?,
        media_type: r.get(3)?,
        size_bytes: r.get(4)?,
        sha256: r.get(5)?,
        captured: captured_utc.map(|u| Moment::from_stored(&u, offset.unwrap_or(0))),
        capture_time_source: CaptureTimeSource::parse(&r.get::<_, String>(8)?)
            .unwrap_or(CaptureTimeSource::Unknown),
        intake_at: r.get(9)?,
        caption: r.get(10)?,
        preview_note: r.get(11)?,
        width: r.get(12)?,
        height: r.get(13)?,
        has_preview: r.get(14)?,
    })
}

/// A file name safe to show and print: no folders, no control characters, not empty.
fn clean_file_name(name: &str) -> String {
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

    /// Takes in a file from disk (size checked before it is read). Only regular files are
    /// read: a folder, a device or a pipe is refused before it is opened.
    pub fn add_evidence_file(
        &mut self,
        case_id: i32,
        path: &Path,
        caption: &str,
    ) -> Result<IntakeResult> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
        refuse_unless_regular_file(path, &meta)?;
        evidence::check_size(&name, meta.len())?;
        let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
        // The name may point to something else by now; what counts is what was opened.
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
        let modified = meta.modified().ok().map(DateTime::<Utc>::from);
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
        let id = self.insert_evidence(
            case_id,
            &clean_file_name(&item.file_name),
            &item.caption,
            bytes,
            &p,
        )?;
        self.conn.execute(
            "UPDATE evidence SET intake_at = ?2 WHERE id = ?1",
            params![id, item.intake_at],
        )?;
        Ok(id)
    }

    fn find_evidence_by_hash(&self, case_id: i32, sha: &str) -> Result<Option<Evidence>> {
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

    fn insert_evidence(
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
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?9, ?9)",
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
                    "Evidence V-{id} added: {file_name} ({}, {} bytes, SHA-256 {})",
                    p.media_type, p.size, p.sha256
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
                "UPDATE evidence SET captured_at_utc = ?2, captured_offset_minutes = ?3, capture_time_source = 'user' WHERE id = ?1",
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

    /// Deletes an evidence item. The bytes are removed; the audit trail keeps its hash.
    pub fn delete_evidence(&mut self, id: i32) -> Result<()> {
        let e = self.get_evidence(id)?;
        let summary = format!(
            "Evidence V-{id} deleted: {} (SHA-256 {})",
            e.file_name, e.sha256
        );
        self.soft_delete(
            "evidence",
            Entity::Evidence,
            id,
            e.case_id,
            &summary,
            &["DELETE FROM evidence_blobs WHERE evidence_id = ?1"],
        )
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
