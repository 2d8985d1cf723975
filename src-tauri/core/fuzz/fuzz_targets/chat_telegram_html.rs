//! Telegram Desktop HTML export pages of arbitrary text: `chat::telegram::parse_html` (and the
//! cheap `looks_like_html`). Input: up to three pages (`messages.html`, `messages2.html`, …)
//! separated by NUL bytes.
#![no_main]

use casefile_core::chat::telegram::{looks_like_html, parse_html};
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
        let Ok(chat) = parse_html(&pages) else {
            return;
        };
        assert_eq!(chat.format, Format::TelegramHtml);
        // Line numbers are page-local: within the longest page.
        let lines = pages.iter().map(|(_, t)| t.lines().count()).max().unwrap_or(0).max(1);
        for m in &chat.messages {
            assert!(m.line >= 1 && m.line as usize <= lines, "line {} of {lines}", m.line);
            if let MessageTime::Exact(t) = &m.time {
                assert!(
                    t.offset().local_minus_utc().abs() <= 18 * 3600,
                    "offset {}",
                    t.offset()
                );
            }
            assert_eq!(m.text, m.text.trim(), "text not trimmed");
        }
    });
});
