//! The encrypted vault: one SQLite file whose rows are opaque ids and sealed envelopes.
//!
//! Key hierarchy (format 2, docs/VAULT-FORMAT.md): passphrase → Argon2id → a key that seals
//! a random data key; the recovery code → HKDF → an X25519 key pair whose public half alone
//! is stored, and the data key is sealed to it. Changing either secret makes a new data key
//! and re-seals every record under it in one transaction, so an old copy of the file and an
//! old secret never open anything written after the change. Records are sealed with subkeys
//! of the data key; a keyed MAC over every row and a generation counter guard the set.
//!
//! Nothing outside this module sees a key; callers save and read typed [`Record`]s. The
//! vault knows kinds only by the names the domain hands down when it opens one: it is the
//! ground floor and imports nothing from the domain.

mod crypto;
mod error;
mod format;
mod header;
mod integrity;
pub mod kdf;
mod lockout;
pub mod phrase;
mod record;
mod recovery;
mod schema;
pub mod space;

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

pub use error::{ErrorKind, Result, VaultError};
pub use header::{Attempt, Opened, PassphraseSeal, RecoverySeal};
pub use kdf::Cost;
pub use lockout::Lockout;
pub use record::{BadId, Kinds, Record, RecordId};
pub use recovery::RecoveryCode;

use crypto::Key;
use format::{FORMAT_V1, FORMAT_V2};
use header::{Header, Integrity, Route};

/// The vault's file name inside the app-data folder.
pub const FILE_NAME: &str = "tend.vault";
const LOCK_NAME: &str = "tend.vault.lock";
const NEW_NAME: &str = "tend.vault.new";
const IMPORT_NAME: &str = "tend.vault.import";
/// The largest backup Tend will read: far above ten years of use (about 25 MiB).
pub const MAX_BACKUP_BYTES: usize = 128 * 1024 * 1024;

/// What opens a vault: the passphrase or the recovery code.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    Passphrase(&'a str),
    RecoveryCode(&'a str),
}

impl Secret<'_> {
    /// Refuses text that cannot be a recovery code before any try is counted.
    pub fn check(&self) -> Result<()> {
        match self {
            Secret::Passphrase(_) => Ok(()),
            Secret::RecoveryCode(text) => RecoveryCode::parse(text).map(drop),
        }
    }
}

/// A uniformly random index below `n` (n > 0), from the OS generator.
pub fn random_below(n: u32) -> u32 {
    let zone = u32::MAX - (u32::MAX % n);
    loop {
        let x = u32::from_le_bytes(crypto::random());
        if x < zone {
            return x % n;
        }
    }
}

/// The keys of an unlocked vault and where its rows stand. Dropped (and wiped) on lock.
struct Keys {
    data: Key,
    record: Key,
    index: Key,
    integrity: Key,
    format: u16,
    key_id: u8,
    /// The XOR of every row's MAC, kept up to date by each write.
    digest: [u8; 32],
    generation: u64,
}

impl Keys {
    fn new(data: Key, format: u16, key_id: u8) -> Self {
        Self {
            record: data.derive(format::RECORD_KEY_INFO),
            index: data.derive(format::INDEX_KEY_INFO),
            integrity: data.derive(format::INTEGRITY_KEY_INFO),
            data,
            format,
            key_id,
            digest: [0; 32],
            generation: 0,
        }
    }

    fn tag(&self, kind: &str) -> [u8; 16] {
        crypto::keyed_tag(&self.index, kind.as_bytes())
    }

    fn open(&self, kind: &str, id: RecordId, envelope: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        format::open_record(
            &self.record,
            self.format,
            self.key_id,
            kind,
            id.as_bytes(),
            envelope,
        )
    }

    fn row_mac(&self, id: &[u8], tag: &[u8], envelope: &[u8]) -> [u8; 32] {
        integrity::row(&self.integrity, id, tag, envelope)
    }

    fn seal_integrity(&self, generation: u64, digest: &[u8; 32]) -> Integrity {
        integrity::seal(
            &self.integrity,
            self.format,
            self.key_id,
            generation,
            digest,
        )
    }
}

/// How an unlock went beyond "open": whether it was by the recovery code (the person
/// chooses a new passphrase next), and the new code an upgrade from format 1 made (the old
/// code's route could not be carried over), to show once.
pub struct Unlocked {
    pub by_recovery_code: bool,
    pub new_code: Option<RecoveryCode>,
}

/// A backup staged beside the vault and checked through: Tend's own schema, sound, opened
/// by its secret, every row guarded and sealed. See [`check_import`].
pub struct Checked {
    path: PathBuf,
    header: Header,
    opened: Opened,
}

/// An open vault file, locked or unlocked.
pub struct Vault {
    conn: Connection,
    dir: PathBuf,
    keys: Option<Keys>,
    lockout: Lockout,
    /// The kinds this vault may hold, handed down by the domain.
    kinds: Kinds,
    // Held for the vault's life: a second instance cannot open the same folder.
    _lock: File,
}

