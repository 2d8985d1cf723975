//! LINE chat histories ("Send chat history" / "Save chat history" in a chat's settings): a
//! plain-text file with an optional two-line header, a date line before each day's messages
//! and one tab-separated line per message:
//!
//! ```text
//! [LINE] Chat history with Anna
//! Saved on: 2026/03/20 21:05
//!
//! Sat, 03/14/2026
//! 9:31 AM→Anna→Hello
//! 9:35 AM→Anna→"A message of
//! two lines"
//! 9:40 AM→Anna unsent a message.
//! ```
//!
//! (`→` stands for a tab.) The app writes the phone's wall-clock time in the phone's language:
//! date lines such as `Sat, 03/14/2026`, `2026/03/14(土)`, `2026/03/14（六）`, `2026.03.14 Saturday` or Thai
//! `ส. 14/03/2569` (Buddhist era), times as `09:31`, `9:31 AM`, `午後9:31` or `下午9:31`. Only
//! the numbers of a date line are read; the weekday name is used only to settle day/month order
//! when the numbers cannot (see [`parse`]).
//!
//! A message with line breaks is written in double quotes with inner quotes doubled, like a CSV
//! field; inside such a message, lines that look like times or dates are text. Other lines that
//! are neither a message nor a date line continue the message before them (older exports wrote
//! multi-line messages unquoted).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use regex::Regex;

use super::dates::{self, NumericDate, OrderInference};
use super::{
    Attachment, ChatError, DateOrder, Format, MessageKind, MessageTime, OrderExample, ParseOptions,
    ParsedChat, ParsedMessage,
};

/// How many lines from the top [`looks_like`] reads.
const LOOK_LINES: usize = 40;

/// The time field of a message line: `09:31`, `9:31 AM`, `9:31PM`, `午後9:31`, `下午09:31`,
/// `오후 9:31`, optionally with seconds.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*
        (?:(?P<pre>am|pm|a\.m\.|p\.m\.|午前|午後|上午|下午|오전|오후)\s*)?
        (?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?
        \s*(?P<post>am|pm|a\.m\.|p\.m\.)?\s*$",
    )
    .unwrap_or_else(|e| unreachable!("TIME regex: {e}"))
});

/// A date line: a numeric date with at most a weekday name (letters, dots, commas, brackets)
/// around it. `2026/03/14(土)`, `Sat, 03/14/2026`, `2026.03.14 Saturday`, `ส. 14/03/2569`,
/// `2026年3月14日(土)`.
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<pre>[\p{L}\p{M}\s.,()（）]{0,24}?)(?P<a>\d{1,4})\s*[/.\-年]\s*(?P<b>\d{1,2})\s*[/.\-月]\s*(?P<c>\d{1,4})\s*日?(?P<post>[\p{L}\p{M}\s.,()（）]{0,24})$",
    )
    .unwrap_or_else(|e| unreachable!("DAY regex: {e}"))
});

/// The chat's name in the title line, by language; tried in order, first match wins.
static TITLES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^(?:\[LINE\]\s*)?Chat history (?:with|in) (?P<t>.+)$",
        r"^\[LINE\]\s*(?P<t>.+?)とのトーク履歴$",
        r"^\[LINE\]\s*(?P<t>.+?)のトーク履歴$",
        r"^\[LINE\]\s*[與与](?P<t>.+?)的聊天[記记][錄录]$",
        r"^\[LINE\]\s*(?P<t>.+?)的聊天[記记][錄录]$",
        r"^\[LINE\]\s*ประวัติการ(?:แชท|สนทนา)(?:กับ|ใน)\s*(?P<t>.+)$",
        r"^\[LINE\]\s*(?P<t>.+)$",
    ]
    .iter()
    .map(|p| Regex::new(p).unwrap_or_else(|e| unreachable!("title regex {p}: {e}")))
    .collect()
});

/// What LINE writes instead of media it left out, in the languages known here.
const PLACEHOLDERS: &[&str] = &[
    "[Photo]",
    "[Photos]",
    "[Video]",
    "[Sticker]",
    "[File]",
    "[Voice message]",
    "[Album]",
    "[Location]",
    "[Contact]",
    "[GIF]",
    "[写真]",
    "[動画]",
    "[スタンプ]",
    "[ファイル]",
    "[ボイスメッセージ]",
    "[アルバム]",
    "[位置情報]",
    "[連絡先]",
    "[照片]",
    "[圖片]",
    "[图片]",
    "[影片]",
    "[视频]",
    "[貼圖]",
    "[贴图]",
    "[檔案]",
    "[文件]",
    "[語音訊息]",
    "[语音信息]",
    "[相簿]",
    "[位置]",
    "[รูป]",
    "[ภาพ]",
    "[วิดีโอ]",
    "[สติกเกอร์]",
    "[ไฟล์]",
    "[ข้อความเสียง]",
    "[อัลบั้ม]",
    "[ตำแหน่ง]",
];

/// Quick check on the first lines: a `[LINE]` title, or a date line followed by a
/// tab-separated message line.
pub fn looks_like(text: &str) -> bool {
    let mut seen_day = false;
    for raw in text.lines().take(LOOK_LINES) {
        let line = clean(raw.trim_start_matches('\u{feff}'));
        let line = line.trim_end_matches('\r');
        if line.starts_with("[LINE]") {
            return true;
        }
        if message_line(line).is_some() {
            if seen_day {
                return true;
            }
        } else if !line.contains('\t') && day_line(line).is_some() {
            seen_day = true;
        }
    }
    false
}

