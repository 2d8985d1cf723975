//! Candidates found in message text: the scammer's wallet addresses, transaction hashes, IBANs,
//! phone numbers, e-mail addresses, links, Telegram usernames, WhatsApp links and payment
//! requests ("send 5,000 USDT to T…"). These are only *suggestions*: the person accepts each
//! one; nothing is added to the case here.
//!
//! Checks are the validators' own (`validate::crypto`, `validate::bank`,
//! `validate::identifier`), never re-written here:
//! - a wallet is suggested only when it validates for its network (checksum included); one
//!   with a wrong checksum is *not* suggested, since it is most likely not an address at all
//!   (the person can still add a mistyped one by hand, where the warning explains it);
//! - an IBAN only when its mod-97 check digits are right; a phone only when it starts with `+`
//!   or `00` and is a number in use in its country;
//! - bare domains only with a known-looking ending (`.com`, `.pro`, `.vip`, …), so `file.jpg`
//!   or `e.g.` are not taken for websites.
//!
//! Overlaps: a wallet or transaction hash inside a link is reported as itself *and* the link
//! stays; anything else inside a link or e-mail address (its domain, a phone in a `wa.me` link)
//! is not reported again. A 64-digit hash is never also an Ethereum address.
//!
//! Cost: regexes are compiled once; only the first [`MAX_TEXT_CHARS`] characters of a message
//! are looked at, each kind of candidate is checked at most [`MAX_CHECKS`] times (phones
//! [`MAX_PHONE_CHECKS`]), and at most
//! [`MAX_SUGGESTIONS`] are returned, so the time stays linear in the text.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{IdentifierKind, Network};
use crate::validate::{bank, crypto, identifier};

/// Characters of a message looked at.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Most candidates of one kind checked per message.
pub const MAX_CHECKS: usize = 1_000;
/// Most phone numbers checked per message (the phone-number library is the slow check).
pub const MAX_PHONE_CHECKS: usize = 200;
/// Most suggestions returned per message.
pub const MAX_SUGGESTIONS: usize = 500;

/// Something in a message worth adding to the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    /// The text as written in the message.
    pub value: String,
    /// Byte offsets of `value` in the message (`text[start..end] == value`).
    pub start: usize,
    pub end: usize,
    /// What was found, in words: "TRON address", "valid IBAN (GB)", "+447700900123", …
    pub detail: String,
}

/// What a suggestion is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestionKind {
    /// A wallet address that validates for `network` (an Ethereum-style address is reported
    /// as Ethereum; the same address exists on BNB Smart Chain, Polygon, Arbitrum).
    Wallet {
        network: Network,
    },
    /// A transaction hash (64 hex digits, with `0x` on Ethereum-style networks) or a Solana
    /// transaction signature.
    TxHash,
    Iban,
    /// A phone number written with its country code (`+44 …`, `0044 …`).
    Phone,
    Email,
    /// A web link (`https://…`, `www.…`).
    Url,
    /// A bare domain (`btc-gx.pro`).
    Domain,
    /// `@name` or a `t.me/name` link.
    TelegramHandle,
    /// A `wa.me/…`, `api.whatsapp.com/send?phone=…` or `chat.whatsapp.com/…` link.
    WhatsAppLink,
    /// A request or report of a payment: an amount and an asset near "send", "pay",
    /// "deposit", "transfer", "fee", ….
    Transfer {
        /// The amount as a plain decimal ("5000", "1500.5"); `None` when the way it is
        /// written can be read two ways (`5.000` may be 5 or 5000) — the detail says so.
        amount: Option<String>,
        /// "USDT", "EUR", … (`$` is read as USD, and the detail says so).
        asset: String,
        /// The wallet, IBAN, phone, e-mail or username the money is to go to, when the
        /// message names one right after the amount.
        to: Option<String>,
    },
}

impl SuggestionKind {
    /// Order among suggestions starting at the same place.
    fn rank(&self) -> u8 {
        match self {
            SuggestionKind::Transfer { .. } => 0,
            SuggestionKind::Url | SuggestionKind::WhatsAppLink => 1,
            SuggestionKind::TelegramHandle => 2,
            SuggestionKind::Email => 3,
            SuggestionKind::Wallet { .. } | SuggestionKind::TxHash => 4,
            SuggestionKind::Iban => 5,
            SuggestionKind::Phone => 6,
            SuggestionKind::Domain => 7,
        }
    }
}