impl Vault {
    pub fn exists(dir: &Path) -> bool {
        dir.join(FILE_NAME).exists()
    }

    /// Makes a new vault in `dir` under `passphrase` (refused if weak) at `cost`, returning
    /// it unlocked with its recovery code, which is shown once and never stored.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        cost: Cost,
        kinds: Kinds,
    ) -> Result<(Self, RecoveryCode)> {
        Self::create_sealed(dir, PassphraseSeal::derive(passphrase, cost)?, kinds)
    }

    /// Makes a new vault under an already derived passphrase key.
    pub fn create_sealed(
        dir: &Path,
        passphrase: PassphraseSeal,
        kinds: Kinds,
    ) -> Result<(Self, RecoveryCode)> {
        secure_dir(dir)?;
        let lock = take_lock(dir)?;
        if Self::exists(dir) {
            return Err(VaultError::AlreadyExists);
        }
        let path = dir.join(FILE_NAME);
        let tmp = dir.join(NEW_NAME);
        let _ = std::fs::remove_file(&tmp);
        let code = RecoveryCode::generate();
        let mut keys = Keys::new(Key::generate(), FORMAT_V2, 2);
        {
            let mut conn = Connection::open(&tmp)?;
            secure_file(&tmp)?;
            schema::harden(&conn)?;
            schema::configure(&conn)?;
            schema::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            let integrity = keys.seal_integrity(1, &keys.digest);
            header::write(
                &tx,
                &keys.data,
                keys.key_id,
                Some(&passphrase),
                &RecoverySeal::for_code(&code, None),
                integrity,
            )?;
            header::put(&tx, "unlock.failures", &0u32.to_be_bytes())?;
            tx.commit()?;
            schema::checkpoint(&conn)?;
        }
        // The vault appears whole or not at all.
        std::fs::rename(&tmp, &path)?;
        let conn = connect(&path)?;
        keys.generation = 1;
        let vault = Self {
            conn,
            dir: dir.to_owned(),
            keys: Some(keys),
            lockout: Lockout::default(),
            kinds,
            _lock: lock,
        };
        Ok((vault, code))
    }

    /// Opens the vault in `dir`, locked. Refuses files that are not Tend vaults, newer
    /// formats, foreign database objects and out-of-range key settings before changing
    /// anything; tightens the folder's and files' permissions; clears leftovers.
    pub fn open(dir: &Path, now_ms: u64, kinds: Kinds) -> Result<Self> {
        let path = dir.join(FILE_NAME);
        if !path.exists() {
            return Err(VaultError::NoVault);
        }
        let lock = take_lock(dir)?;
        let mut conn =
            Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        schema::harden(&conn)?;
        Header::read(&conn)?;
        schema::check(&conn)?;
        schema::configure(&conn)?;
        schema::migrate(&mut conn)?;
        secure_dir(dir)?;
        for name in [
            FILE_NAME,
            &format!("{FILE_NAME}-wal"),
            &format!("{FILE_NAME}-shm"),
        ] {
            let p = dir.join(name);
            if p.exists() {
                secure_file(&p)?;
            }
        }
        for leftover in [NEW_NAME, IMPORT_NAME] {
            let _ = std::fs::remove_file(dir.join(leftover));
        }
        let failures = read_failures(&conn)?;
        Ok(Self {
            conn,
            dir: dir.to_owned(),
            keys: None,
            lockout: Lockout::after_restart(failures, now_ms),
            kinds,
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn is_unlocked(&self) -> bool {
        self.keys.is_some()
    }

    /// How many wrong tries in a row, and when the next may be made.
    pub fn lockout(&self) -> &Lockout {
        &self.lockout
    }

    /// The format the file is in now.
    pub fn format(&self) -> Result<u16> {
        Ok(Header::read(&self.conn)?.format)
    }

    /// The Argon2id cost the vault's passphrase uses: a person's own space gets the same.
    pub fn passphrase_cost(&self) -> Result<Cost> {
        Ok(kdf::KdfParams::decode(&Header::read(&self.conn)?.kdf)?.cost)
    }

    /// Takes back one counted try (see [`Vault::count_attempt`]) after a right secret for
    /// something else (a person's space), leaving earlier wrong tries counted.
    pub fn refund_attempt(&mut self, now_ms: u64) -> Result<()> {
        let failures = self.lockout.refund(now_ms);
        header::put(&self.conn, "unlock.failures", &failures.to_be_bytes())
    }

    /// Whether a passphrase opens the vault now (not after a recovery-code unlock of an
    /// old vault, until a new one is chosen).
    pub fn has_passphrase(&self) -> Result<bool> {
        Ok(Header::read(&self.conn)?.passphrase.is_some())
    }

    /// Starts a try with a secret: refuses while the back-off says wait, then counts the
    /// try as wrong until [`Vault::complete`] or [`Vault::confirm`] hears otherwise, so tries
    /// made side by side all count. Returns what the secret is tried against.
    pub fn prepare(&mut self, now_ms: u64) -> Result<Attempt> {
        self.count_attempt(now_ms)?;
        Ok(Attempt {
            header: Header::read(&self.conn)?,
        })
    }

    /// Counts a try (see [`Vault::prepare`]) without reading the header: for a secret tried
    /// against something else, such as a backup.
    pub fn count_attempt(&mut self, now_ms: u64) -> Result<()> {
        self.lockout.check(now_ms)?;
        let failures = self.lockout.record_failure(now_ms);
        header::put(&self.conn, "unlock.failures", &failures.to_be_bytes())
    }

    /// Finishes a check of this vault's own secret that is one step of something larger (a
    /// restore): a right secret takes back only its own counted try, so wrong tries at the
    /// larger thing's other secret still add up.
    pub fn vouch(&mut self, attempt: Attempt, opened: Result<Opened>, now_ms: u64) -> Result<()> {
        opened?;
        if !attempt.still(&self.conn)? {
            return Err(VaultError::Storage(
                "the vault changed while it was being opened; try again".into(),
            ));
        }
        let failures = self.lockout.refund(now_ms);
        header::put(&self.conn, "unlock.failures", &failures.to_be_bytes())
    }

    /// Settles a counted try: a success clears the count, anything else leaves it.
    pub fn settle<T>(&mut self, result: &Result<T>) -> Result<()> {
        if result.is_ok() {
            self.lockout.reset();
            header::put(&self.conn, "unlock.failures", &0u32.to_be_bytes())?;
        }
        Ok(())
    }

    /// Finishes an unlock begun by [`Vault::prepare`] with what the secret opened. Checks
    /// the rows' integrity, and upgrades a format-1 vault to format 2.
    pub fn complete(&mut self, attempt: Attempt, opened: Result<Opened>) -> Result<Unlocked> {
        let opened = self.confirm_opened(&attempt, opened)?;
        let h = attempt.header;
        let renormalize = opened.renormalize;
        let mut keys = Keys::new(opened.data, h.format, h.key_id);
        if let Some(stored) = h.integrity {
            keys.digest = integrity::digest_of(&self.conn, &keys.integrity)?;
            if !integrity::matches(&keys.integrity, h.format, h.key_id, &stored, &keys.digest) {
                return Err(VaultError::Altered(
                    "records were removed, replaced or added",
                ));
            }
            keys.generation = stored.generation;
            self.check_tags(&keys)?;
        }
        self.keys = Some(keys);
        let by_recovery_code = !matches!(opened.route, Route::Passphrase { .. });
        let mut new_code = None;
        if h.format == FORMAT_V1 {
            // The format-1 recovery route cannot be carried to a new key without the code.
            let upgraded = match opened.route {
                Route::Passphrase { kek } => {
                    let code = RecoveryCode::generate();
                    let passphrase =
                        PassphraseSeal::from_stored(&h.kdf, renormalize.unwrap_or(kek));
                    let done = self.rotate(Some(&passphrase), &RecoverySeal::for_code(&code, None));
                    new_code = Some(code);
                    done
                }
                Route::Recovery { code } => {
                    let recovery = RecoverySeal::for_code(&code, Some(&h.recovery_salt));
                    self.rotate(None, &recovery)
                }
            };
            if let Err(e) = upgraded {
                self.keys = None;
                return Err(e);
            }
        } else if let Some(nfc) = renormalize {
            // Opened by the passphrase as typed: seal the same key under its NFC form.
            self.reseal_passphrase(&h, nfc)?;
        }
        Ok(Unlocked {
            by_recovery_code,
            new_code,
        })
    }

    /// Seals the current data key under `kek` for the passphrase route (same settings),
    /// leaving every record, the key id and the rows' guard as they are.
    fn reseal_passphrase(&mut self, h: &Header, kek: Key) -> Result<()> {
        let keys = self.keys.as_ref().ok_or(VaultError::Locked)?;
        let recovery =
            RecoverySeal::stored(h).ok_or(VaultError::Corrupt("the recovery key is missing"))?;
        let integrity = h
            .integrity
            .ok_or(VaultError::Corrupt("the integrity check is missing"))?;
        let passphrase = PassphraseSeal::from_stored(&h.kdf, kek);
        let tx = self.conn.transaction()?;
        header::write(
            &tx,
            &keys.data,
            keys.key_id,
            Some(&passphrase),
            &recovery,
            integrity,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Finishes a check of a secret begun by [`Vault::prepare`] (before a lasting change):
    /// the secret must open this vault's current data key. Returns it, opened, for the
    /// change to re-seal with.
    pub fn confirm(&mut self, attempt: Attempt, opened: Result<Opened>) -> Result<Opened> {
        self.confirm_opened(&attempt, opened)
    }

    fn confirm_opened(&mut self, attempt: &Attempt, opened: Result<Opened>) -> Result<Opened> {
        self.settle(&opened)?;
        let opened = opened?;
        if !attempt.still(&self.conn)? {
            return Err(VaultError::Storage(
                "the vault changed while it was being opened; try again".into(),
            ));
        }
        Ok(opened)
    }

    /// Rows whose tag names no kind this vault knows are reported, never skipped.
    fn check_tags(&self, keys: &Keys) -> Result<()> {
        let known: Vec<[u8; 16]> = self.kinds.iter().map(|k| keys.tag(k)).collect();
        let mut stmt = self.conn.prepare("SELECT DISTINCT tag FROM records")?;
        let tags = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
        for tag in tags {
            let tag = tag?;
            if !known.iter().any(|k| k[..] == tag[..]) {
                return Err(VaultError::Altered(
                    "it holds records of a kind this Tend does not know",
                ));
            }
        }
        Ok(())
    }

    /// Unlocks with either secret in one go (derivation included). A wrong one is counted
    /// (and the count stored) so that repeated guessing backs off, even across restarts.
    pub fn unlock_with(&mut self, secret: Secret<'_>, now_ms: u64) -> Result<Unlocked> {
        secret.check()?;
        let attempt = self.prepare(now_ms)?;
        let opened = attempt.open(secret);
        self.complete(attempt, opened)
    }

    pub fn unlock(&mut self, passphrase: &str, now_ms: u64) -> Result<Unlocked> {
        self.unlock_with(Secret::Passphrase(passphrase), now_ms)
    }

    pub fn unlock_with_recovery(&mut self, code: &str, now_ms: u64) -> Result<Unlocked> {
        self.unlock_with(Secret::RecoveryCode(code), now_ms)
    }

    /// Checks a secret against the unlocked vault before a lasting change, in one go.
    /// Wrong ones count towards the same back-off as unlocking, so an unattended, unlocked
    /// app is no place to guess.
    pub fn verify(&mut self, secret: Secret<'_>, now_ms: u64) -> Result<Opened> {
        self.keys()?;
        secret.check()?;
        let attempt = self.prepare(now_ms)?;
        let opened = attempt.open(secret);
        self.confirm(attempt, opened)
    }

    pub fn verify_passphrase(&mut self, passphrase: &str, now_ms: u64) -> Result<Opened> {
        self.verify(Secret::Passphrase(passphrase), now_ms)
    }

    /// Forgets the keys and folds the write-ahead log back into the file.
    pub fn lock(&mut self) -> Result<()> {
        self.keys = None;
        schema::checkpoint(&self.conn)
    }

    fn keys(&self) -> Result<&Keys> {
        self.keys.as_ref().ok_or(VaultError::Locked)
    }

    /// A new passphrase, after the current one was confirmed (`proof`): a new data key,
    /// sealed under the new passphrase and for the recovery code the vault has.
    pub fn change_passphrase(&mut self, proof: &Opened, new: PassphraseSeal) -> Result<()> {
        self.keys()?;
        if !proof.by_passphrase() {
            return Err(VaultError::WrongPassphrase);
        }
        let recovery = RecoverySeal::stored(&Header::read(&self.conn)?)
            .ok_or(VaultError::Corrupt("the recovery key is missing"))?;
        self.rotate(Some(&new), &recovery)
    }

    /// A new passphrase after an unlock with the recovery code (`proof` holds the code).
    pub fn reset_passphrase(&mut self, proof: &Opened, new: PassphraseSeal) -> Result<()> {
        self.keys()?;
        let Route::Recovery { code } = &proof.route else {
            return Err(VaultError::WrongRecoveryCode);
        };
        let h = Header::read(&self.conn)?;
        self.rotate(
            Some(&new),
            &RecoverySeal::for_code(code, Some(&h.recovery_salt)),
        )
    }

    /// A new recovery code, after the passphrase was confirmed (`proof`): a new data key,
    /// sealed under that passphrase and for the new code. The old code stops working.
    pub fn replace_recovery_code(&mut self, proof: &Opened, code: &RecoveryCode) -> Result<()> {
        self.keys()?;
        let Route::Passphrase { kek } = &proof.route else {
            return Err(VaultError::WrongPassphrase);
        };
        let h = Header::read(&self.conn)?;
        let passphrase = PassphraseSeal::from_stored(&h.kdf, kek.duplicate());
        self.rotate(Some(&passphrase), &RecoverySeal::for_code(code, None))
    }

    /// Makes a new data key (the next id) and re-seals every record under it, with the
    /// header sealed for `passphrase` (none: that route closes) and `recovery`, in one
    /// transaction: a crash leaves the old key and records or the new, never a mix.
    fn rotate(
        &mut self,
        passphrase: Option<&PassphraseSeal>,
        recovery: &RecoverySeal,
    ) -> Result<()> {
        let old = self.keys.as_ref().ok_or(VaultError::Locked)?;
        let mut new = Keys::new(Key::generate(), FORMAT_V2, format::next_key_id(old.key_id));
        let kinds: HashMap<[u8; 16], &'static str> =
            self.kinds.iter().map(|k| (old.tag(k), *k)).collect();
        let rows: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = {
            let mut stmt = self.conn.prepare("SELECT id, tag, envelope FROM records")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        let tx = self.conn.transaction()?;
        {
            let mut update =
                tx.prepare("UPDATE records SET tag = ?1, envelope = ?2 WHERE id = ?3")?;
            for (id, tag, envelope) in &rows {
                let rid = RecordId::from_bytes(
                    id.as_slice()
                        .try_into()
                        .map_err(|_| VaultError::Corrupt("a record id has the wrong length"))?,
                );
                let tag: [u8; 16] = tag
                    .as_slice()
                    .try_into()
                    .map_err(|_| VaultError::Tampered)?;
                let kind = kinds.get(&tag).ok_or(VaultError::Altered(
                    "it holds records of a kind this Tend does not know",
                ))?;
                let json = old.open(kind, rid, envelope)?;
                let sealed =
                    format::seal_record(&new.record, new.key_id, kind, rid.as_bytes(), &json);
                let new_tag = new.tag(kind);
                let row = new.row_mac(id, &new_tag, &sealed);
                integrity::fold(&mut new.digest, &row);
                update.execute(params![&new_tag[..], sealed, id])?;
            }
        }
        new.generation = old.generation + 1;
        let guard = new.seal_integrity(new.generation, &new.digest);
        header::write(&tx, &new.data, new.key_id, passphrase, recovery, guard)?;
        tx.commit()?;
        self.keys = Some(new);
        // The old key's pages leave the write-ahead log now, not at the next lock (freed
        // pages in the main file are already zeroed: `secure_delete`). The change has
        // landed either way; a checkpoint that fails now is retried at the next lock.
        let _ = schema::checkpoint(&self.conn);
        Ok(())
    }

    /// The record of kind `T` stored under `id`; `NotFound` if there is none.
    pub fn get<T: Record>(&self, id: RecordId) -> Result<T> {
        self.find(id)?.ok_or(VaultError::NotFound)
    }

    /// The record of kind `T` stored under `id`, if there is one.
    pub fn find<T: Record>(&self, id: RecordId) -> Result<Option<T>> {
        let kind = self.kind::<T>()?;
        let keys = self.keys()?;
        let envelope: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT envelope FROM records WHERE id = ?1 AND tag = ?2",
                params![&id.as_bytes()[..], &keys.tag(kind)[..]],
                |r| r.get(0),
            )
            .optional()?;
        envelope
            .map(|e| decode(&keys.open(kind, id, &e)?))
            .transpose()
    }

    /// Every record of kind `T`, in id order.
    pub fn list<T: Record>(&self) -> Result<Vec<T>> {
        Ok(self
            .rows(self.kind::<T>()?)?
            .into_iter()
            .map(|(_, record)| record)
            .collect())
    }

    /// Whether a record of kind `T` is stored under `id` (nothing is decrypted).
    pub fn contains<T: Record>(&self, id: RecordId) -> Result<bool> {
        let kind = self.kind::<T>()?;
        let keys = self.keys()?;
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM records WHERE id = ?1 AND tag = ?2)",
            params![&id.as_bytes()[..], &keys.tag(kind)[..]],
            |r| r.get(0),
        )?)
    }

    /// The one save rule for what a person edits: no id means a new record, which gets a
    /// fresh one; an id must name a record of kind `T` that is already stored.
    pub fn claim<T: Record>(&self, id: Option<RecordId>) -> Result<RecordId> {
        match id {
            None => Ok(RecordId::generate()),
            Some(id) if self.contains::<T>(id)? => Ok(id),
            Some(_) => Err(VaultError::NotFound),
        }
    }

    /// Seals and stores one record under its own id.
    pub fn save<T: Record>(&mut self, record: &T) -> Result<()> {
        self.write(|w| w.save(record))
    }

    /// Deletes the record of kind `T` under `id`; returns whether there was one.
    pub fn delete<T: Record>(&mut self, id: RecordId) -> Result<bool> {
        let mut found = false;
        self.write(|w| {
            found = w.delete::<T>(id)?;
            Ok(())
        })?;
        Ok(found)
    }

    /// Deletes a record that must exist: `NotFound` otherwise.
    pub fn remove<T: Record>(&mut self, id: RecordId) -> Result<()> {
        self.write(|w| w.remove::<T>(id))
    }

    /// `T`'s kind, if this vault was told about it.
    fn kind<T: Record>(&self) -> Result<&'static str> {
        known_kind(self.kinds, T::KIND)
    }

    /// Every row of one kind, opened: as `T`, or as plain JSON for exports.
    fn rows<T: DeserializeOwned>(&self, kind: &str) -> Result<Vec<(RecordId, T)>> {
        let keys = self.keys()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, envelope FROM records WHERE tag = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![&keys.tag(kind)[..]], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, envelope) = row?;
            let id = RecordId::from_bytes(
                id.try_into()
                    .map_err(|_| VaultError::Corrupt("a record id has the wrong length"))?,
            );
            out.push((id, decode(&keys.open(kind, id, &envelope)?)?));
        }
        Ok(out)
    }

    /// Runs several changes as one transaction: all of them land, or none. The rows' guard
    /// moves on with them.
    pub fn write<F>(&mut self, f: F) -> Result<()>
    where
        F: FnOnce(&mut Writer<'_>) -> Result<()>,
    {
        let keys = self.keys.as_mut().ok_or(VaultError::Locked)?;
        if keys.format != FORMAT_V2 {
            return Err(VaultError::Storage("the vault is not upgraded yet".into()));
        }
        let tx = self.conn.transaction()?;
        let mut writer = Writer {
            tx: &tx,
            keys: &*keys,
            kinds: self.kinds,
            digest: keys.digest,
        };
        f(&mut writer)?;
        let digest = writer.digest;
        let generation = keys.generation + 1;
        header::write_integrity(&tx, keys.seal_integrity(generation, &digest))?;
        tx.commit()?;
        keys.digest = digest;
        keys.generation = generation;
        Ok(())
    }

    /// Writes a consistent copy of the vault to `dest`, still sealed under the same keys
    /// (it opens with the same passphrase or recovery code), readable by its owner only.
    /// Written beside `dest` first and renamed into place, so a failed export leaves no
    /// half file.
    pub fn export_backup(&self, dest: &Path) -> Result<()> {
        self.keys()?;
        let partial = dest.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let path = partial
            .to_str()
            .ok_or_else(|| VaultError::Storage("the backup path is not valid text".into()))?;
        let result = self
            .conn
            .execute("VACUUM INTO ?1", [path])
            .map_err(VaultError::from)
            .and_then(|_| {
                secure_file(&partial)?;
                File::open(&partial)?.sync_all()?;
                std::fs::rename(&partial, dest)?;
                Ok(())
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    /// Replaces this vault with a checked backup (see [`check_import`]); on any failure the
    /// current vault is exactly as it was. On success the vault is unlocked with the
    /// backup's key (and upgraded, if it was format 1).
    pub fn import_backup(&mut self, checked: Checked) -> Result<Unlocked> {
        // From here the old keys must never touch the new file.
        self.keys = None;
        // Close the current file cleanly so no write-ahead log is left to replay.
        schema::checkpoint(&self.conn)?;
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| VaultError::from(e))?;
        let path = self.dir.join(FILE_NAME);
        let swapped =
            leftover_wal(&self.dir).and_then(|_| Ok(std::fs::rename(&checked.path, &path)?));
        self.conn = connect(&path)?;
        if let Err(e) = swapped {
            let _ = std::fs::remove_file(&checked.path);
            return Err(e);
        }
        self.lockout.reset();
        header::put(&self.conn, "unlock.failures", &0u32.to_be_bytes())?;
        let attempt = Attempt {
            header: checked.header,
        };
        self.complete(attempt, Ok(checked.opened))
    }

    /// Makes the vault in `dir` from a checked backup, for a fresh install.
    pub fn create_from_import(
        dir: &Path,
        checked: Checked,
        kinds: Kinds,
    ) -> Result<(Self, Unlocked)> {
        secure_dir(dir)?;
        let lock = take_lock(dir)?;
        if Self::exists(dir) {
            return Err(VaultError::AlreadyExists);
        }
        std::fs::rename(&checked.path, dir.join(FILE_NAME))?;
        drop(lock);
        let mut vault = Self::open(dir, 0, kinds)?;
        let attempt = Attempt {
            header: checked.header,
        };
        let unlocked = vault.complete(attempt, Ok(checked.opened))?;
        Ok((vault, unlocked))
    }

    /// Every record of every kind as readable JSON. For the person's own export, after
    /// their passphrase was given again; the caller warns them first.
    pub fn readable_export(&self) -> Result<serde_json::Value> {
        let mut out = serde_json::Map::new();
        for kind in self.kinds {
            let rows = self.rows::<serde_json::Value>(kind)?;
            let rows = rows
                .into_iter()
                .map(|(id, value)| serde_json::json!({ "id": id.to_hex(), "value": value }));
            out.insert((*kind).to_owned(), serde_json::Value::Array(rows.collect()));
        }
        Ok(serde_json::json!({ "format": "tend-readable-export", "version": 1, "kinds": out }))
    }

    /// Destroys the vault: first the sealed keys (overwritten in place, so nothing left can
    /// open the records), then every record, then the files. The caller checks the
    /// person's confirmation first: this does not ask again.
    pub fn wipe(mut self) -> Result<()> {
        self.keys = None;
        let tx = self.conn.transaction()?;
        for name in ["key.passphrase", "key.recovery", "recovery.public"] {
            if header::find(&tx, name)?.is_some() {
                header::put(&tx, name, &crypto::random::<92>())?;
            }
        }
        tx.commit()?;
        schema::checkpoint(&self.conn)?;
        self.conn.execute("DELETE FROM records", [])?;
        self.conn.execute("DELETE FROM meta", [])?;
        schema::checkpoint(&self.conn)?;
        let dir = self.dir.clone();
        drop(self);
        remove_files(&dir)
    }

    /// Deletes the files of a vault that cannot be opened (damaged, another format), so a
    /// person can start again. Refused while another instance holds the vault.
    pub fn wipe_unopenable(dir: &Path) -> Result<()> {
        let lock = take_lock(dir)?;
        let result = remove_files(dir);
        drop(lock);
        result
    }

    /// SQLite's own integrity check; `true` when the file is sound.
    pub fn integrity_ok(&self) -> Result<bool> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(verdict == "ok")
    }
}

impl Drop for Vault {
    fn drop(&mut self) {
        self.keys = None;
        let _ = schema::checkpoint(&self.conn);
    }
}

/// Changes inside one transaction (see [`Vault::write`]).
pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    keys: &'a Keys,
    kinds: Kinds,
    digest: [u8; 32],
}

