//! Bank accounts: IBAN (ISO 13616, mod-97 checksum, per-country format) and BIC (ISO 9362 shape).

use iban::{Iban, IbanLike as _, ParseBaseIbanError, ParseIbanError};

/// What an account-number check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCheck {
    /// Upper case without spaces: how it is compared across cases.
    pub normalized: String,
    /// Whether it is written like an IBAN (two letters, two digits, …).
    pub is_iban: bool,
    pub warnings: Vec<String>,
}

/// Whether `s` is written like an IBAN: two letters then two digits, 15–34 characters in all.
pub fn looks_like_iban(s: &str) -> bool {
    let c: Vec<char> = compact(s).chars().collect();
    c.len() >= 15
        && c.len() <= 34
        && c[0].is_ascii_alphabetic()
        && c[1].is_ascii_alphabetic()
        && c[2].is_ascii_digit()
        && c[3].is_ascii_digit()
        && c.iter().all(char::is_ascii_alphanumeric)
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Checks an account number; IBANs get the full check, other numbers are only normalized.
pub fn check_account(raw: &str) -> AccountCheck {
    let normalized = compact(raw);
    if !looks_like_iban(raw) {
        return AccountCheck {
            normalized,
            is_iban: false,
            warnings: Vec::new(),
        };
    }
    let warning = match normalized.parse::<Iban>() {
        Ok(iban) => {
            return AccountCheck {
                normalized: iban.electronic_str().to_string(),
                is_iban: true,
                warnings: Vec::new(),
            }
        }
        Err(ParseIbanError::InvalidBaseIban {
            source: ParseBaseIbanError::InvalidChecksum,
        }) => "This IBAN fails its check digits (mod-97): a digit was probably mistyped or two were swapped. Compare it with the bank statement.".to_string(),
        Err(ParseIbanError::InvalidBban(_)) => format!(
            "This IBAN does not have the length or format that {} IBANs have. Check for a missing or extra character.",
            &normalized[..2]
        ),
        Err(ParseIbanError::UnknownCountry(_)) => format!(
            "\"{}\" is not a country that uses IBANs. Check the first two letters.",
            &normalized[..2]
        ),
        Err(ParseIbanError::InvalidBaseIban { .. }) => {
            "This is not a valid IBAN: it should be two letters, two check digits, then up to 30 letters and digits.".to_string()
        }
    };
    AccountCheck {
        normalized,
        is_iban: true,
        warnings: vec![warning],
    }
}

/// Checks a BIC / SWIFT code's shape: 4 letters (bank), 2 letters (country), 2 letters or
/// digits (location), optionally 3 more (branch). Returns the normalized code and a warning.
pub fn check_bic(raw: &str) -> (String, Option<String>) {
    let b = compact(raw);
    let chars: Vec<char> = b.chars().collect();
    let ok = (chars.len() == 8 || chars.len() == 11)
        && chars[..6].iter().all(char::is_ascii_alphabetic)
        && chars[6..].iter().all(char::is_ascii_alphanumeric);
    let warning = (!ok).then(|| {
        "This is not a valid BIC/SWIFT code: it has 8 or 11 characters, starting with 6 letters (e.g. DEUTDEFF or DEUTDEFF500).".to_string()
    });
    (b, warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IBANS: &[&str] = &[
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "ES9121000418450200051332",
        "CH9300762011623852957",
        "BE68539007547034",
        "IT60X0542811101000000123456",
        "PL61109010140000071219812874",
    ];

    #[test]
    fn real_ibans_pass_and_are_normalized() {
        for i in IBANS {
            let c = check_account(i);
            assert!(c.is_iban, "{i}");
            assert!(c.warnings.is_empty(), "{i}: {:?}", c.warnings);
            assert!(!c.normalized.contains(' '));
        }
        assert_eq!(
            check_account("de89 3704 0044 0532 0130 00").normalized,
            "DE89370400440532013000"
        );
    }

    #[test]
    fn one_digit_typos_and_swaps_fail_mod_97() {
        for i in IBANS {
            let c = compact(i);
            for pos in [5, 9, c.len() - 1] {
                let mut chars: Vec<char> = c.chars().collect();
                if !chars[pos].is_ascii_digit() {
                    continue;
                }
                chars[pos] = if chars[pos] == '9' {
                    '0'
                } else {
                    ((chars[pos] as u8) + 1) as char
                };
                let bad: String = chars.into_iter().collect();
                let check = check_account(&bad);
                assert_eq!(check.warnings.len(), 1, "{bad}");
                assert!(
                    check.warnings[0].contains("mod-97"),
                    "{bad}: {:?}",
                    check.warnings
                );
            }
        }
        assert!(!check_account("DE89370400440532013").warnings.is_empty());
        assert_eq!(check_account("QQ89370400440532013000").warnings.len(), 1);
    }

    #[test]
    fn plain_account_numbers_are_kept_without_warnings() {
        let c = check_account("12-34-56 1234 5678");
        assert!(!c.is_iban);
        assert!(c.warnings.is_empty());
        assert_eq!(c.normalized, "12345612345678");
    }

    #[test]
    fn bic_shapes() {
        assert_eq!(check_bic("deutdeff"), ("DEUTDEFF".into(), None));
        assert_eq!(check_bic("DEUTDEFF500").1, None);
        assert_eq!(check_bic("NWBKGB2L").1, None);
        assert!(check_bic("DEUTDEF").1.is_some());
        assert!(check_bic("12UTDEFF").1.is_some());
        assert!(check_bic("DEUTDEFF5").1.is_some());
    }
}
