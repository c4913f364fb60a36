//! The one place that touches ring and x25519-dalek. Everything else seals and opens
//! through these few functions, so nonces are always fresh (made here, never passed in),
//! keys never leave a zeroizing type, and every failure to open is the same opaque error.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{hkdf, hmac};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// Bytes a sealed value adds: a 96-bit nonce in front and a 128-bit tag behind.
pub const OVERHEAD: usize = NONCE_LEN + 16;

/// A 256-bit key. No `Debug`, no `Clone`, no `Serialize`: it cannot be printed, copied
/// by accident or sent to the UI, and its bytes are wiped when it is dropped.
pub struct Key(Zeroizing<[u8; 32]>);

impl Key {
    /// A fresh random key from the operating system's generator.
    pub fn generate() -> Self {
        Self(Zeroizing::new(random()))
    }

    pub(crate) fn from_bytes(bytes: Zeroizing<[u8; 32]>) -> Self {
        Self(bytes)
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// A second copy, for a key that must outlive the value it came in (still zeroized
    /// on drop; never `Clone`, so every copy is deliberate).
    pub(crate) fn duplicate(&self) -> Key {
        Key(Zeroizing::new(*self.0))
    }

    /// A subkey for one purpose (HKDF-SHA256 with an empty salt and `info` as context).
    pub fn derive(&self, info: &[u8]) -> Key {
        hkdf_expand(
            &hkdf::Salt::new(hkdf::HKDF_SHA256, &[]),
            self.expose(),
            info,
        )
    }
}

/// Opening failed: wrong key, altered bytes or the wrong context. Deliberately says nothing
/// more, so it helps no one guess which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("decryption failed")]
pub struct DecryptionFailed;

/// Random bytes from the operating system. Panics only if the OS has no randomness, in
/// which case nothing can be kept safe and stopping is right.
pub fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    SystemRandom::new()
        .fill(&mut out)
        .expect("the operating system's random generator failed");
    out
}

fn aead_key(key: &Key) -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key.expose()).expect("a 32-byte AES key"))
}

/// AES-256-GCM with a fresh random nonce: returns `nonce || ciphertext || tag`.
pub fn seal(key: &Key, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let nonce_bytes: [u8; NONCE_LEN] = random();
    let mut out = Vec::with_capacity(plaintext.len() + OVERHEAD);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(plaintext);
    let tag = aead_key(key)
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(nonce_bytes),
            Aad::from(aad),
            &mut out[NONCE_LEN..],
        )
        .expect("plaintext within AES-GCM's length limit");
    out.extend_from_slice(tag.as_ref());
    out
}

/// Opens what [`seal`] made under the same key and associated data.
pub fn open(key: &Key, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptionFailed> {
    if sealed.len() < OVERHEAD {
        return Err(DecryptionFailed);
    }
    let (nonce, rest) = sealed.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| DecryptionFailed)?;
    let mut buf = Zeroizing::new(rest.to_vec());
    let len = aead_key(key)
        .open_in_place(nonce, Aad::from(aad), &mut buf)
        .map_err(|_| DecryptionFailed)?
        .len();
    buf.truncate(len);
    Ok(buf)
}

/// HMAC-SHA256 of the parts, one after the other.
pub fn mac(key: &Key, parts: &[&[u8]]) -> [u8; 32] {
    let mut ctx = hmac::Context::with_key(&hmac::Key::new(hmac::HMAC_SHA256, key.expose()));
    for p in parts {
        ctx.update(p);
    }
    ctx.sign()
        .as_ref()
        .try_into()
        .expect("HMAC-SHA256 is 32 bytes")
}

/// Whether `tag` is HMAC-SHA256 of the parts, compared in constant time.
pub fn mac_matches(key: &Key, parts: &[&[u8]], tag: &[u8]) -> bool {
    let data: Vec<u8> = parts.concat();
    hmac::verify(&hmac::Key::new(hmac::HMAC_SHA256, key.expose()), &data, tag).is_ok()
}

/// A key pair for sealing to a public key (the recovery route). The secret half is made
/// from a seed each time it is needed and never stored; only the public half is.
pub struct SealingKeys {
    secret: StaticSecret,
    public: [u8; 32],
}

