//! Telegram Desktop's HTML export: `messages.html`, `messages2.html`, … (1000 messages a page).
//!
//! Each message is a `<div class="message default clearfix" id="message123">` whose `body`
//! holds the time (`<div class="pull_right date details" title="14.03.2026 09:31:02
//! UTC+03:00">`), the sender (`from_name`), a reply link, a forwarded part, media and the text.
//! A "joined" message (`… clearfix joined`) has no sender: it continues the one before, across
//! pages too. `<div class="message service" id="message-1">` with a negative id is a date
//! separator; other service lines ("Anna pinned this message") have no time of their own.
//!
//! Times: Telegram writes the exporting computer's wall-clock time and, since 2022, a zone as
//! `UTC+01:00`. That zone is the *standard* offset of the computer's zone (Qt's
//! `displayName(StandardTime, OffsetName)`), written even in summer, so reading it as the exact
//! offset would put half the year's messages an hour off. Every message therefore carries a
//! [`MessageTime::Local`] wall-clock time, read later in the device zone the person confirms,
//! as for WhatsApp and LINE; [`html_zone_hint`] gives the offset written most, to suggest that
//! zone.
//!
//! The page is parsed with `scraper` (html5ever), which decodes entities; the structure is then
//! walked with loops over children and an explicit pre-order walk for text, never recursion
//! on the page's depth. Line numbers are page-local: the line where `id="message123"` stands, on
//! the page the message's `source` names (`messages2.html`).

use std::collections::HashMap;

use chrono::{FixedOffset, NaiveDate};
use scraper::{ElementRef, Html, Node};

use super::{duration_words, head, participants, too_large, MAX_EXPORT_BYTES, SNIFF_BYTES};
use crate::chat::{
    Attachment, ChatError, Format, MessageKind, MessageTime, ParsedChat, ParsedMessage,
};

/// Whether `text` looks like a page of a Telegram Desktop HTML chat export (a cheap look at the
/// first 64 KiB).
pub fn looks_like_html(text: &str) -> bool {
    let head = head(text, SNIFF_BYTES);
    head.contains("<div class=\"message ") || head.contains("class=\"history\"")
}

/// The standard UTC offset the pages write most often in their times (`title="… UTC+01:00"`),
/// or `None` when they write none (pages from before 2022). Only a hint for the default device
/// zone: it is the zone's offset *outside* daylight saving time, whatever the date, so it
/// narrows the zones to suggest (`+01:00`: Berlin, Paris, Lagos, …) but is not the offset of
/// any one message. Reads the pages' text in one pass, without parsing the HTML.
pub fn html_zone_hint(pages: &[(String, String)]) -> Option<FixedOffset> {
    // (offset in seconds, times seen, first seen) — few distinct offsets, so a short list.
    let mut seen: Vec<(i32, usize, usize)> = Vec::new();
    let mut order = 0usize;
    for (_, html) in pages {
        for (pos, _) in html.match_indices("title=\"") {
            let rest = &html[pos + "title=\"".len()..];
            let value = head(rest, 64);
            let Some(value) = value.split('"').next().filter(|v| v.len() < value.len()) else {
                continue;
            };
            let mut words = value.split_whitespace();
            let (Some(_date), Some(_time), Some(zone), None) =
                (words.next(), words.next(), words.next(), words.next())
            else {
                continue;
            };
            if time_from_title(value).is_none() {
                continue;
            }
            let Some(offset) = utc_offset(zone) else {
                continue;
            };
            let seconds = offset.local_minus_utc();
            match seen.iter_mut().find(|(s, _, _)| *s == seconds) {
                Some((_, count, _)) => *count += 1,
                None => seen.push((seconds, 1, order)),
            }
            order += 1;
        }
    }
    seen.iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .and_then(|(seconds, _, _)| FixedOffset::east_opt(*seconds))
}

