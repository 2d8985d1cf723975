//! The profile checked against the file, then every row read with it.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cells::{
    date_part, format_is_valid, format_words, parse_amount, parse_date, parse_time, AmountFault,
    DateFault, Money,
};
use super::sniff::TOP_ALLOWANCE;
use super::text::{check_size, decode, records, Encoding, Record};
use super::{problem, AmountLayout, CsvProfile};
use crate::statement::{
    Flow, ParsedStatement, RowProblem, StatementError, StatementFormat, StatementRow, MAX_ROWS,
};

/// The error for a file with more rows than Casefile reads.
pub(super) fn too_many_rows() -> StatementError {
    StatementError::Unreadable(format!(
        "This file has more than {MAX_ROWS} rows; Casefile reads at most that many from one \
         statement. Export a shorter period from the bank."
    ))
}

fn unfit(message: String) -> StatementError {
    StatementError::Unreadable(message)
}

/// Everything a row is read with.
struct Reading<'a> {
    profile: &'a CsvProfile,
    /// Column names for messages ("Betrag", or "column 5" without a header).
    names: Vec<String>,
    /// Cells a row must have at least, and may have beyond only when empty.
    min_cells: usize,
    width: usize,
    /// The cell count named in a message about a ragged row.
    told: usize,
    date_only_format: &'a str,
    has_header: bool,
    /// The date or time column's name says its times are UTC (`Date(UTC)`, `Time (GMT)`), as
    /// exchanges write them: the rows' times then carry offset 0 instead of being read in the
    /// case's zone.
    utc: bool,
}

/// Whether a column name says its times are in UTC.
pub(super) fn says_utc(name: &str) -> bool {
    // A word "UTC" or "GMT" on its own: not "UTC+8" or "GMT-5" (an offset, which is not UTC).
    let lower = name.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    ["utc", "gmt"].iter().any(|w| {
        lower.match_indices(w).any(|(at, _)| {
            let before = at.checked_sub(1).and_then(|b| bytes.get(b));
            let after = bytes.get(at + w.len());
            before.is_none_or(|c| !c.is_ascii_alphanumeric())
                && after.is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'+' && *c != b'-')
        })
    })
}

/// Reads the file: see [`super::read`].
pub(super) fn read(bytes: &[u8], profile: &CsvProfile) -> Result<ParsedStatement, StatementError> {
    check_size(bytes)?;
    let encoding = Encoding::from_label(&profile.encoding).ok_or_else(|| {
        unfit(format!(
            "Casefile does not know the encoding “{}”. Choose UTF-8, UTF-16LE, UTF-16BE, \
             windows-1252 or ISO-8859-1.",
            profile.encoding
        ))
    })?;
    let delimiter = match profile.delimiter {
        ',' | ';' | '\t' | '|' => profile.delimiter as u8,
        other => {
            return Err(unfit(format!(
                "“{other}” cannot separate columns here: choose a comma, a semicolon, a tab or |."
            )))
        }
    };
    if !matches!(profile.decimal_mark, '.' | ',') {
        return Err(unfit(format!(
            "“{}” cannot be the decimal mark: choose “.” or “,”.",
            profile.decimal_mark
        )));
    }
    if !format_is_valid(&profile.date_format) {
        return Err(unfit(format!(
            "The date format “{}” is not one Casefile understands.",
            profile.date_format
        )));
    }
    let text = decode(bytes, encoding)?;
    let (table, more) = records(&text, delimiter, MAX_ROWS + TOP_ALLOWANCE)?;
    if more {
        return Err(too_many_rows());
    }

    let (header, body_start) = match profile.header_row {
        Some(h) => {
            if h <= profile.skip_top {
                return Err(unfit(format!(
                    "The header row (line {h}) is among the {} lines skipped at the top.",
                    profile.skip_top
                )));
            }
            let Some(i) = table.iter().position(|r| r.line as usize == h) else {
                return Err(unfit(format!(
                    "Line {h} cannot be the header row: it is empty, past the end, or inside a \
                     quoted cell."
                )));
            };
            (Some(&table[i]), i + 1)
        }
        None => (
            None,
            table
                .iter()
                .position(|r| r.line as usize > profile.skip_top)
                .unwrap_or(table.len()),
        ),
    };
    let body = &table[body_start..];
    if profile.skip_bottom > body.len() {
        return Err(unfit(format!(
            "The profile leaves out {} lines at the bottom, but only {} rows are below the top.",
            profile.skip_bottom,
            body.len()
        )));
    }
    let body = &body[..body.len() - profile.skip_bottom];
    if body.len() > MAX_ROWS {
        return Err(too_many_rows());
    }

    // Rows may end with an empty cell the header does not have (`a;b;c` over `1;2;3;`).
    let usual = usual_cells(body);
    let (width, min_cells) = match header {
        Some(h) => (h.cells.len().max(usual), h.span()),
        None => (usual, usual),
    };
    check_columns(profile, width)?;
    let names = (0..width)
        .map(|c| match header.map(|h| h.cell(c)) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => format!("column {}", c + 1),
        })
        .collect();
    let utc = header.is_some_and(|h| {
        std::iter::once(profile.date_column)
            .chain(profile.time_column)
            .any(|c| says_utc(h.cell(c)))
    });
    let reading = Reading {
        utc,
        profile,
        names,
        min_cells,
        width,
        told: header.map_or(width, |h| h.cells.len()),
        date_only_format: date_part(&profile.date_format),
        has_header: header.is_some(),
    };

    let mut rows = Vec::with_capacity(body.len());
    let mut problems = Vec::new();
    for r in body {
        match read_row(&reading, r, &text) {
            Ok(row) => rows.push(row),
            Err(mut p) => problems.append(&mut p),
        }
    }
    let account = table[..body_start.saturating_sub(usize::from(header.is_some()))]
        .iter()
        .find_map(iban_in);
    let currency = rows.first().and_then(|r| r.currency.clone()).filter(|c| {
        rows.iter()
            .all(|r| r.currency.as_deref() == Some(c.as_str()))
    });
    Ok(ParsedStatement {
        format: StatementFormat::Csv,
        account,
        currency,
        rows,
        problems,
    })
}

