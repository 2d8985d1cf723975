//! Telegram Desktop exports ("Export chat history" / "Export Telegram data"): the
//! machine-readable JSON (`result.json`, one chat or a whole account, in `json.rs`) and the HTML
//! pages (`messages.html`, `messages2.html`, …, in `html.rs`).
//!
//! Attachments are only named, as the export writes them: JSON paths are relative to the folder
//! of `result.json`, HTML links relative to the folder of the page. Both are passed on exactly as
//! written — including `../` or absolute paths a tampered export may hold — so the importer must
//! treat them as names to look up inside the export, never as paths to open.

use std::collections::HashSet;

use super::{ChatError, MessageKind, ParsedMessage};

mod html;
mod json;

pub use html::{html_zone_hint, looks_like_html, parse_html};
pub use json::{looks_like_json, parse_json};

/// Largest export read (512 MiB): the JSON of a whole account, or all HTML pages of one chat.
pub const MAX_EXPORT_BYTES: usize = 512 * 1024 * 1024;

/// How much of the start of a file the cheap format checks look at.
const SNIFF_BYTES: usize = 64 * 1024;

/// The refusal of an export over [`MAX_EXPORT_BYTES`].
fn too_large(size: usize) -> ChatError {
    ChatError::Refused(format!(
        "This Telegram export is {} MB; Casefile reads exports up to {} MB. In Telegram Desktop, export a shorter date range (or this chat alone) and import the parts one by one.",
        size.div_ceil(1024 * 1024),
        MAX_EXPORT_BYTES / (1024 * 1024)
    ))
}

/// "4 min 12 s", "1 h 2 min 5 s", "42 s".
fn duration_words(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// Everyone who wrote a message or made a call, in order of first appearance.
fn participants(messages: &[ParsedMessage]) -> Vec<String> {
    let mut seen = HashSet::new();
    messages
        .iter()
        .filter(|m| matches!(m.kind, MessageKind::Text | MessageKind::Call))
        .filter_map(|m| m.sender.as_deref())
        .filter(|s| seen.insert(*s))
        .map(str::to_string)
        .collect()
}

/// The first `max` bytes of `text`, cut back to a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_words(252), "4 min 12 s");
        assert_eq!(duration_words(3725), "1 h 2 min 5 s");
        assert_eq!(duration_words(300), "5 min");
        assert_eq!(duration_words(0), "0 s");
    }

    #[test]
    fn head_stops_at_a_character_boundary() {
        assert_eq!(head("añb", 2), "a");
        assert_eq!(head("añb", 3), "añ");
        assert_eq!(head("ab", 10), "ab");
    }
}