/// Characters a link may contain (anything but spaces, quotes and brackets).
const LINK_CHARS: &str = r#"[^\s<>"'`{}|\\^\[\]]"#;

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?-u:\b)(?:(?:https?|hxxps?)://|www\.|(?:t\.me|telegram\.me|wa\.me|chat\.whatsapp\.com|api\.whatsapp\.com)/){LINK_CHARS}{{1,2000}}"
    ))
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}(?-u:\b)",
    )
});
static TX_HEX: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?-u:\b)(?:0[xX])?[0-9a-fA-F]{64}(?-u:\b)"));
static EVM: LazyLock<Regex> = LazyLock::new(|| regex(r"(?-u:\b)0[xX][0-9a-fA-F]{40}(?-u:\b)"));
/// TRON, Bitcoin legacy and Solana addresses, and Solana signatures (86–88 characters).
static BASE58: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?-u:\b)[1-9A-HJ-NP-Za-km-z]{25,88}(?-u:\b)"));
static BECH32: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(?-u:\b)bc1[02-9ac-hj-np-z]{8,87}(?-u:\b)"));
/// Upper-case, grouped by spaces or not; trailing words are trimmed off while checking.
static IBAN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?-u:\b)[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?-u:\b)"));
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:\+|(?-u:\b)00)[1-9](?:[ .\-()\u{A0}]{0,2}[0-9]){6,16}(?-u:\b)"));
static HANDLE: LazyLock<Regex> = LazyLock::new(|| regex(r"@[A-Za-z][A-Za-z0-9_]{4,31}"));
/// Endings of bare domains: common ones and those scam sites use, leaving out endings that
/// are also English words or file extensions (`.in`, `.it`, `.me`, `.md`, `.zip`, …).
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    const TLDS: &str = "com|net|org|info|biz|io|co|app|pro|vip|xyz|top|online|site|store|shop|club|live|world|life|tech|space|website|cc|tv|ai|uk|ca|au|nz|de|fr|es|nl|ch|se|dk|fi|ie|pt|ru|ua|cn|hk|sg|th|vn|jp|kr|tw|pk|ng|za|br|mx|ar|ae|sa|eu|asia|exchange|trade|trading|market|markets|finance|financial|capital|fund|investments|invest|ltd|limited|group|global|network|digital|cloud|icu|cyou|buzz|bond|cfd|sbs|gg|ly";
    regex(&format!(
        r"(?i)(?-u:\b)(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.){{1,8}}(?:{TLDS})(?-u:\b)"
    ))
});

/// An amount: grouped in thousands by `,` `.` space or `'`, with optional decimals; or plain.
const AMOUNT: &str = r"(?:[0-9]{1,3}(?:(?:,[0-9]{3})+|(?:\.[0-9]{3})+|(?:[ \u{A0}\u{202F}'’][0-9]{3})+)(?:[.,][0-9]{1,8})?|[0-9]{1,30}(?:[.,][0-9]{1,8})?)";
/// Currency codes read in any case (crypto tickers, and ISO codes that are not words).
const ASSET_ANY_CASE: &str = r"usdt|usdc|busd|btc|eth|trx|bnb|sol|usd|eur|gbp|hkd|sgd|aud|cad|chf|jpy|cny|rmb|inr|myr|thb|php|idr|krw|twd|nzd|aed|dollars?|euros?|bucks";

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    let iso = crate::validate::currency_codes().join("|");
    let asset = format!(r"(?:(?i:{ASSET_ANY_CASE})|{iso})(?-u:\b)");
    regex(&format!(
        r"(?:(?P<s1>[$€£])\s?(?P<a1>{AMOUNT})(?P<k1>[kK])?(?-u:\b)|(?-u:\b)(?P<c2>{asset})\s?(?P<a2>{AMOUNT})(?P<k2>[kK])?(?-u:\b)|(?P<a3>{AMOUNT})(?P<k3>[kK])?\s?(?:(?P<s3>[$€£])|(?P<c3>{asset})))"
    ))
});
static PAY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(?:send|sending|sent|transfer|transferred|transferring|deposit|deposited|pay|paying|paid|top[ -]?up|recharge|invest|wire|fee|tax)(?-u:\b)",
    )
});

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this file, checked by every test run.
    Regex::new(pattern).expect("suggestion pattern compiles")
}

