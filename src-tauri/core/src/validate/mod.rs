//! Validation of user input, with messages that say what to do.

pub mod bank;
pub mod crypto;
pub mod identifier;

use crate::{CoreError, Result};

/// Longest case title accepted.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest free text (statement, notes) accepted: about 300 printed pages.
pub const MAX_TEXT_CHARS: usize = 1_000_000;
/// Longest caption of an evidence item: a few paragraphs (longer text belongs in an event or
/// the statement); it is printed under every picture of the dossier.
pub const MAX_CAPTION_CHARS: usize = 10_000;
/// Longest single-line field (reference numbers, names, contact) accepted.
pub const MAX_LINE_CHARS: usize = 500;

/// ISO 4217 currency codes in current use.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/// The ISO 4217 codes Casefile knows, sorted.
pub fn currency_codes() -> Vec<&'static str> {
    ISO_4217.split(' ').collect()
}

/// A case title: trimmed, not empty, not too long.
pub fn title(raw: &str) -> Result<String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(CoreError::invalid(
            "title",
            "The case needs a title. Type a short name you will recognise, for example \"Crypto investment – Anna\".",
        ));
    }
    if t.chars().count() > MAX_TITLE_CHARS {
        return Err(CoreError::invalid(
            "title",
            format!("The title is too long. Keep it under {MAX_TITLE_CHARS} characters; put the rest in the notes."),
        ));
    }
    if t.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            "title",
            "The title must be a single line. Remove the line breaks or tabs.",
        ));
    }
    Ok(t.to_string())
}

/// A one-line field such as a reference number or a name: trimmed, bounded.
pub fn line(field: &'static str, label: &str, raw: &str) -> Result<String> {
    let t = raw.trim();
    if t.chars().count() > MAX_LINE_CHARS {
        return Err(CoreError::invalid(
            field,
            format!("{label} is too long. Keep it under {MAX_LINE_CHARS} characters."),
        ));
    }
    Ok(t.to_string())
}

/// Free text such as the statement: kept exactly as typed (no trimming), bounded.
pub fn text(field: &'static str, label: &str, raw: &str) -> Result<String> {
    if raw.chars().count() > MAX_TEXT_CHARS {
        return Err(CoreError::invalid(
            field,
            format!("{label} is too long for one field. Split it, or attach it as a document."),
        ));
    }
    Ok(raw.to_string())
}

/// An evidence item's caption: kept as typed, bounded.
pub fn caption(raw: &str) -> Result<String> {
    if raw.chars().count() > MAX_CAPTION_CHARS {
        return Err(CoreError::invalid(
            "caption",
            format!("The caption is too long. Keep it under {MAX_CAPTION_CHARS} characters; put a longer account in an event or the statement."),
        ));
    }
    Ok(raw.to_string())
}

/// An ISO 4217 code; lower case is accepted and upper-cased.
pub fn currency(raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    if ISO_4217.split(' ').any(|c| c == code) {
        Ok(code)
    } else {
        Err(CoreError::invalid(
            "reporting_currency",
            format!("\"{}\" is not a currency code Casefile knows. Use the three-letter ISO code, for example EUR, USD or GBP.", raw.trim()),
        ))
    }
}

/// An IANA time zone name such as `Europe/Berlin`.
pub fn time_zone(raw: &str) -> Result<String> {
    let name = raw.trim();
    name.parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            CoreError::invalid(
                "time_zone",
                format!("\"{name}\" is not a time zone Casefile knows. Use a name like Europe/London, America/New_York or Asia/Singapore."),
            )
        })
}

/// A date of birth `YYYY-MM-DD`, not in the future; empty means not given.
pub fn date_of_birth(raw: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let date = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            "victim_date_of_birth",
            "The date of birth must be written as year-month-day, for example 1961-04-23.",
        )
    })?;
    if date > chrono::Utc::now().date_naive() || date.year_ce().1 < 1900 {
        return Err(CoreError::invalid(
            "victim_date_of_birth",
            "That date of birth is not possible. Check the year.",
        ));
    }
    Ok(Some(date.format("%Y-%m-%d").to_string()))
}

use chrono::Datelike as _;

/// Every IANA time zone name Casefile accepts, sorted.
pub fn time_zones() -> Vec<String> {
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_string())
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(title("  Anna – USDT  ").unwrap(), "Anna – USDT");
        assert!(title("   ").is_err());
        assert!(title(&"x".repeat(201)).is_err());
        assert!(title("two\nlines").is_err());
    }

    #[test]
    fn currencies_are_iso_4217() {
        assert_eq!(currency("eur").unwrap(), "EUR");
        assert_eq!(currency(" USD ").unwrap(), "USD");
        let err = currency("EURO").unwrap_err().to_string();
        assert!(err.contains("three-letter"), "{err}");
        assert!(currency("XYZ").is_err());
        let codes = currency_codes();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(time_zone("Europe/Berlin").unwrap(), "Europe/Berlin");
        assert_eq!(time_zone("UTC").unwrap(), "UTC");
        assert!(time_zone("Mars/Olympus").is_err());
        assert!(time_zone("GMT+25").is_err());
    }

    #[test]
    fn dates_of_birth() {
        assert_eq!(date_of_birth(None).unwrap(), None);
        assert_eq!(date_of_birth(Some(" ")).unwrap(), None);
        assert_eq!(
            date_of_birth(Some("1961-04-23")).unwrap().as_deref(),
            Some("1961-04-23")
        );
        assert!(date_of_birth(Some("23/04/1961")).is_err());
        assert!(date_of_birth(Some("2999-01-01")).is_err());
        assert!(date_of_birth(Some("1961-02-30")).is_err());
    }
}
