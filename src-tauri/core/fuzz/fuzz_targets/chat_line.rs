//! LINE chat histories: `chat::line::looks_like` and `chat::line::parse`.
//!
//! Input: byte 0 = the date order chosen (0: none, 1: day/month, 2: month/day, 3: year first;
//! other values as 0), then the file's text (invalid UTF-8 replaced).
#![no_main]

use casefile_core::chat::{line, ChatError, DateOrder, MessageTime, ParseOptions};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let [choice, rest @ ..] = data else {
            return;
        };
        let date_order = match *choice {
            1 => Some(DateOrder::Dmy),
            2 => Some(DateOrder::Mdy),
            3 => Some(DateOrder::Ymd),
            _ => None,
        };
        let text = String::from_utf8_lossy(rest);
        let _ = line::looks_like(&text);
        let options = ParseOptions { date_order };
        let chat = match line::parse(&text, &options) {
            Ok(chat) => chat,
            Err(ChatError::AmbiguousDateOrder { candidates, examples }) => {
                assert!(date_order.is_none(), "asked for the order although one was given");
                assert!(!candidates.is_empty() && !examples.is_empty(), "a question without choices");
                // Every offered order must be accepted without asking again.
                for order in candidates {
                    let again = line::parse(&text, &ParseOptions { date_order: Some(order) });
                    assert!(
                        again.is_ok(),
                        "the offered order {order:?} is refused: {again:?}"
                    );
                }
                return;
            }
            Err(_) => return,
        };
        let lines = text.split('\n').count();
        let mut previous = 0;
        for m in &chat.messages {
            assert!(m.line > previous, "messages out of file order or on one line");
            assert!(m.line as usize <= lines, "a message past the last line");
            previous = m.line;
            assert!(matches!(m.time, MessageTime::Local(_)), "LINE times are wall-clock times");
            if let Some(s) = &m.sender {
                assert!(chat.participants.contains(s), "a sender missing from the participants");
            }
        }
        for (i, p) in chat.participants.iter().enumerate() {
            assert!(!chat.participants[..i].contains(p), "a participant listed twice");
        }
        // The order the parser settled on reads the file the same way when chosen.
        if date_order.is_none() {
            if let Some(order) = chat.date_order {
                let again = line::parse(&text, &ParseOptions { date_order: Some(order) });
                assert_eq!(again.as_ref(), Ok(&chat), "choosing the inferred order changes the result");
            }
        }
    });
});
