//! Chats imported from WhatsApp, Telegram and LINE exports: the chat, its messages, what an
//! import did, and the preview shown before an import.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::time::Moment;

stored_enum!(
    /// The export format a chat came from.
    ChatFormat {
        Whatsapp => "whatsapp", "WhatsApp";
        TelegramJson => "telegram_json", "Telegram (JSON export)";
        TelegramHtml => "telegram_html", "Telegram (HTML export)";
        Line => "line", "LINE";
    }
);

stored_enum!(
    /// What kind of line a message is.
    MessageKind {
        Text => "text", "Message";
        System => "system", "Notice from the app";
        Deleted => "deleted", "Deleted message";
        Call => "call", "Call";
    }
);

stored_enum!(
    /// The order of day, month and year in an export's numeric dates.
    DateOrder {
        Dmy => "dmy", "day/month/year";
        Mdy => "mdy", "month/day/year";
        Ymd => "ymd", "year/month/day";
    }
);

/// A chat of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Chat {
    pub id: i32,
    pub case_id: i32,
    pub format: ChatFormat,
    /// The chat's name ("Anna", "WhatsApp Chat with Anna").
    pub title: String,
    /// Everyone who wrote, in order of first message.
    pub participants: Vec<String>,
    /// The zone the export's clock times were read in (the phone's, as confirmed at import);
    /// `None` when the export gives exact times (Telegram JSON).
    pub device_zone: Option<String>,
    /// The date order the export's dates were read in, when it writes numeric dates.
    pub date_order: Option<DateOrder>,
    pub message_count: u32,
    pub key_count: u32,
    pub first_at: Option<Moment>,
    pub last_at: Option<Moment>,
    /// The export files it was imported from, oldest first.
    pub imports: Vec<ChatImport>,
}

/// One import of an export file into a chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ChatImport {
    pub id: i32,
    /// The evidence item holding the export file (or its chat text, when the file was too
    /// large to keep whole).
    pub evidence_id: i32,
    pub export_name: String,
    /// SHA-256 of the whole export file as it was chosen.
    pub export_sha256: String,
    /// Size in bytes (a JavaScript number: exact far beyond any export).
    pub export_size: f64,
    /// The chat text inside it (`_chat.txt`, `result.json` …).
    pub chat_file: String,
    pub messages_added: u32,
    pub attachments_added: u32,
    pub imported_at: String,
    pub undone: bool,
}

/// One message of a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ChatMessage {
    pub id: i32,
    pub chat_id: i32,
    /// Position in the chat (file order; messages of a later, longer export come after).
    pub seq: i32,
    /// The file inside the export and the line the message starts on.
    pub source_file: String,
    pub source_line: u32,
    /// The clock time as the export wrote it: `2026-03-14 09:31:02`.
    pub local_time: String,
    /// The exact time; `None` when the clock time does not exist or happens twice in the
    /// device's zone (a daylight-saving change) — never guessed.
    pub sent: Option<Moment>,
    pub sender: Option<String>,
    pub text: String,
    pub kind: MessageKind,
    pub edited: bool,
    /// The attachment's name as the export gives it.
    pub attachment_name: Option<String>,
    /// The export left the attachment out ("<Media omitted>", "[Photo]" …): its placeholder.
    pub attachment_missing: Option<String>,
    /// The evidence item holding the attachment, when the export included it.
    pub evidence_id: Option<i32>,
    pub forwarded_from: Option<String>,
    pub reply_to: Option<String>,
    /// Marked by the person as a key message for the dossier.
    pub is_key: bool,
}

/// A page of a chat's messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ChatPage {
    pub messages: Vec<ChatMessage>,
    /// Messages matching the query in all.
    pub total: u32,
    /// Position of the first message of this page among the matches.
    pub offset: u32,
}

/// Which messages of a chat to fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ChatQuery {
    /// Text to look for in messages and senders (case-insensitive); empty: all.
    pub text: String,
    /// Only key messages.
    pub key_only: bool,
    /// Start at the first message on or after this day (`2026-03-14`, the device's date);
    /// `None`: from `offset`.
    pub from_day: Option<String>,
    /// Start at this message (e.g. opened from the timeline); wins over `from_day`.
    pub around_message: Option<i32>,
    pub offset: u32,
    pub limit: u32,
}

