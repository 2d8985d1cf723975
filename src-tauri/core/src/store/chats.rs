//! Chats in the store: importing an export (one transaction, so it can be stopped and undone
//! whole), reading messages page by page, key messages, undoing an import.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDateTime, TimeZone as _};
use rusqlite::{params, OptionalExtension as _, Row};
use sha2::{Digest as _, Sha256};

use super::{transfers::touch_case, Store};
use crate::chat::import::{
    chat_error, from_parser_order, open_export, open_export_bytes, stored_format, to_parser_order,
    OpenedExport,
};
use crate::chat::{self, Attachment, MessageTime, ParseOptions, ParsedChat, ParsedMessage};
use crate::evidence;
use crate::model::{
    Action, CaptureTimeSource, Chat, ChatFormat, ChatImport, ChatImportOptions, ChatImportSummary,
    ChatMessage, ChatPage, ChatPreview, ChatQuery, DateOrder, DateOrderExample, Entity,
    MessageKind, PreviewMessage,
};
use crate::time::{now_utc, Moment};
use crate::validate as v;
use crate::{audit, CoreError, Result};

/// Rebuilds the timeline's summary of a chat's days (one row per day: its first message, the
/// time of the earliest and how many). Called inside every transaction that adds or removes
/// messages.
pub(super) fn refresh_chat_days(conn: &rusqlite::Connection, chat_id: i32) -> Result<()> {
    conn.execute("DELETE FROM chat_days WHERE chat_id = ?1", [chat_id])?;
    // With min() the only min/max aggregate, SQLite takes the bare columns from that row.
    conn.execute(
        "INSERT INTO chat_days (chat_id, day, first_message_id, first_at_utc, first_offset_minutes, messages)
         SELECT chat_id, day, id, coalesce(min(sent_at_utc), day || 'T00:00:00Z'),
                coalesce(sent_offset_minutes, 0), count(*)
           FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL GROUP BY day",
        [chat_id],
    )?;
    Ok(())
}

/// Room between messages of one import, for messages a later, longer export places between
/// them.
const SEQ_SPACING: i32 = 1000;

/// Largest page of messages returned.
pub const MAX_CHAT_PAGE: u32 = 500;

/// How far an import has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatImportProgress {
    pub done: u32,
    pub total: u32,
}

/// One message made ready for the store.
struct Row_ {
    local_time: String,
    day: String,
    sent: Option<Moment>,
    dedupe_key: String,
}

/// The clock time read in the device's zone (or the exact time the export gives).
fn message_moment(
    time: &MessageTime,
    zone: Option<&chrono_tz::Tz>,
) -> (NaiveDateTime, Option<Moment>) {
    match time {
        MessageTime::Exact(t) => (t.naive_local(), Some(Moment::from_datetime(*t))),
        MessageTime::Local(local) => {
            let moment = zone
                .and_then(|tz| tz.from_local_datetime(local).single())
                .map(|t| Moment::from_datetime(t.fixed_offset()));
            (*local, moment)
        }
    }
}

fn kind_of(k: chat::MessageKind) -> MessageKind {
    match k {
        chat::MessageKind::Text => MessageKind::Text,
        chat::MessageKind::System => MessageKind::System,
        chat::MessageKind::Deleted => MessageKind::Deleted,
        chat::MessageKind::Call => MessageKind::Call,
    }
}

/// What makes a message the same in a later export: its clock time, sender, kind, text and
/// attachment, and which occurrence of exactly that it is (two "ok" in the same minute).
fn dedupe_keys(chat: &ParsedChat, zone: Option<&chrono_tz::Tz>) -> Vec<Row_> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    chat.messages
        .iter()
        .map(|m| {
            let (local, sent) = message_moment(&m.time, zone);
            let local_time = local.format("%Y-%m-%dT%H:%M:%S").to_string();
            // An exact time is keyed by its instant (a Telegram export made on a computer in
            // another zone writes other clock times); a clock time as written. The attachment
            // counts only as "has one": an export with media and one without ("<Media
            // omitted>") hold the same messages.
            let when = match (&m.time, &sent) {
                (MessageTime::Exact(_), Some(s)) => s.utc.clone(),
                _ => local_time.clone(),
            };
            let mut h = Sha256::new();
            for part in [
                when.as_str(),
                m.sender.as_deref().unwrap_or(""),
                kind_of(m.kind).as_str(),
                m.text.as_str(),
                if m.attachment.is_some() {
                    "attachment"
                } else {
                    ""
                },
            ] {
                h.update(part.as_bytes());
                h.update([0x1f]);
            }
            let base = hex::encode(h.finalize());
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            Row_ {
                day: local.format("%Y-%m-%d").to_string(),
                local_time,
                sent,
                dedupe_key: format!("{base}#{n}"),
            }
        })
        .collect()
}

fn preview_message(m: &ParsedMessage, r: &Row_) -> PreviewMessage {
    PreviewMessage {
        line: m.line,
        local_time: r.local_time.replace('T', " "),
        recorded: r.sent.as_ref().map(|s| s.recorded.clone()),
        sender: m.sender.clone(),
        text: m.text.chars().take(300).collect(),
    }
}

fn needs_zone(chat: &ParsedChat) -> bool {
    chat.messages
        .iter()
        .any(|m| matches!(m.time, MessageTime::Local(_)))
}

/// A message's columns; an attachment deleted from the case no longer shows as linked.
const CHAT_MESSAGE_COLUMNS: &str =
    "id, chat_id, seq, source_file, source_line, local_time, sent_at_utc,
    sent_offset_minutes, sender, text, kind, edited, attachment_name, attachment_missing,
    (SELECT e.id FROM evidence e WHERE e.id = chat_messages.evidence_id AND e.deleted_at IS NULL),
    forwarded_from, reply_to, is_key";