/// Reads a LINE chat history. Every message gets a [`MessageTime::Local`] (the phone's clock,
/// zone unknown) and `line`, the 1-based line it starts on; messages stay in file order.
///
/// Day/month order of dates written `03/14/2026` or `14/03/2569` (year last) is worked out over
/// the whole file: a number above 12 decides. When no number does, the weekday names of the
/// date lines (`Sat, 03/07/2026`, `ส. 07/03/2569`) decide if they agree with one order only;
/// otherwise [`ChatError::AmbiguousDateOrder`] asks, unless `options.date_order` says.
/// Year-first dates (`2026/03/14`) are always year/month/day. Thai Buddhist-era years (2400 and
/// above) are turned into the common era.
pub fn parse(text: &str, options: &ParseOptions) -> Result<ParsedChat, ChatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<Cow<'_, str>> = text
        .split('\n')
        .map(|l| clean(l.strip_suffix('\r').unwrap_or(l)))
        .collect();
    let skeleton = read_structure(&lines)?;
    if skeleton.messages.is_empty() && skeleton.title.is_none() {
        return Err(not_a_chat());
    }
    let (order, dates) = resolve_dates(&skeleton.days, options.date_order)?;

    let mut participants = Vec::new();
    let mut known = HashSet::new();
    let mut messages = Vec::with_capacity(skeleton.messages.len());
    for m in skeleton.messages {
        let Some(date) = dates.get(m.day) else {
            continue;
        };
        if let Some(s) = &m.sender {
            if !known.contains(s) {
                known.insert(s.clone());
                participants.push(s.clone());
            }
        }
        let (text, attachment) = match placeholder(&m.text) {
            Some(p) => (
                String::new(),
                Some(Attachment::NotIncluded {
                    what: p.to_string(),
                }),
            ),
            None => (m.text, None),
        };
        messages.push(ParsedMessage {
            line: m.line,
            time: MessageTime::Local(NaiveDateTime::new(*date, m.time)),
            sender: m.sender,
            text,
            kind: m.kind,
            edited: false,
            attachment,
            external_id: None,
            reply_to: None,
            forwarded_from: None,
            source: None,
        });
    }
    Ok(ParsedChat {
        format: Format::Line,
        title: skeleton.title.unwrap_or_default(),
        participants,
        messages,
        date_order: order,
    })
}

fn not_a_chat() -> ChatError {
    ChatError::NotAChat {
        hint: "A LINE chat history has a date line before each day's messages and one line \
               per message: time, name and text, separated by tabs."
            .to_string(),
    }
}

/// A date line as written, before the day/month order is known.
#[derive(Debug)]
struct DayLine {
    line: u32,
    text: String,
    /// The numbers in writing order; the first or the last is the 4-digit year, already in the
    /// common era (a Thai phone's Buddhist-era year is converted when read).
    numbers: NumericDate,
    year_first: bool,
    weekday: Option<Weekday>,
    /// Blank lines just above it (given back if it turns out to be text, see `read_structure`).
    blanks_before: usize,
}

/// A message before its date is known.
#[derive(Debug)]
struct RawMessage {
    line: u32,
    /// Index into the date lines.
    day: usize,
    time: NaiveTime,
    sender: Option<String>,
    text: String,
    kind: MessageKind,
}

#[derive(Debug, Default)]
struct Structure {
    title: Option<String>,
    days: Vec<DayLine>,
    messages: Vec<RawMessage>,
}

/// The fields of a message line: time, sender (`None` for a two-field or empty-sender line),
/// and text.
struct MessageFields<'a> {
    time: NaiveTime,
    sender: Option<&'a str>,
    text: &'a str,
}

