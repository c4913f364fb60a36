//! The vault's life in the app: created, locked, unlocked, auto-locked, backed up, wiped.
//! The shell holds one `Keeper` behind a mutex and forwards commands to it with the time.
//!
//! Anything that derives a key (Argon2id takes a good part of a second) runs in three
//! steps, so the mutex is never held while it runs: `begin_*` takes a [`Ticket`] (the try
//! is counted against the back-off then, so tries side by side all count), the caller opens
//! it with the secret holding nothing, and `finish_*` settles it. A ticket from before a
//! wipe, import or new vault is refused.

use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use crate::autolock::AutoLock;
use crate::kinds;
use crate::private::Memory;
use crate::settings::Settings;
use crate::vault::space::{SpaceKeys, SpaceLock};
use crate::vault::{
    self, kdf, Attempt, Checked, Cost, Lockout, Opened, PassphraseSeal, RecordId, RecoveryCode,
    Secret, Unlocked, Vault, VaultError,
};
use crate::{Error, Result};

/// What a person types to confirm wiping everything.
pub const WIPE_PHRASE: &str = "wipe everything";

/// How the key-derivation cost is chosen for a new passphrase.
#[derive(Debug, Clone, Copy)]
pub enum CostPolicy {
    /// Measure this machine (the app).
    Calibrate,
    /// A fixed cost, never below the floor (tests).
    Fixed(Cost),
}

impl CostPolicy {
    /// Derives a new passphrase's key at this policy's cost. Slow: hold no lock.
    pub fn seal(self, passphrase: &str) -> Result<PassphraseSeal> {
        Ok(match self {
            CostPolicy::Calibrate => PassphraseSeal::calibrated(passphrase)?,
            CostPolicy::Fixed(c) => PassphraseSeal::derive(passphrase, c)?,
        })
    }

    /// The cost a new passphrase would get (the benchmark reads it).
    pub fn cost(self) -> Cost {
        match self {
            CostPolicy::Calibrate => kdf::calibrate(kdf::measure_here),
            CostPolicy::Fixed(c) => c,
        }
    }
}

/// What the lock screen needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub exists: bool,
    pub unlocked: bool,
    pub failures: u32,
    pub retry_after_ms: u64,
    /// A new recovery code is waiting to be confirmed.
    pub recovery_pending: bool,
    /// Opened with the recovery code: a new passphrase is chosen next.
    pub passphrase_needed: bool,
    /// Whether a passphrase opens the vault (not after a recovery-code unlock of an old
    /// vault until a new one is chosen): the lock screen offers the code instead.
    pub has_passphrase: bool,
}

/// Why a recovery code is being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeReason {
    /// The vault was just made.
    FirstRun,
    /// The person asked for a new one.
    Replaced,
    /// Tend's vault format was upgraded and the old code's route could not come along.
    Upgraded,
}

/// A recovery code to show once, and which two groups to ask for back.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRecoveryCode {
    pub code: Zeroizing<String>,
    /// Zero-based group numbers, ascending.
    pub confirm_groups: [usize; 2],
    pub reason: CodeReason,
}

struct Pending {
    code: Zeroizing<String>,
    groups: [usize; 2],
    reason: CodeReason,
    /// A replacement code is sealed only once confirmed, with the passphrase confirmed when
    /// it was asked for, so the old code keeps working until the new one is written down.
    seal_with: Option<Opened>,
}

/// A counted try with a secret, to be opened with no lock held. See the module docs.
pub struct Ticket {
    attempt: Option<Attempt>,
    epoch: u64,
}

impl Ticket {
    /// Opens the data key with `secret` (slow for a passphrase).
    pub fn open(&self, secret: Secret<'_>) -> vault::Result<Opened> {
        match &self.attempt {
            Some(a) => a.open(secret),
            None => Err(VaultError::NoVault),
        }
    }
}

pub struct Keeper {
    dir: PathBuf,
    cost: CostPolicy,
    vault: Option<Vault>,
    autolock: AutoLock,
    pending: Option<Pending>,
    /// After an unlock with the recovery code: what it opened, until a new passphrase is
    /// chosen (dropped on lock).
    reset: Option<Opened>,
    /// Wrong backup secrets on a device with no vault yet (nowhere to store a count).
    import_lockout: Lockout,
    /// Moves on whenever the vault is made, replaced or wiped; tickets from before are void.
    epoch: u64,
    /// Answers people chose not to keep, for the session or follow-up they belong to.
    /// Dropped, key and all, whenever the vault locks.
    memory: Memory,
}

