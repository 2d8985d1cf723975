use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;

use super::*;
use crate::statement::{Flow, StatementError, StatementRow};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../tests/fixtures/statement/csv/", $name))
    };
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// (line, date, amount, flow, counterparty, reference) of every row.
fn summary(rows: &[StatementRow]) -> Vec<(u32, NaiveDate, Decimal, Flow, &str, &str)> {
    rows.iter()
        .map(|r| {
            (
                r.row,
                r.booked,
                r.amount,
                r.flow,
                r.counterparty.as_str(),
                r.reference.as_str(),
            )
        })
        .collect()
}

/// Sniffs, checks nothing is left to ask, and reads with the proposal.
fn sniff_and_read(bytes: &[u8]) -> (CsvSniff, ParsedStatement) {
    let sniffed = sniff(bytes).unwrap();
    assert_eq!(sniffed.undecided, vec![], "nothing should be left to ask");
    let parsed = read(bytes, &sniffed.profile).unwrap();
    (sniffed, parsed)
}

#[test]
fn sparkasse_windows_1252_semicolons_account_lines_and_german_amounts() {
    let bytes = fixture!("sparkasse_1252.csv");
    let (s, parsed) = sniff_and_read(bytes);
    let p = &s.profile;
    assert_eq!(p.encoding, "windows-1252");
    assert_eq!(p.delimiter, ';');
    assert_eq!(p.skip_top, 3);
    assert_eq!(p.header_row, Some(4));
    assert_eq!(p.skip_bottom, 0);
    assert_eq!(
        s.header,
        [
            "Buchungstag",
            "Valutadatum",
            "Auftraggeber/Empfänger",
            "Verwendungszweck",
            "Betrag",
            "Währung"
        ]
    );
    assert_eq!(p.date_column, 0);
    assert_eq!(p.value_date_column, Some(1));
    assert_eq!(p.counterparty_column, Some(2));
    assert_eq!(p.reference_columns, vec![3]);
    assert_eq!(p.amount, AmountLayout::Signed { col: 4 });
    assert_eq!(p.currency_column, Some(5));
    assert_eq!(p.date_format, "%d.%m.%Y");
    assert_eq!(s.date_formats, vec!["%d.%m.%Y".to_owned()]);
    assert_eq!(p.decimal_mark, ',');
    assert_eq!(s.decimal_mark, Some(','));
    assert_eq!(s.preview.len(), 7, "the blank line is not shown");
    assert_eq!(
        s.preview[0],
        ["Umsätze Girokonto", "Zeitraum: 01.03.2026 - 31.03.2026"]
    );

    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.account.as_deref(), Some("DE89370400440532013000"));
    assert_eq!(parsed.currency.as_deref(), Some("EUR"));
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                5,
                day(2026, 3, 3),
                dec("1234.56"),
                Flow::Out,
                "Müller & Söhne GmbH",
                "Rechnung 4711 Gebühr für März"
            ),
            (
                6,
                day(2026, 3, 5),
                dec("250.00"),
                Flow::In,
                "Jürgen Weiß",
                "Rückzahlung Darlehen"
            ),
            (
                7,
                day(2026, 3, 12),
                dec("5000.00"),
                Flow::Out,
                "CryptoFX Trading Ltd",
                "Einzahlung Konto 88213 – Bonus 10 €"
            ),
            (
                8,
                day(2026, 3, 31),
                dec("4.90"),
                Flow::Out,
                "Sparkasse",
                "Kontoführungsentgelt"
            ),
        ]
    );
    assert_eq!(parsed.rows[1].value_date, Some(day(2026, 3, 6)));
    assert_eq!(parsed.rows[1].time, None);
    assert_eq!(
        parsed.rows[1].raw,
        "\"05.03.2026\";\"06.03.2026\";\"Jürgen Weiß\";\"Rückzahlung Darlehen\";\"250,00\";\"EUR\""
    );
}

#[test]
fn uk_debit_and_credit_columns_with_pound_signs_and_day_first_dates() {
    let (s, parsed) = sniff_and_read(fixture!("uk_debit_credit.csv"));
    let p = &s.profile;
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.delimiter, ',');
    assert_eq!(p.header_row, Some(1));
    assert_eq!(p.skip_top, 0);
    assert_eq!(
        p.amount,
        AmountLayout::DebitCredit {
            debit: 2,
            credit: 3
        }
    );
    assert_eq!(p.date_format, "%d/%m/%Y", "15/03 decides day first");
    assert_eq!(p.reference_columns, vec![1]);
    assert_eq!(p.decimal_mark, '.');
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                2,
                day(2026, 3, 2),
                dec("45.20"),
                Flow::Out,
                "",
                "CARD PAYMENT TESCO STORES 3321"
            ),
            (
                3,
                day(2026, 3, 4),
                dec("1500.00"),
                Flow::Out,
                "",
                "FASTER PAYMENT TO J SMITH REF LOAN"
            ),
            (
                4,
                day(2026, 3, 15),
                dec("2100.00"),
                Flow::In,
                "",
                "SALARY ACME LTD"
            ),
            (5, day(2026, 3, 21), dec("5.00"), Flow::Out, "", "BANK FEE"),
        ]
    );
    assert!(parsed
        .rows
        .iter()
        .all(|r| r.currency.as_deref() == Some("GBP")));
}

