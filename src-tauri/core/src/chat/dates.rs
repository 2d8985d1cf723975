//! Numeric dates and times of day as chat exports write them (`14/03/2026`, `3.14.26`,
//! `2026-03-14`, `9:31 PM`, `午後9:05`, `9.31`), shared by the WhatsApp and LINE parsers.
//!
//! A date is first read as three bare numbers ([`NumericDate`]); which one is the day is decided
//! once for the whole file ([`infer_order`]), because a single line such as `03/04/2026` cannot
//! tell. Nothing here allocates per line except [`reading`], which is only used for messages.

use chrono::{Datelike as _, NaiveDate, NaiveTime, Weekday};

use super::DateOrder;

/// Three numbers of a numeric date as written, in the order written, with how many digits each
/// had (`3/14/26` → parts `[3, 14, 26]`, digits `[1, 2, 2]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumericDate {
    /// The numbers, in the order written.
    pub parts: [u32; 3],
    /// How many digits each number had (a leading zero counts).
    pub digits: [u8; 3],
}

/// How a numeric date was punctuated; part of a file's "header shape".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateStyle {
    /// `.`, `/` or `-`.
    pub separator: u8,
    /// A space after each separator (`2026. 03. 14.`, Hungarian and Korean phones).
    pub spaced: bool,
    /// A separator after the last number too (`14.03.2026.`).
    pub trailing: bool,
}

/// Longest run of digits read as one date or time number (a year has 4).
const MAX_DIGITS: usize = 4;

/// Reads a numeric date at the start of `s`: three numbers of 1–4 digits joined by the same
/// separator (`.`, `/` or `-`), optionally followed by a space each (`2026. 3. 14.`), optionally
/// ending with the separator when it is `.`. Returns the date, its style and the bytes read.
/// Whether the numbers make a real date is decided later, with the order ([`date_in_order`]).
pub fn read_numeric_date(s: &str) -> Option<(NumericDate, DateStyle, usize)> {
    let b = s.as_bytes();
    let (p0, d0) = read_number(b, 0)?;
    let mut pos = d0;
    let separator = *b.get(pos).filter(|c| matches!(c, b'.' | b'/' | b'-'))?;
    pos += 1;
    let spaced = b.get(pos) == Some(&b' ');
    if spaced {
        pos += 1;
    }
    let (p1, end1) = read_number(b, pos)?;
    let d1 = end1 - pos;
    pos = end1;
    if b.get(pos) != Some(&separator) {
        return None;
    }
    pos += 1;
    if spaced {
        if b.get(pos) != Some(&b' ') {
            return None;
        }
        pos += 1;
    }
    let (p2, end2) = read_number(b, pos)?;
    let d2 = end2 - pos;
    pos = end2;
    let trailing = separator == b'.' && b.get(pos) == Some(&b'.');
    if trailing {
        pos += 1;
    }
    let date = NumericDate {
        parts: [p0, p1, p2],
        digits: [d0 as u8, d1 as u8, d2 as u8],
    };
    let style = DateStyle {
        separator,
        spaced,
        trailing,
    };
    Some((date, style, pos))
}

/// Reads 1–[`MAX_DIGITS`] ASCII digits at `from`; returns the value and the end position.
/// A longer run is not a date or time number (and could overflow).
fn read_number(b: &[u8], from: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut pos = from;
    while let Some(c) = b.get(pos).filter(|c| c.is_ascii_digit()) {
        if pos - from == MAX_DIGITS {
            return None;
        }
        value = value * 10 + u32::from(c - b'0');
        pos += 1;
    }
    (pos > from).then_some((value, pos))
}

/// The full year of a written year: 4 digits as written; 2 digits with the pivot
/// **00–69 → 2000–2069, 70–99 → 1970–1999** (WhatsApp and LINE only ever write recent years, so
/// the pivot only matters for hand-edited files). Any other number of digits is not a year.
pub fn expand_year(value: u32, digits: u8) -> Option<i32> {
    let value = i32::try_from(value).ok()?;
    match digits {
        4 => Some(value),
        2 if value < 70 => Some(2000 + value),
        2 => Some(1900 + value),
        _ => None,
    }
}

