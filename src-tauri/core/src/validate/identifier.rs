//! Identifiers of scammers (phones, handles, e-mail, websites, wallets, bank accounts):
//! normalized into a match key so the same one entered twice — in this case or another — is
//! recognized, with warnings where the value looks wrong.

use super::bank;
use super::crypto::{self, Network};
use crate::{CoreError, Result};

pub use crate::model::IdentifierKind;

/// A normalized identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// How to show it (E.164 phone, lower-case e-mail, bare domain …).
    pub display: String,
    /// What to compare across records and cases, e.g. `phone:+447700900123`.
    pub match_key: String,
    pub warnings: Vec<String>,
}

fn phone(raw: &str) -> Normalized {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let fallback = |warning: String| Normalized {
        display: raw.trim().to_string(),
        match_key: format!("phone:+{digits}"),
        warnings: vec![warning],
    };
    if !raw.trim_start().starts_with('+') && !raw.trim_start().starts_with("00") {
        return fallback("Add the country code (for example +44 7700 900123 or +852 …) so this number can be matched and read correctly abroad.".into());
    }
    let cleaned = raw
        .trim()
        .strip_prefix("00")
        .map(|r| format!("+{r}"))
        .unwrap_or_else(|| raw.trim().to_string());
    match phonenumber::parse(None, &cleaned) {
        Ok(number) => {
            let e164 = number.format().mode(phonenumber::Mode::E164).to_string();
            // The number as shown must read back as itself, or a search for what Casefile
            // shows would miss the record. Odd input (letters read as keypad digits, a national
            // prefix after the country code) can make the library read its own output
            // differently: then the number is kept as typed, with a word.
            let again = phonenumber::parse(None, &e164)
                .map(|n| n.format().mode(phonenumber::Mode::E164).to_string());
            if again.ok().as_deref() != Some(e164.as_str()) {
                return fallback("Casefile could not read this number the same way twice (letters or an extra 0 in it?). Check the digits and the country code; it is kept as typed.".into());
            }
            let warnings = if phonenumber::is_valid(&number) {
                Vec::new()
            } else {
                vec!["This does not look like a number in use in that country. Check the digits; it is kept as typed.".into()]
            };
            Normalized {
                match_key: format!("phone:{e164}"),
                display: e164,
                warnings,
            }
        }
        Err(_) => fallback("Casefile could not read this as a phone number. Check the digits and the country code; it is kept as typed.".into()),
    }
}

fn is_phone_like(raw: &str) -> bool {
    let t = raw.trim();
    (t.starts_with('+') || t.starts_with("00"))
        && t.chars().filter(char::is_ascii_digit).count() >= 7
}

fn strip_prefixes<'a>(s: &'a str, prefixes: &[&str]) -> &'a str {
    let lower = s.to_ascii_lowercase();
    for p in prefixes {
        if lower.starts_with(p) {
            return &s[p.len()..];
        }
    }
    s
}

fn username(kind: &str, raw: &str, valid: impl Fn(&str) -> bool, hint: &str) -> Normalized {
    let u = raw
        .trim()
        .trim_start_matches('@')
        .trim_end_matches('/')
        .to_lowercase();
    let warnings = if valid(&u) {
        Vec::new()
    } else {
        vec![hint.to_string()]
    };
    Normalized {
        display: u.clone(),
        match_key: format!("{kind}:{u}"),
        warnings,
    }
}

fn url_parts(raw: &str) -> Option<(String, String)> {
    let t = raw.trim();
    // Any scheme — also a defanged "hxxp://" or a typo — is read as https, so the host is
    // always parsed (and an international name punycoded) the same way.
    let rest = t.split_once("://").map_or(t, |(_, rest)| rest);
    let url = url::Url::parse(&format!("https://{rest}")).ok()?;
    let mut host = url.host_str()?.to_lowercase();
    while let Some(bare) = host.strip_prefix("www.").filter(|b| b.contains('.')) {
        host = bare.to_string();
    }
    if !host.contains('.') {
        return None;
    }
    Some((host, url.path().trim_end_matches('/').to_string()))
}