#[test]
fn us_dates_all_twelve_or_less_are_a_question_answered_by_the_person() {
    let bytes = fixture!("us_month_first.csv");
    let s = sniff(bytes).unwrap();
    assert_eq!(
        s.date_formats,
        vec!["%d/%m/%Y".to_owned(), "%m/%d/%Y".to_owned()]
    );
    assert_eq!(s.undecided.len(), 1);
    let q = &s.undecided[0];
    assert_eq!(q.topic, QuestionTopic::DateFormat);
    assert_eq!(
        q.message,
        "The dates in “Posting Date” can be read more than one way: “03/04/2026” could be \
         3 April 2026 or 4 March 2026. Which is right? Your bank's website or a paper statement \
         shows it."
    );
    assert_eq!(q.choices[0].label, "Day first (DD/MM/YYYY)");
    assert_eq!(q.choices[1].label, "Month first (MM/DD/YYYY)");
    assert_eq!(
        q.choices[1].examples,
        [
            "Line 2: 03/04/2026 → 4 March 2026",
            "Line 3: 03/09/2026 → 9 March 2026",
            "Line 4: 04/01/2026 → 1 April 2026"
        ]
    );
    assert_eq!(
        q.choices[0].examples[2],
        "Line 4: 04/01/2026 → 4 January 2026"
    );

    // The person says month first.
    let mut profile = s.profile.clone();
    profile.date_format = q.choices[1].value.clone();
    let parsed = read(bytes, &profile).unwrap();
    assert_eq!(parsed.problems, vec![]);
    let got: Vec<(NaiveDate, Decimal, Flow)> = parsed
        .rows
        .iter()
        .map(|r| (r.booked, r.amount, r.flow))
        .collect();
    assert_eq!(
        got,
        vec![
            (day(2026, 3, 4), dec("2500.00"), Flow::Out),
            (day(2026, 3, 9), dec("12000.00"), Flow::Out),
            (day(2026, 4, 1), dec("3200.00"), Flow::In),
            (day(2026, 4, 11), dec("1000.00"), Flow::Out),
        ]
    );
}

#[test]
fn exchange_amount_with_dr_cr_indicator_and_usdt_in_the_cell() {
    let (s, parsed) = sniff_and_read(fixture!("exchange_indicator.csv"));
    let p = &s.profile;
    assert_eq!(p.date_format, "%Y-%m-%d %H:%M:%S");
    assert_eq!(
        p.amount,
        AmountLayout::WithIndicator {
            amount: 3,
            indicator: 4,
            debit_values: vec!["DR".into()],
            credit_values: vec!["CR".into()],
        }
    );
    assert_eq!(p.id_column, Some(1));
    assert_eq!(p.currency_column, Some(2));
    assert_eq!(p.counterparty_column, Some(5));
    assert_eq!(p.counterparty_account_column, Some(6));
    assert_eq!(p.reference_columns, vec![7]);
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.currency.as_deref(), Some("USDT"));
    // "Date(UTC)": the exchange's times are UTC, not the case's local time.
    assert!(parsed.rows.iter().all(|r| r.offset_minutes == Some(0)));
    type Row<'a> = (
        u32,
        NaiveDate,
        Option<NaiveTime>,
        Decimal,
        Flow,
        Option<&'a str>,
        &'a str,
    );
    let got: Vec<Row> = parsed
        .rows
        .iter()
        .map(|r| {
            (
                r.row,
                r.booked,
                r.time,
                r.amount,
                r.flow,
                r.bank_id.as_deref(),
                r.counterparty_account.as_str(),
            )
        })
        .collect();
    let at = |h, m, s| NaiveTime::from_hms_opt(h, m, s);
    assert_eq!(
        got,
        vec![
            (
                2,
                day(2026, 3, 1),
                at(9, 12, 45),
                dec("2000.00"),
                Flow::In,
                Some("DP-20260301-11002"),
                ""
            ),
            (
                3,
                day(2026, 3, 2),
                at(14, 5, 11),
                dec("1500.00"),
                Flow::Out,
                Some("WD-20260302-88213"),
                "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"
            ),
            (
                4,
                day(2026, 3, 7),
                at(22, 40, 3),
                dec("500.5"),
                Flow::Out,
                Some("WD-20260307-90417"),
                "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"
            ),
        ]
    );
    assert_eq!(parsed.rows[2].reference, "Withdrawal, fee 1 USDT");
}

