//! Chats as the case interchange format reads and writes them: every live import and message
//! of a case's chats with the columns the app does not show (import, external id, dedupe key),
//! and the same rows written back into a new case.

use std::collections::HashMap;

use rusqlite::{params, Row};

use super::Store;
use crate::model::{ChatFormat, DateOrder, MessageKind};
use crate::time::Moment;
use crate::{CoreError, Result};

/// A chat as stored, with its live imports and messages.
#[derive(Debug, Clone)]
pub(crate) struct ChatRows {
    pub format: ChatFormat,
    pub title: String,
    pub device_zone: Option<String>,
    pub date_order: Option<DateOrder>,
    pub imports: Vec<ImportRow>,
    /// In chat order (`seq`).
    pub messages: Vec<MessageRow>,
}

/// One import that was not undone.
#[derive(Debug, Clone)]
pub(crate) struct ImportRow {
    /// The import's id when read; when written, a number the messages' `import_id` refer to.
    pub id: i32,
    pub evidence_id: i32,
    pub export_name: String,
    pub export_sha256: String,
    pub export_size: u64,
    pub chat_file: String,
    pub imported_at: String,
}

/// One message that was not deleted.
#[derive(Debug, Clone)]
pub(crate) struct MessageRow {
    pub import_id: i32,
    pub seq: i64,
    pub source_file: String,
    pub source_line: u32,
    /// As stored: `2026-03-14T09:31:02`.
    pub local_time: String,
    /// As stored: `2026-03-14`.
    pub day: String,
    pub sent: Option<Moment>,
    pub sender: Option<String>,
    pub text: String,
    pub kind: MessageKind,
    pub edited: bool,
    pub attachment_name: Option<String>,
    pub attachment_missing: Option<String>,
    pub evidence_id: Option<i32>,
    pub external_id: Option<String>,
    pub reply_to: Option<String>,
    pub forwarded_from: Option<String>,
    pub is_key: bool,
    pub dedupe_key: String,
}

fn row_to_message(r: &Row<'_>) -> rusqlite::Result<MessageRow> {
    let utc: Option<String> = r.get(6)?;
    let off: Option<i32> = r.get(7)?;
    Ok(MessageRow {
        import_id: r.get(0)?,
        seq: r.get(1)?,
        source_file: r.get(2)?,
        source_line: r.get(3)?,
        local_time: r.get(4)?,
        day: r.get(5)?,
        sent: utc.map(|u| Moment::from_stored(&u, off.unwrap_or(0))),
        sender: r.get(8)?,
        text: r.get(9)?,
        kind: MessageKind::parse(&r.get::<_, String>(10)?).unwrap_or(MessageKind::Text),
        edited: r.get(11)?,
        attachment_name: r.get(12)?,
        attachment_missing: r.get(13)?,
        evidence_id: r.get(14)?,
        external_id: r.get(15)?,
        reply_to: r.get(16)?,
        forwarded_from: r.get(17)?,
        is_key: r.get(18)?,
        dedupe_key: r.get(19)?,
    })
}

