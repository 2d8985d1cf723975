//! Telegram Desktop HTML export pages of arbitrary text: `chat::telegram::parse_html` (and the
//! cheap `looks_like_html`, and `html_zone_hint`). Input: up to three pages (`messages.html`,
//! `messages2.html`, …) separated by NUL bytes.
#![no_main]

use casefile_core::chat::telegram::{html_zone_hint, looks_like_html, parse_html};
use casefile_core::chat::{Format, MessageTime};
use casefile_core_fuzz::{fields, install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Some(texts) = fields(data, 3) else {
            return;
        };
        let pages: Vec<(String, String)> = texts
            .iter()
            .filter(|t| !t.is_empty())
            .enumerate()
            .map(|(i, t)| {
                let _ = looks_like_html(t);
                let name = match i {
                    0 => "messages.html".to_string(),
                    n => format!("messages{}.html", n + 1),
                };
                (name, t.to_string())
            })
            .collect();
        if let Some(hint) = html_zone_hint(&pages) {
            assert!(hint.local_minus_utc().abs() <= 18 * 3600, "hint {hint}");
        }
        let Ok(chat) = parse_html(&pages) else {
            return;
        };
        assert_eq!(chat.format, Format::TelegramHtml);
        // Line numbers are page-local: within the page the message names as its source.
        for m in &chat.messages {
            let page = pages.iter().find(|(name, _)| Some(name) == m.source.as_ref());
            let Some((_, text)) = page else {
                panic!("source {:?} is not one of the pages", m.source);
            };
            let lines = text.split('\n').count();
            assert!(m.line >= 1 && m.line as usize <= lines, "line {} of {lines}", m.line);
            // The zone written is a standard offset, not the one in force: times stay local.
            assert!(matches!(m.time, MessageTime::Local(_)), "an exact HTML time");
            assert_eq!(m.text, m.text.trim(), "text not trimmed");
        }
    });
});
