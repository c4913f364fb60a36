//! The header: the `meta` rows that say what a file is and seal its data key, once for the
//! passphrase and once for the recovery code. Opening a route is the slow part of an
//! unlock (Argon2id), so it works on a copy of the header ([`Attempt`]) and needs nothing
//! else: the app's lock is free while it runs.

use rusqlite::{params, Connection, OptionalExtension};
use zeroize::Zeroizing;

use super::crypto::{self, Key};
#[cfg(test)]
use super::format::FORMAT_V1;
use super::format::{self, FORMAT_V2, MAGIC, V1_KEY_ID};
use super::kdf::{Cost, KdfParams};
use super::recovery::{self, RecoveryCode};
use super::{Result, Secret, VaultError};

/// The guard over the set of rows: a generation counter and a keyed MAC (format 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Integrity {
    pub generation: u64,
    pub tag: [u8; 32],
}

/// Everything the `meta` table says, checked as it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub format: u16,
    pub kdf: Vec<u8>,
    pub key_id: u8,
    /// The data key sealed under the passphrase; absent after a recovery-code unlock of a
    /// format-1 vault, until a new passphrase is chosen.
    pub passphrase: Option<Vec<u8>>,
    pub recovery_salt: Vec<u8>,
    /// The recovery code's public key (format 2).
    pub recovery_public: Option<[u8; 32]>,
    pub recovery: Vec<u8>,
    pub integrity: Option<Integrity>,
}

fn fixed<const N: usize>(bytes: Vec<u8>, what: &'static str) -> Result<[u8; N]> {
    bytes.try_into().map_err(|_| VaultError::Corrupt(what))
}

impl Header {
    /// Reads and checks the header: a Tend vault, of a format this build reads, with
    /// key-derivation settings between the floor and the ceiling. Nothing is derived yet.
    pub fn read(conn: &Connection) -> Result<Self> {
        let has_meta: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
            [],
            |r| r.get(0),
        )?;
        if !has_meta {
            return Err(VaultError::NotAVault);
        }
        if find(conn, "magic")?.as_deref() != Some(MAGIC) {
            return Err(VaultError::NotAVault);
        }
        let format = u16::from_be_bytes(fixed(get(conn, "format")?, "the format is unreadable")?);
        if format > FORMAT_V2 {
            return Err(VaultError::NewerFormat(format));
        }
        if format == 0 {
            return Err(VaultError::Corrupt("the format is unreadable"));
        }
        let kdf = get(conn, "kdf")?;
        KdfParams::decode(&kdf)?;
        let v2 = format == FORMAT_V2;
        let key_id = if v2 {
            let [id] = fixed::<1>(get(conn, "key.id")?, "the key id is unreadable")?;
            if id == 0 {
                return Err(VaultError::Corrupt("the key id is unreadable"));
            }
            id
        } else {
            V1_KEY_ID
        };
        let passphrase = find(conn, "key.passphrase")?;
        if passphrase.is_none() && !v2 {
            return Err(VaultError::Corrupt("a header field is missing"));
        }
        let recovery_salt = get(conn, "recovery.salt")?;
        if recovery_salt.len() != recovery::SALT_LEN {
            return Err(VaultError::Corrupt(
                "the recovery salt has the wrong length",
            ));
        }
        let recovery_public = if v2 {
            Some(fixed(
                get(conn, "recovery.public")?,
                "the recovery key has the wrong length",
            )?)
        } else {
            None
        };
        let integrity = if v2 {
            let bytes = get(conn, "integrity")?;
            let bytes: [u8; 40] = fixed(bytes, "the integrity check is unreadable")?;
            Some(Integrity {
                generation: u64::from_be_bytes(bytes[..8].try_into().expect("eight bytes")),
                tag: bytes[8..].try_into().expect("32 bytes"),
            })
        } else {
            None
        };
        Ok(Self {
            format,
            kdf,
            key_id,
            passphrase,
            recovery_salt,
            recovery_public,
            recovery: get(conn, "key.recovery")?,
            integrity,
        })
    }

    /// The generation of the rows (0 before format 2).
    pub fn generation(&self) -> u64 {
        self.integrity.map_or(0, |i| i.generation)
    }
}

