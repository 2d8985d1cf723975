//! Chats in the case interchange format (version 2): each chat with the imports it came from
//! and its messages. Undone imports and their messages are not exported.
//!
//! Messages carry no hash of their own: what proves a chat unchanged is the export file it was
//! imported from, which is in the file as an evidence item with its SHA-256 (checked on
//! import like every evidence item).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::model::{ChatFormat, DateOrder, MessageKind};
use crate::store::{ChatRows, ImportRow, MessageRow};
use crate::time::{checked_moment, checked_utc, Moment};
use crate::validate;
use crate::{CoreError, Result};

/// Largest `seq` a message may have: the store keeps it as a 32-bit sort key (older history
/// imported later gets keys below the first message's, down to negative ones), and a later
/// chat import counts on from it.
pub const MAX_SEQ: i64 = i32::MAX as i64 / 2;
/// Smallest `seq` a message may have.
pub const MIN_SEQ: i64 = -MAX_SEQ;
/// Longest `dedupe_key` accepted.
pub const MAX_DEDUPE_KEY_CHARS: usize = 200;

/// How a message's clock time is written in the file.
const LOCAL_TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// How the store keeps it.
const STORED_LOCAL_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// A chat of the case, with the imports it came from and its messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedChat {
    #[serde(rename = "ref")]
    pub reference: u32,
    /// `whatsapp`, `telegram_json`, `telegram_html` or `line` (the stored names).
    #[serde(with = "chat_format_name")]
    pub format: ChatFormat,
    pub title: String,
    /// The zone the export's clock times were read in; `null` when it gives exact times.
    pub device_zone: Option<String>,
    pub date_order: Option<DateOrder>,
    pub imports: Vec<ExportedChatImport>,
    /// In chat order.
    pub messages: Vec<ExportedChatMessage>,
}

/// One import of an export file into the chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedChatImport {
    /// Numbered within its chat.
    #[serde(rename = "ref")]
    pub reference: u32,
    /// The evidence item holding the export file (or its chat text, when it was too large to
    /// keep whole).
    pub evidence_ref: u32,
    pub export_name: String,
    /// SHA-256 of the whole export file as it was chosen.
    pub export_sha256: String,
    pub export_size: u64,
    pub chat_file: String,
    pub imported_at: String,
}

/// One message of the chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedChatMessage {
    /// Position in the chat: [`MIN_SEQ`] … [`MAX_SEQ`], increasing (older history imported later
    /// sorts below the first message, so keys can be negative).
    pub seq: i64,
    /// The import of its chat that added it.
    pub import_ref: u32,
    pub source_file: String,
    pub source_line: u32,
    /// The clock time as the export wrote it: `2026-03-14 09:31:02`.
    pub local_time: String,
    pub sent: Option<Moment>,
    pub sender: Option<String>,
    pub text: String,
    pub kind: MessageKind,
    pub edited: bool,
    pub attachment_name: Option<String>,
    pub attachment_missing: Option<String>,
    /// The evidence item holding its attachment.
    pub evidence_ref: Option<u32>,
    pub external_id: Option<String>,
    pub reply_to: Option<String>,
    pub forwarded_from: Option<String>,
    pub is_key: bool,
    /// What makes the message the same in a later, longer export of the chat (opaque, at most
    /// [`MAX_DEDUPE_KEY_CHARS`] characters, unique in its chat): kept so that importing that
    /// export into the imported case adds only the new messages.
    pub dedupe_key: String,
}

/// Chat formats by their stored names (`whatsapp`), which never change, rather than by the
/// names the window uses.
mod chat_format_name {
    use serde::{de::Error as _, Deserialize as _, Deserializer, Serializer};

    use crate::model::ChatFormat;

    const NAMES: &[&str] = &["whatsapp", "telegram_json", "telegram_html", "line"];