fn row_to_message(r: &Row<'_>) -> rusqlite::Result<ChatMessage> {
    let utc: Option<String> = r.get(6)?;
    let off: Option<i32> = r.get(7)?;
    Ok(ChatMessage {
        id: r.get(0)?,
        chat_id: r.get(1)?,
        seq: r.get(2)?,
        source_file: r.get(3)?,
        source_line: r.get(4)?,
        local_time: r.get::<_, String>(5)?.replace('T', " "),
        sent: utc.map(|u| Moment::from_stored(&u, off.unwrap_or(0))),
        sender: r.get(8)?,
        text: r.get(9)?,
        kind: MessageKind::parse(&r.get::<_, String>(10)?).unwrap_or(MessageKind::Text),
        edited: r.get(11)?,
        attachment_name: r.get(12)?,
        attachment_missing: r.get(13)?,
        evidence_id: r.get(14)?,
        forwarded_from: r.get(15)?,
        reply_to: r.get(16)?,
        is_key: r.get(17)?,
    })
}

/// The chosen options checked: the zone (default: the case's) and the order.
struct Choice {
    zone_name: String,
    zone: chrono_tz::Tz,
    parse: ParseOptions,
}

impl Store {
    fn chat_choice(&self, case_id: i32, options: &ChatImportOptions) -> Result<Choice> {
        let case = self.get_case(case_id)?;
        let zone_name = match options
            .device_zone
            .as_deref()
            .map(str::trim)
            .filter(|z| !z.is_empty())
        {
            Some(z) => v::time_zone(z)?,
            None => case.details.time_zone,
        };
        let zone = zone_name
            .parse()
            .map_err(|_| CoreError::invalid("device_zone", "That time zone is not known."))?;
        Ok(Choice {
            zone_name,
            zone,
            parse: ParseOptions {
                date_order: options.date_order.map(to_parser_order),
            },
        })
    }

    /// Reads an export and says what it holds, without storing anything. An export whose
    /// date order cannot be told comes back with the question (examples read each way).
    pub fn preview_chat(
        &self,
        case_id: i32,
        path: &Path,
        options: &ChatImportOptions,
    ) -> Result<ChatPreview> {
        self.chat_choice(case_id, options)?;
        self.preview_opened(case_id, &open_export(path)?, options)
    }

    /// [`Store::preview_chat`] for an export the window read into memory.
    pub fn preview_chat_bytes(
        &self,
        case_id: i32,
        name: &str,
        bytes: Vec<u8>,
        options: &ChatImportOptions,
    ) -> Result<ChatPreview> {
        self.chat_choice(case_id, options)?;
        self.preview_opened(case_id, &open_export_bytes(name, bytes)?, options)
    }

    fn preview_opened(
        &self,
        case_id: i32,
        opened: &OpenedExport,
        options: &ChatImportOptions,
    ) -> Result<ChatPreview> {
        let choice = self.chat_choice(case_id, options)?;
        let mut preview = ChatPreview {
            format: stored_format(opened.format),
            export_name: opened.name.clone(),
            export_sha256: opened.sha256.clone(),
            export_size: opened.size as f64,
            chat_file: opened.chat_file.clone(),
            title: opened.title_hint.clone(),
            chats: Vec::new(),
            participants: Vec::new(),
            message_count: 0,
            first: Vec::new(),
            last: Vec::new(),
            date_order: None,
            date_order_question: Vec::new(),
            date_order_candidates: Vec::new(),
            device_zone: None,
            attachments_included: 0,
            attachments_missing: 0,
            already_imported: 0,
            notes: opened.notes.clone(),
        };
        let chats = match opened.parse(&choice.parse) {
            Ok(chats) => chats,
            Err(chat::ChatError::AmbiguousDateOrder {
                candidates,
                examples,
            }) => {
                preview.date_order_candidates =
                    candidates.into_iter().map(from_parser_order).collect();
                preview.date_order_question = examples
                    .into_iter()
                    .map(|e| DateOrderExample {
                        line: e.line,
                        line_text: e.line_text,
                        readings: e
                            .readings
                            .into_iter()
                            .map(|(o, words)| (from_parser_order(o), words))
                            .collect(),
                    })
                    .collect();
                return Ok(preview);
            }
            Err(e) => return Err(chat_error(e)),
        };
        preview.chats = chats.iter().map(|c| c.title.clone()).collect();
        if opened.format == chat::Format::TelegramHtml {
            if let Some(offset) = chat::telegram::html_zone_hint(&opened.texts) {
                preview.notes.push(format!(
                    "The pages say their computer was at UTC{offset} (Telegram writes the zone's standard time, even in summer): choose the zone with that offset the phone or computer was set to."
                ));
            }
        }
        let index = options.chat_index.unwrap_or(0) as usize;
        let chat = chats.get(index).ok_or_else(|| {
            CoreError::invalid(
                "chat_index",
                "That chat is not in this export. Choose one from the list.",
            )
        })?;
        let choice = self.same_chat_zone(case_id, opened, chat, choice, options)?;
        let zone = needs_zone(chat).then_some(&choice.zone);
        let rows = dedupe_keys(chat, zone);
        preview.title.clone_from(&chat.title);
        preview.participants.clone_from(&chat.participants);
        preview.message_count = chat.messages.len() as u32;
        preview.date_order = chat.date_order.map(from_parser_order);
        preview.device_zone = zone.map(|_| choice.zone_name.clone());
        let pairs: Vec<(&ParsedMessage, &Row_)> = chat.messages.iter().zip(&rows).collect();
        preview.first = pairs
            .iter()
            .take(3)
            .map(|(m, r)| preview_message(m, r))
            .collect();
        preview.last = pairs
            .iter()
            .skip(pairs.len().saturating_sub(3).max(3))
            .map(|(m, r)| preview_message(m, r))
            .collect();
        for m in &chat.messages {
            match &m.attachment {
                Some(Attachment::File { .. }) if opened.has_media() => {
                    preview.attachments_included += 1
                }
                Some(_) => preview.attachments_missing += 1,
                None => {}
            }
        }
        if let Some(existing) = self.same_chat(case_id, stored_format(opened.format), &rows)? {
            preview.already_imported = self.count_known(existing, &rows)?;
        }
        Ok(preview)
    }