#[test]
fn account_lines_on_top_and_totals_at_the_bottom_are_left_out() {
    let (s, parsed) = sniff_and_read(fixture!("info_and_totals.csv"));
    let p = &s.profile;
    assert_eq!(p.skip_top, 3);
    assert_eq!(p.header_row, Some(4));
    assert_eq!(p.skip_bottom, 2, "the Total line and End of statement");
    assert_eq!(p.date_format, "%Y-%m-%d");
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                5,
                day(2026, 3, 4),
                dec("1200.00"),
                Flow::Out,
                "Golden Harbor Investments",
                "Transfer / INV-2291"
            ),
            (
                6,
                day(2026, 3, 11),
                dec("2260.00"),
                Flow::Out,
                "Golden Harbor Investments",
                "Transfer / INV-2304"
            ),
            (
                7,
                day(2026, 3, 20),
                dec("150.00"),
                Flow::In,
                "Golden Harbor Investments",
                "Refund / Withdrawal fee \"refund\""
            ),
        ]
    );
    assert_eq!(parsed.account, None);
}

#[test]
fn three_digits_after_the_only_separator_is_a_question() {
    let bytes = fixture!("fourteen_thousand.csv");
    let s = sniff(bytes).unwrap();
    assert_eq!(s.decimal_mark, None);
    assert_eq!(s.date_formats, vec!["%d-%m-%Y".to_owned()]);
    assert_eq!(s.undecided.len(), 1);
    let q = &s.undecided[0];
    assert_eq!(q.topic, QuestionTopic::DecimalMark);
    assert_eq!(
        q.message,
        "Every amount has three digits after its only “.”: -14.000 could be 14 or 14000. Which \
         is right? An amount you know (a transfer you made) tells."
    );
    assert_eq!(q.choices[0].value, ".");
    assert_eq!(q.choices[1].value, ",");
    assert_eq!(
        q.choices[1].examples,
        [
            "Line 2: -14.000 → 14000",
            "Line 3: 2.500 → 2500",
            "Line 4: -1.000 → 1000"
        ]
    );

    let mut profile = s.profile.clone();
    profile.decimal_mark = ',';
    let parsed = read(bytes, &profile).unwrap();
    let got: Vec<(Decimal, Flow, &str)> = parsed
        .rows
        .iter()
        .map(|r| (r.amount, r.flow, r.reference.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (dec("14000"), Flow::Out, "Overboeking naar J. de Vries"),
            (dec("2500"), Flow::In, "Storting"),
            (dec("1000"), Flow::Out, "Overboeking naar Bitvavo"),
        ]
    );
    profile.decimal_mark = '.';
    let parsed = read(bytes, &profile).unwrap();
    assert_eq!(parsed.rows[0].amount, dec("14.000"));
}

#[test]
fn ragged_rows_bad_dates_and_amounts_are_problems_naming_line_and_column() {
    let (s, parsed) = {
        let s = sniff(fixture!("problems.csv")).unwrap();
        let parsed = read(fixture!("problems.csv"), &s.profile).unwrap();
        (s, parsed)
    };
    assert_eq!(s.undecided, vec![]);
    assert_eq!(s.profile.date_format, "%d.%m.%Y");
    assert_eq!(s.profile.decimal_mark, ',');
    assert_eq!(s.profile.skip_bottom, 0);
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                2,
                day(2026, 3, 14),
                dec("850.00"),
                Flow::Out,
                "Anna Schmidt",
                "Miete März"
            ),
            (
                8,
                day(2026, 3, 19),
                dec("7.50"),
                Flow::Out,
                "Last Shop",
                "Kauf"
            ),
        ]
    );
    let problems: Vec<(u32, Option<&str>, &str)> = parsed
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (3, Some("Date"), "The date “31.02.2026” is not a real date."),
            (
                4,
                None,
                "This line has 5 cells where the header has 4: a separator is missing or one too \
                 many, so its cells cannot be matched to the columns."
            ),
            (5, Some("Amount"), "The amount is missing."),
            (
                6,
                Some("Amount"),
                "“12,3,4” does not read as an amount with “,” as the decimal mark."
            ),
            (
                7,
                Some("Amount"),
                "The amount is 0: there is no money movement to import."
            ),
        ]
    );
}

