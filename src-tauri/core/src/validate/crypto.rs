//! Crypto wallet addresses and transaction hashes: which network an address belongs to, and
//! whether it is well formed. Problems are warnings, never refusals: victims copy addresses from
//! screenshots, and a record with a typo is still evidence worth keeping.

use serde::{Deserialize, Serialize};
use sha3::{Digest, Keccak256};
use specta::Type;

pub use crate::model::Network;

/// Longest text checked as an address or transaction hash (real ones have at most 90 characters).
pub const MAX_ADDRESS_CHARS: usize = 128;

/// How addresses on a network are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressFamily {
    Bitcoin,
    /// Ethereum and the networks that share its address format.
    Evm,
    Tron,
    Solana,
}

impl Network {
    /// The address format used on this network.
    pub fn family(self) -> AddressFamily {
        match self {
            Network::Bitcoin => AddressFamily::Bitcoin,
            Network::Ethereum | Network::Bsc | Network::Polygon | Network::Arbitrum => {
                AddressFamily::Evm
            }
            Network::Tron => AddressFamily::Tron,
            Network::Solana => AddressFamily::Solana,
        }
    }

    /// A public block explorer's page for an address (printed, never opened by Casefile).
    pub fn explorer_address_url(self, address: &str) -> String {
        match self {
            Network::Bitcoin => format!("https://mempool.space/address/{address}"),
            Network::Ethereum => format!("https://etherscan.io/address/{address}"),
            Network::Bsc => format!("https://bscscan.com/address/{address}"),
            Network::Polygon => format!("https://polygonscan.com/address/{address}"),
            Network::Arbitrum => format!("https://arbiscan.io/address/{address}"),
            Network::Tron => format!("https://tronscan.org/#/address/{address}"),
            Network::Solana => format!("https://solscan.io/account/{address}"),
        }
    }
}

impl Network {
    /// A public block explorer's page for a transaction.
    pub fn explorer_tx_url(self, hash: &str) -> String {
        match self {
            Network::Bitcoin => format!("https://mempool.space/tx/{hash}"),
            Network::Ethereum => format!("https://etherscan.io/tx/{hash}"),
            Network::Bsc => format!("https://bscscan.com/tx/{hash}"),
            Network::Polygon => format!("https://polygonscan.com/tx/{hash}"),
            Network::Arbitrum => format!("https://arbiscan.io/tx/{hash}"),
            Network::Tron => format!("https://tronscan.org/#/transaction/{hash}"),
            Network::Solana => format!("https://solscan.io/tx/{hash}"),
        }
    }
}

impl AddressFamily {
    /// How people call this kind of address.
    pub fn label(self) -> &'static str {
        match self {
            AddressFamily::Bitcoin => "a Bitcoin address",
            AddressFamily::Evm => "an Ethereum-style address (0x…)",
            AddressFamily::Tron => "a TRON address",
            AddressFamily::Solana => "a Solana address",
        }
    }
}

/// An asset on a network, as offered in the currency list ("USDT on TRON (TRC-20)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CryptoAsset {
    pub code: String,
    pub network: Network,
    pub label: String,
}

/// The crypto assets Casefile offers, most common in these scams first.
pub fn crypto_assets() -> Vec<CryptoAsset> {
    let list: [(&str, Network, &str); 16] = [
        ("USDT", Network::Tron, "USDT on TRON (TRC-20)"),
        ("USDT", Network::Ethereum, "USDT on Ethereum (ERC-20)"),
        ("USDT", Network::Bsc, "USDT on BNB Smart Chain (BEP-20)"),
        ("USDT", Network::Polygon, "USDT on Polygon"),
        ("USDT", Network::Solana, "USDT on Solana"),
        ("USDC", Network::Ethereum, "USDC on Ethereum (ERC-20)"),
        ("USDC", Network::Solana, "USDC on Solana"),
        ("USDC", Network::Polygon, "USDC on Polygon"),
        ("USDC", Network::Arbitrum, "USDC on Arbitrum"),
        ("BTC", Network::Bitcoin, "Bitcoin (BTC)"),
        ("ETH", Network::Ethereum, "Ether (ETH)"),
        ("ETH", Network::Arbitrum, "Ether on Arbitrum"),
        ("TRX", Network::Tron, "TRON (TRX)"),
        ("BNB", Network::Bsc, "BNB"),
        ("SOL", Network::Solana, "Solana (SOL)"),
        ("POL", Network::Polygon, "Polygon (POL)"),
    ];
    list.into_iter()
        .map(|(code, network, label)| CryptoAsset {
            code: code.into(),
            network,
            label: label.into(),
        })
        .collect()
}

