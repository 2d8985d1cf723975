//! WhatsApp's `.txt` chat export (`_chat.txt`, `WhatsApp Chat with Anna.txt`) read into
//! messages.
//!
//! Two families of line, each in the phone's locale:
//! - Android: `14/03/2026, 09:31 - Anna: text`, `3/14/26, 9:31 PM - …`, `14.3.2026 klo 9.31 - …`,
//!   `2026/03/14 午後9:05 - …`; system lines have no `Name: ` (`… - Anna added Ben`).
//! - iOS: `[14/03/2026, 09:31:02] Anna: text`, `[3/14/26, 9:31:02\u{202f}PM] …`; system lines are
//!   often written with the chat's name as sender and a U+200E mark before the text.
//!
//! Senders: the name before the first `: ` after the header, as written minus bidi marks (a phone
//! number like `+44 7700 900123` is a sender). A line with no `: ` is a system line without
//! sender. iOS system lines keep the name they are written with (often the chat's own name) but
//! are [`MessageKind::System`], and only people who wrote non-system lines are participants.
//!
//! A message starts at a *header* (date, time, then ` - ` or `] `); every other line continues
//! the message before it. Lines that look like a header but are punctuated differently from the
//! file's usual header (a pasted iOS line in an Android export) are continuation lines too: the
//! most common header shape of the file is the only one that starts messages. The date order is
//! decided over the whole file (see [`super::dates`]), or taken from [`ParseOptions`].
//!
//! Attachments: iOS `<attached: 00000012-PHOTO-2026-03-14-09-31-02.jpg>`, Android
//! `IMG-20260314-WA0001.jpg (file attached)` and translations; media left out of the export
//! (`<Media omitted>`, `image omitted`) become [`Attachment::NotIncluded`].

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDateTime, NaiveTime};

use super::dates::{
    date_in_order, example_indices, infer_order, read_numeric_date, readings, DateStyle, Meridiem,
    NumericDate, OrderInference,
};
use super::{
    Attachment, ChatError, DateOrder, Format, MessageKind, MessageTime, OrderExample, ParseOptions,
    ParsedChat, ParsedMessage,
};

/// Non-empty lines [`looks_like`] reads at most.
const LOOKS_LIKE_LINES: usize = 20;
/// Longest sender name taken, in bytes; a longer "name" before `: ` is a system line's text.
const MAX_SENDER_BYTES: usize = 200;
/// Longest attachment file name taken, in bytes.
const MAX_FILE_NAME_BYTES: usize = 300;
/// Longest line quoted back in an error or an order example, in characters.
const MAX_QUOTED_CHARS: usize = 160;

/// Whether `text` looks like a WhatsApp export: one of its first 20 non-empty lines is a message
/// header (a date, a time, then ` - ` or `] `) whose date is a real date in some order.
pub fn looks_like(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(LOOKS_LIKE_LINES)
        .filter_map(read_header)
        .any(|h| {
            [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd]
                .iter()
                .any(|o| date_in_order(&h.date, *o).is_some())
        })
}

/// Reads a WhatsApp `.txt` export. `file_name` gives the title ("WhatsApp Chat with Anna.txt" →
/// "Anna"; empty when the name does not say). Every message has a [`MessageTime::Local`].
///
/// Errors: [`ChatError::NotAChat`] when no line is a WhatsApp header;
/// [`ChatError::AmbiguousDateOrder`] when every date reads both day and month first (unless
/// `options.date_order` is given); [`ChatError::DateOrderDoesNotFit`] naming the first line whose
/// date is no date in the order used; [`ChatError::Damaged`] when text comes before the first
/// message.
pub fn parse(text: &str, file_name: &str, options: &ParseOptions) -> Result<ParsedChat, ChatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut headers: Vec<(usize, Header)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| read_header(l).map(|h| (i, h)))
        .collect();
    let Some(shape) = usual_shape(&headers) else {
        return Err(not_a_chat(text));
    };
    headers.retain(|(_, h)| h.shape == shape);

    check_nothing_before(&lines[..headers.first().map_or(0, |(i, _)| *i)])?;
    let order = match options.date_order {
        Some(order) => order,
        None => decide_order(&headers, &lines)?,
    };

    let mut messages = Vec::with_capacity(headers.len());
    for (k, (i, header)) in headers.iter().enumerate() {
        let Some(date) = date_in_order(&header.date, order) else {
            return Err(does_not_fit(order, *i, &lines));
        };
        let end = headers.get(k + 1).map_or(lines.len(), |(next, _)| *next);
        let first = lines[*i].get(header.body_start..).unwrap_or("");
        messages.push(read_message(
            line_number(*i),
            NaiveDateTime::new(date, header.time),
            first,
            &lines[i + 1..end],
        ));
    }
    Ok(ParsedChat {
        format: Format::WhatsApp,
        title: title_from_file_name(file_name),
        participants: participants(&messages),
        messages,
        date_order: Some(order),
    })
}

/// The chat's name from the export's file name: "WhatsApp Chat with Anna.txt",
/// "WhatsApp Chat - Anna.txt" (newer iOS), and a few translations; empty otherwise (`_chat.txt`).
pub fn title_from_file_name(file_name: &str) -> String {
    const PREFIXES: &[&str] = &[
        "WhatsApp Chat with ",
        "WhatsApp Chat - ",
        "WhatsApp-Chat mit ",
        "WhatsApp Chat mit ",
        "Chat de WhatsApp con ",
    ];
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.len().checked_sub(4) {
        Some(cut) if base.is_char_boundary(cut) && base[cut..].eq_ignore_ascii_case(".txt") => {
            &base[..cut]
        }
        _ => base,
    };
    PREFIXES
        .iter()
        .find_map(|p| stem.strip_prefix(p))
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// How a file writes its headers; one file writes every header the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    /// iOS: `[date, time] `.
    bracketed: bool,
    date: DateStyle,
    /// The first number has 4 digits (`2026/03/14`).
    year_first: bool,
    /// Digits of the last number when the year is last (2 or 4).
    last_digits: u8,
    seconds: bool,
    time_separator: u8,
    meridiem: Meridiem,
}