/// Reads the pages of one chat's HTML export, given in order as (file name, HTML).
pub fn parse_html(pages: &[(String, String)]) -> Result<ParsedChat, ChatError> {
    let total = pages
        .iter()
        .fold(0usize, |sum, (_, html)| sum.saturating_add(html.len()));
    if total > MAX_EXPORT_BYTES {
        return Err(too_large(total));
    }
    let mut reader = Reader::default();
    let mut title = String::new();
    for (page, (_name, html)) in pages.iter().enumerate() {
        reader.page = page;
        let doc = Html::parse_document(html);
        if title.is_empty() {
            title = page_title(&doc);
        }
        let lines = message_id_lines(html);
        let mut last_line = 1;
        for el in doc.root_element().descendent_elements() {
            if el.value().name() == "div" && has_class(el, "message") {
                reader.read(el, &lines, &mut last_line);
            }
        }
    }
    if !reader.found_any {
        return Err(ChatError::NotAChat {
            hint: "It is a web page, but not a page of a Telegram Desktop chat export (messages.html).".into(),
        });
    }
    let drafts = reader.drafts.len();
    let messages = reader.into_messages(pages);
    if messages.is_empty() && drafts > 0 {
        return Err(ChatError::Damaged(format!(
            "None of the {drafts} lines on these Telegram pages has a time Casefile can read. Export the chat again from Telegram Desktop and import all its messages*.html pages."
        )));
    }
    Ok(ParsedChat {
        format: Format::TelegramHtml,
        title,
        participants: participants(&messages),
        messages,
        date_order: None,
    })
}

/// A message read from a page, before service lines get a time.
struct Draft {
    time: Option<MessageTime>,
    /// Which run between date separators it is in.
    block: usize,
    /// Index of the page (in the pages given) it stands on; `line` is a line of that page.
    page: usize,
    line: u32,
    sender: Option<String>,
    text: String,
    kind: MessageKind,
    attachment: Option<Attachment>,
    external_id: Option<String>,
    reply_to: Option<String>,
    forwarded_from: Option<String>,
}

/// What carries from one message to the next, across pages.
#[derive(Default)]
struct Reader {
    drafts: Vec<Draft>,
    /// The date of each separator run (index = block); block 0 is before the first separator.
    block_dates: Vec<Option<NaiveDate>>,
    sender: Option<String>,
    forwarded_from: Option<String>,
    found_any: bool,
    /// The page being read.
    page: usize,
}

impl Reader {
    fn block(&self) -> usize {
        self.block_dates.len()
    }

    fn read(&mut self, el: ElementRef<'_>, lines: &HashMap<&str, u32>, last_line: &mut u32) {
        self.found_any = true;
        let id = el
            .value()
            .attr("id")
            .and_then(|id| id.strip_prefix("message"));
        let line = id
            .and_then(|id| lines.get(id).copied())
            .unwrap_or(*last_line);
        *last_line = line;
        if has_class(el, "service") {
            let body = child_with_class(el, "body");
            let text = body.map(rich_text).unwrap_or_default();
            let separator_date = NaiveDate::parse_from_str(&text, "%d %B %Y").ok();
            if id.is_some_and(|id| id.starts_with('-')) || separator_date.is_some() {
                self.block_dates.push(separator_date);
                return;
            }
            self.drafts.push(Draft {
                time: None,
                block: self.block(),
                page: self.page,
                line,
                sender: None,
                text,
                kind: MessageKind::System,
                attachment: None,
                external_id: id.map(str::to_string),
                reply_to: None,
                forwarded_from: None,
            });
            return;
        }
        let mut draft = Draft {
            time: None,
            block: self.block(),
            page: self.page,
            line,
            sender: None,
            text: String::new(),
            kind: MessageKind::Text,
            attachment: None,
            external_id: id.map(str::to_string),
            reply_to: None,
            forwarded_from: None,
        };
        let mut forwarded = false;
        let mut extra = Vec::new();
        if let Some(body) = child_with_class(el, "body") {
            for part in body.child_elements() {
                if has_class(part, "date") {
                    draft.time = part.value().attr("title").and_then(time_from_title);
                } else if has_class(part, "from_name") {
                    draft.sender = Some(sender_name(part)).filter(|s| !s.is_empty());
                } else if has_class(part, "reply_to") {
                    draft.reply_to = reply_target(part);
                } else if has_class(part, "forwarded") && has_class(part, "body") {
                    forwarded = true;
                    for inner in part.child_elements() {
                        if has_class(inner, "from_name") {
                            draft.forwarded_from =
                                Some(sender_name(inner)).filter(|s| !s.is_empty());
                        } else {
                            read_content(inner, &mut draft, &mut extra);
                        }
                    }
                } else {
                    read_content(part, &mut draft, &mut extra);
                }
            }
        }
        for line in extra {
            if !draft.text.is_empty() {
                draft.text.push('\n');
            }
            draft.text.push_str(line.trim());
        }
        let trimmed = draft.text.trim_end().len();
        draft.text.truncate(trimmed);
        // A joined message continues the sender (and forward) of the one before.
        match &draft.sender {
            Some(sender) => self.sender = Some(sender.clone()),
            None => draft.sender.clone_from(&self.sender),
        }
        if forwarded {
            match &draft.forwarded_from {
                Some(from) => self.forwarded_from = Some(from.clone()),
                None => draft.forwarded_from.clone_from(&self.forwarded_from),
            }
        }
        self.drafts.push(draft);
    }

