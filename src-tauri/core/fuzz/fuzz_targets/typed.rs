//! Dates and amounts as people type them: `typed::read_time` and `typed::read_amount`.
//! Input: a byte choosing the formats (date order, decimal mark, date only), then the text.
//! What is read must be saveable and read back as itself; a reading is one of: one value, two
//! choices, a problem in words — never a value invented from nothing.
#![no_main]

use casefile_core::model::{DateOrder, DecimalMark, Formats};
use casefile_core::time::parse_moment;
use casefile_core::typed::{read_amount, read_time};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

const ZONES: [&str; 4] = ["UTC", "Europe/London", "Asia/Bangkok", "America/New_York"];

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Some((&choice, rest)) = data.split_first() else {
            return;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let formats = Formats {
            date_order: DateOrder::ALL[(choice % 3) as usize],
            decimal_mark: DecimalMark::ALL[((choice / 3) % 2) as usize],
        };
        let date_only = (choice / 6) % 2 == 1;
        let zone = ZONES[((choice / 12) % 4) as usize];

        let r = read_time(text, &formats, zone, date_only);
        let outcomes = [r.reading.is_some(), !r.choices.is_empty(), r.problem.is_some()];
        let count = outcomes.iter().filter(|o| **o).count();
        if text.trim().is_empty() {
            assert_eq!(count, 0, "an empty text was read as something");
        } else {
            assert_eq!(count, 1, "not exactly one outcome: {r:?}");
        }
        assert!(r.choices.is_empty() || r.choices.len() == 2, "{r:?}");
        if r.choices.len() == 2 {
            assert_ne!(r.choices[0].value, r.choices[1].value, "two equal choices");
        }
        for c in r.reading.iter().chain(r.choices.iter()) {
            assert!(!c.words.is_empty(), "a reading without words: {c:?}");
            if !date_only {
                if let Err(e) = parse_moment(&c.value, zone, "t") {
                    panic!("a reading cannot be saved: {:?}: {e}", c.value);
                }
            }
            let again = read_time(&c.value, &formats, zone, date_only);
            assert_eq!(
                again.reading.as_ref().map(|a| &a.value),
                Some(&c.value),
                "a reading does not read back as itself: {again:?}"
            );
        }

        let a = read_amount(text, &formats);
        assert!(a.value.is_none() || a.problem.is_none(), "{a:?}");
        if let Some(v) = &a.value {
            let plain = v.split_once('.').map_or(v.len(), |(w, f)| w.len() + f.len());
            assert!(
                v.bytes().filter(|b| *b == b'.').count() <= 1
                    && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && plain > 0
                    && !v.ends_with('.'),
                "an amount that is no plain decimal: {v:?}"
            );
            assert!(!a.words.is_empty());
            let point = Formats {
                decimal_mark: DecimalMark::Point,
                ..formats
            };
            assert_eq!(read_amount(v, &point).value.as_ref(), Some(v), "does not read back");
        } else if !text.trim().is_empty() {
            assert!(a.problem.is_some(), "no value and no problem: {a:?}");
        }
    });
});
