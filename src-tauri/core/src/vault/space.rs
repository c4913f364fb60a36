//! A person's own space: a box inside the vault that the vault's keys cannot open.
//!
//! A space has its own passphrase. Argon2id turns it into a key that seals a random
//! 32-byte space secret S; from S come an X25519 key pair (only its public half is kept in
//! the clear) and a key for the space's guard. Writing needs only the public half, so an
//! answer is sealed to the space without anyone typing its passphrase; reading needs S,
//! so only the passphrase opens what was written. Records of a space are stored as vault
//! records too (sealed a second time, under the vault's key), so backups carry them, wipe
//! removes them and the vault's guard covers them; but the vault's key opens only the
//! outer envelope. docs/VAULT-FORMAT.md describes every byte.
//!
//! [`MemoryKey`] is the other private place: a key that never leaves memory, for answers
//! a person chose not to keep.

use ring::digest;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

use super::crypto::{self, Key, SealingKeys};
use super::format;
use super::kdf::{Cost, KdfParams, ENCODED_LEN};
use super::{RecordId, Result, VaultError};

pub const SPACE_X25519_INFO: &[u8] = b"tend.space.x25519.v1";
pub const SPACE_GUARD_INFO: &[u8] = b"tend.space.guard.v1";
pub const SPACE_SEAL_INFO: &[u8] = b"tend.space.seal.v1";

/// What a space keeps in the clear: its key-derivation settings, its public key, and its
/// secret sealed under its passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceLock {
    kdf: [u8; ENCODED_LEN],
    public: [u8; 32],
    sealed: Vec<u8>,
}

/// An opened space: what reads its answers and keeps its guard. Wiped when dropped.
pub struct SpaceKeys {
    pair: SealingKeys,
    guard: Key,
}

fn key_aad(person: &RecordId, public: &[u8; 32], kdf: &[u8]) -> Vec<u8> {
    [b"tend.space.key".as_slice(), person.as_bytes(), public, kdf].concat()
}

fn item_aad(person: &RecordId, item: &RecordId) -> Vec<u8> {
    [
        b"tend.space.item".as_slice(),
        person.as_bytes(),
        item.as_bytes(),
    ]
    .concat()
}

fn keys_from(secret: &Key) -> SpaceKeys {
    SpaceKeys {
        pair: SealingKeys::from_seed(&secret.derive(SPACE_X25519_INFO)),
        guard: secret.derive(SPACE_GUARD_INFO),
    }
}

impl SpaceLock {
    /// A new space for `person` under `passphrase` (refused if weak), at `cost`. Slow
    /// (Argon2id): hold no lock.
    pub fn make(passphrase: &str, cost: Cost, person: &RecordId) -> Result<(Self, SpaceKeys)> {
        crate::passphrase::require_strong(passphrase)?;
        let params = KdfParams::new(cost);
        let kek = params.derive(crate::passphrase::normalized(passphrase).as_bytes())?;
        let secret = Key::generate();
        let keys = keys_from(&secret);
        let kdf = params.encode();
        let public = keys.pair.public();
        let sealed = crypto::seal(&kek, &key_aad(person, &public, &kdf), secret.expose());
        Ok((
            Self {
                kdf,
                public,
                sealed,
            },
            keys,
        ))
    }

    /// Opens the space with its passphrase. Slow (Argon2id at the stored cost, which is
    /// checked against the floor and the ceiling first): hold no lock.
    pub fn open(&self, passphrase: &str, person: &RecordId) -> Result<SpaceKeys> {
        let normalized = crate::passphrase::normalized(passphrase);
        let kek = KdfParams::decode(&self.kdf)?.derive(normalized.as_bytes())?;
        let opened = crypto::open(
            &kek,
            &key_aad(person, &self.public, &self.kdf),
            &self.sealed,
        )
        .map_err(|_| VaultError::WrongPassphrase)?;
        let bytes: [u8; 32] = opened[..]
            .try_into()
            .map_err(|_| VaultError::Corrupt("a space's key has the wrong length"))?;
        let keys = keys_from(&Key::from_bytes(Zeroizing::new(bytes)));
        if keys.pair.public() != self.public {
            return Err(VaultError::Corrupt("a space's keys do not match"));
        }
        Ok(keys)
    }

    /// Seals one answer (its JSON) to this space; only its passphrase opens it again.
    pub fn seal(&self, person: &RecordId, item: &RecordId, json: &[u8]) -> Result<Vec<u8>> {
        crypto::seal_to(
            &self.public,
            SPACE_SEAL_INFO,
            &item_aad(person, item),
            &format::pad(json),
        )
        .ok_or(VaultError::Corrupt("a space's public key is not usable"))
    }
}

impl SpaceKeys {
    /// Opens one answer sealed to this space.
    pub fn open(
        &self,
        person: &RecordId,
        item: &RecordId,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        let plain = crypto::open_from(&self.pair, SPACE_SEAL_INFO, &item_aad(person, item), sealed)
            .map_err(|_| VaultError::Tampered)?;
        Ok(Zeroizing::new(format::unpad(&plain)?.to_vec()))
    }

    /// The space's guard over `message` (which the caller builds from what it saw).
    pub fn mac(&self, message: &[u8]) -> [u8; 32] {
        crypto::mac(&self.guard, &[b"tend.space.guard", message])
    }