/// The most common number of cells of the rows (0 when there are none).
fn usual_cells(body: &[Record]) -> usize {
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for r in body {
        *seen.entry(r.cells.len()).or_default() += 1;
    }
    seen.into_iter()
        .map(|(w, n)| (n, w))
        .max()
        .map_or(0, |(_, w)| w)
}

/// Every column the profile names exists, and no column is used for two amount parts.
fn check_columns(p: &CsvProfile, width: usize) -> Result<(), StatementError> {
    let mut used: Vec<(&str, usize)> = vec![("date", p.date_column)];
    match &p.amount {
        AmountLayout::Signed { col } => used.push(("amount", *col)),
        AmountLayout::DebitCredit { debit, credit } => {
            if debit == credit {
                return Err(unfit(format!(
                    "Money out and money in cannot both be column {}.",
                    debit.saturating_add(1)
                )));
            }
            used.push(("money-out", *debit));
            used.push(("money-in", *credit));
        }
        AmountLayout::WithIndicator {
            amount,
            indicator,
            debit_values,
            credit_values,
        } => {
            if amount == indicator {
                return Err(unfit(format!(
                    "The amount and the money-out/in indicator cannot both be column {}.",
                    amount.saturating_add(1)
                )));
            }
            if debit_values.iter().all(|v| v.trim().is_empty())
                || credit_values.iter().all(|v| v.trim().is_empty())
            {
                return Err(unfit(
                    "Say which indicator values mean money out (e.g. DR) and which mean money \
                     in (e.g. CR)."
                        .into(),
                ));
            }
            used.push(("amount", *amount));
            used.push(("indicator", *indicator));
        }
    }
    let optional = [
        ("time", p.time_column),
        ("currency", p.currency_column),
        ("counterparty", p.counterparty_column),
        ("counterparty account", p.counterparty_account_column),
        ("id", p.id_column),
        ("value date", p.value_date_column),
    ];
    used.extend(optional.iter().filter_map(|(n, c)| c.map(|c| (*n, c))));
    used.extend(p.reference_columns.iter().map(|c| ("reference", *c)));
    if let Some((what, col)) = used.iter().find(|(_, c)| *c >= width) {
        return Err(unfit(format!(
            "Column {} (the {what}) does not exist: the file has {width} columns.",
            col.saturating_add(1)
        )));
    }
    Ok(())
}