impl Writer<'_> {
    /// The row now under `id`, if any: its tag and envelope.
    fn current(&self, id: &RecordId) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        Ok(self
            .tx
            .query_row(
                "SELECT tag, envelope FROM records WHERE id = ?1",
                [&id.as_bytes()[..]],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Seals and stores one record under its own id.
    pub fn save<T: Record>(&mut self, record: &T) -> Result<()> {
        let kind = known_kind(self.kinds, T::KIND)?;
        let id = record.id();
        let tag = self.keys.tag(kind);
        let before = self.current(&id)?;
        // An id belongs to one kind for good: an update may not move a row to another kind.
        if before.as_ref().is_some_and(|(t, _)| t[..] != tag[..]) {
            return Err(VaultError::IdTaken);
        }
        let json = Zeroizing::new(
            serde_json::to_vec(record).map_err(|e| VaultError::Storage(e.to_string()))?,
        );
        let envelope = format::seal_record(
            &self.keys.record,
            self.keys.key_id,
            kind,
            id.as_bytes(),
            &json,
        );
        self.tx.execute(
            "INSERT INTO records (id, tag, envelope) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET envelope = excluded.envelope",
            params![&id.as_bytes()[..], &tag[..], envelope],
        )?;
        if let Some((t, e)) = before {
            let row = self.keys.row_mac(id.as_bytes(), &t, &e);
            integrity::fold(&mut self.digest, &row);
        }
        let row = self.keys.row_mac(id.as_bytes(), &tag, &envelope);
        integrity::fold(&mut self.digest, &row);
        Ok(())
    }

    /// Deletes the record of kind `T` under `id`; returns whether there was one.
    pub fn delete<T: Record>(&mut self, id: RecordId) -> Result<bool> {
        let kind = known_kind(self.kinds, T::KIND)?;
        let tag = self.keys.tag(kind);
        match self.current(&id)? {
            Some((t, e)) if t[..] == tag[..] => {
                self.tx
                    .execute("DELETE FROM records WHERE id = ?1", [&id.as_bytes()[..]])?;
                let row = self.keys.row_mac(id.as_bytes(), &t, &e);
                integrity::fold(&mut self.digest, &row);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Deletes a record that must exist: `NotFound` otherwise (and the change rolls back).
    pub fn remove<T: Record>(&mut self, id: RecordId) -> Result<()> {
        if self.delete::<T>(id)? {
            Ok(())
        } else {
            Err(VaultError::NotFound)
        }
    }
}

fn known_kind(kinds: Kinds, kind: &'static str) -> Result<&'static str> {
    format::check_kind(kind)?;
    if kinds.contains(&kind) {
        Ok(kind)
    } else {
        Err(VaultError::UnknownKind)
    }
}

fn decode<T: DeserializeOwned>(json: &[u8]) -> Result<T> {
    serde_json::from_slice(json).map_err(|_| VaultError::Corrupt("a record could not be read"))
}

/// A connection to a vault file Tend wrote: hardened, then durable.
fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    schema::harden(&conn)?;
    schema::configure(&conn)?;
    Ok(conn)
}

fn take_lock(dir: &Path) -> Result<File> {
    secure_dir(dir)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_NAME))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(VaultError::InUse),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// Makes `dir` (if needed) readable by its owner only.
fn secure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Makes a file readable and writable by its owner only.
pub fn secure_file(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn remove_files(dir: &Path) -> Result<()> {
    let names = [
        FILE_NAME,
        &format!("{FILE_NAME}-wal"),
        &format!("{FILE_NAME}-shm"),
        NEW_NAME,
        &format!("{NEW_NAME}-journal"),
        IMPORT_NAME,
        &format!("{IMPORT_NAME}-wal"),
        &format!("{IMPORT_NAME}-shm"),
        &format!("{IMPORT_NAME}-journal"),
        LOCK_NAME,
    ];
    for name in names {
        match std::fs::remove_file(dir.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// Writes a backup's bytes beside the vault (readable by the owner only), after checking
/// its size and that it is a SQLite file at all. Nothing is opened or trusted yet.
pub fn stage_import(dir: &Path, bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(VaultError::TooLarge);
    }
    if bytes.len() < 100 || &bytes[..16] != b"SQLite format 3\0" {
        return Err(VaultError::NotABackup);
    }
    secure_dir(dir)?;
    let staged = dir.join(IMPORT_NAME);
    let _ = std::fs::remove_file(&staged);
    let result = (|| -> Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&staged)?;
        std::io::Write::write_all(&mut f, bytes)?;
        f.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&staged);
    }
    result
}

/// Whether a backup is staged in `dir`.
pub fn import_staged(dir: &Path) -> bool {
    dir.join(IMPORT_NAME).exists()
}

/// Removes a staged backup (abandoned, or refused).
pub fn discard_import(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(IMPORT_NAME));
}

/// Checks the staged backup through before anything trusts it: Tend's own schema and
/// nothing else (compared before any write), a format this build reads, sound by SQLite's
/// check, opened by `secret`, its rows' guard intact and every record of a known kind and
/// whole. Slow for a passphrase: run it with no lock held. The staged file is removed on
/// any failure.
pub fn check_import(dir: &Path, secret: Secret<'_>, kinds: Kinds) -> Result<Checked> {
    let staged = dir.join(IMPORT_NAME);
    if !staged.exists() {
        return Err(VaultError::Storage(
            "no backup is waiting to be restored".into(),
        ));
    }
    let check = || -> Result<(Header, Opened)> {
        let mut conn =
            Connection::open_with_flags(&staged, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        schema::harden(&conn)?;
        let header = Header::read(&conn)?;
        schema::check(&conn)?;
        let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(VaultError::Corrupt("the backup failed its integrity check"));
        }
        let attempt = Attempt {
            header: header.clone(),
        };
        let opened = attempt.open(secret)?;
        let mut keys = Keys::new(opened.data.duplicate(), header.format, header.key_id);
        if let Some(stored) = header.integrity {
            keys.digest = integrity::digest_of(&conn, &keys.integrity)?;
            if !integrity::matches(
                &keys.integrity,
                header.format,
                header.key_id,
                &stored,
                &keys.digest,
            ) {
                return Err(VaultError::Altered(
                    "records were removed, replaced or added",
                ));
            }
        }
        let known: HashMap<[u8; 16], &str> = kinds.iter().map(|k| (keys.tag(k), *k)).collect();
        {
            let mut stmt = conn.prepare("SELECT id, tag, envelope FROM records")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: Vec<u8> = row.get(0)?;
                let tag: Vec<u8> = row.get(1)?;
                let envelope: Vec<u8> = row.get(2)?;
                let id = RecordId::from_bytes(
                    id.try_into()
                        .map_err(|_| VaultError::Corrupt("a record id has the wrong length"))?,
                );
                let tag: [u8; 16] = tag.try_into().map_err(|_| VaultError::Tampered)?;
                let kind = known.get(&tag).ok_or(VaultError::Corrupt(
                    "the backup holds a record of an unknown kind",
                ))?;
                keys.open(kind, id, &envelope)?;
            }
        }
        schema::configure(&conn)?;
        schema::migrate(&mut conn)?;
        schema::checkpoint(&conn)?;
        Ok((header, opened))
    };
    match check() {
        Ok((header, opened)) => Ok(Checked {
            path: staged,
            header,
            opened,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            Err(match e {
                VaultError::NotAVault => VaultError::NotABackup,
                e => e,
            })
        }
    }
}

/// Refuses to swap files while a write-ahead log of the old vault is still on disk.
fn leftover_wal(dir: &Path) -> Result<()> {
    let wal = dir.join(format!("{FILE_NAME}-wal"));
    match std::fs::metadata(&wal) {
        Ok(m) if m.len() > 0 => Err(VaultError::Storage(
            "the vault's log could not be folded in".into(),
        )),
        Ok(_) => Ok(std::fs::remove_file(&wal)?),
        Err(_) => Ok(()),
    }
}

fn read_failures(conn: &Connection) -> Result<u32> {
    let bytes = header::find(conn, "unlock.failures")?.unwrap_or_else(|| vec![0; 4]);
    Ok(bytes.try_into().map(u32::from_be_bytes).unwrap_or(0))
}

#[cfg(test)]
mod tests;
