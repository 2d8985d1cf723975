//! The chats imported from WhatsApp, Telegram and LINE exports: what each export file is (with
//! its SHA-256 and the evidence item holding it), how its clock times were read, and the
//! messages the person marked as key messages, each with its source line.
//!
//! It follows the transfers: the reader has just seen what was paid, and here reads the
//! scammers' own words that asked for it, before the list of scammers and their identifiers.

use chrono::{NaiveDateTime, TimeZone as _};

use crate::time::Moment;

use super::*;

/// One chat as the dossier prints it.
pub struct ChatRecord {
    pub chat: Chat,
    /// The key messages, in chat order.
    pub key_messages: Vec<ChatMessage>,
}

/// Every chat of the case with its key messages.
pub(super) fn gather(store: &Store, case_id: i32) -> Result<Vec<ChatRecord>> {
    store
        .list_chats(case_id)?
        .into_iter()
        .map(|chat| {
            let mut key_messages = Vec::new();
            let mut query = ChatQuery {
                key_only: true,
                limit: crate::store::MAX_CHAT_PAGE,
                ..Default::default()
            };
            loop {
                let page = store.chat_messages(chat.id, &query)?;
                let n = page.messages.len() as u32;
                key_messages.extend(page.messages);
                query.offset += n;
                if n == 0 || query.offset >= page.total {
                    break;
                }
            }
            Ok(ChatRecord { chat, key_messages })
        })
        .collect()
}

pub(super) fn chats(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[5]);
    flow.paragraph(
        "Each chat was imported from the export file the messaging app made. The export file is kept unchanged as an evidence item; its SHA-256 fingerprint is given, so a copy can be checked against it. Every message keeps the file and line it was read from. The key messages below were marked by the person who prepared this dossier; the whole chat is in the case file.",
        SMALL.color(Color::Grey),
    );
    for (n, record) in data.chats.iter().enumerate() {
        if n > 0 {
            flow.space(8.0);
        }
        chat(flow, data, record);
    }
}

fn chat(flow: &mut Flow<'_>, data: &Data, record: &ChatRecord) {
    let c = &record.chat;
    let title = if c.title.trim().is_empty() {
        format!("C-{} · {} chat", c.id, c.format.label())
    } else {
        format!("C-{} · {} ({})", c.id, c.title.trim(), c.format.label())
    };
    flow.heading(&title);
    let moment = |m: &Option<Moment>| {
        m.as_ref()
            .map(|m| recorded(data, m))
            .unwrap_or_else(|| "—".into())
    };
    let mut rows = vec![
        kv("Format", c.format.label()),
        kv("Chat", or_none(&c.title)),
        kv(
            "Participants",
            if c.participants.is_empty() {
                "—".to_string()
            } else {
                c.participants.join(", ")
            },
        ),
        kv("First message", moment(&c.first_at)),
        kv("Last message", moment(&c.last_at)),
        kv(
            "Messages",
            format!(
                "{} ({} marked as key messages)",
                c.message_count, c.key_count
            ),
        ),
        kv(
            "Dates read as",
            c.date_order.map_or_else(
                || "written unambiguously in the export".to_string(),
                |o| o.label().to_string(),
            ),
        ),
    ];
    for i in c.imports.iter().filter(|i| !i.undone) {
        rows.push(kv(
            "Export file",
            format!(
                "{} — {} bytes — kept as V-{}; chat text read from {}; imported {}: {}, {}",
                i.export_name,
                i.export_size,
                i.evidence_id,
                i.chat_file,
                i.imported_at.replace('T', " "),
                counted(i.messages_added, "new message"),
                counted(i.attachments_added, "attachment")
            ),
        ));
        rows.push(kv_mono("SHA-256", i.export_sha256.clone()));
    }
    flow.key_values(&rows);
    flow.paragraph(&zone_assumption(c), BODY.color(Color::Blue));
    if record.key_messages.is_empty() {
        flow.paragraph(
            "No messages were marked as key messages.",
            BODY.color(Color::Grey),
        );
        return;
    }
    let cols = [
        Column::new("#", 0.9, SMALL),
        Column::new("Time (as recorded)", 2.4, SMALL),
        Column::new("Sender", 1.8, SMALL),
        Column::new("Text", 6.9, SMALL),
    ];
    let rows: Vec<Row> = record
        .key_messages
        .iter()
        .map(|m| key_message_row(data, c, m))
        .collect();
    flow.table(&cols, &rows);
}