/// First pass: which lines are date lines, messages and continuations. Dates stay numbers.
fn read_structure(lines: &[Cow<'_, str>]) -> Result<Structure, ChatError> {
    let mut s = Structure::default();
    let mut blanks = 0usize;
    // A date line directly followed by a continuation line was text of the message before it.
    let mut day_since_message = false;
    let mut i = 0;
    while i < lines.len() {
        let line: &str = &lines[i];
        let number = line_number(i);
        if let Some(f) = message_line(line) {
            let Some(day) = s.days.len().checked_sub(1) else {
                return Err(ChatError::Damaged(format!(
                    "Line {number} is a message that comes before any date line, so its day is \
                     unknown: \"{}\". The start of the file may be missing; export the chat again.",
                    shorten(line)
                )));
            };
            let (text, last) = match quoted_message(lines, i, f.text) {
                Some((text, last)) => (text, last),
                None => (f.text.to_string(), i),
            };
            let kind = if f.sender.is_none() {
                MessageKind::System
            } else if text.trim_start().starts_with('☎') {
                MessageKind::Call
            } else {
                MessageKind::Text
            };
            s.messages.push(RawMessage {
                line: number,
                day,
                time: f.time,
                sender: f.sender.map(str::to_string),
                text,
                kind,
            });
            blanks = 0;
            day_since_message = false;
            i = last + 1;
            continue;
        }
        if !line.contains('\t') {
            if let Some(mut d) = day_line(line) {
                d.line = number;
                d.blanks_before = blanks;
                s.days.push(d);
                blanks = 0;
                day_since_message = true;
                i += 1;
                continue;
            }
        }
        if line.trim().is_empty() {
            blanks += 1;
            i += 1;
            continue;
        }
        if s.days.is_empty() {
            // The header: a title line, "Saved on: …", perhaps in a language not known here.
            if s.title.is_none() && (line.starts_with("[LINE]") || line.starts_with("Chat history"))
            {
                s.title = title(line);
            }
            blanks = 0;
            i += 1;
            continue;
        }
        let Some(last) = s.messages.last_mut() else {
            if s.title.is_none() {
                return Err(not_a_chat());
            }
            return Err(ChatError::Damaged(format!(
                "Line {number} is text that belongs to no message: \"{}\". The file may be \
                 damaged; export the chat again.",
                shorten(line)
            )));
        };
        if day_since_message {
            // The "date line" above was a line of this message's text after all.
            if let Some(d) = s.days.pop() {
                push_lines(&mut last.text, d.blanks_before + 1);
                last.text.push_str(&d.text);
            }
            day_since_message = false;
        }
        push_lines(&mut last.text, blanks + 1);
        last.text.push_str(line);
        blanks = 0;
        i += 1;
    }
    Ok(s)
}

/// Appends `n` line breaks.
fn push_lines(text: &mut String, n: usize) {
    for _ in 0..n {
        text.push('\n');
    }
}

/// A message whose text starts with `"` and whose closing quote is on a later line: its text
/// (quotes removed, doubled quotes undone) and the index of its last line. `None` when the text
/// is not such a quoted message (the quote closes on the first line, or never closes properly);
/// the first line is then the whole text, as written.
///
/// Linear overall: the look-ahead stops at the first line with a lone quote, and every line
/// that opens a quoted message has one, so no line is looked at by two look-aheads that fail.
fn quoted_message(lines: &[Cow<'_, str>], start: usize, first: &str) -> Option<(String, usize)> {
    let body = first.strip_prefix('"')?;
    if quote_state(body) != Quote::Open {
        return None;
    }
    let mut end = None;
    for (j, l) in lines.iter().enumerate().skip(start + 1) {
        match quote_state(l) {
            Quote::Open => {}
            Quote::Closed => {
                end = Some(j);
                break;
            }
            Quote::Invalid => return None,
        }
    }
    let end = end?;
    let mut text = unescape_quotes(body);
    for l in &lines[start + 1..end] {
        text.push('\n');
        text.push_str(&unescape_quotes(l));
    }
    text.push('\n');
    let closing: &str = &lines[end];
    text.push_str(&unescape_quotes(
        closing.strip_suffix('"').unwrap_or(closing),
    ));
    Some((text, end))
}

#[derive(Debug, PartialEq, Eq)]
enum Quote {
    /// Every quote doubled: the quoted text goes on.
    Open,
    /// A lone quote at the very end: the quoted text ends here.
    Closed,
    /// A lone quote before the end: not a quoted text.
    Invalid,
}

fn quote_state(s: &str) -> Quote {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        if chars.peek() == Some(&'"') {
            chars.next();
        } else if chars.peek().is_none() {
            return Quote::Closed;
        } else {
            return Quote::Invalid;
        }
    }
    Quote::Open
}

fn unescape_quotes(s: &str) -> String {
    s.replace("\"\"", "\"")
}

/// A message line: `time<TAB>sender<TAB>text`, or `time<TAB>text` for lines the app wrote.
fn message_line(line: &str) -> Option<MessageFields<'_>> {
    let (time, rest) = line.split_once('\t')?;
    let time = clock(time)?;
    Some(match rest.split_once('\t') {
        Some((sender, text)) => {
            let sender = sender.trim();
            MessageFields {
                time,
                sender: (!sender.is_empty()).then_some(sender),
                text,
            }
        }
        None => MessageFields {
            time,
            sender: None,
            text: rest,
        },
    })
}

