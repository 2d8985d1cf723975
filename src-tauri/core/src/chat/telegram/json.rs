//! Telegram Desktop's machine-readable JSON export (`result.json`): one chat
//! (`{"name", "type", "id", "messages": [...]}`) or a whole account
//! (`{"about", "personal_information", …, "chats": {"list": [chat, …]}, "left_chats": {…}}`).
//!
//! The file is read as a stream: one message at a time becomes a `serde_json::Value` and then a
//! [`ParsedMessage`], so memory stays near the size of the result, not of a whole JSON tree.
//! Line numbers come from a separate byte scan ([`scan_layout`]), because serde_json gives no
//! positions: it follows the same structure (root or `chats`/`left_chats` → `list` → chat →
//! `messages`) and notes the line where each element of a `messages` array starts. Both walk the
//! file in the same order, so the n-th message read is the n-th start noted.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset as _, Utc};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;
use serde_json::{Map, Value};

use super::{duration_words, participants, too_large, MAX_EXPORT_BYTES, SNIFF_BYTES};
use crate::chat::{
    Attachment, ChatError, Format, MessageKind, MessageTime, ParsedChat, ParsedMessage,
};

/// serde_json's own nesting limit; Telegram writes at most about 8 levels.
const MAX_DEPTH: usize = 128;
/// The widest offset a `date` may differ from `date_unixtime` and still be a time zone.
const MAX_OFFSET_MINUTES: i64 = 18 * 60;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether `bytes` start like a Telegram Desktop JSON export (a cheap look at the first 64 KiB).
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(BOM).unwrap_or(head);
    let starts_object = head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let marks: [&[u8]; 4] = [
        b"\"messages\"",
        b"\"chats\"",
        b"\"left_chats\"",
        b"\"personal_information\"",
    ];
    starts_object
        && marks
            .iter()
            .any(|mark| head.windows(mark.len()).any(|w| w == *mark))
}