/// Writes a format-2 header for data key `data` (id `key_id`): sealed under `passphrase`
/// (or under no passphrase, which removes that route) and for `recovery`, with the rows'
/// integrity at `integrity`. Part of a larger transaction.
pub fn write(
    conn: &Connection,
    data: &Key,
    key_id: u8,
    passphrase: Option<&PassphraseSeal>,
    recovery: &RecoverySeal,
    integrity: Integrity,
) -> Result<()> {
    put(conn, "magic", MAGIC)?;
    put(conn, "format", &FORMAT_V2.to_be_bytes())?;
    put(conn, "key.id", &[key_id])?;
    match passphrase {
        Some(p) => {
            put(conn, "kdf", &p.kdf)?;
            let aad = format::passphrase_key_aad(FORMAT_V2, key_id, &p.kdf);
            put(
                conn,
                "key.passphrase",
                &crypto::seal(&p.kek, &aad, data.expose()),
            )?;
        }
        None => {
            conn.execute("DELETE FROM meta WHERE name = 'key.passphrase'", [])?;
        }
    }
    put(conn, "recovery.salt", &recovery.salt)?;
    put(conn, "recovery.public", &recovery.public)?;
    let aad = format::recovery_key_aad(FORMAT_V2, key_id, &recovery.salt, Some(&recovery.public));
    let sealed = crypto::seal_to(
        &recovery.public,
        format::RECOVERY_SEAL_INFO,
        &aad,
        data.expose(),
    )
    .ok_or(VaultError::Corrupt("the recovery key is not usable"))?;
    put(conn, "key.recovery", &sealed)?;
    write_integrity(conn, integrity)
}

pub fn write_integrity(conn: &Connection, integrity: Integrity) -> Result<()> {
    let mut bytes = integrity.generation.to_be_bytes().to_vec();
    bytes.extend_from_slice(&integrity.tag);
    put(conn, "integrity", &bytes)
}

/// The passphrase side of a new seal: the key-derivation settings and the key they give.
pub struct PassphraseSeal {
    kdf: [u8; super::kdf::ENCODED_LEN],
    kek: Key,
}

impl PassphraseSeal {
    /// Derives a new passphrase's key at `cost` with a fresh salt. Slow: run it with no
    /// lock held. Refuses a weak passphrase first.
    pub fn derive(passphrase: &str, cost: Cost) -> Result<Self> {
        crate::passphrase::require_strong(passphrase)?;
        let params = KdfParams::new(cost);
        let kek = params.derive(crate::passphrase::normalized(passphrase).as_bytes())?;
        Ok(Self {
            kdf: params.encode(),
            kek,
        })
    }

    /// The vault's own settings and the key they gave for the passphrase just confirmed.
    pub(super) fn from_stored(kdf: &[u8], kek: Key) -> Self {
        Self {
            kdf: kdf
                .try_into()
                .expect("settings are checked as the header is read"),
            kek,
        }
    }

    /// As [`PassphraseSeal::derive`], calibrating the cost on this device as it goes.
    pub fn calibrated(passphrase: &str) -> Result<Self> {
        crate::passphrase::require_strong(passphrase)?;
        let (params, kek) =
            super::kdf::derive_calibrated(crate::passphrase::normalized(passphrase).as_bytes())?;
        Ok(Self {
            kdf: params.encode(),
            kek,
        })
    }
}

/// The recovery side of a new seal: the code's salt and public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoverySeal {
    salt: [u8; recovery::SALT_LEN],
    public: [u8; 32],
}

impl RecoverySeal {
    /// For `code`, with a fresh salt (a new code) or the vault's own.
    pub fn for_code(code: &RecoveryCode, salt: Option<&[u8]>) -> Self {
        let salt: [u8; recovery::SALT_LEN] = match salt {
            Some(s) => s
                .try_into()
                .expect("salts are checked as the header is read"),
            None => crypto::random(),
        };
        Self {
            public: code.keys(&salt).public(),
            salt,
        }
    }

    /// The one the vault already has (format 2), which a change of passphrase keeps.
    pub fn stored(header: &Header) -> Option<Self> {
        Some(Self {
            salt: header.recovery_salt.as_slice().try_into().ok()?,
            public: header.recovery_public?,
        })
    }
}

/// A copy of the header, taken with a try counted against the back-off, to be opened with
/// a secret without holding anything up. See [`super::Vault::prepare`].
pub struct Attempt {
    pub(super) header: Header,
}

/// Which secret opened the data key, and what it gives for sealing it again.
pub enum Route {
    Passphrase { kek: Key },
    Recovery { code: RecoveryCode },
}

/// The data key, opened.
pub struct Opened {
    pub(super) data: Key,
    pub(super) route: Route,
    /// The passphrase opened the vault only as typed, not in its NFC form (a vault sealed
    /// before passphrases were normalised): the NFC form's key, to seal it under instead.
    pub(super) renormalize: Option<Key>,
}

impl Opened {
    pub fn by_passphrase(&self) -> bool {
        matches!(self.route, Route::Passphrase { .. })
    }