/// A counted try with a person's space passphrase (see the module docs).
pub struct SpaceTicket {
    lock: SpaceLock,
    person: RecordId,
    epoch: u64,
}

impl SpaceTicket {
    /// Opens the space with `passphrase` (slow: Argon2id).
    pub fn open(&self, passphrase: &str) -> vault::Result<SpaceKeys> {
        self.lock.open(passphrase, &self.person)
    }
}

impl Keeper {
    pub fn new(dir: PathBuf, cost: CostPolicy, now_ms: u64) -> Self {
        let minutes = Settings::default().auto_lock_minutes;
        Self {
            dir,
            cost,
            vault: None,
            autolock: AutoLock::new(minutes, now_ms),
            pending: None,
            reset: None,
            import_lockout: Lockout::default(),
            epoch: 0,
            memory: Memory::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How new passphrases are derived here.
    pub fn cost(&self) -> CostPolicy {
        self.cost
    }

    /// Opens the vault file on first use (it may not exist yet).
    fn opened(&mut self, now_ms: u64) -> Result<Option<&mut Vault>> {
        if self.vault.is_none() && Vault::exists(&self.dir) {
            self.vault = Some(Vault::open(&self.dir, now_ms, kinds::ALL)?);
        }
        Ok(self.vault.as_mut())
    }

    fn unlocked(&mut self) -> Result<&mut Vault> {
        match self.vault.as_mut() {
            Some(v) if v.is_unlocked() => Ok(v),
            _ => Err(VaultError::Locked.into()),
        }
    }

    pub fn status(&mut self, now_ms: u64) -> Result<Status> {
        let pending = self.pending.is_some();
        let reset = self.reset.is_some();
        Ok(match self.opened(now_ms)? {
            None => Status {
                exists: false,
                unlocked: false,
                failures: 0,
                retry_after_ms: 0,
                recovery_pending: false,
                passphrase_needed: false,
                has_passphrase: false,
            },
            Some(v) => Status {
                exists: true,
                unlocked: v.is_unlocked(),
                failures: v.lockout().failures(),
                retry_after_ms: v.lockout().wait_ms(now_ms),
                recovery_pending: pending && v.is_unlocked(),
                passphrase_needed: reset && v.is_unlocked(),
                has_passphrase: v.has_passphrase()?,
            },
        })
    }

    /// Makes the vault under an already derived passphrase key ([`CostPolicy::seal`]).
    pub fn create_sealed(&mut self, seal: PassphraseSeal, now_ms: u64) -> Result<NewRecoveryCode> {
        if self.opened(now_ms)?.is_some() {
            return Err(VaultError::AlreadyExists.into());
        }
        let (vault, code) = Vault::create_sealed(&self.dir, seal, kinds::ALL)?;
        self.vault = Some(vault);
        self.epoch += 1;
        self.after_unlock(now_ms)?;
        Ok(self.hold_for_confirmation(code, CodeReason::FirstRun, None))
    }

    /// Makes the vault in one go (derivation included).
    pub fn create(&mut self, passphrase: &str, now_ms: u64) -> Result<NewRecoveryCode> {
        let seal = self.cost.seal(passphrase)?;
        self.create_sealed(seal, now_ms)
    }

    fn hold_for_confirmation(
        &mut self,
        code: RecoveryCode,
        reason: CodeReason,
        seal_with: Option<Opened>,
    ) -> NewRecoveryCode {
        let first = vault::random_below(8) as usize;
        let second = (first + 1 + vault::random_below(7) as usize) % 8;
        let groups = [first.min(second), first.max(second)];
        let shown = code.display();
        self.pending = Some(Pending {
            code: shown.clone(),
            groups,
            reason,
            seal_with,
        });
        NewRecoveryCode {
            code: shown,
            confirm_groups: groups,
            reason,
        }
    }

    /// Checks the two groups the person typed back. Until this succeeds the code is still
    /// held (in memory only) so it can be shown again.
    pub fn confirm_recovery_code(&mut self, answers: &[Zeroizing<String>]) -> Result<()> {
        self.unlocked()?;
        let pending = self
            .pending
            .as_ref()
            .ok_or_else(|| Error::invalid("There is no recovery code waiting to be confirmed."))?;
        let groups: Vec<&str> = pending.code.split('-').collect();
        let normal = |s: &str| {
            Zeroizing::new(
                s.trim()
                    .to_ascii_uppercase()
                    .replace('O', "0")
                    .replace(['I', 'L'], "1"),
            )
        };
        let ok = answers.len() == 2
            && pending
                .groups
                .iter()
                .zip(answers)
                .all(|(&g, a)| *normal(a) == groups[g]);
        if !ok {
            return Err(Error::invalid(
                "Those groups do not match the code. Look again and retype them.",
            ));
        }
        let pending = self.pending.take().expect("checked above");
        if let Some(proof) = &pending.seal_with {
            let code = RecoveryCode::parse(&pending.code)?;
            let sealed = self.unlocked()?.replace_recovery_code(proof, &code);
            if let Err(e) = sealed {
                self.pending = Some(pending);
                return Err(e.into());
            }
        }
        Ok(())
    }

    /// The code waiting for confirmation, to show again.
    pub fn pending_recovery_code(&mut self) -> Result<NewRecoveryCode> {
        self.unlocked()?;
        let p = self.pending.as_ref().ok_or(VaultError::NotFound)?;
        Ok(NewRecoveryCode {
            code: p.code.clone(),
            confirm_groups: p.groups,
            reason: p.reason,
        })
    }

    fn ticket(&mut self, now_ms: u64, must_be_unlocked: bool) -> Result<Ticket> {
        let epoch = self.epoch;
        let vault = self.opened(now_ms)?.ok_or(VaultError::NoVault)?;
        if must_be_unlocked && !vault.is_unlocked() {
            return Err(VaultError::Locked.into());
        }
        Ok(Ticket {
            attempt: Some(vault.prepare(now_ms)?),
            epoch,
        })
    }

    fn same_vault(&self, ticket: &Ticket) -> Result<()> {
        self.same_epoch(ticket.epoch)
    }

    fn same_epoch(&self, epoch: u64) -> Result<()> {
        if epoch == self.epoch {
            Ok(())
        } else {
            Err(
                VaultError::Storage("Tend changed while this was being checked; try again".into())
                    .into(),
            )
        }
    }

    /// Step one of an unlock (see the module docs).
    pub fn begin_unlock(&mut self, now_ms: u64) -> Result<Ticket> {
        self.ticket(now_ms, false)
    }

    /// Step three of an unlock. After the recovery code, a new passphrase is asked for
    /// next; after an upgrade from an old format, a new recovery code is shown.
    pub fn finish_unlock(
        &mut self,
        ticket: Ticket,
        opened: vault::Result<Opened>,
        now_ms: u64,
    ) -> Result<()> {
        self.same_vault(&ticket)?;
        let vault = self.vault.as_mut().ok_or(VaultError::NoVault)?;
        let attempt = ticket.attempt.ok_or(VaultError::NoVault)?;
        let by_code = opened.as_ref().is_ok_and(|o| !o.by_passphrase());
        let proof = match (&opened, by_code) {
            (Ok(o), true) => Some(o.copy()),
            _ => None,
        };
        let Unlocked { new_code, .. } = vault.complete(attempt, opened)?;
        self.reset = proof;
        self.after_unlock(now_ms)?;
        if let Some(code) = new_code {
            self.hold_for_confirmation(code, CodeReason::Upgraded, None);
        }
        Ok(())
    }

    /// Unlocks in one go (derivation included, lock held): for tests and tools.
    pub fn unlock(&mut self, secret: Secret<'_>, now_ms: u64) -> Result<()> {
        secret.check()?;
        let ticket = self.begin_unlock(now_ms)?;
        let opened = ticket.open(secret);
        self.finish_unlock(ticket, opened, now_ms)
    }

    /// Step one of confirming a secret before a lasting change (unlocked vaults only).
    pub fn begin_check(&mut self, now_ms: u64) -> Result<Ticket> {
        self.ticket(now_ms, true)
    }

    /// Step three of a check on its own: counts a wrong secret (or clears the count for a
    /// right one) and returns what it opened.
    pub fn settle(&mut self, ticket: Ticket, opened: vault::Result<Opened>) -> Result<Opened> {
        self.confirm(ticket, opened)
    }

    fn confirm(&mut self, ticket: Ticket, opened: vault::Result<Opened>) -> Result<Opened> {
        self.same_vault(&ticket)?;
        let attempt = ticket.attempt.ok_or(VaultError::NoVault)?;
        Ok(self.unlocked()?.confirm(attempt, opened)?)
    }

    fn after_unlock(&mut self, now_ms: u64) -> Result<()> {
        let minutes = Settings::load(self.unlocked()?)?.auto_lock_minutes;
        self.autolock = AutoLock::new(minutes, now_ms);
        Ok(())
    }

    /// Locks now: keys forgotten, the log folded in, any unconfirmed code and any pending
    /// passphrase reset dropped.
    pub fn lock(&mut self) -> Result<()> {
        self.pending = None;
        self.reset = None;
        self.memory.clear();
        vault::discard_import(&self.dir);
        match self.vault.as_mut() {
            Some(v) => Ok(v.lock()?),
            None => Ok(()),
        }
    }

    pub fn activity(&mut self, now_ms: u64) {
        self.autolock.touch(now_ms);
    }

    pub fn visibility(&mut self, hidden: bool, now_ms: u64) {
        self.autolock.set_hidden(hidden, now_ms);
    }

    /// Called every second or so; locks when due. Returns true if it locked just now.
    pub fn tick(&mut self, now_ms: u64) -> Result<bool> {
        let unlocked = self.vault.as_ref().is_some_and(Vault::is_unlocked);
        if unlocked && self.autolock.due(now_ms) {
            self.lock()?;
            return Ok(true);
        }
        Ok(false)
    }

    pub fn settings(&mut self) -> Result<Settings> {
        Settings::load(self.unlocked()?)
    }

    pub fn save_settings(&mut self, settings: &Settings) -> Result<()> {
        settings.save(self.unlocked()?)?;
        self.autolock.set_idle_minutes(settings.auto_lock_minutes);
        Ok(())
    }

    /// A new passphrase (already derived) once the current one is confirmed (`ticket`
    /// opened with it). A new data key; every record sealed again.
    pub fn change_passphrase(
        &mut self,
        ticket: Ticket,
        current: vault::Result<Opened>,
        new: PassphraseSeal,
    ) -> Result<()> {
        let proof = self.confirm(ticket, current)?;
        Ok(self.unlocked()?.change_passphrase(&proof, new)?)
    }

    /// A new passphrase after an unlock with the recovery code; no other secret is asked.
    pub fn choose_new_passphrase(&mut self, new: PassphraseSeal) -> Result<()> {
        let proof = self.reset.take().ok_or_else(|| {
            Error::invalid("A new passphrase is chosen this way only after opening Tend with the recovery code.")
        })?;
        let done = self
            .unlocked()
            .and_then(|v| Ok(v.reset_passphrase(&proof, new)?));
        if done.is_err() {
            self.reset = Some(proof);
        }
        done
    }

    /// A new recovery code to show once the passphrase is confirmed; it replaces the old one
    /// once the person has typed two of its groups back.
    pub fn new_recovery_code(
        &mut self,
        ticket: Ticket,
        passphrase: vault::Result<Opened>,
    ) -> Result<NewRecoveryCode> {
        let proof = self.confirm(ticket, passphrase)?;
        if !proof.by_passphrase() {
            return Err(VaultError::WrongPassphrase.into());
        }
        Ok(self.hold_for_confirmation(RecoveryCode::generate(), CodeReason::Replaced, Some(proof)))
    }

    /// Writes an encrypted backup into `folder` named for `date`, once a secret is
    /// confirmed; returns its path.
    pub fn export_backup(
        &mut self,
        ticket: Ticket,
        secret: vault::Result<Opened>,
        folder: &Path,
        date: &str,
    ) -> Result<PathBuf> {
        self.confirm(ticket, secret)?;
        let vault = self.unlocked()?;
        create_dir(folder)?;
        let path = free_name(folder, &format!("tend-backup-{date}"), "tend");
        vault.export_backup(&path)?;
        Ok(path)
    }

    /// Holds a backup's bytes beside the vault until [`Keeper::finish_import`] checks them.
    pub fn stage_import(&mut self, bytes: &[u8]) -> Result<()> {
        Ok(vault::stage_import(&self.dir, bytes)?)
    }

    /// Whether there is a vault here (opened or not).
    pub fn has_vault(&mut self, now_ms: u64) -> Result<bool> {
        Ok(self.opened(now_ms)?.is_some())
    }

    /// Replacing a vault asks for its own secret first: a ticket for it (its try counted),
    /// or none when there is no vault yet.
    pub fn begin_replace(&mut self, now_ms: u64) -> Result<Option<Ticket>> {
        if self.opened(now_ms)?.is_none() {
            return Ok(None);
        }
        self.ticket(now_ms, false).map(Some)
    }

    /// Settles the vault's own secret for a replacement. A right one takes back only its
    /// own try: wrong backup secrets still add up.
    pub fn finish_replace(
        &mut self,
        ticket: Ticket,
        opened: vault::Result<Opened>,
        now_ms: u64,
    ) -> Result<()> {
        self.same_vault(&ticket)?;
        let attempt = ticket.attempt.ok_or(VaultError::NoVault)?;
        let vault = self.vault.as_mut().ok_or(VaultError::NoVault)?;
        Ok(vault.vouch(attempt, opened, now_ms)?)
    }

    /// Step one of checking a staged backup: counts the try with its secret (against the
    /// vault's back-off, or this device's when there is no vault yet).
    pub fn begin_import(&mut self, now_ms: u64) -> Result<Ticket> {
        if !vault::import_staged(&self.dir) {
            return Err(Error::invalid("Choose a backup file first."));
        }
        let epoch = self.epoch;
        match self.opened(now_ms)? {
            Some(v) => v.count_attempt(now_ms)?,
            None => {
                self.import_lockout.check(now_ms)?;
                self.import_lockout.record_failure(now_ms);
            }
        }
        Ok(Ticket {
            attempt: None,
            epoch,
        })
    }

    /// Step three: the checked backup (from [`vault::check_import`], run with no lock
    /// held) replaces the vault, or becomes the first one. Unlocked with the backup's keys.
    pub fn finish_import(
        &mut self,
        ticket: Ticket,
        checked: vault::Result<Checked>,
        now_ms: u64,
    ) -> Result<()> {
        self.same_vault(&ticket)?;
        match self.vault.as_mut() {
            Some(v) => v.settle(&checked)?,
            None if checked.is_ok() => self.import_lockout.reset(),
            None => {}
        }
        let checked = checked?;
        self.pending = None;
        self.reset = None;
        self.memory.clear();
        let unlocked = match self.vault.as_mut() {
            Some(vault) => vault.import_backup(checked)?,
            None => {
                let (vault, unlocked) = Vault::create_from_import(&self.dir, checked, kinds::ALL)?;
                self.vault = Some(vault);
                unlocked
            }
        };
        self.epoch += 1;
        self.after_unlock(now_ms)?;
        if let Some(code) = unlocked.new_code {
            self.hold_for_confirmation(code, CodeReason::Upgraded, None);
        }
        Ok(())
    }

    /// Writes every record as readable JSON into `folder` once the passphrase is confirmed;
    /// returns the path. The person has been warned by the screen that asks.
    pub fn readable_export(
        &mut self,
        ticket: Ticket,
        passphrase: vault::Result<Opened>,
        folder: &Path,
        date: &str,
    ) -> Result<PathBuf> {
        let proof = self.confirm(ticket, passphrase)?;
        if !proof.by_passphrase() {
            return Err(VaultError::WrongPassphrase.into());
        }
        let json = crate::export::readable(self.unlocked()?)?;
        create_dir(folder)?;
        let path = free_name(folder, &format!("tend-readable-{date}"), "json");
        let text = Zeroizing::new(
            serde_json::to_string_pretty(&json).map_err(|e| VaultError::Storage(e.to_string()))?,
        );
        write_private(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Wipes everything after the typed confirmation. Works locked or unlocked: a person
    /// who has lost both passphrase and code can still start again.
    pub fn wipe(&mut self, confirmation: &str, now_ms: u64) -> Result<()> {
        check_wipe_phrase(confirmation)?;
        self.pending = None;
        self.reset = None;
        self.memory.clear();
        self.epoch += 1;
        match self.opened(now_ms) {
            Ok(_) => {}
            // Another window has it: wiping under it would be worse than refusing.
            Err(Error::Vault(VaultError::InUse)) => return Err(VaultError::InUse.into()),
            // Damaged, another format, weakened: still the person's to delete.
            Err(_) => return Ok(Vault::wipe_unopenable(&self.dir)?),
        }
        match self.vault.take() {
            Some(v) => Ok(v.wipe()?),
            None => Ok(Vault::wipe_unopenable(&self.dir)?),
        }
    }

    /// The unlocked vault, for features built on it.
    pub fn vault(&mut self) -> Result<&mut Vault> {
        self.unlocked()
    }

    /// The unlocked vault and the answers held in memory, for answering and suggesting.
    pub fn answers(&mut self) -> Result<(&mut Vault, &mut Memory)> {
        match self.vault.as_mut() {
            Some(v) if v.is_unlocked() => Ok((v, &mut self.memory)),
            _ => Err(VaultError::Locked.into()),
        }
    }

    /// The Argon2id cost a new space gets: the vault's own.
    pub fn space_cost(&mut self) -> Result<Cost> {
        Ok(self.unlocked()?.passphrase_cost()?)
    }

    /// Step one of opening `person`'s space: counts the try against the vault's back-off.
    pub fn begin_space(&mut self, person: RecordId, now_ms: u64) -> Result<SpaceTicket> {
        let epoch = self.epoch;
        let vault = self.unlocked()?;
        let space = crate::space::find(vault, person)?
            .ok_or_else(|| Error::Unknown("There is no space for that person.".into()))?;
        vault.count_attempt(now_ms)?;
        Ok(SpaceTicket {
            lock: space.lock,
            person,
            epoch,
        })
    }

    /// Step three: a right passphrase takes back its own try (earlier wrong ones stay
    /// counted, as for the vault's own) and gives the space's keys.
    pub fn finish_space(
        &mut self,
        ticket: SpaceTicket,
        opened: vault::Result<SpaceKeys>,
        now_ms: u64,
    ) -> Result<SpaceKeys> {
        self.same_epoch(ticket.epoch)?;
        let vault = self.unlocked()?;
        let keys = opened?;
        vault.refund_attempt(now_ms)?;
        Ok(keys)
    }
}

/// Accepts only the exact phrase a person types to confirm wiping everything.
pub fn check_wipe_phrase(confirmation: &str) -> Result<()> {
    if confirmation.trim().eq_ignore_ascii_case(WIPE_PHRASE) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "To wipe everything, type \"{WIPE_PHRASE}\"."
        )))
    }
}