/// A message header as read from one line.
#[derive(Debug, Clone, Copy)]
struct Header {
    date: NumericDate,
    time: NaiveTime,
    shape: Shape,
    /// Byte offset in the line where the sender (or system text) starts.
    body_start: usize,
}

/// Bidirectional marks WhatsApp puts before dates, senders and attachments (U+200E, U+200F,
/// U+061C) and around phone numbers (U+202A–U+202E, U+2066–U+2069).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `pos` moved past any marks.
fn skip_marks(line: &str, pos: usize) -> usize {
    let rest = line.get(pos..).unwrap_or("");
    pos + rest.len() - rest.trim_start_matches(is_mark).len()
}

/// Spaces WhatsApp writes between date and time (plain, U+00A0, U+202F).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Words some locales put between date and time: Finnish `klo`, Danish/Norwegian `kl.`,
/// French `à`.
const DATE_TIME_WORDS: &[&str] = &["klo ", "kl. ", "kl ", "à "];

/// Reads a header at the start of `line` (after any marks); `None` when the line is no header.
fn read_header(line: &str) -> Option<Header> {
    let mut pos = skip_marks(line, 0);
    let bracketed = line[pos..].starts_with('[');
    if bracketed {
        pos = skip_marks(line, pos + 1);
    }
    let (date, style, len) = read_numeric_date(&line[pos..])?;
    let [d0, d1, d2] = date.digits;
    let year_first = d0 == 4 && d1 <= 2 && d2 <= 2;
    let year_last = d0 <= 2 && d1 <= 2 && matches!(d2, 2 | 4);
    if !year_first && !year_last {
        return None;
    }
    pos = skip_marks(line, pos + len);
    let mut apart = false;
    if line[pos..].starts_with(',') {
        pos += 1;
        apart = true;
    }
    let rest = &line[pos..];
    let spaces = rest.len() - rest.trim_start_matches(is_space).len();
    if spaces > 0 {
        pos += spaces;
        apart = true;
    }
    if !apart {
        return None;
    }
    if let Some(word) = DATE_TIME_WORDS.iter().find(|w| line[pos..].starts_with(*w)) {
        pos += word.len();
    }
    pos = skip_marks(line, pos);
    let (tod, len) = super::dates::parse_time_of_day(&line[pos..])?;
    pos = skip_marks(line, pos + len);
    let rest = &line[pos..];
    let body_start = if bracketed {
        let after = rest.strip_prefix(']')?;
        match after.strip_prefix(' ') {
            Some(_) => pos + 2,
            None if after.trim_start_matches(is_mark).is_empty() => line.len(),
            None => return None,
        }
    } else if let Some(dash) = [" - ", " – "].iter().find(|d| rest.starts_with(*d)) {
        pos + dash.len()
    } else if matches!(rest, " -" | " –") {
        line.len()
    } else {
        return None;
    };
    Some(Header {
        date,
        time: tod.time,
        shape: Shape {
            bracketed,
            date: style,
            year_first,
            last_digits: if year_first { 0 } else { d2 },
            seconds: tod.seconds,
            time_separator: tod.separator,
            meridiem: tod.meridiem,
        },
        body_start,
    })
}

