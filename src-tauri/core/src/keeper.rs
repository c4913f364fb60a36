//! The vault's life in the app: created, locked, unlocked, auto-locked, backed up, wiped.
//! The shell holds one `Keeper` behind a mutex and forwards commands to it with the time.

use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use crate::autolock::AutoLock;
use crate::kinds;
use crate::settings::Settings;
use crate::vault::{self, kdf, Cost, RecoveryCode, Secret, Vault, VaultError};
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
    fn cost(self) -> Cost {
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
}

/// A recovery code to show once, and which two groups to ask for back.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRecoveryCode {
    pub code: Zeroizing<String>,
    /// Zero-based group numbers, ascending.
    pub confirm_groups: [usize; 2],
}

struct Pending {
    code: Zeroizing<String>,
    groups: [usize; 2],
    /// A replacement code is sealed only once confirmed, so the old one keeps working
    /// until the person has really written the new one down.
    seal_on_confirm: bool,
}

pub struct Keeper {
    dir: PathBuf,
    cost: CostPolicy,
    vault: Option<Vault>,
    autolock: AutoLock,
    pending: Option<Pending>,
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
        }
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
        Ok(match self.opened(now_ms)? {
            None => Status {
                exists: false,
                unlocked: false,
                failures: 0,
                retry_after_ms: 0,
                recovery_pending: false,
            },
            Some(v) => Status {
                exists: true,
                unlocked: v.is_unlocked(),
                failures: v.lockout().failures(),
                retry_after_ms: v.lockout().wait_ms(now_ms),
                recovery_pending: pending && v.is_unlocked(),
            },
        })
    }

    pub fn create(&mut self, passphrase: &str, now_ms: u64) -> Result<NewRecoveryCode> {
        if self.opened(now_ms)?.is_some() {
            return Err(VaultError::AlreadyExists.into());
        }
        crate::passphrase::require_strong(passphrase)?;
        let (vault, code) = Vault::create(&self.dir, passphrase, self.cost.cost(), kinds::ALL)?;
        self.vault = Some(vault);
        self.after_unlock(now_ms)?;
        Ok(self.hold_for_confirmation(code, false))
    }

    fn hold_for_confirmation(
        &mut self,
        code: RecoveryCode,
        seal_on_confirm: bool,
    ) -> NewRecoveryCode {
        let first = vault::random_below(8) as usize;
        let second = (first + 1 + vault::random_below(7) as usize) % 8;
        let groups = [first.min(second), first.max(second)];
        let shown = code.display();
        self.pending = Some(Pending {
            code: shown.clone(),
            groups,
            seal_on_confirm,
        });
        NewRecoveryCode {
            code: shown,
            confirm_groups: groups,
        }
    }

    /// Checks the two groups the person typed back. Until this succeeds the code is still
    /// held (in memory only) so it can be shown again.
    pub fn confirm_recovery_code(&mut self, answers: &[String]) -> Result<()> {
        self.unlocked()?;
        let pending = self
            .pending
            .as_ref()
            .ok_or_else(|| Error::invalid("There is no recovery code waiting to be confirmed."))?;
        let groups: Vec<&str> = pending.code.split('-').collect();
        let normal = |s: &str| {
            s.trim()
                .to_ascii_uppercase()
                .replace('O', "0")
                .replace(['I', 'L'], "1")
        };
        let ok = answers.len() == 2
            && pending
                .groups
                .iter()
                .zip(answers)
                .all(|(&g, a)| normal(a) == groups[g]);
        if !ok {
            return Err(Error::invalid(
                "Those groups do not match the code. Look again and retype them.",
            ));
        }
        if pending.seal_on_confirm {
            let code = RecoveryCode::parse(&pending.code)?;
            self.unlocked()?.set_recovery_code(&code)?;
        }
        self.pending = None;
        Ok(())
    }

    /// The code waiting for confirmation, to show again.
    pub fn pending_recovery_code(&mut self) -> Result<NewRecoveryCode> {
        self.unlocked()?;
        let p = self.pending.as_ref().ok_or(VaultError::NotFound)?;
        Ok(NewRecoveryCode {
            code: p.code.clone(),
            confirm_groups: p.groups,
        })
    }

    pub fn unlock(&mut self, secret: Secret<'_>, now_ms: u64) -> Result<()> {
        let vault = self.opened(now_ms)?.ok_or(VaultError::NoVault)?;
        vault.unlock_with(secret, now_ms)?;
        self.after_unlock(now_ms)
    }

    fn after_unlock(&mut self, now_ms: u64) -> Result<()> {
        let minutes = Settings::load(self.unlocked()?)?.auto_lock_minutes;
        self.autolock = AutoLock::new(minutes, now_ms);
        Ok(())
    }

    /// Locks now: keys forgotten, the log folded in, any unconfirmed code dropped.
    pub fn lock(&mut self) -> Result<()> {
        self.pending = None;
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

    pub fn change_passphrase(&mut self, current: &str, new: &str, now_ms: u64) -> Result<()> {
        let cost = self.cost;
        let vault = self.unlocked()?;
        vault.verify_passphrase(current, now_ms)?;
        crate::passphrase::require_strong(new)?;
        Ok(vault.change_passphrase(new, cost.cost())?)
    }

    /// A new recovery code to show; it replaces the old one once confirmed.
    pub fn new_recovery_code(&mut self) -> Result<NewRecoveryCode> {
        self.unlocked()?;
        Ok(self.hold_for_confirmation(RecoveryCode::generate(), true))
    }

    /// Writes an encrypted backup into `folder` named for `date`; returns its path.
    pub fn export_backup(&mut self, folder: &Path, date: &str) -> Result<PathBuf> {
        let vault = self.unlocked()?;
        std::fs::create_dir_all(folder).map_err(VaultError::from)?;
        let path = free_name(folder, &format!("tend-backup-{date}"), "tend");
        vault.export_backup(&path)?;
        Ok(path)
    }

    /// Restores a backup over the current vault, or as the first vault of a new install.
    pub fn import_backup(&mut self, backup: &[u8], secret: Secret<'_>, now_ms: u64) -> Result<()> {
        match self.opened(now_ms)? {
            Some(vault) => {
                if !vault.is_unlocked() {
                    return Err(VaultError::Locked.into());
                }
                vault.import_backup(backup, secret)?;
            }
            None => {
                self.vault = Some(Vault::create_from_backup(
                    &self.dir,
                    backup,
                    secret,
                    kinds::ALL,
                )?)
            }
        }
        self.pending = None;
        self.after_unlock(now_ms)
    }

    /// Writes every record as readable JSON into `folder` after the passphrase is given
    /// again; returns the path. The person has been warned by the screen that asks.
    pub fn readable_export(
        &mut self,
        passphrase: &str,
        folder: &Path,
        date: &str,
        now_ms: u64,
    ) -> Result<PathBuf> {
        let json = self.unlocked()?.readable_export(passphrase, now_ms)?;
        std::fs::create_dir_all(folder).map_err(VaultError::from)?;
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
        match self.opened(now_ms) {
            Ok(_) => {}
            // Another window has it: wiping under it would be worse than refusing.
            Err(Error::Vault(VaultError::InUse)) => return Err(VaultError::InUse.into()),
            // Damaged, another format, weakened: still the person's to delete.
            Err(_) => return Ok(Vault::wipe_unopenable(&self.dir)?),
        }
        match self.vault.take() {
            Some(v) => Ok(v.wipe()?),
            None => Ok(()),
        }
    }

    /// The unlocked vault, for features built on it.
    pub fn vault(&mut self) -> Result<&mut Vault> {
        self.unlocked()
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