impl Store {
    /// Every chat of a case with its imports that were not undone and its messages that were
    /// not deleted, in id and chat order.
    pub(crate) fn chats_for_export(&self, case_id: i32) -> Result<Vec<ChatRows>> {
        let chats: Vec<(i32, ChatRows)> = self
            .conn
            .prepare_cached(
                "SELECT id, format, title, device_zone, date_order FROM chats
                  WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY id",
            )?
            .query_map([case_id], |r| {
                Ok((
                    r.get(0)?,
                    ChatRows {
                        format: ChatFormat::parse(&r.get::<_, String>(1)?)
                            .unwrap_or(ChatFormat::Whatsapp),
                        title: r.get(2)?,
                        device_zone: r.get(3)?,
                        date_order: r
                            .get::<_, Option<String>>(4)?
                            .as_deref()
                            .and_then(DateOrder::parse),
                        imports: Vec::new(),
                        messages: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(chats.len());
        for (id, mut chat) in chats {
            chat.imports = self
                .conn
                .prepare_cached(
                    "SELECT id, evidence_id, export_name, export_sha256, export_size, chat_file, imported_at
                       FROM chat_imports WHERE chat_id = ?1 AND undone_at IS NULL ORDER BY id",
                )?
                .query_map([id], |r| {
                    Ok(ImportRow {
                        id: r.get(0)?,
                        evidence_id: r.get(1)?,
                        export_name: r.get(2)?,
                        export_sha256: r.get(3)?,
                        export_size: r.get::<_, i64>(4)? as u64,
                        chat_file: r.get(5)?,
                        imported_at: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            chat.messages = self
                .conn
                .prepare_cached(
                    "SELECT import_id, seq, source_file, source_line, local_time, day, sent_at_utc,
                            sent_offset_minutes, sender, text, kind, edited, attachment_name,
                            attachment_missing, evidence_id, external_id, reply_to, forwarded_from,
                            is_key, dedupe_key
                       FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL ORDER BY seq, id",
                )?
                .query_map([id], row_to_message)?
                .collect::<rusqlite::Result<_>>()?;
            out.push(chat);
        }
        Ok(out)
    }

    /// Writes a chat read from a case export into a case (inside the caller's transaction):
    /// the chat, its imports (their `id` is the number its messages' `import_id` use; the
    /// counts are those of the messages given) and its messages. Returns the new chat's id.
    pub(crate) fn insert_chat_rows(&mut self, case_id: i32, chat: &ChatRows) -> Result<i32> {
        let now = crate::time::now_utc();
        self.conn.execute(
            "INSERT INTO chats (case_id, format, title, device_zone, date_order, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                case_id,
                chat.format.as_str(),
                chat.title,
                chat.device_zone,
                chat.date_order.map(DateOrder::as_str),
                now
            ],
        )?;
        let chat_id = self.conn.last_insert_rowid() as i32;
        // Messages and attachments per import, counted in one pass.
        let mut counts: HashMap<i32, (i64, i64)> = HashMap::new();
        for m in &chat.messages {
            let c = counts.entry(m.import_id).or_default();
            c.0 += 1;
            c.1 += i64::from(m.evidence_id.is_some());
        }
        let mut import_ids = HashMap::new();
        for i in &chat.imports {
            let (added, attachments) = counts.get(&i.id).copied().unwrap_or_default();
            let size = i64::try_from(i.export_size).map_err(|_| {
                CoreError::invalid("export_size", "The size of a chat export is not possible.")
            })?;
            self.conn
                .prepare_cached(
                    "INSERT INTO chat_imports (chat_id, evidence_id, export_name, export_sha256, export_size,
                        chat_file, messages_added, attachments_added, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    chat_id,
                    i.evidence_id,
                    i.export_name,
                    i.export_sha256,
                    size,
                    i.chat_file,
                    added,
                    attachments,
                    i.imported_at
                ])?;
            import_ids.insert(i.id, self.conn.last_insert_rowid() as i32);
        }
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO chat_messages (chat_id, import_id, seq, source_file, source_line, local_time, day,
                sent_at_utc, sent_offset_minutes, sender, text, kind, edited, attachment_name,
                attachment_missing, evidence_id, external_id, reply_to, forwarded_from, is_key, dedupe_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?;
        for m in &chat.messages {
            let import_id = import_ids.get(&m.import_id).copied().ok_or_else(|| {
                CoreError::Refused(format!(
                    "A message of the chat \"{}\" belongs to an import that is not there.",
                    chat.title
                ))
            })?;
            insert.execute(params![
                chat_id,
                import_id,
                m.seq,
                m.source_file,
                m.source_line,
                m.local_time,
                m.day,
                m.sent.as_ref().map(|s| s.utc.clone()),
                m.sent.as_ref().map(|s| s.offset_minutes),
                m.sender,
                m.text,
                m.kind.as_str(),
                m.edited,
                m.attachment_name,
                m.attachment_missing,
                m.evidence_id,
                m.external_id,
                m.reply_to,
                m.forwarded_from,
                m.is_key,
                m.dedupe_key,
            ])?;
        }
        drop(insert);
        super::chats::refresh_chat_days(&self.conn, chat_id)?;
        Ok(chat_id)
    }
}