#[test]
fn utf8_bom_french_headers_debit_credit_and_space_thousands() {
    let (s, parsed) = sniff_and_read(fixture!("french_bom.csv"));
    let p = &s.profile;
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(
        s.header[0], "Date opération",
        "the BOM is not part of the first name"
    );
    assert_eq!(p.date_column, 0);
    assert_eq!(p.value_date_column, Some(1));
    assert_eq!(p.reference_columns, vec![2]);
    assert_eq!(
        p.amount,
        AmountLayout::DebitCredit {
            debit: 3,
            credit: 4
        }
    );
    assert_eq!(p.decimal_mark, ',');
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                2,
                day(2026, 3, 3),
                dec("1250.00"),
                Flow::Out,
                "",
                "VIR SEPA M. DUPONT"
            ),
            (
                3,
                day(2026, 3, 17),
                dec("19.99"),
                Flow::Out,
                "",
                "PRLV FREE MOBILE"
            ),
            (
                4,
                day(2026, 3, 20),
                dec("300.00"),
                Flow::In,
                "",
                "VIR RECU REMBOURSEMENT"
            ),
        ]
    );
    assert_eq!(parsed.rows[1].value_date, Some(day(2026, 3, 18)));
}

#[test]
fn tab_separated_spanish_file() {
    let (s, parsed) = sniff_and_read(fixture!("spanish_tab.tsv"));
    let p = &s.profile;
    assert_eq!(p.delimiter, '\t');
    assert_eq!(p.amount, AmountLayout::Signed { col: 2 });
    assert_eq!(p.currency_column, Some(3));
    assert_eq!(p.decimal_mark, ',');
    assert_eq!(p.date_format, "%d/%m/%Y");
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                2,
                day(2026, 3, 14),
                dec("3000.00"),
                Flow::Out,
                "",
                "TRANSFERENCIA A WEI ZHANG"
            ),
            (
                3,
                day(2026, 3, 21),
                dec("45.50"),
                Flow::In,
                "",
                "BIZUM DE LUCIA"
            ),
        ]
    );
    assert_eq!(parsed.currency.as_deref(), Some("EUR"));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "Datum;Naam / Omschrijving;Af Bij;Bedrag (EUR)\n\
                14-03-2026;Wei Zhang;Af;1.500,00\n\
                20-03-2026;Terugbetaling;Bij;25,00\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let (s, parsed) = sniff_and_read(&bytes);
    assert_eq!(s.profile.encoding, "UTF-16LE");
    assert_eq!(
        s.profile.amount,
        AmountLayout::WithIndicator {
            amount: 3,
            indicator: 2,
            debit_values: vec!["Af".into()],
            credit_values: vec!["Bij".into()],
        }
    );
    assert_eq!(s.profile.counterparty_column, Some(1));
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                2,
                day(2026, 3, 14),
                dec("1500.00"),
                Flow::Out,
                "Wei Zhang",
                ""
            ),
            (
                3,
                day(2026, 3, 20),
                dec("25.00"),
                Flow::In,
                "Terugbetaling",
                ""
            ),
        ]
    );
}

#[test]
fn amounts_in_brackets_trailing_minus_and_codes() {
    let read = |cell, mark| cells::parse_amount(cell, mark).map(|m| (m.value, m.currency));
    assert_eq!(read("(1,234.56)", '.'), Ok((dec("-1234.56"), None)));
    assert_eq!(read("45.20-", '.'), Ok((dec("-45.20"), None)));
    assert_eq!(
        read("-€45.20", '.'),
        Ok((dec("-45.20"), Some("EUR".into())))
    );
    assert_eq!(
        read("EUR 1.234,56", ','),
        Ok((dec("1234.56"), Some("EUR".into())))
    );
    assert_eq!(read("1'234.50", '.'), Ok((dec("1234.50"), None)));
    assert_eq!(read("$1,000", '.'), Ok((dec("1000"), None)));
    assert_eq!(read("12.50 CR", '.'), Ok((dec("12.50"), None)));
    assert_eq!(read("12.50 DR", '.'), Ok((dec("-12.50"), None)));
    assert_eq!(read("−3,5", ','), Ok((dec("-3.5"), None)));
    // Written with the other mark: refused, never misread.
    assert!(read("12.5", ',').is_err());
    assert!(read("1,234.56", ',').is_err());
    assert!(read("--5", '.').is_err());
    assert!(read("-(5)", '.').is_err());
    assert!(read("5e3", '.').is_err());
    assert!(read("99999999999999999999999", '.').is_err());
}

#[test]
fn profile_that_does_not_fit_the_file_is_refused_in_words() {
    let bytes = fixture!("spanish_tab.tsv");
    let mut profile = sniff(bytes).unwrap().profile;
    profile.reference_columns = vec![6];
    assert_eq!(
        read(bytes, &profile),
        Err(StatementError::Unreadable(
            "Column 7 (the reference) does not exist: the file has 4 columns.".into()
        ))
    );
    profile.reference_columns = vec![1];
    profile.header_row = Some(9);
    assert_eq!(
        read(bytes, &profile),
        Err(StatementError::Unreadable(
            "Line 9 cannot be the header row: it is empty, past the end, or inside a quoted cell."
                .into()
        ))
    );
    profile.header_row = Some(1);
    profile.delimiter = 'x';
    assert!(
        matches!(read(bytes, &profile), Err(StatementError::Unreadable(m)) if m.contains("“x”"))
    );
    profile.delimiter = '\t';
    profile.date_format = "%Q".into();
    assert!(read(bytes, &profile).is_err());
}