    /// A second copy, held while a person chooses a new passphrase after an unlock with
    /// the recovery code.
    pub fn copy(&self) -> Opened {
        Opened {
            data: self.data.duplicate(),
            route: match &self.route {
                Route::Passphrase { kek } => Route::Passphrase {
                    kek: kek.duplicate(),
                },
                Route::Recovery { code } => Route::Recovery { code: code.copy() },
            },
            renormalize: self.renormalize.as_ref().map(Key::duplicate),
        }
    }
}

impl Attempt {
    /// Opens the data key with `secret`; the error names which secret was wrong. Slow for a
    /// passphrase (Argon2id at the stored cost).
    pub fn open(&self, secret: Secret<'_>) -> Result<Opened> {
        let h = &self.header;
        let mut renormalize = None;
        let (opened, route) = match secret {
            Secret::Passphrase(p) => {
                let sealed = h.passphrase.as_ref().ok_or(VaultError::NoPassphrase)?;
                let params = KdfParams::decode(&h.kdf)?;
                let aad = format::passphrase_key_aad(h.format, h.key_id, &h.kdf);
                let nfc = crate::passphrase::normalized(p);
                let kek = params.derive(nfc.as_bytes())?;
                match crypto::open(&kek, &aad, sealed) {
                    Ok(opened) => (opened, Route::Passphrase { kek }),
                    // Sealed before passphrases were normalised: the bytes as typed.
                    Err(_) if nfc.as_str() != p => {
                        let typed = params.derive(p.as_bytes())?;
                        let opened = crypto::open(&typed, &aad, sealed)
                            .map_err(|_| VaultError::WrongPassphrase)?;
                        renormalize = Some(kek);
                        (opened, Route::Passphrase { kek: typed })
                    }
                    Err(_) => return Err(VaultError::WrongPassphrase),
                }
            }
            Secret::RecoveryCode(text) => {
                let code = RecoveryCode::parse(text)?;
                let opened = match h.recovery_public {
                    None => {
                        let aad =
                            format::recovery_key_aad(h.format, h.key_id, &h.recovery_salt, None);
                        crypto::open(&code.derive(&h.recovery_salt), &aad, &h.recovery)
                    }
                    Some(public) => {
                        let keys = code.keys(&h.recovery_salt);
                        if keys.public() != public {
                            return Err(VaultError::WrongRecoveryCode);
                        }
                        let aad = format::recovery_key_aad(
                            h.format,
                            h.key_id,
                            &h.recovery_salt,
                            Some(&public),
                        );
                        crypto::open_from(&keys, format::RECOVERY_SEAL_INFO, &aad, &h.recovery)
                    }
                }
                .map_err(|_| VaultError::WrongRecoveryCode)?;
                (opened, Route::Recovery { code })
            }
        };
        let data: [u8; 32] = opened[..]
            .try_into()
            .map_err(|_| VaultError::Corrupt("the sealed key has the wrong length"))?;
        Ok(Opened {
            data: Key::from_bytes(Zeroizing::new(data)),
            route,
            renormalize,
        })
    }

    /// Whether the vault is still as it was when this attempt began.
    pub(super) fn still(&self, conn: &Connection) -> Result<bool> {
        Ok(Header::read(conn)? == self.header)
    }
}

pub fn put(conn: &Connection, name: &str, value: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        params![name, value],
    )?;
    Ok(())
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn get(conn: &Connection, name: &str) -> Result<Vec<u8>> {
    find(conn, name)?.ok_or(VaultError::Corrupt("a header field is missing"))
}

/// Writes the header of a brand-new format-1 vault (for the tests that upgrade one).
#[cfg(test)]
pub fn write_v1(
    conn: &Connection,
    data: &Key,
    kdf: &KdfParams,
    passphrase: &str,
    code: &RecoveryCode,
) -> Result<()> {
    let kdf_bytes = kdf.encode();
    put(conn, "magic", MAGIC)?;
    put(conn, "format", &FORMAT_V1.to_be_bytes())?;
    put(conn, "kdf", &kdf_bytes)?;
    let kek = kdf.derive(passphrase.as_bytes())?;
    let aad = format::passphrase_key_aad(FORMAT_V1, V1_KEY_ID, &kdf_bytes);
    put(
        conn,
        "key.passphrase",
        &crypto::seal(&kek, &aad, data.expose()),
    )?;
    let salt: [u8; recovery::SALT_LEN] = crypto::random();
    put(conn, "recovery.salt", &salt)?;
    let aad = format::recovery_key_aad(FORMAT_V1, V1_KEY_ID, &salt, None);
    put(
        conn,
        "key.recovery",
        &crypto::seal(&code.derive(&salt), &aad, data.expose()),
    )?;
    put(conn, "unlock.failures", &0u32.to_be_bytes())
}