/// The suggestions found in one message's text, sorted by where they start.
pub fn suggestions(text: &str) -> Vec<Suggestion> {
    let end = text
        .char_indices()
        .nth(MAX_TEXT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let text = &text[..end];

    // Links and e-mail addresses: the longest first at each place, never overlapping.
    let mut links = find_links(text);
    links.extend(find_emails(text));
    links.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut link_spans = Spans::default();
    links.retain(|s| link_spans.insert(s.start, s.end));

    // Single tokens: by strength of their check, never overlapping each other; inside a link
    // only wallets and hashes stay.
    let mut tokens = Vec::new();
    tokens.extend(find_hashes_and_wallets(text));
    tokens.extend(find_ibans(text));
    tokens.extend(find_phones(text));
    tokens.extend(find_handles(text));
    tokens.extend(find_domains(text));
    tokens.sort_by_key(|s| (s.kind.rank(), s.start));
    let mut token_spans = Spans::default();
    tokens.retain(|s| {
        let keep_in_link = matches!(
            s.kind,
            SuggestionKind::Wallet { .. } | SuggestionKind::TxHash
        );
        (keep_in_link || !link_spans.overlaps(s.start, s.end)) && token_spans.insert(s.start, s.end)
    });

    let mut targets: Vec<&Suggestion> = tokens
        .iter()
        .chain(links.iter().filter(|s| s.kind == SuggestionKind::Email))
        .collect();
    targets.sort_by_key(|s| s.start);
    let transfers = find_transfers(text, &targets);

    let mut all: Vec<Suggestion> = links.into_iter().chain(tokens).chain(transfers).collect();
    all.sort_by_key(|s| (s.start, s.kind.rank(), s.end));
    all.truncate(MAX_SUGGESTIONS);
    all
}

/// Disjoint byte ranges accepted so far.
#[derive(Default)]
struct Spans(BTreeMap<usize, usize>);

impl Spans {
    fn overlaps(&self, start: usize, end: usize) -> bool {
        // Disjoint ranges sorted by start are sorted by end too: only the last one starting
        // before `end` can reach past `start`.
        self.0
            .range(..end.max(start + 1))
            .next_back()
            .is_some_and(|(_, &e)| e > start)
    }

    /// Adds the range unless it overlaps one already there.
    fn insert(&mut self, start: usize, end: usize) -> bool {
        if self.overlaps(start, end) {
            return false;
        }
        self.0.insert(start, end);
        true
    }
}

fn suggestion(
    text: &str,
    start: usize,
    end: usize,
    kind: SuggestionKind,
    detail: String,
) -> Suggestion {
    Suggestion {
        kind,
        value: text[start..end].to_string(),
        start,
        end,
        detail,
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn find_links(text: &str) -> Vec<Suggestion> {
    let mut found = Vec::new();
    for m in LINK.find_iter(text).take(MAX_CHECKS) {
        let end = m.start() + trim_link_end(m.as_str());
        let raw = &text[m.start()..end];
        if let Some((kind, detail)) = classify_link(raw) {
            found.push(suggestion(text, m.start(), end, kind, detail));
        }
    }
    found
}

/// Length of a link without the punctuation that ends the sentence around it.
fn trim_link_end(link: &str) -> usize {
    let mut s = link;
    loop {
        let trimmed = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '…', '\'', '"']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == s.len() {
            return s.len();
        }
        s = trimmed;
    }
}

/// What a link is: a Telegram username, a WhatsApp link or a web link (with its host).
fn classify_link(raw: &str) -> Option<(SuggestionKind, String)> {
    let lower = raw.to_ascii_lowercase();
    let rest = match lower.split_once("://") {
        Some((_, rest)) => &raw[raw.len() - rest.len()..],
        None => raw,
    };
    let url = url::Url::parse(&format!("https://{rest}")).ok()?;
    let mut host = url.host_str()?.to_ascii_lowercase();
    while let Some(bare) = host.strip_prefix("www.").filter(|b| b.contains('.')) {
        host = bare.to_string();
    }
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return None;
    }
    let mut segments = url
        .path_segments()
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty());
    let first = segments.next().unwrap_or_default();
    match host.as_str() {
        "t.me" | "telegram.me" | "telegram.dog" => {
            let name = if first == "s" {
                segments.next().unwrap_or_default()
            } else {
                first
            };
            if is_telegram_name(name) {
                return Some((SuggestionKind::TelegramHandle, format!("Telegram @{name}")));
            }
            let what = if first == "joinchat" || first.starts_with('+') || first.starts_with("%2B")
            {
                "Telegram invite link"
            } else {
                "Telegram link"
            };
            Some((SuggestionKind::Url, what.to_string()))
        }
        "wa.me" | "api.whatsapp.com" | "whatsapp.com" | "chat.whatsapp.com" => {
            let number = if host == "wa.me" {
                Some(first.to_string())
            } else {
                url.query_pairs()
                    .find(|(k, _)| k == "phone")
                    .map(|(_, v)| v.into_owned())
            };
            let detail = match number.filter(|n| {
                let digits = n.trim_start_matches('+');
                (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
            }) {
                Some(n) => match checked_phone(&format!("+{}", n.trim_start_matches('+'))) {
                    Some(e164) => format!("WhatsApp {e164}"),
                    None => format!(
                        "WhatsApp +{} (not a number in use; check it)",
                        n.trim_start_matches('+')
                    ),
                },
                None if host == "chat.whatsapp.com" => "WhatsApp group invite link".to_string(),
                None => "WhatsApp link".to_string(),
            };
            Some((SuggestionKind::WhatsAppLink, detail))
        }
        _ => Some((SuggestionKind::Url, host)),
    }
}

/// A Telegram username: 5–32 letters, digits or `_`, starting with a letter.
fn is_telegram_name(name: &str) -> bool {
    let b = name.as_bytes();
    (5..=32).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

fn find_emails(text: &str) -> Vec<Suggestion> {
    EMAIL
        .find_iter(text)
        .take(MAX_CHECKS)
        .filter(|m| char_before(text, m.start()) != Some('@'))
        .filter_map(|m| {
            let n = identifier::normalize(IdentifierKind::Email, m.as_str(), None).ok()?;
            n.warnings
                .is_empty()
                .then(|| suggestion(text, m.start(), m.end(), SuggestionKind::Email, n.display))
        })
        .collect()
}

fn find_hashes_and_wallets(text: &str) -> Vec<Suggestion> {
    let mut found = Vec::new();
    for m in TX_HEX.find_iter(text).take(MAX_CHECKS) {
        let detail = if m.as_str().len() == 66 {
            "transaction hash (Ethereum-style network)"
        } else {
            "transaction hash (Bitcoin or TRON)"
        };
        found.push(suggestion(
            text,
            m.start(),
            m.end(),
            SuggestionKind::TxHash,
            detail.into(),
        ));
    }
    for m in EVM.find_iter(text).take(MAX_CHECKS) {
        if crypto::check_address(Network::Ethereum, m.as_str())
            .warnings
            .is_empty()
        {
            found.push(suggestion(
                text,
                m.start(),
                m.end(),
                SuggestionKind::Wallet {
                    network: Network::Ethereum,
                },
                "Ethereum-style address (the same on BNB Smart Chain, Polygon and Arbitrum): choose the network".into(),
            ));
        }
    }
    for m in BECH32.find_iter(text).take(MAX_CHECKS) {
        if crypto::check_address(Network::Bitcoin, m.as_str())
            .warnings
            .is_empty()
        {
            found.push(wallet(text, m.start(), m.end(), Network::Bitcoin));
        }
    }
    for m in BASE58.find_iter(text).take(MAX_CHECKS) {
        let a = m.as_str();
        if a.len() >= 86 {
            if crypto::check_tx_hash(Network::Solana, a).is_none() {
                found.push(suggestion(
                    text,
                    m.start(),
                    m.end(),
                    SuggestionKind::TxHash,
                    "Solana transaction signature".into(),
                ));
            }
            continue;
        }
        let network = match crypto::detect_family(a) {
            Some(crypto::AddressFamily::Tron) => Network::Tron,
            Some(crypto::AddressFamily::Bitcoin) => Network::Bitcoin,
            Some(crypto::AddressFamily::Solana) => Network::Solana,
            _ => continue,
        };
        if crypto::check_address(network, a).warnings.is_empty() {
            found.push(wallet(text, m.start(), m.end(), network));
        }
    }
    found
}

fn wallet(text: &str, start: usize, end: usize, network: Network) -> Suggestion {
    let detail = match network {
        Network::Solana => {
            "Solana address (it has no checksum: compare it with the original)".to_string()
        }
        _ => format!("{} address", network.label()),
    };
    suggestion(text, start, end, SuggestionKind::Wallet { network }, detail)
}

fn find_ibans(text: &str) -> Vec<Suggestion> {
    let mut found = Vec::new();
    for m in IBAN.find_iter(text).take(MAX_CHECKS) {
        // Words after a spaced IBAN ("… 7654 32 SEND") can be taken in: drop them one at a time.
        let mut candidate = m.as_str();
        loop {
            let check = bank::check_account(candidate);
            if check.is_iban && check.warnings.is_empty() {
                let country = &check.normalized[..2];
                found.push(suggestion(
                    text,
                    m.start(),
                    m.start() + candidate.len(),
                    SuggestionKind::Iban,
                    format!("valid IBAN ({country})"),
                ));
                break;
            }
            match candidate.rfind(' ') {
                Some(cut) if candidate[..cut].len() >= 15 => candidate = &candidate[..cut],
                _ => break,
            }
        }
    }
    found
}

/// The E.164 form of a number in use, or `None`.
fn checked_phone(raw: &str) -> Option<String> {
    let n = identifier::normalize(IdentifierKind::Phone, raw, None).ok()?;
    n.warnings.is_empty().then_some(n.display)
}

/// The E.164 form of a number that is well formed for its country code but not one in use
/// (such as the UK's drama numbers +44 7700 900xxx), or `None`.
fn parsed_phone(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let digits = if raw.trim_start().starts_with('+') {
        digits.as_str()
    } else {
        digits.strip_prefix("00")?
    };
    if !(7..=15).contains(&digits.len()) {
        return None;
    }
    let number = phonenumber::parse(None, format!("+{digits}")).ok()?;
    Some(number.format().mode(phonenumber::Mode::E164).to_string())
}

fn find_phones(text: &str) -> Vec<Suggestion> {
    let mut found = Vec::new();
    let mut checks = 0;
    for m in PHONE.find_iter(text) {
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric()) {
            continue; // "5+1234567", "ab0044…": not a number on its own.
        }
        // Digits after the number ("+44 7911 123456 2026") can be taken in: drop groups
        // until it is a number in use; failing that, the longest well-formed one, flagged.
        let mut candidate = m.as_str();
        let mut well_formed: Option<(usize, String)> = None;
        let mut chosen = None;
        loop {
            checks += 1;
            if checks > MAX_PHONE_CHECKS {
                return found;
            }
            if let Some(e164) = checked_phone(candidate) {
                chosen = Some((candidate.len(), e164));
                break;
            }
            if well_formed.is_none() {
                well_formed = parsed_phone(candidate).map(|e164| {
                    (
                        candidate.len(),
                        format!("{e164} (not a number in use in that country: check the digits)"),
                    )
                });
            }
            match candidate.rfind(|c: char| !c.is_ascii_digit()) {
                Some(cut) if candidate[..cut].bytes().filter(u8::is_ascii_digit).count() >= 7 => {
                    candidate = candidate[..cut].trim_end_matches([' ', '.', '-', '(', '\u{A0}']);
                }
                _ => break,
            }
        }
        if let Some((len, detail)) = chosen.or(well_formed) {
            found.push(suggestion(
                text,
                m.start(),
                m.start() + len,
                SuggestionKind::Phone,
                detail,
            ));
        }
    }
    found
}

fn find_handles(text: &str) -> Vec<Suggestion> {
    HANDLE
        .find_iter(text)
        .take(MAX_CHECKS)
        .filter(|m| {
            let before_ok = char_before(text, m.start())
                .is_none_or(|c| !(c.is_alphanumeric() || "_.+-@/".contains(c)));
            let after = &text[m.end()..];
            let mut next = after.chars();
            let after_ok = match next.next() {
                None => true,
                Some(c) if c.is_alphanumeric() || c == '_' => false,
                // "@gmail.com": a domain, not a username.
                Some('.') => !next.next().is_some_and(char::is_alphanumeric),
                Some(_) => true,
            };
            before_ok && after_ok
        })
        .map(|m| {
            let name = &m.as_str()[1..];
            suggestion(
                text,
                m.start(),
                m.end(),
                SuggestionKind::TelegramHandle,
                format!("username @{name} (Telegram, or the same name on another app)"),
            )
        })
        .collect()
}

fn find_domains(text: &str) -> Vec<Suggestion> {
    DOMAIN
        .find_iter(text)
        .take(MAX_CHECKS)
        .filter(|m| {
            let before_ok = char_before(text, m.start()).is_none_or(|c| !"@./\\-_".contains(c));
            let after_ok = char_after(text, m.end())
                .is_none_or(|c| !(c.is_alphanumeric() || c == '@' || c == '_'));
            before_ok && after_ok
        })
        .map(|m| {
            let host = m.as_str().to_ascii_lowercase();
            suggestion(text, m.start(), m.end(), SuggestionKind::Domain, host)
        })
        .collect()
}

/// The last character boundary at or before `at`.
fn boundary_before(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A sentence ends between two places ("Send it. 5000 USDT is …" is not one request).
fn sentence_break(between: &str) -> bool {
    between.contains(['\n', '!', '?']) || between.contains(". ")
}

/// How far before the amount a request word may be, and after it the recipient (bytes).
const PHRASE_REACH: usize = 60;

fn find_transfers(text: &str, targets: &[&Suggestion]) -> Vec<Suggestion> {
    let mut found = Vec::new();
    for c in MONEY.captures_iter(text).take(MAX_CHECKS) {
        let Some(whole) = c.get(0) else { continue };
        let (amount, k, symbol, code) = if let Some(a) = c.name("a1") {
            (a, c.name("k1"), c.name("s1"), None)
        } else if let Some(a) = c.name("a2") {
            (a, c.name("k2"), None, c.name("c2"))
        } else if let Some(a) = c.name("a3") {
            (a, c.name("k3"), c.name("s3"), c.name("c3"))
        } else {
            continue;
        };
        // The amount must start a number ("1,23,456" is not read from its middle).
        if char_before(text, amount.start()).is_some_and(|ch| {
            ch.is_alphanumeric()
                || ((ch == ',' || ch == '.')
                    && amount.start() >= 2
                    && text.as_bytes()[amount.start() - 2].is_ascii_digit())
        }) {
            continue;
        }
        let window_start = boundary_before(text, whole.start().saturating_sub(PHRASE_REACH));
        let window = &text[window_start..whole.start()];
        let Some(word) = PAY_WORD
            .find_iter(window)
            .filter(|w| !sentence_break(&window[w.end()..]))
            .last()
        else {
            continue;
        };
        let start = window_start + word.start();

        let (asset, asset_note) = asset_of(symbol.map(|m| m.as_str()), code.map(|m| m.as_str()));
        let written = amount.as_str();
        let (amount_value, amount_note) = match read_amount(written, k.is_some()) {
            Ok(v) => (Some(v), None),
            Err(note) => (None, Some(note)),
        };

        let first_after = targets.partition_point(|t| t.start < whole.end());
        let to = targets[first_after..].iter().find(|t| {
            t.start - whole.end() > PHRASE_REACH
                || (!sentence_break(&text[whole.end()..t.start])
                    && !matches!(t.kind, SuggestionKind::Domain | SuggestionKind::TxHash))
        });
        // Targets are sorted by start: stop at the first one out of reach.
        let to = to.filter(|t| t.start - whole.end() <= PHRASE_REACH);
        let end = to.map_or(whole.end(), |t| t.end);

        let mut detail = match &amount_value {
            Some(v) => format!("{v} {asset}"),
            None => format!("? {asset}"),
        };
        if let Some(t) = to {
            detail.push_str(&format!(" to {}", t.value));
        }
        for note in [amount_note, asset_note].into_iter().flatten() {
            detail.push_str("; ");
            detail.push_str(&note);
        }
        found.push(suggestion(
            text,
            start,
            end,
            SuggestionKind::Transfer {
                amount: amount_value,
                asset,
                to: to.map(|t| t.value.clone()),
            },
            detail,
        ));
    }
    found
}

/// The asset code for a symbol or a code as written, and a note when it is a reading.
fn asset_of(symbol: Option<&str>, code: Option<&str>) -> (String, Option<String>) {
    let dollars = || {
        (
            "USD".to_string(),
            Some("read as US dollars: check the currency".to_string()),
        )
    };
    match (symbol, code.map(str::to_ascii_lowercase).as_deref()) {
        (Some("€"), _) | (_, Some("euro" | "euros")) => ("EUR".into(), None),
        (Some("£"), _) => ("GBP".into(), None),
        (Some(_), _) | (_, Some("dollar" | "dollars" | "bucks")) => dollars(),
        (_, Some("rmb")) => ("CNY".into(), None),
        (_, Some(c)) => (c.to_ascii_uppercase(), None),
        (None, None) => (String::new(), None),
    }
}

/// The amount as a plain decimal ("5000", "1500.5"), or why it cannot be read for sure.
/// `5.000` and `5,000` (one separator, three digits after) can be 5 or 5000 and are not
/// guessed; `0.500` can only be a half. With a `k` suffix the amount is in thousands.
fn read_amount(written: &str, thousands: bool) -> Result<String, String> {
    let digits_only: String = written
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\'' | '’'))
        .collect();
    let dots = digits_only.matches('.').count();
    let commas = digits_only.matches(',').count();
    let unclear = || {
        let as_grouping = digits_only.replace([',', '.'], "");
        let as_decimal = digits_only.replace(',', ".");
        Err(format!(
            "amount unclear: {written} may be {} or {}",
            plain(&as_decimal, thousands),
            plain(&as_grouping, thousands)
        ))
    };
    let (int_part, frac_part) = match (dots, commas) {
        (0, 0) => (digits_only.clone(), String::new()),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let (head, tail) = digits_only.rsplit_once(sep).unwrap_or((&digits_only, ""));
            if count > 1 {
                // Only thousands groups may repeat a separator: "5.000.000", not "1.234.56".
                if digits_only.split(sep).skip(1).any(|g| g.len() != 3) {
                    return Err(format!("amount unclear: {written}"));
                }
                (digits_only.replace(sep, ""), String::new())
            } else if tail.len() == 3 && head != "0" {
                return unclear();
            } else {
                (head.to_string(), tail.to_string())
            }
        }
        _ => {
            let last = digits_only.rfind(['.', ',']).unwrap_or(digits_only.len());
            let decimal = digits_only[last..].chars().next().unwrap_or('.');
            if digits_only.matches(decimal).count() > 1 {
                return Err(format!("amount unclear: {written}"));
            }
            let grouping = if decimal == '.' { ',' } else { '.' };
            (
                digits_only[..last].replace(grouping, ""),
                digits_only[last + 1..].to_string(),
            )
        }
    };
    if int_part.len() > 28 {
        return Err(format!(
            "amount unclear: {written} is too long to be an amount"
        ));
    }
    Ok(plain(&format!("{int_part}.{frac_part}"), thousands))
}