/// Whether `code` is a crypto asset Casefile knows (on any network).
pub fn is_crypto_code(code: &str) -> bool {
    crypto_assets().iter().any(|a| a.code == code)
}

/// What an address check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressCheck {
    /// The address as it should be compared (lower case where case does not matter).
    pub normalized: String,
    /// Plain-language warnings; empty when the address is well formed.
    pub warnings: Vec<String>,
}

/// Which address family an address looks like, from its shape alone.
pub fn detect_family(address: &str) -> Option<AddressFamily> {
    let a = address.trim();
    let lower = a.to_ascii_lowercase();
    if lower.starts_with("0x") && a.len() == 42 {
        return Some(AddressFamily::Evm);
    }
    if lower.starts_with("bc1") {
        return Some(AddressFamily::Bitcoin);
    }
    let base58 = !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() && !"0OIl".contains(c));
    if !base58 {
        return None;
    }
    match (a.chars().next(), a.len()) {
        (Some('T'), 34) => Some(AddressFamily::Tron),
        (Some('1' | '3'), 25..=35) => Some(AddressFamily::Bitcoin),
        (_, 32..=44) => match bs58::decode(a).into_vec() {
            Ok(bytes) if bytes.len() == 32 => Some(AddressFamily::Solana),
            _ => None,
        },
        _ => None,
    }
}

const TYPO: &str = "a character was probably mistyped or misread. Compare it with the original character by character";

/// Checks an address for `network`: its format, its checksum, and that it belongs to that network.
pub fn check_address(network: Network, address: &str) -> AddressCheck {
    let a = address.trim();
    let family = network.family();
    let mut warnings = Vec::new();
    if a.chars().count() > MAX_ADDRESS_CHARS {
        // No address is this long; decoding it would only cost time (base58 is quadratic).
        warnings.push(format!(
            "This is {} characters long; wallet addresses have at most about 90. Check that only the address was copied.",
            a.chars().count()
        ));
        return AddressCheck {
            normalized: a.to_string(),
            warnings,
        };
    }
    if let Some(seen) = detect_family(a) {
        if seen != family {
            warnings.push(format!(
                "This looks like {}, but the network chosen is {}. Check the network: sending on the wrong network is a common reason money cannot be traced or recovered.",
                seen.label(),
                network.label()
            ));
            return AddressCheck {
                normalized: normalize_address(seen, a),
                warnings,
            };
        }
    }
    let problem = match family {
        AddressFamily::Bitcoin => check_bitcoin(a),
        AddressFamily::Evm => check_evm(a),
        AddressFamily::Tron => check_tron(a),
        AddressFamily::Solana => check_solana(a),
    };
    if let Some(p) = problem {
        warnings.push(p);
    }
    AddressCheck {
        normalized: normalize_address(family, a),
        warnings,
    }
}

fn normalize_address(family: AddressFamily, a: &str) -> String {
    match family {
        AddressFamily::Evm => a.to_ascii_lowercase(),
        AddressFamily::Bitcoin if a.to_ascii_lowercase().starts_with("bc1") => {
            a.to_ascii_lowercase()
        }
        _ => a.to_string(),
    }
}

fn check_bitcoin(a: &str) -> Option<String> {
    if a.to_ascii_lowercase().starts_with("bc1") {
        if a != a.to_ascii_lowercase() && a != a.to_ascii_uppercase() {
            return Some("This Bitcoin address mixes upper and lower case, which is never valid; a character was probably misread.".into());
        }
        return match bech32::segwit::decode(a) {
            Ok((hrp, _, _)) if hrp.to_lowercase() == "bc" => None,
            Ok(_) => Some("This is not a Bitcoin mainnet address.".into()),
            Err(_) => Some(format!("This Bitcoin address fails its checksum: {TYPO}.")),
        };
    }
    match bs58::decode(a).with_check(None).into_vec() {
        Ok(payload) if payload.len() == 21 && matches!(payload[0], 0x00 | 0x05) => None,
        Ok(_) => Some("This is not a Bitcoin mainnet address (it starts with the wrong version).".into()),
        Err(bs58::decode::Error::InvalidChecksum { .. }) => {
            Some(format!("This Bitcoin address fails its checksum: {TYPO}."))
        }
        Err(_) => Some("This is not a valid Bitcoin address: it should start with 1, 3 or bc1 and use only Bitcoin's letters and digits.".into()),
    }
}

