//! Crypto checks: `check_address`, `check_tx_hash`, `detect_family`, explorer links.
//! Input: byte 0 = network (index), then the text.
#![no_main]

use casefile_core::validate::crypto::{check_address, check_tx_hash, detect_family, Network};
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let [n, rest @ ..] = data else {
            return;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let network = Network::ALL[usize::from(*n) % Network::ALL.len()];
        let _ = detect_family(text);
        let _ = check_tx_hash(network, text);
        let _ = network.explorer_address_url(text);
        let _ = network.explorer_tx_url(text);
        let c = check_address(network, text);
        if c.warnings.is_empty() {
            // A well-formed address stays well formed, and the same, once normalized.
            let again = check_address(network, &c.normalized);
            assert_eq!(again.normalized, c.normalized, "normalizing twice differs");
            assert!(again.warnings.is_empty(), "the normalized address gets warnings: {:?}", again.warnings);
        }
    });
});
