//! CSV statements: `statement::csv::sniff`, then `statement::csv::read` with the proposal, with
//! every answer its questions offer, and with a fixed hand-made profile.
//!
//! Input: byte 0 picks the hand-made profile's separator and decimal mark (bits 0–1: `,` `;`
//! tab `|`; bit 2: `,` as the decimal mark), the rest is the file's bytes.
#![no_main]

use std::collections::HashSet;

use casefile_core::statement::csv::{self, AmountLayout, CsvProfile, QuestionTopic};
use casefile_core::statement::{ParsedStatement, StatementFormat};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

/// Lines of the file, counted as the reader counts them (`\n`, `\r\n`, a lone `\r`).
fn line_count(bytes: &[u8]) -> usize {
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// What every read statement must hold, whatever the profile.
fn check(parsed: &ParsedStatement, lines: usize) {
    assert_eq!(parsed.format, StatementFormat::Csv);
    let mut previous = 0;
    for r in &parsed.rows {
        assert!(r.row > previous, "rows out of file order or two on one line");
        previous = r.row;
        assert!(r.row as usize <= lines, "a row past the last line");
        assert!(
            r.amount.is_sign_positive() && !r.amount.is_zero(),
            "an amount that is not positive"
        );
        assert_eq!(r.part, 1);
        assert!(!r.raw.is_empty(), "a row without its line");
        assert!(!r.raw.ends_with('\n'), "the line end kept in raw");
    }
    let read: HashSet<u32> = parsed.rows.iter().map(|r| r.row).collect();
    for p in &parsed.problems {
        assert!(p.row >= 1 && p.row as usize <= lines, "a problem on a line that does not exist");
        assert!(!read.contains(&p.row), "a row both read and a problem");
        assert!(!p.message.is_empty());
    }
    if let Some(c) = &parsed.currency {
        assert!(parsed.rows.iter().all(|r| r.currency.as_ref() == Some(c)));
    }
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let [choice, bytes @ ..] = data else {
            return;
        };
        let lines = line_count(bytes);

        if let Ok(sniffed) = csv::sniff(bytes) {
            assert!(sniffed.preview.len() <= 10);
            let p = &sniffed.profile;
            if let Some(h) = p.header_row {
                assert_eq!(h, p.skip_top + 1, "the header is the line after the skipped ones");
                assert!(!sniffed.header.is_empty());
            }
            if sniffed.date_formats.len() > 1 {
                assert!(
                    sniffed.undecided.iter().any(|q| q.topic == QuestionTopic::DateFormat),
                    "several date formats but no question"
                );
            }
            if sniffed.decimal_mark.is_none() {
                assert!(sniffed.undecided.iter().any(|q| q.topic == QuestionTopic::DecimalMark));
            }
            // The proposal always fits the file it came from, and so does every offered answer.
            let first = csv::read(bytes, p);
            assert!(first.is_ok(), "the proposal does not fit its own file: {first:?}");
            if let Ok(parsed) = &first {
                check(parsed, lines);
            }
            for q in &sniffed.undecided {
                for c in &q.choices {
                    let mut answered = p.clone();
                    match q.topic {
                        QuestionTopic::DateFormat => answered.date_format = c.value.clone(),
                        QuestionTopic::DecimalMark => {
                            answered.decimal_mark = c.value.chars().next().unwrap_or('.')
                        }
                        QuestionTopic::DateColumn | QuestionTopic::AmountColumns => continue,
                    }
                    let again = csv::read(bytes, &answered);
                    assert!(again.is_ok(), "an offered answer does not fit: {again:?}");
                    if let Ok(parsed) = &again {
                        check(parsed, lines);
                    }
                }
            }
        }

        // A hand-made profile on any bytes (windows-1252 decodes every byte).
        let profile = CsvProfile {
            encoding: "windows-1252".into(),
            delimiter: [',', ';', '\t', '|'][usize::from(choice & 3)],
            skip_top: 0,
            skip_bottom: 0,
            header_row: None,
            date_column: 0,
            date_format: "%d.%m.%Y".into(),
            time_column: None,
            amount: AmountLayout::Signed { col: 1 },
            decimal_mark: if choice & 4 == 0 { '.' } else { ',' },
            currency_column: None,
            counterparty_column: None,
            counterparty_account_column: None,
            reference_columns: vec![],
            id_column: None,
            value_date_column: None,
        };
        if let Ok(parsed) = csv::read(bytes, &profile) {
            check(&parsed, lines);
        }
    });
});
