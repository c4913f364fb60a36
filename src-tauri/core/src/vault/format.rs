//! The bytes on disk, as docs/VAULT-FORMAT.md describes them. Keep the two in step: an
//! independent reader is tested against that document.
//!
//! Format 2 (this build writes it) differs from format 1 in four ways: every envelope is
//! padded to a size class and carries the data key's id; the recovery route seals the data
//! key to an X25519 public key derived from the code; a keyed MAC over every row and a
//! generation counter guard the set of rows; and the data key is new after every change of
//! a secret. Format 1 is still read, and upgraded to 2 when its vault is unlocked.

use zeroize::Zeroizing;

use super::crypto::{self, Key, OVERHEAD};
use super::{Result, VaultError};

/// `meta.magic`: marks a SQLite file as a Tend vault.
pub const MAGIC: &[u8] = b"TEND-VAULT";
pub const FORMAT_V1: u16 = 1;
pub const FORMAT_V2: u16 = 2;
/// First bytes of every record envelope.
pub const RECORD_MAGIC: &[u8; 2] = b"TR";
/// magic, version, key id; then nonce, ciphertext, tag.
pub const ENVELOPE_HEADER: usize = 2 + 1 + 1;
/// Format 1 had one data key, id 1.
pub const V1_KEY_ID: u8 = 1;

pub const RECORD_KEY_INFO: &[u8] = b"tend.record.key.v1";
pub const INDEX_KEY_INFO: &[u8] = b"tend.index.key.v1";
pub const INTEGRITY_KEY_INFO: &[u8] = b"tend.integrity.key.v2";
pub const RECOVERY_KEK_INFO_V1: &[u8] = b"tend.recovery.kek.v1";
pub const RECOVERY_SEED_INFO: &[u8] = b"tend.recovery.x25519.v2";
pub const RECOVERY_SEAL_INFO: &[u8] = b"tend.recovery.seal.v2";

/// The id of the data key after `id`: 2, 3, … 255, then 1 again. Ids only tell keys
/// apart quickly; every record is re-sealed under each new key, so an old id never lingers.
pub fn next_key_id(id: u8) -> u8 {
    if id == u8::MAX {
        1
    } else {
        id + 1
    }
}

/// Associated data for the data key sealed under the passphrase key: binds it to the
/// format, the key's id (from format 2) and the exact key-derivation settings.
pub fn passphrase_key_aad(format: u16, key_id: u8, kdf: &[u8]) -> Vec<u8> {
    let mut aad = b"tend.key.passphrase".to_vec();
    aad.extend_from_slice(&format.to_be_bytes());
    if format >= FORMAT_V2 {
        aad.push(key_id);
    }
    aad.extend_from_slice(kdf);
    aad
}

/// Associated data for the data key sealed for the recovery route: the format, the key's
/// id and the public key (from format 2), and the salt.
pub fn recovery_key_aad(
    format: u16,
    key_id: u8,
    salt: &[u8],
    public: Option<&[u8; 32]>,
) -> Vec<u8> {
    let mut aad = b"tend.key.recovery".to_vec();
    aad.extend_from_slice(&format.to_be_bytes());
    if format >= FORMAT_V2 {
        aad.push(key_id);
    }
    aad.extend_from_slice(salt);
    if let Some(public) = public {
        aad.extend_from_slice(public);
    }
    aad
}

/// Associated data for one record: its format, the key's id, its kind and its id, so a
/// ciphertext cannot be moved to another row or kind, or read as another version.
pub fn record_aad(version: u8, key_id: u8, kind: &str, id: &[u8; 16]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + kind.len() + 16);
    aad.extend_from_slice(b"tend.record");
    aad.push(version);
    aad.push(key_id);
    aad.push(kind.len() as u8);
    aad.extend_from_slice(kind.as_bytes());
    aad.extend_from_slice(id);
    aad
}