fn counted(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The zone the clock times were read in, said plainly as an assumption of the case.
fn zone_assumption(c: &Chat) -> String {
    match c.device_zone.as_deref() {
        Some(zone) => format!(
            "Case assumption: Times in this chat are the phone's clock, read as {zone} (as the victim said at import). The export writes clock times without a zone; if the phone was set to another zone, every time of this chat moves by the difference."
        ),
        None => "Times in this chat are exact: the export records each one with its offset from UTC, so no assumption about the phone's zone was needed.".to_string(),
    }
}

fn key_message_row(data: &Data, c: &Chat, m: &ChatMessage) -> Row {
    let mut text = match m.kind {
        MessageKind::Text => String::new(),
        other => format!("[{}] ", other.label()),
    };
    text.push_str(m.text.trim_end());
    if m.edited {
        text.push_str(" (edited)");
    }
    // Sentences go in full-width lines under the row, where they are read whole.
    let mut details: Vec<(Style, Cell)> = Vec::new();
    let mut source = format!("Source: {} line {}", m.source_file, m.source_line);
    let when = match &m.sent {
        Some(sent) => {
            if let Some(local) = in_case_zone(data, sent) {
                source.push_str(&format!(" · in {}: {local}", data.zone()));
            }
            sent.recorded.replace('T', " ")
        }
        None => {
            details.push((
                SMALL.color(Color::Red),
                format!("Time: {}", clock_time_only(c, &m.local_time)).into(),
            ));
            format!("{} (clock time)", minutes(&m.local_time))
        }
    };
    if let Some(from) = m.forwarded_from.as_deref().filter(|s| !s.is_empty()) {
        source.push_str(&format!(" · forwarded from {from}"));
    }
    if let Some(reply) = m.reply_to.as_deref().filter(|s| !s.is_empty()) {
        source.push_str(&format!(" · in reply to {reply}"));
    }
    details.insert(0, (SMALL.color(Color::Grey), source.into()));
    let attachment = match (m.evidence_id, &m.attachment_name, &m.attachment_missing) {
        (Some(v), name, _) => Some(format!(
            "Attachment: V-{v}{}",
            name.as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        )),
        (None, Some(name), missing) => Some(format!(
            "Attachment: {name} — {}",
            missing.as_deref().unwrap_or("not in the export")
        )),
        (None, None, Some(missing)) => Some(format!(
            "Attachment: left out of the export by the app (\"{missing}\")"
        )),
        (None, None, None) => None,
    };
    if let Some(a) = attachment {
        details.push((SMALL, a.into()));
    }
    Row {
        cells: vec![
            format!("M-{}", m.id).into(),
            when.into(),
            m.sender.as_deref().unwrap_or("—").into(),
            text.into(),
        ],
        details,
        highlight: false,
    }
}

/// The same moment in the case's zone, when the case's zone has another offset then.
fn in_case_zone(data: &Data, m: &Moment) -> Option<String> {
    let (local, offset, _) = in_zone(&m.utc, data.zone());
    (offset != m.offset_minutes).then(|| format!("{local} (UTC{})", offset_label(offset)))
}

/// The time as recorded (with its offset) and, when the case's zone has another offset, the
/// same moment in the case's zone.
fn recorded(data: &Data, m: &Moment) -> String {
    let as_recorded = m.recorded.replace('T', " ");
    match in_case_zone(data, m) {
        Some(local) => format!("{as_recorded} — {local} in {}", data.zone()),
        None => as_recorded,
    }
}

/// `2026-03-29 02:30:00` → `2026-03-29 02:30`; seconds stay when there are any.
fn minutes(local_time: &str) -> &str {
    local_time
        .strip_suffix(":00")
        .filter(|_| local_time.len() == 19)
        .unwrap_or(local_time)
}

/// A clock time that is no real moment in the device's zone: said so, never guessed.
fn clock_time_only(c: &Chat, local_time: &str) -> String {
    let shown = minutes(local_time);
    let Some(zone_name) = c.device_zone.as_deref() else {
        return format!("clock time {shown}, zone not known");
    };
    let reading = NaiveDateTime::parse_from_str(local_time, "%Y-%m-%d %H:%M:%S")
        .ok()
        .zip(zone_name.parse::<chrono_tz::Tz>().ok())
        .map(|(t, tz)| tz.from_local_datetime(&t));
    match reading {
        Some(chrono::LocalResult::None) => {
            format!("clock time {shown}, not a real time in {zone_name} (the clocks went forward at that hour, so it names no moment)")
        }
        Some(chrono::LocalResult::Ambiguous(..)) => format!(
            "clock time {shown}, which happens twice in {zone_name} (the clocks went back): the exact time is not known"
        ),
        _ => format!("clock time {shown}, its exact time could not be worked out in {zone_name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(zone: Option<&str>) -> Chat {
        Chat {
            id: 1,
            case_id: 1,
            format: ChatFormat::Whatsapp,
            title: "Anna".into(),
            participants: vec![],
            device_zone: zone.map(str::to_string),
            date_order: None,
            message_count: 0,
            key_count: 0,
            first_at: None,
            last_at: None,
            imports: vec![],
        }
    }

    #[test]
    fn a_clock_time_in_a_gap_or_twice_is_said_so() {
        let berlin = chat(Some("Europe/Berlin"));
        assert_eq!(
            clock_time_only(&berlin, "2026-03-29 02:30:00"),
            "clock time 2026-03-29 02:30, not a real time in Europe/Berlin (the clocks went forward at that hour, so it names no moment)"
        );
        assert!(clock_time_only(&berlin, "2026-10-25 02:30:15")
            .starts_with("clock time 2026-10-25 02:30:15, which happens twice in Europe/Berlin"));
        assert_eq!(
            clock_time_only(&chat(None), "2026-03-29 02:30:00"),
            "clock time 2026-03-29 02:30, zone not known"
        );
    }

    #[test]
    fn the_zone_is_printed_as_an_assumption_only_when_one_was_made() {
        assert!(zone_assumption(&chat(Some("Asia/Bangkok")))
            .contains("Times in this chat are the phone's clock, read as Asia/Bangkok"));
        assert!(zone_assumption(&chat(None)).starts_with("Times in this chat are exact"));
    }
}