impl SealingKeys {
    /// The key pair a 32-byte seed gives (X25519: the seed is the private scalar).
    pub fn from_seed(seed: &Key) -> Self {
        let secret = StaticSecret::from(*seed.expose());
        let public = PublicKey::from(&secret).to_bytes();
        Self { secret, public }
    }

    pub fn public(&self) -> [u8; 32] {
        self.public
    }
}

/// What a sealed-to-public-key value adds before the nonce: the sender's one-time public key.
pub const EPHEMERAL_LEN: usize = 32;

/// The AES key both sides agree on: HKDF-SHA256 over the X25519 shared secret, salted with
/// both public keys. `None` for a public key of small order (no secret is shared).
fn agreed_key(
    secret: &StaticSecret,
    their_public: &[u8; 32],
    ephemeral: &[u8; 32],
    recipient: &[u8; 32],
    info: &[u8],
) -> Option<Key> {
    let shared = secret.diffie_hellman(&PublicKey::from(*their_public));
    if !shared.was_contributory() {
        return None;
    }
    let salt = [&ephemeral[..], &recipient[..]].concat();
    Some(hkdf_from(shared.as_bytes(), &salt, info))
}

/// Seals `plaintext` so only the holder of the secret half of `recipient` can open it: a
/// one-time X25519 key pair, HKDF-SHA256, then AES-256-GCM. Returns
/// `ephemeral public key || nonce || ciphertext || tag`, or `None` if `recipient` is a
/// public key of small order (a damaged or hostile header).
pub fn seal_to(recipient: &[u8; 32], info: &[u8], aad: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    let ephemeral = StaticSecret::from(*Key::generate().expose());
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let key = agreed_key(&ephemeral, recipient, &ephemeral_public, recipient, info)?;
    let mut out = ephemeral_public.to_vec();
    out.extend_from_slice(&seal(&key, aad, plaintext));
    Some(out)
}

/// Opens what [`seal_to`] sealed to `keys`' public half.
pub fn open_from(
    keys: &SealingKeys,
    info: &[u8],
    aad: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptionFailed> {
    if sealed.len() < EPHEMERAL_LEN + OVERHEAD {
        return Err(DecryptionFailed);
    }
    let (ephemeral, rest) = sealed.split_at(EPHEMERAL_LEN);
    let ephemeral: [u8; 32] = ephemeral.try_into().map_err(|_| DecryptionFailed)?;
    let key = agreed_key(&keys.secret, &ephemeral, &ephemeral, &keys.public, info)
        .ok_or(DecryptionFailed)?;
    open(&key, aad, rest)
}

/// A keyed hash (HMAC-SHA256, cut to 16 bytes) for lookups that must not show the value.
pub fn keyed_tag(key: &Key, data: &[u8]) -> [u8; 16] {
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key.expose()), data);
    let mut out = [0u8; 16];
    out.copy_from_slice(&tag.as_ref()[..16]);
    out
}

/// HKDF-SHA256 over high-entropy input (a recovery code), with a stored salt.
pub fn hkdf_from(ikm: &[u8], salt: &[u8], info: &[u8]) -> Key {
    hkdf_expand(&hkdf::Salt::new(hkdf::HKDF_SHA256, salt), ikm, info)
}

