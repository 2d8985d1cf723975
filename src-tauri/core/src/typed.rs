//! Reading dates and amounts the way people type them, by their formats (see `model::Formats`):
//! `14/03/2026`, `14.03.2026 9:30`, `March 14, 2026 9:30 pm`, `1.234,56`, `1 234,56`. Each is
//! shown back in words before it is saved; a date that can be read both ways is not guessed —
//! both readings go back to the person to choose from.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use rust_decimal::Decimal;

use crate::model::{AmountReading, DateOrder, DecimalMark, Formats, TimeChoice, TimeReading};
use crate::time::{parse_moment, YEARS};

/// Longest text read as a date or an amount; longer is no date or amount anyone types.
const MAX_TYPED: usize = 80;

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,4})\s*([./-])\s*(\d{1,2})\s*[./-]\s*(\d{1,4})(?:\s*[,T]?\s*|$)")
        .expect("numeric date pattern")
});
static DAY_MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{1,2})(?:st|nd|rd|th)?[\s.-]*([a-z]{3,9})\.?[\s.-]*(\d{4})(?:\s*,?\s*|$)")
        .expect("day month-name pattern")
});
static MONTH_NAME_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})(?:\s*,?\s*|$)")
        .expect("month-name day pattern")
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?(?:[:.](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?$",
    )
    .expect("clock pattern")
});

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The text cut to `max` characters (an ellipsis marks the cut), for quoting it back.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(max).collect();
    cut.push('…');
    cut
}

fn month_named(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.starts_with(&name) && (name.len() == 3 || m.len() == name.len() || name == "sept")
        })
        .map(|i| i as u32 + 1)
}

/// What the date part of a text allows: one date, or two (day and month could swap).
enum DatePart {
    One(NaiveDate, Option<String>),
    Two(NaiveDate, NaiveDate),
}

fn nothing() -> TimeReading {
    TimeReading {
        reading: None,
        note: None,
        choices: Vec::new(),
        problem: None,
    }
}

fn problem(text: impl Into<String>) -> TimeReading {
    TimeReading {
        problem: Some(text.into()),
        ..nothing()
    }
}

fn example(formats: &Formats, date_only: bool) -> &'static str {
    match (formats.date_order, date_only) {
        (DateOrder::Dmy, false) => "14/03/2026 09:30",
        (DateOrder::Mdy, false) => "03/14/2026 09:30",
        (DateOrder::Ymd, false) => "2026-03-14 09:30",
        (DateOrder::Dmy, true) => "14/03/1961",
        (DateOrder::Mdy, true) => "03/14/1961",
        (DateOrder::Ymd, true) => "1961-03-14",
    }
}