    /// Gives every draft a time: its own; else (service lines, or a missing title) the time
    /// of the message before it on the same day, else the one after it on the same day, else
    /// midnight of its date separator, else the next message's. A draft with none is dropped.
    /// Each message names its page (from `pages`) as its source.
    fn into_messages(self, pages: &[(String, String)]) -> Vec<ParsedMessage> {
        let mut drafts = self.drafts;
        let mut last: Option<(usize, MessageTime)> = None;
        for d in drafts.iter_mut() {
            if let Some(t) = &d.time {
                last = Some((d.block, t.clone()));
            } else if let Some((block, t)) = &last {
                if *block == d.block {
                    d.time = Some(t.clone());
                }
            }
        }
        let mut next: Option<(usize, MessageTime)> = None;
        let mut next_any: Option<MessageTime> = None;
        for d in drafts.iter_mut().rev() {
            if let Some(t) = &d.time {
                next = Some((d.block, t.clone()));
                next_any = Some(t.clone());
            } else if let Some((_, t)) = next.as_ref().filter(|(block, _)| *block == d.block) {
                d.time = Some(t.clone());
            } else {
                let midnight = d
                    .block
                    .checked_sub(1)
                    .and_then(|i| self.block_dates.get(i).copied().flatten())
                    .and_then(|date| date.and_hms_opt(0, 0, 0));
                d.time = midnight
                    .map(MessageTime::Local)
                    .or_else(|| next_any.clone());
            }
        }
        drafts
            .into_iter()
            .filter_map(|d| {
                Some(ParsedMessage {
                    line: d.line,
                    time: d.time?,
                    sender: d.sender,
                    text: d.text,
                    kind: d.kind,
                    edited: false,
                    attachment: d.attachment,
                    external_id: d.external_id,
                    reply_to: d.reply_to,
                    forwarded_from: d.forwarded_from,
                    source: pages.get(d.page).map(|(name, _)| name.clone()),
                })
            })
            .collect()
    }
}

/// The text and media parts of a message's body (or of its forwarded part).
fn read_content(part: ElementRef<'_>, draft: &mut Draft, extra: &mut Vec<String>) {
    if has_class(part, "text") {
        draft.text = rich_text(part);
    } else if has_class(part, "media_wrap") {
        if let Some(media) = part.child_elements().next() {
            read_media(media, draft, extra);
        }
    }
}