/// The size a record's plaintext is padded to (length prefix included), so an envelope's
/// size shows only roughly how long a record is: 224, 480 or 928 bytes, then whole
/// multiples of 4,096. With the envelope's 32 bytes and the row's id and tag, the three
/// small classes still fit inside one 4 KiB SQLite page (a `WITHOUT ROWID` row larger
/// than about 1,000 bytes spills into an overflow page of its own).
pub fn size_class(n: usize) -> usize {
    match [224, 480, 928].into_iter().find(|&c| n <= c) {
        Some(c) => c,
        None => n.div_ceil(4096) * 4096,
    }
}

/// `u32be(len) || json || zeros`, to its size class.
pub(super) fn pad(json: &[u8]) -> Zeroizing<Vec<u8>> {
    let len = 4 + json.len();
    let mut out = Zeroizing::new(Vec::with_capacity(size_class(len)));
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(json);
    out.resize(size_class(len), 0);
    out
}

pub(super) fn unpad(plain: &[u8]) -> Result<&[u8]> {
    let len = plain
        .get(..4)
        .map(|b| u32::from_be_bytes(b.try_into().expect("four bytes")) as usize)
        .ok_or(VaultError::Tampered)?;
    let json = plain.get(4..4 + len).ok_or(VaultError::Tampered)?;
    if plain[4 + len..].iter().any(|&b| b != 0) {
        return Err(VaultError::Tampered);
    }
    Ok(json)
}

/// Seals one record (its JSON) into a format-2 envelope under key `key_id`.
pub fn seal_record(key: &Key, key_id: u8, kind: &str, id: &[u8; 16], json: &[u8]) -> Vec<u8> {
    let version = FORMAT_V2 as u8;
    let padded = pad(json);
    let mut out = Vec::with_capacity(ENVELOPE_HEADER + padded.len() + OVERHEAD);
    out.extend_from_slice(RECORD_MAGIC);
    out.push(version);
    out.push(key_id);
    out.extend_from_slice(&crypto::seal(
        key,
        &record_aad(version, key_id, kind, id),
        &padded,
    ));
    out
}

/// Opens one record's envelope and returns its JSON. A vault of format `format` holds
/// envelopes of that version under key `key_id` only: anything else is refused.
pub fn open_record(
    key: &Key,
    format: u16,
    key_id: u8,
    kind: &str,
    id: &[u8; 16],
    envelope: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if envelope.len() < ENVELOPE_HEADER + OVERHEAD || &envelope[..2] != RECORD_MAGIC {
        return Err(VaultError::Tampered);
    }
    let version = envelope[2];
    if u16::from(version) > FORMAT_V2 {
        return Err(VaultError::NewerFormat(u16::from(version)));
    }
    if u16::from(version) != format || envelope[3] != key_id {
        return Err(VaultError::Tampered);
    }
    let plain = crypto::open(
        key,
        &record_aad(version, key_id, kind, id),
        &envelope[ENVELOPE_HEADER..],
    )
    .map_err(|_| VaultError::Tampered)?;
    if format == FORMAT_V1 {
        return Ok(plain);
    }
    Ok(Zeroizing::new(unpad(&plain)?.to_vec()))
}

