//! How strong a passphrase is, judged by zxcvbn (a real estimator that knows common words,
//! names, keyboard walks and dates) rather than by character-class rules that reward
//! `Password1!`. Tend refuses weak passphrases because the vault is only as strong as the
//! passphrase guarding it once a device is lost.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

/// The form a passphrase is derived from: Unicode NFC, so "é" typed as one character or as
/// "e" and a combining accent (as some keyboards and platforms send it) opens the same vault.
pub fn normalized(passphrase: &str) -> Zeroizing<String> {
    Zeroizing::new(passphrase.nfc().collect())
}

/// The fewest guesses (as a power of ten) zxcvbn must estimate before Tend accepts a
/// passphrase. zxcvbn's own score 3 starts at 10^8, which lets "correct horse" and a
/// single made-up word through; 10^12 asks for about three unrelated words, while the
/// vault's slow key derivation adds its own margin.
pub const MIN_GUESSES_LOG10: f64 = 12.0;

/// Longer inputs are refused outright: no one types this much, and it bounds the work.
pub const MAX_CHARS: usize = 1024;

/// zxcvbn's cost grows quickly with length; past this many characters the rest adds
/// strength we need not measure to accept it.
const ESTIMATE_CHARS: usize = 100;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum PassphraseError {
    #[error("Please enter a passphrase.")]
    Empty,
    #[error("That passphrase is longer than {MAX_CHARS} characters.")]
    TooLong,
    #[error("That passphrase is too easy to guess. {advice}")]
    Weak { advice: String },
}

/// The feedback a person sees while choosing a passphrase. It carries no part of the
/// passphrase itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// 0 (too easy to guess) to 4 (very strong), from zxcvbn's estimate of guesses: below
    /// 10^8, 10^10 and 10^12 are 0, 1 and 2 (never accepted); 3 is up to 10^16.
    pub score: u8,
    pub acceptable: bool,
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
}

impl Assessment {
    /// Advice in one sentence or two, for a refusal.
    pub fn advice(&self) -> String {
        let mut parts: Vec<&str> = self.warning.iter().map(String::as_str).collect();
        parts.extend(self.suggestions.iter().map(String::as_str));
        if parts.is_empty() {
            "Try a few unrelated words together.".to_owned()
        } else {
            parts.join(" ")
        }
    }
}

/// Rates a passphrase. Empty or overlong input is an error, not a score.
pub fn assess(passphrase: &str) -> Result<Assessment, PassphraseError> {
    if passphrase.is_empty() {
        return Err(PassphraseError::Empty);
    }
    if passphrase.chars().count() > MAX_CHARS {
        return Err(PassphraseError::TooLong);
    }
    let cut = passphrase
        .char_indices()
        .nth(ESTIMATE_CHARS)
        .map_or(passphrase.len(), |(i, _)| i);
    let entropy = zxcvbn::zxcvbn(&passphrase[..cut], &["tend", "aftercare"]);
    let guesses = entropy.guesses_log10();
    let score = [8.0, 10.0, MIN_GUESSES_LOG10, 16.0]
        .iter()
        .filter(|&&step| guesses >= step)
        .count() as u8;
    let (warning, suggestions) = match entropy.feedback() {
        Some(f) => (
            f.warning().map(|w| w.to_string()),
            f.suggestions().iter().map(ToString::to_string).collect(),
        ),
        None => (None, Vec::new()),
    };
    Ok(Assessment {
        score,
        acceptable: guesses >= MIN_GUESSES_LOG10,
        warning,
        suggestions,
    })
}

/// Accepts a passphrase strong enough to guard a vault, or says why not.
pub fn require_strong(passphrase: &str) -> Result<(), PassphraseError> {
    let a = assess(&normalized(passphrase))?;
    if a.acceptable {
        Ok(())
    } else {
        Err(PassphraseError::Weak { advice: a.advice() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_with_advice() {
        for weak in [
            "password",
            "Password1!",
            "12345678",
            "tendtend",
            "qwertyuiop",
        ] {
            let a = assess(weak).unwrap();
            assert!(
                !a.acceptable,
                "{weak:?} must not be accepted (score {})",
                a.score
            );
            match require_strong(weak) {
                Err(PassphraseError::Weak { advice }) => assert!(!advice.is_empty()),
                other => panic!("{weak:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn several_unrelated_words_are_accepted() {
        let a = assess("copper lantern orbit meadow").unwrap();
        assert!(a.acceptable, "score was {}", a.score);
        assert_eq!(a.score, 4);
        assert_eq!(require_strong("copper lantern orbit meadow"), Ok(()));
    }

    #[test]
    fn two_common_words_or_one_made_up_word_are_not_enough() {
        for weak in [
            "correct horse",
            "flurbington",
            "Tr0ub4dor&3",
            "lantern orbit",
        ] {
            let a = assess(weak).unwrap();
            assert!(!a.acceptable && a.score < 3, "{weak:?}: {a:?}");
        }
        for strong in ["correct horse battery", "plink grommet sideways"] {
            let a = assess(strong).unwrap();
            assert!(a.acceptable && a.score >= 3, "{strong:?}: {a:?}");
        }
    }

    #[test]
    fn empty_and_overlong_input_are_errors_not_scores() {
        assert_eq!(assess(""), Err(PassphraseError::Empty));
        let long = "a".repeat(MAX_CHARS + 1);
        assert_eq!(assess(&long), Err(PassphraseError::TooLong));
    }

    #[test]
    fn long_multibyte_input_is_cut_on_a_character_boundary() {
        let long: String = "ü🌙ß".repeat(300);
        let a = assess(&long).expect("900 characters is within the limit");
        assert!(a.score <= 4);
    }

    #[test]
    fn the_app_name_counts_as_a_guessable_word() {
        let with_name = assess("tendaftercare").unwrap();
        assert!(!with_name.acceptable, "score was {}", with_name.score);
    }
}