/// `09:31`, `9:31 PM`, `午後9:31`, `下午0:05` → time of day.
fn clock(field: &str) -> Option<NaiveTime> {
    if field.len() > 40 {
        return None;
    }
    let c = TIME.captures(field)?;
    let hour: u32 = c.name("h")?.as_str().parse().ok()?;
    let minute: u32 = c.name("m")?.as_str().parse().ok()?;
    let second: u32 = match c.name("s") {
        Some(s) => s.as_str().parse().ok()?,
        None => 0,
    };
    let meridiem = match (c.name("pre"), c.name("post")) {
        (Some(_), Some(_)) => return None,
        (Some(m), None) | (None, Some(m)) => Some(m.as_str()),
        (None, None) => None,
    };
    let hour = match meridiem {
        None => hour,
        // 12-hour clocks: "12:05 PM" and Japanese "午後0:05" are both five past noon.
        Some(_) if hour > 12 => return None,
        Some(m) if is_afternoon(m) => hour % 12 + 12,
        Some(_) => hour % 12,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

fn is_afternoon(meridiem: &str) -> bool {
    let m = meridiem.to_ascii_lowercase();
    m.starts_with('p') || matches!(m.as_str(), "午後" | "下午" | "오후")
}

/// A date line's numbers and weekday, if the line is only a date (and a weekday name). The
/// 4-digit year comes first or last; a date whose numbers fit no reading is not a date line.
fn day_line(line: &str) -> Option<DayLine> {
    if line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let c = DAY.captures(line)?;
    let (a, b, cc) = (
        c.name("a")?.as_str(),
        c.name("b")?.as_str(),
        c.name("c")?.as_str(),
    );
    let year_first = match (a.len(), cc.len()) {
        (4, 1 | 2) => true,
        (1 | 2, 4) => false,
        _ => return None,
    };
    // Digits only (the lengths above are then digit counts); the year in the common era.
    let number = |m: &str| -> Option<u32> { m.parse().ok() };
    let mut parts = [number(a)?, number(b)?, number(cc)?];
    let year = if year_first { 0 } else { 2 };
    parts[year] = dates::common_era_year(parts[year]);
    let digits = [a.len(), b.len(), cc.len()].map(|n| u8::try_from(n).unwrap_or(u8::MAX));
    let d = DayLine {
        line: 0,
        text: line.to_string(),
        numbers: NumericDate { parts, digits },
        year_first,
        weekday: dates::weekday_named(&format!(
            "{}{}",
            c.name("pre").map_or("", |m| m.as_str()),
            c.name("post").map_or("", |m| m.as_str())
        )),
        blanks_before: 0,
    };
    let fits = if year_first {
        d.date(DateOrder::Ymd).is_some()
    } else {
        d.date(DateOrder::Dmy).is_some() || d.date(DateOrder::Mdy).is_some()
    };
    fits.then_some(d)
}

impl DayLine {
    /// The date in `order`; year-first lines are always year/month/day.
    fn date(&self, order: DateOrder) -> Option<NaiveDate> {
        match (self.year_first, order) {
            (true, _) => dates::date_in_order(&self.numbers, DateOrder::Ymd),
            (false, DateOrder::Ymd) => None,
            (false, order) => dates::date_in_order(&self.numbers, order),
        }
    }

    /// Whether the two orders give different dates (`03/07/2026`, not `03/03/2026`).
    fn ambiguous(&self) -> bool {
        !self.year_first
            && self.numbers.parts[0] != self.numbers.parts[1]
            && self.date(DateOrder::Dmy).is_some()
            && self.date(DateOrder::Mdy).is_some()
    }
}

/// The date order to use for year-last date lines, and every date line's date.
fn resolve_dates(
    days: &[DayLine],
    chosen: Option<DateOrder>,
) -> Result<(Option<DateOrder>, Vec<NaiveDate>), ChatError> {
    if days.is_empty() {
        return Ok((None, Vec::new()));
    }
    let year_last: Vec<&DayLine> = days.iter().filter(|d| !d.year_first).collect();
    let order = if year_last.is_empty() {
        DateOrder::Ymd
    } else if let Some(order) = chosen {
        if let Some(misfit) = year_last.iter().find(|d| d.date(order).is_none()) {
            return Err(ChatError::DateOrderDoesNotFit {
                order,
                line: misfit.line,
                text: misfit.text.clone(),
            });
        }
        order
    } else {
        infer_order(&year_last)?
    };
    let mut dates = Vec::with_capacity(days.len());
    for d in days {
        match d.date(order) {
            Some(date) => dates.push(date),
            // Unreachable after the checks above; kept as an error rather than a panic.
            None => {
                return Err(ChatError::DateOrderDoesNotFit {
                    order,
                    line: d.line,
                    text: d.text.clone(),
                })
            }
        }
    }
    Ok((Some(order), dates))
}

/// Day/month order from the year-last date lines: the numbers ([`dates::infer_order`]; a
/// 1–2-digit first number never reads year first), then the weekday names, then ask.
fn infer_order(year_last: &[&DayLine]) -> Result<DateOrder, ChatError> {
    let numbers: Vec<NumericDate> = year_last.iter().map(|d| d.numbers).collect();
    match dates::infer_order(&numbers) {
        // Day first also when every date reads the same both ways (03/03/2026).
        OrderInference::Decided(order) => return Ok(order),
        OrderInference::NoneFits { .. } | OrderInference::Empty => {
            // Some dates only fit day/month, others only month/day.
            let first = |o: DateOrder| year_last.iter().find(|d| d.date(o).is_none());
            let (a, b) = (first(DateOrder::Dmy), first(DateOrder::Mdy));
            let (Some(a), Some(b)) = (a, b) else {
                return Err(ChatError::Damaged(
                    "The date lines do not agree on the order of day and month.".to_string(),
                ));
            };
            let (a, b) = if a.line < b.line { (a, b) } else { (b, a) };
            return Err(ChatError::Damaged(format!(
                "The date lines do not agree: line {} (\"{}\") can only be read one way round \
                 and line {} (\"{}\") only the other. The file may have been edited or joined \
                 from two phones; export the chat again.",
                a.line, a.text, b.line, b.text
            )));
        }
        OrderInference::Ambiguous(_) => {}
    }
    let ambiguous: Vec<&&DayLine> = year_last.iter().filter(|d| d.ambiguous()).collect();
    let named = |o: DateOrder| {
        year_last.iter().all(|d| match (d.weekday, d.date(o)) {
            (Some(w), Some(date)) => date.weekday() == w,
            _ => true,
        })
    };
    let has_names = year_last.iter().any(|d| d.weekday.is_some());
    if has_names {
        match (named(DateOrder::Dmy), named(DateOrder::Mdy)) {
            (true, false) => return Ok(DateOrder::Dmy),
            (false, true) => return Ok(DateOrder::Mdy),
            _ => {}
        }
    }
    Err(ChatError::AmbiguousDateOrder {
        candidates: vec![DateOrder::Dmy, DateOrder::Mdy],
        examples: ambiguous
            .iter()
            .take(2)
            .map(|d| OrderExample {
                line_text: d.text.clone(),
                line: d.line,
                readings: dates::readings(&d.numbers, &[DateOrder::Dmy, DateOrder::Mdy]),
            })
            .collect(),
    })
}

/// The chat's name from the title line.
fn title(line: &str) -> Option<String> {
    TITLES
        .iter()
        .find_map(|r| r.captures(line)?.name("t"))
        .map(|t| t.as_str().trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The placeholder a bare media message is, if it is one.
fn placeholder(text: &str) -> Option<&'static str> {
    let t = text.trim();
    PLACEHOLDERS.iter().copied().find(|p| *p == t)
}

/// The line without direction marks (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and with
/// narrow no-break spaces as spaces, which phones put around times and names.
fn clean(line: &str) -> Cow<'_, str> {
    let marked = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !line.chars().any(|c| marked(c) || c == '\u{202f}') {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .filter(|c| !marked(*c))
            .map(|c| if c == '\u{202f}' { ' ' } else { c })
            .collect(),
    )
}

/// 1-based line number of index `i`, saturating.
fn line_number(i: usize) -> u32 {
    u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX)
}

/// A line cut to a length fit for an error message.
fn shorten(line: &str) -> String {
    const MAX: usize = 80;
    if line.chars().count() <= MAX {
        line.to_string()
    } else {
        let mut s: String = line.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH_US: &str = include_str!("../../tests/fixtures/chat/line/english_us.txt");
    const JAPANESE: &str = include_str!("../../tests/fixtures/chat/line/japanese.txt");
    const CHINESE_TRADITIONAL: &str =
        include_str!("../../tests/fixtures/chat/line/chinese_traditional.txt");
    const THAI_BUDDHIST: &str = include_str!("../../tests/fixtures/chat/line/thai_buddhist.txt");
    const AMBIGUOUS: &str = include_str!("../../tests/fixtures/chat/line/ambiguous.txt");
    const SYSTEM_LINES: &str = include_str!("../../tests/fixtures/chat/line/system_lines.txt");

    fn at(date: &str, time: &str) -> MessageTime {
        let t = format!("{date} {time}");
        MessageTime::Local(
            NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M")
                .unwrap_or_else(|e| panic!("{t}: {e}")),
        )
    }

    fn parse_default(text: &str) -> Result<ParsedChat, ChatError> {
        parse(text, &ParseOptions::default())
    }

    fn not_included(what: &str) -> Option<Attachment> {
        Some(Attachment::NotIncluded {
            what: what.to_string(),
        })
    }

    /// (line, time, sender, text, kind) of every message.
    fn summary(chat: &ParsedChat) -> Vec<(u32, MessageTime, Option<&str>, &str, MessageKind)> {
        chat.messages
            .iter()
            .map(|m| {
                (
                    m.line,
                    m.time.clone(),
                    m.sender.as_deref(),
                    m.text.as_str(),
                    m.kind,
                )
            })
            .collect()
    }

    #[test]
    fn english_us_fixture() {
        let chat = parse_default(ENGLISH_US).unwrap();
        assert_eq!(chat.format, Format::Line);
        assert_eq!(chat.title, "Anna Lee");
        assert_eq!(chat.date_order, Some(DateOrder::Mdy));
        assert_eq!(chat.participants, ["Anna Lee", "Mark"]);
        assert!(chat.messages.iter().all(|m| m.source.is_none()));
        use MessageKind::*;
        let anna = Some("Anna Lee");
        let mark = Some("Mark");
        assert_eq!(
            summary(&chat),
            vec![
                (
                    5,
                    at("2026-03-14", "09:31"),
                    anna,
                    "Hello! Is this Mark?",
                    Text
                ),
                (
                    6,
                    at("2026-03-14", "09:32"),
                    mark,
                    "Yes, who is this?",
                    Text
                ),
                (
                    7,
                    at("2026-03-14", "09:35"),
                    anna,
                    "Sorry, wrong number.\nBut since we are talking…\n\
                     10:00 AM\tBob\tthis line is inside the message\nSun, 03/15/2026\n\
                     My uncle said \"hold USDT\" and I did",
                    Text
                ),
                (12, at("2026-03-14", "09:36"), anna, "", Text),
                (13, at("2026-03-14", "12:05"), mark, "Nice view", Text),
                (14, at("2026-03-14", "00:15"), anna, "Still awake?", Text),
                (17, at("2026-03-15", "20:02"), anna, "☎ Missed call", Call),
                (
                    18,
                    at("2026-03-15", "20:10"),
                    mark,
                    "☎ Call time 4:12",
                    Call
                ),
                (
                    19,
                    at("2026-03-15", "23:59"),
                    anna,
                    "I made 30% in one week\n\non the platform",
                    Text
                ),
                (22, at("2026-03-15", "23:59"), anna, "", Text),
            ]
        );
        assert_eq!(chat.messages[3].attachment, not_included("[Photo]"));
        assert_eq!(chat.messages[9].attachment, not_included("[Sticker]"));
        assert_eq!(chat.messages[0].attachment, None);
        assert!(looks_like(ENGLISH_US));
    }

    #[test]
    fn crlf_bom_and_direction_marks_read_the_same() {
        let crlf = format!("\u{feff}{}", ENGLISH_US.replace('\n', "\r\n"));
        assert_eq!(parse_default(&crlf), parse_default(ENGLISH_US));
        let marked = ENGLISH_US.replace("\tMark\t", "\t\u{200e}Mark\u{200e}\t");
        assert_eq!(parse_default(&marked), parse_default(ENGLISH_US));
        let narrow = ENGLISH_US.replace(" AM\t", "\u{202f}AM\t");
        assert_eq!(parse_default(&narrow), parse_default(ENGLISH_US));
    }

    #[test]
    fn japanese_fixture() {
        let chat = parse_default(JAPANESE).unwrap();
        assert_eq!(chat.title, "Anna");
        assert_eq!(chat.date_order, Some(DateOrder::Ymd));
        assert_eq!(chat.participants, ["Anna", "健太"]);
        use MessageKind::*;
        assert_eq!(
            summary(&chat),
            vec![
                (
                    5,
                    at("2026-03-14", "09:31"),
                    Some("Anna"),
                    "はじめまして",
                    Text
                ),
                (6, at("2026-03-14", "21:31"), Some("健太"), "", Text),
                (
                    7,
                    at("2026-03-14", "12:05"),
                    Some("Anna"),
                    "☎ 通話時間 4:12",
                    Call
                ),
                (
                    8,
                    at("2026-03-14", "12:10"),
                    Some("健太"),
                    "☎ 不在着信",
                    Call
                ),
                (
                    11,
                    at("2026-03-15", "21:40"),
                    Some("Anna"),
                    "投資の話を\n聞いてください",
                    Text
                ),
                (13, at("2026-03-15", "21:41"), Some("Anna"), "", Text),
                (
                    14,
                    at("2026-03-15", "21:42"),
                    None,
                    "Annaが送信を取り消しました",
                    System
                ),
                (
                    15,
                    at("2026-03-15", "21:43"),
                    None,
                    "健太がグループに参加しました",
                    System
                ),
            ]
        );
        assert_eq!(chat.messages[1].attachment, not_included("[写真]"));
        assert_eq!(chat.messages[5].attachment, not_included("[スタンプ]"));
        assert!(looks_like(JAPANESE));
    }

    #[test]
    fn chinese_traditional_fixture_with_crlf_and_bom() {
        assert!(CHINESE_TRADITIONAL.starts_with('\u{feff}'));
        assert!(CHINESE_TRADITIONAL.contains("\r\n"));
        let chat = parse_default(CHINESE_TRADITIONAL).unwrap();
        assert_eq!(chat.title, "Anna");
        assert_eq!(chat.participants, ["Anna", "小明"]);
        use MessageKind::*;
        assert_eq!(
            summary(&chat),
            vec![
                (5, at("2026-03-14", "21:31"), Some("Anna"), "你好", Text),
                (6, at("2026-03-14", "21:32"), Some("小明"), "", Text),
                (7, at("2026-03-14", "00:02"), Some("Anna"), "", Text),
                (10, at("2026-03-15", "10:02"), Some("小明"), "", Text),
                (
                    11,
                    at("2026-03-15", "10:03"),
                    None,
                    "Anna已收回訊息",
                    System
                ),
                (
                    12,
                    at("2026-03-15", "12:30"),
                    Some("Anna"),
                    "☎ 未接來電",
                    Call
                ),
            ]
        );
        let placeholders: Vec<_> = chat.messages.iter().map(|m| m.attachment.clone()).collect();
        assert_eq!(
            placeholders,
            vec![
                None,
                not_included("[貼圖]"),
                not_included("[照片]"),
                not_included("[影片]"),
                None,
                None
            ]
        );
        assert!(looks_like(CHINESE_TRADITIONAL));
    }

    #[test]
    fn thai_buddhist_fixture() {
        let chat = parse_default(THAI_BUDDHIST).unwrap();
        assert_eq!(chat.title, "Anna");
        assert_eq!(chat.date_order, Some(DateOrder::Dmy));
        assert_eq!(chat.participants, ["Anna", "สมชาย"]);
        use MessageKind::*;
        assert_eq!(
            summary(&chat),
            vec![
                (5, at("2026-03-14", "09:31"), Some("Anna"), "สวัสดีค่ะ", Text),
                (6, at("2026-03-14", "09:32"), Some("สมชาย"), "", Text),
                (7, at("2026-03-14", "09:33"), Some("Anna"), "", Text),
                (
                    10,
                    at("2026-03-15", "18:00"),
                    Some("สมชาย"),
                    "☎ ระยะเวลาการโทร 1:05",
                    Call
                ),
                (11, at("2026-03-15", "18:05"), Some("Anna"), "", Text),
            ]
        );
        let placeholders: Vec<_> = chat.messages.iter().map(|m| m.attachment.clone()).collect();
        assert_eq!(
            placeholders,
            vec![
                None,
                not_included("[รูป]"),
                not_included("[สติกเกอร์]"),
                None,
                not_included("[ไฟล์]")
            ]
        );
    }

    #[test]
    fn ambiguous_fixture_asks_with_two_examples() {
        let err = parse_default(AMBIGUOUS).unwrap_err();
        assert_eq!(
            err,
            ChatError::AmbiguousDateOrder {
                candidates: vec![DateOrder::Dmy, DateOrder::Mdy],
                examples: vec![
                    OrderExample {
                        line_text: "03/07/2026".to_string(),
                        line: 4,
                        readings: vec![
                            (DateOrder::Dmy, "Friday 3 July 2026".to_string()),
                            (DateOrder::Mdy, "Saturday 7 March 2026".to_string()),
                        ],
                    },
                    OrderExample {
                        line_text: "04/07/2026".to_string(),
                        line: 7,
                        readings: vec![
                            (DateOrder::Dmy, "Saturday 4 July 2026".to_string()),
                            (DateOrder::Mdy, "Tuesday 7 April 2026".to_string()),
                        ],
                    },
                ],
            }
        );
        assert!(err.to_string().contains("day/month/year or month/day/year"));
    }

    #[test]
    fn ambiguous_fixture_with_a_chosen_order() {
        let times = |order| {
            let chat = parse(
                AMBIGUOUS,
                &ParseOptions {
                    date_order: Some(order),
                },
            )
            .unwrap();
            assert_eq!(chat.date_order, Some(order));
            chat.messages
                .iter()
                .map(|m| m.time.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            times(DateOrder::Dmy),
            [
                at("2026-07-03", "09:31"),
                at("2026-07-04", "21:00"),
                at("2026-05-05", "08:00")
            ]
        );
        assert_eq!(
            times(DateOrder::Mdy),
            [
                at("2026-03-07", "09:31"),
                at("2026-04-07", "21:00"),
                at("2026-05-05", "08:00")
            ]
        );
        // Year-first cannot be how "03/07/2026" is written.
        assert!(matches!(
            parse(
                AMBIGUOUS,
                &ParseOptions {
                    date_order: Some(DateOrder::Ymd)
                }
            ),
            Err(ChatError::DateOrderDoesNotFit {
                order: DateOrder::Ymd,
                line: 4,
                ..
            })
        ));
    }

    #[test]
    fn chosen_order_that_does_not_fit_names_the_line() {
        let err = parse(
            ENGLISH_US,
            &ParseOptions {
                date_order: Some(DateOrder::Dmy),
            },
        )
        .unwrap_err();
        assert_eq!(
            err,
            ChatError::DateOrderDoesNotFit {
                order: DateOrder::Dmy,
                line: 4,
                text: "Sat, 03/14/2026".to_string(),
            }
        );
    }

    #[test]
    fn weekday_names_decide_an_order_the_numbers_cannot() {
        let text = |first: &str, second: &str| {
            format!("[LINE] Chat history with Anna\n\n{first}\n09:31\tAnna\tHi\n\n{second}\n10:00\tAnna\tHello\n")
        };
        // 03/07/2026 is Saturday 7 March (m/d) or Friday 3 July (d/m).
        let mdy = parse_default(&text("Sat, 03/07/2026", "Tue, 04/07/2026")).unwrap();
        assert_eq!(mdy.date_order, Some(DateOrder::Mdy));
        assert_eq!(mdy.messages[0].time, at("2026-03-07", "09:31"));
        let dmy = parse_default(&text("Fri, 03/07/2026", "Sat, 04/07/2026")).unwrap();
        assert_eq!(dmy.date_order, Some(DateOrder::Dmy));
        assert_eq!(dmy.messages[1].time, at("2026-07-04", "10:00"));
        let thai = parse_default(&text("ศ. 03/07/2569", "ส. 04/07/2569")).unwrap();
        assert_eq!(thai.date_order, Some(DateOrder::Dmy));
        assert_eq!(thai.messages[0].time, at("2026-07-03", "09:31"));
        // Names that fit neither order (or both) do not decide: ask.
        assert!(matches!(
            parse_default(&text("Sun, 03/07/2026", "Tue, 04/07/2026")),
            Err(ChatError::AmbiguousDateOrder { .. })
        ));
    }

    #[test]
    fn same_day_and_month_everywhere_needs_no_question() {
        let chat = parse_default("05/05/2026\n09:31\tAnna\tHi\n").unwrap();
        assert_eq!(chat.messages[0].time, at("2026-05-05", "09:31"));
        assert_eq!(chat.title, "");
    }

    #[test]
    fn dates_that_disagree_are_damage() {
        let text = "14/03/2026\n09:31\tAnna\tHi\n\n03/15/2026\n09:31\tAnna\tHi\n";
        match parse_default(text) {
            Err(ChatError::Damaged(m)) => {
                assert!(m.contains("line 1") && m.contains("line 4"), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn system_lines_fixture() {
        let chat = parse_default(SYSTEM_LINES).unwrap();
        assert_eq!(chat.title, "Weekend Trip");
        assert_eq!(chat.participants, ["Anna", "Bob"]);
        use MessageKind::*;
        assert_eq!(
            summary(&chat),
            vec![
                (5, at("2026-03-14", "09:31"), Some("Anna"), "Hi all", Text),
                (
                    6,
                    at("2026-03-14", "09:40"),
                    None,
                    "Anna unsent a message.",
                    System
                ),
                (
                    7,
                    at("2026-03-14", "09:41"),
                    None,
                    "Mark joined the group.",
                    System
                ),
                (
                    8,
                    at("2026-03-14", "09:42"),
                    None,
                    "Anna added Bob to the group.",
                    System
                ),
                (
                    9,
                    at("2026-03-14", "09:43"),
                    Some("Bob"),
                    "Thanks for adding me\nsecond line without quotes\n\nthird line after a blank",
                    Text
                ),
                (
                    15,
                    at("2026-03-15", "10:00"),
                    Some("Bob"),
                    "☎ Canceled call",
                    Call
                ),
                (
                    16,
                    at("2026-03-15", "10:01"),
                    None,
                    "Bob left the group.",
                    System
                ),
            ]
        );
    }

    #[test]
    fn older_date_line_shapes() {
        for (header, date) in [
            ("2026/03/14(Sat)", "2026-03-14"),
            ("2026.03.14 Saturday", "2026-03-14"),
            ("2026/3/14周六", "2026-03-14"),
            ("2026/03/14(週六)", "2026-03-14"),
            ("2026年3月14日(土)", "2026-03-14"),
            ("Saturday, 14/03/2026", "2026-03-14"),
            ("วันเสาร์ที่ 14/03/2569", "2026-03-14"),
        ] {
            let chat = parse_default(&format!("{header}\n9:31 PM\tAnna\tHi\n"))
                .unwrap_or_else(|e| panic!("{header}: {e}"));
            assert_eq!(chat.messages[0].time, at(date, "21:31"), "{header}");
        }
    }

    #[test]
    fn clock_shapes() {
        let t = |s: &str| clock(s).map(|t| t.format("%H:%M:%S").to_string());
        assert_eq!(t("09:31").as_deref(), Some("09:31:00"));
        assert_eq!(t("9:31 PM").as_deref(), Some("21:31:00"));
        assert_eq!(t("9:31pm").as_deref(), Some("21:31:00"));
        assert_eq!(t("12:00 AM").as_deref(), Some("00:00:00"));
        assert_eq!(t("12:00 PM").as_deref(), Some("12:00:00"));
        assert_eq!(t("午後0:05").as_deref(), Some("12:05:00"));
        assert_eq!(t("下午9:31").as_deref(), Some("21:31:00"));
        assert_eq!(t("上午12:02").as_deref(), Some("00:02:00"));
        assert_eq!(t("오후 3:04").as_deref(), Some("15:04:00"));
        assert_eq!(t("09:31:07").as_deref(), Some("09:31:07"));
        for bad in [
            "24:00",
            "9:60",
            "13:00 PM",
            "PM 9:31 PM",
            "9.31",
            "",
            "99999999999:00",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn message_before_any_date_line_is_damage_naming_the_line() {
        let text = "[LINE] Chat history with Anna\nSaved on: 2026/03/20 21:05\n\n09:31\tAnna\tHi\n";
        match parse_default(text) {
            Err(ChatError::Damaged(m)) => {
                assert!(m.starts_with("Line 4 "), "{m}");
                assert!(m.contains("09:31\tAnna\tHi"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_files_are_not_a_chat() {
        for text in [
            "",
            "hello\nworld\n",
            "14/03/2026, 09:31 - Anna: Hi\n14/03/2026, 09:32 - Mark: Hello\n",
            "[14/03/2026, 09:31:02] Anna: Hi\n",
            "{\"name\": \"Anna\", \"messages\": []}",
            "Meeting notes\n2026/03/14\nbring the papers\n",
        ] {
            assert!(!looks_like(text), "{text}");
            assert!(
                matches!(parse_default(text), Err(ChatError::NotAChat { .. })),
                "{text}: {:?}",
                parse_default(text)
            );
        }
    }

    #[test]
    fn header_is_optional_and_titles_in_each_language() {
        let chat = parse_default("Sat, 03/14/2026\n9:31 AM\tAnna\tHi\n").unwrap();
        assert_eq!(chat.title, "");
        assert!(looks_like("Sat, 03/14/2026\n9:31 AM\tAnna\tHi\n"));
        for (line, name) in [
            ("[LINE] Chat history with Anna", "Anna"),
            ("[LINE] Chat history in Weekend Trip", "Weekend Trip"),
            ("[LINE] Annaとのトーク履歴", "Anna"),
            ("[LINE] 週末旅行のトーク履歴", "週末旅行"),
            ("[LINE] 與Anna的聊天記錄", "Anna"),
            ("[LINE] 与Anna的聊天记录", "Anna"),
            ("[LINE] ประวัติการแชทกับ Anna", "Anna"),
            ("[LINE] ประวัติการสนทนากับ Anna", "Anna"),
            (
                "[LINE] Riwayat chat dengan Anna",
                "Riwayat chat dengan Anna",
            ),
        ] {
            assert_eq!(title(line).as_deref(), Some(name), "{line}");
        }
    }

    #[test]
    fn quotes_that_are_not_a_multiline_message_stay_as_written() {
        let text = "2026/03/14(Sat)\n\
                    09:31\tAnna\t\"Really?\n\
                    09:32\tMark\tyes\n\
                    09:33\tAnna\t\"hi\"\n\
                    09:34\tAnna\t\"quoted\" then more\n\
                    09:35\tMark\t\"never closed\n\
                    and on\n";
        let chat = parse_default(text).unwrap();
        let texts: Vec<_> = chat
            .messages
            .iter()
            .map(|m| (m.line, m.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (2, "\"Really?"),
                (3, "yes"),
                (4, "\"hi\""),
                (5, "\"quoted\" then more"),
                (6, "\"never closed\nand on"),
            ]
        );
    }

    #[test]
    fn date_shaped_text_line_followed_by_more_text_stays_text() {
        let text = "2026/03/14(Sat)\n09:31\tAnna\tMeet on\n2026/03/20\nat the bank\n\n2026/03/15(Sun)\n10:00\tAnna\tok\n";
        let chat = parse_default(text).unwrap();
        assert_eq!(chat.messages[0].text, "Meet on\n2026/03/20\nat the bank");
        assert_eq!(chat.messages[1].time, at("2026-03-15", "10:00"));
    }

    #[test]
    fn text_after_a_date_line_that_belongs_to_no_message_is_damage() {
        let text = "[LINE] Chat history with Anna\n\n2026/03/14(Sat)\nstray text\n";
        assert!(
            matches!(parse_default(text), Err(ChatError::Damaged(m)) if m.starts_with("Line 4 "))
        );
    }

    #[test]
    fn many_messages_parse_in_one_pass() {
        let mut text = String::from("[LINE] Chat history with Anna\nSaved on: 2026/03/20 21:05\n");
        for day in 0..500u32 {
            text.push_str(&format!("\nSat, 03/{:02}/2026\n", day % 28 + 1));
            for i in 0..100u32 {
                if i % 10 == 0 {
                    text.push_str("9:31 PM\tAnna\t\"two\nlines\"\n");
                } else {
                    text.push_str(&format!("9:{:02} AM\tMark\tmessage {i}\n", i % 60));
                }
            }
        }
        let chat = parse_default(&text).unwrap();
        assert_eq!(chat.messages.len(), 50_000);
        assert_eq!(chat.messages[0].text, "two\nlines");
        assert_eq!(chat.participants, ["Anna", "Mark"]);
    }

    /// A small deterministic stand-in for the fuzz target: fixtures with lines dropped,
    /// doubled, swapped and cut never panic, and what parses keeps the invariants.
    #[test]
    fn mutated_fixtures_keep_the_invariants() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n.max(1) as u64).unwrap()
        };
        let fixtures = [
            ENGLISH_US,
            JAPANESE,
            CHINESE_TRADITIONAL,
            THAI_BUDDHIST,
            AMBIGUOUS,
            SYSTEM_LINES,
        ];
        for round in 0..3000 {
            let base = fixtures[round % fixtures.len()];
            let mut lines: Vec<String> = base.split('\n').map(str::to_string).collect();
            for _ in 0..1 + next(4) {
                let i = next(lines.len());
                match next(6) {
                    0 => {
                        lines.remove(i);
                    }
                    1 => {
                        let l = lines[i].clone();
                        lines.insert(next(lines.len()), l);
                    }
                    2 => {
                        let j = next(lines.len());
                        lines.swap(i, j);
                    }
                    3 => {
                        let l: String = lines[i].chars().take(next(20)).collect();
                        lines[i] = l;
                    }
                    4 => lines[i].push('"'),
                    _ => lines[i].insert(0, '"'),
                }
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            let text = lines.join("\n");
            let count = text.split('\n').count();
            for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
                let options = ParseOptions { date_order: order };
                let Ok(chat) = parse(&text, &options) else {
                    continue;
                };
                let mut previous = 0;
                for m in &chat.messages {
                    assert!(m.line > previous && m.line as usize <= count, "{text}");
                    previous = m.line;
                    if let Some(s) = &m.sender {
                        assert!(chat.participants.contains(s), "{text}");
                    }
                }
                if order.is_none() {
                    let chosen = ParseOptions {
                        date_order: chat.date_order,
                    };
                    assert_eq!(parse(&text, &chosen).as_ref(), Ok(&chat), "{text}");
                }
            }
        }
    }
}
