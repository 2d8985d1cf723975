//! Capture times in file names: `evidence::time_from_file_name`. Input: a file name.
#![no_main]

use casefile_core::evidence::time_from_file_name;
use casefile_core_fuzz::{install_panic_hook, run};
use chrono::{Datelike as _, Timelike as _};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(name) = std::str::from_utf8(data) else {
            return;
        };
        let Some(t) = time_from_file_name(name) else {
            return;
        };
        // Only real dates in range, and a date-only name says so with midnight.
        assert!((1990..=2100).contains(&t.local.year()), "year {}", t.local.year());
        if t.date_only {
            assert_eq!(t.local.num_seconds_from_midnight(), 0);
        }
        // The name carries the digits it was read from.
        let digits: String = name.chars().filter(char::is_ascii_digit).collect();
        assert!(digits.contains(&t.local.year().to_string()), "{name}");
    });
});