/// One row, or every problem it has.
fn read_row(reading: &Reading, r: &Record, text: &str) -> Result<StatementRow, Vec<RowProblem>> {
    let p = reading.profile;
    let line = r.line;
    if r.cells.len() < reading.min_cells
        || r.cells
            .iter()
            .skip(reading.width)
            .any(|c| !c.trim().is_empty())
    {
        let expected = if reading.has_header {
            format!("the header has {}", reading.told)
        } else {
            format!("most rows have {}", reading.told)
        };
        return Err(vec![problem(
            line,
            None,
            format!(
                "This line has {} cells where {expected}: a separator is missing or one too \
                 many, so its cells cannot be matched to the columns.",
                r.cells.len()
            ),
        )]);
    }
    let name = |c: usize| reading.names.get(c).cloned();
    let mut problems = Vec::new();

    let date = match parse_date(r.cell(p.date_column), &p.date_format) {
        Ok(d) => Some(d),
        Err(fault) => {
            problems.push(problem(
                line,
                name(p.date_column),
                date_message(r.cell(p.date_column), fault, &p.date_format),
            ));
            None
        }
    };
    let mut time = date.and_then(|(_, t)| t);
    if let (None, Some(col)) = (time, p.time_column) {
        let cell = r.cell(col);
        if !cell.is_empty() {
            match parse_time(cell) {
                Some(t) => time = Some(t),
                None => problems.push(problem(
                    line,
                    name(col),
                    format!("“{cell}” is not a time of day (hh:mm or hh:mm:ss)."),
                )),
            }
        }
    }
    let mut value_date = None;
    if let Some(col) = p.value_date_column {
        let cell = r.cell(col);
        if !cell.is_empty() {
            match parse_date(cell, reading.date_only_format)
                .or_else(|_| parse_date(cell, &p.date_format))
            {
                Ok((d, _)) => value_date = Some(d),
                Err(fault) => problems.push(problem(
                    line,
                    name(col),
                    date_message(cell, fault, reading.date_only_format),
                )),
            }
        }
    }
    let amount =
        read_amount(reading, r).map_err(|(col, message)| problem(line, name(col), message));
    let money = match amount {
        Ok(m) => Some(m),
        Err(e) => {
            problems.push(e);
            None
        }
    };

    let mut currency = money.as_ref().and_then(|m| m.2.clone());
    if let Some(col) = p.currency_column {
        let cell = r.cell(col);
        if !cell.is_empty() {
            let written = if cell.chars().all(|c| c.is_ascii_alphabetic()) {
                cell.to_ascii_uppercase()
            } else {
                cell.to_owned()
            };
            match &currency {
                Some(in_amount) if *in_amount != written => problems.push(problem(
                    line,
                    name(col),
                    format!(
                        "The amount is written in {in_amount} but the currency column says \
                         {written}."
                    ),
                )),
                _ => currency = Some(written),
            }
        }
    }

    let (Some((booked, _)), Some((amount, flow, _)), true) = (date, money, problems.is_empty())
    else {
        return Err(problems);
    };
    let words = |col: Option<usize>| {
        col.map_or_else(String::new, |c| {
            r.cell(c).split_whitespace().collect::<Vec<_>>().join(" ")
        })
    };
    let reference = p
        .reference_columns
        .iter()
        .map(|c| words(Some(*c)))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let bank_id = Some(words(p.id_column)).filter(|s| !s.is_empty());
    Ok(StatementRow {
        row: line,
        part: 1,
        booked,
        time,
        offset_minutes: (p.date_format.ends_with('Z') || (reading.utc && time.is_some()))
            .then_some(0),
        value_date,
        amount,
        flow,
        currency,
        counterparty: words(p.counterparty_column),
        counterparty_account: words(p.counterparty_account_column),
        reference,
        bank_id,
        raw: r.raw(text).to_owned(),
    })
}

/// "The date “31.02.2026” is not a real date."
fn date_message(cell: &str, fault: DateFault, format: &str) -> String {
    match fault {
        DateFault::Missing => "The date is missing.".into(),
        DateFault::NotReal => format!("The date “{}” is not a real date.", quoted(cell)),
        DateFault::Malformed => format!(
            "“{}” is not a date written {}.",
            quoted(cell),
            format_words(format)
        ),
    }
}

