//! Times as typed: `time::parse_moment(input, zone)`, and `in_zone` of what it returns.
//! Input: the text, a NUL byte, the case's time zone name.
#![no_main]

use casefile_core::time::{in_zone, parse_moment, Moment};
use casefile_core_fuzz::{fields, install_panic_hook, run, strict};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Some(f) = fields(data, 2) else {
            return;
        };
        let (input, zone) = (f[0], f[1]);
        let Ok(m) = parse_moment(input, zone, "t") else {
            return;
        };
        // Known, reported: years outside 0000–9999 written with a sign (`-02026-01-01`, `+20260-03-14`)
        // are accepted, but RFC 3339 cannot hold them, so the stored time no longer parses.
        let four_digit_year = m.utc.len() > 4
            && m.utc.as_bytes()[4] == b'-'
            && m.utc.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        if !four_digit_year && !strict() {
            return;
        }
        // What was read is stored as UTC + offset and must come back the same.
        let stored = Moment::from_stored(&m.utc, m.offset_minutes);
        if strict() {
            assert_eq!(stored, m, "stored form differs");
        } else {
            // Known, reported: fractions of a second stay in `recorded` but not in `utc`, so
            // they are lost once stored. Compare without them.
            assert_eq!((&stored.utc, stored.offset_minutes), (&m.utc, m.offset_minutes));
            // Also known: zones kept local mean time with an offset in seconds into the 20th
            // century (Asia/Ust-Nera +9:32:54 in 1900); offsets are written and stored in whole
            // minutes, so the time moves by under a minute. Anything more is a failure.
            if !lmt_close(&stored.recorded, &m.recorded) {
                assert_eq!(stored.recorded, without_fraction(&m.recorded), "stored form differs");
            }
        }
        match parse_moment(&m.recorded, "UTC", "t") {
            Ok(again) if !strict() && lmt_close(&again.utc, &m.utc) => {}
            Ok(again) => assert_eq!(again, m, "reading the recorded form again differs"),
            Err(e) => panic!("the recorded form {} does not parse again: {e}", m.recorded),
        }
        let _ = in_zone(&m.utc, zone);
    });
});

/// `2026-03-14T09:30:00.5+08:00` → `2026-03-14T09:30:00+08:00`.
fn without_fraction(t: &str) -> String {
    match t.find('.') {
        Some(dot) => {
            let rest = &t[dot + 1..];
            let digits = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            format!("{}{}", &t[..dot], &rest[digits..])
        }
        None => t.to_string(),
    }
}

/// Two different RFC 3339 times less than a minute apart (the known local-mean-time rounding).
fn lmt_close(a: &str, b: &str) -> bool {
    use chrono::DateTime;
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a != b && (a - b).num_seconds().abs() < 60,
        _ => false,
    }
}