/// Buddhist-era years (Thai phones) start here; they are 543 years ahead of the common era.
const BUDDHIST_ERA_FROM: u32 = 2400;
const BUDDHIST_ERA_OFFSET: u32 = 543;

/// A 4-digit year in the common era: 2400 and later are Buddhist-era years (Thai phones write
/// `14/03/2569` for 14 March 2026) and are converted; earlier years are kept. Convert before
/// [`date_in_order`], so that leap days fall in the right years.
pub fn common_era_year(year: u32) -> u32 {
    if year >= BUDDHIST_ERA_FROM {
        year - BUDDHIST_ERA_OFFSET
    } else {
        year
    }
}

/// The weekday named by the words around a date's numbers (`Sat, ` in `Sat, 03/07/2026`):
/// English (`Sat`, `Saturday`), Japanese (`土`, `土曜日`), Chinese (`六`, `週六`, `周六`,
/// `星期六`) or Thai (`ส.`, `วันเสาร์ที่`); `None` for anything else. Spaces, commas, dots and
/// brackets are ignored. A hint for the date order when the numbers cannot settle it (the
/// weekday of 03/07/2026 differs between day first and month first).
pub fn weekday_named(around: &str) -> Option<Weekday> {
    let token: String = around
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '.' | '(' | ')' | '（' | '）'))
        .flat_map(char::to_lowercase)
        .collect();
    let mut t = token.as_str();
    for prefix in ["星期", "禮拜", "礼拜", "週", "周", "วัน"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest;
            break;
        }
    }
    let t = t.strip_suffix("ที่").unwrap_or(t);
    let t = t
        .strip_suffix("曜日")
        .or_else(|| t.strip_suffix('曜'))
        .unwrap_or(t);
    use Weekday::*;
    Some(match t {
        "sun" | "sunday" | "日" | "天" | "อา" | "อาทิตย์" => Sun,
        "mon" | "monday" | "月" | "一" | "จ" | "จันทร์" => Mon,
        "tue" | "tues" | "tuesday" | "火" | "二" | "อ" | "อังคาร" => Tue,
        "wed" | "wednesday" | "水" | "三" | "พ" | "พุธ" => Wed,
        "thu" | "thur" | "thurs" | "thursday" | "木" | "四" | "พฤ" | "พฤหัส" | "พฤหัสบดี" => {
            Thu
        }
        "fri" | "friday" | "金" | "五" | "ศ" | "ศุกร์" => Fri,
        "sat" | "saturday" | "土" | "六" | "ส" | "เสาร์" => Sat,
        _ => return None,
    })
}

/// The calendar date `date` means in `order`, or `None` when it is no date in that order
/// (month 14, 31 April, a 4-digit "day", a 1-digit year). Day and month have 1–2 digits; the
/// year 2 or 4 (see [`expand_year`]). A year-first date may have a 2-digit year here (a person
/// who chose year/month/day for `26/3/14` means it); [`infer_order`] is stricter.
pub fn date_in_order(date: &NumericDate, order: DateOrder) -> Option<NaiveDate> {
    let [a, b, c] = date.parts;
    let [da, db, dc] = date.digits;
    let (year, year_digits, month, month_digits, day, day_digits) = match order {
        DateOrder::Dmy => (c, dc, b, db, a, da),
        DateOrder::Mdy => (c, dc, a, da, b, db),
        DateOrder::Ymd => (a, da, b, db, c, dc),
    };
    if month_digits > 2 || day_digits > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(expand_year(year, year_digits)?, month, day)
}

/// Whether `order` is a candidate for `date` when guessing: as [`date_in_order`], except that
/// year first needs a 4-digit year (`26.03.14` is taken as day or month first, never as
/// 2026-03-14, unless the person chooses year/month/day).
fn fits_when_guessing(date: &NumericDate, order: DateOrder) -> bool {
    (order != DateOrder::Ymd || date.digits[0] == 4) && date_in_order(date, order).is_some()
}