/// Normalizes an identifier of `kind`; `network` is needed for wallets (guessed from the
/// address when not given). Only an empty value is refused.
pub fn normalize(kind: IdentifierKind, raw: &str, network: Option<Network>) -> Result<Normalized> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(CoreError::invalid(
            "value",
            format!("Type the {} first.", kind.label().to_lowercase()),
        ));
    }
    Ok(match kind {
        IdentifierKind::Phone | IdentifierKind::Whatsapp => phone(value),
        IdentifierKind::Signal
            if is_phone_like(value)
                || value
                    .chars()
                    .all(|c| c.is_ascii_digit() || " -()".contains(c)) =>
        {
            phone(value)
        }
        IdentifierKind::Signal => username(
            "signal",
            value,
            |u| u.len() >= 3,
            "Signal usernames look like name.01.",
        ),
        IdentifierKind::Telegram => {
            let bare = strip_prefixes(
                value,
                &[
                    "https://t.me/",
                    "http://t.me/",
                    "t.me/",
                    "https://telegram.me/",
                    "telegram.me/",
                ],
            );
            if is_phone_like(bare) {
                phone(bare)
            } else {
                username(
                    "telegram",
                    bare,
                    |u| (5..=32).contains(&u.len()) && u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "Telegram usernames are 5–32 letters, digits or _ (like @anna_trader). Check it against the chat.",
                )
            }
        }
        IdentifierKind::Wechat => username(
            "wechat",
            value,
            |u| u.len() >= 2,
            "This WeChat ID looks too short.",
        ),
        IdentifierKind::Line => username(
            "line",
            value,
            |u| u.len() >= 2,
            "This LINE ID looks too short.",
        ),
        IdentifierKind::Email => {
            let e = value.to_lowercase();
            let ok = match e.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !e[local.len() + 1..].contains('@')
                        && !e.contains(' ')
                }
                None => false,
            };
            Normalized {
                match_key: format!("email:{e}"),
                display: e,
                warnings: if ok {
                    Vec::new()
                } else {
                    vec!["This does not look like an e-mail address (name@example.com). It is kept as typed.".into()]
                },
            }
        }
        IdentifierKind::Website => match url_parts(value) {
            Some((host, _)) => Normalized {
                match_key: format!("domain:{host}"),
                display: host,
                warnings: Vec::new(),
            },
            None => Normalized {
                display: value.to_string(),
                match_key: format!("domain:{}", value.to_lowercase()),
                warnings: vec![
                    "This does not look like a web address (example.com or https://example.com/…)."
                        .into(),
                ],
            },
        },
        IdentifierKind::SocialProfile | IdentifierKind::DatingProfile => match url_parts(value) {
            Some((host, path)) => {
                let link = format!("{host}{path}");
                Normalized {
                    match_key: format!("url:{}", link.to_lowercase()),
                    display: link,
                    warnings: Vec::new(),
                }
            }
            None => {
                let name = value.trim_start_matches('@').to_lowercase();
                Normalized {
                    match_key: format!("{}:{name}", kind.as_str()),
                    display: value.to_string(),
                    warnings: Vec::new(),
                }
            }
        },
        IdentifierKind::App => {
            let name = value.split_whitespace().collect::<Vec<_>>().join(" ");
            Normalized {
                match_key: format!("app:{}", name.to_lowercase()),
                display: name,
                warnings: Vec::new(),
            }
        }
        IdentifierKind::CryptoWallet => {
            let family_guess = network.or_else(|| match crypto::detect_family(value) {
                Some(crypto::AddressFamily::Bitcoin) => Some(Network::Bitcoin),
                Some(crypto::AddressFamily::Evm) => Some(Network::Ethereum),
                Some(crypto::AddressFamily::Tron) => Some(Network::Tron),
                Some(crypto::AddressFamily::Solana) => Some(Network::Solana),
                None => None,
            });
            match family_guess {
                Some(net) => {
                    let check = crypto::check_address(net, value);
                    Normalized {
                        match_key: format!("wallet:{}", check.normalized),
                        display: check.normalized,
                        warnings: check.warnings,
                    }
                }
                None => Normalized {
                    display: value.to_string(),
                    match_key: format!("wallet:{value}"),
                    warnings: vec!["Casefile does not recognize this wallet address. Choose its network, and compare it with the original character by character.".into()],
                },
            }
        }
        IdentifierKind::BankAccount => {
            let check = bank::check_account(value);
            Normalized {
                match_key: format!("account:{}", check.normalized),
                display: check.normalized,
                warnings: check.warnings,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The display form of a normalized identifier normalizes to the same key (found by the
    /// identifier_normalize fuzz target: repeated "www.", defanged and odd schemes, IDN hosts).
    #[test]
    fn websites_normalize_once_and_for_all() {
        for raw in [
            "www.www.wwTR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLcomw.w.ro.coa",
            "htt1://bücher.example/",
            "hxxp://bücher.example/",
            "https://www.BTC-GX.pro/login",
            "www.com",
        ] {
            let n = normalize(IdentifierKind::Website, raw, None).unwrap();
            let again = normalize(IdentifierKind::Website, &n.display, None).unwrap();
            assert_eq!(n.match_key, again.match_key, "{raw}");
        }
        let defanged = normalize(IdentifierKind::Website, "hxxp://bücher.example/", None).unwrap();
        let plain = normalize(IdentifierKind::Website, "https://bücher.example", None).unwrap();
        assert_eq!(defanged.match_key, plain.match_key);
        assert_eq!(plain.match_key, "domain:xn--bcher-kva.example");
    }

    fn key(kind: IdentifierKind, v: &str) -> String {
        normalize(kind, v, None).unwrap().match_key
    }

    #[test]
    fn a_phone_that_does_not_read_back_as_itself_is_kept_as_typed_with_a_word() {
        // Found by the fuzzer: letters read as keypad digits and a 0 after +55.
        let odd = normalize(IdentifierKind::Phone, "+550-z00ee-4667", None).unwrap();
        assert!(!odd.warnings.is_empty(), "{odd:?}");
        let again = normalize(IdentifierKind::Phone, "+55 11 91234-5678", None).unwrap();
        assert!(again.warnings.is_empty(), "{again:?}");
        assert_eq!(
            normalize(IdentifierKind::Phone, &again.display, None)
                .unwrap()
                .match_key,
            again.match_key
        );
    }

    #[test]
    fn phones_normalize_to_e164_and_match_across_kinds() {
        let a = normalize(IdentifierKind::Phone, "+44 7911 123456", None).unwrap();
        assert_eq!(a.display, "+447911123456");
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(
            key(IdentifierKind::Whatsapp, "0044 7911-123-456"),
            a.match_key
        );
        assert_eq!(
            key(IdentifierKind::Telegram, "+44 (7911) 123456"),
            a.match_key
        );
        assert_eq!(key(IdentifierKind::Signal, "+447911123456"), a.match_key);
        let hk = normalize(IdentifierKind::Whatsapp, "+852 5123 4567", None).unwrap();
        assert_eq!(hk.display, "+85251234567");
        let local = normalize(IdentifierKind::Phone, "07911 123456", None).unwrap();
        assert!(local.warnings[0].contains("country code"));
    }

    #[test]
    fn handles_emails_and_sites() {
        assert_eq!(
            key(IdentifierKind::Telegram, "@Anna_Trader88"),
            "telegram:anna_trader88"
        );
        assert_eq!(
            key(IdentifierKind::Telegram, "https://t.me/anna_trader88"),
            "telegram:anna_trader88"
        );
        assert!(!normalize(IdentifierKind::Telegram, "@ab", None)
            .unwrap()
            .warnings
            .is_empty());
        assert_eq!(
            key(IdentifierKind::Email, " Support@BTC-GX.pro "),
            "email:support@btc-gx.pro"
        );
        assert!(
            !normalize(IdentifierKind::Email, "support.btc-gx.pro", None)
                .unwrap()
                .warnings
                .is_empty()
        );
        assert_eq!(
            key(
                IdentifierKind::Website,
                "https://www.BTC-GX.pro/login?ref=7"
            ),
            "domain:btc-gx.pro"
        );
        assert_eq!(
            key(IdentifierKind::Website, "btc-gx.pro"),
            "domain:btc-gx.pro"
        );
        assert_eq!(
            key(
                IdentifierKind::SocialProfile,
                "https://www.instagram.com/Anna.Lee.HK/"
            ),
            "url:instagram.com/anna.lee.hk"
        );
        assert_eq!(
            key(IdentifierKind::App, "  BTC-GX   Pro "),
            "app:btc-gx pro"
        );
        assert_eq!(key(IdentifierKind::Wechat, "AnnaHK_88"), "wechat:annahk_88");
        assert!(normalize(IdentifierKind::Email, "   ", None).is_err());
    }

    #[test]
    fn wallets_and_accounts_use_their_validators() {
        let w = normalize(
            IdentifierKind::CryptoWallet,
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            None,
        )
        .unwrap();
        assert_eq!(w.match_key, "wallet:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
        assert!(w.warnings.is_empty());
        let typo = normalize(
            IdentifierKind::CryptoWallet,
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t",
            Some(Network::Tron),
        )
        .unwrap();
        assert!(typo.warnings[0].contains("checksum"));
        let evm = normalize(
            IdentifierKind::CryptoWallet,
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            Some(Network::Bsc),
        )
        .unwrap();
        assert_eq!(
            evm.match_key,
            "wallet:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
        );
        let acct = normalize(
            IdentifierKind::BankAccount,
            "gb82 west 1234 5698 7654 32",
            None,
        )
        .unwrap();
        assert_eq!(acct.match_key, "account:GB82WEST12345698765432");
        assert!(acct.warnings.is_empty());
    }
}
