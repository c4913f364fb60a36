//! The encrypted vault: one SQLite file whose rows are opaque ids and sealed envelopes.
//!
//! Key hierarchy: passphrase → Argon2id → key-encryption key, which seals a random data
//! key; the recovery code → HKDF → a second key sealing the same data key. Changing either
//! re-seals 32 bytes, never the records. Records are sealed with subkeys of the data key,
//! and the only other value in a row is a keyed tag of its kind, for listing.
//!
//! Nothing outside this module sees a key; callers save and read typed [`Record`]s. The
//! vault knows kinds only by the names the domain hands down when it opens one: it is the
//! ground floor and imports nothing from the domain.

mod crypto;
mod error;
mod format;
pub mod kdf;
mod lockout;
mod record;
mod recovery;
mod schema;

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

pub use error::{ErrorKind, Result, VaultError};
pub use kdf::Cost;
pub use lockout::Lockout;
pub use record::{BadId, Kinds, Record, RecordId};
pub use recovery::RecoveryCode;

use crate::about::VAULT_FORMAT_VERSION;
use crypto::Key;
use kdf::KdfParams;

/// The vault's file name inside the app-data folder.
pub const FILE_NAME: &str = "tend.vault";
const LOCK_NAME: &str = "tend.vault.lock";
const IMPORT_NAME: &str = "tend.vault.import";
/// The largest backup Tend will read (far above ten years of use).
pub const MAX_BACKUP_BYTES: usize = 512 * 1024 * 1024;

