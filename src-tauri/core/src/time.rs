//! Times as people give them and as Casefile stores them: UTC plus the offset they were
//! recorded in. A time without an offset is read in the case's time zone; a time that does not
//! exist or exists twice there (daylight-saving changes) is refused with a question, never
//! silently shifted.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset as _, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::{CoreError, Result};

/// Current time as UTC RFC 3339 with second precision, as stored everywhere.
pub fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A point in time with the offset it was recorded in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Moment {
    /// UTC, RFC 3339 (`2026-03-14T01:30:00Z`).
    pub utc: String,
    /// Offset from UTC, in minutes, that the time was recorded with (+480 for UTC+8).
    pub offset_minutes: i32,
    /// The time as recorded, with its offset (`2026-03-14T09:30:00+08:00`).
    pub recorded: String,
}

impl Moment {
    /// Builds a moment from a stored UTC string and offset.
    pub fn from_stored(utc: &str, offset_minutes: i32) -> Moment {
        let recorded = DateTime::parse_from_rfc3339(utc)
            .ok()
            .and_then(|t| {
                offset_minutes
                    .checked_mul(60)
                    .and_then(FixedOffset::east_opt)
                    .map(|o| t.with_timezone(&o))
            })
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| utc.to_string());
        Moment {
            utc: utc.to_string(),
            offset_minutes,
            recorded,
        }
    }

    /// The moment as a chrono time with its recorded offset.
    pub fn to_datetime(&self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(&self.recorded).ok()
    }

    /// Builds a moment from a time with an offset.
    ///
    /// Times are kept to the second, with an offset of whole minutes (as stored): a fraction of a
    /// second is dropped, and an offset with seconds (only historic local mean time has them)
    /// is shown as its whole minutes, so the moment reads back exactly as it was made.
    pub fn from_datetime(t: DateTime<FixedOffset>) -> Moment {
        use chrono::Timelike as _;
        let t = t.with_nanosecond(0).unwrap_or(t);
        let offset_minutes = t.offset().local_minus_utc() / 60;
        let t = FixedOffset::east_opt(offset_minutes * 60).map_or(t, |o| t.with_timezone(&o));
        Moment {
            utc: t
                .with_timezone(&Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            offset_minutes,
            recorded: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        }
    }
}

