//! One date or amount cell read in a given format, and what a cell says about the format.

use std::str::FromStr as _;

use chrono::format::{Item, ParseErrorKind, StrftimeItems};
use chrono::{Datelike as _, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

/// Date parts Casefile proposes, day first before month first where both exist.
const DATE_PARTS: &[&str] = &[
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%b %d, %Y",
    "%Y%m%d",
];

/// Time parts after the date (none, or a time of day).
const TIME_PARTS: &[&str] = &["", " %H:%M", " %H:%M:%S", "T%H:%M:%S", "T%H:%M:%SZ"];

/// Every date format [`super::sniff`] tries, date parts × time parts.
pub(super) fn date_formats() -> Vec<String> {
    let mut out = Vec::with_capacity(DATE_PARTS.len() * TIME_PARTS.len());
    for d in DATE_PARTS {
        for t in TIME_PARTS {
            out.push(format!("{d}{t}"));
        }
    }
    out
}

/// Longest date cell read, in bytes.
const MAX_DATE_BYTES: usize = 40;
/// Longest amount cell read, in bytes.
const MAX_AMOUNT_BYTES: usize = 64;

/// Why a date cell was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateFault {
    Missing,
    /// The numbers fit the format but make no date (31/02).
    NotReal,
    /// It is not written in the format.
    Malformed,
}

/// Whether the format has a time of day in it.
fn has_time(format: &str) -> bool {
    ["%H", "%I", "%T", "%R"].iter().any(|t| format.contains(t))
}

/// Whether chrono understands the format (no unknown `%` specifier).
pub(super) fn format_is_valid(format: &str) -> bool {
    !format.is_empty() && !StrftimeItems::new(format).any(|i| matches!(i, Item::Error))
}

/// The date part of a format: what comes before its time of day.
pub(super) fn date_part(format: &str) -> &str {
    ["T%H", " %H", "T%I", " %I", " %T", " %R"]
        .iter()
        .filter_map(|t| format.find(t))
        .min()
        .map_or(format, |i| format.get(..i).unwrap_or(format))
}

/// Reads a date (and time, when the format has one). Years before 1900 or after 2200 are refused:
/// they come from a two-digit year read as four (`14.03.26` as year 26).
pub(super) fn parse_date(
    cell: &str,
    format: &str,
) -> Result<(NaiveDate, Option<NaiveTime>), DateFault> {
    let s = cell.trim();
    if s.is_empty() {
        return Err(DateFault::Missing);
    }
    if s.len() > MAX_DATE_BYTES {
        return Err(DateFault::Malformed);
    }
    let fault = |e: chrono::ParseError| match e.kind() {
        ParseErrorKind::OutOfRange | ParseErrorKind::Impossible => DateFault::NotReal,
        _ => DateFault::Malformed,
    };
    let (date, time) = if has_time(format) {
        let t = NaiveDateTime::parse_from_str(s, format).map_err(fault)?;
        (t.date(), Some(t.time()))
    } else {
        (NaiveDate::parse_from_str(s, format).map_err(fault)?, None)
    };
    if !(1900..=2200).contains(&date.year()) {
        return Err(DateFault::Malformed);
    }
    Ok((date, time))
}

/// Reads a time of day cell: `14:05` or `14:05:31`.
pub(super) fn parse_time(cell: &str) -> Option<NaiveTime> {
    let s = cell.trim();
    if s.len() > MAX_DATE_BYTES {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
}

/// A format as a person writes it: `%d.%m.%Y` → `DD.MM.YYYY`.
pub(super) fn format_words(format: &str) -> String {
    format
        .replace("%d", "DD")
        .replace("%m", "MM")
        .replace("%Y", "YYYY")
        .replace("%y", "YY")
        .replace("%H", "hh")
        .replace("%M", "mm")
        .replace("%S", "ss")
        .replace("%b", "Mon")
}

/// A read amount: signed (negative = money out), and the currency written in the cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Money {
    pub value: Decimal,
    pub currency: Option<String>,
}

/// Why an amount cell was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AmountFault {
    Missing,
    Unreadable,
}

/// Characters that separate thousands (besides `.` or `,` when it is not the decimal mark).
fn is_group_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}'
    )
}

/// The parts of an amount cell: the number (digits and separators only), whether it is written
/// negative, and the currency named in it.
struct Pieces {
    number: String,
    negative: bool,
    currency: Option<String>,
}