/// A cell quoted in a message, cut at 60 characters.
fn quoted(cell: &str) -> String {
    let mut out: String = cell.chars().take(60).collect();
    if cell.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

/// "“12,34,5” does not read as an amount with “,” as the decimal mark."
fn amount_message(cell: &str, fault: AmountFault, mark: char) -> String {
    match fault {
        AmountFault::Missing => "The amount is missing.".into(),
        AmountFault::Unreadable => format!(
            "“{}” does not read as an amount with “{mark}” as the decimal mark.",
            quoted(cell)
        ),
    }
}

/// The row's amount (positive), direction and the currency written in the amount cell; or the
/// column at fault and why.
fn read_amount(
    reading: &Reading,
    r: &Record,
) -> Result<(Decimal, Flow, Option<String>), (usize, String)> {
    let mark = reading.profile.decimal_mark;
    let parse = |col: usize| -> Result<Money, (usize, String)> {
        parse_amount(r.cell(col), mark).map_err(|f| (col, amount_message(r.cell(col), f, mark)))
    };
    let zero = |col: usize| {
        (
            col,
            "The amount is 0: there is no money movement to import.".to_owned(),
        )
    };
    match &reading.profile.amount {
        AmountLayout::Signed { col } => {
            let m = parse(*col)?;
            if m.value.is_zero() {
                return Err(zero(*col));
            }
            let flow = if m.value.is_sign_negative() {
                Flow::Out
            } else {
                Flow::In
            };
            Ok((m.value.abs(), flow, m.currency))
        }
        AmountLayout::DebitCredit { debit, credit } => {
            let side = |col: usize| -> Result<Option<Money>, (usize, String)> {
                if r.cell(col).is_empty() {
                    return Ok(None);
                }
                Ok(Some(parse(col)?).filter(|m| !m.value.is_zero()))
            };
            match (side(*debit)?, side(*credit)?) {
                (Some(m), None) => Ok((m.value.abs(), Flow::Out, m.currency)),
                // A negative credit (`(1,234.56)`, a returned deposit) is money out.
                (None, Some(m)) if m.value.is_sign_negative() => {
                    Ok((m.value.abs(), Flow::Out, m.currency))
                }
                (None, Some(m)) => Ok((m.value.abs(), Flow::In, m.currency)),
                (Some(_), Some(_)) => Err((
                    *debit,
                    format!(
                        "Both “{}” and “{}” have an amount; a row moves money one way only.",
                        reading.names.get(*debit).map_or("", String::as_str),
                        reading.names.get(*credit).map_or("", String::as_str)
                    ),
                )),
                (None, None) => Err((
                    *debit,
                    format!(
                        "Neither “{}” nor “{}” has an amount.",
                        reading.names.get(*debit).map_or("", String::as_str),
                        reading.names.get(*credit).map_or("", String::as_str)
                    ),
                )),
            }
        }
        AmountLayout::WithIndicator {
            amount,
            indicator,
            debit_values,
            credit_values,
        } => {
            let m = parse(*amount)?;
            if m.value.is_zero() {
                return Err(zero(*amount));
            }
            let said = r.cell(*indicator).to_uppercase();
            let is_in = |values: &[String]| values.iter().any(|v| v.trim().to_uppercase() == said);
            let flow = if is_in(debit_values) {
                Flow::Out
            } else if is_in(credit_values) {
                Flow::In
            } else {
                return Err((
                    *indicator,
                    format!(
                        "“{}” says neither money out ({}) nor money in ({}).",
                        quoted(r.cell(*indicator)),
                        debit_values.join(", "),
                        credit_values.join(", ")
                    ),
                ));
            };
            Ok((m.value.abs(), flow, m.currency))
        }
    }
}

/// A valid IBAN in one of the lines above the table (`Kontonummer:;DE89 3704 …`).
fn iban_in(r: &Record) -> Option<String> {
    r.cells.iter().find_map(|cell| {
        let after = cell.rsplit(':').next().unwrap_or(cell);
        let compact: String = after.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() > 34 {
            return None;
        }
        compact
            .parse::<iban::Iban>()
            .ok()
            .map(|_| compact.to_ascii_uppercase())
    })
}
