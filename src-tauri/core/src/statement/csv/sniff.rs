//! The proposal: encoding, separator, where the table is, what each column holds, the date format
//! and the decimal mark, with a question for whatever the file leaves open.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::cells::{
    date_formats, format_words, mark_evidence, parse_amount, parse_date, MarkEvidence,
};
use super::columns::{indicator_pair, role_of, Role};
use super::text::{check_size, decode, detect, records, Record};
use super::{AmountLayout, Choice, CsvProfile, CsvSniff, Question, QuestionTopic};
use crate::statement::{StatementError, MAX_ROWS};

/// Separators tried, in order of preference when two split the file equally well.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Records looked at to choose the separator and find the table.
const SAMPLE_RECORDS: usize = 50;
/// Records shown in the preview.
const PREVIEW_RECORDS: usize = 10;
/// Widest table read: more columns is not a statement.
pub(super) const MAX_COLUMNS: usize = 500;
/// Lines at the bottom at most taken for totals.
const MAX_BOTTOM: usize = 10;
/// Date values counted per format when no format reads them all.
const COUNTED_DATES: usize = 1000;
/// Share of a column's values (in fifths) that must fit the role its header names.
const MOSTLY_FIFTHS: usize = 4;
/// Records above the rows read besides [`MAX_ROWS`] (account details, header).
pub(super) const TOP_ALLOWANCE: usize = 1000;

/// Whether a cell reads as a date in one of the proposed formats.
fn is_date(cell: &str, formats: &[String]) -> bool {
    let c = cell.trim();
    !c.is_empty()
        && c.len() <= 40
        && c.chars().any(|ch| ch.is_ascii_digit())
        && formats.iter().any(|f| parse_date(c, f).is_ok())
}

/// Whether a cell reads as an amount with either decimal mark.
fn is_amount(cell: &str) -> bool {
    parse_amount(cell, '.').is_ok() || parse_amount(cell, ',').is_ok()
}

/// Whether a row fits a table `width` cells wide (empty cells past the end are tolerated, and
/// one missing last cell).
fn fits(r: &Record, width: usize) -> bool {
    let span = r.span();
    span >= 2 && span <= width && r.cells.len() + 1 >= width
}

/// Whether a record looks like column names: at least two cells, every non-empty one with a
/// letter and neither a date nor an amount.
fn names_like(r: &Record, formats: &[String]) -> bool {
    let cells: Vec<&str> = r
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 2
        && cells
            .iter()
            .all(|c| c.chars().any(char::is_alphabetic) && !is_date(c, formats) && !is_amount(c))
}

/// The most common cell count among records with at least two cells used, and how many records
/// have it.
fn usual_width<'r>(records: impl Iterator<Item = &'r Record>) -> Option<(usize, usize)> {
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for n in records.filter(|r| r.span() >= 2).map(|r| r.cells.len()) {
        *seen.entry(n).or_default() += 1;
    }
    seen.into_iter()
        .map(|(width, count)| (count, width))
        .max()
        .map(|(count, width)| (width, count))
}

/// The separator splitting the first lines most consistently (quotes respected).
fn choose_delimiter(text: &str) -> Result<u8, StatementError> {
    let mut best: Option<((usize, usize), u8)> = None;
    for d in DELIMITERS {
        let Ok((sample, _)) = records(text, d, SAMPLE_RECORDS) else {
            continue;
        };
        let Some((width, count)) = usual_width(sample.iter()) else {
            continue;
        };
        if best.is_none_or(|(score, _)| (count, width) > score) {
            best = Some(((count, width), d));
        }
    }
    best.map(|(_, d)| d).ok_or_else(|| {
        StatementError::NotThisFormat(
            "This does not look like a CSV statement: no comma, semicolon, tab or | splits its \
             lines into columns."
                .into(),
        )
    })
}