    pub fn mac_matches(&self, message: &[u8], tag: &[u8]) -> bool {
        crypto::mac_matches(&self.guard, &[b"tend.space.guard", message], tag)
    }
}

/// SHA-256 of a sealed value, for a guard's list of what it saw.
pub fn fingerprint(bytes: &[u8]) -> [u8; 32] {
    digest::digest(&digest::SHA256, bytes)
        .as_ref()
        .try_into()
        .expect("SHA-256 is 32 bytes")
}

/// A key that lives only in memory: answers sealed under it are gone when it is dropped
/// (on lock, or when the app stops). Nothing sealed with it is ever written to disk.
pub struct MemoryKey(Key);

impl Default for MemoryKey {
    fn default() -> Self {
        Self(Key::generate())
    }
}

impl MemoryKey {
    pub fn seal(&self, json: &[u8]) -> Vec<u8> {
        crypto::seal(&self.0, b"tend.memory", json)
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        crypto::open(&self.0, b"tend.memory", sealed).map_err(|_| VaultError::Tampered)
    }
}

/// Lowercase hex, for sealed bytes inside a record's JSON.
pub fn to_hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    hex::decode(text).ok()
}

/// Stored as `{ "kdf", "public", "sealed" }`, each in hex.
#[derive(Serialize, Deserialize)]
struct Stored {
    kdf: String,
    public: String,
    sealed: String,
}

impl Serialize for SpaceLock {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Stored {
            kdf: to_hex(&self.kdf),
            public: to_hex(&self.public),
            sealed: to_hex(&self.sealed),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for SpaceLock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error;
        let s = Stored::deserialize(d)?;
        let bad = |what: &str| D::Error::custom(format!("a space's {what} is unreadable"));
        Ok(Self {
            kdf: from_hex(&s.kdf)
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| bad("key settings"))?,
            public: from_hex(&s.public)
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| bad("public key"))?,
            sealed: from_hex(&s.sealed).ok_or_else(|| bad("sealed key"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "velvet harbour quietly sings";

    fn person() -> RecordId {
        RecordId::from_bytes([3; 16])
    }

    #[test]
    fn only_the_space_passphrase_opens_what_was_sealed_to_it() {
        let (lock, _) = SpaceLock::make(PASS, Cost::FLOOR, &person()).unwrap();
        let item = RecordId::from_bytes([9; 16]);
        let sealed = lock.seal(&person(), &item, b"{\"note\":\"mine\"}").unwrap();
        let keys = lock.open(PASS, &person()).unwrap();
        assert_eq!(
            &keys.open(&person(), &item, &sealed).unwrap()[..],
            b"{\"note\":\"mine\"}"
        );
        assert!(matches!(
            lock.open("velvet harbour quietly sang", &person()),
            Err(VaultError::WrongPassphrase)
        ));
        // Bound to its person and its item.
        assert!(lock.open(PASS, &RecordId::from_bytes([4; 16])).is_err());
        assert!(keys
            .open(&person(), &RecordId::from_bytes([8; 16]), &sealed)
            .is_err());
        let (other, _) = SpaceLock::make(PASS, Cost::FLOOR, &person()).unwrap();
        assert!(other
            .open(PASS, &person())
            .unwrap()
            .open(&person(), &item, &sealed)
            .is_err());
    }

    #[test]
    fn a_weak_passphrase_makes_no_space_and_sealed_lengths_come_in_classes() {
        assert!(SpaceLock::make("abc", Cost::FLOOR, &person()).is_err());
        let (lock, _) = SpaceLock::make(PASS, Cost::FLOOR, &person()).unwrap();
        let id = RecordId::from_bytes([1; 16]);
        let a = lock.seal(&person(), &id, b"short").unwrap();
        let b = lock.seal(&person(), &id, &[b'x'; 200]).unwrap();
        assert_eq!(a.len(), b.len());
    }

    #[test]
    fn the_lock_round_trips_through_json_and_refuses_damage() {
        let (lock, keys) = SpaceLock::make(PASS, Cost::FLOOR, &person()).unwrap();
        let json = serde_json::to_value(&lock).unwrap();
        let back: SpaceLock = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, lock);
        let mut bad = json;
        bad["public"] = "zz".into();
        assert!(serde_json::from_value::<SpaceLock>(bad).is_err());
        let tag = keys.mac(b"seen");
        assert!(keys.mac_matches(b"seen", &tag));
        assert!(!keys.mac_matches(b"seen!", &tag));
    }

    #[test]
    fn memory_keys_open_only_their_own() {
        let a = MemoryKey::default();
        let sealed = a.seal(b"not kept");
        assert_eq!(&a.open(&sealed).unwrap()[..], b"not kept");
        assert!(MemoryKey::default().open(&sealed).is_err());
    }

    #[test]
    fn hex_round_trips_and_refuses_odd_or_foreign_text() {
        assert_eq!(from_hex(&to_hex(&[0, 15, 255])).unwrap(), vec![0, 15, 255]);
        assert!(from_hex("abc").is_none());
        assert!(from_hex("zz").is_none());
        assert!(from_hex("é1").is_none());
    }
}