/// What the person chose for an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ChatImportOptions {
    /// The date order, when the export cannot tell.
    pub date_order: Option<DateOrder>,
    /// The zone the phone that made the export was set to; `None`: the case's zone.
    pub device_zone: Option<String>,
    /// For a Telegram export of a whole account: which chat (index into the preview's list).
    pub chat_index: Option<u32>,
}

/// A message shown in the preview: its line and how its time was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PreviewMessage {
    pub line: u32,
    pub local_time: String,
    /// The time read in the chosen zone, with its offset; `None` in a daylight-saving gap.
    pub recorded: Option<String>,
    pub sender: Option<String>,
    pub text: String,
}

/// One example line whose date reads differently in each possible order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DateOrderExample {
    pub line: u32,
    pub line_text: String,
    /// `[("dmy", "Saturday 7 March 2026"), ("mdy", "Friday 3 July 2026")]`.
    pub readings: Vec<(DateOrder, String)>,
}

/// What an export holds, shown before anything is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ChatPreview {
    pub format: ChatFormat,
    pub export_name: String,
    pub export_sha256: String,
    /// Size in bytes.
    pub export_size: f64,
    /// The chat text inside the export.
    pub chat_file: String,
    pub title: String,
    /// A Telegram account export holds many chats: their titles, to choose one.
    pub chats: Vec<String>,
    pub participants: Vec<String>,
    pub message_count: u32,
    pub first: Vec<PreviewMessage>,
    pub last: Vec<PreviewMessage>,
    /// The date order used, when the export writes numeric dates.
    pub date_order: Option<DateOrder>,
    /// The date order cannot be told from the file: choose one (examples read both ways).
    pub date_order_question: Vec<DateOrderExample>,
    /// The orders that fit, when asked.
    pub date_order_candidates: Vec<DateOrder>,
    /// The export writes clock times without a zone: the zone they are read in.
    pub device_zone: Option<String>,
    pub attachments_included: u32,
    pub attachments_missing: u32,
    /// Messages already in the case from an earlier import of the same chat.
    pub already_imported: u32,
    /// A note to show (text that had to be repaired, media too large …).
    pub notes: Vec<String>,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ChatImportSummary {
    pub chat: Chat,
    /// The import, for *Undo this import*.
    pub import_id: i32,
    pub messages_added: u32,
    pub messages_already_there: u32,
    pub attachments_added: u32,
    pub attachments_missing: u32,
    pub notes: Vec<String>,
}

/// A payment a message asks for or reports ("send 5,000 USDT to T…").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SuggestedPayment {
    /// The amount as a plain decimal; `None` when the way it is written can be read two ways.
    pub amount: Option<String>,
    pub asset: String,
    /// Where the money was to go, when the message says.
    pub to: Option<String>,
}

/// Something found in a chat's messages worth adding to the case: nothing is added until
/// the person accepts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ChatSuggestion {
    /// The first message it appears in, and how many messages mention it.
    pub message_id: i32,
    pub mentions: u32,
    pub sender: Option<String>,
    pub local_time: String,
    pub source_file: String,
    pub source_line: u32,
    /// The message, shortened to 300 characters.
    pub message_text: String,
    /// As written in the message.
    pub value: String,
    /// What it is, for people: "TRON wallet", "Phone number", "Payment request".
    pub label: String,
    /// What the finder saw: "valid IBAN (GB)", "amount unclear: 5.000 may be 5 or 5000".
    pub detail: String,
    /// Accepting adds an identifier of this kind …
    pub identifier_kind: Option<crate::model::IdentifierKind>,
    pub network: Option<crate::model::Network>,
    /// … or, for a payment, a "Request for money" event (a request is no proof of payment).
    pub payment: Option<SuggestedPayment>,
    /// The case already holds it.
    pub already_in_case: bool,
}

/// A suggestion the person accepted: the message and the value, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct AcceptedSuggestion {
    pub message_id: i32,
    pub value: String,
}

/// What accepting suggestions added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AcceptedOutcome {
    pub identifier_ids: Vec<i32>,
    pub event_ids: Vec<i32>,
    /// Suggestions not added, each with the reason in plain words.
    pub skipped: Vec<String>,
}