/// The shape most headers have (the earliest on a tie); `None` when there are no headers.
fn usual_shape(headers: &[(usize, Header)]) -> Option<Shape> {
    let mut counts: HashMap<Shape, (usize, usize)> = HashMap::new();
    for (k, (_, h)) in headers.iter().enumerate() {
        counts.entry(h.shape).or_insert((0, k)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|(_, (count_a, first_a)), (_, (count_b, first_b))| {
            count_a.cmp(count_b).then(first_b.cmp(first_a))
        })
        .map(|(shape, _)| shape)
}

/// The date order the headers' dates allow, or the error asking for one.
fn decide_order(headers: &[(usize, Header)], lines: &[&str]) -> Result<DateOrder, ChatError> {
    let dates: Vec<NumericDate> = headers.iter().map(|(_, h)| h.date).collect();
    match infer_order(&dates) {
        OrderInference::Decided(order) => Ok(order),
        OrderInference::Ambiguous(candidates) => {
            let examples = example_indices(&dates)
                .into_iter()
                .map(|k| {
                    let (i, h) = &headers[k];
                    OrderExample {
                        line_text: quoted(lines[*i]),
                        line: line_number(*i),
                        readings: readings(&h.date, &candidates),
                    }
                })
                .collect();
            Err(ChatError::AmbiguousDateOrder {
                candidates,
                examples,
            })
        }
        OrderInference::NoneFits { best, first_misfit } => {
            let i = headers.get(first_misfit).map_or(0, |(i, _)| *i);
            Err(does_not_fit(best, i, lines))
        }
        OrderInference::Empty => Err(not_a_chat("")),
    }
}

fn does_not_fit(order: DateOrder, index: usize, lines: &[&str]) -> ChatError {
    ChatError::DateOrderDoesNotFit {
        order,
        line: line_number(index),
        text: quoted(lines.get(index).copied().unwrap_or("")),
    }
}

fn not_a_chat(text: &str) -> ChatError {
    let hint = if text.trim().is_empty() {
        "The file is empty. Choose the chat's .txt file from the WhatsApp export again.".to_string()
    } else {
        "No line starts with a date and time the way WhatsApp writes them (for example \
         \"14/03/2026, 09:31 - Anna: Hello\" or \"[14/03/2026, 09:31:02] Anna: Hello\"). Choose the \
         chat's .txt file from the WhatsApp export (\"_chat.txt\" or \"WhatsApp Chat with ….txt\")."
            .to_string()
    };
    ChatError::NotAChat { hint }
}

/// Text before the first message cannot be placed in the chat; say where it is rather than drop it.
fn check_nothing_before(lines: &[&str]) -> Result<(), ChatError> {
    match lines.iter().position(|l| {
        !l.trim_matches(|c: char| c.is_whitespace() || is_mark(c))
            .is_empty()
    }) {
        None => Ok(()),
        Some(i) => Err(ChatError::Damaged(format!(
            "Line {}: \"{}\" comes before the first message and has no date and time, so it \
             cannot be placed in the chat. Use the chat file exactly as WhatsApp exported it, or \
             remove that line.",
            line_number(i),
            quoted(lines[i])
        ))),
    }
}

/// 1-based line number of a 0-based index.
fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// A line as written, shortened for a message.
fn quoted(line: &str) -> String {
    match line.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// Everyone who wrote a message (not a system line), in order of first appearance.
fn participants(messages: &[ParsedMessage]) -> Vec<String> {
    let mut seen = HashSet::new();
    messages
        .iter()
        .filter(|m| m.kind != MessageKind::System)
        .filter_map(|m| m.sender.as_deref())
        .filter(|s| seen.insert(*s))
        .map(str::to_string)
        .collect()
}

/// One message from the rest of its header line and its continuation lines.
fn read_message(line: u32, time: NaiveDateTime, first: &str, more: &[&str]) -> ParsedMessage {
    let first = first.trim_start_matches(is_mark);
    let (sender, first_text) = split_sender(first);
    // iOS marks what the app wrote (system lines, attachments) with U+200E after `Name: `.
    let marked = sender.is_some() && first_text.starts_with(is_mark);
    let first_text = first_text.trim_start_matches(is_mark);

    let mut text =
        String::with_capacity(first_text.len() + more.iter().map(|l| l.len() + 1).sum::<usize>());
    text.push_str(first_text);
    for l in more {
        text.push('\n');
        text.push_str(l);
    }
    while text.ends_with('\n') {
        text.pop();
    }
    let edited = remove_edited_marker(&mut text);

    let mut attachment = None;
    let kind = if is_deleted(&text) {
        MessageKind::Deleted
    } else if let Some((found, caption)) = attachment_of(first_line(&text), marked) {
        attachment = Some(found);
        text = without_marker(&text, caption);
        MessageKind::Text
    } else if is_call(&text, sender.is_none() || marked) {
        MessageKind::Call
    } else if sender.is_none() || marked || is_encryption_notice(&text) {
        MessageKind::System
    } else {
        MessageKind::Text
    };
    ParsedMessage {
        line,
        time: MessageTime::Local(time),
        sender: sender.map(str::to_string),
        text,
        kind,
        edited,
        attachment,
        external_id: None,
        reply_to: None,
        forwarded_from: None,
        source: None,
    }
}

/// `Anna: text` → (`Anna`, `text`). The sender ends at the first `: `; a "sender" that is long or
/// quotes something (`Anna changed the subject to "Trip: day 2"`) is a system line's text.
fn split_sender(s: &str) -> (Option<&str>, &str) {
    let Some(at) = s.find(": ").filter(|at| *at <= MAX_SENDER_BYTES) else {
        return (None, s);
    };
    let name = s[..at].trim_matches(is_mark);
    if name.is_empty() || name.contains(['"', '“', '”', '„', '«', '»']) {
        return (None, s);
    }
    (Some(name), &s[at + 2..])
}

fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("")
}

/// The text once the first line (holding an attachment marker) is replaced by the caption found
/// on it; the following lines are kept.
fn without_marker(text: &str, caption: &str) -> String {
    let rest = &text[first_line(text).len()..];
    if caption.is_empty() {
        rest.strip_prefix('\n').unwrap_or(rest).to_string()
    } else {
        format!("{caption}{rest}")
    }
}

/// "<This message was edited>" at the end of a message, in the languages seen in exports.
const EDITED_MARKERS: &[&str] = &[
    "<This message was edited>",
    "<Diese Nachricht wurde bearbeitet>",
    "<Questo messaggio è stato modificato>",
    "<Se editó este mensaje.>",
    "<Mensagem editada>",
];

/// Removes an "edited" marker ending the text (and the space or mark before it).
fn remove_edited_marker(text: &mut String) -> bool {
    let end = text.trim_end().len();
    let Some(marker) = EDITED_MARKERS.iter().find(|m| text[..end].ends_with(*m)) else {
        return false;
    };
    let kept = text[..end - marker.len()]
        .trim_end_matches(|c: char| is_space(c) || is_mark(c))
        .len();
    text.truncate(kept);
    true
}

/// The deleted-message placeholders (the sender's and one's own), as WhatsApp writes them.
const DELETED: &[&str] = &[
    "This message was deleted",
    "You deleted this message",
    "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht",
    "Se eliminó este mensaje",
    "Eliminaste este mensaje",
    "Ce message a été supprimé",
    "Vous avez supprimé ce message",
    "Esta mensagem foi apagada",
    "Essa mensagem foi apagada",
    "Mensagem apagada",
    "Você apagou esta mensagem",
    "Questo messaggio è stato eliminato",
    "Hai eliminato questo messaggio",
    "Dit bericht is verwijderd",
    "Je hebt dit bericht verwijderd",
];

fn is_deleted(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || is_mark(c));
    let t = t.strip_suffix('.').unwrap_or(t);
    DELETED.contains(&t)
}

/// Call lines (iOS writes them with a mark; Android exports rarely have them).
const CALLS: &[&str] = &[
    "Missed voice call",
    "Missed video call",
    "Missed group voice call",
    "Missed group video call",
    "Silenced voice call",
    "Silenced video call",
    "Voice call",
    "Video call",
];

