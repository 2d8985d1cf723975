//! camt.053 statements: `statement::camt::looks_like` and `statement::camt::read`.
//!
//! Input: the file's bytes as they are (any encoding, any nesting).
#![no_main]

use casefile_core::statement::{camt, StatementError, StatementFormat};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

/// Longest `raw` a row may carry: 8 KiB and the "…" that says it was cut.
const MAX_RAW: usize = 8 * 1024 + '…'.len_utf8();

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let _ = camt::looks_like(data);
        let statement = match camt::read(data) {
            Ok(statement) => statement,
            Err(StatementError::NotThisFormat(words) | StatementError::Unreadable(words)) => {
                assert!(!words.trim().is_empty(), "a refusal without words");
                return;
            }
        };
        assert_eq!(statement.format, StatementFormat::Camt053);
        // Plain UTF-8 input that names no other encoding: each raw text is a piece of the file.
        let plain = std::str::from_utf8(data)
            .ok()
            .filter(|t| !t.contains("encoding"));
        let mut previous: Option<(u32, u32)> = None;
        for r in &statement.rows {
            assert!(
                r.amount.is_sign_positive() && !r.amount.is_zero(),
                "an amount that is not positive"
            );
            assert!(r.row >= 1 && r.part >= 1, "rows and parts count from 1");
            match previous {
                Some((row, part)) if row == r.row => {
                    assert_eq!(r.part, part + 1, "the parts of an entry are not 1..n in order")
                }
                Some((row, _)) => {
                    assert!(r.row > row, "rows out of file order");
                    assert_eq!(r.part, 1, "an entry's first part is not 1");
                }
                None => assert_eq!(r.part, 1, "an entry's first part is not 1"),
            }
            previous = Some((r.row, r.part));
            assert!(r.raw.len() <= MAX_RAW, "raw text longer than its cap");
            if let Some(text) = plain {
                if !r.raw.ends_with('…') {
                    assert!(text.contains(&r.raw), "raw text that is not in the file");
                }
            }
            if let Some(c) = &r.currency {
                assert!(!c.trim().is_empty(), "an empty currency instead of none");
            }
            if let Some(id) = &r.bank_id {
                assert!(!id.trim().is_empty(), "an empty bank id instead of none");
            }
        }
        let mut last_problem_row = 0;
        for p in &statement.problems {
            assert!(p.row >= 1, "a problem before the first entry");
            assert!(p.row >= last_problem_row, "problems out of file order");
            last_problem_row = p.row;
            assert!(!p.message.trim().is_empty(), "a problem without words");
            assert!(
                p.column.as_deref().is_some_and(|c| !c.is_empty()),
                "a problem that names no element"
            );
            // An entry is either read or a problem; the one exception is a batch whose parts
            // were each read but do not add up to the entry's amount.
            if statement.rows.iter().any(|r| r.row == p.row) {
                assert!(
                    p.message.contains("do not add up"),
                    "a row both read and a problem: {p:?}"
                );
            }
        }
        // Reading is a pure function of the bytes.
        assert_eq!(camt::read(data).as_ref(), Ok(&statement), "two readings differ");
    });
});
