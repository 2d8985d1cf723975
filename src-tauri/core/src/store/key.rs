//! Passphrase → key: Argon2id stretches the passphrase into the raw 256-bit SQLCipher key.
//!
//! The 16-byte salt is SQLCipher's own file salt (the first 16 bytes of the file), handed to
//! SQLCipher together with the raw key, so opening needs only the passphrase and nothing but the
//! encrypted file is ever on disk. The Argon2 parameters are fixed per key format (`KDF_V1`);
//! they are also recorded inside the encrypted store for reference.

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

use crate::{CoreError, Result};

/// Length of the salt, which is also the length of SQLCipher's file salt.
pub const SALT_LEN: usize = 16;
/// Length of the raw SQLCipher key.
pub const KEY_LEN: usize = 32;

/// Argon2id parameters of key format 1.
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// Key format 1: Argon2id, 64 MiB, 3 passes, 1 lane.
pub const KDF_V1: KdfParams = KdfParams {
    memory_kib: 64 * 1024,
    iterations: 3,
    parallelism: 1,
};

/// A raw database key; wiped from memory when dropped.
pub type Key = Zeroizing<[u8; KEY_LEN]>;

/// Derives the raw SQLCipher key from a passphrase and the file's salt.
pub fn derive_key(passphrase: &str, salt: &[u8; SALT_LEN]) -> Result<Key> {
    let params = Params::new(
        KDF_V1.memory_kib,
        KDF_V1.iterations,
        KDF_V1.parallelism,
        Some(KEY_LEN),
    )
    .map_err(|e| CoreError::KeyDerivation(e.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut key: Key = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| CoreError::KeyDerivation(e.to_string()))?;
    Ok(key)
}

/// The passphrase in Unicode normal form C, so the same visible text always gives the same key
/// whatever keyboard or system typed it.
pub fn normalized(passphrase: &str) -> Zeroizing<String> {
    use unicode_normalization::UnicodeNormalization as _;
    Zeroizing::new(passphrase.nfc().collect())
}

/// A fresh random salt from the operating system.
pub fn random_salt() -> Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|e| CoreError::KeyDerivation(e.to_string()))?;
    Ok(salt)
}

/// The SQL literal SQLCipher takes for a raw key plus explicit salt: `"x'<key><salt>'"`.
pub fn sqlcipher_literal(key: &Key, salt: &[u8; SALT_LEN]) -> Zeroizing<String> {
    let mut s = String::with_capacity(4 + 2 * (KEY_LEN + SALT_LEN));
    s.push_str("\"x'");
    s.push_str(&hex::encode(key.as_ref()));
    s.push_str(&hex::encode(salt));
    s.push_str("'\"");
    Zeroizing::new(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_passphrase_and_salt_give_the_same_key_and_others_differ() {
        let salt = [7u8; SALT_LEN];
        let a = derive_key("correct horse battery staple", &salt).unwrap();
        let b = derive_key("correct horse battery staple", &salt).unwrap();
        let c = derive_key("correct horse battery stapler", &salt).unwrap();
        let d = derive_key("correct horse battery staple", &[8u8; SALT_LEN]).unwrap();
        assert_eq!(*a, *b);
        assert_ne!(*a, *c);
        assert_ne!(*a, *d);
    }

    #[test]
    fn composed_and_decomposed_accents_are_the_same_passphrase() {
        let composed = "caf\u{e9} au lait";
        let decomposed = "cafe\u{301} au lait";
        assert_ne!(composed, decomposed);
        assert_eq!(*normalized(composed), *normalized(decomposed));
    }

    #[test]
    fn literal_has_key_then_salt_in_hex() {
        let key: Key = Zeroizing::new([0xab; KEY_LEN]);
        let lit = sqlcipher_literal(&key, &[0x01; SALT_LEN]);
        assert_eq!(lit.len(), 5 + 96);
        assert!(lit.starts_with("\"x'abab"));
        assert!(lit.ends_with("0101'\""));
    }
}
