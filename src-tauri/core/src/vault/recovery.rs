//! The recovery code: 160 random bits shown once as eight groups of four characters from
//! Crockford's base-32 alphabet (no I, L, O or U, so it survives being copied by hand).
//! It is already high-entropy, so a fast HKDF turns it into a key; Argon2 would add nothing.

use zeroize::{Zeroize, Zeroizing};

use super::crypto::{self, Key};
use super::{Result, VaultError};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const BYTES: usize = 20;
const CHARS: usize = BYTES * 8 / 5;
pub const SALT_LEN: usize = 16;

/// Dashes and spaces group the characters for the eye; they carry nothing.
pub(super) fn is_separator(c: char) -> bool {
    matches!(c, '-' | ' ')
}

/// A character's value in the alphabet, read as a person might type it: any case, with O
/// for 0 and I or L for 1. `None` for anything else.
pub(super) fn symbol(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|v| v as u8)
}

/// The character shown for a value below 32.
pub(super) fn character(v: u8) -> char {
    ALPHABET[usize::from(v & 31)] as char
}

/// A recovery code. Not `Debug`: it is shown to the person once and never logged.
pub struct RecoveryCode(Zeroizing<[u8; BYTES]>);

impl RecoveryCode {
    pub fn generate() -> Self {
        Self(Zeroizing::new(crypto::random()))
    }

    /// Reads a code as a person might type it: any case, with or without dashes or
    /// spaces, with O for 0 and I or L for 1.
    pub fn parse(text: &str) -> Result<Self> {
        let mut bits: u64 = 0;
        let mut nbits = 0;
        let mut out = Zeroizing::new([0u8; BYTES]);
        let mut n = 0;
        let mut count = 0;
        for c in text.chars() {
            if is_separator(c) {
                continue;
            }
            let v = symbol(c).ok_or(VaultError::BadRecoveryCode)?;
            count += 1;
            if count > CHARS {
                return Err(VaultError::BadRecoveryCode);
            }
            bits = (bits << 5) | u64::from(v);
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                out[n] = (bits >> nbits) as u8;
                n += 1;
            }
        }
        bits.zeroize();
        if count != CHARS {
            return Err(VaultError::BadRecoveryCode);
        }
        Ok(Self(out))
    }

    /// A second copy (zeroized on drop like the first).
    pub fn copy(&self) -> Self {
        Self(Zeroizing::new(*self.0))
    }

    /// The code as shown: `XXXX-XXXX-…`, eight groups.
    pub fn display(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(CHARS + CHARS / 4));
        let mut bits: u64 = 0;
        let mut nbits = 0;
        let mut written = 0;
        for &b in self.0.iter() {
            bits = (bits << 8) | u64::from(b);
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                if written > 0 && written % 4 == 0 {
                    s.push('-');
                }
                s.push(character((bits >> nbits) as u8));
                written += 1;
            }
        }
        bits.zeroize();
        s
    }

    /// Format 1: the key-encryption key this code opens, with the vault's stored salt.
    pub fn derive(&self, salt: &[u8]) -> Key {
        crypto::hkdf_from(&self.0[..], salt, super::format::RECOVERY_KEK_INFO_V1)
    }

    /// Format 2: the key pair whose public half the vault stores, so any change can seal
    /// the data key for this code without knowing it.
    pub fn keys(&self, salt: &[u8]) -> crypto::SealingKeys {
        let seed = crypto::hkdf_from(&self.0[..], salt, super::format::RECOVERY_SEED_INFO);
        crypto::SealingKeys::from_seed(&seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_then_parse_round_trips_and_groups_in_fours() {
        for _ in 0..200 {
            let code = RecoveryCode::generate();
            let shown = code.display();
            assert_eq!(shown.len(), 39, "{}", shown.as_str());
            assert!(shown.split('-').all(|g| g.len() == 4));
            let back = RecoveryCode::parse(&shown).unwrap();
            assert_eq!(*back.0, *code.0);
        }
    }

    #[test]
    fn typing_slips_are_forgiven() {
        let code = RecoveryCode::generate();
        let shown = code
            .display()
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(*RecoveryCode::parse(&shown).unwrap().0, *code.0);
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused() {
        let shown = RecoveryCode::generate().display();
        assert!(RecoveryCode::parse(&shown[..shown.len() - 1]).is_err());
        assert!(RecoveryCode::parse(&format!("{}A", shown.as_str())).is_err());
        assert!(RecoveryCode::parse(&shown.replace(&shown[0..1], "U")).is_err());
        assert!(RecoveryCode::parse("").is_err());
    }

    #[test]
    fn a_code_gives_the_same_public_key_for_the_same_salt_only() {
        let code = RecoveryCode::generate();
        let again = RecoveryCode::parse(&code.display()).unwrap();
        assert_eq!(code.keys(&[3; 16]).public(), again.keys(&[3; 16]).public());
        assert_ne!(code.keys(&[3; 16]).public(), code.keys(&[4; 16]).public());
        assert_ne!(
            code.keys(&[3; 16]).public(),
            RecoveryCode::generate().keys(&[3; 16]).public()
        );
    }

    #[test]
    fn different_codes_or_salts_give_different_keys() {
        let a = RecoveryCode::generate();
        let b = RecoveryCode::generate();
        assert_ne!(a.derive(&[1; 16]).expose(), b.derive(&[1; 16]).expose());
        assert_ne!(a.derive(&[1; 16]).expose(), a.derive(&[2; 16]).expose());
    }
}