/// A photo, file, call, location, contact or poll.
fn read_media(media: ElementRef<'_>, draft: &mut Draft, extra: &mut Vec<String>) {
    let field = |class: &str| {
        child_with_class(media, "body")
            .and_then(|body| child_with_class(body, class))
            .map(rich_text)
            .unwrap_or_default()
    };
    if has_class(media, "media_call") {
        draft.kind = MessageKind::Call;
        extra.push(call_text(&field("status")));
        return;
    }
    if has_class(media, "media_poll") {
        let question = child_with_class(media, "question")
            .map(rich_text)
            .unwrap_or_default();
        extra.push(format!("Poll: {question}"));
        return;
    }
    let href = media.value().attr("href").unwrap_or("").trim();
    if is_file_link(href) {
        draft.attachment = Some(Attachment::File {
            name: href.to_string(),
        });
        return;
    }
    let (title, description, status) = (field("title"), field("description"), field("status"));
    let lower = description.to_ascii_lowercase();
    if ["not included", "exceeds maximum size", "unavailable"]
        .iter()
        .any(|w| lower.contains(w))
    {
        let what = if title.is_empty() {
            description
        } else {
            format!("{title}: {description}")
        };
        draft.attachment = Some(Attachment::NotIncluded { what });
        return;
    }
    let link = Some(href).filter(|h| !h.is_empty());
    let words: Vec<&str> = [Some(title.as_str()), Some(description.as_str())]
        .into_iter()
        .flatten()
        .chain(Some(status.as_str()))
        .filter(|s| !s.is_empty())
        .collect();
    if has_class(media, "media_location")
        || has_class(media, "media_live_location")
        || has_class(media, "media_venue")
    {
        // The title of a plain location is just "Location"; keep what says where.
        let place: Vec<&str> = words.into_iter().filter(|w| *w != "Location").collect();
        let mut line = format!("Location: {}", place.join(", "));
        if let Some(link) = link {
            line.push_str(&format!(" ({link})"));
        }
        extra.push(line);
    } else if has_class(media, "media_contact") {
        extra.push(format!("Contact: {}", words.join(", ")));
    }
}

/// A link to a file in the export, as opposed to a web address or an in-page link.
fn is_file_link(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    !href.is_empty()
        && !href.starts_with('#')
        && !["http:", "https:", "mailto:", "tel:", "javascript:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme))
}

/// "Incoming (252 seconds)" → "Incoming call, 4 min 12 s"; "Missed" → "Missed call".
fn call_text(status: &str) -> String {
    let (word, rest) = status.split_once('(').unwrap_or((status, ""));
    let word = word.trim();
    let seconds: Option<u64> = rest
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .filter(|s| *s > 0);
    match (word, seconds) {
        ("", None) => "Call".into(),
        ("", Some(s)) => format!("Call, {}", duration_words(s)),
        (word, None) => format!("{word} call"),
        (word, Some(s)) => format!("{word} call, {}", duration_words(s)),
    }
}

/// `title="14.03.2026 09:31:02 UTC+03:00"` (older pages: no zone; very old: year first) → the
/// wall-clock time. The zone is the standard offset, not the one in force (see the module
/// docs), so it is left out here and only counted by [`html_zone_hint`].
fn time_from_title(title: &str) -> Option<MessageTime> {
    let mut words = title.split_whitespace();
    let (date, time) = (words.next()?, words.next()?);
    let numbers = |s: &str, sep: char| -> Option<Vec<u32>> {
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
            return None;
        }
        parts.iter().map(|p| p.parse().ok()).collect()
    };
    let d = numbers(date, '.')?;
    let t = numbers(time, ':')?;
    let (year, month, day) = if date.len() >= 5 && date.as_bytes()[4] == b'.' {
        (d[0], d[1], d[2])
    } else {
        (d[2], d[1], d[0])
    };
    let local = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
        .and_hms_opt(t[0], t[1], t[2])?;
    Some(MessageTime::Local(local))
}