/// Reads a typed date and time (`date_only`: a date without a time, e.g. a date of birth) by
/// the person's formats, in `zone` (the case's).
pub fn read_time(text: &str, formats: &Formats, zone: &str, date_only: bool) -> TimeReading {
    let s = text.trim();
    if s.is_empty() {
        return nothing();
    }
    let unreadable = || {
        problem(format!(
            "Casefile cannot read \"{}\" as a date{}. Write it like {}.",
            shorten(s, 40),
            if date_only { "" } else { " and time" },
            example(formats, date_only)
        ))
    };
    if s.chars().count() > MAX_TYPED {
        return unreadable();
    }
    // Written with an offset (RFC 3339), as exports and the CLI do: taken as it is.
    if !date_only && s.len() > 19 && chrono::DateTime::parse_from_rfc3339(s).is_ok() {
        return match parse_moment(s, zone, "occurred_at") {
            Ok(m) => one(
                TimeChoice {
                    value: s.to_string(),
                    words: match m.to_datetime() {
                        Some(t) => format!(
                            "{} (UTC{})",
                            t.format("%A %-d %B %Y, %H:%M"),
                            t.format("%:z")
                        ),
                        None => s.to_string(),
                    },
                },
                None,
            ),
            Err(e) => problem(e.to_string()),
        };
    }
    let Some((date, rest)) = date_part(s, formats) else {
        return unreadable();
    };
    let date = match date {
        Ok(d) => d,
        Err(p) => return problem(p),
    };
    let rest = rest.trim();
    let time = if rest.is_empty() {
        None
    } else if date_only {
        return problem(format!(
            "Write the date only, without a time, like {}.",
            example(formats, true)
        ));
    } else {
        match clock(rest) {
            Some(t) => Some(t),
            None => {
                return problem(format!(
                    "Casefile cannot read \"{}\" as a time of day. Write it like 09:30 or 9:30 pm.",
                    shorten(rest, 30)
                ))
            }
        }
    };
    let choice = |d: NaiveDate| -> Result<TimeChoice, String> {
        if !YEARS.contains(&chrono::Datelike::year(&d)) {
            return Err(format!(
                "The year {} is outside what Casefile keeps ({} to {}). Check the year.",
                chrono::Datelike::year(&d),
                YEARS.start(),
                YEARS.end()
            ));
        }
        if date_only {
            return Ok(TimeChoice {
                value: d.format("%Y-%m-%d").to_string(),
                words: d.format("%A %-d %B %Y").to_string(),
            });
        }
        let at = NaiveDateTime::new(d, time.unwrap_or(NaiveTime::MIN));
        let value = if at.and_utc().timestamp() % 60 == 0 {
            at.format("%Y-%m-%d %H:%M").to_string()
        } else {
            at.format("%Y-%m-%d %H:%M:%S").to_string()
        };
        parse_moment(&value, zone, "occurred_at").map_err(|e| e.to_string())?;
        let clock = if at.and_utc().timestamp() % 60 == 0 {
            "%H:%M"
        } else {
            "%H:%M:%S"
        };
        Ok(TimeChoice {
            words: format!(
                "{}{} {zone}",
                at.format(&format!("%A %-d %B %Y, {clock}")),
                if time.is_none() {
                    " (no time given: midnight)"
                } else {
                    ""
                }
            ),
            value,
        })
    };
    match date {
        DatePart::One(d, note) => match choice(d) {
            Ok(c) => one(c, note),
            Err(p) => problem(p),
        },
        DatePart::Two(a, b) => match (choice(a), choice(b)) {
            (Ok(a), Ok(b)) => TimeReading {
                choices: vec![a, b],
                ..nothing()
            },
            // The other reading cannot be meant (its time does not exist there): the
            // person's order stands.
            (Ok(c), Err(_)) => one(c, None),
            // The person's own reading fails (a clock change): say so, never swap silently.
            (Err(p), Ok(_)) | (Err(p), Err(_)) => problem(p),
        },
    }
}

fn one(choice: TimeChoice, note: Option<String>) -> TimeReading {
    TimeReading {
        reading: Some(choice),
        note,
        ..nothing()
    }
}