#[test]
fn a_saved_profile_round_trips_through_json_and_is_found_by_its_header() {
    let s = sniff(fixture!("sparkasse_1252.csv")).unwrap();
    let json = serde_json::to_string(&s.profile).unwrap();
    let back: CsvProfile = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s.profile);
    assert_eq!(
        header_key(&s.header),
        "buchungstag|valutadatum|auftraggeber/empfänger|verwendungszweck|betrag|währung"
    );
    let same = [
        "  BUCHUNGSTAG",
        "Valutadatum ",
        "Auftraggeber/Empfänger",
        "Verwendungszweck",
        "Betrag",
        "Währung",
        "",
    ]
    .map(String::from);
    assert_eq!(header_key(&same), header_key(&s.header));
}

#[test]
fn files_that_are_not_csv_statements_are_refused() {
    assert_eq!(
        sniff(b""),
        Err(StatementError::NotThisFormat("The file is empty.".into()))
    );
    assert!(matches!(
        sniff(b"just some words\nand more\n"),
        Err(StatementError::NotThisFormat(_))
    ));
    assert!(matches!(
        sniff(b"a,b\0,c\n1,2,3\n"),
        Err(StatementError::NotThisFormat(_))
    ));
    assert!(matches!(
        sniff(b"Date,Amount\n"),
        Err(StatementError::Unreadable(_))
    ));
}

#[test]
fn line_numbers_count_blank_lines_and_multi_line_cells() {
    let bytes =
        b"Date,Description,Amount\n\n2026-03-01,\"two\nlines\",-5.00\n\r\n2026-03-02,one,7.00\n";
    let (_, parsed) = sniff_and_read(bytes);
    let got: Vec<(u32, &str, &str)> = parsed
        .rows
        .iter()
        .map(|r| (r.row, r.reference.as_str(), r.raw.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "two lines", "2026-03-01,\"two\nlines\",-5.00"),
            (6, "one", "2026-03-02,one,7.00"),
        ]
    );
}