/// EIP-55 mixed-case checksum of a 40-hex-digit address body.
pub fn eip55(body_lower: &str) -> String {
    let hash = Keccak256::digest(body_lower.as_bytes());
    body_lower
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
            if c.is_ascii_alphabetic() && nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

fn check_evm(a: &str) -> Option<String> {
    let body = a.strip_prefix("0x").or_else(|| a.strip_prefix("0X"));
    let Some(body) = body.filter(|b| b.len() == 40 && b.chars().all(|c| c.is_ascii_hexdigit()))
    else {
        return Some("This is not a valid Ethereum-style address: it should be 0x followed by 40 characters 0–9 and a–f.".into());
    };
    let lower = body.to_ascii_lowercase();
    let upper = body.to_ascii_uppercase();
    if body == lower || body == upper {
        return None; // No checksum to check in single-case addresses.
    }
    if eip55(&lower) == body {
        None
    } else {
        Some(format!(
            "This address's upper/lower-case checksum (EIP-55) does not match: {TYPO}."
        ))
    }
}

fn check_tron(a: &str) -> Option<String> {
    match bs58::decode(a).with_check(None).into_vec() {
        Ok(payload) if payload.len() == 21 && payload[0] == 0x41 => None,
        Ok(_) => Some("This is not a valid TRON address: TRON addresses start with T and are 34 characters long.".into()),
        Err(bs58::decode::Error::InvalidChecksum { .. }) => Some(format!("This TRON address fails its checksum: {TYPO}.")),
        Err(_) => Some("This is not a valid TRON address: TRON addresses start with T, are 34 characters long and never contain 0, O, I or l.".into()),
    }
}

fn check_solana(a: &str) -> Option<String> {
    match bs58::decode(a).into_vec() {
        Ok(bytes) if bytes.len() == 32 => None,
        _ => Some("This is not a valid Solana address: it should be 32 to 44 letters and digits (never 0, O, I or l).".into()),
    }
}

/// Checks a transaction hash (or id) for its network's shape. Returns a warning, if any.
pub fn check_tx_hash(network: Network, hash: &str) -> Option<String> {
    let h = hash.trim();
    if h.chars().count() > MAX_ADDRESS_CHARS {
        return Some(format!(
            "This is {} characters long; transaction hashes have at most about 90. Check that only the hash was copied.",
            h.chars().count()
        ));
    }
    let hex64 = |s: &str| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit());
    let ok = match network.family() {
        AddressFamily::Bitcoin | AddressFamily::Tron => hex64(h),
        AddressFamily::Evm => h
            .strip_prefix("0x")
            .or_else(|| h.strip_prefix("0X"))
            .is_some_and(hex64),
        AddressFamily::Solana => matches!(bs58::decode(h).into_vec(), Ok(b) if b.len() == 64),
    };
    if ok {
        return None;
    }
    let shape = match network.family() {
        AddressFamily::Bitcoin | AddressFamily::Tron => "64 characters 0–9 and a–f",
        AddressFamily::Evm => "0x followed by 64 characters 0–9 and a–f",
        AddressFamily::Solana => "about 88 letters and digits",
    };
    Some(format!(
        "This does not look like a {} transaction hash, which is {shape}. Copy it again from the wallet or exchange; the full hash is what lets an exchange trace the money.",
        network.label()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &[(Network, &str)] = &[
        (Network::Bitcoin, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        (Network::Bitcoin, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        (
            Network::Bitcoin,
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        ),
        (
            Network::Bitcoin,
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
        ),
        (
            Network::Bitcoin,
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        ),
        (
            Network::Ethereum,
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ),
        (
            Network::Ethereum,
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        ),
        (
            Network::Ethereum,
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        ),
        (
            Network::Ethereum,
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ),
        (Network::Bsc, "0xdac17f958d2ee523a2206206994597c13d831ec7"),
        (
            Network::Polygon,
            "0xDAC17F958D2EE523A2206206994597C13D831EC7",
        ),
        (Network::Tron, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        (Network::Tron, "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"),
        (
            Network::Solana,
            "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
        ),
        (
            Network::Solana,
            "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB",
        ),
    ];

    #[test]
    fn real_addresses_pass() {
        for (net, a) in VALID {
            let c = check_address(*net, a);
            assert!(c.warnings.is_empty(), "{net:?} {a}: {:?}", c.warnings);
        }
    }

    /// Replaces the character at `i` with a different one of the same kind.
    fn typo(a: &str, i: usize) -> String {
        let mut chars: Vec<char> = a.chars().collect();
        let c = chars[i];
        chars[i] = match c {
            '0'..='8' => ((c as u8) + 1) as char,
            '9' => '8',
            'a'..='y' if c != 'k' => ((c as u8) + 1) as char,
            'z' => 'y',
            'k' => 'm',
            'A'..='Y' if c != 'H' && c != 'N' => ((c as u8) + 1) as char,
            _ => 'Q',
        };
        chars.into_iter().collect()
    }

    #[test]
    fn one_character_typos_are_caught_for_checksummed_formats() {
        for (net, a) in VALID {
            if *net == Network::Solana
                || (net.family() == AddressFamily::Evm && a[2..] == a[2..].to_ascii_lowercase())
            {
                continue; // No checksum in these.
            }
            if net.family() == AddressFamily::Evm && a[2..] == a[2..].to_ascii_uppercase() {
                continue;
            }
            for i in [3, a.len() / 2, a.len() - 2] {
                let bad = typo(a, i);
                if bad == *a {
                    continue;
                }
                let c = check_address(*net, &bad);
                assert!(!c.warnings.is_empty(), "typo at {i} not caught: {bad}");
            }
        }
    }

    #[test]
    fn eip55_checksum_and_case() {
        let bad = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        let c = check_address(Network::Ethereum, bad);
        assert!(c.warnings[0].contains("EIP-55"), "{:?}", c.warnings);
        assert_eq!(c.normalized, bad.to_ascii_lowercase());
        assert!(check_address(
            Network::Ethereum,
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
        )
        .warnings
        .is_empty());
        assert!(!check_address(
            Network::Ethereum,
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea"
        )
        .warnings
        .is_empty());
    }

    #[test]
    fn chain_mismatch_is_named() {
        let c = check_address(Network::Ethereum, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
        assert_eq!(c.warnings.len(), 1);
        assert!(
            c.warnings[0].contains("looks like a TRON address"),
            "{:?}",
            c.warnings
        );
        assert!(c.warnings[0].contains("Ethereum"));
        let c = check_address(Network::Tron, "0xdac17f958d2ee523a2206206994597c13d831ec7");
        assert!(c.warnings[0].contains("Ethereum-style"));
        let c = check_address(Network::Bitcoin, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
        assert!(c.warnings[0].contains("TRON"));
    }

    #[test]
    fn detection_by_shape() {
        assert_eq!(
            detect_family("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
            Some(AddressFamily::Tron)
        );
        assert_eq!(
            detect_family("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            Some(AddressFamily::Bitcoin)
        );
        assert_eq!(
            detect_family("0xdac17f958d2ee523a2206206994597c13d831ec7"),
            Some(AddressFamily::Evm)
        );
        assert_eq!(
            detect_family("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"),
            Some(AddressFamily::Solana)
        );
        assert_eq!(detect_family("DE89370400440532013000"), None);
        assert_eq!(detect_family(""), None);
    }

    #[test]
    fn tx_hash_shapes() {
        let h = "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d";
        assert_eq!(check_tx_hash(Network::Bitcoin, h), None);
        assert_eq!(check_tx_hash(Network::Tron, h), None);
        assert!(check_tx_hash(Network::Ethereum, h).is_some());
        assert_eq!(check_tx_hash(Network::Ethereum, &format!("0x{h}")), None);
        assert!(check_tx_hash(Network::Tron, &h[1..])
            .unwrap()
            .contains("64 characters"));
        let sol = "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW";
        assert_eq!(check_tx_hash(Network::Solana, sol), None);
    }

    #[test]
    fn every_asset_has_a_label_and_known_network() {
        let assets = crypto_assets();
        assert!(assets
            .iter()
            .any(|a| a.code == "USDT" && a.network == Network::Tron));
        for a in &assets {
            assert!(!a.label.is_empty());
            assert_eq!(Network::parse(a.network.as_str()), Some(a.network));
        }
        assert!(is_crypto_code("USDT"));
        assert!(!is_crypto_code("EUR"));
    }
}