/// What the dates of a whole file say about their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderInference {
    /// Exactly one order reads every date (or several do, all giving the same calendar dates,
    /// as when every day equals its month; then day first is reported).
    Decided(DateOrder),
    /// Several orders read every date, giving different dates: the person must choose.
    /// At least two, in the order day, month, year first.
    Ambiguous(Vec<DateOrder>),
    /// No order reads every date. `best` reads the most; `first_misfit` is the index (into the
    /// slice given) of the first date it cannot read.
    NoneFits {
        best: DateOrder,
        first_misfit: usize,
    },
    /// No dates at all.
    Empty,
}

const ORDERS: [DateOrder; 3] = [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd];

/// Works out the date order of a whole file from all its dates: an order is out as soon as one
/// date is no date in it (a day over 12 in month position, a 4-digit first number for day or
/// month first, a short first number for year first). Linear in the number of dates.
pub fn infer_order(dates: &[NumericDate]) -> OrderInference {
    if dates.is_empty() {
        return OrderInference::Empty;
    }
    let mut fits = [0usize; 3];
    let mut first_misfit = [None::<usize>; 3];
    let mut day_month_differ = false;
    for (i, date) in dates.iter().enumerate() {
        for (k, order) in ORDERS.iter().enumerate() {
            if fits_when_guessing(date, *order) {
                fits[k] += 1;
            } else if first_misfit[k].is_none() {
                first_misfit[k] = Some(i);
            }
        }
        day_month_differ |= date.parts[0] != date.parts[1];
    }
    let mut candidates: Vec<DateOrder> = ORDERS
        .iter()
        .zip(first_misfit)
        .filter(|(_, misfit)| misfit.is_none())
        .map(|(order, _)| *order)
        .collect();
    // Day first and month first only differ when some day differs from its month.
    if !day_month_differ
        && candidates.contains(&DateOrder::Dmy)
        && candidates.contains(&DateOrder::Mdy)
    {
        candidates.retain(|o| *o != DateOrder::Mdy);
    }
    match candidates.as_slice() {
        [only] => OrderInference::Decided(*only),
        [] => {
            // Highest count wins; on a tie the earlier order (day first) does.
            let mut best = 0;
            for k in 1..3 {
                if fits[k] > fits[best] {
                    best = k;
                }
            }
            OrderInference::NoneFits {
                best: ORDERS[best],
                first_misfit: first_misfit[best].unwrap_or(0),
            }
        }
        _ => OrderInference::Ambiguous(candidates),
    }
}

/// The indices (at most two) of dates worth showing when the order must be asked: the first
/// date whose readings differ, and the next one that differs from it in day and month.
pub fn example_indices(dates: &[NumericDate]) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::with_capacity(2);
    for (i, date) in dates.iter().enumerate() {
        if date.parts[0] == date.parts[1] {
            continue;
        }
        match picked.first() {
            None => picked.push(i),
            Some(&first) if dates[first].parts[..2] != date.parts[..2] => {
                picked.push(i);
                break;
            }
            Some(_) => {}
        }
    }
    picked
}

/// A date in words for a person choosing between readings: "Saturday 7 March 2026".
pub fn reading(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        date.format("%A"),
        date.day(),
        date.format("%B"),
        date.year()
    )
}

/// Each candidate order with the reading of `date` in it, for an [`super::OrderExample`];
/// orders in which `date` is no date are left out.
pub fn readings(date: &NumericDate, candidates: &[DateOrder]) -> Vec<(DateOrder, String)> {
    candidates
        .iter()
        .filter_map(|order| date_in_order(date, *order).map(|d| (*order, reading(d))))
        .collect()
}

/// Where a 12-hour clock's AM/PM marker stood, if there was one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Meridiem {
    /// 24-hour clock.
    None,
    /// After the time: `9:31 PM`, `9:31 p.m.`, `9:31 午後`.
    After,
    /// Before the time: `午後9:05`, `오후 9:05`, `下午9:05`.
    Before,
}