/// Reads a Telegram Desktop JSON export: one chat, or every chat of a whole-account export
/// (`chats` then `left_chats`, in file order; a chat without a name is still listed).
pub fn parse_json(bytes: &[u8]) -> Result<Vec<ParsedChat>, ChatError> {
    if bytes.len() > MAX_EXPORT_BYTES {
        return Err(too_large(bytes.len()));
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let layout = scan_layout(bytes);
    if layout.too_deep {
        return Err(ChatError::Refused(
            "This file is nested far deeper than any Telegram export, so Casefile does not read it. Export the chat again from Telegram Desktop and import the new result.json."
                .into(),
        ));
    }
    let mut state = State {
        lines: &layout.message_lines,
        next_index: 0,
        failure: None,
        chats: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let read = RootSeed(&mut state)
        .deserialize(&mut de)
        .and_then(|root| de.end().map(|()| root));
    if let Some(failure) = state.failure.take() {
        return Err(failure);
    }
    let root = read.map_err(|e| json_error(&e))?;
    let mut chats = Vec::with_capacity(state.chats.len() + 1);
    if let Some(chat) = root {
        chats.push(chat);
    }
    chats.append(&mut state.chats);
    if chats.is_empty() {
        return Err(ChatError::NotAChat {
            hint: "It is a JSON file, but not a Telegram Desktop chat export, or an account export without chats. In Telegram Desktop open the chat, choose ⋮ → Export chat history, and pick \"Machine-readable JSON\".".into(),
        });
    }
    Ok(chats)
}

/// A serde_json failure in words for the person importing.
fn json_error(e: &serde_json::Error) -> ChatError {
    match e.classify() {
        Category::Eof => ChatError::Damaged(format!(
            "The Telegram export is incomplete or damaged near line {}: the file ends in the middle of the chat. It may not have finished copying — copy the export folder again, or export the chat again from Telegram Desktop.",
            e.line()
        )),
        Category::Syntax | Category::Io => ChatError::Damaged(format!(
            "The Telegram export is incomplete or damaged near line {}: the text there is not valid JSON. Export the chat again from Telegram Desktop and import the new result.json.",
            e.line()
        )),
        Category::Data => ChatError::NotAChat {
            hint: "It is a JSON file, but not laid out like a Telegram Desktop export (result.json).".into(),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Streaming reader

/// What the reader carries while serde_json walks the file.
struct State<'l> {
    /// Line of each element of every `messages` array, in file order (from [`scan_layout`]).
    lines: &'l [u32],
    /// Index of the next `messages` element across the whole file.
    next_index: usize,
    /// Why reading stopped, when it was stopped by a message rather than by serde_json.
    failure: Option<ChatError>,
    /// Chats of a whole-account export, in file order.
    chats: Vec<ParsedChat>,
}

impl State<'_> {
    fn next_line(&mut self) -> u32 {
        let index = self.next_index;
        self.next_index += 1;
        self.lines
            .get(index)
            .copied()
            .unwrap_or_else(|| u32::try_from(index + 1).unwrap_or(u32::MAX))
    }
}

/// The keys of a chat object, gathered in whatever order they come.
#[derive(Default)]
struct ChatParts {
    name: Option<Value>,
    kind: Option<Value>,
    has_id: bool,
    has_messages: bool,
    messages: Vec<ParsedMessage>,
}

impl ChatParts {
    /// Reads one key of a chat object; false when the key is not a chat's.
    fn read_key<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
        state: &mut State<'_>,
    ) -> Result<bool, A::Error> {
        match key {
            "name" => self.name = Some(map.next_value()?),
            "type" => self.kind = Some(map.next_value()?),
            "id" => {
                map.next_value::<IgnoredAny>()?;
                self.has_id = true;
            }
            "messages" => {
                let seed = MessagesSeed {
                    state,
                    out: &mut self.messages,
                };
                self.has_messages |= map.next_value_seed(seed)?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn into_chat(self) -> ParsedChat {
        let kind = self.kind.as_ref().and_then(Value::as_str).unwrap_or("");
        let title = match self.name.as_ref().and_then(Value::as_str) {
            Some(name) => name.to_string(),
            None if kind == "saved_messages" => "Saved Messages".into(),
            None if matches!(kind, "personal_chat" | "bot_chat") => "Deleted Account".into(),
            None => String::new(),
        };
        ParsedChat {
            format: Format::TelegramJson,
            title,
            participants: participants(&self.messages),
            messages: self.messages,
            date_order: None,
        }
    }
}

/// Visitor methods that accept any value that is not the expected container, and skip it.
macro_rules! skip_other_values {
    ($value:ty) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E: de::Error>(self) -> Result<$value, E> {
            Ok(Default::default())
        }
        fn visit_none<E: de::Error>(self) -> Result<$value, E> {
            Ok(Default::default())
        }
    };
}

/// The whole file: a chat itself (single-chat export) and/or `chats`/`left_chats` sections.
struct RootSeed<'s, 'l>(&'s mut State<'l>);

impl<'de> DeserializeSeed<'de> for RootSeed<'_, '_> {
    type Value = Option<ParsedChat>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RootSeed<'_, '_> {
    type Value = Option<ParsedChat>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Telegram export object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let state = self.0;
        let mut chat = ChatParts::default();
        while let Some(key) = map.next_key::<String>()? {
            if chat.read_key(&key, &mut map, state)? {
                continue;
            }
            if key == "chats" || key == "left_chats" {
                map.next_value_seed(SectionSeed(&mut *state))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        // A single-chat export has its messages at the top, beside its type or id.
        let is_chat = chat.has_messages && (chat.kind.is_some() || chat.has_id);
        Ok(is_chat.then(|| chat.into_chat()))
    }
}

/// `"chats": {"about": …, "list": [chat, …]}`.
struct SectionSeed<'s, 'l>(&'s mut State<'l>);

impl<'de> DeserializeSeed<'de> for SectionSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SectionSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of chats")
    }
    skip_other_values!(());
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "list" {
                map.next_value_seed(ChatListSeed(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `"list": [chat, …]`.
struct ChatListSeed<'s, 'l>(&'s mut State<'l>);

impl<'de> DeserializeSeed<'de> for ChatListSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChatListSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of chats")
    }
    skip_other_values!(());
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(chat) = seq.next_element_seed(ChatSeed(&mut *self.0))? {
            if let Some(chat) = chat {
                self.0.chats.push(chat);
            }
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// One chat of an account export's list.
struct ChatSeed<'s, 'l>(&'s mut State<'l>);

impl<'de> DeserializeSeed<'de> for ChatSeed<'_, '_> {
    type Value = Option<ParsedChat>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChatSeed<'_, '_> {
    type Value = Option<ParsedChat>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a chat")
    }
    skip_other_values!(Option<ParsedChat>);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut chat = ChatParts::default();
        while let Some(key) = map.next_key::<String>()? {
            if !chat.read_key(&key, &mut map, self.0)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Some(chat.into_chat()))
    }
}

/// `"messages": [...]`: each element read on its own and turned into a message at once.
/// Its value says whether it was a list at all.
struct MessagesSeed<'s, 'l, 'o> {
    state: &'s mut State<'l>,
    out: &'o mut Vec<ParsedMessage>,
}

impl<'de> DeserializeSeed<'de> for MessagesSeed<'_, '_, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MessagesSeed<'_, '_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of messages")
    }
    skip_other_values!(bool);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            let line = self.state.next_line();
            match message_from(&value, line) {
                Ok(Some(message)) => self.out.push(message),
                Ok(None) => {}
                Err(failure) => {
                    self.state.failure = Some(failure);
                    return Err(de::Error::custom("stopped at a message"));
                }
            }
        }
        Ok(true)
    }
}

// ---------------------------------------------------------------------------------------------
// One message

/// One element of a `messages` array; `None` for elements that are not objects.
fn message_from(value: &Value, line: u32) -> Result<Option<ParsedMessage>, ChatError> {
    let Some(obj) = value.as_object() else {
        return Ok(None);
    };
    let time = message_time(obj).ok_or_else(|| {
        ChatError::Damaged(format!(
            "Line {line}: a message in the Telegram export has no date Casefile can read. The file may have been edited; export the chat again from Telegram Desktop."
        ))
    })?;
    let is_service = obj.get("type").and_then(Value::as_str) == Some("service");
    let (sender, kind, text) = if is_service {
        let actor = person(obj, "actor", "actor_id");
        let (kind, text) = service_text(obj, actor.as_deref());
        (actor, kind, text)
    } else {
        (
            person(obj, "from", "from_id"),
            MessageKind::Text,
            message_text(obj),
        )
    };
    let reply_to = obj
        .get("reply_to_message_id")
        .and_then(id_text)
        .or_else(|| {
            // A pin points at the pinned message the way a reply does.
            (obj.get("action").and_then(Value::as_str) == Some("pin_message"))
                .then(|| obj.get("message_id").and_then(id_text))
                .flatten()
        });
    Ok(Some(ParsedMessage {
        line,
        time,
        sender,
        text,
        kind,
        edited: ["edited", "edited_unixtime"]
            .iter()
            .any(|k| obj.get(*k).is_some_and(|v| !v.is_null())),
        attachment: attachment(obj),
        external_id: obj.get("id").and_then(id_text),
        reply_to,
        forwarded_from: match obj.get("forwarded_from") {
            Some(Value::String(name)) => Some(name.clone()),
            Some(Value::Null) => Some("Deleted Account".into()),
            _ => None,
        },
        source: None,
    }))
}

/// `date_unixtime` at the offset that `date` (the exporting computer's wall clock) shows, or
/// `date` alone for old exports.
fn message_time(obj: &Map<String, Value>) -> Option<MessageTime> {
    let local = obj
        .get("date")
        .and_then(Value::as_str)
        .and_then(|s| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok());
    let utc = obj
        .get("date_unixtime")
        .and_then(unix_seconds)
        .and_then(|s| DateTime::from_timestamp(s, 0));
    match (utc, local) {
        (Some(utc), Some(local)) => Some(MessageTime::Exact(
            utc.with_timezone(&offset_between(local, utc)),
        )),
        (Some(utc), None) => Some(MessageTime::Exact(utc.fixed_offset())),
        (None, Some(local)) => Some(MessageTime::Local(local)),
        (None, None) => None,
    }
}

/// The zone offset of the exporting computer at that moment: wall clock minus UTC, to the
/// nearest minute; UTC when the difference cannot be a time zone (an edited file).
fn offset_between(local: NaiveDateTime, utc: DateTime<Utc>) -> FixedOffset {
    let seconds = local.signed_duration_since(utc.naive_utc()).num_seconds();
    let minutes = seconds.saturating_add(30).div_euclid(60);
    if minutes.abs() > MAX_OFFSET_MINUTES {
        return Utc.fix();
    }
    i32::try_from(minutes * 60)
        .ok()
        .and_then(FixedOffset::east_opt)
        .unwrap_or(Utc.fix())
}

/// `"1773469862"` (as Telegram writes it) or a bare number.
fn unix_seconds(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

/// An id as text: `101`, `"user123"`.
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The person named by `name_key`; a deleted account (name `null`) is "Deleted Account", with
/// its id when the export gives one, so two deleted accounts stay apart.
fn person(obj: &Map<String, Value>, name_key: &str, id_key: &str) -> Option<String> {
    if let Some(name) = obj.get(name_key).and_then(Value::as_str) {
        if !name.trim().is_empty() {
            return Some(name.to_string());
        }
    }
    let id = obj.get(id_key).and_then(id_text);
    if !obj.contains_key(name_key) && id.is_none() {
        return None;
    }
    Some(match id {
        Some(id) => format!("Deleted Account ({id})"),
        None => "Deleted Account".into(),
    })
}

/// `text` (a string, or an array of strings and entity objects), else `text_entities`, with
/// what a contact, location or poll carries added on lines of its own.
fn message_text(obj: &Map<String, Value>) -> String {
    let mut text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => joined_parts(parts),
        _ => obj
            .get("text_entities")
            .and_then(Value::as_array)
            .map(|parts| joined_parts(parts))
            .unwrap_or_default(),
    };
    for extra in [contact_line(obj), location_line(obj), poll_line(obj)]
        .into_iter()
        .flatten()
    {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&extra);
    }
    text
}

/// The text pieces in order; a `text_link` keeps its address: "this page (https://…)".
fn joined_parts(parts: &[Value]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Value::String(s) => out.push_str(s),
            Value::Object(entity) => {
                let text = entity.get("text").and_then(Value::as_str).unwrap_or("");
                out.push_str(text);
                let href = entity.get("href").and_then(Value::as_str);
                if let Some(href) = href.filter(|h| !h.is_empty() && *h != text) {
                    out.push_str(" (");
                    out.push_str(href);
                    out.push(')');
                }
            }
            _ => {}
        }
    }
    out
}