/// "UTC+03:00", "UTC-05:30", "UTC+0545", "UTC" → the offset (at most ±18 h).
fn utc_offset(zone: &str) -> Option<FixedOffset> {
    let rest = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))?;
    if rest.is_empty() {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let (h, m): (i32, i32) = if digits.len() <= 2 {
        (digits.parse().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (digits[..split].parse().ok()?, digits[split..].parse().ok()?)
    };
    if m >= 60 || h * 60 + m > 18 * 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The sender's name: the element's own text (not the forwarded date in its `<span>`), without
/// Telegram's " via @bot".
fn sender_name(el: ElementRef<'_>) -> String {
    let own: String = el
        .children()
        .filter_map(|n| n.value().as_text().map(|t| &**t))
        .collect();
    let own = own.trim();
    own.split_once(" via @")
        .map_or(own, |(name, _)| name.trim_end())
        .to_string()
}

/// `<a href="#go_to_message101">` (or `messages2.html#go_to_message101`) → "101".
fn reply_target(el: ElementRef<'_>) -> Option<String> {
    el.child_elements()
        .filter_map(|a| a.value().attr("href"))
        .find_map(|href| {
            let (_, rest) = href.split_once("go_to_message")?;
            let digits: String = rest
                .chars()
                .take_while(char::is_ascii_digit)
                .take(20)
                .collect();
            (!digits.is_empty()).then_some(digits)
        })
}

/// The chat's name from the page header.
fn page_title(doc: &Html) -> String {
    let header = doc
        .root_element()
        .descendent_elements()
        .find(|el| has_class(*el, "page_header"));
    header
        .and_then(|h| {
            h.descendent_elements()
                .find(|el| has_class(*el, "text") && has_class(*el, "bold"))
        })
        .map(rich_text)
        .unwrap_or_default()
}

/// Text as a reader sees it: `<br>` as a new line, entities decoded, and a link whose words
/// differ from its address followed by the address: "this page (https://…)". Telegram writes
/// real line breaks only as `<br>`, so the page's own indentation is trimmed off the ends.
fn rich_text(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    // Open links: where their words start in `out`, and their address.
    let mut links: Vec<(usize, Option<&str>)> = Vec::new();
    let mut next = root.first_child();
    while let Some(node) = next {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(e) if e.name() == "a" => links.push((out.len(), e.attr("href"))),
            _ => {}
        }
        // A message nested inside another (never in a real export) is read on its own, not
        // again as part of this text: that keeps reading a page linear.
        let nested_message = node
            .value()
            .as_element()
            .is_some_and(|e| e.name() == "div" && e.classes().any(|c| c == "message"));
        if let Some(child) = node.first_child().filter(|_| !nested_message) {
            next = Some(child);
            continue;
        }
        // Close this node and every ancestor whose last child it was, then move on.
        let mut current = node;
        next = loop {
            if matches!(current.value(), Node::Element(e) if e.name() == "a") {
                if let Some((start, href)) = links.pop() {
                    let words = out.get(start..).unwrap_or("").trim();
                    if let Some(href) = href.filter(|h| shows_address(h, words)) {
                        out.push_str(" (");
                        out.push_str(href);
                        out.push(')');
                    }
                }
            }
            if let Some(sibling) = current.next_sibling() {
                break Some(sibling);
            }
            match current.parent() {
                Some(parent) if parent.id() != root.id() => current = parent,
                _ => break None,
            }
        };
    }
    out.trim().to_string()
}

/// A web link whose words hide its address (not a bare URL, not an @mention of it).
fn shows_address(href: &str, words: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let mention = words
        .strip_prefix('@')
        .is_some_and(|name| !name.is_empty() && href.ends_with(name));
    web && href != words && !mention
}

/// Line of the first `id="message…"` of each id in the page, by one pass over the text.
fn message_id_lines(html: &str) -> HashMap<&str, u32> {
    const NEEDLE: &str = "id=\"message";
    let mut lines = HashMap::new();
    let (mut line, mut counted) = (1u32, 0usize);
    for (pos, _) in html.match_indices(NEEDLE) {
        let newlines = html.as_bytes()[counted..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        counted = pos;
        let rest = &html[pos + NEEDLE.len()..];
        if let Some(end) = rest.get(..rest.len().min(32)).and_then(|r| r.find('"')) {
            lines.entry(&rest[..end]).or_insert(line);
        }
    }
    lines
}

fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

fn child_with_class<'a>(el: ElementRef<'a>, class: &str) -> Option<ElementRef<'a>> {
    el.child_elements().find(|c| has_class(*c, class))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE1: &str = include_str!("../../../tests/fixtures/chat/telegram/messages.html");
    const PAGE2: &str = include_str!("../../../tests/fixtures/chat/telegram/messages2.html");

    fn pages() -> Vec<(String, String)> {
        vec![
            ("messages.html".into(), PAGE1.into()),
            ("messages2.html".into(), PAGE2.into()),
        ]
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> MessageTime {
        let day = NaiveDate::from_ymd_opt(y, mo, d).unwrap();
        MessageTime::Local(day.and_hms_opt(h, mi, s).unwrap())
    }

    fn by_id<'c>(chat: &'c ParsedChat, id: &str) -> &'c ParsedMessage {
        chat.messages
            .iter()
            .find(|m| m.external_id.as_deref() == Some(id))
            .unwrap()
    }

    #[test]
    fn two_pages_read_in_order_without_date_separators() {
        let chat = parse_html(&pages()).unwrap();
        assert_eq!(chat.format, Format::TelegramHtml);
        assert_eq!(chat.title, "Anna Meyer");
        let ids: Vec<&str> = chat
            .messages
            .iter()
            .map(|m| m.external_id.as_deref().unwrap())
            .collect();
        assert_eq!(
            ids,
            ["101", "102", "103", "104", "105", "106", "107", "108", "109", "112", "110", "111"]
        );
        let lines: Vec<u32> = chat.messages.iter().map(|m| m.line).collect();
        assert_eq!(
            lines,
            [46, 78, 94, 130, 172, 180, 232, 272, 42, 66, 74, 130]
        );
        // Line numbers are page-local: each message names its page.
        let sources: Vec<&str> = chat
            .messages
            .iter()
            .map(|m| m.source.as_deref().unwrap())
            .collect();
        assert_eq!(sources[..8], ["messages.html"; 8]);
        assert_eq!(sources[8..], ["messages2.html"; 4]);
        assert_eq!(
            chat.participants,
            ["Anna Meyer", "Tom Becker", "Deleted Account"]
        );
    }

    #[test]
    fn times_senders_and_texts_with_entities() {
        let chat = parse_html(&pages()).unwrap();
        let first = by_id(&chat, "101");
        assert_eq!(first.time, at(2026, 3, 14, 9, 31, 2));
        assert_eq!(first.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(
            first.text,
            "Hello! I saw your profile in the \"investment\" group.\nAre you new here?"
        );
        assert_eq!(first.kind, MessageKind::Text);
        let joined = by_id(&chat, "102");
        assert_eq!(joined.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(joined.time, at(2026, 3, 14, 9, 31, 40));
        assert_eq!(
            joined.text,
            "Deposit today on this page (https://cryptomax-trade.io/deposit) & earn 30% at https://cryptomax-trade.io, ask @cryptomax_support"
        );
        let reply = by_id(&chat, "103");
        assert_eq!(reply.sender.as_deref(), Some("Tom Becker"));
        assert_eq!(reply.reply_to.as_deref(), Some("101"));
        assert_eq!(reply.text, "Which platform is it?");
        let deleted = by_id(&chat, "111");
        assert_eq!(deleted.sender.as_deref(), Some("Deleted Account"));
        assert_eq!(deleted.text, "Don't tell your bank <b>anything</b>");
        assert_eq!(deleted.time, at(2026, 3, 15, 8, 5, 0));
    }

    #[test]
    fn media_calls_and_forwards() {
        let chat = parse_html(&pages()).unwrap();
        let photo = by_id(&chat, "104");
        assert_eq!(
            photo.attachment,
            Some(Attachment::File {
                name: "photos/photo_1@14-03-2026_10-02-11.jpg".into()
            })
        );
        assert_eq!(photo.text, "Proof of my profits");
        let call = by_id(&chat, "106");
        assert_eq!(call.kind, MessageKind::Call);
        assert_eq!(call.text, "Incoming call, 4 min 12 s");
        assert_eq!(call.sender.as_deref(), Some("Anna Meyer"));
        let left_out = by_id(&chat, "107");
        assert_eq!(left_out.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(
            left_out.attachment,
            Some(Attachment::NotIncluded {
                what: "Photo: Not included, change data exporting settings to download.".into()
            })
        );
        let forwarded = by_id(&chat, "108");
        assert_eq!(
            forwarded.forwarded_from.as_deref(),
            Some("CryptoMax Support")
        );
        assert_eq!(forwarded.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(forwarded.text, "Your account is verified.");
        let file = by_id(&chat, "110");
        assert_eq!(
            file.attachment,
            Some(Attachment::File {
                name: "files/Contract_final.pdf".into()
            })
        );
        assert_eq!(file.text, "Signed contract");
    }

    #[test]
    fn joined_message_on_the_next_page_keeps_its_sender() {
        let chat = parse_html(&pages()).unwrap();
        let joined = by_id(&chat, "109");
        assert_eq!(joined.sender.as_deref(), Some("Anna Meyer"));
        assert_eq!(joined.time, at(2026, 3, 14, 10, 15, 0));
        assert_eq!(joined.line, 42);
        // A forward does not carry over to a message that is not forwarded.
        assert_eq!(joined.forwarded_from, None);
    }

    #[test]
    fn service_lines_borrow_a_time_from_the_same_day() {
        let chat = parse_html(&pages()).unwrap();
        let pin = by_id(&chat, "105");
        assert_eq!(pin.kind, MessageKind::System);
        assert_eq!(pin.sender, None);
        assert_eq!(pin.text, "Anna Meyer pinned this message");
        assert_eq!(pin.time, at(2026, 3, 14, 10, 2, 11));
        // Right after the "15 March 2026" separator: the next message's time, not the day before.
        let screenshot = by_id(&chat, "112");
        assert_eq!(screenshot.text, "Tom Becker took a screenshot");
        assert_eq!(screenshot.time, at(2026, 3, 15, 8, 0, 0));
    }

    #[test]
    fn times_are_wall_clock_with_or_without_a_zone() {
        let local = Some(MessageTime::Local(
            NaiveDate::from_ymd_opt(2021, 6, 4)
                .unwrap()
                .and_hms_opt(0, 1, 59)
                .unwrap(),
        ));
        assert_eq!(time_from_title("04.06.2021 00:01:59"), local);
        assert_eq!(time_from_title("2021.06.04 00:01:59"), local);
        // The zone written is the standard offset even in summer: never read as exact.
        assert_eq!(time_from_title("04.06.2021 00:01:59 UTC+05:45"), local);
        assert_eq!(time_from_title("04.06.2021 00:01:59 UTC"), local);
        assert_eq!(time_from_title("04.06.2021 00:01:59 UTC+25:00"), local);
        assert_eq!(time_from_title("31.02.2021 00:01:59"), None);
        assert_eq!(time_from_title("09:31"), None);
    }

    #[test]
    fn a_summer_message_keeps_its_wall_clock_time() {
        // Berlin in July is UTC+2, but Telegram writes its standard offset UTC+01:00.
        let page = r#"<div class="message default clearfix" id="message7"><div class="body">
<div class="pull_right date details" title="14.07.2025 21:05:00 UTC+01:00">21:05</div>
<div class="from_name">Anna</div><div class="text">Summer</div></div></div>"#;
        let pages = [("messages.html".to_string(), page.to_string())];
        let chat = parse_html(&pages).unwrap();
        assert_eq!(chat.messages[0].time, at(2025, 7, 14, 21, 5, 0));
        assert_eq!(chat.messages[0].line, 1);
        assert_eq!(html_zone_hint(&pages), FixedOffset::east_opt(3600));
    }

    #[test]
    fn zone_hint_is_the_offset_written_most() {
        assert_eq!(html_zone_hint(&pages()), FixedOffset::east_opt(3 * 3600));
        let title = |zone: &str| {
            format!("<div class=\"pull_right date details\" title=\"14.03.2026 09:31:02 {zone}\">09:31</div>\n")
        };
        let page = format!(
            "{}{}{}{}",
            title("UTC-05:00"),
            title("UTC+05:45"),
            title("UTC+05:45"),
            title("UTC+25:00")
        );
        let other = title("UTC-05:00");
        let pages = [
            ("messages.html".to_string(), page),
            ("messages2.html".to_string(), other),
        ];
        // Two each: the first seen wins the tie; the impossible +25:00 is not counted.
        assert_eq!(html_zone_hint(&pages), FixedOffset::east_opt(-5 * 3600));
        let old = [("messages.html".to_string(), title("").replace(" \"", "\""))];
        assert_eq!(html_zone_hint(&old), None);
        assert_eq!(html_zone_hint(&[]), None);
        // A title cut off at the end of the page, or not a time, is no hint.
        let cut = [(
            "messages.html".to_string(),
            "<div title=\"14.03.2026 09:31:02 UTC+01:00".to_string(),
        )];
        assert_eq!(html_zone_hint(&cut), None);
        let words = [(
            "messages.html".to_string(),
            "<a title=\"see you UTC+01:00\">".to_string(),
        )];
        assert_eq!(html_zone_hint(&words), None);
    }

    #[test]
    fn other_pages_are_not_a_chat() {
        let page = vec![(
            "index.html".to_string(),
            "<html><body><p>Hello</p></body></html>".to_string(),
        )];
        assert!(matches!(parse_html(&page), Err(ChatError::NotAChat { .. })));
        assert!(matches!(parse_html(&[]), Err(ChatError::NotAChat { .. })));
    }

    #[test]
    fn links_in_text_and_odd_markup() {
        let page = r#"<div class="message default clearfix" id="message1"><div class="body">
<div class="pull_right date details" title="14.03.2026 09:31:02 UTC+03:00">09:31</div>
<div class="from_name">Anna <span>x</span> via @paybot</div>
<div class="media_wrap clearfix"><a class="media clearfix pull_left block_link media_location" href="https://maps.google.com/maps?q=52.52,13.405&amp;ll=52.52,13.405&amp;z=16"><div class="fill pull_left"></div><div class="body"><div class="title bold">Location</div><div class="status details">52.52, 13.405</div></div></a></div>
<div class="text"><a href="https://x.io"></a><a href="../../stickers/a.webp">🙂</a><b><i>deep</i></b></div>
</div></div>"#;
        let chat = parse_html(&[("messages.html".into(), page.into())]).unwrap();
        let m = &chat.messages[0];
        assert_eq!(m.sender.as_deref(), Some("Anna"));
        assert_eq!(m.line, 1);
        assert_eq!(m.attachment, None);
        assert_eq!(
            m.text,
            "(https://x.io)🙂deep\nLocation: 52.52, 13.405 (https://maps.google.com/maps?q=52.52,13.405&ll=52.52,13.405&z=16)"
        );
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let page = format!(
            "<div class=\"message default clearfix\" id=\"message1\"><div class=\"body\"><div class=\"pull_right date details\" title=\"14.03.2026 09:31:02\">09:31</div><div class=\"text\">{}deep{}</div></div></div>",
            "<span>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        let chat = parse_html(&[("messages.html".into(), page)]).unwrap();
        assert_eq!(chat.messages[0].text, "deep");
    }

    #[test]
    fn messages_nested_in_messages_are_each_read_once() {
        let depth = 2_000;
        let page = format!(
            "{}{}",
            "<div class=\"message service\" id=\"message5\"><div class=\"body details\">x"
                .repeat(depth),
            "</div></div>".repeat(depth)
        );
        // Service lines alone have no time to borrow: refused, and nothing hangs.
        let Err(ChatError::Damaged(message)) = parse_html(&[("messages.html".into(), page)]) else {
            panic!("lines without any time were accepted");
        };
        assert!(message.starts_with("None of the 2000 lines"), "{message}");
        let page = format!(
            "<div class=\"message default clearfix\" id=\"message1\"><div class=\"body\"><div class=\"pull_right date details\" title=\"14.03.2026 09:31:02\">09:31</div><div class=\"text\">{}</div></div></div>",
            "<div class=\"message service\" id=\"message2\"><div class=\"body details\">y".repeat(depth)
        );
        let chat = parse_html(&[("messages.html".into(), page)]).unwrap();
        assert_eq!(chat.messages.len(), depth + 1);
        assert_eq!(chat.messages[0].text, "");
        assert_eq!(chat.messages[1].text, "y");
    }

    #[test]
    fn every_cut_of_the_pages_reads_without_panicking() {
        for end in (0..PAGE1.len()).step_by(97) {
            let cut = head(PAGE1, end);
            if let Ok(chat) = parse_html(&[("messages.html".into(), cut.into())]) {
                let lines = cut.lines().count().max(1);
                assert!(chat
                    .messages
                    .iter()
                    .all(|m| m.line >= 1 && m.line as usize <= lines));
            }
        }
    }

    #[test]
    fn cheap_check_recognises_pages() {
        assert!(looks_like_html(PAGE1));
        assert!(looks_like_html(PAGE2));
        assert!(!looks_like_html("<html><body>Hello</body></html>"));
    }

    #[test]
    fn call_statuses_in_words() {
        assert_eq!(call_text("Missed"), "Missed call");
        assert_eq!(
            call_text("Outgoing (65 seconds)"),
            "Outgoing call, 1 min 5 s"
        );
        assert_eq!(call_text("Declined"), "Declined call");
        assert_eq!(call_text(""), "Call");
    }
}
