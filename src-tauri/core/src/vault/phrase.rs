//! Bytes sealed under a short phrase, for what leaves the device as text (a shared
//! profile's code). The phrase is made here: ten characters from the recovery code's
//! alphabet (50 random bits), short enough to say aloud. Argon2id at the vault's starting
//! cost turns it into a key, and AES-256-GCM seals the bytes, so whoever holds the code
//! without the phrase has only slow guesses. The sealed form carries its own key-derivation
//! settings, checked against the vault's floor and ceiling before any work is done.

use zeroize::Zeroizing;

use super::crypto;
use super::kdf::{Cost, KdfParams, ENCODED_LEN};
use super::recovery::{character, is_separator, symbol};
use super::{random_below, Result, VaultError};

/// Characters in a phrase; shown as two groups of five.
pub const CHARS: usize = 10;
/// Bytes the sealed form adds: the key-derivation settings, the nonce and the tag.
pub const OVERHEAD: usize = ENCODED_LEN + crypto::OVERHEAD;

/// A phrase for one sealed code. Not `Debug`: it is shown once and never logged.
pub struct Phrase(Zeroizing<String>);

impl Phrase {
    pub fn generate() -> Self {
        let mut s = Zeroizing::new(String::with_capacity(CHARS));
        for _ in 0..CHARS {
            s.push(character(random_below(32) as u8));
        }
        Self(s)
    }

    /// Reads a phrase as a person might type it: any case, with or without the dash or
    /// spaces, with O for 0 and I or L for 1.
    pub fn parse(text: &str) -> Option<Self> {
        let mut s = Zeroizing::new(String::with_capacity(CHARS));
        for c in text.trim().chars() {
            if is_separator(c) {
                continue;
            }
            if s.len() == CHARS {
                return None;
            }
            s.push(character(symbol(c)?));
        }
        (s.len() == CHARS).then_some(Self(s))
    }

    /// As shown: `XXXXX-XXXXX`.
    pub fn display(&self) -> Zeroizing<String> {
        let (a, b) = self.0.split_at(CHARS / 2);
        Zeroizing::new(format!("{a}-{b}"))
    }

    /// Seals `plaintext` under this phrase; `aad` is bound to it (a header that travels
    /// in the clear). Returns the key-derivation settings, then `nonce || ciphertext || tag`.
    pub fn seal(&self, cost: Cost, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
        let params = KdfParams::new(cost);
        let kdf = params.encode();
        let key = params.derive(self.0.as_bytes())?;
        let sealed = crypto::seal(&key, &[aad, &kdf].concat(), plaintext);
        Ok([kdf.as_slice(), &sealed].concat())
    }

    /// Opens what [`Phrase::seal`] made. A wrong phrase and altered bytes are the same
    /// `WrongPassphrase`; settings out of range are refused before deriving anything.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        if sealed.len() < OVERHEAD {
            return Err(VaultError::Corrupt("a sealed code is too short"));
        }
        let (kdf, rest) = sealed.split_at(ENCODED_LEN);
        let key = KdfParams::decode(kdf)?.derive(self.0.as_bytes())?;
        crypto::open(&key, &[aad, kdf].concat(), rest).map_err(|_| VaultError::WrongPassphrase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> Phrase {
        Phrase::parse(text).expect("a phrase")
    }

    #[test]
    fn generated_phrases_are_ten_symbols_shown_in_two_groups_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100 {
            let p = Phrase::generate();
            let shown = p.display();
            assert_eq!(shown.len(), CHARS + 1);
            assert_eq!(shown.as_bytes()[5], b'-');
            assert!(shown.chars().all(|c| c == '-' || symbol(c).is_some()));
            assert_eq!(*phrase(&shown).0, *p.0);
            seen.insert(shown.to_string());
        }
        assert_eq!(seen.len(), 100, "50 random bits do not repeat in 100 draws");
    }

    #[test]
    fn a_phrase_is_read_the_way_a_person_types_it() {
        let canonical = phrase("7KQ4M-D9TX2");
        for typed in ["7kq4m d9tx2", " 7KQ4MD9TX2 ", "7kq4m-d9tx2"] {
            assert_eq!(*phrase(typed).0, *canonical.0, "{typed}");
        }
        assert_eq!(*phrase("OIL00-11111").0, "0110011111");
        assert_eq!(phrase("oil00-11111").0.as_str(), "0110011111");
        for bad in [
            "",
            "7KQ4M-D9TX",
            "7KQ4M-D9TX22",
            "7KQ4M-D9TXU",
            "7KQ4M_D9TX2",
            "é",
        ] {
            assert!(Phrase::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn sealed_bytes_open_only_with_the_same_phrase_and_header() {
        let p = phrase("7KQ4M-D9TX2");
        let sealed = p.seal(Cost::FLOOR, b"head", b"what helps me").unwrap();
        assert_eq!(sealed.len(), b"what helps me".len() + OVERHEAD);
        assert_eq!(
            p.open(b"head", &sealed).unwrap().as_slice(),
            b"what helps me"
        );
        // The same phrase typed differently opens it too.
        assert!(phrase("7kq4m d9tx2").open(b"head", &sealed).is_ok());
        let wrong = phrase("7KQ4M-D9TX3");
        assert!(matches!(
            wrong.open(b"head", &sealed),
            Err(VaultError::WrongPassphrase)
        ));
        assert!(matches!(
            p.open(b"hear", &sealed),
            Err(VaultError::WrongPassphrase)
        ));
        for i in [0, ENCODED_LEN - 1, ENCODED_LEN, sealed.len() - 1] {
            let mut bent = sealed.clone();
            bent[i] ^= 1;
            assert!(p.open(b"head", &bent).is_err(), "byte {i}");
        }
        assert!(matches!(
            p.open(b"head", &sealed[..OVERHEAD - 1]),
            Err(VaultError::Corrupt(_))
        ));
        assert!(p.open(b"head", &sealed[..OVERHEAD]).is_err());
        // Nothing sealed is still a sealed value, and opens to nothing.
        let empty = p.seal(Cost::FLOOR, b"head", b"").unwrap();
        assert_eq!(empty.len(), OVERHEAD);
        assert!(p.open(b"head", &empty).unwrap().is_empty());
    }

    #[test]
    fn a_code_asking_for_a_cost_out_of_range_is_refused_before_any_work() {
        let p = phrase("7KQ4M-D9TX2");
        let mut sealed = p.seal(Cost::FLOOR, b"", b"x").unwrap();
        sealed[1..5].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(p.open(b"", &sealed), Err(VaultError::Corrupt(_))));
        sealed[1..5].copy_from_slice(&8u32.to_be_bytes());
        assert!(matches!(p.open(b"", &sealed), Err(VaultError::WeakKdf)));
    }
}
