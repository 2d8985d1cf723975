//! Suggestions in message text: `chat::suggest::suggestions` on arbitrary text.
//! Input: the text (invalid UTF-8 replaced by U+FFFD).
#![no_main]

use casefile_core::chat::suggest::{suggestions, SuggestionKind, MAX_SUGGESTIONS};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let text = String::from_utf8_lossy(data);
        let found = suggestions(&text);
        assert!(found.len() <= MAX_SUGGESTIONS, "too many suggestions");
        let mut last_start = 0;
        for s in &found {
            assert!(s.start < s.end && s.end <= text.len(), "offsets out of the text: {s:?}");
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "offsets not on character boundaries: {s:?}"
            );
            assert_eq!(&text[s.start..s.end], s.value, "value differs from the text at its offsets");
            assert!(s.start >= last_start, "not sorted by start");
            last_start = s.start;
            if let SuggestionKind::Transfer { amount: Some(a), .. } = &s.kind {
                assert!(
                    !a.is_empty() && a.chars().all(|c| c.is_ascii_digit() || c == '.'),
                    "amount is not a plain decimal: {a:?}"
                );
            }
        }
    });
});