/// The fuzz target's checks (fuzz/fuzz_targets/statement_csv.rs) over the fixtures and a few
/// thousand deterministic mutations of them: the proposal always fits its own file, every offered
/// answer too, and read rows hold their invariants.
#[test]
fn proposals_fit_their_own_files_under_mutation() {
    let files: [&[u8]; 13] = [
        fixture!("sparkasse_1252.csv"),
        fixture!("sparkasse_bom_soll_haben.csv"),
        fixture!("us_parentheses_debit_credit.csv"),
        fixture!("swiss_fourteen_thousand.csv"),
        fixture!("swiss_apostrophe.csv"),
        fixture!("uk_debit_credit.csv"),
        fixture!("us_month_first.csv"),
        fixture!("exchange_indicator.csv"),
        fixture!("info_and_totals.csv"),
        fixture!("fourteen_thousand.csv"),
        fixture!("problems.csv"),
        fixture!("french_bom.csv"),
        fixture!("spanish_tab.tsv"),
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const BYTES: &[u8] = b";,\t|\"\n\r.-()0123456789/:ab \xe4\xff";
    for round in 0..1200 {
        let mut bytes = files[round % files.len()].to_vec();
        for _ in 0..(1 + next() % 4) {
            let at = (next() as usize) % (bytes.len() + 1);
            match next() % 3 {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 => bytes.insert(at, BYTES[(next() as usize) % BYTES.len()]),
                _ if at < bytes.len() => bytes[at] = BYTES[(next() as usize) % BYTES.len()],
                _ => {}
            }
        }
        let Ok(s) = sniff(&bytes) else { continue };
        let mut profiles = vec![s.profile.clone()];
        for q in &s.undecided {
            for c in &q.choices {
                let mut p = s.profile.clone();
                match q.topic {
                    QuestionTopic::DateFormat => p.date_format = c.value.clone(),
                    QuestionTopic::DecimalMark => p.decimal_mark = c.value.chars().next().unwrap(),
                    _ => continue,
                }
                profiles.push(p);
            }
        }
        for p in &profiles {
            let parsed = read(&bytes, p)
                .unwrap_or_else(|e| panic!("round {round}: {e} for {p:?}\n{bytes:?}"));
            let mut previous = 0;
            for r in &parsed.rows {
                assert!(r.row > previous);
                previous = r.row;
                assert!(r.amount > Decimal::ZERO);
            }
            for pr in &parsed.problems {
                assert!(!parsed.rows.iter().any(|r| r.row == pr.row));
            }
        }
    }
}

#[test]
fn iso_8859_1_can_be_chosen_and_reads_bytes_as_their_own_characters() {
    let bytes = fixture!("sparkasse_1252.csv");
    let mut profile = sniff(bytes).unwrap().profile;
    profile.encoding = "ISO-8859-1".into();
    let parsed = read(bytes, &profile).unwrap();
    assert_eq!(parsed.rows[1].counterparty, "Jürgen Weiß");
    // 0x96 and 0x80 are the dash and € in Windows-1252, control characters in ISO-8859-1.
    assert_eq!(
        parsed.rows[2].reference,
        "Einzahlung Konto 88213 \u{96} Bonus 10 \u{80}"
    );
    profile.encoding = "EBCDIC".into();
    assert_eq!(
        read(bytes, &profile),
        Err(StatementError::Unreadable(
            "Casefile does not know the encoding “EBCDIC”. Choose UTF-8, UTF-16LE, UTF-16BE, \
             windows-1252 or ISO-8859-1."
                .into()
        ))
    );
    profile.encoding = "UTF-8".into();
    assert!(
        matches!(read(bytes, &profile), Err(StatementError::Unreadable(m)) if m.contains("Windows-1252"))
    );
}

#[test]
fn utf8_bom_then_windows_1252_bytes_with_euro_signs_and_soll_haben() {
    let bytes = fixture!("sparkasse_bom_soll_haben.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the fixture starts with a UTF-8 BOM"
    );
    assert!(
        std::str::from_utf8(&bytes[3..]).is_err(),
        "and goes on in Windows-1252"
    );
    let (s, parsed) = sniff_and_read(bytes);
    let p = &s.profile;
    assert_eq!(p.encoding, "windows-1252");
    assert_eq!(p.delimiter, ';');
    assert_eq!(p.skip_top, 3);
    assert_eq!(p.header_row, Some(4));
    assert_eq!(
        s.header,
        [
            "Buchungstag",
            "Valutadatum",
            "Empfänger/Zahlungspflichtiger",
            "IBAN",
            "Verwendungszweck",
            "Betrag",
            "Soll/Haben"
        ]
    );
    assert_eq!(
        s.preview[0],
        ["Umsätze Girokonto", "Zeitraum: 01.03.2026 - 31.03.2026"],
        "neither the BOM nor its bytes read as ï»¿ show"
    );
    assert_eq!(p.date_format, "%d.%m.%Y");
    assert_eq!(p.decimal_mark, ',');
    assert_eq!(s.decimal_mark, Some(','));
    assert_eq!(
        p.amount,
        AmountLayout::WithIndicator {
            amount: 5,
            indicator: 6,
            debit_values: vec!["S".into()],
            credit_values: vec!["H".into()],
        }
    );
    assert_eq!(p.counterparty_column, Some(2));
    assert_eq!(p.counterparty_account_column, Some(3));
    assert_eq!(p.reference_columns, vec![4]);
    assert_eq!(p.value_date_column, Some(1));
    assert_eq!(
        p.currency_column, None,
        "the currency is the € in the amounts"
    );

    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.account.as_deref(), Some("DE89370400440532013000"));
    assert_eq!(parsed.currency.as_deref(), Some("EUR"));
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                5,
                day(2026, 3, 2),
                dec("1234.56"),
                Flow::Out,
                "Müller & Söhne GmbH",
                "Rechnung 4711 Gebühr März"
            ),
            (
                6,
                day(2026, 3, 6),
                dec("250.00"),
                Flow::In,
                "Jürgen Weiß",
                "Rückzahlung Darlehen"
            ),
            (
                7,
                day(2026, 3, 13),
                dec("5000.00"),
                Flow::Out,
                "Krypto Börse Ltd",
                "Einzahlung Kundenkonto 88213"
            ),
            (
                8,
                day(2026, 3, 27),
                dec("89.90"),
                Flow::In,
                "Zoë Öztürk",
                "Erstattung Auslagen"
            ),
            (
                9,
                day(2026, 3, 31),
                dec("4.90"),
                Flow::Out,
                "Sparkasse",
                "Kontoführungsentgelt"
            ),
        ]
    );
    assert!(parsed
        .rows
        .iter()
        .all(|r| r.currency.as_deref() == Some("EUR")));
    assert!(parsed
        .rows
        .iter()
        .all(|r| !r.counterparty.contains('\u{fffd}')
            && !r.reference.contains('\u{fffd}')
            && !r.raw.contains('\u{fffd}')));
    assert_eq!(parsed.rows[1].value_date, Some(day(2026, 3, 9)));
    assert_eq!(parsed.rows[2].counterparty_account, "LT121000011101001000");
    assert_eq!(parsed.rows[4].counterparty_account, "");
    assert_eq!(
        parsed.rows[0].raw,
        "\"02.03.2026\";\"02.03.2026\";\"Müller & Söhne GmbH\";\"DE02120300000000202051\";\
         \"Rechnung 4711 Gebühr März\";\"1.234,56 €\";\"S\""
    );

    // The person may still say UTF-8: refused in words, never read with U+FFFD.
    let mut profile = s.profile.clone();
    profile.encoding = "UTF-8".into();
    assert!(
        matches!(read(bytes, &profile), Err(StatementError::Unreadable(m)) if m.contains("Windows-1252"))
    );
    // ISO-8859-1 leaves the BOM's bytes out too, but 0x80 is a control character there, not
    // "€": every amount is a problem of its row, never misread.
    profile.encoding = "ISO-8859-1".into();
    let latin1 = read(bytes, &profile).unwrap();
    assert_eq!(latin1.rows, vec![]);
    let problems: Vec<(u32, Option<&str>)> = latin1
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [5, 6, 7, 8, 9].map(|row| (row, Some("Betrag"))).to_vec()
    );
    assert_eq!(
        latin1.problems[0].message,
        "“1.234,56 \u{80}” does not read as an amount with “,” as the decimal mark."
    );
    // A BOM followed by UTF-8 stays UTF-8.
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice("Datum;Empfänger;Betrag\n14.03.2026;Jürgen;-5,00\n".as_bytes());
    let (s, parsed) = sniff_and_read(&utf8);
    assert_eq!(s.profile.encoding, "UTF-8");
    assert_eq!(parsed.rows[0].counterparty, "Jürgen");
}