/// Whether the text is a call line. `app_written` (no sender, or an iOS mark) allows what follows
/// the call words (`Missed voice call, Tap to call back`); otherwise the words must be all.
fn is_call(text: &str, app_written: bool) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || is_mark(c));
    CALLS.iter().any(|c| match t.strip_prefix(c) {
        Some("") => true,
        Some(rest) => {
            app_written && rest.starts_with([',', '.', ' ', '\u{a0}', '\u{202f}', '•', '\u{200e}'])
        }
        None => false,
    })
}

/// The end-to-end notice, which new iOS exports write with the contact's name as sender.
fn is_encryption_notice(text: &str) -> bool {
    [
        "Messages and calls are end-to-end encrypted",
        "Messages to this chat and calls are now secured with end-to-end encryption",
        "Messages to this group are now secured with end-to-end encryption",
        "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
    ]
    .iter()
    .any(|n| text.starts_with(n))
}

/// iOS `<attached: NAME>` labels seen in exports (the English, German, Spanish, Portuguese,
/// Italian and Dutch apps).
const IOS_LABELS: &[&str] = &[
    "attached",
    "angehängt",
    "adjunto",
    "anexado",
    "allegato",
    "bijgevoegd",
];

/// Android `NAME (file attached)` suffixes seen in exports (English, German, Spanish, French,
/// Portuguese, Italian, Dutch).
const ANDROID_SUFFIXES: &[&str] = &[
    "file attached",
    "Datei angehängt",
    "archivo adjunto",
    "fichier joint",
    "arquivo anexado",
    "file allegato",
    "bestand bijgevoegd",
];

/// Android placeholders for media left out of the export.
const MEDIA_OMITTED: &[&str] = &[
    "<Media omitted>",
    "<Medien ausgeschlossen>",
    "<Multimedia omitido>",
    "<Médias omis>",
    "<Mídia oculta>",
    "<Media omessi>",
    "<Media weggelaten>",
];

/// iOS "image omitted" and the like: the kinds written in English.
const IOS_OMITTED_KINDS: &[&str] = &[
    "image",
    "video",
    "audio",
    "sticker",
    "GIF",
    "document",
    "Contact card",
    "video note",
];

/// The attachment a message's first line names, and the caption written on the same line.
fn attachment_of(line: &str, marked: bool) -> Option<(Attachment, &str)> {
    let line = line.trim_matches(|c: char| is_space(c) || is_mark(c));
    ios_attached(line)
        .or_else(|| android_attached(line))
        .or_else(|| omitted(line, marked))
}

/// `<attached: 00000012-PHOTO-2026-03-14-09-31-02.jpg>` at the start or the end of the line.
fn ios_attached(line: &str) -> Option<(Attachment, &str)> {
    if line.starts_with('<') {
        let close = line.find('>')?;
        let name = attached_name(&line[1..close])?;
        let rest = line[close + 1..].trim_start_matches(|c: char| is_space(c) || is_mark(c));
        return Some((Attachment::File { name }, rest));
    }
    if line.ends_with('>') {
        let open = line.rfind('<')?;
        let name = attached_name(&line[open + 1..line.len() - 1])?;
        let before = line[..open].trim_end_matches(|c: char| is_space(c) || is_mark(c));
        return Some((Attachment::File { name }, before));
    }
    None
}

/// `attached: NAME` → NAME, when the label is known or NAME is an iOS media name.
fn attached_name(inner: &str) -> Option<String> {
    let (label, name) = inner.split_once(':')?;
    let label = label.trim_matches(|c: char| is_space(c) || is_mark(c));
    let name = name.trim_matches(|c: char| is_space(c) || is_mark(c));
    let ios_media = name.len() > 9
        && name.as_bytes()[..8].iter().all(u8::is_ascii_digit)
        && name.as_bytes()[8] == b'-';
    (looks_like_file_name(name) && (IOS_LABELS.contains(&label) || ios_media))
        .then(|| name.to_string())
}

/// A file name: not empty, not too long, no angle brackets or line breaks, with an extension.
fn looks_like_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_FILE_NAME_BYTES
        && !name.contains(['<', '>', '\n'])
        && name
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && (1..=6).contains(&ext.len()))
}

/// `IMG-20260314-WA0001.jpg (file attached)`, and documents written
/// `Contract.pdf • 3 pages (file attached)` (the file is `Contract.pdf`).
fn android_attached(line: &str) -> Option<(Attachment, &str)> {
    let inner_end = line.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let suffix = &inner_end[open + 1..];
    // A space before the parenthesis, possibly with a mark between (`3 pages \u{200e}(file attached)`).
    let before = line[..open].trim_end_matches(is_mark);
    if !before.ends_with(is_space) {
        return None;
    }
    let name = before.trim_end_matches(|c: char| is_space(c) || is_mark(c));
    let name = match name.find(" •") {
        Some(bullet) => name[..bullet].trim_end_matches(|c: char| is_space(c) || is_mark(c)),
        None => name,
    };
    let known = ANDROID_SUFFIXES.contains(&suffix);
    let wa_media = is_android_media_name(name) && suffix.len() <= 40 && !suffix.contains('(');
    (looks_like_file_name(name) && (known || wa_media)).then(|| {
        (
            Attachment::File {
                name: name.to_string(),
            },
            "",
        )
    })
}

/// `IMG-20260314-WA0001.jpg`, `PTT-20260314-WA0003.opus`: Android's media names.
fn is_android_media_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 18
        && b[3] == b'-'
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[4..12].iter().all(u8::is_ascii_digit)
        && name[12..].starts_with("-WA")
}

/// Words ending an iOS "image omitted" line in the languages seen (English, German, Spanish,
/// Portuguese, French, Italian, Dutch).
const OMITTED_WORDS: &[&str] = &[
    " omitted",
    " weggelassen",
    " omitida",
    " omitido",
    " ocultada",
    " ocultado",
    " absente",
    " absent",
    " omessa",
    " omesso",
    " weggelaten",
];

