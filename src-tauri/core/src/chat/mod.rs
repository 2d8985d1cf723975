//! Chat exports (WhatsApp, Telegram, LINE) read into messages: the one place chat exports are
//! decoded. Each format has its own file; every parser is a pure function from the export's
//! text to a [`ParsedChat`] — no disk, no store. Attachments are only *named* here; the import
//! looks them up in the export's archive (see `archive.rs`) and stores them as evidence.
//!
//! Times: WhatsApp and LINE write the wall-clock time of the exporting phone with no zone, so
//! their messages carry a [`MessageTime::Local`] read later in the device's zone (asked once per
//! import). Telegram's JSON writes Unix times, so its messages carry [`MessageTime::Exact`].
//! Telegram's HTML writes wall-clock times with the zone's *standard* offset (an hour off in
//! summer), so its messages carry [`MessageTime::Local`] too, and
//! [`telegram::html_zone_hint`] suggests the zone.

use chrono::{DateTime, FixedOffset, NaiveDateTime};

pub mod archive;
pub mod dates;
pub mod import;
pub mod line;
pub mod suggest;
pub mod telegram;
pub mod whatsapp;

/// The formats Casefile reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    WhatsApp,
    TelegramJson,
    TelegramHtml,
    Line,
}

/// The order of day, month and year in numeric dates (`14/03/2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// 14/03/2026
    Dmy,
    /// 03/14/2026
    Mdy,
    /// 2026/03/14
    Ymd,
}

impl DateOrder {
    /// The value the CLI's `--date-order` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }
    /// Parses `dmy`, `mdy` or `ymd`.
    pub fn parse(s: &str) -> Option<DateOrder> {
        [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd]
            .into_iter()
            .find(|o| o.as_str() == s.trim().to_ascii_lowercase())
    }
    /// "day/month/year", for messages.
    pub fn words(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day/month/year",
            DateOrder::Mdy => "month/day/year",
            DateOrder::Ymd => "year/month/day",
        }
    }
}

/// What the person chose before parsing (from the CLI options or the window's preview).
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The date order to use when the file cannot tell; `None` lets the parser infer it and
    /// stop with [`ChatError::AmbiguousDateOrder`] when it cannot.
    pub date_order: Option<DateOrder>,
}

/// When a message was sent, as the export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageTime {
    /// Wall-clock time of the exporting device, zone unknown (WhatsApp, LINE, Telegram HTML).
    Local(NaiveDateTime),
    /// An exact instant with the offset the export gives (Telegram JSON: UTC from
    /// `date_unixtime`, or the offset worked out from `date` vs `date_unixtime`).
    Exact(DateTime<FixedOffset>),
}

/// What kind of line a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Something a person wrote (possibly with an attachment).
    Text,
    /// A line the app wrote: end-to-end notice, "X changed the subject", "X joined", …
    System,
    /// "This message was deleted" / "You deleted this message".
    Deleted,
    /// A voice or video call (Telegram service message, LINE "☎ Missed call").
    Call,
}

/// An attachment a message refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attachment {
    /// A file by its name (or relative path) inside the export, e.g.
    /// `00000012-PHOTO-2026-03-14-09-31-02.jpg` or `photos/photo_1@14-03-2026_09-31-02.jpg`.
    File { name: String },
    /// The export left the media out (`<Media omitted>`, Telegram "(File not included…)",
    /// LINE `[Photo]`). `what` is the placeholder as written, e.g. "[Photo]".
    NotIncluded { what: String },
}

/// One message, as read from the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMessage {
    /// 1-based line in the source file where the message starts (for JSON: the line of the
    /// message object's opening brace).
    pub line: u32,
    pub time: MessageTime,
    /// Who wrote it; `None` for system lines without a sender.
    pub sender: Option<String>,
    /// The text exactly as exported (multi-line kept with `\n`; entity arrays joined), minus
    /// the attachment marker and the "edited" marker.
    pub text: String,
    pub kind: MessageKind,
    /// "<This message was edited>" (WhatsApp) or Telegram's `edited`.
    pub edited: bool,
    pub attachment: Option<Attachment>,
    /// The export's own id of the message (Telegram `id`), for replies and re-imports.
    pub external_id: Option<String>,
    /// Telegram `reply_to_message_id`.
    pub reply_to: Option<String>,
    /// Telegram `forwarded_from`.
    pub forwarded_from: Option<String>,
    /// The file inside the export the message was read from, when it is not the chat file
    /// itself: Telegram HTML's page (`messages2.html`), whose line numbers are page-local.
    /// `None` for single-file formats (WhatsApp, LINE, Telegram JSON).
    pub source: Option<String>,
}

/// A whole chat, as read from one export file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedChat {
    pub format: Format,
    /// The chat's name when the export says it (Telegram `name`, LINE header
    /// "Chat history with Anna", WhatsApp's "WhatsApp Chat with Anna.txt"); may be empty.
    pub title: String,
    /// Everyone who wrote a message, in order of first appearance.
    pub participants: Vec<String>,
    /// Messages in file order (never re-sorted: out-of-order times are kept as written).
    pub messages: Vec<ParsedMessage>,
    /// The date order used, when the format writes numeric dates.
    pub date_order: Option<DateOrder>,
}

/// One example line read both ways, shown when the date order must be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderExample {
    /// The line as written.
    pub line_text: String,
    pub line: u32,
    /// The same line's date read in each possible order, e.g.
    /// `[(Dmy, "Saturday 7 March 2026"), (Mdy, "Friday 3 July 2026")]`.
    pub readings: Vec<(DateOrder, String)>,
}

/// Why an export could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChatError {
    /// Not a chat export of a known format.
    #[error("This does not look like a WhatsApp, Telegram or LINE export. {hint}")]
    NotAChat { hint: String },
    /// Every date could be read as day/month or month/day.
    #[error("The dates in this chat can be read two ways ({}). Choose the date order the phone uses.", candidates.iter().map(|c| c.words()).collect::<Vec<_>>().join(" or "))]
    AmbiguousDateOrder {
        candidates: Vec<DateOrder>,
        examples: Vec<OrderExample>,
    },
    /// The chosen date order does not fit a line (e.g. month 14).
    #[error("Line {line}: \"{text}\" is not a date in {} order. Choose another date order.", order.words())]
    DateOrderDoesNotFit {
        order: DateOrder,
        line: u32,
        text: String,
    },
    /// The export is of a known format but damaged at a place the parser can name.
    #[error("{0}")]
    Damaged(String),
    /// The export may be sound, but a limit refuses it: too large, too many files, nested too
    /// deep, compressed suspiciously well, or locked with a password. The message says which
    /// limit and what to do.
    #[error("{0}")]
    Refused(String),
}