fn str_of<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// "Contact: Anna Meyer, +44 7700 900123".
fn contact_line(obj: &Map<String, Value>) -> Option<String> {
    let c = obj.get("contact_information")?.as_object()?;
    let name = [str_of(c, "first_name"), str_of(c, "last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let parts: Vec<&str> = [Some(name.as_str()), str_of(c, "phone_number")]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| format!("Contact: {}", parts.join(", ")))
}

/// "Location: 52.52, 13.405" (with the place's name and address when shared as a venue).
fn location_line(obj: &Map<String, Value>) -> Option<String> {
    let l = obj.get("location_information")?.as_object()?;
    let number = |k: &str| l.get(k).filter(|v| v.is_number()).map(Value::to_string);
    let mut parts: Vec<String> = [str_of(obj, "place_name"), str_of(obj, "address")]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect();
    if let (Some(lat), Some(lon)) = (number("latitude"), number("longitude")) {
        parts.push(format!("{lat}, {lon}"));
    }
    (!parts.is_empty()).then(|| format!("Location: {}", parts.join(", ")))
}

/// "Poll: Which coin next?".
fn poll_line(obj: &Map<String, Value>) -> Option<String> {
    let question = str_of(obj.get("poll")?.as_object()?, "question")?;
    Some(format!("Poll: {question}"))
}

/// What a message refers to: its photo, else its file, else its thumbnail. Telegram writes a
/// placeholder in parentheses when the file was left out of the export.
fn attachment(obj: &Map<String, Value>) -> Option<Attachment> {
    let value = ["photo", "file", "thumbnail"]
        .iter()
        .find_map(|k| str_of(obj, k))?;
    Some(if is_left_out(value) {
        Attachment::NotIncluded {
            what: value.to_string(),
        }
    } else {
        Attachment::File {
            name: value.to_string(),
        }
    })
}

/// "(File not included. Change data exporting settings to download.)", "(File exceeds maximum
/// size. …)", "(File unavailable, please try again later)".
fn is_left_out(value: &str) -> bool {
    value.starts_with("(File") || value.starts_with("(Photo")
}

/// The words for a service message (`"type": "service"`) and whether it was a call.
fn service_text(obj: &Map<String, Value>, actor: Option<&str>) -> (MessageKind, String) {
    let who = actor.unwrap_or("Someone");
    let action = str_of(obj, "action").unwrap_or("");
    let seconds = ["duration_seconds", "duration"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_u64))
        .filter(|s| *s > 0);
    let title = str_of(obj, "title");
    let names = |key: &str| -> String {
        let list = obj.get(key).and_then(Value::as_array);
        let names: Vec<&str> = list
            .into_iter()
            .flatten()
            .map(|v| v.as_str().unwrap_or("Deleted Account"))
            .collect();
        if names.is_empty() {
            "someone".into()
        } else {
            names.join(", ")
        }
    };
    let quoted = |t: Option<&str>| t.map(|t| format!(" «{t}»")).unwrap_or_default();
    let text = match action {
        "phone_call" => return (MessageKind::Call, call_text(obj, seconds)),
        "group_call" => {
            let length = seconds
                .map(|s| format!(", {}", duration_words(s)))
                .unwrap_or_default();
            return (
                MessageKind::Call,
                format!("{who} started a voice chat{length}"),
            );
        }
        "pin_message" => format!("{who} pinned a message"),
        "create_group" => format!("{who} created the group{}", quoted(title)),
        "create_channel" => format!("{who} created the channel{}", quoted(title)),
        "edit_group_title" => format!("{who} renamed the group to{}", quoted(title)),
        "edit_group_photo" => format!("{who} changed the group photo"),
        "delete_group_photo" => format!("{who} removed the group photo"),
        "invite_members" => format!("{who} added {}", names("members")),
        "remove_members" => format!("{who} removed {}", names("members")),
        "join_group_by_link" => match str_of(obj, "inviter") {
            Some(inviter) => format!("{who} joined the group by a link from {inviter}"),
            None => format!("{who} joined the group by a link"),
        },
        "join_group_by_request" => format!("{who} joined the group by request"),
        "migrate_to_supergroup" | "migrate_from_group" => {
            format!("{who} turned the group into a supergroup")
        }
        "clear_history" => "History cleared".into(),
        "take_screenshot" => format!("{who} took a screenshot"),
        "joined_telegram" => format!("{who} joined Telegram"),
        "contact_sign_up" => format!("{who} joined Telegram"),
        "set_messages_ttl" => format!("{who} changed when messages auto-delete"),
        "send_payment" => {
            let amount = obj.get("amount").filter(|v| v.is_number());
            match (amount, str_of(obj, "currency")) {
                (Some(amount), Some(currency)) => {
                    format!("{who} sent a payment: {amount} in the smallest unit of {currency}")
                }
                _ => format!("{who} sent a payment"),
            }
        }
        "custom_action" => str_of(obj, "message").unwrap_or("").to_string(),
        "" => String::new(),
        other => format!("{who}: {}", other.replace('_', " ")),
    };
    // Telegram sometimes writes the line itself in `text`; it says more than a generic label.
    let written = message_text(obj);
    let text = if written.is_empty() {
        text
    } else if text.is_empty() || !KNOWN_ACTIONS.contains(&action) {
        written
    } else {
        text
    };
    (MessageKind::System, text)
}

/// The actions [`service_text`] words itself.
const KNOWN_ACTIONS: &[&str] = &[
    "pin_message",
    "create_group",
    "create_channel",
    "edit_group_title",
    "edit_group_photo",
    "delete_group_photo",
    "invite_members",
    "remove_members",
    "join_group_by_link",
    "join_group_by_request",
    "migrate_to_supergroup",
    "migrate_from_group",
    "clear_history",
    "take_screenshot",
    "joined_telegram",
    "contact_sign_up",
    "set_messages_ttl",
    "send_payment",
];

/// "Voice call, 4 min 12 s", "Missed call", "Declined call", "Cancelled call".
fn call_text(obj: &Map<String, Value>, seconds: Option<u64>) -> String {
    let video = obj.get("is_video").and_then(Value::as_bool) == Some(true);
    let call = if video { "Video call" } else { "Voice call" };
    match (str_of(obj, "discard_reason"), seconds) {
        (_, Some(s)) => format!("{call}, {}", duration_words(s)),
        (Some("missed"), None) => format!("Missed {}", call.to_lowercase()),
        (Some("busy"), None) => format!("Declined {}", call.to_lowercase()),
        (Some("hangup"), None) => format!("Cancelled {}", call.to_lowercase()),
        (Some("disconnect"), None) => format!("{call}, disconnected"),
        _ => call.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Line numbers

/// Where the messages start, found by one pass over the bytes.
struct Layout {
    /// Line of the first byte of each element of every `messages` array, in file order.
    message_lines: Vec<u32>,
    /// Nested deeper than [`MAX_DEPTH`] (the scan stopped there).
    too_deep: bool,
}

/// What a container is, by where it sits; mirrors the streaming reader above.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The top-level object (a single chat, or an account export).
    Root,
    /// `chats` / `left_chats` of the top-level object.
    Section,
    /// `list` of a section.
    ChatList,
    /// An object in a chat list.
    Chat,
    /// `messages` of the root or of a chat.
    MessageList,
    Other,
}

/// The last key seen in an object, as far as the roles care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Messages,
    Chats,
    List,
    Other,
}

struct Frame {
    role: Role,
    is_object: bool,
    key: Key,
    /// Object: the next string is a key. Array: the next token starts an element.
    expecting: bool,
}

/// One linear pass over the bytes, tracking strings (with escapes) and nesting on a heap stack
/// (no recursion), noting the line where each `messages` element starts. Never fails: on bytes
/// that are not JSON it notes whatever it notes, and serde_json reports the damage.
fn scan_layout(bytes: &[u8]) -> Layout {
    let mut layout = Layout {
        message_lines: Vec::new(),
        too_deep: false,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut line: u32 = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line = line.saturating_add(1),
            b' ' | b'\t' | b'\r' | b':' => {}
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    frame.expecting = true;
                }
            }
            b'"' => {
                element_starts(&mut stack, &mut layout, line);
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                while j < bytes.len() {
                    let c = bytes[j];
                    if c == b'\n' {
                        line = line.saturating_add(1);
                    }
                    if escaped {
                        escaped = false;
                    } else if c == b'\\' {
                        escaped = true;
                    } else if c == b'"' {
                        break;
                    }
                    j += 1;
                }
                if let Some(frame) = stack.last_mut() {
                    if frame.is_object && frame.expecting {
                        frame.key = key_of(&bytes[start..j.min(bytes.len())]);
                        frame.expecting = false;
                    }
                }
                i = j;
            }
            open @ (b'{' | b'[') => {
                element_starts(&mut stack, &mut layout, line);
                let is_object = open == b'{';
                let role = child_role(stack.last(), is_object);
                if stack.len() >= MAX_DEPTH {
                    layout.too_deep = true;
                    return layout;
                }
                stack.push(Frame {
                    role,
                    is_object,
                    key: Key::Other,
                    expecting: true,
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            _ => element_starts(&mut stack, &mut layout, line),
        }
        i += 1;
    }
    layout
}

/// A token begins: if it begins an element of a `messages` array, note its line.
fn element_starts(stack: &mut [Frame], layout: &mut Layout, line: u32) {
    if let Some(frame) = stack.last_mut() {
        if !frame.is_object && frame.expecting {
            frame.expecting = false;
            if frame.role == Role::MessageList {
                layout.message_lines.push(line);
            }
        }
    }
}

fn child_role(parent: Option<&Frame>, is_object: bool) -> Role {
    let Some(parent) = parent else {
        return if is_object { Role::Root } else { Role::Other };
    };
    match (parent.role, parent.key, is_object) {
        (Role::Root | Role::Chat, Key::Messages, false) if parent.is_object => Role::MessageList,
        (Role::Root, Key::Chats, true) => Role::Section,
        (Role::Section, Key::List, false) => Role::ChatList,
        (Role::ChatList, _, true) if !parent.is_object => Role::Chat,
        _ => Role::Other,
    }
}

/// The key's meaning; a key written with escapes (`"mess\u0061ges"`) is decoded first, as
/// serde_json would read it.
fn key_of(raw: &[u8]) -> Key {
    let decoded;
    let key: &[u8] = if raw.contains(&b'\\') && raw.len() <= 64 {
        let mut quoted = Vec::with_capacity(raw.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(raw);
        quoted.push(b'"');
        decoded = serde_json::from_slice::<String>(&quoted).unwrap_or_default();
        decoded.as_bytes()
    } else {
        raw
    };
    match key {
        b"messages" => Key::Messages,
        b"chats" | b"left_chats" => Key::Chats,
        b"list" => Key::List,
        _ => Key::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    const SINGLE: &[u8] = include_bytes!("../../../tests/fixtures/chat/telegram/single_chat.json");
    const ACCOUNT: &[u8] =
        include_bytes!("../../../tests/fixtures/chat/telegram/account_export.json");
    const LOCAL_ONLY: &[u8] =
        include_bytes!("../../../tests/fixtures/chat/telegram/local_only_dates.json");
    const NOT_TELEGRAM: &[u8] =
        include_bytes!("../../../tests/fixtures/chat/telegram/not_telegram.json");
    const TRUNCATED: &[u8] = include_bytes!("../../../tests/fixtures/chat/telegram/truncated.json");

    fn at(offset_hours: i32, y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> MessageTime {
        let offset = FixedOffset::east_opt(offset_hours * 3600).unwrap();
        MessageTime::Exact(offset.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap())
    }

    fn file(name: &str) -> Option<Attachment> {
        Some(Attachment::File { name: name.into() })
    }

    fn single() -> ParsedChat {
        let mut chats = parse_json(SINGLE).unwrap();
        assert_eq!(chats.len(), 1);
        chats.remove(0)
    }

    #[test]
    fn single_chat_export_reads_title_times_senders_and_lines() {
        let chat = single();
        assert_eq!(chat.format, Format::TelegramJson);
        assert_eq!(chat.title, "Anna Meyer");
        assert_eq!(chat.messages.len(), 12);
        let lines: Vec<u32> = chat.messages.iter().map(|m| m.line).collect();
        assert_eq!(
            lines,
            [6, 21, 49, 76, 92, 105, 117, 136, 154, 169, 181, 209]
        );
        // Lines are lines of result.json itself.
        assert!(chat.messages.iter().all(|m| m.source.is_none()));
        let first = &chat.messages[0];
        assert_eq!(first.time, at(3, 2026, 3, 14, 9, 31, 2));
        assert_eq!(first.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(
            first.text,
            "Hello! I saw your profile in the investment group."
        );
        assert_eq!(first.kind, MessageKind::Text);
        assert_eq!(first.external_id.as_deref(), Some("101"));
        assert!(!first.edited);
        assert_eq!(
            chat.participants,
            [
                "Anna Meyer",
                "Tom Becker",
                "Deleted Account (user6000000001)"
            ]
        );
    }

    #[test]
    fn text_arrays_are_joined_with_link_addresses_and_odd_pieces_skipped() {
        let chat = single();
        let reply = &chat.messages[1];
        assert_eq!(
            reply.text,
            "Hi Anna, which platform is it? https://cryptomax-trade.io"
        );
        assert_eq!(reply.reply_to.as_deref(), Some("101"));
        assert!(reply.edited);
        assert_eq!(reply.time, at(3, 2026, 3, 14, 9, 33, 40));
        assert_eq!(
            chat.messages[2].text,
            "Deposit today on this page (https://cryptomax-trade.io/deposit), ask Support"
        );
        // Numbers, nulls and a nested object where text should be: skipped, no panic.
        assert_eq!(chat.messages[10].text, "odd pieces");
        assert_eq!(
            chat.messages[10].attachment,
            file("files/Contract_final.pdf")
        );
        // No `text` at all: the entities are used.
        assert_eq!(chat.messages[11].text, "Only entities");
    }

    #[test]
    fn forwarded_deleted_and_media_are_kept() {
        let chat = single();
        let forwarded = &chat.messages[3];
        assert_eq!(
            forwarded.forwarded_from.as_deref(),
            Some("CryptoMax Support")
        );
        assert_eq!(forwarded.sender.as_deref(), Some("Anna Meyer"));
        let photo = &chat.messages[6];
        assert_eq!(
            photo.attachment,
            file("photos/photo_1@14-03-2026_10-02-11.jpg")
        );
        assert_eq!(photo.text, "Proof of my profits");
        let left_out = &chat.messages[7];
        assert_eq!(
            left_out.attachment,
            Some(Attachment::NotIncluded {
                what: "(File not included. Change data exporting settings to download.)".into()
            })
        );
        assert_eq!(left_out.text, "");
        let deleted = &chat.messages[8];
        assert_eq!(
            deleted.sender.as_deref(),
            Some("Deleted Account (user6000000001)")
        );
        assert_eq!(deleted.time, at(3, 2026, 3, 14, 11, 10, 0));
    }

    #[test]
    fn service_messages_become_calls_and_system_lines_in_file_order() {
        let chat = single();
        let call = &chat.messages[4];
        assert_eq!(call.kind, MessageKind::Call);
        assert_eq!(call.text, "Voice call, 4 min 12 s");
        assert_eq!(call.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(call.time, at(3, 2026, 3, 14, 10, 0, 0));
        let missed = &chat.messages[5];
        assert_eq!(missed.kind, MessageKind::Call);
        assert_eq!(missed.text, "Missed voice call");
        assert_eq!(missed.sender.as_deref(), Some("Tom Becker"));
        // Out of order in the file (10:30 before 10:02): kept as written.
        assert_eq!(missed.time, at(3, 2026, 3, 14, 10, 30, 0));
        let pin = &chat.messages[9];
        assert_eq!(pin.kind, MessageKind::System);
        assert_eq!(pin.text, "Anna Meyer pinned a message");
        assert_eq!(pin.reply_to.as_deref(), Some("103"));
        assert_eq!(pin.external_id.as_deref(), Some("110"));
    }

    #[test]
    fn account_export_lists_every_chat_with_its_own_offsets() {
        let chats = parse_json(ACCOUNT).unwrap();
        let titles: Vec<&str> = chats.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Anna Meyer", "Deleted Account", "CryptoMax VIP Signals"]
        );
        let anna = &chats[0];
        // Berlin: winter time the evening before the change, summer time the day after.
        assert_eq!(anna.messages[0].time, at(1, 2026, 3, 28, 20, 0, 0));
        assert_eq!(anna.messages[1].time, at(2, 2026, 3, 29, 12, 0, 0));
        assert_eq!(anna.messages[0].line, 31);
        assert_eq!(anna.messages[1].line, 46);
        assert_eq!(
            anna.messages[1].attachment,
            file("chats/chat_01/photos/photo_3@29-03-2026_12-00-00.jpg")
        );
        let deleted = &chats[1];
        assert_eq!(deleted.messages[0].line, 70);
        assert_eq!(deleted.messages[0].external_id.as_deref(), Some("12"));
        assert_eq!(
            deleted.messages[0].sender.as_deref(),
            Some("Deleted Account (user6000000001)")
        );
        let left = &chats[2];
        assert_eq!(left.messages[0].line, 97);
        assert_eq!(left.messages[0].kind, MessageKind::System);
        assert_eq!(
            left.messages[0].text,
            "Tom Becker joined the group by a link from Anna Meyer"
        );
        assert!(left.participants.is_empty());
    }

    #[test]
    fn old_exports_without_unix_times_give_local_times() {
        let chat = parse_json(LOCAL_ONLY).unwrap().remove(0);
        let day = NaiveDate::from_ymd_opt(2021, 6, 4).unwrap();
        assert_eq!(
            chat.messages[0].time,
            MessageTime::Local(day.and_hms_opt(0, 1, 59).unwrap())
        );
        assert!(chat.messages[0].edited);
        assert_eq!(chat.messages[1].kind, MessageKind::Call);
        assert_eq!(chat.messages[1].text, "Voice call, 1 h 2 min 5 s");
        assert_eq!(chat.messages[1].sender.as_deref(), Some("Tom Becker"));
        assert_eq!(
            chat.messages[1].time,
            MessageTime::Local(day.and_hms_opt(0, 10, 0).unwrap())
        );
        assert_eq!(chat.messages[1].line, 15);
    }

    #[test]
    fn other_json_is_not_a_chat() {
        assert!(matches!(
            parse_json(NOT_TELEGRAM),
            Err(ChatError::NotAChat { .. })
        ));
        for other in [&b"[1, 2, 3]"[..], b"\"text\"", b"{}", b"{\"messages\": []}"] {
            assert!(
                matches!(parse_json(other), Err(ChatError::NotAChat { .. })),
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn a_cut_off_export_is_damaged_near_its_last_line() {
        let Err(ChatError::Damaged(message)) = parse_json(TRUNCATED) else {
            panic!("a truncated export was accepted");
        };
        assert!(
            message.starts_with("The Telegram export is incomplete or damaged near line 128"),
            "{message}"
        );
    }

    #[test]
    fn a_message_without_any_date_is_named_by_its_line() {
        let json = b"{\"type\": \"personal_chat\", \"messages\": [\n{\"id\": 1, \"date\": \"yesterday\", \"text\": \"hi\"}]}";
        let Err(ChatError::Damaged(message)) = parse_json(json) else {
            panic!("a message without a date was accepted");
        };
        assert!(message.starts_with("Line 2: "), "{message}");
    }

    #[test]
    fn offsets_are_rounded_to_the_minute_and_absurd_ones_become_utc() {
        let utc = DateTime::from_timestamp(1_773_469_862, 0).unwrap();
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap();
        // Clock read a few seconds off: still +03:00.
        let off = offset_between(local("2026-03-14T09:31:31"), utc);
        assert_eq!(off.local_minus_utc(), 3 * 3600);
        let off = offset_between(local("2026-03-14T01:01:02"), utc);
        assert_eq!(off.local_minus_utc(), -(5 * 3600 + 30 * 60));
        // Nepal, +05:45.
        let off = offset_between(local("2026-03-14T12:16:02"), utc);
        assert_eq!(off.local_minus_utc(), 5 * 3600 + 45 * 60);
        // A day apart is no time zone.
        let off = offset_between(local("2026-03-15T09:31:02"), utc);
        assert_eq!(off.local_minus_utc(), 0);
    }

    #[test]
    fn paths_and_odd_values_are_passed_on_as_written() {
        let json = br#"{"type":"personal_chat","messages":[
{"id":1,"date_unixtime":"1773469862","from":"A","file":"../../outside.txt","text":7},
{"id":"x","date_unixtime":1773469862,"from":"A","photo":"/etc/passwd","text":null,"forwarded_from":null},
42,
{"id":3,"date_unixtime":"99999999999999999999","date":"2026-03-14T09:31:02","from":"A","text":"far"}
]}"#;
        let chat = parse_json(json).unwrap().remove(0);
        assert_eq!(chat.messages.len(), 3);
        assert_eq!(chat.messages[0].attachment, file("../../outside.txt"));
        assert_eq!(chat.messages[0].text, "");
        assert_eq!(chat.messages[0].line, 2);
        assert_eq!(chat.messages[1].attachment, file("/etc/passwd"));
        assert_eq!(chat.messages[1].external_id.as_deref(), Some("x"));
        assert_eq!(
            chat.messages[1].forwarded_from.as_deref(),
            Some("Deleted Account")
        );
        assert_eq!(chat.messages[1].time, at(0, 2026, 3, 14, 6, 31, 2));
        // The number 42 is skipped but still counted, so the next line stays right.
        assert_eq!(chat.messages[2].line, 5);
        let day = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
        assert_eq!(
            chat.messages[2].time,
            MessageTime::Local(day.and_hms_opt(9, 31, 2).unwrap())
        );
    }

    #[test]
    fn escaped_keys_and_a_byte_order_mark_do_not_shift_lines() {
        let json = "\u{feff}{\"type\":\"personal_chat\",\"mess\\u0061ges\":[\n{\"note\":\"[{\\\"\",\"id\":1,\"date_unixtime\":\"1773469862\",\"from\":\"A\",\"text\":\"a\"},\n\n{\"id\":2,\"date_unixtime\":\"1773469862\",\"from\":\"A\",\"text\":\"b\"}]}";
        let chat = parse_json(json.as_bytes()).unwrap().remove(0);
        let lines: Vec<u32> = chat.messages.iter().map(|m| m.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn contacts_locations_and_polls_are_written_out() {
        let json = br#"{"type":"personal_chat","messages":[
{"id":1,"date_unixtime":"1773469862","from":"A","text":"",
 "contact_information":{"first_name":"Support","last_name":"Desk","phone_number":"+44 7700 900123"}},
{"id":2,"date_unixtime":"1773469862","from":"A","text":"here",
 "location_information":{"latitude":52.52,"longitude":13.405}},
{"id":3,"date_unixtime":"1773469862","from":"A","text":"","poll":{"question":"Which coin?"}}
]}"#;
        let chat = parse_json(json).unwrap().remove(0);
        assert_eq!(
            chat.messages[0].text,
            "Contact: Support Desk, +44 7700 900123"
        );
        assert_eq!(chat.messages[1].text, "here\nLocation: 52.52, 13.405");
        assert_eq!(chat.messages[2].text, "Poll: Which coin?");
    }

    #[test]
    fn deep_nesting_and_huge_files_are_refused_in_plain_words() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let Err(ChatError::Refused(message)) = parse_json(deep.as_bytes()) else {
            panic!("deep nesting was accepted");
        };
        assert!(message.contains("nested far deeper"), "{message}");
        let ChatError::Refused(message) = too_large(MAX_EXPORT_BYTES + 1) else {
            panic!("a huge export is not refused by the limit");
        };
        assert!(message.contains("up to 512 MB"), "{message}");
    }

    #[test]
    fn every_cut_of_the_export_reads_without_panicking() {
        let complete = SINGLE.trim_ascii_end().len();
        for end in 0..complete {
            let cut = &SINGLE[..end];
            match parse_json(cut) {
                Ok(chats) => panic!("a cut export was accepted: {} chats", chats.len()),
                Err(ChatError::Damaged(m)) => assert!(m.contains("near line"), "{m}"),
                Err(ChatError::NotAChat { .. }) => assert!(end < 3, "at {end}"),
                Err(other) => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn cheap_check_recognises_exports() {
        assert!(looks_like_json(SINGLE));
        assert!(looks_like_json(ACCOUNT));
        assert!(!looks_like_json(b"[1,2]"));
        assert!(!looks_like_json(b"{\"name\": \"x\"}"));
        assert!(!looks_like_json(b""));
    }
}