/// Earliest and latest year Casefile takes: nothing in a fraud case happened outside them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
/// Largest offset from UTC a recorded time may have, in minutes (real zones stay within ±14 h).
pub const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// Checks a moment that comes from a file (a case export) rather than a form: a UTC time Casefile
/// can read, an offset that exists, a year in range. The "recorded" form is rebuilt from those two.
pub fn checked_moment(m: &Moment, field: &'static str) -> Result<Moment> {
    let bad = || {
        CoreError::invalid(
            field,
            format!(
                "The time \"{}\" (offset {} minutes) is not one Casefile can use.",
                m.utc, m.offset_minutes
            ),
        )
    };
    let t = DateTime::parse_from_rfc3339(m.utc.trim()).map_err(|_| bad())?;
    if !(-MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(&m.offset_minutes) {
        return Err(bad());
    }
    let offset = FixedOffset::east_opt(m.offset_minutes * 60).ok_or_else(bad)?;
    check_year(&t.with_timezone(&offset), field)?;
    Ok(Moment::from_datetime(t.with_timezone(&offset)))
}

/// A UTC time stamp from a file (RFC 3339), checked and rewritten the way Casefile stores it.
pub fn checked_utc(raw: &str, field: &'static str) -> Result<String> {
    let t = DateTime::parse_from_rfc3339(raw.trim()).map_err(|_| {
        CoreError::invalid(field, format!("\"{raw}\" is not a time Casefile can read."))
    })?;
    check_year(&t, field)?;
    Ok(t.with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn check_year<Z: TimeZone>(t: &DateTime<Z>, field: &'static str) -> Result<()> {
    use chrono::Datelike as _;
    if YEARS.contains(&t.year()) {
        Ok(())
    } else {
        Err(CoreError::invalid(
            field,
            format!(
                "The year {} cannot be right: Casefile takes dates from {} to {}. Check the year.",
                t.year(),
                YEARS.start(),
                YEARS.end()
            ),
        ))
    }
}

/// Parses a time typed by a person or given by a source.
///
/// Accepts RFC 3339 with an offset (`2026-03-14T09:30:00+08:00`, `…Z`), or a local date-time
/// without one (`2026-03-14T09:30`, `2026-03-14 09:30:15`), read in `case_zone`.
pub fn parse_moment(input: &str, case_zone: &str, field: &'static str) -> Result<Moment> {
    let s = input.trim();
    if s.is_empty() {
        return Err(CoreError::invalid(
            field,
            "Enter the date and time (for example 2026-03-14 09:30).",
        ));
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(CoreError::invalid(
            field,
            format!("\"{s}\" is not a date and time Casefile can read. Start with the year, for example 2026-03-14 09:30."),
        ));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        if t.offset().local_minus_utc().abs() > MAX_OFFSET_MINUTES * 60 {
            return Err(CoreError::invalid(
                field,
                format!("The offset in \"{s}\" is not a real time zone offset (they run from -12:00 to +14:00)."),
            ));
        }
        check_year(&t, field)?;
        return Ok(Moment::from_datetime(t));
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
        .ok_or_else(|| {
            CoreError::invalid(
                field,
                format!("\"{s}\" is not a date and time Casefile can read. Write it as year-month-day hour:minute, for example 2026-03-14 09:30."),
            )
        })?;
    check_year(&naive.and_utc(), field)?;
    let tz: Tz = case_zone.parse().unwrap_or(Tz::UTC);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) if t.offset().fix().local_minus_utc() % 60 != 0 => {
            Err(CoreError::invalid(
                field,
                format!(
                    "On that date {case_zone} kept local mean time (UTC{}), which Casefile cannot store to the second. Add the offset the time was recorded with, for example {}.",
                    t.offset().fix(),
                    t.fixed_offset().format("%:z")
                ),
            ))
        }
        LocalResult::Single(t) => Ok(Moment::from_datetime(t.fixed_offset())),
        LocalResult::Ambiguous(a, b) => Err(CoreError::invalid(
            field,
            format!(
                "{s} happened twice in {case_zone} (the clocks went back). Add the offset to say which: {} or {}.",
                a.fixed_offset().to_rfc3339(),
                b.fixed_offset().to_rfc3339()
            ),
        )),
        LocalResult::None => Err(CoreError::invalid(
            field,
            format!("{s} did not exist in {case_zone} (the clocks went forward). Check the time, or add the offset it was recorded with, e.g. +01:00."),
        )),
    }
}

/// A UTC time shown in a zone: (`"2026-03-14 09:30"`, offset minutes, `"2026-03-14"`).
pub fn in_zone(utc: &str, zone: &str) -> (String, i32, String) {
    let tz: Tz = zone.parse().unwrap_or(Tz::UTC);
    match DateTime::parse_from_rfc3339(utc) {
        Ok(t) => {
            let local = t.with_timezone(&tz);
            (
                local.format("%Y-%m-%d %H:%M").to_string(),
                local.fixed_offset().offset().local_minus_utc() / 60,
                local.format("%Y-%m-%d").to_string(),
            )
        }
        Err(_) => (utc.to_string(), 0, String::new()),
    }
}

/// "+3 h", "-1 h 30 min", "+2 days 1 h".
pub fn shift_words(minutes: i32) -> String {
    let sign = if minutes < 0 { "-" } else { "+" };
    let m = minutes.unsigned_abs();
    let (days, hours, mins) = (m / 1440, m % 1440 / 60, m % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} day{}", if days == 1 { "" } else { "s" }));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if mins > 0 {
        parts.push(format!("{mins} min"));
    }
    format!("{sign}{}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_given_are_kept() {
        let m = parse_moment("2026-03-14T09:30:00+08:00", "Europe/Berlin", "t").unwrap();
        assert_eq!(m.utc, "2026-03-14T01:30:00Z");
        assert_eq!(m.offset_minutes, 480);
        assert_eq!(m.recorded, "2026-03-14T09:30:00+08:00");
        let z = parse_moment("2026-03-14T01:30:00Z", "Asia/Hong_Kong", "t").unwrap();
        assert_eq!(z.offset_minutes, 0);
    }

    #[test]
    fn local_times_are_read_in_the_case_zone() {
        let winter = parse_moment("2026-01-10 14:00", "Europe/Berlin", "t").unwrap();
        assert_eq!(winter.utc, "2026-01-10T13:00:00Z");
        assert_eq!(winter.offset_minutes, 60);
        let summer = parse_moment("2026-07-10T14:00", "Europe/Berlin", "t").unwrap();
        assert_eq!(summer.utc, "2026-07-10T12:00:00Z");
        assert_eq!(summer.offset_minutes, 120);
        let day = parse_moment("2026-07-10", "UTC", "t").unwrap();
        assert_eq!(day.utc, "2026-07-10T00:00:00Z");
    }

    #[test]
    fn daylight_saving_gaps_and_folds_are_questions_not_shifts() {
        let gap = parse_moment("2026-03-29 02:30", "Europe/Berlin", "t").unwrap_err();
        assert!(gap.to_string().contains("did not exist"), "{gap}");
        let fold = parse_moment("2026-10-25 02:30", "Europe/Berlin", "t").unwrap_err();
        assert!(fold.to_string().contains("happened twice"), "{fold}");
        assert!(fold.to_string().contains("+02:00") && fold.to_string().contains("+01:00"));
        assert!(parse_moment("14/03/2026", "UTC", "t").is_err());
    }

    #[test]
    fn years_out_of_range_and_signed_years_are_refused() {
        for bad in [
            "-2026-03-14T09:30:00Z",
            "+2026-03-14T09:30:00Z",
            "0000-03-14 09:30",
            "1899-12-31 23:59",
            "2101-01-01",
            "2026-03-14T09:30:00+23:59",
        ] {
            let err = parse_moment(bad, "UTC", "t").unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Invalid, "{bad}");
        }
        assert!(parse_moment("1900-01-01 00:00", "UTC", "t").is_ok());
        assert!(parse_moment("2100-12-31 23:59", "UTC", "t").is_ok());
    }

    #[test]
    fn moments_read_back_exactly_as_made() {
        // A fraction of a second is dropped in both forms, not only in the stored one.
        let m = parse_moment("2026-03-14T09:30:00.123456789-03:30", "UTC", "t").unwrap();
        assert_eq!(m.recorded, "2026-03-14T09:30:00-03:30");
        assert_eq!(Moment::from_stored(&m.utc, m.offset_minutes), m);
        // Local mean time (offsets with seconds, before standard zones) is a question.
        let lmt = parse_moment("1900-10-02 12:00", "Asia/Ust-Nera", "t").unwrap_err();
        assert!(lmt.to_string().contains("local mean time"), "{lmt}");
        let t = DateTime::parse_from_rfc3339("1900-10-02T12:00:00+09:32").unwrap();
        let odd = t.with_timezone(&FixedOffset::east_opt(9 * 3600 + 32 * 60 + 54).unwrap());
        let m = Moment::from_datetime(odd);
        assert_eq!(Moment::from_stored(&m.utc, m.offset_minutes), m);
    }

    #[test]
    fn times_from_files_are_checked_not_trusted() {
        let huge = Moment {
            utc: "2026-03-14T01:30:00Z".into(),
            offset_minutes: i32::MAX,
            recorded: "x".into(),
        };
        assert!(checked_moment(&huge, "captured").is_err());
        let most_negative = Moment {
            offset_minutes: i32::MIN,
            ..huge.clone()
        };
        assert!(checked_moment(&most_negative, "captured").is_err());
        // Never panics, even on a stored value no check let in.
        assert_eq!(
            Moment::from_stored("2026-03-14T01:30:00Z", i32::MAX).recorded,
            "2026-03-14T01:30:00Z"
        );
        let fine = Moment {
            utc: "2026-03-14T01:30:00Z".into(),
            offset_minutes: 480,
            recorded: "forged".into(),
        };
        assert_eq!(
            checked_moment(&fine, "captured").unwrap().recorded,
            "2026-03-14T09:30:00+08:00"
        );
        assert!(checked_utc("yesterday", "intake_at").is_err());
        assert!(checked_utc("0001-01-01T00:00:00Z", "intake_at").is_err());
        assert_eq!(
            checked_utc("2026-03-14T09:30:00+08:00", "intake_at").unwrap(),
            "2026-03-14T01:30:00Z"
        );
        assert!(parse_moment("", "UTC", "t").is_err());
    }

    #[test]
    fn stored_moments_round_trip_and_show_in_a_zone() {
        let m = Moment::from_stored("2026-03-14T01:30:00Z", 480);
        assert_eq!(m.recorded, "2026-03-14T09:30:00+08:00");
        assert_eq!(
            in_zone("2026-03-14T01:30:00Z", "America/New_York"),
            (
                "2026-03-13 21:30".to_string(),
                -240,
                "2026-03-13".to_string()
            )
        );
    }
}
