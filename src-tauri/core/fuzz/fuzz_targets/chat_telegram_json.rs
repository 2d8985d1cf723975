//! Telegram Desktop JSON exports of arbitrary bytes: `chat::telegram::parse_json` (and the
//! cheap `looks_like_json`). Input: the file's bytes.
#![no_main]

use casefile_core::chat::telegram::{looks_like_json, parse_json};
use casefile_core::chat::{Format, MessageKind, MessageTime};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let _ = looks_like_json(data);
        let Ok(chats) = parse_json(data) else {
            return;
        };
        assert!(!chats.is_empty(), "accepted with no chat");
        let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
        for chat in &chats {
            assert_eq!(chat.format, Format::TelegramJson);
            let mut previous_line = 0;
            for m in &chat.messages {
                // Lines come from the byte scan of the same structure serde_json read: they are
                // inside the file and never go back within a chat (messages are in file order).
                assert!(m.line >= 1 && m.line as usize <= lines, "line {} of {lines}", m.line);
                assert!(m.line >= previous_line, "line {} after {previous_line}", m.line);
                previous_line = m.line;
                if let MessageTime::Exact(t) = &m.time {
                    assert!(
                        t.offset().local_minus_utc().abs() <= 18 * 3600,
                        "offset {}",
                        t.offset()
                    );
                }
            }
            for p in &chat.participants {
                let wrote = chat.messages.iter().any(|m| {
                    m.sender.as_deref() == Some(p.as_str())
                        && matches!(m.kind, MessageKind::Text | MessageKind::Call)
                });
                assert!(wrote, "participant {p:?} wrote nothing");
            }
            let mut unique = chat.participants.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), chat.participants.len(), "participant twice");
        }
    });
});