/// Takes signs, brackets, `DR`/`CR`, currency symbols and codes off an amount cell.
fn pieces(cell: &str) -> Result<Pieces, AmountFault> {
    let s = cell.trim();
    if s.is_empty() {
        return Err(AmountFault::Missing);
    }
    if s.len() > MAX_AMOUNT_BYTES {
        return Err(AmountFault::Unreadable);
    }
    let mut s = s.to_owned();
    let mut negative = false;
    let mut signs = 0;
    let mut currency = None;
    // Letters: one code (EUR, USDT) or DR/CR, before or after the number.
    let letters: Vec<&str> = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    match letters.as_slice() {
        [] => {}
        [word] => {
            let upper = word.to_uppercase();
            if !word.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(AmountFault::Unreadable);
            }
            match upper.as_str() {
                "DR" | "D" => {
                    negative = true;
                    signs += 1;
                }
                "CR" | "C" => signs += 1,
                _ if (3..=6).contains(&upper.len()) => currency = Some(upper),
                _ => return Err(AmountFault::Unreadable),
            }
            let word = (*word).to_owned();
            s = s.replacen(&word, " ", 1);
        }
        _ => return Err(AmountFault::Unreadable),
    }
    let mut kept = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '€' => currency = currency.or(Some("EUR".into())),
            '£' => currency = currency.or(Some("GBP".into())),
            '$' | '¥' | '₿' => {}
            _ => kept.push(c),
        }
    }
    let mut t = kept.trim().trim_matches(is_group_space).trim().to_owned();
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        signs += 1;
        t = inner.trim().to_owned();
    }
    for minus in ['-', '\u{2212}'] {
        if let Some(rest) = t.strip_prefix(minus) {
            negative = true;
            signs += 1;
            t = rest.trim().to_owned();
        }
        if let Some(rest) = t.strip_suffix(minus) {
            negative = true;
            signs += 1;
            t = rest.trim().to_owned();
        }
    }
    if let Some(rest) = t.strip_prefix('+').or_else(|| t.strip_suffix('+')) {
        signs += 1;
        t = rest.trim().to_owned();
    }
    // A symbol between the sign and the number (`-€45`) was removed above; one sign only.
    if signs > 1 || t.is_empty() {
        return Err(AmountFault::Unreadable);
    }
    let starts_ok = t.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let ends_ok = t.ends_with(|c: char| c.is_ascii_digit());
    let chars_ok = t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c));
    if !(starts_ok && ends_ok && chars_ok) {
        return Err(AmountFault::Unreadable);
    }
    Ok(Pieces {
        number: t,
        negative,
        currency,
    })
}

/// Reads an amount cell with `decimal` (`.` or `,`) as the decimal mark: `1.234,56`,
/// `-45.20`, `45.20-`, `(1,234.56)`, `€ 12`, `1,500.00 USDT`, `12 345,00`, `1'234.50`.
/// Thousands groups must have three digits, so a cell written with the other decimal mark
/// (`12.5` when `,` is the mark) is refused, not misread.
pub(super) fn parse_amount(cell: &str, decimal: char) -> Result<Money, AmountFault> {
    let p = pieces(cell)?;
    let (int_part, frac_part) = match p.number.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (p.number.as_str(), None),
    };
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let mut groups = int_part.split(|c: char| !c.is_ascii_digit());
    let separators: Vec<char> = int_part.chars().filter(|c| !c.is_ascii_digit()).collect();
    if separators.iter().any(|c| *c != separators[0]) {
        return Err(AmountFault::Unreadable);
    }
    let mut digits = String::with_capacity(int_part.len() + 12);
    let first = groups.next().unwrap_or("");
    if first.is_empty() || (!separators.is_empty() && first.len() > 3) {
        return Err(AmountFault::Unreadable);
    }
    digits.push_str(first);
    for g in groups {
        if g.len() != 3 {
            return Err(AmountFault::Unreadable);
        }
        digits.push_str(g);
    }
    if digits.len() > 18 {
        return Err(AmountFault::Unreadable);
    }
    if let Some(frac) = frac_part {
        if frac.is_empty() || frac.len() > 10 || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(AmountFault::Unreadable);
        }
        digits.push('.');
        digits.push_str(frac);
    }
    let value = Decimal::from_str(&digits).map_err(|_| AmountFault::Unreadable)?;
    Ok(Money {
        value: if p.negative { -value } else { value },
        currency: p.currency,
    })
}

/// What one amount cell says about the decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkEvidence {
    /// Nothing (no separator, or not an amount).
    Nothing,
    /// This character is the decimal mark (`12,50`, `1.234,5`, `0.1234`).
    Decimal(char),
    /// A single separator with exactly three digits after it (`14.000`): this character is either
    /// the decimal mark or separates thousands.
    Either(char),
}

/// What an amount cell says about the decimal mark: the last separator with 1–2 or 4+ digits
/// after it is the mark; a separator used twice or before another one separates thousands.
pub(super) fn mark_evidence(cell: &str) -> MarkEvidence {
    let Ok(p) = pieces(cell) else {
        return MarkEvidence::Nothing;
    };
    let seps: Vec<(usize, char)> = p
        .number
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    let Some(&(at, last)) = seps.last() else {
        return MarkEvidence::Nothing;
    };
    let other = |c: char| if c == '.' { ',' } else { '.' };
    if is_group_space(last) {
        return MarkEvidence::Nothing;
    }
    let after = p.number.len() - at - last.len_utf8();
    let used_before = seps[..seps.len() - 1].iter().any(|(_, c)| *c == last);
    if used_before {
        // `1.234.567`: thousands; the mark is the other one.
        return MarkEvidence::Decimal(other(last));
    }
    if seps.len() > 1 {
        // `1.234,567` or `1 234,567`: a different separator before it, so this is the mark.
        return MarkEvidence::Decimal(last);
    }
    if after == 3 {
        MarkEvidence::Either(last)
    } else {
        MarkEvidence::Decimal(last)
    }
}