/// The date at the start of `s` and what follows it; `None` when no date starts it.
fn date_part<'a>(s: &'a str, formats: &Formats) -> Option<(Result<DatePart, String>, &'a str)> {
    if let Some(c) = NUMERIC_DATE.captures(s) {
        let rest = &s[c.get(0)?.end()..];
        let (a, b, last) = (&c[1], &c[3], &c[4]);
        let n = |x: &str| x.parse::<u32>().ok();
        let (an, bn, ln) = (n(a)?, n(b)?, n(last)?);
        if a.len() == 4 {
            // Year first: always year, month, day.
            return Some((
                NaiveDate::from_ymd_opt(an as i32, bn, ln)
                    .map(|d| DatePart::One(d, None))
                    .ok_or_else(|| format!("{s} is not a real date: check the month and the day.")),
                rest,
            ));
        }
        if last.len() != 4 || a.len() > 2 {
            return Some((
                Err("Write the year with all four digits (for example 2026), so it cannot be mistaken.".into()),
                rest,
            ));
        }
        let year = ln as i32;
        let dmy = NaiveDate::from_ymd_opt(year, bn, an);
        let mdy = NaiveDate::from_ymd_opt(year, an, bn);
        // The person's order first (day first when they write years first).
        let (preferred, other, other_name, preferred_month) = match formats.date_order {
            DateOrder::Mdy => (mdy, dmy, "day/month/year", an),
            _ => (dmy, mdy, "month/day/year", bn),
        };
        let part = match (preferred, other) {
            (Some(p), Some(o)) if p == o => Ok(DatePart::One(p, None)),
            (Some(p), Some(o)) => Ok(DatePart::Two(p, o)),
            (Some(p), None) => Ok(DatePart::One(p, None)),
            // The person's order fails only on a month over 12 when the other reading works.
            (None, Some(o)) => Ok(DatePart::One(
                o,
                Some(format!(
                    "Read as {other_name}: {preferred_month} cannot be a month."
                )),
            )),
            (None, None) => Err(format!(
                "{} is not a real date: check the day and the month.",
                c[0].trim()
            )),
        };
        return Some((part, rest));
    }
    for (pattern, day_first) in [(&*DAY_MONTH_NAME, true), (&*MONTH_NAME_DAY, false)] {
        if let Some(c) = pattern.captures(s) {
            let rest = &s[c.get(0)?.end()..];
            let (day, month) = if day_first {
                (&c[1], &c[2])
            } else {
                (&c[2], &c[1])
            };
            let month = month_named(month)?;
            let day = day.parse::<u32>().ok()?;
            let year = c[3].parse::<i32>().ok()?;
            return Some((
                NaiveDate::from_ymd_opt(year, month, day)
                    .map(|d| DatePart::One(d, None))
                    .ok_or_else(|| format!("{} is not a real date: check the day.", c[0].trim())),
                rest,
            ));
        }
    }
    None
}