/// Sniffs the file: see [`super::sniff`].
pub(super) fn sniff(bytes: &[u8]) -> Result<CsvSniff, StatementError> {
    check_size(bytes)?;
    let encoding = detect(bytes);
    let text = decode(bytes, encoding)?;
    if text.trim().is_empty() {
        return Err(StatementError::NotThisFormat("The file is empty.".into()));
    }
    if text.contains('\0') {
        return Err(StatementError::NotThisFormat(
            "This file is not text, so it is not a CSV statement.".into(),
        ));
    }
    let delimiter = choose_delimiter(&text)?;
    let (table, more) = records(&text, delimiter, MAX_ROWS + TOP_ALLOWANCE)?;
    if more {
        return Err(super::rows::too_many_rows());
    }
    let formats = date_formats();
    let Some((width, _)) = usual_width(table.iter().take(SAMPLE_RECORDS)) else {
        return Err(StatementError::NotThisFormat(
            "This does not look like a CSV statement: its lines have no columns.".into(),
        ));
    };
    if width > MAX_COLUMNS {
        return Err(StatementError::NotThisFormat(format!(
            "This does not look like a statement: its rows have {width} columns."
        )));
    }

    let (header_at, first_data) = find_table(&table, width, &formats);
    let header: Vec<String> = header_at
        .map(|i| table[i].cells.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default();
    let body = &table[first_data.min(table.len())..];
    if body.is_empty() {
        return Err(StatementError::Unreadable(
            "There are no rows below the column names: the statement has no movements.".into(),
        ));
    }
    // Totals below the rows are left out of the sample (they have no date); the final count of
    // lines to skip at the bottom is made once the date column is known.
    let totals = body
        .iter()
        .skip(1)
        .rev()
        .take(MAX_BOTTOM)
        .take_while(|r| !fits(r, width) || !r.cells.iter().any(|c| is_date(c, &formats)))
        .count();
    let sample: Vec<&Record> = body[..body.len() - totals]
        .iter()
        .filter(|r| fits(r, width))
        .collect();

    let mut roles: Vec<Option<Role>> = (0..width)
        .map(|c| header.get(c).and_then(|h| role_of(h)))
        .collect();
    check_roles_against_values(&mut roles, &sample, &formats);

    let find = |role: Role| roles.iter().position(|r| *r == Some(role));
    let mut undecided = Vec::new();

    // The date column and its formats.
    let date_column = find(Role::Date);
    let (date_formats_found, date_question) = match date_column {
        Some(col) => date_choice(&sample, col, &formats, &header),
        None => (Vec::new(), None),
    };
    if date_column.is_none() {
        undecided.push(Question {
            topic: QuestionTopic::DateColumn,
            message: "Casefile could not tell which column holds the date of each movement. \
                      Point at it in the preview."
                .into(),
            choices: Vec::new(),
        });
    }
    undecided.extend(date_question);

    // The amount layout.
    let amount = amount_layout(&roles, &sample, width);
    let amount = match amount {
        Some(a) => a,
        None => {
            undecided.push(Question {
                topic: QuestionTopic::AmountColumns,
                message: "Casefile could not tell which column holds the amount of each \
                          movement. Point at it in the preview (or at the money-out and \
                          money-in columns)."
                    .into(),
                choices: Vec::new(),
            });
            AmountLayout::Signed {
                col: first_number_column(&roles, &sample, width).unwrap_or(0),
            }
        }
    };
    let amount_cols: Vec<usize> = match &amount {
        AmountLayout::Signed { col } => vec![*col],
        AmountLayout::DebitCredit { debit, credit } => vec![*debit, *credit],
        AmountLayout::WithIndicator { amount, .. } => vec![*amount],
    };
    let (decimal_mark, mark_question) = decimal_choice(&sample, &amount_cols);
    undecided.extend(mark_question);

    let bottom = bottom_lines(body, width, date_column);
    let skip_top = match header_at {
        Some(i) => table[i].line as usize - 1,
        None => body.first().map_or(0, |r| r.line as usize - 1),
    };
    let reference_columns = (0..width)
        .filter(|c| roles[*c] == Some(Role::Reference))
        .collect();
    let profile = CsvProfile {
        encoding: encoding.label().into(),
        delimiter: char::from(delimiter),
        skip_top,
        skip_bottom: bottom,
        header_row: header_at.map(|i| table[i].line as usize),
        date_column: date_column.unwrap_or(0),
        date_format: date_formats_found
            .first()
            .cloned()
            .unwrap_or_else(|| "%Y-%m-%d".into()),
        time_column: find(Role::Time),
        amount,
        decimal_mark: decimal_mark.unwrap_or('.'),
        currency_column: find(Role::Currency),
        counterparty_column: find(Role::Counterparty),
        counterparty_account_column: find(Role::Account),
        reference_columns,
        id_column: find(Role::Id),
        value_date_column: find(Role::ValueDate),
    };
    Ok(CsvSniff {
        profile,
        date_formats: date_formats_found,
        decimal_mark,
        undecided,
        preview: table
            .iter()
            .take(PREVIEW_RECORDS)
            .map(|r| r.cells.iter().map(|c| c.trim().to_owned()).collect())
            .collect(),
        header,
    })
}

/// Where the table starts: (the header record, the first data record). The first data record is
/// the first that fits the width, has a date and an amount, and is followed by a fitting record;
/// the header is the record just before it when that looks like names.
fn find_table(table: &[Record], width: usize, formats: &[String]) -> (Option<usize>, usize) {
    let looked = table.len().min(SAMPLE_RECORDS + 10);
    let data_like = |r: &Record| {
        fits(r, width)
            && r.cells.iter().any(|c| is_date(c, formats))
            && r.cells.iter().any(|c| {
                !is_date(c, formats) && c.chars().any(|ch| ch.is_ascii_digit()) && is_amount(c)
            })
    };
    let first_data = (0..looked)
        .find(|&i| data_like(&table[i]) && table.get(i + 1).is_none_or(|next| fits(next, width)));
    match first_data {
        Some(i) => {
            let header = i
                .checked_sub(1)
                .filter(|&h| fits(&table[h], width) && names_like(&table[h], formats));
            (header, i)
        }
        None => {
            // No row with a date and an amount: take the first names-like row as the header,
            // else the first fitting row as data.
            let header =
                (0..looked).find(|&i| fits(&table[i], width) && names_like(&table[i], formats));
            match header {
                Some(h) => (Some(h), h + 1),
                None => (
                    None,
                    (0..looked).find(|&i| fits(&table[i], width)).unwrap_or(0),
                ),
            }
        }
    }
}

/// Roles the header gave but the values contradict are dropped (or corrected: a "Valuta" column
/// of currency codes is the currency); a missing date column is found from the values.
fn check_roles_against_values(roles: &mut [Option<Role>], sample: &[&Record], formats: &[String]) {
    let head: Vec<&Record> = sample.iter().take(100).copied().collect();
    let values = |col: usize| -> Vec<&str> {
        head.iter()
            .map(|r| r.cell(col))
            .filter(|c| !c.is_empty())
            .collect()
    };
    let is_code =
        |c: &str| (3..=5).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_uppercase());
    for (col, role) in roles.iter_mut().enumerate() {
        let v = values(col);
        if v.is_empty() {
            continue;
        }
        let mostly = |ok: &dyn Fn(&str) -> bool| {
            v.iter().filter(|c| ok(c)).count() * 5 >= v.len() * MOSTLY_FIFTHS
        };
        match *role {
            Some(Role::Date | Role::ValueDate) if !mostly(&|c| is_date(c, formats)) => {
                *role = v.iter().all(|c| is_code(c)).then_some(Role::Currency);
            }
            Some(Role::Time) if v.iter().all(|c| is_date(c, formats)) => {
                // "UTC_Time" holding "2026-03-14 09:31:02" is the date.
                *role = Some(Role::Date);
            }
            Some(Role::Amount | Role::Debit | Role::Credit) if !mostly(&is_amount) => {
                *role = None;
            }
            _ => {}
        }
    }
    // One date column: the first; a second one named as the date is left unread.
    let mut seen_date = false;
    for r in roles.iter_mut() {
        if *r == Some(Role::Date) {
            if seen_date {
                *r = None;
            }
            seen_date = true;
        }
    }
    if !seen_date {
        let found = (0..roles.len()).find(|&c| {
            roles[c].is_none_or(|r| r == Role::Reference) && {
                let v = values(c);
                !v.is_empty() && v.iter().all(|x| is_date(x, formats))
            }
        });
        if let Some(c) = found {
            roles[c] = Some(Role::Date);
        }
    }
    // An unnamed column of D/C, DR/CR, S/H… next to one amount column is the indicator.
    let amounts = roles.iter().filter(|r| **r == Some(Role::Amount)).count();
    let has_indicator = roles.contains(&Some(Role::Indicator));
    if amounts == 1 && !has_indicator {
        let found = (0..roles.len()).find(|&c| {
            roles[c].is_none_or(|r| r == Role::Reference) && indicator_pair(&values(c)).is_some()
        });
        if let Some(c) = found {
            roles[c] = Some(Role::Indicator);
        }
    }
    // An unnamed column of currency codes is the currency.
    if !roles.contains(&Some(Role::Currency)) {
        let found = (0..roles.len()).find(|&c| {
            roles[c].is_none() && {
                let v = values(c);
                !v.is_empty() && v.iter().all(|x| is_code(x))
            }
        });
        if let Some(c) = found {
            roles[c] = Some(Role::Currency);
        }
    }
}