/// A time of day as read, with how it was written (part of a file's "header shape").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    /// The time on a 24-hour clock.
    pub time: NaiveTime,
    /// Seconds were written (`09:31:02`).
    pub seconds: bool,
    /// `:` or `.` between hours and minutes.
    pub separator: u8,
    pub meridiem: Meridiem,
}

/// Spaces that may stand between a time and its AM/PM marker: space, no-break space (U+00A0),
/// narrow no-break space (U+202F, iOS 17 and newer Android).
fn is_time_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Markers, with `true` for afternoon. Latin ones may have spaces inside (`p. m.`, Spanish),
/// handled by [`read_latin_meridiem`].
const CJK_MARKERS: &[(&str, bool)] = &[
    ("午前", false),
    ("午後", true),
    ("上午", false),
    ("下午", true),
    ("오전", false),
    ("오후", true),
];

/// Reads `AM`, `pm`, `a.m.`, `P.M.`, `p. m.` (any case; a space, U+00A0 or U+202F inside the
/// dotted form) at the start of `s`, not followed by a letter or digit. Returns (afternoon, bytes).
fn read_latin_meridiem(s: &str) -> Option<(bool, usize)> {
    let b = s.as_bytes();
    let pm = match b.first()?.to_ascii_lowercase() {
        b'a' => false,
        b'p' => true,
        _ => return None,
    };
    let end = if b.get(1)?.eq_ignore_ascii_case(&b'm') {
        2
    } else if b.get(1) == Some(&b'.') {
        // `a.m.` or `a. m.`: both bytes before are ASCII, so 2 is a char boundary.
        let rest = &s[2..];
        let skip = skip_time_spaces(rest);
        let after = &rest.as_bytes()[skip..];
        if !after.first()?.eq_ignore_ascii_case(&b'm') || after.get(1) != Some(&b'.') {
            return None;
        }
        2 + skip + 2
    } else {
        return None;
    };
    if s[end..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((pm, end))
}

/// Reads a CJK marker at the start of `s`.
fn read_cjk_meridiem(s: &str) -> Option<(bool, usize)> {
    CJK_MARKERS
        .iter()
        .find(|(m, _)| s.starts_with(m))
        .map(|(m, pm)| (*pm, m.len()))
}

/// Skips at most three time spaces at the start of `s`; returns the bytes skipped.
fn skip_time_spaces(s: &str) -> usize {
    s.chars()
        .take(3)
        .take_while(|c| is_time_space(*c))
        .map(char::len_utf8)
        .sum()
}

/// Reads a time of day at the start of `s`: `H:MM`, `HH:MM:SS`, `H.MM` (Finnish, Danish) with an
/// optional AM/PM marker after it (`9:31 PM`, `9:31\u{202f}p.m.`, `9:31 午後`) or a CJK one before
/// it (`午後9:05`, `오후 9:05`). With a marker the hour is 0–12 (`12:05 AM` is 00:05, `午後0:05` is
/// 12:05); without, 0–23. Returns the time and the bytes read; `None` when it is no valid time.
pub fn parse_time_of_day(s: &str) -> Option<(TimeOfDay, usize)> {
    let mut pos = 0;
    let mut marker = None;
    if let Some((pm, len)) = read_cjk_meridiem(s) {
        marker = Some((pm, Meridiem::Before));
        pos = len;
        pos += skip_time_spaces(&s[pos..]);
    }
    let b = s.as_bytes();
    let (hour, end) = read_number(b, pos)?;
    if end - pos > 2 {
        return None;
    }
    pos = end;
    let separator = *b.get(pos).filter(|c| matches!(c, b':' | b'.'))?;
    pos += 1;
    let (minute, end) = read_number(b, pos)?;
    if end - pos != 2 {
        return None;
    }
    pos = end;
    let mut second = 0;
    let mut seconds = false;
    if b.get(pos) == Some(&separator) {
        if let Some((s_value, end)) = read_number(b, pos + 1).filter(|(_, e)| *e - pos - 1 == 2) {
            second = s_value;
            seconds = true;
            pos = end;
        }
    }
    if marker.is_none() {
        let spaces = skip_time_spaces(&s[pos..]);
        let rest = &s[pos + spaces..];
        if let Some((pm, len)) = read_latin_meridiem(rest).or_else(|| read_cjk_meridiem(rest)) {
            marker = Some((pm, Meridiem::After));
            pos += spaces + len;
        }
    }
    let (hour, meridiem) = match marker {
        None if hour <= 23 => (hour, Meridiem::None),
        Some((pm, place)) if hour <= 12 => (hour % 12 + if pm { 12 } else { 0 }, place),
        _ => return None,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    Some((
        TimeOfDay {
            time,
            seconds,
            separator,
            meridiem,
        },
        pos,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_names() {
        for (around, day) in [
            ("Sat, ", Weekday::Sat),
            (" Saturday", Weekday::Sat),
            ("(土)", Weekday::Sat),
            ("（六）", Weekday::Sat),
            ("(週日)", Weekday::Sun),
            ("星期三", Weekday::Wed),
            ("อา. ", Weekday::Sun),
            ("อ. ", Weekday::Tue),
            ("พฤ. ", Weekday::Thu),
            ("วันเสาร์ที่ ", Weekday::Sat),
            ("(木曜日)", Weekday::Thu),
        ] {
            assert_eq!(weekday_named(around), Some(day), "{around}");
        }
        assert_eq!(weekday_named("Sab, "), None);
        assert_eq!(weekday_named(""), None);
    }

    #[test]
    fn buddhist_era_years() {
        assert_eq!(common_era_year(2569), 2026);
        assert_eq!(common_era_year(2400), 1857);
        assert_eq!(common_era_year(2399), 2399);
        assert_eq!(common_era_year(2026), 2026);
        // 2567 BE is 2024, a leap year (2567 itself would not be).
        let date = NumericDate {
            parts: [29, 2, common_era_year(2567)],
            digits: [2, 1, 4],
        };
        assert_eq!(
            date_in_order(&date, DateOrder::Dmy),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
    }

    fn nd(s: &str) -> NumericDate {
        read_numeric_date(s).unwrap().0
    }

    fn t(s: &str) -> (String, usize) {
        let (tod, len) = parse_time_of_day(s).unwrap();
        (tod.time.format("%H:%M:%S").to_string(), len)
    }

    #[test]
    fn reads_numeric_dates_in_every_punctuation() {
        let (d, style, len) = read_numeric_date("14/03/2026, 09:31").unwrap();
        assert_eq!((d.parts, d.digits, len), ([14, 3, 2026], [2, 2, 4], 10));
        assert_eq!(style.separator, b'/');
        let (d, style, len) = read_numeric_date("2026. 3. 14. 오후").unwrap();
        assert_eq!((d.parts, len), ([2026, 3, 14], 12));
        assert!(style.spaced && style.trailing);
        assert_eq!(nd("14.3.26 klo").parts, [14, 3, 26]);
        assert_eq!(nd("2026-03-14 09").parts, [2026, 3, 14]);
        assert!(
            read_numeric_date("14/03.2026").is_none(),
            "mixed separators"
        );
        assert!(read_numeric_date("14/03/20260").is_none(), "5 digits");
        assert!(read_numeric_date("99999999999999999999/1/1").is_none());
        assert!(read_numeric_date("14/03").is_none());
        assert!(read_numeric_date("").is_none());
    }

    #[test]
    fn dates_in_each_order_and_the_year_pivot() {
        let d = nd("03/04/26");
        assert_eq!(
            date_in_order(&d, DateOrder::Dmy),
            NaiveDate::from_ymd_opt(2026, 4, 3)
        );
        assert_eq!(
            date_in_order(&d, DateOrder::Mdy),
            NaiveDate::from_ymd_opt(2026, 3, 4)
        );
        assert_eq!(
            date_in_order(&d, DateOrder::Ymd),
            NaiveDate::from_ymd_opt(2003, 4, 26)
        );
        assert_eq!(expand_year(69, 2), Some(2069));
        assert_eq!(expand_year(70, 2), Some(1970));
        assert_eq!(expand_year(5, 1), None);
        assert_eq!(date_in_order(&nd("31/04/2026"), DateOrder::Dmy), None);
        assert_eq!(date_in_order(&nd("2026/03/14"), DateOrder::Dmy), None);
        assert_eq!(date_in_order(&nd("14/3/226"), DateOrder::Dmy), None);
    }

    #[test]
    fn order_is_inferred_over_all_dates() {
        let dmy = [nd("03/04/2026"), nd("05/04/2026"), nd("14/04/2026")];
        assert_eq!(infer_order(&dmy), OrderInference::Decided(DateOrder::Dmy));
        let mdy = [nd("3/4/26"), nd("3/14/26")];
        assert_eq!(infer_order(&mdy), OrderInference::Decided(DateOrder::Mdy));
        let ymd = [nd("2026-03-04")];
        assert_eq!(infer_order(&ymd), OrderInference::Decided(DateOrder::Ymd));
        let both = [nd("03/04/2026"), nd("05/04/2026")];
        assert_eq!(
            infer_order(&both),
            OrderInference::Ambiguous(vec![DateOrder::Dmy, DateOrder::Mdy])
        );
        let same = [nd("03/03/2026"), nd("04/04/2026")];
        assert_eq!(infer_order(&same), OrderInference::Decided(DateOrder::Dmy));
        let mixed = [nd("14/03/2026"), nd("03/14/2026"), nd("15/03/2026")];
        assert_eq!(
            infer_order(&mixed),
            OrderInference::NoneFits {
                best: DateOrder::Dmy,
                first_misfit: 1
            }
        );
        assert_eq!(infer_order(&[]), OrderInference::Empty);
        assert_eq!(example_indices(&both), vec![0, 1]);
        assert_eq!(example_indices(&[nd("03/04/26"), nd("03/04/26")]), vec![0]);
    }

    #[test]
    fn readings_are_in_words() {
        let d = nd("07/03/2026");
        assert_eq!(
            readings(&d, &[DateOrder::Dmy, DateOrder::Mdy]),
            vec![
                (DateOrder::Dmy, "Saturday 7 March 2026".to_string()),
                (DateOrder::Mdy, "Friday 3 July 2026".to_string())
            ]
        );
    }

    #[test]
    fn times_of_day_in_many_clocks() {
        assert_eq!(t("09:31 - Anna"), ("09:31:00".into(), 5));
        assert_eq!(t("09:31:02] Anna"), ("09:31:02".into(), 8));
        assert_eq!(t("9.31 - Anna"), ("09:31:00".into(), 4));
        assert_eq!(t("9:31\u{202f}PM] A").0, "21:31:00");
        assert_eq!(t("9:31\u{a0}pm - A").0, "21:31:00");
        assert_eq!(t("12:05 AM - A").0, "00:05:00");
        assert_eq!(t("12:05 PM - A").0, "12:05:00");
        assert_eq!(t("9:31 p.m. - A"), ("21:31:00".into(), 9));
        assert_eq!(t("9:31\u{a0}a.\u{a0}m. - A").0, "09:31:00");
        assert_eq!(t("9:31:02 p. m.] A").0, "21:31:02");
        assert_eq!(t("午後9:05 - A"), ("21:05:00".into(), 10));
        assert_eq!(t("午前0:30 - A").0, "00:30:00");
        assert_eq!(t("午後0:05 - A").0, "12:05:00");
        assert_eq!(t("오후 9:05 - A").0, "21:05:00");
        assert_eq!(t("9:05 午後 - A").0, "21:05:00");
        let (tod, _) = parse_time_of_day("9:31 - Amanda").unwrap();
        assert_eq!(tod.meridiem, Meridiem::None);
        assert_eq!(t("9:31 amanda").1, 4, "a name is no marker");
        assert!(parse_time_of_day("24:00").is_none());
        assert!(parse_time_of_day("13:00 PM").is_none());
        assert!(parse_time_of_day("9:5").is_none());
        assert!(parse_time_of_day("123:45").is_none());
        assert!(parse_time_of_day("9:60").is_none());
        assert!(parse_time_of_day("午後").is_none());
        assert!(parse_time_of_day("").is_none());
    }
}