/// A time of day: `9:30`, `09:30:15`, `9.30`, `9:30 pm`, `9pm`, `at 21:00`.
fn clock(s: &str) -> Option<NaiveTime> {
    let c = CLOCK.captures(s.trim())?;
    let mut hour: u32 = c[1].parse().ok()?;
    let minute: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
    let second: u32 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    match c.get(4).map(|m| m.as_str().to_lowercase()) {
        Some(half) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let pm = half.starts_with('p');
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        // A bare number after a date ("14/03/2026 9") is not a time anyone means.
        None if c.get(2).is_none() => return None,
        None => {}
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// Reads a typed amount by the person's decimal mark: `1,234.56` / `1.234,56` / `1 234,56` /
/// `1'234.56`. Typed with the other mark where only that reading fits, it is read so and said.
pub fn read_amount(text: &str, formats: &Formats) -> AmountReading {
    let none = AmountReading {
        value: None,
        words: String::new(),
        note: None,
        problem: None,
    };
    let s = text.trim();
    if s.is_empty() {
        return none;
    }
    let mark = formats.decimal_mark;
    let like = match mark {
        DecimalMark::Point => "1,234.56",
        DecimalMark::Comma => "1.234,56",
    };
    let refuse = |p: String| AmountReading {
        problem: Some(p),
        ..none.clone()
    };
    if s.chars().count() > MAX_TYPED {
        return refuse(format!(
            "That is too long for an amount. Write it like {like}."
        ));
    }
    let s = s.trim_matches(|c: char| "€$£¥₩₹₫฿₱₺₽".contains(c) || c.is_whitespace());
    if s.starts_with('-') || s.starts_with('−') || s.ends_with('-') {
        return refuse(
            "Write the amount without a minus sign; say whether money was paid out or received with the direction.".into(),
        );
    }
    if s.chars().any(|c| c.is_alphabetic()) {
        return refuse(format!(
            "Write the amount in digits only, like {like}; choose the currency beside it."
        ));
    }
    let (point, comma) = ('.', ',');
    let (dec, other) = match mark {
        DecimalMark::Point => (point, comma),
        DecimalMark::Comma => (comma, point),
    };
    if let Some(v) = exact(s, dec) {
        return shown(v, mark, None);
    }
    if let Some(v) = exact(s, other) {
        let note = format!(
            "Read with “{other}” as the decimal mark, as you typed it (your setting uses “{dec}”)."
        );
        return shown(v, mark, Some(note));
    }
    refuse(format!(
        "Casefile cannot read \"{}\" as an amount. Write it like {like}.",
        shorten(s, 30)
    ))
}

/// The exact amount (`1234.56`) when `s` is digits grouped by threes (with the other mark,
/// spaces or apostrophes) and at most one `dec` followed by digits.
fn exact(s: &str, dec: char) -> Option<String> {
    let (whole, fraction) = match s.split_once(dec) {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    if let Some(f) = fraction {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let groups: Vec<&str> = whole
        .split(|c: char| {
            matches!(
                c,
                '.' | ',' | ' ' | '\'' | '’' | '\u{a0}' | '\u{202f}' | '\u{2009}'
            )
        })
        .collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    // Groups of three after the first; a first group `0` or `012` is no thousands group
    // (`0,500` is a half typed with the other mark, not five hundred).
    if groups.len() > 1
        && (groups[0].len() > 3
            || groups[0].starts_with('0')
            || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let digits: String = groups.concat();
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let value = match fraction {
        Some(f) => format!("{digits}.{f}"),
        None => digits.to_string(),
    };
    Decimal::from_str_exact(&value).ok()?;
    Some(value)
}

fn shown(value: String, mark: DecimalMark, note: Option<String>) -> AmountReading {
    let (whole, fraction) = value.split_once('.').unwrap_or((&value, ""));
    let (group, dec) = match mark {
        DecimalMark::Point => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    if !fraction.is_empty() {
        grouped.push(dec);
        grouped.push_str(fraction);
    }
    let spoken = match whole.parse::<u64>() {
        Ok(n) if n < 1_000_000_000_000_000 => {
            let mut w = number_words(n);
            if !fraction.is_empty() {
                w.push_str(" point");
                for d in fraction.chars() {
                    w.push(' ');
                    w.push_str(DIGITS[d.to_digit(10).unwrap_or(0) as usize]);
                }
            }
            format!(" — {w}")
        }
        _ => String::new(),
    };
    AmountReading {
        words: format!("{grouped}{spoken}"),
        value: Some(value),
        note,
        problem: None,
    }
}

const DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A whole number in English words: 14000 → "fourteen thousand".
pub fn number_words(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    let below_thousand = |n: u64| -> String {
        let mut parts = Vec::new();
        if n >= 100 {
            parts.push(format!("{} hundred", DIGITS[(n / 100) as usize]));
        }
        let r = n % 100;
        if r >= 20 {
            let t = TENS[(r / 10) as usize];
            parts.push(if r % 10 == 0 {
                t.to_string()
            } else {
                format!("{t}-{}", DIGITS[(r % 10) as usize])
            });
        } else if r >= 10 {
            parts.push(TEENS[(r - 10) as usize].to_string());
        } else if r > 0 {
            parts.push(DIGITS[r as usize].to_string());
        }
        parts.join(" ")
    };
    let scales = [
        "",
        " thousand",
        " million",
        " billion",
        " trillion",
        " quadrillion",
    ];
    let mut chunks = Vec::new();
    let mut rest = n;
    let mut scale = 0;
    while rest > 0 && scale < scales.len() {
        let chunk = rest % 1000;
        if chunk > 0 {
            chunks.push(format!("{}{}", below_thousand(chunk), scales[scale]));
        }
        rest /= 1000;
        scale += 1;
    }
    chunks.reverse();
    chunks.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DMY: Formats = Formats {
        date_order: DateOrder::Dmy,
        decimal_mark: DecimalMark::Comma,
    };
    const MDY: Formats = Formats {
        date_order: DateOrder::Mdy,
        decimal_mark: DecimalMark::Point,
    };
    const YMD: Formats = Formats {
        date_order: DateOrder::Ymd,
        decimal_mark: DecimalMark::Point,
    };

    fn value(r: &TimeReading) -> &str {
        r.reading.as_ref().map_or("", |c| c.value.as_str())
    }

    #[test]
    fn a_date_as_typed_by_the_persons_order() {
        let r = read_time("14/03/2026 9:30", &DMY, "Europe/London", false);
        assert_eq!(value(&r), "2026-03-14 09:30");
        assert_eq!(
            r.reading.unwrap().words,
            "Saturday 14 March 2026, 09:30 Europe/London"
        );
        assert_eq!(
            value(&read_time("14.03.2026 9:30", &DMY, "UTC", false)),
            "2026-03-14 09:30"
        );
        assert_eq!(
            value(&read_time("14-03-2026, 21:05:09", &DMY, "UTC", false)),
            "2026-03-14 21:05:09"
        );
        assert_eq!(
            value(&read_time("03/14/2026 9:30 pm", &MDY, "UTC", false)),
            "2026-03-14 21:30"
        );
        assert_eq!(
            value(&read_time("3/14/2026 12:15 a.m.", &MDY, "UTC", false)),
            "2026-03-14 00:15"
        );
        assert_eq!(
            value(&read_time("2026-03-14 09:30", &MDY, "UTC", false)),
            "2026-03-14 09:30"
        );
        assert_eq!(
            value(&read_time("2026/3/4", &YMD, "UTC", false)),
            "2026-03-04 00:00"
        );
        assert_eq!(
            value(&read_time("14 March 2026 at 9:30", &MDY, "UTC", false)),
            "2026-03-14 09:30"
        );
        assert_eq!(
            value(&read_time("Mar 14, 2026 9pm", &DMY, "UTC", false)),
            "2026-03-14 21:00"
        );
        assert_eq!(
            value(&read_time("14th Sept 2026", &DMY, "UTC", false)),
            "2026-09-14 00:00"
        );
        let midnight = read_time("14/03/2026", &DMY, "Asia/Bangkok", false);
        assert_eq!(
            midnight.reading.unwrap().words,
            "Saturday 14 March 2026, 00:00 (no time given: midnight) Asia/Bangkok"
        );
        let offset = read_time("2026-03-14T09:30:00+08:00", &DMY, "UTC", false);
        assert_eq!(value(&offset), "2026-03-14T09:30:00+08:00");
        assert_eq!(
            offset.reading.unwrap().words,
            "Saturday 14 March 2026, 09:30 (UTC+08:00)"
        );
    }

    #[test]
    fn a_date_that_reads_both_ways_asks_and_one_that_cannot_says_why() {
        let both = read_time("03/04/2026 10:00", &DMY, "UTC", false);
        assert!(both.reading.is_none() && both.problem.is_none());
        let values: Vec<&str> = both.choices.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            values,
            ["2026-04-03 10:00", "2026-03-04 10:00"],
            "the person's order first"
        );
        assert!(both.choices[0].words.starts_with("Friday 3 April 2026"));
        let us = read_time("03/04/2026", &MDY, "UTC", false);
        assert_eq!(us.choices[0].value, "2026-03-04 00:00");
        // Day and month equal: one reading.
        assert_eq!(
            value(&read_time("04/04/2026", &DMY, "UTC", false)),
            "2026-04-04 00:00"
        );
        // Only one reading exists: taken, with why.
        let swapped = read_time("14/03/2026", &MDY, "UTC", false);
        assert_eq!(value(&swapped), "2026-03-14 00:00");
        assert!(swapped.note.unwrap().contains("day/month/year"));
        for (typed, says) in [
            ("14/03/26", "four digits"),
            ("31/02/2026", "not a real date"),
            ("14/03/2026 25:00", "time of day"),
            ("14/03/2026 9", "time of day"),
            ("yesterday", "like 14/03/2026 09:30"),
            ("14/03/2290", "outside"),
            ("29/03/2026 01:30", "did not exist"),
        ] {
            let r = read_time(typed, &DMY, "Europe/London", false);
            let p = r.problem.unwrap_or_else(|| panic!("{typed} was read"));
            assert!(p.contains(says), "{typed}: {p}");
        }
        assert_eq!(read_time("  ", &DMY, "UTC", false), nothing());
        // The person's reading falls in a clock change: said, never swapped for the other.
        let gap = read_time("03/08/2026 2:30", &MDY, "America/New_York", false);
        assert!(gap.problem.unwrap().contains("did not exist"));
        // The other reading falls in one: the person's reading stands.
        let fine = read_time("03/08/2026 2:30", &DMY, "America/New_York", false);
        assert_eq!(fine.reading.unwrap().value, "2026-08-03 02:30");
    }

    #[test]
    fn a_date_of_birth_round_trips_by_each_order() {
        // The reported defect: 14/03/1957 saved as 3 December 1957 on a US-ordered machine.
        for (formats, typed) in [
            (DMY, "14/03/1957"),
            (MDY, "03/14/1957"),
            (YMD, "1957-03-14"),
        ] {
            let r = read_time(typed, &formats, "UTC", true);
            let c = r.reading.unwrap_or_else(|| panic!("{typed}"));
            assert_eq!(c.value, "1957-03-14");
            assert_eq!(c.words, "Thursday 14 March 1957");
        }
        let mdy_typed_dmy = read_time("14/03/1957", &MDY, "UTC", true);
        assert_eq!(value(&mdy_typed_dmy), "1957-03-14");
        assert!(mdy_typed_dmy.note.is_some());
        assert!(read_time("14/03/1957 10:00", &DMY, "UTC", true)
            .problem
            .unwrap()
            .contains("without a time"));
    }

    #[test]
    fn amounts_by_the_persons_decimal_mark() {
        let comma = DMY; // decimal comma
        let point = MDY;
        let cases = [
            (
                "1.234,56",
                &comma,
                "1234.56",
                "1.234,56 — one thousand two hundred thirty-four point five six",
            ),
            (
                "1 234,56",
                &comma,
                "1234.56",
                "1.234,56 — one thousand two hundred thirty-four point five six",
            ),
            ("14.000", &comma, "14000", "14.000 — fourteen thousand"),
            (
                "14.000",
                &point,
                "14.000",
                "14.000 — fourteen point zero zero zero",
            ),
            (
                "1,234.56",
                &point,
                "1234.56",
                "1,234.56 — one thousand two hundred thirty-four point five six",
            ),
            (
                "1'234.56",
                &point,
                "1234.56",
                "1,234.56 — one thousand two hundred thirty-four point five six",
            ),
            ("€ 15000", &point, "15000", "15,000 — fifteen thousand"),
            ("0,5", &comma, "0.5", "0,5 — zero point five"),
            ("007", &point, "7", "7 — seven"),
        ];
        for (typed, formats, value, words) in cases {
            let r = read_amount(typed, formats);
            assert_eq!(r.value.as_deref(), Some(value), "{typed}");
            assert_eq!(r.words, words, "{typed}");
            assert_eq!(r.note, None, "{typed}");
        }
        // Typed with the other mark where only that fits: read so, and said.
        let other = read_amount("1.234,56", &point);
        assert_eq!(other.value.as_deref(), Some("1234.56"));
        assert!(other.note.unwrap().contains("“,” as the decimal mark"));
        let other = read_amount("14,5", &point);
        assert_eq!(other.value.as_deref(), Some("14.5"));
        // A leading 0 is never a thousands group: the other mark, with its note.
        for (typed, formats) in [("0,500", &point), ("0.500", &comma)] {
            let r = read_amount(typed, formats);
            assert_eq!(r.value.as_deref(), Some("0.500"), "{typed}");
            assert!(r.note.is_some(), "{typed}");
        }
        for (typed, says) in [
            ("1,2,3", "cannot read"),
            ("-50", "minus"),
            ("50 USDT", "digits only"),
            ("1.23.4", "cannot read"),
            ("12,34,567.00", "cannot read"),
        ] {
            let p = read_amount(typed, &point)
                .problem
                .unwrap_or_else(|| panic!("{typed}"));
            assert!(p.contains(says), "{typed}: {p}");
        }
        assert_eq!(read_amount("", &point).value, None);
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(number_words(0), "zero");
        assert_eq!(number_words(15), "fifteen");
        assert_eq!(
            number_words(42_951),
            "forty-two thousand nine hundred fifty-one"
        );
        assert_eq!(number_words(1_000_001), "one million one");
        assert_eq!(number_words(200_000_000_000), "two hundred billion");
    }
}