#[test]
fn us_debit_and_credit_columns_with_brackets_and_dollar_signs() {
    let (s, parsed) = sniff_and_read(fixture!("us_parentheses_debit_credit.csv"));
    let p = &s.profile;
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.delimiter, ',');
    assert_eq!(p.header_row, Some(1));
    assert_eq!(p.skip_top, 0);
    assert_eq!(p.skip_bottom, 0);
    assert_eq!(
        p.amount,
        AmountLayout::DebitCredit {
            debit: 3,
            credit: 4
        }
    );
    assert_eq!(p.date_format, "%m/%d/%Y", "03/14/2026 decides month first");
    assert_eq!(s.date_formats, vec!["%m/%d/%Y".to_owned()]);
    assert_eq!(p.decimal_mark, '.');
    assert_eq!(p.counterparty_column, Some(1));
    assert_eq!(p.reference_columns, vec![2]);
    assert_eq!(p.currency_column, None);

    assert_eq!(parsed.problems, vec![]);
    assert_eq!(
        summary(&parsed.rows),
        vec![
            // "(1,234.56)" in the Debit column: money out.
            (
                2,
                day(2026, 3, 2),
                dec("1234.56"),
                Flow::Out,
                "SAVINGS XXXX4412",
                "ONLINE TRANSFER TO SAVINGS"
            ),
            (
                3,
                day(2026, 3, 14),
                dec("12000.00"),
                Flow::Out,
                "GOLDEN HARBOR INVESTMENTS LTD",
                "WIRE OUT REF 0314GH"
            ),
            (
                4,
                day(2026, 3, 16),
                dec("3200.00"),
                Flow::In,
                "ACME CORP",
                "ACH CREDIT PAYROLL"
            ),
            // "(1,234.56)" in the Credit column: a deposit taken back, money out too.
            (
                5,
                day(2026, 3, 20),
                dec("1234.56"),
                Flow::Out,
                "MOBILE DEPOSIT",
                "DEPOSIT RETURNED CHECK 1042"
            ),
            (
                6,
                day(2026, 3, 23),
                dec("500.00"),
                Flow::Out,
                "COINBASE INC.",
                "ACH DEBIT 8889087930"
            ),
        ]
    );
    // "$" is stripped and no currency is invented: dollars of which country, the file does not
    // say.
    assert!(parsed.rows.iter().all(|r| r.currency.is_none()));
    assert_eq!(parsed.currency, None);
}

