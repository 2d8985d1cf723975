//! The words of the money-trail picture and how wide they are drawn: amounts with thousands
//! separators (every digit kept), dates in the case's zone, numbers shortened in the middle,
//! and a text-width estimate that errs wide so the text always fits its box.
//!
//! # Units and fonts (the window's SVG and the PDF renderer follow these)
//!
//! * Every coordinate and size is in **points** (1/72 inch) from the picture's top left; the
//!   window draws 1 point as 1 CSS pixel, the dossier scales the whole picture to the page.
//! * Text is a regular-weight sans-serif with Helvetica/Arial metrics (the PDF's built-in
//!   Helvetica; `Helvetica, Arial, sans-serif` in SVG). Nothing is drawn bold: the widths
//!   below are for the regular weight.
//! * A node's lines, top to bottom: `whose` at [`DETAIL_FONT_SIZE`] (9 pt), its `label` at
//!   [`LABEL_FONT_SIZE`] (11 pt), its `detail` (when not empty) at [`DETAIL_FONT_SIZE`]; an
//!   edge's `lines` at [`EDGE_FONT_SIZE`] (9 pt).
//! * Lines are [`LINE_HEIGHT`] × the font size apart (11 pt text: 13.75 pt a line). The first
//!   line's baseline is `top + padding + size × (LINE_HEIGHT − 0.25)` (a quarter of the size
//!   is left below it for descenders), each next line one line height lower.
//! * A node box has [`NODE_PADDING_X`] / [`NODE_PADDING_Y`] inside it; an edge label box has
//!   [`EDGE_LABEL_PADDING`] on every side. Text starts at the box's left plus its padding.

use chrono::{DateTime, TimeZone as _};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::model::AccountOwner;
use crate::validate::crypto::Network;

/// Font size of a node's label (its name), in points.
pub const LABEL_FONT_SIZE: f64 = 11.0;
/// Font size of a node's detail line (institution · number), in points.
pub const DETAIL_FONT_SIZE: f64 = 9.0;
/// Font size of an edge's lines (date · amount), in points.
pub const EDGE_FONT_SIZE: f64 = 9.0;
/// Distance between two lines' baselines, as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.25;
/// Space between a node box's side and its text, in points.
pub const NODE_PADDING_X: f64 = 8.0;
/// Space between a node box's top (and bottom) and its text, in points.
pub const NODE_PADDING_Y: f64 = 6.0;
/// Space around an edge label's text inside its box, in points.
pub const EDGE_LABEL_PADDING: f64 = 2.0;

/// Whose an account is, in the words every picture prints in its box.
pub fn owner_words(owner: AccountOwner) -> &'static str {
    match owner {
        AccountOwner::Victim => "Victim's own",
        AccountOwner::Scammer => "Scammers'",
        AccountOwner::Unknown => "Not known",
    }
}

/// The first line of a node's box: whose it is, and whether it is an exchange deposit address.
pub fn whose(owner: AccountOwner, exchange_deposit: bool) -> String {
    if exchange_deposit {
        format!("{} · exchange deposit", owner_words(owner))
    } else {
        owner_words(owner).to_string()
    }
}

/// How wide `text` is drawn at `size` points, in points: Helvetica's widths rounded up per
/// class of character, plus 5 %, so the estimate errs wide and the text fits its box in the
/// window and in the PDF.
pub fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    ems * size * 1.05
}

/// A character's advance in ems (Helvetica regular rounded up; wide for what it does not know).
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '\'' | '|' | '!' | 'I' => 0.3,
        '.' | ',' | ':' | ';' | ' ' | '·' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' => 0.9,
        'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' => 0.74,
        'a'..='z' | '0'..='9' | '+' | '=' | '#' | '$' | '*' | '_' | '?' | '&' => 0.6,
        '…' | '—' | '€' | '£' => 1.0,
        c if c.is_ascii() => 0.6,
        // CJK and other wide scripts take a whole em; everything else a generous 0.75.
        c if (c as u32) >= 0x1100 => 1.0,
        _ => 0.75,
    }
}

