//! The guard over the set of rows (format 2): a keyed MAC of every row (id, tag and
//! envelope), folded together by XOR so a write updates it in O(1), and a generation counter
//! that every write moves on. It is checked when the vault is unlocked: a row deleted,
//! brought back from an older copy, swapped, or added under any tag makes it fail.
//!
//! It cannot see a whole file replaced by an older copy of itself (nothing outside the file
//! remembers the generation); docs/VAULT-FORMAT.md says so.

use rusqlite::Connection;

use super::crypto::{self, Key};
use super::header::Integrity;
use super::Result;

/// One row's contribution.
pub fn row(key: &Key, id: &[u8], tag: &[u8], envelope: &[u8]) -> [u8; 32] {
    crypto::mac(key, &[b"tend.row", id, tag, envelope])
}

pub fn fold(digest: &mut [u8; 32], row: &[u8; 32]) {
    digest.iter_mut().zip(row).for_each(|(d, r)| *d ^= r);
}

fn message(format: u16, key_id: u8, generation: u64, digest: &[u8; 32]) -> Vec<u8> {
    let mut m = b"tend.integrity".to_vec();
    m.extend_from_slice(&format.to_be_bytes());
    m.push(key_id);
    m.extend_from_slice(&generation.to_be_bytes());
    m.extend_from_slice(digest);
    m
}

/// The stored guard for these rows at this generation.
pub fn seal(key: &Key, format: u16, key_id: u8, generation: u64, digest: &[u8; 32]) -> Integrity {
    Integrity {
        generation,
        tag: crypto::mac(key, &[&message(format, key_id, generation, digest)]),
    }
}

/// Whether `stored` guards exactly these rows.
pub fn matches(key: &Key, format: u16, key_id: u8, stored: &Integrity, digest: &[u8; 32]) -> bool {
    crypto::mac_matches(
        key,
        &[&message(format, key_id, stored.generation, digest)],
        &stored.tag,
    )
}

/// The digest of every row in the file.
pub fn digest_of(conn: &Connection, key: &Key) -> Result<[u8; 32]> {
    let mut digest = [0u8; 32];
    let mut stmt = conn.prepare("SELECT id, tag, envelope FROM records")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: Vec<u8> = r.get(0)?;
        let tag: Vec<u8> = r.get(1)?;
        let envelope: Vec<u8> = r.get(2)?;
        fold(&mut digest, &row(key, &id, &tag, &envelope));
    }
    Ok(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_the_same_whatever_the_order_and_changes_with_any_row() {
        let key = Key::generate();
        let a = row(&key, b"a", b"t", b"1");
        let b = row(&key, b"b", b"t", b"2");
        let (mut ab, mut ba) = ([0; 32], [0; 32]);
        fold(&mut ab, &a);
        fold(&mut ab, &b);
        fold(&mut ba, &b);
        fold(&mut ba, &a);
        assert_eq!(ab, ba);
        let mut removed = ab;
        fold(&mut removed, &b);
        assert_ne!(removed, ab, "taking a row out changes it");
        fold(&mut removed, &b);
        assert_eq!(removed, ab, "putting it back restores it");
        assert_ne!(
            row(&key, b"a", b"t", b"1"),
            row(&key, b"a", b"u", b"1"),
            "the tag counts"
        );
    }

    #[test]
    fn the_guard_binds_the_generation_and_the_key() {
        let key = Key::generate();
        let digest = [7u8; 32];
        let g = seal(&key, 2, 3, 10, &digest);
        assert!(matches(&key, 2, 3, &g, &digest));
        assert!(!matches(
            &key,
            2,
            3,
            &Integrity { generation: 9, ..g },
            &digest
        ));
        assert!(!matches(&key, 2, 4, &g, &digest));
        assert!(!matches(&key, 2, 3, &g, &[8u8; 32]));
        assert!(!matches(&Key::generate(), 2, 3, &g, &digest));
    }
}