/// Kind names are part of the associated data: short, lower-case, fixed by the code.
pub fn check_kind(kind: &str) -> Result<()> {
    let ok = !kind.is_empty()
        && kind.len() <= 32
        && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(VaultError::UnknownKind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v2(key: &Key, kind: &str, id: &[u8; 16], env: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        open_record(key, FORMAT_V2, 7, kind, id, env)
    }

    #[test]
    fn a_record_opens_only_in_its_own_kind_and_row_and_under_its_key_id() {
        let key = Key::generate();
        let id = [7u8; 16];
        let env = seal_record(&key, 7, "sessions", &id, b"{}");
        assert_eq!(&v2(&key, "sessions", &id, &env).unwrap()[..], b"{}");
        assert!(matches!(
            v2(&key, "profiles", &id, &env),
            Err(VaultError::Tampered)
        ));
        assert!(matches!(
            v2(&key, "sessions", &[8; 16], &env),
            Err(VaultError::Tampered)
        ));
        assert!(matches!(
            open_record(&key, FORMAT_V2, 8, "sessions", &id, &env),
            Err(VaultError::Tampered)
        ));
        assert!(matches!(
            open_record(&key, FORMAT_V1, 7, "sessions", &id, &env),
            Err(VaultError::Tampered)
        ));
    }

    #[test]
    fn flipping_any_byte_of_an_envelope_is_refused() {
        let key = Key::generate();
        let id = [1u8; 16];
        let env = seal_record(&key, 7, "notes", &id, b"a private line");
        for i in 0..env.len() {
            let mut bad = env.clone();
            bad[i] ^= 0x01;
            assert!(v2(&key, "notes", &id, &bad).is_err(), "byte {i}");
        }
    }

    #[test]
    fn a_newer_record_version_is_named_not_misread() {
        let key = Key::generate();
        let id = [1u8; 16];
        let mut env = seal_record(&key, 7, "notes", &id, b"x");
        env[2] = 3;
        assert!(matches!(
            v2(&key, "notes", &id, &env),
            Err(VaultError::NewerFormat(3))
        ));
        env[2] = 0;
        assert!(matches!(
            v2(&key, "notes", &id, &env),
            Err(VaultError::Tampered)
        ));
    }

    #[test]
    fn envelopes_come_in_a_few_sizes_whatever_the_note() {
        let key = Key::generate();
        let size = |n: usize| seal_record(&key, 2, "notes", &[0; 16], &vec![b'a'; n]).len();
        assert_eq!(size(1), size(200), "short notes look alike");
        assert_eq!(size(300), size(450));
        assert_eq!(size(500), size(900));
        assert_ne!(size(200), size(300));
        assert_ne!(size(450), size(500));
        assert_eq!(size(5_000), size(8_000));
        assert_eq!(size(20_000), size(20_400));
        for n in [0, 1, 220, 221, 924, 925, 4092, 4093, 40_000] {
            let json = vec![b'x'; n];
            let env = seal_record(&key, 2, "notes", &[0; 16], &json);
            assert_eq!(&v2_at(&key, &env)[..], &json[..], "{n}");
        }
    }

    #[test]
    fn a_padded_row_of_the_largest_small_class_stays_within_its_page() {
        // SQLite keeps at most (4096 - 12) * 64 / 255 - 23 = 1001 payload bytes of a
        // WITHOUT ROWID row in its page: id and tag (16 each), five bytes of row header,
        // and the envelope.
        let key = Key::generate();
        let env = seal_record(&key, 2, "notes", &[0; 16], &[b'x'; 924]);
        assert!(16 + 16 + 5 + env.len() <= 1001, "{}", env.len());
    }

    fn v2_at(key: &Key, env: &[u8]) -> Zeroizing<Vec<u8>> {
        open_record(key, FORMAT_V2, 2, "notes", &[0; 16], env).unwrap()
    }

    #[test]
    fn padding_that_is_not_zero_or_a_length_past_the_end_is_refused() {
        assert_eq!(unpad(&[0, 0, 0, 2, b'{', b'}', 0, 0]).unwrap(), b"{}");
        assert!(unpad(&[0, 0, 0, 2, b'{', b'}', 0, 1]).is_err());
        assert!(unpad(&[0, 0, 0, 9, b'{', b'}']).is_err());
        assert!(unpad(&[0, 0]).is_err());
    }

    #[test]
    fn key_ids_advance_and_wrap_past_zero() {
        assert_eq!(next_key_id(1), 2);
        assert_eq!(next_key_id(254), 255);
        assert_eq!(next_key_id(255), 1);
    }

    #[test]
    fn kind_names_are_checked() {
        assert!(check_kind("sessions").is_ok());
        for bad in ["", "Sessions", "a b", "x;drop", &"a".repeat(33)] {
            assert!(check_kind(bad).is_err(), "{bad:?}");
        }
    }
}
