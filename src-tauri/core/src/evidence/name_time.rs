//! Capture times written into file names by phones and computers. Phone screenshots rarely carry
//! EXIF, but their names say when they were taken:
//!
//! | source | example |
//! |---|---|
//! | Android screenshot | `Screenshot_20260314-093102_WhatsApp.png`, `Screenshot_20260314_093102.jpg`, `Screenshot_2026-03-14-09-31-02-123_com.whatsapp.jpg` |
//! | iOS chat export | `00000012-PHOTO-2026-03-14-09-31-02.jpg`, `PHOTO-2026-03-14-09-31-02.jpg` |
//! | macOS screenshot | `Screenshot 2026-03-14 at 09.31.02.png`, `Screenshot 2026-03-14 at 9.31.02 PM.png` (U+202F or a space before PM) |
//! | Windows screenshot | `Screenshot 2026-03-14 093102.png` |
//! | Telegram | `photo_2026-03-14_09-31-02.jpg` |
//! | WhatsApp media | `IMG-20260314-WA0012.jpg` — a date only |
//!
//! The times carry no zone: the caller reads them in the zone of the device that took them.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

/// A time read from a file name, without a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameTime {
    /// The local date and time (midnight when only the date is known).
    pub local: NaiveDateTime,
    /// Only the date is in the name (WhatsApp media); the time of day is unknown.
    pub date_only: bool,
}

/// Longest file name looked at (names are at most 255 bytes on every common file system).
const MAX_NAME_CHARS: usize = 255;

struct Pattern {
    regex: Regex,
    date_only: bool,
}

/// Most specific first. Groups: year, month, day, then hour, minute, second and an optional
/// AM/PM letter.
static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let p = |re: &str, date_only: bool| {
        Regex::new(re)
            .ok()
            .map(|regex| Pattern { regex, date_only })
    };
    [
        // macOS: "2026-03-14 at 09.31.02", 12-hour with a (narrow no-break) space before AM/PM.
        p(
            r"(?i)(?:^|\D)(\d{4})-(\d{2})-(\d{2}) at (\d{1,2})\.(\d{2})\.(\d{2})(?:[ \x{202F}\x{A0}]?([ap])\.?m\.?)?(?:\D|$)",
            false,
        ),
        // WhatsApp media: IMG-20260314-WA0012 (date only).
        p(
            r"(?i)(?:^|[^a-z])(?:IMG|VID|AUD|PTT|STK|DOC)-(\d{4})(\d{2})(\d{2})-WA\d+",
            true,
        ),
        // Android and cameras: 20260314-093102, 20260314_093102.
        p(r"(?:^|\D)(\d{4})(\d{2})(\d{2})[-_](\d{2})(\d{2})(\d{2})(?:\D|$)", false),
        // Android, iOS export, Telegram: 2026-03-14-09-31-02, 2026-03-14_09-31-02.
        p(
            r"(?:^|\D)(\d{4})-(\d{2})-(\d{2})[-_ ](\d{2})[-.](\d{2})[-.](\d{2})(?:\D|$)",
            false,
        ),
        // Windows: 2026-03-14 093102.
        p(r"(?:^|\D)(\d{4})-(\d{2})-(\d{2}) (\d{2})(\d{2})(\d{2})(?:\D|$)", false),
    ]
    .into_iter()
    .flatten()
    .collect()
});

/// The capture time a file's name gives, if it follows one of the known patterns and is a real
/// date and time between 1990 and 2100.
pub fn time_from_file_name(name: &str) -> Option<NameTime> {
    if name.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    PATTERNS.iter().find_map(|p| {
        let c = p.regex.captures(name)?;
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = i32::try_from(num(1)?).ok()?;
        if !(1990..=2100).contains(&year) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, num(2)?, num(3)?)?;
        if p.date_only {
            return Some(NameTime {
                local: date.and_time(NaiveTime::MIN),
                date_only: true,
            });
        }
        let mut hour = num(4)?;
        if let Some(half) = c.get(7) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let pm = half.as_str().eq_ignore_ascii_case("p");
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        let time = NaiveTime::from_hms_opt(hour, num(5)?, num(6)?)?;
        Some(NameTime {
            local: date.and_time(time),
            date_only: false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(name: &str) -> Option<String> {
        time_from_file_name(name).map(|t| {
            let s = t.local.format("%Y-%m-%d %H:%M:%S").to_string();
            if t.date_only {
                format!("{} (date only)", &s[..10])
            } else {
                s
            }
        })
    }

    #[test]
    fn phone_and_computer_names_give_their_time() {
        let cases = [
            (
                "Screenshot_20260314-093102_WhatsApp.png",
                "2026-03-14 09:31:02",
            ),
            (
                "Screenshot_2026-03-14-09-31-02-123_com.whatsapp.jpg",
                "2026-03-14 09:31:02",
            ),
            ("Screenshot_20260314_093102.jpg", "2026-03-14 09:31:02"),
            (
                "00000012-PHOTO-2026-03-14-09-31-02.jpg",
                "2026-03-14 09:31:02",
            ),
            ("PHOTO-2026-03-14-09-31-02.jpg", "2026-03-14 09:31:02"),
            (
                "Screenshot 2026-03-14 at 09.31.02.png",
                "2026-03-14 09:31:02",
            ),
            (
                "Screenshot 2026-03-14 at 9.31.02\u{202f}PM.png",
                "2026-03-14 21:31:02",
            ),
            (
                "Screenshot 2026-03-14 at 12.05.00 AM.png",
                "2026-03-14 00:05:00",
            ),
            (
                "Screenshot 2026-03-14 at 12.05.00 pm.png",
                "2026-03-14 12:05:00",
            ),
            (
                "Screen Shot 2026-03-14 at 9.31.02\u{a0}a.m..png",
                "2026-03-14 09:31:02",
            ),
            ("Screenshot 2026-03-14 093102.png", "2026-03-14 09:31:02"),
            ("photo_2026-03-14_09-31-02.jpg", "2026-03-14 09:31:02"),
            ("IMG-20260314-WA0012.jpg", "2026-03-14 (date only)"),
            ("VID-20260314-WA0003.mp4", "2026-03-14 (date only)"),
        ];
        for (name, want) in cases {
            assert_eq!(at(name).as_deref(), Some(want), "{name}");
        }
    }

    #[test]
    fn names_without_a_real_time_give_none() {
        for name in [
            "chat.png",
            "Screenshot_20260311_chat.png",
            "Screenshot_20261314-093102.png",
            "Screenshot_20260230-093102.png",
            "Screenshot_20260314-253102.png",
            "Screenshot 2026-03-14 at 13.31.02 PM.png",
            "Screenshot_18990314-093102.png",
            "invoice-123456789012345.pdf",
            "IMG_1234.JPG",
            "",
        ] {
            assert_eq!(at(name), None, "{name}");
        }
        assert_eq!(
            at(&format!(
                "{}Screenshot_20260314-093102.png",
                "x".repeat(300)
            )),
            None
        );
    }
}