    /// A later export of a chat already in the case is read in the zone its earlier messages
    /// were read in (unless the person chose that same zone or none): one chat, one clock.
    fn same_chat_zone(
        &self,
        case_id: i32,
        opened: &OpenedExport,
        chat: &ParsedChat,
        choice: Choice,
        options: &ChatImportOptions,
    ) -> Result<Choice> {
        if !needs_zone(chat) {
            return Ok(choice);
        }
        // The keys do not depend on the zone (they use the clock time as written).
        let rows = dedupe_keys(chat, None);
        let Some(existing) = self.same_chat(case_id, stored_format(opened.format), &rows)? else {
            return Ok(choice);
        };
        let Some(zone) = self.get_chat(existing)?.device_zone else {
            return Ok(choice);
        };
        if zone == choice.zone_name {
            return Ok(choice);
        }
        if options
            .device_zone
            .as_deref()
            .is_some_and(|z| !z.trim().is_empty())
        {
            return Err(CoreError::invalid(
                "device_zone",
                format!(
                    "This chat is already in the case, with its clock times read in {zone}. Import the longer export in {zone} too, so both parts use the same clock."
                ),
            ));
        }
        Ok(Choice {
            zone: zone
                .parse()
                .map_err(|_| CoreError::invalid("device_zone", "That time zone is not known."))?,
            zone_name: zone,
            parse: choice.parse,
        })
    }