fn create_dir(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(VaultError::from)?;
    Ok(())
}

/// Writes a file only its owner can read, whole or not at all: a temporary file beside
/// it, synced, then renamed into place; removed again on any failure.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("partial");
    let result = (|| -> vault::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(result?)
}

/// `folder/stem.ext`, or `stem-2.ext`, `stem-3.ext`… if taken.
/// What Tend wrote into an exports folder, found by the names it gives them: encrypted
/// backups (`tend-backup-….tend`) and readable copies (`tend-readable-….json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Written {
    pub backups: Vec<PathBuf>,
    pub readable: Vec<PathBuf>,
}

pub fn written(folder: &Path) -> Written {
    let mut out = Written::default();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return out;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with("tend-backup-") && name.ends_with(".tend") {
            out.backups.push(path);
        } else if name.starts_with("tend-readable-") && name.ends_with(".json") {
            out.readable.push(path);
        }
    }
    out.backups.sort();
    out.readable.sort();
    out
}

/// Deletes the readable copies (and, if asked, the backups) Tend wrote into `folder`.
pub fn remove_written(folder: &Path, backups_too: bool) -> Result<usize> {
    let w = written(folder);
    let mut removed = 0;
    let chosen = w
        .readable
        .iter()
        .chain(if backups_too { &w.backups[..] } else { &[] });
    for path in chosen {
        std::fs::remove_file(path).map_err(VaultError::from)?;
        removed += 1;
    }
    Ok(removed)
}

fn free_name(folder: &Path, stem: &str, ext: &str) -> PathBuf {
    let mut path = folder.join(format!("{stem}.{ext}"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests;