/// The amount layout the roles give: debit and credit columns, an amount with an indicator, or
/// one signed amount.
fn amount_layout(roles: &[Option<Role>], sample: &[&Record], width: usize) -> Option<AmountLayout> {
    let find = |role: Role| roles.iter().position(|r| *r == Some(role));
    if let (Some(debit), Some(credit)) = (find(Role::Debit), find(Role::Credit)) {
        return Some(AmountLayout::DebitCredit { debit, credit });
    }
    let amount = find(Role::Amount)?;
    if let Some(indicator) = find(Role::Indicator) {
        let values: Vec<&str> = sample
            .iter()
            .map(|r| r.cell(indicator))
            .filter(|c| !c.is_empty())
            .collect();
        if let Some((out, inn)) = indicator_pair(&values) {
            // Keep the spelling of the file for the person to see.
            let spelled = |want: &str| {
                values
                    .iter()
                    .find(|v| v.to_uppercase() == want)
                    .map_or_else(|| want.to_owned(), |v| (*v).to_owned())
            };
            return Some(AmountLayout::WithIndicator {
                amount,
                indicator,
                debit_values: vec![spelled(out)],
                credit_values: vec![spelled(inn)],
            });
        }
    }
    (amount < width).then_some(AmountLayout::Signed { col: amount })
}

