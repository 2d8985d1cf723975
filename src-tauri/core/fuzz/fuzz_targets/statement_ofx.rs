//! OFX statements of arbitrary bytes: `statement::ofx::read` (and the cheap `looks_like`).
//! Input: the file's bytes.
#![no_main]

use std::collections::BTreeSet;

use casefile_core::statement::{ofx, StatementError, StatementFormat};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let looks = ofx::looks_like(data);
        let read = ofx::read(data);
        assert_eq!(read, ofx::read(data), "reading twice differs");
        let statement = match read {
            Ok(s) => s,
            Err(StatementError::NotThisFormat(m)) => {
                assert!(!looks, "refused as not OFX although it looks like OFX");
                assert!(!m.is_empty());
                return;
            }
            Err(StatementError::Unreadable(m)) => {
                assert!(looks, "called damaged OFX although it does not look like OFX");
                assert!(!m.is_empty());
                return;
            }
        };
        assert!(looks, "read although it does not look like OFX");
        assert_eq!(statement.format, StatementFormat::Ofx);
        // Every STMTTRN starts at a `<stmttrn` in the bytes (any case).
        let starts = data
            .windows(8)
            .filter(|w| w.eq_ignore_ascii_case(b"<stmttrn"))
            .count();
        let mut previous = 0;
        for r in &statement.rows {
            assert!(r.row > previous, "rows out of file order: {} after {previous}", r.row);
            previous = r.row;
            assert_eq!(r.part, 1);
            assert!(
                r.amount.is_sign_positive() && !r.amount.is_zero(),
                "amount {} is not positive",
                r.amount
            );
            assert!(r.raw.len() <= 4096, "raw of {} bytes", r.raw.len());
            assert!(
                r.raw.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("<stmttrn")),
                "raw does not start at its STMTTRN: {:?}",
                r.raw
            );
            if let Some(offset) = r.offset_minutes {
                assert!(r.time.is_some(), "an offset without a time");
                assert!(offset.abs() <= 18 * 60, "offset {offset}");
            }
        }
        let mut previous = 0;
        for p in &statement.problems {
            assert!(p.row >= previous, "problems out of file order");
            previous = p.row;
            assert!(!p.message.is_empty() && p.column.is_some());
            assert!(
                statement.rows.iter().all(|r| r.row != p.row),
                "row {} is both read and a problem",
                p.row
            );
        }
        // Each transaction is a row or a problem: together they number 1..=n without gaps.
        let numbers: BTreeSet<u32> = statement
            .rows
            .iter()
            .map(|r| r.row)
            .chain(statement.problems.iter().map(|p| p.row))
            .collect();
        let n = numbers.len() as u32;
        assert!(n >= 1, "read with no transaction");
        assert_eq!(numbers, (1..=n).collect::<BTreeSet<u32>>(), "row numbers with gaps");
        assert!(n as usize <= starts, "{n} transactions from {starts} STMTTRN tags");
    });
});