#[test]
fn swiss_amounts_with_three_digits_after_the_dot_ask_fourteen_or_fourteen_thousand() {
    let bytes = fixture!("swiss_fourteen_thousand.csv");
    let s = sniff(bytes).unwrap();
    assert_eq!(s.profile.delimiter, ';');
    assert_eq!(s.profile.date_format, "%d.%m.%Y");
    assert_eq!(s.profile.amount, AmountLayout::Signed { col: 4 });
    assert_eq!(s.profile.currency_column, Some(5));
    assert_eq!(s.profile.counterparty_column, Some(3));
    assert_eq!(s.decimal_mark, None);
    assert_eq!(s.undecided.len(), 1);
    let q = &s.undecided[0];
    assert_eq!(q.topic, QuestionTopic::DecimalMark);
    assert_eq!(
        q.message,
        "Every amount has three digits after its only “.”: -14.000 could be 14 or 14000. Which \
         is right? An amount you know (a transfer you made) tells."
    );
    let values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, [".", ","]);
    assert_eq!(q.choices[0].label, "“.” is the decimal mark: -14.000 is 14");
    assert_eq!(
        q.choices[1].label,
        "“.” separates thousands (“,” is the decimal mark): -14.000 is 14000"
    );
    assert_eq!(
        q.choices[0].examples,
        [
            "Line 2: -14.000 → 14",
            "Line 3: 2.500 → 2.5",
            "Line 4: -1.200 → 1.2"
        ]
    );
    assert_eq!(
        q.choices[1].examples,
        [
            "Line 2: -14.000 → 14000",
            "Line 3: 2.500 → 2500",
            "Line 4: -1.200 → 1200"
        ]
    );

    let answer = |choice: &Choice| {
        let mut profile = s.profile.clone();
        profile.decimal_mark = choice.value.chars().next().unwrap();
        let parsed = read(bytes, &profile).unwrap();
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(parsed.currency.as_deref(), Some("CHF"));
        parsed
    };
    let expected = |a: &str, b: &str, c: &str| {
        vec![
            (
                2,
                day(2026, 3, 2),
                dec(a),
                Flow::Out,
                "Alpine Digital Assets AG",
                "Zahlung E-Banking",
            ),
            (
                3,
                day(2026, 3, 9),
                dec(b),
                Flow::In,
                "Lukas Brändli",
                "Gutschrift",
            ),
            (
                4,
                day(2026, 3, 17),
                dec(c),
                Flow::Out,
                "Alpine Digital Assets AG",
                "Zahlung E-Banking",
            ),
        ]
    };
    // "." is the decimal mark: 14.000 is fourteen.
    let parsed = answer(&q.choices[0]);
    assert_eq!(summary(&parsed.rows), expected("14", "2.5", "1.2"));
    assert_eq!(parsed.rows[0].amount.normalize().to_string(), "14");
    // "," is the decimal mark: 14.000 is fourteen thousand.
    let parsed = answer(&q.choices[1]);
    assert_eq!(summary(&parsed.rows), expected("14000", "2500", "1200"));
    assert_eq!(parsed.rows[1].value_date, Some(day(2026, 3, 10)));
}

#[test]
fn swiss_apostrophe_thousands_decide_the_decimal_mark() {
    let (s, parsed) = sniff_and_read(fixture!("swiss_apostrophe.csv"));
    assert_eq!(s.decimal_mark, Some('.'), "1'250.50 decides it");
    assert_eq!(s.profile.decimal_mark, '.');
    assert_eq!(s.profile.amount, AmountLayout::Signed { col: 4 });
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.currency.as_deref(), Some("CHF"));
    assert_eq!(
        summary(&parsed.rows),
        vec![
            (
                2,
                day(2026, 3, 2),
                dec("14000"),
                Flow::Out,
                "Alpine Digital Assets AG",
                "Zahlung E-Banking"
            ),
            (
                3,
                day(2026, 3, 9),
                dec("2500"),
                Flow::In,
                "Lukas Brändli",
                "Gutschrift"
            ),
            (
                4,
                day(2026, 3, 17),
                dec("1250.50"),
                Flow::Out,
                "Alpine Digital Assets AG",
                "Zahlung E-Banking"
            ),
            (
                5,
                day(2026, 3, 24),
                dec("1200"),
                Flow::Out,
                "Alpine Digital Assets AG",
                "Zahlung E-Banking"
            ),
        ]
    );
    assert_eq!(
        cells::mark_evidence("-1'250.50"),
        cells::MarkEvidence::Decimal('.')
    );
}

#[test]
fn times_are_utc_only_when_the_column_says_so() {
    assert!(super::rows::says_utc("Date(UTC)"));
    assert!(super::rows::says_utc("Time (GMT)"));
    assert!(super::rows::says_utc("utc date"));
    assert!(!super::rows::says_utc("Date"));
    assert!(!super::rows::says_utc("Buchungstag"));
    assert!(!super::rows::says_utc("Outcome"));
    // An offset is not UTC: those times are not read as UTC.
    assert!(!super::rows::says_utc("Time (UTC+8)"));
    assert!(!super::rows::says_utc("Date GMT-5"));
    assert!(super::rows::says_utc("Date(UTC) "));
    // A UK bank's plain "Date" with no times: nothing changes.
    let (_, parsed) = sniff_and_read(fixture!("uk_debit_credit.csv"));
    assert!(parsed.rows.iter().all(|r| r.offset_minutes.is_none()));
}
