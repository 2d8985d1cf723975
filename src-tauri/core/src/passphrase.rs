//! Passphrase strength: the hint shown while choosing one, and the rule for accepting it.

use crate::model::PassphraseStrength;
use crate::{CoreError, Result};

/// Fewest characters accepted for a new passphrase.
pub const MIN_CHARS: usize = 10;

/// Estimates how hard `passphrase` is to guess (zxcvbn) and says how to improve it.
pub fn strength(passphrase: &str) -> PassphraseStrength {
    let chars = passphrase.chars().count();
    if chars == 0 {
        return PassphraseStrength {
            score: 0,
            label: "Empty".into(),
            hint: format!("Type a passphrase of at least {MIN_CHARS} characters. A few unrelated words are easy to remember and hard to guess."),
            acceptable: false,
        };
    }
    let entropy = zxcvbn::zxcvbn(passphrase, &["casefile"]);
    let score = u8::from(entropy.score());
    let label = match score {
        0 => "Very weak",
        1 => "Weak",
        2 => "Fair",
        3 => "Strong",
        _ => "Very strong",
    };
    let acceptable = chars >= MIN_CHARS && score >= 2;
    let mut hint = String::new();
    if chars < MIN_CHARS {
        hint = format!("Use at least {MIN_CHARS} characters ({chars} so far).");
    }
    if score < 3 {
        let advice = entropy
            .feedback()
            .and_then(|f| f.warning().map(|w| w.to_string()))
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| "Add another word or two that have nothing to do with you.".into());
        if !hint.is_empty() {
            hint.push(' ');
        }
        hint.push_str(&advice);
    }
    PassphraseStrength {
        score,
        label: label.into(),
        hint,
        acceptable,
    }
}

/// Refuses a passphrase that would not protect the case file, saying why.
pub fn check_new(passphrase: &str) -> Result<()> {
    let s = strength(passphrase);
    if s.acceptable {
        Ok(())
    } else {
        Err(CoreError::WeakPassphrase(format!(
            "This passphrase is too easy to guess. {} Choose a longer one; anyone who gets this computer could otherwise open the case file.",
            s.hint
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_short_passphrases_are_refused_with_a_reason() {
        assert!(!strength("").acceptable);
        let short = strength("abc");
        assert!(!short.acceptable);
        assert!(short.hint.contains("at least 10"), "{}", short.hint);
        assert!(!strength("password123").acceptable);
        assert!(check_new("1234567890").is_err());
    }

    #[test]
    fn long_unrelated_words_are_accepted() {
        let s = strength("orange tractor whispers loudly");
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= 3);
        assert!(check_new("orange tractor whispers loudly").is_ok());
    }
}