fn hkdf_expand(salt: &hkdf::Salt, ikm: &[u8], info: &[u8]) -> Key {
    struct Len32;
    impl hkdf::KeyType for Len32 {
        fn len(&self) -> usize {
            32
        }
    }
    let mut out = Zeroizing::new([0u8; 32]);
    salt.extract(ikm)
        .expand(&[info], Len32)
        .and_then(|okm| okm.fill(&mut out[..]))
        .expect("32 bytes is within HKDF-SHA256's output limit");
    Key(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn sealed_values_open_only_with_the_same_key_and_context() {
        let key = Key::generate();
        let sealed = seal(&key, b"ctx", b"hello");
        assert_eq!(&open(&key, b"ctx", &sealed).unwrap()[..], b"hello");
        assert_eq!(open(&key, b"other", &sealed), Err(DecryptionFailed));
        assert_eq!(
            open(&Key::generate(), b"ctx", &sealed),
            Err(DecryptionFailed)
        );
    }

    #[test]
    fn every_flipped_bit_is_detected() {
        let key = Key::generate();
        let sealed = seal(&key, b"ctx", b"a private line");
        for i in 0..sealed.len() {
            for bit in 0..8 {
                let mut bad = sealed.clone();
                bad[i] ^= 1 << bit;
                assert!(open(&key, b"ctx", &bad).is_err(), "byte {i} bit {bit}");
            }
        }
        assert!(open(&key, b"ctx", &sealed[..sealed.len() - 1]).is_err());
        assert!(open(&key, b"ctx", &sealed[..OVERHEAD - 1]).is_err());
    }

    #[test]
    fn no_nonce_repeats_over_a_million_seals() {
        let key = Key::generate();
        let mut seen = HashSet::with_capacity(1_000_000);
        for _ in 0..1_000_000 {
            let sealed = seal(&key, b"", b"x");
            let nonce: [u8; NONCE_LEN] = sealed[..NONCE_LEN].try_into().unwrap();
            assert!(seen.insert(nonce), "a nonce repeated");
        }
    }

    #[test]
    fn derived_keys_differ_by_purpose_and_are_stable() {
        let key = Key::generate();
        let a = key.derive(b"a");
        assert_eq!(a.expose(), key.derive(b"a").expose());
        assert_ne!(a.expose(), key.derive(b"b").expose());
        assert_ne!(keyed_tag(&a, b"x"), keyed_tag(&key.derive(b"b"), b"x"));
    }

    #[test]
    fn a_value_sealed_to_a_public_key_opens_only_with_its_secret_half() {
        let keys = SealingKeys::from_seed(&Key::generate());
        let sealed = seal_to(&keys.public(), b"info", b"aad", b"data key").unwrap();
        assert_eq!(sealed.len(), EPHEMERAL_LEN + OVERHEAD + 8);
        assert_eq!(
            &open_from(&keys, b"info", b"aad", &sealed).unwrap()[..],
            b"data key"
        );
        let other = SealingKeys::from_seed(&Key::generate());
        assert!(open_from(&other, b"info", b"aad", &sealed).is_err());
        assert!(open_from(&keys, b"other", b"aad", &sealed).is_err());
        assert!(open_from(&keys, b"info", b"other", &sealed).is_err());
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert!(open_from(&keys, b"info", b"aad", &bad).is_err(), "byte {i}");
        }
        assert!(open_from(&keys, b"info", b"aad", &sealed[..40]).is_err());
    }

    #[test]
    fn the_same_seed_gives_the_same_public_key_and_small_order_keys_are_refused() {
        let seed = Key::generate();
        let a = SealingKeys::from_seed(&seed);
        let b = SealingKeys::from_seed(&Key::from_bytes(Zeroizing::new(*seed.expose())));
        assert_eq!(a.public(), b.public());
        assert!(
            seal_to(&[0u8; 32], b"i", b"a", b"x").is_none(),
            "the identity point"
        );
        let mut sealed = seal_to(&a.public(), b"i", b"a", b"x").unwrap();
        sealed[..32].copy_from_slice(&[0u8; 32]);
        assert!(open_from(&a, b"i", b"a", &sealed).is_err());
    }

    #[test]
    fn macs_verify_only_their_own_parts() {
        let key = Key::generate();
        let tag = mac(&key, &[b"ab", b"c"]);
        assert!(
            mac_matches(&key, &[b"a", b"bc"], &tag),
            "parts are concatenated"
        );
        assert!(!mac_matches(&key, &[b"abd"], &tag));
        assert!(!mac_matches(&Key::generate(), &[b"abc"], &tag));
    }

    proptest! {
        #[test]
        fn seal_then_open_round_trips(data in proptest::collection::vec(any::<u8>(), 0..2048),
                                      aad in proptest::collection::vec(any::<u8>(), 0..64)) {
            let key = Key::generate();
            let sealed = seal(&key, &aad, &data);
            prop_assert_eq!(sealed.len(), data.len() + OVERHEAD);
            prop_assert_eq!(&open(&key, &aad, &sealed).unwrap()[..], &data[..]);
        }
    }
}