    pub fn serialize<S: Serializer>(f: &ChatFormat, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(f.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ChatFormat, D::Error> {
        let name = String::deserialize(d)?;
        ChatFormat::parse(&name).ok_or_else(|| D::Error::unknown_variant(&name, NAMES))
    }
}

/// The store's chats as exported, evidence ids turned into the file's refs.
pub(super) fn exported_chats(
    chats: Vec<ChatRows>,
    evidence_refs: &HashMap<i32, u32>,
) -> Result<Vec<ExportedChat>> {
    let mut out = Vec::with_capacity(chats.len());
    for (chat, reference) in chats.into_iter().zip(1u32..) {
        let import_refs: HashMap<i32, u32> =
            chat.imports.iter().map(|i| i.id).zip(1u32..).collect();
        let mut imports = Vec::with_capacity(chat.imports.len());
        for (i, import_ref) in chat.imports.into_iter().zip(1u32..) {
            let evidence_ref = evidence_refs.get(&i.evidence_id).copied().ok_or_else(|| {
                CoreError::Refused(format!(
                    "The case cannot be exported: the chat \"{}\" was imported from \"{}\", and that file (evidence item V-{}) has since been deleted from the case, so nothing could show the chat unchanged. Nothing was exported.",
                    short(&chat.title), i.export_name, i.evidence_id
                ))
            })?;
            imports.push(ExportedChatImport {
                reference: import_ref,
                evidence_ref,
                export_name: i.export_name,
                export_sha256: i.export_sha256,
                export_size: i.export_size,
                chat_file: i.chat_file,
                imported_at: i.imported_at,
            });
        }
        let mut messages = Vec::with_capacity(chat.messages.len());
        for m in chat.messages {
            let import_ref = import_refs.get(&m.import_id).copied().ok_or_else(|| {
                CoreError::Refused(format!(
                    "The case cannot be exported whole: a message of the chat \"{}\" belongs to an import that was undone.",
                    short(&chat.title)
                ))
            })?;
            messages.push(ExportedChatMessage {
                seq: m.seq,
                import_ref,
                source_file: m.source_file,
                source_line: m.source_line,
                local_time: m.local_time.replacen('T', " ", 1),
                sent: m.sent,
                sender: m.sender,
                text: m.text,
                kind: m.kind,
                edited: m.edited,
                attachment_name: m.attachment_name,
                attachment_missing: m.attachment_missing,
                // An attachment deleted from the case leaves the message without its link.
                evidence_ref: m.evidence_id.and_then(|id| evidence_refs.get(&id).copied()),
                external_id: m.external_id,
                reply_to: m.reply_to,
                forwarded_from: m.forwarded_from,
                is_key: m.is_key,
                dedupe_key: m.dedupe_key,
            });
        }
        out.push(ExportedChat {
            reference,
            format: chat.format,
            title: chat.title,
            device_zone: chat.device_zone,
            date_order: chat.date_order,
            imports,
            messages,
        });
    }
    Ok(out)
}

/// At most 60 characters of a title, for messages.
fn short(title: &str) -> String {
    let mut s: String = title.chars().take(60).collect();
    if title.chars().nth(60).is_some() {
        s.push('…');
    }
    s
}

fn damaged(what: String) -> CoreError {
    CoreError::Refused(format!(
        "This case export is damaged: {what}. Nothing was imported; ask for a fresh export."
    ))
}

/// A clock time written exactly as Casefile writes it (`2026-03-14 09:31:02`).
fn local_time(raw: &str) -> Option<NaiveDateTime> {
    let t = NaiveDateTime::parse_from_str(raw, LOCAL_TIME_FORMAT).ok()?;
    (t.format(LOCAL_TIME_FORMAT).to_string() == raw && raw.len() == 19).then_some(t)
}

/// A one-line field: bounded like every one-line field, kept exactly as written.
fn one_line(field: &'static str, label: &str, raw: &str) -> Result<()> {
    validate::line(field, label, raw).map(drop)
}

fn optional_line(field: &'static str, label: &str, raw: &Option<String>) -> Result<()> {
    raw.as_deref().map_or(Ok(()), |r| one_line(field, label, r))
}

/// Checks the chats of a file: refs that repeat or dangle, and every field. `evidence` is the
/// set of evidence refs in the file. Returns the chats with times and zones as Casefile
/// writes them.
pub(super) fn checked_chats(
    chats: &[ExportedChat],
    evidence: &HashSet<u32>,
) -> Result<Vec<ExportedChat>> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(chats.len());
    for c in chats {
        if !seen.insert(c.reference) {
            return Err(damaged(format!(
                "two chats have the number (ref) {}",
                c.reference
            )));
        }
        out.push(checked_chat(c, evidence)?);
    }
    Ok(out)
}

fn checked_chat(c: &ExportedChat, evidence: &HashSet<u32>) -> Result<ExportedChat> {
    let name = format!("chat {} (\"{}\")", c.reference, short(&c.title));
    let field = |err: CoreError| {
        CoreError::Refused(format!("In this file, {name}: {err} Nothing was imported."))
    };
    one_line("title", "The chat's title", &c.title).map_err(field)?;
    let device_zone = c
        .device_zone
        .as_deref()
        .map(validate::time_zone)
        .transpose()
        .map_err(field)?;
    if c.imports.is_empty() {
        return Err(damaged(format!(
            "{name} has no import (the export file it came from)"
        )));
    }
    let mut import_refs = HashSet::new();
    let mut imports = Vec::with_capacity(c.imports.len());
    for i in &c.imports {
        if !import_refs.insert(i.reference) {
            return Err(damaged(format!(
                "two imports of {name} have the number (ref) {}",
                i.reference
            )));
        }
        if !evidence.contains(&i.evidence_ref) {
            return Err(damaged(format!(
                "import {} of {name} links to evidence item {}, which is not in the file",
                i.reference, i.evidence_ref
            )));
        }
        let import = |err: CoreError| {
            CoreError::Refused(format!(
                "In this file, import {} of {name}: {err} Nothing was imported.",
                i.reference
            ))
        };
        one_line("export_name", "The export's file name", &i.export_name).map_err(import)?;
        one_line("chat_file", "The chat file's name", &i.chat_file).map_err(import)?;
        if i.export_sha256.len() != 64 || !i.export_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(import(CoreError::invalid(
                "export_sha256",
                "The export's SHA-256 is not 64 hexadecimal digits.",
            )));
        }
        if i64::try_from(i.export_size).is_err() {
            return Err(import(CoreError::invalid(
                "export_size",
                "The export's size is not possible.",
            )));
        }
        imports.push(ExportedChatImport {
            export_sha256: i.export_sha256.to_ascii_lowercase(),
            imported_at: checked_utc(&i.imported_at, "imported_at").map_err(import)?,
            ..i.clone()
        });
    }
    let mut keys = HashSet::new();
    let mut last_seq = MIN_SEQ - 1;
    let mut messages = Vec::with_capacity(c.messages.len());
    for (n, m) in c.messages.iter().enumerate() {
        let at = format!("message {} of {name}", n + 1);
        let message = |err: CoreError| {
            CoreError::Refused(format!("In this file, {at}: {err} Nothing was imported."))
        };
        if !import_refs.contains(&m.import_ref) {
            return Err(damaged(format!(
                "{at} links to import {}, which is not among the chat's imports in the file",
                m.import_ref
            )));
        }
        if let Some(r) = m.evidence_ref.filter(|r| !evidence.contains(r)) {
            return Err(damaged(format!(
                "{at} links to evidence item {r}, which is not in the file"
            )));
        }
        if m.seq <= last_seq || m.seq > MAX_SEQ {
            return Err(damaged(format!(
                "{at} is out of order (its seq {} must be above the one before it, from {MIN_SEQ} to {MAX_SEQ})",
                m.seq
            )));
        }
        last_seq = m.seq;
        if m.dedupe_key.is_empty() || m.dedupe_key.chars().count() > MAX_DEDUPE_KEY_CHARS {
            return Err(damaged(format!(
                "{at} has a dedupe_key that is empty or longer than {MAX_DEDUPE_KEY_CHARS} characters"
            )));
        }
        if !keys.insert(m.dedupe_key.as_str()) {
            return Err(damaged(format!(
                "{at} has the same dedupe_key as an earlier message of the chat"
            )));
        }
        if local_time(&m.local_time).is_none() {
            return Err(message(CoreError::invalid(
                "local_time",
                format!(
                    "Its clock time \"{}\" is not written like 2026-03-14 09:31:02.",
                    m.local_time.chars().take(40).collect::<String>()
                ),
            )));
        }
        one_line("source_file", "The source file's name", &m.source_file).map_err(message)?;
        optional_line("sender", "The sender", &m.sender).map_err(message)?;
        validate::text("text", "The message", &m.text).map_err(message)?;
        optional_line(
            "attachment_name",
            "The attachment's name",
            &m.attachment_name,
        )
        .map_err(message)?;
        optional_line(
            "attachment_missing",
            "The missing attachment's note",
            &m.attachment_missing,
        )
        .map_err(message)?;
        optional_line("external_id", "The message's id", &m.external_id).map_err(message)?;
        optional_line("reply_to", "The message it replies to", &m.reply_to).map_err(message)?;
        optional_line(
            "forwarded_from",
            "Who it was forwarded from",
            &m.forwarded_from,
        )
        .map_err(message)?;
        messages.push(ExportedChatMessage {
            sent: m
                .sent
                .as_ref()
                .map(|s| checked_moment(s, "sent"))
                .transpose()
                .map_err(message)?,
            ..m.clone()
        });
    }
    Ok(ExportedChat {
        device_zone,
        imports,
        messages,
        ..c.clone()
    })
}

