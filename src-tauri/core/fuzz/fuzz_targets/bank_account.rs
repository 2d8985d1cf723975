//! Bank checks: `bank::check_account` (IBAN or other number) and `check_bic`.
#![no_main]

use casefile_core::validate::bank::{check_account, check_bic, looks_like_iban};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let _ = looks_like_iban(text);
        let _ = check_bic(text);
        let c = check_account(text);
        // The normalized number is the match key: normalizing it again changes nothing.
        let again = check_account(&c.normalized);
        assert_eq!(again.normalized, c.normalized, "normalizing twice differs");
        assert_eq!(again.is_iban, c.is_iban);
        assert_eq!(again.warnings, c.warnings);
    });
});