/// `text` cut to at most `max_width` points at `size`, with `…` at the end when cut.
pub fn fit(text: &str, size: f64, max_width: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = text_width("…", size);
    for c in text.chars() {
        let w = char_em(c) * size * 1.05;
        if width + w > max_width {
            break;
        }
        width += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// A long number shortened in the middle: `GB29 NWBK … 9268 19`, `TR7NHq…Lj6t` (short ones as
/// they are).
pub fn short_number(number: &str) -> String {
    let chars: Vec<char> = number.trim().chars().collect();
    if chars.len() <= 16 {
        return chars.into_iter().collect();
    }
    let spaced = chars.contains(&' ');
    let (head, tail) = if spaced { (9, 7) } else { (6, 4) };
    let a: String = chars[..head].iter().collect();
    let b: String = chars[chars.len() - tail..].iter().collect();
    if spaced {
        format!("{} … {}", a.trim_end(), b.trim_start())
    } else {
        format!("{a}…{b}")
    }
}

/// An exact amount as people read it: thousands separated by commas, every digit kept; a
/// currency (not a crypto asset) shows at least two decimals (`2,500.00`).
pub fn amount(value: &str, currency: &str) -> String {
    let value = value.trim();
    let (sign, digits) = match value.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", value),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return value.to_string();
    }
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut fraction = fraction.to_string();
    if !crate::validate::crypto::is_crypto_code(currency) {
        while fraction.len() < 2 {
            fraction.push('0');
        }
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// "2,500.00 GBP", "36,750 USDT (TRON)".
pub fn money(value: &str, currency: &str, network: Option<Network>) -> String {
    let net = network
        .map(|n| format!(" ({})", n.label()))
        .unwrap_or_default();
    format!("{} {currency}{net}", amount(value, currency))
}

/// A decimal written with every digit (no exponent, no rounding).
pub fn decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A UTC time in the case's zone.
pub fn local(utc: &str, zone: &str) -> Option<DateTime<Tz>> {
    let tz: Tz = zone.parse().unwrap_or(Tz::UTC);
    DateTime::parse_from_rfc3339(utc)
        .ok()
        .map(|t| tz.from_utc_datetime(&t.naive_utc()))
}

/// "14 Mar 2026" in the case's zone (the UTC text itself when it cannot be read).
pub fn day(utc: &str, zone: &str) -> String {
    local(utc, zone).map_or_else(|| utc.to_string(), |t| t.format("%-d %b %Y").to_string())
}

/// "March 2026" in the case's zone.
pub fn month(utc: &str, zone: &str) -> String {
    local(utc, zone).map_or_else(|| utc.to_string(), |t| t.format("%B %Y").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_every_digit_and_group_thousands() {
        assert_eq!(amount("2500", "GBP"), "2,500.00");
        assert_eq!(amount("2500.5", "GBP"), "2,500.50");
        assert_eq!(amount("1234567.891", "EUR"), "1,234,567.891");
        assert_eq!(amount("36750", "USDT"), "36,750");
        assert_eq!(
            amount("0.000000000000000001", "ETH"),
            "0.000000000000000001"
        );
        assert_eq!(amount("999", "USD"), "999.00");
        assert_eq!(
            money("15000", "USDT", Some(Network::Tron)),
            "15,000 USDT (TRON)"
        );
    }

    #[test]
    fn dates_are_in_the_case_zone() {
        assert_eq!(day("2026-03-14T23:30:00Z", "Europe/London"), "14 Mar 2026");
        assert_eq!(day("2026-03-14T23:30:00Z", "Asia/Hong_Kong"), "15 Mar 2026");
        assert_eq!(month("2026-03-31T23:30:00Z", "Asia/Tokyo"), "April 2026");
    }

    #[test]
    fn numbers_are_shortened_in_the_middle_and_texts_fit() {
        assert_eq!(
            short_number("GB29 NWBK 6016 1331 9268 19"),
            "GB29 NWBK … 9268 19"
        );
        assert_eq!(
            short_number("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
            "TR7NHq…Lj6t"
        );
        assert_eq!(short_number("12345678"), "12345678");
        let long = "A very long account name that goes on and on and on";
        let cut = fit(long, 11.0, 120.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 11.0) <= 120.0,
            "{cut}"
        );
        assert_eq!(fit("Binance", 11.0, 120.0), "Binance");
        // Errs wide: "MMMM" at 10 pt is drawn 33.3 pt wide in Helvetica.
        assert!(text_width("MMMM", 10.0) >= 33.4);
        // Helvetica draws this line 114.6 pt wide at 9 pt.
        assert!(text_width("14 Mar 2026 · 2,500.00 GBP", 9.0) >= 114.6);
    }
}