/// The first column whose values are all amounts and not dates (a placeholder for the amount).
fn first_number_column(roles: &[Option<Role>], sample: &[&Record], width: usize) -> Option<usize> {
    (0..width).find(|&c| {
        roles[c].is_none()
            && sample.iter().take(200).all(|r| {
                let v = r.cell(c);
                !v.is_empty() && is_amount(v) && v.chars().any(|ch| ch.is_ascii_digit())
            })
    })
}

/// The date formats every value of the date column allows, and a question when several read the
/// dates differently.
fn date_choice(
    sample: &[&Record],
    col: usize,
    formats: &[String],
    header: &[String],
) -> (Vec<String>, Option<Question>) {
    let values: Vec<(u32, &str)> = sample
        .iter()
        .map(|r| (r.line, r.cell(col)))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let mut alive: Vec<&String> = formats.iter().collect();
    // How many of the first values each format reads, for when none reads them all.
    let mut counts = vec![0usize; formats.len()];
    for (k, (_, v)) in values.iter().enumerate() {
        if k < COUNTED_DATES {
            for (i, f) in formats.iter().enumerate() {
                if parse_date(v, f).is_ok() {
                    counts[i] += 1;
                }
            }
        } else if alive.is_empty() {
            break;
        }
        alive.retain(|f| parse_date(v, f).is_ok());
    }
    let found: Vec<String> = if alive.is_empty() {
        // None fits all: the ones fitting the most (the rest become problems when read).
        let best = counts.iter().copied().max().unwrap_or(0);
        if best == 0 {
            return (Vec::new(), None);
        }
        formats
            .iter()
            .zip(&counts)
            .filter(|(_, c)| **c == best)
            .map(|(f, _)| f.clone())
            .collect()
    } else {
        alive.into_iter().cloned().collect()
    };
    if found.len() < 2 {
        return (found, None);
    }
    let reading = |v: &str, f: &str| parse_date(v, f).ok().map(|(d, _)| d);
    // Rows the formats read differently, else the first ones.
    let differing: Vec<&(u32, &str)> = values
        .iter()
        .filter(|(_, v)| {
            let first = reading(v, &found[0]);
            found.iter().any(|f| reading(v, f) != first)
        })
        .take(3)
        .collect();
    if differing.is_empty() && !values.is_empty() {
        // Every date reads the same whichever format: nothing to ask.
        return (found[..1].to_vec(), None);
    }
    let choices = found
        .iter()
        .map(|f| Choice {
            value: f.clone(),
            label: date_label(f),
            examples: differing
                .iter()
                .map(|(line, v)| match reading(v, f) {
                    Some(d) => format!("Line {line}: {v} → {}", long_date(d)),
                    None => format!("Line {line}: {v} → not a date this way"),
                })
                .collect(),
        })
        .collect();
    let column = header
        .get(col)
        .map_or_else(|| format!("column {}", col + 1), |h| format!("“{h}”"));
    let message = match differing.first() {
        Some((_, v)) => format!(
            "The dates in {column} can be read more than one way: “{v}” could be {}. Which is \
             right? Your bank's website or a paper statement shows it.",
            found
                .iter()
                .filter_map(|f| reading(v, f))
                .map(long_date)
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        None => format!("The dates in {column} can be read more than one way. Which is right?"),
    };
    (
        found,
        Some(Question {
            topic: QuestionTopic::DateFormat,
            message,
            choices,
        }),
    )
}

/// "3 April 2026".
fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "Day first (DD/MM/YYYY)".
fn date_label(format: &str) -> String {
    let d = format.find("%d");
    let m = format.find("%m").or_else(|| format.find("%b"));
    let y = format.find("%Y").or_else(|| format.find("%y"));
    let order = match (d, m, y) {
        (Some(d), Some(m), Some(y)) if y < d && y < m => "Year first",
        (Some(d), Some(m), _) if d < m => "Day first",
        (Some(_), Some(_), _) => "Month first",
        _ => "As written",
    };
    format!("{order} ({})", format_words(format))
}

/// The decimal mark the amount cells decide, or a question when every amount has exactly three
/// digits after its only separator.
fn decimal_choice(sample: &[&Record], cols: &[usize]) -> (Option<char>, Option<Question>) {
    let mut votes: HashMap<char, usize> = HashMap::new();
    let mut either: Vec<(u32, String, char)> = Vec::new();
    for r in sample {
        for &c in cols {
            match mark_evidence(r.cell(c)) {
                MarkEvidence::Decimal(m) => *votes.entry(m).or_default() += 1,
                MarkEvidence::Either(m) => {
                    if either.len() < 3 {
                        either.push((r.line, r.cell(c).to_owned(), m));
                    }
                }
                MarkEvidence::Nothing => {}
            }
        }
    }
    if let Some((mark, _)) = votes.into_iter().max_by_key(|(m, n)| (*n, *m == '.')) {
        return (Some(mark), None);
    }
    let Some((_, first, sep)) = either.first().cloned() else {
        // No separator anywhere: whole numbers read the same with either mark.
        return (Some('.'), None);
    };
    let other = if sep == '.' { ',' } else { '.' };
    let read = |v: &str, mark: char| {
        parse_amount(v, mark)
            .ok()
            .map(|m| m.value.abs().normalize().to_string())
    };
    let choice = |mark: char| Choice {
        value: mark.to_string(),
        label: if mark == sep {
            format!(
                "“{mark}” is the decimal mark: {first} is {}",
                read(&first, mark).unwrap_or_default()
            )
        } else {
            format!(
                "“{sep}” separates thousands (“{mark}” is the decimal mark): {first} is {}",
                read(&first, mark).unwrap_or_default()
            )
        },
        examples: either
            .iter()
            .map(|(line, v, _)| {
                format!(
                    "Line {line}: {v} → {}",
                    read(v, mark).unwrap_or_else(|| "not an amount this way".into())
                )
            })
            .collect(),
    };
    let (small, large) = (read(&first, sep), read(&first, other));
    (
        None,
        Some(Question {
            topic: QuestionTopic::DecimalMark,
            message: format!(
                "Every amount has three digits after its only “{sep}”: {first} could be {} or {}. \
                 Which is right? An amount you know (a transfer you made) tells.",
                small.unwrap_or_default(),
                large.unwrap_or_default()
            ),
            choices: vec![choice(sep), choice(other)],
        }),
    )
}

/// How many records at the end are not rows (totals): they do not fit the width or have no digit
/// in the date column (a date that is merely wrong stays, to be named as a problem).
fn bottom_lines(body: &[Record], width: usize, date_column: Option<usize>) -> usize {
    body.iter()
        .skip(1)
        .rev()
        .take(MAX_BOTTOM)
        .take_while(|r| {
            !fits(r, width)
                || match date_column {
                    Some(c) => !r.cell(c).chars().any(|ch| ch.is_ascii_digit()),
                    None => false,
                }
        })
        .count()
}