/// `"0050.500"` → `"50.5"`; with `thousands`, times 1000. Input: digits with at most one `.`.
fn plain(number: &str, thousands: bool) -> String {
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    let (mut int_part, mut frac_part) = (int_part.to_string(), frac_part.to_string());
    if thousands {
        let moved: String = frac_part.chars().take(3).collect();
        frac_part = frac_part.chars().skip(3).collect();
        int_part.push_str(&format!("{moved:0<3}"));
    }
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    match (int_part.is_empty(), frac_part.is_empty()) {
        (true, true) => "0".to_string(),
        (true, false) => format!("0.{frac_part}"),
        (false, true) => int_part.to_string(),
        (false, false) => format!("{int_part}.{frac_part}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRON: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    const ETH: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const BTC: &str = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";

    /// A TRON address made here from 20 bytes, with its base58check checksum.
    fn tron_address(body: [u8; 20]) -> String {
        let mut payload = vec![0x41];
        payload.extend(body);
        bs58::encode(payload).with_check().into_string()
    }

    /// (kind, value, detail) of each suggestion, checking the offsets on the way.
    fn found(text: &str) -> Vec<(SuggestionKind, String, String)> {
        let s = suggestions(text);
        for x in &s {
            assert_eq!(&text[x.start..x.end], x.value, "offsets of {x:?}");
        }
        assert!(
            s.windows(2).all(|w| w[0].start <= w[1].start),
            "not sorted: {s:?}"
        );
        s.into_iter().map(|x| (x.kind, x.value, x.detail)).collect()
    }

    fn kinds_and_values(text: &str) -> Vec<(SuggestionKind, String)> {
        found(text).into_iter().map(|(k, v, _)| (k, v)).collect()
    }

    fn wallet(network: Network) -> SuggestionKind {
        SuggestionKind::Wallet { network }
    }

    #[test]
    fn a_scam_chat_gives_its_wallets_accounts_and_contacts() {
        let made = tron_address([7; 20]);
        assert!(crypto::check_address(Network::Tron, &made)
            .warnings
            .is_empty());
        let text = format!("Dear, the platform wallet changed. New USDT (TRC20) address: {made}");
        assert_eq!(
            found(&text),
            [(
                wallet(Network::Tron),
                made.clone(),
                "TRON address".to_string()
            )]
        );

        assert_eq!(
            found(&format!("ERC20 only: {ETH} ok?")),
            [(
                wallet(Network::Ethereum),
                ETH.to_string(),
                "Ethereum-style address (the same on BNB Smart Chain, Polygon and Arbitrum): choose the network".to_string()
            )]
        );
        assert_eq!(
            found(&format!("BTC: {BTC}.")),
            [(
                wallet(Network::Bitcoin),
                BTC.to_string(),
                "Bitcoin address".to_string()
            )]
        );
        assert_eq!(
            found("Pay the tax to my accountant: GB82 WEST 1234 5698 7654 32 (Barclays)"),
            [(
                SuggestionKind::Iban,
                "GB82 WEST 1234 5698 7654 32".to_string(),
                "valid IBAN (GB)".to_string()
            )]
        );
        assert_eq!(
            found("My WhatsApp is +44 7911 123456, or mail anna.lee88@gmail.com"),
            [
                (
                    SuggestionKind::Phone,
                    "+44 7911 123456".to_string(),
                    "+447911123456".to_string()
                ),
                (
                    SuggestionKind::Email,
                    "anna.lee88@gmail.com".to_string(),
                    "anna.lee88@gmail.com".to_string()
                ),
            ]
        );
        assert_eq!(
            found("Register on https://www.BTC-GX.pro/login?ref=88, my mentor t.me/crypto_mentor88 or @crypto_mentor88"),
            [
                (SuggestionKind::Url, "https://www.BTC-GX.pro/login?ref=88".to_string(), "btc-gx.pro".to_string()),
                (SuggestionKind::TelegramHandle, "t.me/crypto_mentor88".to_string(), "Telegram @crypto_mentor88".to_string()),
                (
                    SuggestionKind::TelegramHandle,
                    "@crypto_mentor88".to_string(),
                    "username @crypto_mentor88 (Telegram, or the same name on another app)".to_string()
                ),
            ]
        );
        assert_eq!(
            found("Chat with my assistant wa.me/447911123456 or visit btc-gx.pro"),
            [
                (
                    SuggestionKind::WhatsAppLink,
                    "wa.me/447911123456".to_string(),
                    "WhatsApp +447911123456".to_string()
                ),
                (
                    SuggestionKind::Domain,
                    "btc-gx.pro".to_string(),
                    "btc-gx.pro".to_string()
                ),
            ]
        );
    }

    #[test]
    fn the_uk_drama_number_is_suggested_but_flagged() {
        assert_eq!(
            found("call me +44 7700 900123"),
            [(
                SuggestionKind::Phone,
                "+44 7700 900123".to_string(),
                "+447700900123 (not a number in use in that country: check the digits)".to_string()
            )]
        );
        // Digits after the number are left out; 00 works like +.
        assert_eq!(
            kinds_and_values("+44 7911 123456 2026 / 0044 7911 123456"),
            [
                (SuggestionKind::Phone, "+44 7911 123456".to_string()),
                (SuggestionKind::Phone, "0044 7911 123456".to_string()),
            ]
        );
    }

    #[test]
    fn a_transfer_request_with_its_recipient() {
        let text = format!("Hurry!! send 5,000 USDT to {TRON} before 18:00");
        let s = suggestions(&text);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[0].kind,
            SuggestionKind::Transfer {
                amount: None,
                asset: "USDT".into(),
                to: Some(TRON.into())
            }
        );
        assert_eq!(s[0].value, format!("send 5,000 USDT to {TRON}"));
        assert_eq!(s[0].start, 8);
        assert_eq!(
            s[0].detail,
            format!("? USDT to {TRON}; amount unclear: 5,000 may be 5 or 5000")
        );
        assert_eq!(s[1].kind, wallet(Network::Tron));
        assert_eq!(s[1].start, text.find(TRON).unwrap());

        let transfer = |text: &str| match suggestions(text).into_iter().next() {
            Some(Suggestion {
                kind: SuggestionKind::Transfer { amount, asset, to },
                value,
                detail,
                ..
            }) => (amount, asset, to, value, detail),
            other => panic!("{text}: {other:?}"),
        };
        let (amount, asset, to, value, _) = transfer("Please transfer 1.500,00 EUR today");
        assert_eq!(
            (amount.as_deref(), asset.as_str(), to, value.as_str()),
            (Some("1500"), "EUR", None, "transfer 1.500,00 EUR")
        );
        let (amount, asset, ..) = transfer("you must deposit 2000 usdt to unlock");
        assert_eq!((amount.as_deref(), asset.as_str()), (Some("2000"), "USDT"));
        let (amount, asset, _, _, detail) = transfer("pay $3,000 fee");
        assert_eq!((amount, asset.as_str()), (None, "USD"));
        assert_eq!(
            detail,
            "? USD; amount unclear: 3,000 may be 3 or 3000; read as US dollars: check the currency"
        );
        let (amount, asset, ..) = transfer("the unfreezing fee is 12 500 € only");
        assert_eq!((amount.as_deref(), asset.as_str()), (Some("12500"), "EUR"));
        let (amount, asset, ..) = transfer("I sent 0.500 BTC yesterday");
        assert_eq!((amount.as_deref(), asset.as_str()), (Some("0.5"), "BTC"));
        let (amount, asset, ..) = transfer("top up 1.5k USDC");
        assert_eq!((amount.as_deref(), asset.as_str()), (Some("1500"), "USDC"));
        let (amount, asset, ..) = transfer("Send USDT 250 now");
        assert_eq!((amount.as_deref(), asset.as_str()), (Some("250"), "USDT"));
        // No request word, or one in another sentence: not a transfer.
        assert!(suggestions("My salary is 5000 EUR").is_empty());
        assert!(suggestions("I will not send. 5000 USDT is too much").is_empty());
        // ISO codes that are words count only in capitals.
        assert!(suggestions("pay 2 all of them, send 3 top tips").is_empty());
    }

    #[test]
    fn amounts_are_read_only_when_certain() {
        let ok = |w: &str, k: bool| read_amount(w, k).unwrap();
        assert_eq!(ok("5000", false), "5000");
        assert_eq!(ok("5,000,000", false), "5000000");
        assert_eq!(ok("5.000.000", false), "5000000");
        assert_eq!(ok("1,234.56", false), "1234.56");
        assert_eq!(ok("1.234,56", false), "1234.56");
        assert_eq!(ok("1,5", false), "1.5");
        assert_eq!(ok("1.50", false), "1.5");
        assert_eq!(ok("5'000", false), "5000");
        assert_eq!(ok("0.500", false), "0.5");
        assert_eq!(ok("0050", false), "50");
        assert_eq!(ok("2.5", true), "2500");
        assert_eq!(ok("0.0001", true), "0.1");
        assert_eq!(
            read_amount("5.000", false),
            Err("amount unclear: 5.000 may be 5 or 5000".into())
        );
        assert_eq!(
            read_amount("2,500", true),
            Err("amount unclear: 2,500 may be 2500 or 2500000".into())
        );
        assert!(read_amount(&"9".repeat(29), false).is_err());
        assert_eq!(
            read_amount("1.234.56", false),
            Err("amount unclear: 1.234.56".into())
        );
    }

    #[test]
    fn wrong_checksums_are_not_suggested() {
        let mut bad_tron = TRON.to_string();
        bad_tron.replace_range(10..11, "R");
        assert!(suggestions(&format!("address {bad_tron}")).is_empty());
        assert!(suggestions("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").is_empty());
        assert!(suggestions("GB82 WEST 1234 5698 7654 33").is_empty());
        assert!(suggestions("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5").is_empty());
    }

    #[test]
    fn everyday_text_gives_nothing() {
        for text in [
            "file.jpg",
            "IMG-20260314-WA0003.jpg (file attached)",
            "e.g. the usual i.e. nothing",
            "1234",
            "123456",
            "14/03/2026",
            "09:31",
            "[14/03/2026, 09:31:02] Anna: Good morning dear ❤️",
            "see you at 9 a.m. tomorrow",
            "5+1234567=1234572",
            "Version 1.2.3.4 is out",
            "_chat.txt",
            "My email is @ home",
            "@ann",
            "The project costs 5000 EUR",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn overlaps_are_reported_once() {
        // A wallet inside a link: the link and the wallet.
        let link = format!("https://tronscan.org/#/address/{TRON}");
        let text = format!("check {link}");
        assert_eq!(
            kinds_and_values(&text),
            [
                (SuggestionKind::Url, link.clone()),
                (wallet(Network::Tron), TRON.to_string()),
            ]
        );
        // A transaction hash is not also an Ethereum address.
        let hash = "0xa1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d";
        assert_eq!(
            found(&format!("tx {hash}")),
            [(
                SuggestionKind::TxHash,
                hash.to_string(),
                "transaction hash (Ethereum-style network)".to_string()
            )]
        );
        assert_eq!(
            kinds_and_values(&format!("hash: {}", &hash[2..])),
            [(SuggestionKind::TxHash, hash[2..].to_string())]
        );
        // The "0044 …" inside a German IBAN is not a phone; a domain in an e-mail is not a
        // website; a username in a link is not a handle.
        assert_eq!(
            kinds_and_values("IBAN DE89 3704 0044 0532 0130 00"),
            [(
                SuggestionKind::Iban,
                "DE89 3704 0044 0532 0130 00".to_string()
            )]
        );
        assert_eq!(
            kinds_and_values("support@btc-gx.pro"),
            [(SuggestionKind::Email, "support@btc-gx.pro".to_string())]
        );
        assert_eq!(
            kinds_and_values("(https://medium.com/@crypto_mentor88)."),
            [(
                SuggestionKind::Url,
                "https://medium.com/@crypto_mentor88".to_string()
            )]
        );
    }

    #[test]
    fn offsets_are_byte_offsets_in_text_with_emoji_and_cyrillic() {
        let text = format!("Привет 👋 переведи send 300 USDT → {TRON} 🙏");
        let s = suggestions(&text);
        assert_eq!(s.len(), 2, "{s:?}");
        for x in &s {
            assert_eq!(&text[x.start..x.end], x.value);
        }
        assert_eq!(s[1].start, text.find(TRON).unwrap());
    }

    #[test]
    fn long_text_is_capped() {
        let unit = format!("{TRON} ");
        let text = unit.repeat(MAX_TEXT_CHARS / unit.len() + 100);
        let s = suggestions(&text);
        assert_eq!(s.len(), MAX_SUGGESTIONS);
        assert!(s.iter().all(|x| x.end <= MAX_TEXT_CHARS));
        // A long run of digits after + stays cheap and gives nothing wrong.
        let digits = format!("+{}", "1".repeat(200_000));
        assert!(suggestions(&digits).is_empty());
        let phones = "+44 7911 123456 ".repeat(10_000);
        assert!(suggestions(&phones).len() <= MAX_SUGGESTIONS);
    }

    /// Pseudo-random texts made of the pieces the detectors look for (what the fuzz target
    /// checks, run here on every test): offsets on character boundaries, values as written.
    #[test]
    fn mixed_up_pieces_keep_offsets_right() {
        const PIECES: &[&str] = &[
            "+44",
            " ",
            "00",
            "7911",
            "123456",
            "0x",
            "5aAeb6053F3E94C9",
            "a1075db5",
            "T",
            "R7NH",
            "qjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            ".com",
            ".pro",
            "@",
            "crypto_",
            "send ",
            "pay ",
            "5,000",
            "1.500,00",
            "k",
            " USDT",
            "€",
            "$",
            "é",
            "👋",
            "\n",
            "https://",
            "t.me/",
            "wa.me/",
            "GB82",
            " WEST",
            "1234",
            ". ",
            "(",
            ")",
            "bc1q",
            "w508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "-",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            for x in suggestions(&text) {
                assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
                assert_eq!(&text[x.start..x.end], x.value, "{text:?}");
            }
            state = state.wrapping_add(0x2545_F491_4F6C_DD1D);
        }
    }
}