/// A checked chat as store rows, evidence refs turned into the new case's evidence ids.
pub(super) fn chat_rows(c: &ExportedChat, evidence_ids: &HashMap<u32, i32>) -> Result<ChatRows> {
    let missing = |r: u32| damaged(format!("evidence item {r} is not in the file"));
    let evidence_id = |r: u32| evidence_ids.get(&r).copied().ok_or_else(|| missing(r));
    // Imports are numbered by position: refs are any u32, ids are i32.
    let positions: HashMap<u32, i32> = c.imports.iter().map(|i| i.reference).zip(0..).collect();
    let imports = c
        .imports
        .iter()
        .zip(0..)
        .map(|(i, id)| {
            Ok(ImportRow {
                id,
                evidence_id: evidence_id(i.evidence_ref)?,
                export_name: i.export_name.clone(),
                export_sha256: i.export_sha256.clone(),
                export_size: i.export_size,
                chat_file: i.chat_file.clone(),
                imported_at: i.imported_at.clone(),
            })
        })
        .collect::<Result<_>>()?;
    let messages = c
        .messages
        .iter()
        .map(|m| {
            let t = local_time(&m.local_time).ok_or_else(|| {
                damaged(format!(
                    "the clock time \"{}\" cannot be read",
                    m.local_time
                ))
            })?;
            Ok(MessageRow {
                import_id: positions.get(&m.import_ref).copied().ok_or_else(|| {
                    damaged(format!("import {} is not in the file", m.import_ref))
                })?,
                seq: m.seq,
                source_file: m.source_file.clone(),
                source_line: m.source_line,
                local_time: t.format(STORED_LOCAL_TIME_FORMAT).to_string(),
                day: t.format("%Y-%m-%d").to_string(),
                sent: m.sent.clone(),
                sender: m.sender.clone(),
                text: m.text.clone(),
                kind: m.kind,
                edited: m.edited,
                attachment_name: m.attachment_name.clone(),
                attachment_missing: m.attachment_missing.clone(),
                evidence_id: m.evidence_ref.map(evidence_id).transpose()?,
                external_id: m.external_id.clone(),
                reply_to: m.reply_to.clone(),
                forwarded_from: m.forwarded_from.clone(),
                is_key: m.is_key,
                dedupe_key: m.dedupe_key.clone(),
            })
        })
        .collect::<Result<_>>()?;
    Ok(ChatRows {
        format: c.format,
        title: c.title.clone(),
        device_zone: c.device_zone.clone(),
        date_order: c.date_order,
        imports,
        messages,
    })
}
