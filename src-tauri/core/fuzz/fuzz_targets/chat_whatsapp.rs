//! WhatsApp `.txt` chat exports: `chat::whatsapp::looks_like` and `parse`.
//!
//! Input: byte 0 picks the date order (0 mod 4: let the parser infer it, 1: day/month/year,
//! 2: month/day/year, 3: year/month/day), the rest is the file's text (invalid UTF-8 replaced).
#![no_main]

use casefile_core::chat::{whatsapp, ChatError, DateOrder, MessageKind, MessageTime, ParseOptions};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

const NAME: &str = "WhatsApp Chat with Anna.txt";

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let [choice, rest @ ..] = data else {
            return;
        };
        let text = String::from_utf8_lossy(rest);
        let _ = whatsapp::looks_like(&text);
        let chosen = match choice % 4 {
            1 => Some(DateOrder::Dmy),
            2 => Some(DateOrder::Mdy),
            3 => Some(DateOrder::Ymd),
            _ => None,
        };
        let options = ParseOptions { date_order: chosen };
        match whatsapp::parse(&text, NAME, &options) {
            Ok(chat) => {
                assert_eq!(chat.title, "Anna");
                assert!(!chat.messages.is_empty(), "a chat without messages");
                if chosen.is_some() {
                    assert_eq!(chat.date_order, chosen, "the chosen order was not used");
                }
                let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
                let mut previous = 0;
                for m in &chat.messages {
                    assert!(m.line > previous && m.line <= lines, "line {} out of place", m.line);
                    previous = m.line;
                    assert!(matches!(m.time, MessageTime::Local(_)), "WhatsApp times are local");
                    if let Some(sender) = &m.sender {
                        assert!(!sender.is_empty(), "an empty sender");
                    }
                }
                for p in &chat.participants {
                    assert!(
                        chat.messages
                            .iter()
                            .any(|m| m.kind != MessageKind::System && m.sender.as_ref() == Some(p)),
                        "participant {p:?} wrote nothing"
                    );
                }
                let mut unique = chat.participants.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), chat.participants.len(), "a participant twice");
                // Choosing the order that was used reads the same chat.
                let again = whatsapp::parse(&text, NAME, &ParseOptions { date_order: chat.date_order });
                assert_eq!(again.as_ref(), Ok(&chat), "reading with the order used differs");
            }
            Err(ChatError::AmbiguousDateOrder { candidates, examples }) => {
                assert!(chosen.is_none(), "asked for an order although one was chosen");
                assert!(candidates.len() >= 2, "ambiguous with {candidates:?}");
                assert!(!examples.is_empty(), "ambiguous without an example");
                for e in &examples {
                    assert_eq!(e.readings.len(), candidates.len(), "an example misses a reading");
                }
                for order in candidates {
                    let r = whatsapp::parse(&text, NAME, &ParseOptions { date_order: Some(order) });
                    assert!(r.is_ok(), "candidate {order:?} does not read the chat: {r:?}");
                }
            }
            Err(_) => {}
        }
    });
});
