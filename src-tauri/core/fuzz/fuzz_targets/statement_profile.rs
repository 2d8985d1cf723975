//! CSV statements read with any profile: `statement::csv::read` with a profile the person (or a
//! saved profile from an older version, or a hand-edited case file) may send — columns past the
//! end, a header below the last line, odd date formats and marks, huge skips — must never panic.
//!
//! Input: the profile as JSON on the first line (a `CsvProfile`), then the file's bytes.
#![no_main]

use casefile_core::statement::csv::{self, CsvProfile};
use casefile_core::statement::StatementFormat;
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
        let (json, rest) = data.split_at(split);
        let bytes = rest.get(1..).unwrap_or_default();
        let Ok(profile) = serde_json::from_slice::<CsvProfile>(json) else {
            return;
        };
        let Ok(parsed) = csv::read(bytes, &profile) else {
            return;
        };
        assert_eq!(parsed.format, StatementFormat::Csv);
        let mut previous = 0;
        for r in &parsed.rows {
            assert!(r.row > previous, "rows out of file order or two on one line");
            previous = r.row;
            assert!(
                r.amount.is_sign_positive() && !r.amount.is_zero(),
                "an amount that is not positive"
            );
            assert_eq!(r.part, 1);
        }
        for p in &parsed.problems {
            assert!(p.row >= 1, "a problem on line 0");
            assert!(!p.message.is_empty(), "a problem without words");
        }
        // Reading is a pure function of the file and the profile.
        assert_eq!(csv::read(bytes, &profile).ok(), Some(parsed));
    });
});