/// `<Media omitted>` and the like; iOS `image omitted` (other languages only when the app marked
/// the line, so a person writing "Rick is absent" stays a message).
fn omitted(line: &str, marked: bool) -> Option<(Attachment, &str)> {
    let what = |s: &str| Attachment::NotIncluded {
        what: s.chars().filter(|c| !is_mark(*c)).collect(),
    };
    if MEDIA_OMITTED.contains(&line) {
        return Some((what(line), ""));
    }
    let before = OMITTED_WORDS.iter().find_map(|w| line.strip_suffix(w))?;
    let kind = before
        .rsplit(['•', '\u{200e}'])
        .next()
        .unwrap_or(before)
        .trim_matches(|c: char| is_space(c) || is_mark(c));
    let english = line.ends_with(" omitted") && IOS_OMITTED_KINDS.contains(&kind);
    (english || (marked && line.len() <= 120)).then(|| (what(line), ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = "../../tests/fixtures/chat/whatsapp/";

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../tests/fixtures/chat/whatsapp/", $name))
        };
    }

    fn read(text: &str) -> ParsedChat {
        parse(text, "_chat.txt", &ParseOptions::default()).unwrap()
    }

    fn with_order(text: &str, order: DateOrder) -> Result<ParsedChat, ChatError> {
        parse(
            text,
            "_chat.txt",
            &ParseOptions {
                date_order: Some(order),
            },
        )
    }

    /// (line, "YYYY-MM-DD HH:MM:SS", sender, text, kind) of every message.
    fn rows(chat: &ParsedChat) -> Vec<(u32, String, Option<&str>, &str, MessageKind)> {
        chat.messages
            .iter()
            .map(|m| {
                let MessageTime::Local(t) = &m.time else {
                    panic!("WhatsApp times are local");
                };
                (
                    m.line,
                    t.format("%Y-%m-%d %H:%M:%S").to_string(),
                    m.sender.as_deref(),
                    m.text.as_str(),
                    m.kind,
                )
            })
            .collect()
    }

    fn file(name: &str) -> Option<Attachment> {
        Some(Attachment::File { name: name.into() })
    }

    fn left_out(what: &str) -> Option<Attachment> {
        Some(Attachment::NotIncluded { what: what.into() })
    }

    use MessageKind::{Call, Deleted, System, Text};

    #[test]
    fn fixtures_folder_is_where_the_tests_read() {
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/chat")
            .join(FIXTURES)
            .join("android_24h_dmy.txt")
            .exists());
    }

    #[test]
    fn android_24h_dmy() {
        let chat = read(fixture!("android_24h_dmy.txt"));
        assert_eq!(chat.format, Format::WhatsApp);
        assert_eq!(chat.date_order, Some(DateOrder::Dmy));
        assert_eq!(chat.title, "");
        // One file: no message names another source.
        assert!(chat.messages.iter().all(|m| m.source.is_none()));
        let encrypted = "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.";
        assert_eq!(
            rows(&chat),
            vec![
                (1, "2026-03-14 09:30:00".into(), None, encrypted, System),
                (
                    2,
                    "2026-03-14 09:30:00".into(),
                    None,
                    "David Miller created group \"Crypto Club\"",
                    System
                ),
                (
                    3,
                    "2026-03-14 09:31:00".into(),
                    None,
                    "David Miller added Anna Lee",
                    System
                ),
                (
                    4,
                    "2026-03-14 09:31:00".into(),
                    Some("Anna Lee"),
                    "Hi David, I'm so glad you replied",
                    Text
                ),
                (
                    5,
                    "2026-03-14 09:32:00".into(),
                    Some("David Miller"),
                    "Hello Anna",
                    Text
                ),
                (
                    6,
                    "2026-03-14 21:05:00".into(),
                    Some("Anna Lee"),
                    "This is the view from my office in Hong Kong",
                    Text
                ),
                (
                    8,
                    "2026-03-15 08:00:00".into(),
                    Some("+44 7700 900123"),
                    "Who is this?",
                    Text
                ),
                (
                    9,
                    "2026-03-15 08:01:00".into(),
                    Some("Anna Lee"),
                    "This message was deleted",
                    Deleted
                ),
                (
                    10,
                    "2026-03-15 08:02:00".into(),
                    Some("David Miller"),
                    "",
                    Text
                ),
                (
                    11,
                    "2026-03-15 08:03:00".into(),
                    Some("Anna Lee"),
                    "The platform is safe, my uncle uses it",
                    Text
                ),
                (
                    12,
                    "2026-03-15 08:04:00".into(),
                    None,
                    "Anna Lee changed the subject from \"Crypto Club\" to \"Crypto Club: VIP\"",
                    System
                ),
                (
                    13,
                    "2026-03-15 08:05:00".into(),
                    Some("David Miller"),
                    "Sent 500 USDT: is that right?",
                    Text
                ),
                (14, "2026-03-16 10:00:00".into(), Some("Anna Lee"), "", Text),
            ]
        );
        let m = &chat.messages;
        assert_eq!(m[5].attachment, file("IMG-20260314-WA0001.jpg"));
        assert_eq!(m[8].attachment, left_out("<Media omitted>"));
        assert!(m[9].edited && !m[8].edited);
        assert_eq!(m[12].attachment, file("Contract.pdf"));
        assert_eq!(
            chat.participants,
            vec!["Anna Lee", "David Miller", "+44 7700 900123"]
        );
    }

    #[test]
    fn ios_12h_narrow_nbsp() {
        let chat = read(fixture!("ios_12h_narrow_nbsp.txt"));
        assert_eq!(chat.date_order, Some(DateOrder::Mdy));
        let encrypted = "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.";
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 21:31:02".into(),
                    Some("Anna"),
                    encrypted,
                    System
                ),
                (
                    2,
                    "2026-03-14 21:31:40".into(),
                    Some("Anna"),
                    "Good evening David",
                    Text
                ),
                (
                    3,
                    "2026-03-14 21:32:05".into(),
                    Some("David"),
                    "Hi Anna\nhow are you?",
                    Text
                ),
                (5, "2026-03-14 21:33:10".into(), Some("Anna"), "", Text),
                (6, "2026-03-14 21:33:30".into(), Some("Anna"), "", Text),
                (
                    7,
                    "2026-03-15 00:05:00".into(),
                    Some("David"),
                    "Missed voice call",
                    Call
                ),
                (
                    8,
                    "2026-03-15 12:30:00".into(),
                    Some("Anna"),
                    "This message was deleted.",
                    Deleted
                ),
                (
                    9,
                    "2026-03-15 13:00:00".into(),
                    Some("Anna"),
                    "Deposit to this address today",
                    Text
                ),
                (
                    10,
                    "2026-03-15 13:01:00".into(),
                    Some("Anna"),
                    "Contract.pdf • \u{200e}3 pages",
                    Text
                ),
                (
                    11,
                    "2026-03-15 13:02:00".into(),
                    Some("Anna"),
                    "Here is my ID card",
                    Text
                ),
            ]
        );
        let m = &chat.messages;
        assert_eq!(
            m[3].attachment,
            file("00000012-PHOTO-2026-03-14-21-33-10.jpg")
        );
        assert_eq!(m[4].attachment, left_out("image omitted"));
        assert!(m[7].edited);
        assert_eq!(m[8].attachment, file("00000015-Contract.pdf"));
        assert_eq!(
            m[9].attachment,
            file("00000016-PHOTO-2026-03-15-13-02-00.jpg")
        );
        assert_eq!(chat.participants, vec!["Anna", "David"]);
    }

    #[test]
    fn ambiguous_order_asks_with_examples_in_words() {
        let text = fixture!("ambiguous_order.txt");
        let Err(ChatError::AmbiguousDateOrder {
            candidates,
            examples,
        }) = parse(text, "_chat.txt", &ParseOptions::default())
        else {
            panic!("must ask");
        };
        assert_eq!(candidates, vec![DateOrder::Dmy, DateOrder::Mdy]);
        assert_eq!(
            examples,
            vec![
                OrderExample {
                    line_text: "07/03/2026, 10:00 - Anna: Hello".into(),
                    line: 1,
                    readings: vec![
                        (DateOrder::Dmy, "Saturday 7 March 2026".into()),
                        (DateOrder::Mdy, "Friday 3 July 2026".into()),
                    ],
                },
                OrderExample {
                    line_text: "05/04/2026, 10:01 - David: Hi".into(),
                    line: 2,
                    readings: vec![
                        (DateOrder::Dmy, "Sunday 5 April 2026".into()),
                        (DateOrder::Mdy, "Monday 4 May 2026".into()),
                    ],
                },
            ]
        );
        // Once chosen, it reads.
        let chat = with_order(text, DateOrder::Mdy).unwrap();
        assert_eq!(chat.date_order, Some(DateOrder::Mdy));
        assert_eq!(rows(&chat)[0].1, "2026-07-03 10:00:00");
        let chat = with_order(text, DateOrder::Dmy).unwrap();
        assert_eq!(rows(&chat)[2].1, "2026-04-03 10:02:00");
    }

    #[test]
    fn chosen_order_that_does_not_fit_names_the_line() {
        let err = with_order(fixture!("android_24h_dmy.txt"), DateOrder::Mdy).unwrap_err();
        assert_eq!(
            err,
            ChatError::DateOrderDoesNotFit {
                order: DateOrder::Mdy,
                line: 1,
                text: "14/03/2026, 09:30 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.".into(),
            }
        );
        // Dates that fit no single order: the first misfit of the best order is named.
        let mixed =
            "14/03/2026, 10:00 - A: x\n03/14/2026, 10:00 - A: y\n15/03/2026, 10:00 - A: z\n";
        assert_eq!(
            parse(mixed, "_chat.txt", &ParseOptions::default()),
            Err(ChatError::DateOrderDoesNotFit {
                order: DateOrder::Dmy,
                line: 2,
                text: "03/14/2026, 10:00 - A: y".into()
            })
        );
    }

    #[test]
    fn mdy_us_12h() {
        let chat = read(fixture!("mdy_us_12h.txt"));
        assert_eq!(chat.date_order, Some(DateOrder::Mdy));
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 21:31:00".into(),
                    Some("Anna"),
                    "Hi David",
                    Text
                ),
                (
                    2,
                    "2026-03-14 23:59:00".into(),
                    Some("David"),
                    "Hi Anna",
                    Text
                ),
                (
                    3,
                    "2026-03-15 00:00:00".into(),
                    Some("Anna"),
                    "Midnight already",
                    Text
                ),
                (
                    4,
                    "2026-03-15 12:15:00".into(),
                    Some("David"),
                    "Lunch time",
                    Text
                ),
                (5, "2026-03-15 01:05:00".into(), Some("Anna"), "", Text),
            ]
        );
        assert_eq!(chat.messages[4].attachment, file("VID-20260315-WA0002.mp4"));
    }

    #[test]
    fn german_dots() {
        let chat = read(fixture!("german_dots.txt"));
        assert_eq!(chat.date_order, Some(DateOrder::Dmy));
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 21:05:00".into(),
                    None,
                    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.",
                    System
                ),
                (2, "2026-03-14 21:05:00".into(), Some("Anna"), "Hallo David", Text),
                (3, "2026-03-14 21:06:00".into(), Some("David"), "Hallo\nWie geht's?", Text),
                (5, "2026-03-14 21:07:00".into(), Some("Anna"), "Mein Büro", Text),
                (7, "2026-03-14 21:08:00".into(), Some("David"), "", Text),
                (
                    8,
                    "2026-03-15 07:00:00".into(),
                    Some("Anna"),
                    "Diese Nachricht wurde gelöscht",
                    Deleted
                ),
                (9, "2026-03-15 07:01:00".into(), None, "Anna hat dich hinzugefügt", System),
            ]
        );
        assert_eq!(chat.messages[3].attachment, file("IMG-20260314-WA0003.jpg"));
        assert_eq!(
            chat.messages[4].attachment,
            left_out("<Medien ausgeschlossen>")
        );
    }

    #[test]
    fn finnish_klo() {
        let chat = read(fixture!("finnish_klo.txt"));
        assert_eq!(chat.date_order, Some(DateOrder::Dmy));
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 09:31:00".into(),
                    Some("Anna"),
                    "Hei David",
                    Text
                ),
                (
                    2,
                    "2026-03-14 09:32:00".into(),
                    Some("David"),
                    "Hei\nMitä kuuluu?",
                    Text
                ),
                (
                    4,
                    "2026-03-15 21:05:00".into(),
                    Some("Anna"),
                    "Hyvää yötä",
                    Text
                ),
            ]
        );
    }

    #[test]
    fn japanese_gogo() {
        let chat = read(fixture!("japanese_gogo.txt"));
        assert_eq!(chat.date_order, Some(DateOrder::Ymd));
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 21:05:00".into(),
                    Some("アンナ"),
                    "こんばんは",
                    Text
                ),
                (
                    2,
                    "2026-03-14 23:59:00".into(),
                    Some("デビッド"),
                    "こんばんは、アンナ",
                    Text
                ),
                (
                    3,
                    "2026-03-15 00:30:00".into(),
                    Some("アンナ"),
                    "もう寝ます",
                    Text
                ),
                (
                    4,
                    "2026-03-15 12:05:00".into(),
                    Some("デビッド"),
                    "お昼です",
                    Text
                ),
            ]
        );
        assert_eq!(chat.participants, vec!["アンナ", "デビッド"]);
    }

    #[test]
    fn crlf_bom() {
        let text = fixture!("crlf_bom.txt");
        assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
        let chat = read(text);
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 09:31:00".into(),
                    Some("Anna"),
                    "First line\nsecond line",
                    Text
                ),
                (
                    3,
                    "2026-03-14 09:32:00".into(),
                    Some("David"),
                    "Reply",
                    Text
                ),
            ]
        );
        assert!(looks_like(text));
    }

    #[test]
    fn multiline_with_date_like_continuation() {
        let chat = read(fixture!("multiline_with_date_like_continuation.txt"));
        assert_eq!(
            rows(&chat),
            vec![
                (
                    1,
                    "2026-03-14 09:31:00".into(),
                    Some("Anna"),
                    "Remember this:\n14/03/2026 was the day I paid\n14/03/2026, 10:00 the bank called\n[14/03/2026, 10:05:00] Anna: a pasted iPhone line\n14.03.2026, 10:06 - Anna: pasted with dots\n\nthe end",
                    Text
                ),
                (8, "2026-03-14 09:40:00".into(), Some("David"), "ok", Text),
            ]
        );
    }

    #[test]
    fn out_of_order_times_keep_file_order() {
        let chat = read(fixture!("out_of_order.txt"));
        let times: Vec<(u32, String)> = rows(&chat).into_iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(
            times,
            vec![
                (1, "2026-03-14 10:00:00".into()),
                (2, "2026-03-14 09:58:00".into()),
                (3, "2026-03-15 08:00:00".into()),
                (4, "2026-03-13 23:59:00".into()),
            ]
        );
    }

    #[test]
    fn spanish_pm_with_no_break_spaces() {
        let chat = read(fixture!("spanish_pm.txt"));
        assert_eq!(chat.date_order, Some(DateOrder::Dmy));
        assert_eq!(
            rows(&chat),
            vec![
                (1, "2026-03-14 14:34:30".into(), Some("Ana"), "hola", Text),
                (2, "2026-03-14 14:35:00".into(), Some("David"), "", Text),
                (3, "2026-03-14 14:36:00".into(), Some("Ana"), "", Text),
                (
                    4,
                    "2026-03-14 14:37:00".into(),
                    Some("Ana"),
                    "Se eliminó este mensaje.",
                    Deleted
                ),
                (
                    5,
                    "2026-03-15 09:00:00".into(),
                    Some("David"),
                    "buenos días",
                    Text
                ),
            ]
        );
        assert_eq!(chat.messages[1].attachment, file("IMG-20260314-WA0004.jpg"));
        assert_eq!(
            chat.messages[2].attachment,
            left_out("<Multimedia omitido>")
        );
    }

    #[test]
    fn other_attachment_translations() {
        for (suffix, lang) in [
            ("fichier joint", "fr"),
            ("arquivo anexado", "pt"),
            ("file allegato", "it"),
            ("bestand bijgevoegd", "nl"),
        ] {
            let text = format!("14/03/2026, 09:31 - Anna: Rapport final.pdf ({suffix})\nVoilà\n");
            let chat = read(&text);
            assert_eq!(
                chat.messages[0].attachment,
                file("Rapport final.pdf"),
                "{lang}"
            );
            assert_eq!(chat.messages[0].text, "Voilà", "{lang}");
        }
        // A document, with marks the app writes around its page count.
        let chat = read("14/03/2026, 09:31 - Anna: \u{200e}Rapport.pdf • \u{200e}3 pages \u{200e}(fichier joint)\n");
        assert_eq!(chat.messages[0].attachment, file("Rapport.pdf"));
        assert_eq!(chat.messages[0].text, "");
        // A person's parentheses are not an attachment.
        let chat = read("14/03/2026, 09:31 - Anna: I sent it (really)\n");
        assert_eq!(chat.messages[0].attachment, None);
        assert_eq!(chat.messages[0].text, "I sent it (really)");
        // "Rick is absent" is a message; the app's marked line is not.
        let chat = read("[14/03/2026, 09:31:00] Anna: Rick is absent\n[14/03/2026, 09:32:00] Anna: \u{200e}image absente\n");
        assert_eq!(chat.messages[0].attachment, None);
        assert_eq!(chat.messages[1].attachment, left_out("image absente"));
    }

    #[test]
    fn title_from_the_file_name() {
        assert_eq!(title_from_file_name("WhatsApp Chat with Anna.txt"), "Anna");
        assert_eq!(
            title_from_file_name("WhatsApp Chat - Anna Lee.txt"),
            "Anna Lee"
        );
        assert_eq!(
            title_from_file_name("exports/WhatsApp Chat with Anna.TXT"),
            "Anna"
        );
        assert_eq!(title_from_file_name("WhatsApp-Chat mit Peter.txt"), "Peter");
        assert_eq!(title_from_file_name("_chat.txt"), "");
        assert_eq!(title_from_file_name("é.txt"), "");
        assert_eq!(title_from_file_name(""), "");
        let chat = parse(
            fixture!("crlf_bom.txt"),
            "WhatsApp Chat with Anna.txt",
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(chat.title, "Anna");
    }

    #[test]
    fn not_a_chat() {
        for text in [
            "",
            "\n\n",
            "date,amount,to\n2026-03-14,500,TXyz\n",
            "Dear Anna,\nplease send the money by 14/03/2026.\n",
            "2026/03/14(Sat)\n09:31\tAnna\tHello\n",
        ] {
            assert!(!looks_like(text), "{text:?}");
            let Err(ChatError::NotAChat { hint }) = parse(text, "x.txt", &ParseOptions::default())
            else {
                panic!("{text:?} is no chat");
            };
            assert!(!hint.is_empty());
        }
        for text in [
            fixture!("android_24h_dmy.txt"),
            fixture!("ios_12h_narrow_nbsp.txt"),
            fixture!("finnish_klo.txt"),
            fixture!("japanese_gogo.txt"),
            fixture!("german_dots.txt"),
        ] {
            assert!(looks_like(text));
        }
    }

    #[test]
    fn text_before_the_first_message_is_named() {
        let err = read_err("Chat export\n14/03/2026, 09:31 - Anna: Hi\n");
        let ChatError::Damaged(msg) = err else {
            panic!("{err:?}");
        };
        assert!(msg.starts_with("Line 1: \"Chat export\""), "{msg}");
        // Blank lines and marks before it are fine.
        let chat = read("\n\u{200e}\n14/03/2026, 09:31 - Anna: Hi\n");
        assert_eq!(chat.messages[0].line, 3);
    }

    fn read_err(text: &str) -> ChatError {
        parse(text, "_chat.txt", &ParseOptions::default()).unwrap_err()
    }

    #[test]
    fn odd_but_valid_lines() {
        // A mark before the date, an empty message, a header with nothing after it.
        let chat = read("\u{200f}14/03/2026, 09:31 - Anna: \n14/03/2026, 09:32 -\n");
        assert_eq!(
            rows(&chat),
            vec![
                (1, "2026-03-14 09:31:00".into(), Some("Anna"), "", Text),
                (2, "2026-03-14 09:32:00".into(), None, "", System),
            ]
        );
        // A long line is quoted shortened.
        let long = format!("14/03/2026, 09:31 - Anna: {}\n", "x".repeat(500));
        let Err(ChatError::DateOrderDoesNotFit { text, .. }) = with_order(&long, DateOrder::Mdy)
        else {
            panic!("14 is no month");
        };
        assert_eq!(text.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(text.ends_with('…'));
        // Hungarian and Korean spacing.
        let chat = read("2026. 03. 14. 21:05 - Anna: Szia\n");
        assert_eq!(rows(&chat)[0].1, "2026-03-14 21:05:00");
        let chat = read("2026. 3. 14. 오후 9:05 - 안나: 안녕\n");
        assert_eq!(rows(&chat)[0].1, "2026-03-14 21:05:00");
    }

    /// Every prefix and every one-character cut of every fixture parses or errs, never panics,
    /// and what parses keeps its lines increasing.
    #[test]
    fn cut_fixtures_never_panic() {
        for text in [
            fixture!("android_24h_dmy.txt"),
            fixture!("ios_12h_narrow_nbsp.txt"),
            fixture!("japanese_gogo.txt"),
            fixture!("crlf_bom.txt"),
            fixture!("spanish_pm.txt"),
            fixture!("german_dots.txt"),
            fixture!("ambiguous_order.txt"),
            fixture!("multiline_with_date_like_continuation.txt"),
        ] {
            for (cut, c) in text.char_indices() {
                let without = format!("{}{}", &text[..cut], &text[cut + c.len_utf8()..]);
                for t in [&text[..cut], without.as_str()] {
                    let _ = looks_like(t);
                    match parse(t, "x", &ParseOptions::default()) {
                        Ok(chat) => {
                            assert!(chat.messages.windows(2).all(|w| w[0].line < w[1].line));
                            let order = chat.date_order.unwrap();
                            assert_eq!(with_order(t, order), Ok(chat), "{t:?}");
                        }
                        Err(ChatError::AmbiguousDateOrder { candidates, .. }) => {
                            for order in candidates {
                                assert!(with_order(t, order).is_ok(), "{t:?}");
                            }
                        }
                        Err(_) => {}
                    }
                }
            }
        }
    }

    #[test]
    fn fifty_thousand_messages() {
        let mut text = String::new();
        for i in 0..50_000u32 {
            let day = 1 + i % 28;
            let minute = i % 60;
            text.push_str(&format!(
                "{day:02}/03/2026, 09:{minute:02} - Anna Lee: message {i} with some words\n"
            ));
            if i % 10 == 0 {
                text.push_str("a second line\n");
            }
        }
        let chat = read(&text);
        assert_eq!(chat.messages.len(), 50_000);
        assert_eq!(chat.messages[49_999].text, "message 49999 with some words");
        assert_eq!(chat.participants, vec!["Anna Lee"]);
    }
}