/// What opens a vault: the passphrase or the recovery code.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    Passphrase(&'a str),
    RecoveryCode(&'a str),
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

/// The keys of an unlocked vault. Dropped (and wiped) on lock.
struct Keys {
    data: Key,
    record: Key,
    index: Key,
}

impl Keys {
    fn from_data_key(data: Key) -> Self {
        Self {
            record: data.derive(format::RECORD_KEY_INFO),
            index: data.derive(format::INDEX_KEY_INFO),
            data,
        }
    }

    fn tag(&self, kind: &str) -> [u8; 16] {
        crypto::keyed_tag(&self.index, kind.as_bytes())
    }
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

    /// Makes a new vault in `dir` under `passphrase` (refused if weak), returning it
    /// unlocked with its recovery code, which is shown once and never stored.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        cost: Cost,
        kinds: Kinds,
    ) -> Result<(Self, RecoveryCode)> {
        crate::passphrase::require_strong(passphrase)?;
        std::fs::create_dir_all(dir)?;
        let lock = take_lock(dir)?;
        if Self::exists(dir) {
            return Err(VaultError::AlreadyExists);
        }
        let path = dir.join(FILE_NAME);
        let tmp = dir.join(format!("{FILE_NAME}.new"));
        let _ = std::fs::remove_file(&tmp);
        let data = Key::generate();
        let code = RecoveryCode::generate();
        {
            let mut conn = Connection::open(&tmp)?;
            schema::configure(&conn)?;
            schema::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            put_meta(&tx, "magic", format::MAGIC)?;
            put_meta(&tx, "format", &VAULT_FORMAT_VERSION.to_be_bytes())?;
            seal_passphrase(&tx, &data, passphrase, cost)?;
            seal_recovery(&tx, &data, &code)?;
            put_meta(&tx, "unlock.failures", &0u32.to_be_bytes())?;
            tx.commit()?;
            schema::checkpoint(&conn)?;
        }
        // The vault appears whole or not at all.
        std::fs::rename(&tmp, &path)?;
        let conn = Connection::open(&path)?;
        schema::configure(&conn)?;
        let vault = Self {
            conn,
            dir: dir.to_owned(),
            keys: Some(Keys::from_data_key(data)),
            lockout: Lockout::default(),
            kinds,
            _lock: lock,
        };
        Ok((vault, code))
    }

    /// Opens the vault in `dir`, locked. Refuses files that are not Tend vaults, newer
    /// formats and weakened key settings before changing anything.
    pub fn open(dir: &Path, now_ms: u64, kinds: Kinds) -> Result<Self> {
        let path = dir.join(FILE_NAME);
        if !path.exists() {
            return Err(VaultError::NoVault);
        }
        let lock = take_lock(dir)?;
        let mut conn =
            Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        check_header(&conn)?;
        schema::configure(&conn)?;
        schema::migrate(&mut conn)?;
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

    pub fn unlock(&mut self, passphrase: &str, now_ms: u64) -> Result<()> {
        self.unlock_with(Secret::Passphrase(passphrase), now_ms)
    }

    pub fn unlock_with_recovery(&mut self, code: &str, now_ms: u64) -> Result<()> {
        self.unlock_with(Secret::RecoveryCode(code), now_ms)
    }

    /// Unlocks with either secret. A wrong one is counted (and the count stored) so that
    /// repeated guessing backs off, even across restarts.
    pub fn unlock_with(&mut self, secret: Secret<'_>, now_ms: u64) -> Result<()> {
        self.lockout.check(now_ms)?;
        match open_data_key(&self.conn, secret) {
            Ok(data) => {
                self.keys = Some(Keys::from_data_key(data));
                self.lockout.reset();
                put_meta(&self.conn, "unlock.failures", &0u32.to_be_bytes())
            }
            Err(e @ (VaultError::WrongPassphrase | VaultError::WrongRecoveryCode)) => {
                let failures = self.lockout.record_failure(now_ms);
                put_meta(&self.conn, "unlock.failures", &failures.to_be_bytes())?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// Checks a passphrase against the unlocked vault before sensitive actions (readable
    /// export, new passphrase). Wrong ones count towards the same back-off as unlocking,
    /// so an unattended, unlocked app is no place to guess.
    pub fn verify_passphrase(&mut self, passphrase: &str, now_ms: u64) -> Result<()> {
        self.keys()?;
        self.lockout.check(now_ms)?;
        match open_data_key(&self.conn, Secret::Passphrase(passphrase)) {
            Ok(_) => Ok(()),
            Err(e @ VaultError::WrongPassphrase) => {
                let failures = self.lockout.record_failure(now_ms);
                put_meta(&self.conn, "unlock.failures", &failures.to_be_bytes())?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// Forgets the keys and folds the write-ahead log back into the file.
    pub fn lock(&mut self) -> Result<()> {
        self.keys = None;
        schema::checkpoint(&self.conn)
    }

    fn keys(&self) -> Result<&Keys> {
        self.keys.as_ref().ok_or(VaultError::Locked)
    }

    /// Re-seals the data key under a new passphrase (refused if weak). Records are untouched.
    pub fn change_passphrase(&mut self, new_passphrase: &str, cost: Cost) -> Result<()> {
        crate::passphrase::require_strong(new_passphrase)?;
        let keys = self.keys.as_ref().ok_or(VaultError::Locked)?;
        let tx = self.conn.transaction()?;
        seal_passphrase(&tx, &keys.data, new_passphrase, cost)?;
        tx.commit()?;
        Ok(())
    }

    /// Makes a new recovery code; the old one stops working.
    pub fn new_recovery_code(&mut self) -> Result<RecoveryCode> {
        let code = RecoveryCode::generate();
        self.set_recovery_code(&code)?;
        Ok(code)
    }

    /// Seals the data key under `code` instead of the current recovery code.
    pub fn set_recovery_code(&mut self, code: &RecoveryCode) -> Result<()> {
        let keys = self.keys.as_ref().ok_or(VaultError::Locked)?;
        let tx = self.conn.transaction()?;
        seal_recovery(&tx, &keys.data, code)?;
        tx.commit()?;
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
            .map(|e| decode(&keys.record, kind, id, &e))
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
            out.push((id, decode(&keys.record, kind, id, &envelope)?));
        }
        Ok(out)
    }

    /// Runs several changes as one transaction: all of them land, or none.
    pub fn write<F>(&mut self, f: F) -> Result<()>
    where
        F: FnOnce(&mut Writer<'_>) -> Result<()>,
    {
        let keys = self.keys.as_ref().ok_or(VaultError::Locked)?;
        let tx = self.conn.transaction()?;
        let mut writer = Writer {
            tx: &tx,
            keys,
            kinds: self.kinds,
        };
        f(&mut writer)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes a consistent copy of the vault to `dest`, still sealed under the same keys
    /// (it opens with the same passphrase or recovery code). Written beside `dest` first
    /// and renamed into place, so a failed export leaves no half file.
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
                File::open(&partial)?.sync_all()?;
                std::fs::rename(&partial, dest)?;
                Ok(())
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    /// Replaces this vault with a backup that `secret` opens. Everything is checked first
    /// (format, integrity, the secret, every record's seal); on any failure the current
    /// vault is exactly as it was. On success the vault is unlocked with the backup's keys.
    pub fn import_backup(&mut self, backup: &[u8], secret: Secret<'_>) -> Result<()> {
        let staged = stage_backup(&self.dir, backup, secret, self.kinds)?;
        // From here the old keys must never touch the new file.
        self.keys = None;
        // Close the current file cleanly so no write-ahead log is left to replay.
        schema::checkpoint(&self.conn)?;
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| VaultError::from(e))?;
        let path = self.dir.join(FILE_NAME);
        let swapped = leftover_wal(&self.dir).and_then(|_| Ok(std::fs::rename(&staged, &path)?));
        self.conn = Connection::open(&path)?;
        schema::configure(&self.conn)?;
        if let Err(e) = swapped {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
        schema::migrate(&mut self.conn)?;
        self.keys = None;
        self.lockout.reset();
        self.unlock_with(secret, 0)
    }

    /// Makes the vault in `dir` from a backup, for a fresh install. Same checks as
    /// [`Vault::import_backup`].
    pub fn create_from_backup(
        dir: &Path,
        backup: &[u8],
        secret: Secret<'_>,
        kinds: Kinds,
    ) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let lock = take_lock(dir)?;
        if Self::exists(dir) {
            return Err(VaultError::AlreadyExists);
        }
        let staged = stage_backup(dir, backup, secret, kinds)?;
        std::fs::rename(&staged, dir.join(FILE_NAME))?;
        drop(lock);
        let mut vault = Self::open(dir, 0, kinds)?;
        vault.unlock_with(secret, 0)?;
        Ok(vault)
    }

    /// Every record of every kind as readable JSON, after the passphrase is given again.
    /// For the person's own export; the caller warns them first.
    pub fn readable_export(&mut self, passphrase: &str, now_ms: u64) -> Result<serde_json::Value> {
        self.verify_passphrase(passphrase, now_ms)?;
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
    /// open the records), then every record, then the files. Call [`check_wipe_phrase`]
    /// first: this does not ask again.
    pub fn wipe(mut self) -> Result<()> {
        self.keys = None;
        let tx = self.conn.transaction()?;
        for name in ["key.passphrase", "key.recovery"] {
            put_meta(&tx, name, &crypto::random::<60>())?;
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
}

impl Writer<'_> {
    /// Seals and stores one record under its own id.
    pub fn save<T: Record>(&mut self, record: &T) -> Result<()> {
        let kind = known_kind(self.kinds, T::KIND)?;
        let id = record.id();
        let plain = Zeroizing::new(
            serde_json::to_vec(record).map_err(|e| VaultError::Storage(e.to_string()))?,
        );
        let envelope = format::seal_record(&self.keys.record, kind, id.as_bytes(), &plain);
        // An id belongs to one kind for good: an update may not move a row to another kind.
        let changed = self.tx.execute(
            "INSERT INTO records (id, tag, envelope) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET envelope = excluded.envelope WHERE tag = excluded.tag",
            params![&id.as_bytes()[..], &self.keys.tag(kind)[..], envelope],
        )?;
        if changed != 1 {
            return Err(VaultError::IdTaken);
        }
        Ok(())
    }

    /// Deletes the record of kind `T` under `id`; returns whether there was one.
    pub fn delete<T: Record>(&mut self, id: RecordId) -> Result<bool> {
        let kind = known_kind(self.kinds, T::KIND)?;
        let n = self.tx.execute(
            "DELETE FROM records WHERE id = ?1 AND tag = ?2",
            params![&id.as_bytes()[..], &self.keys.tag(kind)[..]],
        )?;
        Ok(n > 0)
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

fn decode<T: DeserializeOwned>(key: &Key, kind: &str, id: RecordId, envelope: &[u8]) -> Result<T> {
    let plain = format::open_record(key, kind, id.as_bytes(), envelope)?;
    serde_json::from_slice(&plain).map_err(|_| VaultError::Corrupt("a record could not be read"))
}

fn take_lock(dir: &Path) -> Result<File> {
    std::fs::create_dir_all(dir)?;
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

fn check_header(conn: &Connection) -> Result<()> {
    let has_meta: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
        [],
        |r| r.get(0),
    )?;
    if !has_meta {
        return Err(VaultError::NotAVault);
    }
    let magic = get_meta(conn, "magic").map_err(|_| VaultError::NotAVault)?;
    if magic != format::MAGIC {
        return Err(VaultError::NotAVault);
    }
    let version = get_meta(conn, "format")?;
    let version = u16::from_be_bytes(
        version
            .try_into()
            .map_err(|_| VaultError::Corrupt("the format version is unreadable"))?,
    );
    if version > VAULT_FORMAT_VERSION {
        return Err(VaultError::NewerFormat(version));
    }
    if version == 0 {
        return Err(VaultError::Corrupt("the format version is unreadable"));
    }
    KdfParams::decode(&get_meta(conn, "kdf")?)?;
    Ok(())
}

fn remove_files(dir: &Path) -> Result<()> {
    let names = [
        FILE_NAME,
        &format!("{FILE_NAME}-wal"),
        &format!("{FILE_NAME}-shm"),
        IMPORT_NAME,
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

/// Opens the data key with a secret; the error names which secret was wrong.
fn open_data_key(conn: &Connection, secret: Secret<'_>) -> Result<Key> {
    let opened = match secret {
        Secret::Passphrase(p) => {
            let kdf = get_meta(conn, "kdf")?;
            let kek = KdfParams::decode(&kdf)?.derive(p.as_bytes())?;
            let sealed = get_meta(conn, "key.passphrase")?;
            crypto::open(&kek, &format::passphrase_key_aad(&kdf), &sealed)
                .map_err(|_| VaultError::WrongPassphrase)
        }
        Secret::RecoveryCode(text) => {
            let code = RecoveryCode::parse(text)?;
            let salt = get_meta(conn, "recovery.salt")?;
            let sealed = get_meta(conn, "key.recovery")?;
            crypto::open(
                &code.derive(&salt),
                &format::recovery_key_aad(&salt),
                &sealed,
            )
            .map_err(|_| VaultError::WrongRecoveryCode)
        }
    }?;
    let data: [u8; 32] = opened[..]
        .try_into()
        .map_err(|_| VaultError::Corrupt("the sealed key has the wrong length"))?;
    Ok(Key::from_bytes(Zeroizing::new(data)))
}

/// Writes a backup beside the vault and checks it through: a Tend vault of a format this
/// build reads, sound by SQLite's check, opened by `secret`, every record's seal intact.
/// Returns the staged path; removes it on any failure.
fn stage_backup(dir: &Path, backup: &[u8], secret: Secret<'_>, kinds: Kinds) -> Result<PathBuf> {
    if backup.len() > MAX_BACKUP_BYTES {
        return Err(VaultError::TooLarge);
    }
    if backup.len() < 100 || &backup[..16] != b"SQLite format 3\0" {
        return Err(VaultError::NotABackup);
    }
    let staged = dir.join(IMPORT_NAME);
    let check =
        || -> Result<()> {
            {
                let mut f = File::create(&staged)?;
                std::io::Write::write_all(&mut f, backup)?;
                f.sync_all()?;
            }
            let mut conn =
                Connection::open_with_flags(&staged, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            check_header(&conn)?;
            schema::migrate(&mut conn)?;
            let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if verdict != "ok" {
                return Err(VaultError::Corrupt("the backup failed its integrity check"));
            }
            let keys = Keys::from_data_key(open_data_key(&conn, secret)?);
            let mut stmt = conn.prepare("SELECT id, tag, envelope FROM records")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: Vec<u8> = row.get(0)?;
                let tag: Vec<u8> = row.get(1)?;
                let envelope: Vec<u8> = row.get(2)?;
                let id: [u8; 16] = id
                    .try_into()
                    .map_err(|_| VaultError::Corrupt("a record id has the wrong length"))?;
                let kind = kinds.iter().find(|k| keys.tag(k)[..] == tag[..]).ok_or(
                    VaultError::Corrupt("the backup holds a record of an unknown kind"),
                )?;
                format::open_record(&keys.record, kind, &id, &envelope)?;
            }
            Ok(())
        };
    match check() {
        Ok(()) => Ok(staged),
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

fn seal_passphrase(tx: &Transaction<'_>, data: &Key, passphrase: &str, cost: Cost) -> Result<()> {
    let params = KdfParams::new(cost);
    let kdf = params.encode();
    let kek = params.derive(passphrase.as_bytes())?;
    put_meta(tx, "kdf", &kdf)?;
    put_meta(
        tx,
        "key.passphrase",
        &crypto::seal(&kek, &format::passphrase_key_aad(&kdf), data.expose()),
    )
}

fn seal_recovery(tx: &Transaction<'_>, data: &Key, code: &RecoveryCode) -> Result<()> {
    let salt: [u8; recovery::SALT_LEN] = crypto::random();
    put_meta(tx, "recovery.salt", &salt)?;
    put_meta(
        tx,
        "key.recovery",
        &crypto::seal(
            &code.derive(&salt),
            &format::recovery_key_aad(&salt),
            data.expose(),
        ),
    )
}

fn put_meta(conn: &Connection, name: &str, value: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        params![name, value],
    )?;
    Ok(())
}

fn get_meta(conn: &Connection, name: &str) -> Result<Vec<u8>> {
    conn.query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(VaultError::Corrupt("a header field is missing"))
}

fn read_failures(conn: &Connection) -> Result<u32> {
    let bytes = get_meta(conn, "unlock.failures").unwrap_or_else(|_| vec![0; 4]);
    Ok(bytes.try_into().map(u32::from_be_bytes).unwrap_or(0))
}

#[cfg(test)]
mod tests;
