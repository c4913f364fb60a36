//! The bytes on disk, as docs/VAULT-FORMAT.md describes them. Keep the two in step: an
//! independent reader is tested against that document.

use super::crypto::{self, Key, OVERHEAD};
use super::{Result, VaultError};
use crate::about::VAULT_FORMAT_VERSION;

/// `meta.magic`: marks a SQLite file as a Tend vault.
pub const MAGIC: &[u8] = b"TEND-VAULT";
/// First bytes of every record envelope.
pub const RECORD_MAGIC: &[u8; 2] = b"TR";
/// Only one data key per vault so far; the byte leaves room for rotation.
pub const KEY_ID: u8 = 1;
/// magic, version, key id, nonce, ciphertext, tag.
pub const ENVELOPE_HEADER: usize = 2 + 1 + 1;

pub const RECORD_KEY_INFO: &[u8] = b"tend.record.key.v1";
pub const INDEX_KEY_INFO: &[u8] = b"tend.index.key.v1";

/// Associated data for the data key sealed under the passphrase key: binds it to the
/// format and the exact key-derivation settings.
pub fn passphrase_key_aad(kdf: &[u8]) -> Vec<u8> {
    let mut aad = b"tend.key.passphrase".to_vec();
    aad.extend_from_slice(&VAULT_FORMAT_VERSION.to_be_bytes());
    aad.extend_from_slice(kdf);
    aad
}

/// Associated data for the data key sealed under the recovery key.
pub fn recovery_key_aad(salt: &[u8]) -> Vec<u8> {
    let mut aad = b"tend.key.recovery".to_vec();
    aad.extend_from_slice(&VAULT_FORMAT_VERSION.to_be_bytes());
    aad.extend_from_slice(salt);
    aad
}

/// Associated data for one record: its table, its id and the format, so a ciphertext
/// cannot be moved to another row or table, or read as another version.
pub fn record_aad(version: u8, table: &str, id: &[u8; 16]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + table.len() + 16);
    aad.extend_from_slice(b"tend.record");
    aad.push(version);
    aad.push(KEY_ID);
    aad.push(table.len() as u8);
    aad.extend_from_slice(table.as_bytes());
    aad.extend_from_slice(id);
    aad
}

/// The record-format version written into envelopes (the low byte of the vault format).
pub fn record_version() -> u8 {
    VAULT_FORMAT_VERSION as u8
}

/// Seals one record into its envelope.
pub fn seal_record(key: &Key, table: &str, id: &[u8; 16], plaintext: &[u8]) -> Vec<u8> {
    let version = record_version();
    let mut out = Vec::with_capacity(ENVELOPE_HEADER + plaintext.len() + OVERHEAD);
    out.extend_from_slice(RECORD_MAGIC);
    out.push(version);
    out.push(KEY_ID);
    out.extend_from_slice(&crypto::seal(
        key,
        &record_aad(version, table, id),
        plaintext,
    ));
    out
}

/// Opens one record's envelope, refusing unknown versions and anything altered.
pub fn open_record(
    key: &Key,
    table: &str,
    id: &[u8; 16],
    envelope: &[u8],
) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    if envelope.len() < ENVELOPE_HEADER + OVERHEAD || &envelope[..2] != RECORD_MAGIC {
        return Err(VaultError::Tampered);
    }
    let version = envelope[2];
    if version > record_version() {
        return Err(VaultError::NewerFormat(u16::from(version)));
    }
    if version != record_version() || envelope[3] != KEY_ID {
        return Err(VaultError::Tampered);
    }
    crypto::open(
        key,
        &record_aad(version, table, id),
        &envelope[ENVELOPE_HEADER..],
    )
    .map_err(|_| VaultError::Tampered)
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

    #[test]
    fn a_record_opens_only_in_its_own_table_and_row() {
        let key = Key::generate();
        let id = [7u8; 16];
        let env = seal_record(&key, "sessions", &id, b"{}");
        assert_eq!(
            &open_record(&key, "sessions", &id, &env).unwrap()[..],
            b"{}"
        );
        assert!(matches!(
            open_record(&key, "profiles", &id, &env),
            Err(VaultError::Tampered)
        ));
        assert!(matches!(
            open_record(&key, "sessions", &[8; 16], &env),
            Err(VaultError::Tampered)
        ));
    }

    #[test]
    fn flipping_any_byte_of_an_envelope_is_refused() {
        let key = Key::generate();
        let id = [1u8; 16];
        let env = seal_record(&key, "notes", &id, b"a private line");
        for i in 0..env.len() {
            let mut bad = env.clone();
            bad[i] ^= 0x01;
            assert!(open_record(&key, "notes", &id, &bad).is_err(), "byte {i}");
        }
    }

    #[test]
    fn a_newer_record_version_is_named_not_misread() {
        let key = Key::generate();
        let id = [1u8; 16];
        let mut env = seal_record(&key, "notes", &id, b"x");
        env[2] = record_version() + 1;
        assert!(matches!(
            open_record(&key, "notes", &id, &env),
            Err(VaultError::NewerFormat(_))
        ));
        env[2] = 0;
        assert!(matches!(
            open_record(&key, "notes", &id, &env),
            Err(VaultError::Tampered)
        ));
    }

    #[test]
    fn kind_names_are_checked() {
        assert!(check_kind("sessions").is_ok());
        for bad in ["", "Sessions", "a b", "x;drop", &"a".repeat(33)] {
            assert!(check_kind(bad).is_err(), "{bad:?}");
        }
    }
}
