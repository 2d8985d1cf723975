//! Identifier normalization into match keys: `validate::identifier::normalize`.
//! Input: byte 0 = kind (index), byte 1 = network (index; past the end = none), then the text.
#![no_main]

use casefile_core::validate::crypto::Network;
use casefile_core::validate::identifier::{normalize, IdentifierKind};
use casefile_core_fuzz::{install_panic_hook, run, strict};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let [k, n, rest @ ..] = data else {
            return;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let kind = IdentifierKind::ALL[usize::from(*k) % IdentifierKind::ALL.len()];
        let network = Network::ALL.get(usize::from(*n) % (Network::ALL.len() + 1)).copied();
        let Ok(first) = normalize(kind, text, network) else {
            return;
        };
        assert!(!first.match_key.is_empty(), "empty match key");
        assert!(
            first.match_key.contains(':'),
            "match key without its kind prefix: {}",
            first.match_key
        );
        // Entering what Casefile shows must find the same record: the display form of a phone,
        // e-mail, web address, wallet or account normalizes to the same match key. (Handles and
        // profile links are free text; garbage in them may key differently, which is harmless.)
        // Known, reported: a web address with an unusual scheme (`hxxp://bücher.example`, as
        // people defang links) keeps a percent-encoded host, which keys differently.
        let keyed = matches!(
            kind,
            IdentifierKind::Phone
                | IdentifierKind::Whatsapp
                | IdentifierKind::Email
                | IdentifierKind::Website
                | IdentifierKind::CryptoWallet
                | IdentifierKind::BankAccount
        );
        // Also known: one leading `www.` is dropped, so `www.www.example.com` keys differently
        // from its display form.
        let known = !strict() && (first.display.contains('%') || first.display.starts_with("www."));
        // A web address is only held to it when the display is a plausible host name (a
        // letters-only top-level label): odd hosts like `1.` read back as IP addresses.
        let plausible = kind != IdentifierKind::Website || plausible_host(&first.display);
        if keyed && plausible && first.warnings.is_empty() && !known {
            if let Ok(again) = normalize(kind, &first.display, network) {
                assert_eq!(again.match_key, first.match_key, "display {:?} keys differently", first.display);
            }
        }
    });
});

/// `example.com/path` → true; `1.`, `10.0.0.1`, `localhost` → false.
fn plausible_host(display: &str) -> bool {
    let host = display.split('/').next().unwrap_or("");
    match host.rsplit_once('.') {
        Some((name, tld)) => {
            !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}