    /// The chat of this case that already holds messages of this export (a later, longer
    /// export of the same chat), if any.
    fn same_chat(&self, case_id: i32, format: ChatFormat, rows: &[Row_]) -> Result<Option<i32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.chat_id FROM chat_messages m JOIN chats c ON c.id = m.chat_id
              WHERE c.case_id = ?1 AND c.format = ?2 AND c.deleted_at IS NULL
                AND m.dedupe_key = ?3 AND m.deleted_at IS NULL LIMIT 1",
        )?;
        // Several messages are tried: the oldest may have fallen out of a later export.
        for r in rows.iter().step_by((rows.len() / 20).max(1)).take(25) {
            if let Some(id) = stmt
                .query_row(params![case_id, format.as_str(), r.dedupe_key], |r| {
                    r.get(0)
                })
                .optional()?
            {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    fn count_known(&self, chat_id: i32, rows: &[Row_]) -> Result<u32> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM chat_messages WHERE chat_id = ?1 AND dedupe_key = ?2 AND deleted_at IS NULL",
        )?;
        let mut n = 0;
        for r in rows {
            if stmt.exists(params![chat_id, r.dedupe_key])? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Imports a chat export into a case, all of it or nothing: the export file kept as
    /// evidence with its SHA-256, every message as a record with its source line, every
    /// attachment the export holds as an evidence item linked to its message. A later,
    /// longer export of the same chat adds only the new messages. `progress` is told how far
    /// it got and returns `false` to stop (then nothing is stored).
    pub fn import_chat(
        &mut self,
        case_id: i32,
        path: &Path,
        options: &ChatImportOptions,
        progress: &mut dyn FnMut(ChatImportProgress) -> bool,
    ) -> Result<ChatImportSummary> {
        self.chat_choice(case_id, options)?;
        let opened = open_export(path)?;
        self.import_opened(case_id, opened, options, progress)
    }

    /// [`Store::import_chat`] for an export the window read into memory.
    pub fn import_chat_bytes(
        &mut self,
        case_id: i32,
        name: &str,
        bytes: Vec<u8>,
        options: &ChatImportOptions,
        progress: &mut dyn FnMut(ChatImportProgress) -> bool,
    ) -> Result<ChatImportSummary> {
        self.chat_choice(case_id, options)?;
        let opened = open_export_bytes(name, bytes)?;
        self.import_opened(case_id, opened, options, progress)
    }

    fn import_opened(
        &mut self,
        case_id: i32,
        mut opened: OpenedExport,
        options: &ChatImportOptions,
        progress: &mut dyn FnMut(ChatImportProgress) -> bool,
    ) -> Result<ChatImportSummary> {
        let choice = self.chat_choice(case_id, options)?;
        let mut chats = opened.parse(&choice.parse).map_err(chat_error)?;
        let index = options.chat_index.unwrap_or(0) as usize;
        if index >= chats.len() {
            return Err(CoreError::invalid(
                "chat_index",
                "That chat is not in this export. Choose one from the list.",
            ));
        }
        let chat = chats.swap_remove(index);
        let choice = self.same_chat_zone(case_id, &opened, &chat, choice, options)?;
        let zone = needs_zone(&chat).then_some(&choice.zone);
        let zone_name = zone.map(|_| choice.zone_name.clone());
        let rows = dedupe_keys(&chat, zone);
        self.in_transaction(|store| {
            store.store_chat(
                case_id,
                &mut opened,
                &chat,
                &rows,
                zone_name.as_deref(),
                progress,
            )
        })
    }

    fn store_chat(
        &mut self,
        case_id: i32,
        opened: &mut OpenedExport,
        chat: &ParsedChat,
        rows: &[Row_],
        zone_name: Option<&str>,
        progress: &mut dyn FnMut(ChatImportProgress) -> bool,
    ) -> Result<ChatImportSummary> {
        let now = now_utc();
        let format = stored_format(opened.format);
        let total = chat.messages.len() as u32;
        let stop =
            || CoreError::Refused("The import was stopped; nothing of it was stored.".into());
        // The export itself, byte for byte (or its chat text when too large to keep whole).
        let export_caption = format!(
            "{} export{}{} ({} messages){}",
            format.label(),
            if chat.title.is_empty() {
                ""
            } else {
                " of the chat with "
            },
            chat.title,
            total,
            if opened.kept_whole {
                String::new()
            } else {
                format!(
                    " — the chat text of \"{}\" (SHA-256 {}, {} bytes), too large to keep whole",
                    opened.name, opened.sha256, opened.size
                )
            }
        );
        // Evidence this import creates (not what it finds already in the case): its undo
        // removes only these.
        let mut created: Vec<i32> = Vec::new();
        let export_evidence =
            match self.find_evidence_by_hash(case_id, &evidence::sha256_hex(&opened.kept_bytes))? {
                Some(e) => e.id,
                None => {
                    let p = evidence::prepare(
                        &opened.kept_name,
                        &opened.kept_bytes,
                        None,
                        zone_name.unwrap_or("UTC"),
                    )?;
                    let id = self.insert_evidence(
                        case_id,
                        &opened.kept_name,
                        &export_caption,
                        &opened.kept_bytes,
                        &p,
                    )?;
                    created.push(id);
                    id
                }
            };
        let existing = self.same_chat(case_id, format, rows)?;
        let chat_id = match existing {
            Some(id) => id,
            None => {
                self.conn.execute(
                    "INSERT INTO chats (case_id, format, title, device_zone, date_order, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                    params![
                        case_id,
                        format.as_str(),
                        chat.title,
                        zone_name,
                        chat.date_order.map(|o| from_parser_order(o).as_str()),
                        now
                    ],
                )?;
                self.conn.last_insert_rowid() as i32
            }
        };
        self.conn.execute(
            "INSERT INTO chat_imports (chat_id, evidence_id, export_name, export_sha256, export_size, chat_file,
                messages_added, attachments_added, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7)",
            params![chat_id, export_evidence, opened.name, opened.sha256, opened.size as i64, opened.chat_file, now],
        )?;
        let import_id = self.conn.last_insert_rowid() as i32;
        // Where each message goes in the chat: messages already there keep their place, new
        // ones are placed after the message before them in this export (or before the first,
        // for older history), so a longer export interleaves rather than piles up at the end.
        let mut existing: Vec<Option<(i32, Option<i32>, i32)>> = Vec::with_capacity(rows.len());
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, evidence_id, seq FROM chat_messages WHERE chat_id = ?1 AND dedupe_key = ?2 AND deleted_at IS NULL",
            )?;
            for r in rows {
                existing.push(
                    stmt.query_row(params![chat_id, r.dedupe_key], |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                    })
                    .optional()?,
                );
            }
        }
        let mut max_seq: i32 = self.conn.query_row(
            "SELECT coalesce(max(seq), 0) FROM chat_messages WHERE chat_id = ?1",
            [chat_id],
            |r| r.get(0),
        )?;
        let first_known = existing.iter().position(Option::is_some);
        let mut anchor: Option<i32> = None;
        let mut gap = 0i32;
        let (mut added, mut known, mut attachments_added, mut attachments_missing) =
            (0u32, 0u32, 0u32, 0u32);
        let mut notes = opened.notes.clone();
        for (i, (m, r)) in chat.messages.iter().zip(rows).enumerate() {
            if i % 500 == 0
                && !progress(ChatImportProgress {
                    done: i as u32,
                    total,
                })
            {
                return Err(stop());
            }
            if let Some((message_id, evidence_id, known_seq)) = existing[i] {
                anchor = Some(known_seq);
                gap = 0;
                known += 1;
                // An export with media after one without: the message gains its attachment.
                if let (None, Some(Attachment::File { name })) = (evidence_id, &m.attachment) {
                    if let Ok((id, new)) =
                        self.store_attachment(case_id, opened, name, m, r, zone_name)?
                    {
                        if new {
                            created.push(id);
                        }
                        attachments_added += 1;
                        self.conn.execute(
                            "UPDATE chat_messages SET attachment_name = ?2, attachment_missing = NULL, evidence_id = ?3,
                                attachment_import_id = ?4 WHERE id = ?1",
                            params![message_id, name, id, import_id],
                        )?;
                    }
                }
                continue;
            }
            let (attachment_name, attachment_missing, evidence_id) = match &m.attachment {
                Some(Attachment::File { name }) => {
                    match self.store_attachment(case_id, opened, name, m, r, zone_name)? {
                        Ok((id, new)) => {
                            if new {
                                created.push(id);
                            }
                            attachments_added += 1;
                            (Some(name.clone()), None, Some(id))
                        }
                        Err(note) => {
                            attachments_missing += 1;
                            if let Some(n) = note {
                                if notes.len() < 20 {
                                    notes.push(n);
                                }
                            }
                            (
                                Some(name.clone()),
                                Some("not in this export".to_string()),
                                None,
                            )
                        }
                    }
                }
                Some(Attachment::NotIncluded { what }) => {
                    attachments_missing += 1;
                    (None, Some(what.clone()), None)
                }
                None => (None, None, None),
            };
            let seq = match (anchor, first_known) {
                // Older history before the first message already there.
                (None, Some(first)) => existing[first].map_or(0, |e| e.2) - (first - i) as i32,
                // After a message already there, before the next one.
                (Some(a), _) if a < max_seq && gap + 1 < SEQ_SPACING => {
                    gap += 1;
                    a + gap
                }
                // At the end.
                _ => {
                    max_seq = max_seq.saturating_add(SEQ_SPACING);
                    anchor = Some(max_seq);
                    gap = 0;
                    max_seq
                }
            };
            self.conn
                .prepare_cached(
                    "INSERT INTO chat_messages (chat_id, import_id, seq, source_file, source_line, local_time, day,
                        sent_at_utc, sent_offset_minutes, sender, text, kind, edited, attachment_name,
                        attachment_missing, evidence_id, external_id, reply_to, forwarded_from, dedupe_key,
                        attachment_import_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                        CASE WHEN ?16 IS NULL THEN NULL ELSE ?2 END)",
                )?
                .execute(params![
                    chat_id,
                    import_id,
                    seq,
                    m.source.as_deref().unwrap_or(&opened.chat_file),
                    m.line,
                    r.local_time,
                    r.day,
                    r.sent.as_ref().map(|s| s.utc.clone()),
                    r.sent.as_ref().map(|s| s.offset_minutes),
                    m.sender,
                    m.text,
                    kind_of(m.kind).as_str(),
                    m.edited,
                    attachment_name,
                    attachment_missing,
                    evidence_id,
                    m.external_id,
                    m.reply_to,
                    m.forwarded_from,
                    r.dedupe_key,
                ])?;
            added += 1;
        }
        if !progress(ChatImportProgress { done: total, total }) {
            return Err(stop());
        }
        refresh_chat_days(&self.conn, chat_id)?;
        for id in &created {
            self.conn.execute(
                "INSERT OR IGNORE INTO chat_import_evidence (import_id, evidence_id) VALUES (?1, ?2)",
                params![import_id, id],
            )?;
        }
        self.conn.execute(
            "UPDATE chat_imports SET messages_added = ?2, attachments_added = ?3 WHERE id = ?1",
            params![import_id, added, attachments_added],
        )?;
        self.conn.execute(
            "UPDATE chats SET updated_at = ?2 WHERE id = ?1",
            params![chat_id, now],
        )?;
        let order = chat
            .date_order
            .map(|o| format!("; dates read as {}", from_parser_order(o).label()))
            .unwrap_or_default();
        let zone_words = zone_name
            .map(|z| format!("; clock times read in {z}"))
            .unwrap_or_default();
        audit::append(
            &self.conn,
            &audit::Change {
                actor: &self.actor,
                action: Action::Create,
                entity: Entity::Chat,
                entity_id: Some(chat_id.into()),
                case_id: Some(case_id.into()),
                summary: &format!(
                    "Chat C-{chat_id} imported from {} (SHA-256 {}, {} bytes, kept as V-{export_evidence}): {added} new messages, {known} already there, {attachments_added} attachments{order}{zone_words} (import {import_id})",
                    opened.name, opened.sha256, opened.size
                ),
            },
        )?;
        touch_case(&self.conn, case_id, &now)?;
        Ok(ChatImportSummary {
            chat: self.get_chat(chat_id)?,
            import_id,
            messages_added: added,
            messages_already_there: known,
            attachments_added,
            attachments_missing,
            notes,
        })
    }

    /// Stores one attachment as evidence (or finds the same bytes already there). `Ok(Err)`:
    /// not in the export, with a note when there is something to say.
    fn store_attachment(
        &mut self,
        case_id: i32,
        opened: &mut OpenedExport,
        name: &str,
        m: &ParsedMessage,
        r: &Row_,
        zone_name: Option<&str>,
    ) -> Result<std::result::Result<(i32, bool), Option<String>>> {
        let (file_name, bytes) = match opened.read_attachment(name) {
            Ok(Some(found)) => found,
            Ok(None) => return Ok(Err(None)),
            Err(e) => return Ok(Err(Some(e.to_string()))),
        };
        if bytes.is_empty() {
            return Ok(Err(Some(format!(
                "The attachment \"{name}\" is empty in the export."
            ))));
        }
        let sha = evidence::sha256_hex(&bytes);
        if let Some(e) = self.find_evidence_by_hash(case_id, &sha)? {
            return Ok(Ok((e.id, false)));
        }
        let mut p = evidence::examine(&file_name, &bytes, None, zone_name.unwrap_or("UTC"))?;
        if !matches!(
            p.capture_source,
            CaptureTimeSource::Exif | CaptureTimeSource::PngMetadata
        ) {
            if let Some(sent) = &r.sent {
                p.captured = Some(sent.clone());
                p.capture_source = CaptureTimeSource::ChatMessage;
                p.capture_zone = zone_name.map(str::to_string);
            }
        }
        let caption = format!(
            "Sent{} in the chat, {} line {}",
            m.sender
                .as_deref()
                .map(|s| format!(" by {s}"))
                .unwrap_or_default(),
            m.source.as_deref().unwrap_or(&opened.chat_file),
            m.line
        );
        Ok(Ok((
            self.insert_evidence(case_id, &file_name, &caption, &bytes, &p)?,
            true,
        )))
    }

    /// Every chat of a case.
    pub fn list_chats(&self, case_id: i32) -> Result<Vec<Chat>> {
        self.get_case(case_id)?;
        let ids: Vec<i32> = self
            .conn
            .prepare_cached(
                "SELECT id FROM chats WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY id",
            )?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.get_chat(id)).collect()
    }

    /// One chat with its counts, participants and imports.
    pub fn get_chat(&self, id: i32) -> Result<Chat> {
        let base = self
            .conn
            .query_row(
                "SELECT case_id, format, title, device_zone, date_order FROM chats WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "chat", id: id.into() })?;
        let count: u32 = self.conn.query_row(
            "SELECT count(*) FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        let keys: u32 = self.conn.query_row(
            "SELECT count(*) FROM chat_messages WHERE chat_id = ?1 AND is_key = 1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        let moment = |sql: &str| -> Result<Option<Moment>> {
            Ok(self
                .conn
                .query_row(sql, [id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?))
                })
                .optional()?
                .map(|(u, o)| Moment::from_stored(&u, o)))
        };
        let first_at = moment("SELECT sent_at_utc, sent_offset_minutes FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL AND sent_at_utc IS NOT NULL ORDER BY sent_at_utc LIMIT 1")?;
        let last_at = moment("SELECT sent_at_utc, sent_offset_minutes FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL AND sent_at_utc IS NOT NULL ORDER BY sent_at_utc DESC LIMIT 1")?;
        // Everyone who wrote, in order of their first message (deleted messages count: the
        // sender existed); read from the sender index, one row per sender.
        let mut participants: Vec<(i32, String)> = self
            .conn
            .prepare_cached(
                "SELECT min(seq), sender FROM chat_messages WHERE chat_id = ?1 AND sender IS NOT NULL
                   AND kind IN ('text', 'deleted') AND deleted_at IS NULL GROUP BY sender",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        participants.sort();
        let participants: Vec<String> = participants.into_iter().map(|(_, s)| s).collect();
        let imports: Vec<ChatImport> = self
            .conn
            .prepare_cached(
                "SELECT id, evidence_id, export_name, export_sha256, export_size, chat_file, messages_added,
                        attachments_added, imported_at, undone_at IS NOT NULL
                   FROM chat_imports WHERE chat_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                Ok(ChatImport {
                    id: r.get(0)?,
                    evidence_id: r.get(1)?,
                    export_name: r.get(2)?,
                    export_sha256: r.get(3)?,
                    export_size: r.get::<_, i64>(4)? as f64,
                    chat_file: r.get(5)?,
                    messages_added: r.get(6)?,
                    attachments_added: r.get(7)?,
                    imported_at: r.get(8)?,
                    undone: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Chat {
            id,
            case_id: base.0,
            format: ChatFormat::parse(&base.1).unwrap_or(ChatFormat::Whatsapp),
            title: base.2,
            participants,
            device_zone: base.3,
            date_order: base.4.as_deref().and_then(DateOrder::parse),
            message_count: count,
            key_count: keys,
            first_at,
            last_at,
            imports,
        })
    }

    /// A page of a chat's messages in chat order, filtered by text or key marks; it can start
    /// at a day or around one message.
    pub fn chat_messages(&self, chat_id: i32, query: &ChatQuery) -> Result<ChatPage> {
        let exists: bool = self
            .conn
            .prepare_cached("SELECT 1 FROM chats WHERE id = ?1 AND deleted_at IS NULL")?
            .exists([chat_id])?;
        if !exists {
            return Err(CoreError::NotFound {
                what: "chat",
                id: chat_id.into(),
            });
        }
        let text = super::timeline::like(&query.text);
        let limit = query.limit.clamp(1, MAX_CHAT_PAGE);
        // Without a text or key filter every count and page is read from the order index.
        let mut filter = String::from("chat_id = ?1 AND deleted_at IS NULL");
        if query.key_only {
            filter.push_str(" AND is_key = 1");
        }
        if !text.is_empty() {
            filter.push_str(" AND (text || ' ' || coalesce(sender, '')) LIKE ?2 ESCAPE '\\'");
        } else {
            filter.push_str(" AND ?2 = ''");
        }
        let total: u32 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM chat_messages WHERE {filter}"
            ))?
            .query_row(params![chat_id, text], |r| r.get(0))?;
        // Where to start: the matches before the chosen message or day.
        let offset = if let Some(id) = query.around_message {
            let seq: Option<i32> = self
                .conn
                .prepare_cached("SELECT seq FROM chat_messages WHERE id = ?1 AND chat_id = ?2")?
                .query_row(params![id, chat_id], |r| r.get(0))
                .optional()?;
            match seq {
                Some(seq) => {
                    let before: u32 = self
                        .conn
                        .prepare_cached(&format!(
                            "SELECT count(*) FROM chat_messages WHERE {filter} AND seq < ?3"
                        ))?
                        .query_row(params![chat_id, text, seq], |r| r.get(0))?;
                    before.saturating_sub(limit / 4)
                }
                None => 0,
            }
        } else if let Some(day) = query.from_day.as_deref().filter(|d| !d.trim().is_empty()) {
            self.conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM chat_messages WHERE {filter} AND day < ?3"
                ))?
                .query_row(params![chat_id, text, day.trim()], |r| r.get(0))?
        } else {
            query.offset
        };
        let messages = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CHAT_MESSAGE_COLUMNS} FROM chat_messages WHERE {filter} ORDER BY seq, id LIMIT ?3 OFFSET ?4"
            ))?
            .query_map(params![chat_id, text, limit, offset], row_to_message)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ChatPage {
            messages,
            total,
            offset,
        })
    }

    /// Marks messages as key messages (or unmarks them) for the dossier; audited.
    pub fn set_key_messages(&mut self, chat_id: i32, ids: &[i32], is_key: bool) -> Result<()> {
        let chat = self.get_chat(chat_id)?;
        if ids.is_empty() {
            return Err(CoreError::invalid("ids", "Select the messages first."));
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        for id in ids {
            let changed = tx.execute(
                "UPDATE chat_messages SET is_key = ?3 WHERE id = ?1 AND chat_id = ?2 AND deleted_at IS NULL AND is_key != ?3",
                params![id, chat_id, is_key],
            )?;
            let exists: bool = tx.prepare_cached("SELECT 1 FROM chat_messages WHERE id = ?1 AND chat_id = ?2 AND deleted_at IS NULL")?
                .exists(params![id, chat_id])?;
            if !exists {
                return Err(CoreError::NotFound {
                    what: "message",
                    id: (*id).into(),
                });
            }
            if changed > 0 {
                audit::append(
                    &tx,
                    &audit::Change {
                        actor: &self.actor,
                        action: Action::Update,
                        entity: Entity::Chat,
                        entity_id: Some(chat_id.into()),
                        case_id: Some(chat.case_id.into()),
                        summary: &format!(
                            "Message M-{id} of chat C-{chat_id} {}",
                            if is_key {
                                "marked as a key message"
                            } else {
                                "no longer a key message"
                            }
                        ),
                    },
                )?;
            }
        }
        touch_case(&tx, chat.case_id, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Undoes an import: its messages and the evidence it added (the export file and its
    /// attachments, unless something else links to them) are deleted; a chat left without
    /// messages goes too. The audit log keeps what happened.
    pub fn undo_chat_import(&mut self, import_id: i32) -> Result<()> {
        let (chat_id, undone): (i32, bool) = self
            .conn
            .query_row(
                "SELECT chat_id, undone_at IS NOT NULL FROM chat_imports WHERE id = ?1",
                [import_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "import",
                id: import_id.into(),
            })?;
        if undone {
            return Err(CoreError::Refused("This import was already undone.".into()));
        }
        let chat = self.get_chat(chat_id)?;
        // Messages a later import found "already there" belong to this one: undoing it while a
        // later one stands would lose them.
        let later: Option<i32> = self.conn.query_row(
            "SELECT max(id) FROM chat_imports WHERE chat_id = ?1 AND id > ?2 AND undone_at IS NULL",
            params![chat_id, import_id],
            |r| r.get(0),
        )?;
        if let Some(later) = later {
            return Err(CoreError::Refused(format!(
                "A later import of this chat (import {later}) relies on this one's messages. Undo the later import first, then this one."
            )));
        }
        let now = now_utc();
        self.in_transaction(|store| {
            // Attachments this import added to messages an earlier import brought: unlinked.
            store.conn.execute(
                "UPDATE chat_messages SET evidence_id = NULL, attachment_missing = 'not in this export',
                    attachment_import_id = NULL
                  WHERE attachment_import_id = ?1 AND import_id != ?1",
                [import_id],
            )?;
            let n = store.conn.execute(
                "UPDATE chat_messages SET deleted_at = ?2 WHERE import_id = ?1 AND deleted_at IS NULL",
                params![import_id, now],
            )?;
            // Evidence this import created (not what it found in the case), still there, used
            // by no other standing message or import, and linked to no transfer or event.
            let evidence_ids: Vec<i32> = store
                .conn
                .prepare_cached(
                    "SELECT c.evidence_id FROM chat_import_evidence c
                      WHERE c.import_id = ?1
                        AND EXISTS (SELECT 1 FROM evidence e WHERE e.id = c.evidence_id AND e.deleted_at IS NULL)
                        AND NOT EXISTS (SELECT 1 FROM chat_messages o WHERE o.evidence_id = c.evidence_id
                                         AND o.deleted_at IS NULL)
                        AND NOT EXISTS (SELECT 1 FROM chat_imports i WHERE i.evidence_id = c.evidence_id
                                         AND i.id != ?1 AND i.undone_at IS NULL)",
                )?
                .query_map([import_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut kept = Vec::new();
            let mut removed = Vec::new();
            for id in evidence_ids {
                let linked: bool = store.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM transfer_evidence WHERE evidence_id = ?1)
                         OR EXISTS (SELECT 1 FROM event_links WHERE target_kind = 'evidence' AND target_id = ?1)",
                    [id],
                    |r| r.get(0),
                )?;
                if linked {
                    kept.push(id);
                } else {
                    removed.push(id);
                }
            }
            store.conn.execute("UPDATE chat_imports SET undone_at = ?2 WHERE id = ?1", params![import_id, now])?;
            refresh_chat_days(&store.conn, chat_id)?;
            let left: i64 = store.conn.query_row(
                "SELECT count(*) FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL",
                [chat_id],
                |r| r.get(0),
            )?;
            if left == 0 {
                store.conn.execute("UPDATE chats SET deleted_at = ?2 WHERE id = ?1", params![chat_id, now])?;
                store.conn.execute(
                    "UPDATE chat_imports SET undone_at = ?2 WHERE chat_id = ?1 AND undone_at IS NULL",
                    params![chat_id, now],
                )?;
            }
            for id in &removed {
                store.delete_evidence(*id)?;
                // What an import brought in goes with its undo, bytes and all (it can be
                // imported again); nothing to bring back from the deleted items.
                store.conn.execute("DELETE FROM evidence_blobs WHERE evidence_id = ?1", [id])?;
            }
            // The same for what it brought in and the person had deleted already: no message
            // or import stands behind it any more.
            store.conn.execute(
                "DELETE FROM evidence_blobs WHERE evidence_id IN (
                   SELECT c.evidence_id FROM chat_import_evidence c JOIN evidence e ON e.id = c.evidence_id
                    WHERE c.import_id = ?1 AND e.deleted_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM chat_messages o WHERE o.evidence_id = c.evidence_id
                                       AND o.deleted_at IS NULL)
                      AND NOT EXISTS (SELECT 1 FROM chat_imports i WHERE i.evidence_id = c.evidence_id
                                       AND i.id != ?1 AND i.undone_at IS NULL))",
                [import_id],
            )?;
            let kept_words = if kept.is_empty() {
                String::new()
            } else {
                format!(
                    "; kept, as other records link to them: {}",
                    kept.iter().map(|k| format!("V-{k}")).collect::<Vec<_>>().join(", ")
                )
            };
            audit::append(
                &store.conn,
                &audit::Change {
                    actor: &store.actor,
                    action: Action::Delete,
                    entity: Entity::Chat,
                    entity_id: Some(chat_id.into()),
                    case_id: Some(chat.case_id.into()),
                    summary: &format!(
                        "Import {import_id} of chat C-{chat_id} undone: {n} messages and {} evidence items removed{kept_words}",
                        removed.len()
                    ),
                },
            )?;
            touch_case(&store.conn, chat.case_id, &now)?;
            Ok(())
        })
    }
}

/// What a found value becomes when accepted: an identifier kind and network, or a payment.
fn suggestion_target(
    kind: &chat::suggest::SuggestionKind,
) -> (
    String,
    Option<crate::model::IdentifierKind>,
    Option<crate::model::Network>,
    Option<crate::model::SuggestedPayment>,
) {
    use crate::model::IdentifierKind as K;
    use chat::suggest::SuggestionKind as S;
    match kind {
        S::Wallet { network } => (
            format!("{} wallet", network.label()),
            Some(K::CryptoWallet),
            Some(*network),
            None,
        ),
        S::TxHash => ("Transaction hash".into(), None, None, None),
        S::Iban => (
            "Bank account (IBAN)".into(),
            Some(K::BankAccount),
            None,
            None,
        ),
        S::Phone => ("Phone number".into(), Some(K::Phone), None, None),
        S::Email => ("E-mail address".into(), Some(K::Email), None, None),
        S::Url => ("Website".into(), Some(K::Website), None, None),
        S::Domain => ("Website or domain".into(), Some(K::Website), None, None),
        S::TelegramHandle => ("Telegram account".into(), Some(K::Telegram), None, None),
        S::WhatsAppLink => ("WhatsApp link".into(), Some(K::Whatsapp), None, None),
        S::Transfer { amount, asset, to } => (
            "Payment request".into(),
            None,
            None,
            Some(crate::model::SuggestedPayment {
                amount: amount.clone(),
                asset: asset.clone(),
                to: to.clone(),
            }),
        ),
    }
}

impl Store {
    /// Wallets, accounts, phones, e-mails, links, handles and payment requests found in a
    /// chat's messages, each once (with the first message it appears in and how often).
    pub fn chat_suggestions(&self, chat_id: i32) -> Result<Vec<crate::model::ChatSuggestion>> {
        let chat = self.get_chat(chat_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CHAT_MESSAGE_COLUMNS} FROM chat_messages WHERE chat_id = ?1 AND deleted_at IS NULL
               AND kind = 'text' ORDER BY seq"
        ))?;
        let messages = stmt.query_map([chat_id], row_to_message)?;
        let mut out: Vec<crate::model::ChatSuggestion> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for m in messages {
            let m = m?;
            for s in chat::suggest::suggestions(&m.text) {
                let (label, identifier_kind, network, payment) = suggestion_target(&s.kind);
                let key = format!("{label}\u{1f}{}", s.value);
                if let Some(&i) = index.get(&key) {
                    out[i].mentions += 1;
                    continue;
                }
                let already_in_case = match identifier_kind {
                    Some(kind) => self.identifier_in_case(chat.case_id, kind, &s.value, network)?,
                    None => false,
                };
                index.insert(key, out.len());
                out.push(crate::model::ChatSuggestion {
                    message_id: m.id,
                    mentions: 1,
                    sender: m.sender.clone(),
                    local_time: m.local_time.clone(),
                    source_file: m.source_file.clone(),
                    source_line: m.source_line,
                    message_text: m.text.chars().take(300).collect(),
                    value: s.value,
                    label,
                    detail: s.detail,
                    identifier_kind,
                    network,
                    payment,
                    already_in_case,
                });
            }
        }
        Ok(out)
    }

    fn identifier_in_case(
        &self,
        case_id: i32,
        kind: crate::model::IdentifierKind,
        value: &str,
        network: Option<crate::model::Network>,
    ) -> Result<bool> {
        let Ok(n) = v::identifier::normalize(kind, value, network) else {
            return Ok(false);
        };
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM identifiers WHERE case_id = ?1 AND match_key = ?2 AND deleted_at IS NULL")?
            .exists(params![case_id, n.match_key])?)
    }

    /// Adds the suggestions the person accepted, all in one transaction: identifiers (under
    /// `subject_id`, or on their own) with a note saying which message they come from, and a
    /// "Request for money" event for each payment request. Each value is found again in its
    /// message, so only what the message really says is added.
    pub fn accept_chat_suggestions(
        &mut self,
        chat_id: i32,
        accepted: &[crate::model::AcceptedSuggestion],
        subject_id: Option<i32>,
    ) -> Result<crate::model::AcceptedOutcome> {
        let chat = self.get_chat(chat_id)?;
        if accepted.is_empty() {
            return Err(CoreError::invalid(
                "accepted",
                "Choose the suggestions to add first.",
            ));
        }
        self.in_transaction(|store| {
            let mut outcome = crate::model::AcceptedOutcome { identifier_ids: Vec::new(), event_ids: Vec::new(), skipped: Vec::new() };
            for a in accepted {
                let m = store
                    .conn
                    .query_row(
                        &format!("SELECT {CHAT_MESSAGE_COLUMNS} FROM chat_messages WHERE id = ?1 AND chat_id = ?2 AND deleted_at IS NULL"),
                        params![a.message_id, chat_id],
                        row_to_message,
                    )
                    .optional()?
                    .ok_or(CoreError::NotFound { what: "message", id: a.message_id.into() })?;
                let Some(found) = chat::suggest::suggestions(&m.text).into_iter().find(|s| s.value == a.value) else {
                    outcome.skipped.push(format!("\"{}\" is not in message M-{}.", a.value, m.id));
                    continue;
                };
                let source = format!(
                    "Found in the {} chat C-{chat_id}{}, message M-{} ({} line {}{}, {}).",
                    chat.format.label(),
                    if chat.title.is_empty() { String::new() } else { format!(" with {}", chat.title) },
                    m.id,
                    m.source_file,
                    m.source_line,
                    m.sender.as_deref().map(|s| format!(", sent by {s}")).unwrap_or_default(),
                    m.sent.as_ref().map_or_else(|| m.local_time.clone(), |s| s.recorded.clone())
                );
                let (label, identifier_kind, network, payment) = suggestion_target(&found.kind);
                if let Some(kind) = identifier_kind {
                    if store.identifier_in_case(chat.case_id, kind, &found.value, network)? {
                        outcome.skipped.push(format!("{label} {} is already in the case.", found.value));
                        continue;
                    }
                    let made = store.add_identifier(
                        chat.case_id,
                        &crate::model::IdentifierInput {
                            subject_id,
                            kind,
                            value: found.value.clone(),
                            network,
                            bank_name: String::new(),
                            is_exchange_deposit: false,
                            notes: source,
                            accept_warnings: true,
                        },
                    )?;
                    outcome.identifier_ids.push(made.id);
                } else if let Some(p) = payment {
                    let Some(when) = m.sent.as_ref().map(|s| s.recorded.clone()) else {
                        outcome.skipped.push(format!("Message M-{} has no exact time (a daylight-saving change), so its request cannot be placed on the timeline. Add it as an event by hand.", m.id));
                        continue;
                    };
                    let amount = p.amount.clone().unwrap_or_else(|| format!("{} (as written; unclear)", found.value));
                    let to = p.to.as_deref().map(|t| format!(" to {t}")).unwrap_or_default();
                    let event = store.add_event(
                        chat.case_id,
                        &crate::model::EventInput {
                            occurred_at: when,
                            kind: crate::model::EventKind::RequestForMoney,
                            title: format!("Asked to pay {amount} {}{to}", p.asset).chars().take(200).collect(),
                            description: format!("\"{}\" — {source} A request is no proof of payment: add the transfer from the bank or wallet record.", m.text.chars().take(2000).collect::<String>()),
                            links: chat
                                .imports
                                .iter()
                                .filter(|i| !i.undone)
                                .take(1)
                                .map(|i| crate::model::Link { kind: crate::model::LinkKind::Evidence, id: i.evidence_id })
                                .collect(),
                        },
                    )?;
                    outcome.event_ids.push(event.id);
                } else {
                    outcome.skipped.push(format!("{label} {} cannot be added on its own; copy it into the transfer it belongs to.", found.value));
                }
            }
            Ok(outcome)
        })
    }
}
