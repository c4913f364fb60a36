//! The one managed state: a `Keeper` behind a mutex, plus where exports go. Locks are
//! taken only inside these methods and never held across an await.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tend_core::keeper::{CostPolicy, Keeper, NewRecoveryCode, Status, Ticket};
use tend_core::private::Memory;
use tend_core::settings::Settings;
use tend_core::vault::space::{SpaceKeys, SpaceLock};
use tend_core::vault::{self, Opened, RecordId, Secret, Vault};
use tend_core::{Error, ErrorKind, Result};
use zeroize::Zeroizing;

pub struct AppState {
    keeper: Mutex<Keeper>,
    /// The data folder (a backup is staged there before it is checked).
    data: PathBuf,
    cost: CostPolicy,
    exports: PathBuf,
    /// When open follow-ups fall due, kept in memory only (never written down) so a
    /// neutral notification can appear even while the vault is locked.
    due: Mutex<Vec<u64>>,
    clock: Clock,
    timer_clock: TimerClock,
    /// When this state was made: scaled timer time counts from here.
    started_ms: u64,
}

/// The clock the shell reads for the core: the system's, or one a test holds still and
/// moves on by hand, or (end-to-end tests of debug builds) the system's set some hours
/// ahead, so a check-in due tomorrow can be seen today. The core itself never reads a clock.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<AtomicU64>>, u64);

impl Clock {
    pub fn real() -> Self {
        Self(None, 0)
    }

    /// The system's time, `hours` ahead (debug builds' end-to-end tests only).
    pub fn ahead(hours: u64) -> Self {
        Self(None, hours * 3_600_000)
    }

    /// A clock that stands at `ms` until [`Clock::advance`] moves it (tests).
    pub fn manual(ms: u64) -> Self {
        Self(Some(Arc::new(AtomicU64::new(ms))), 0)
    }

    pub fn advance(&self, ms: u64) {
        if let Some(t) = &self.0 {
            t.fetch_add(ms, Ordering::SeqCst);
        }
    }

    /// Milliseconds since the Unix epoch.
    /// How many minutes local time is ahead of UTC at `ms`: the device's time zone, or
    /// UTC for a clock a test holds (so its quiet hours are the same everywhere).
    pub fn offset_minutes(&self, ms: u64) -> i32 {
        use chrono::{Offset, TimeZone};
        if self.0.is_some() {
            return 0;
        }
        chrono::Local
            .timestamp_millis_opt(ms as i64)
            .single()
            .map_or(0, |t| t.offset().fix().local_minus_utc() / 60)
    }

    pub fn now_ms(&self) -> u64 {
        match &self.0 {
            Some(t) => t.load(Ordering::SeqCst),
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64)
                .saturating_add(self.1),
        }
    }
}

/// How timers read the clock: as it is, except that debug builds may run timers faster
/// for the end-to-end tests (`TEND_TIMER_SCALE`); release builds never read that variable.
#[derive(Debug, Clone, Copy)]
pub struct TimerClock {
    scale: u64,
}

impl TimerClock {
    pub fn real() -> Self {
        Self { scale: 1 }
    }

    pub fn scaled(scale: u64) -> Self {
        Self {
            scale: scale.clamp(1, 600),
        }
    }
}

impl AppState {
    pub fn new(
        data_dir: PathBuf,
        exports: PathBuf,
        cost: CostPolicy,
        clock: Clock,
        timer_clock: TimerClock,
    ) -> Self {
        let now = clock.now_ms();
        Self {
            keeper: Mutex::new(Keeper::new(data_dir.clone(), cost, now)),
            data: data_dir,
            cost,
            exports,
            due: Mutex::new(Vec::new()),
            clock,
            // Timers count from when the app started, faster if the scale says so.
            timer_clock: TimerClock {
                scale: timer_clock.scale,
            },
            started_ms: now,
        }
    }

    /// Now, by the shell's clock.
    pub fn now(&self) -> u64 {
        self.clock.now_ms()
    }

    /// Today's local date, for export file names.
    fn today(&self) -> String {
        use chrono::TimeZone;
        chrono::Local
            .timestamp_millis_opt(self.now() as i64)
            .single()
            .map_or_else(|| "today".into(), |t| t.format("%Y-%m-%d").to_string())
    }

    /// The time timers are measured by (see [`TimerClock`]).
    pub fn timer_now(&self) -> u64 {
        let now = self.now();
        self.started_ms + now.saturating_sub(self.started_ms) * self.timer_clock.scale
    }

    /// Re-reads when open follow-ups fall due; call after anything that changes them (or
    /// the quiet hours).
    pub fn refresh_due(&self) -> Result<()> {
        let times = self.with_vault(|v| tend_core::followup::upcoming(v))?;
        let times = self.notification_times(&times)?;
        *self.due.lock().unwrap_or_else(PoisonError::into_inner) = times;
        Ok(())
    }

    /// When the notification for each of these due times may show: a time inside the
    /// person's quiet hours waits until they end (in the device's local time).
    pub fn notification_times(&self, due: &[u64]) -> Result<Vec<u64>> {
        let quiet = self.settings()?.quiet_hours;
        Ok(due
            .iter()
            .map(|&t| quiet.map_or(t, |q| q.release(t, self.clock.offset_minutes(t))))
            .collect())
    }

    /// True once for each follow-up whose time has passed since the last call.
    pub fn take_due(&self) -> bool {
        let now = self.now();
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        let before = due.len();
        due.retain(|&t| t > now);
        due.len() < before
    }

    fn keeper(&self) -> MutexGuard<'_, Keeper> {
        // A panic elsewhere must not lock the person out of their own data.
        self.keeper.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn status(&self) -> Result<Status> {
        self.keeper().status(self.now())
    }

    /// Makes the vault. The passphrase's key is derived (and the cost calibrated) before
    /// the lock is taken.
    pub fn create(&self, passphrase: &str) -> Result<NewRecoveryCode> {
        let seal = self.cost.seal(passphrase)?;
        self.keeper().create_sealed(seal, self.now())
    }

    pub fn confirm_recovery_code(&self, answers: &[Zeroizing<String>]) -> Result<()> {
        self.keeper().confirm_recovery_code(answers)
    }

    pub fn pending_recovery_code(&self) -> Result<NewRecoveryCode> {
        self.keeper().pending_recovery_code()
    }

    /// Unlocks; the key is derived with the lock free (the try counted first).
    pub fn unlock(&self, secret: Secret<'_>) -> Result<()> {
        secret.check()?;
        let ticket = self.keeper().begin_unlock(self.now())?;
        let opened = ticket.open(secret);
        self.keeper().finish_unlock(ticket, opened, self.now())?;
        // Follow-ups already due were seen on the home screen; only later ones notify.
        self.refresh_due()?;
        self.take_due();
        Ok(())
    }

    /// Confirms `secret` against the unlocked vault (derived with the lock free), then runs
    /// `then` with what it opened, under the lock.
    fn confirmed<T>(
        &self,
        secret: Secret<'_>,
        then: impl FnOnce(&mut Keeper, Ticket, vault::Result<Opened>) -> Result<T>,
    ) -> Result<T> {
        secret.check()?;
        let ticket = self.keeper().begin_check(self.now())?;
        let opened = ticket.open(secret);
        then(&mut self.keeper(), ticket, opened)
    }

    pub fn lock(&self) -> Result<()> {
        self.keeper().lock()
    }

    pub fn activity(&self) {
        self.keeper().activity(self.now());
    }

    pub fn visibility(&self, hidden: bool) {
        self.keeper().visibility(hidden, self.now());
    }

    pub fn tick(&self) -> Result<bool> {
        self.keeper().tick(self.now())
    }

    pub fn settings(&self) -> Result<Settings> {
        self.keeper().settings()
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        self.keeper().save_settings(settings)
    }

    /// A new passphrase once the current one is confirmed; both keys derived lock-free.
    pub fn change_passphrase(&self, current: &str, new: &str) -> Result<()> {
        tend_core::passphrase::require_strong(new)?;
        let ticket = self.keeper().begin_check(self.now())?;
        let opened = ticket.open(Secret::Passphrase(current));
        if opened.is_err() {
            // Counted as a wrong try; the new passphrase is never derived.
            return self.keeper().settle(ticket, opened).map(drop);
        }
        let seal = self.cost.seal(new)?;
        self.keeper().change_passphrase(ticket, opened, seal)
    }

    /// A new passphrase after opening with the recovery code.
    pub fn choose_new_passphrase(&self, new: &str) -> Result<()> {
        let seal = self.cost.seal(new)?;
        self.keeper().choose_new_passphrase(seal)
    }

    pub fn new_recovery_code(&self, passphrase: &str) -> Result<NewRecoveryCode> {
        self.confirmed(Secret::Passphrase(passphrase), |k, t, o| {
            k.new_recovery_code(t, o)
        })
    }

    pub fn export_backup(&self, secret: Secret<'_>) -> Result<PathBuf> {
        let date = self.today();
        self.confirmed(secret, |k, t, o| {
            k.export_backup(t, o, &self.exports, &date)
        })
    }

    /// Holds a backup's bytes beside the vault (size checked first) until it is restored.
    pub fn stage_backup(&self, bytes: &[u8]) -> Result<()> {
        Ok(vault::stage_import(&self.data, bytes)?)
    }

    /// Restores the staged backup: first this vault's own secret (if there is a vault),
    /// then the backup's; each key derived with the lock free, each try counted.
    pub fn import_backup(&self, current: Option<Secret<'_>>, backup: Secret<'_>) -> Result<()> {
        backup.check()?;
        if let Some(c) = &current {
            c.check()?;
        }
        let refuse = |data: &Path| {
            vault::discard_import(data);
            Err(Error::invalid(
                "To replace what Tend holds now, enter its passphrase or recovery code first.",
            ))
        };
        // Asked before a try is counted: a missing secret is not a guess.
        if current.is_none() && self.keeper().has_vault(self.now())? {
            return refuse(&self.data);
        }
        let replacing = self.keeper().begin_replace(self.now())?;
        match (replacing, current) {
            (Some(ticket), Some(current)) => {
                let opened = ticket.open(current);
                let vouched = self.keeper().finish_replace(ticket, opened, self.now());
                if vouched.is_err() {
                    vault::discard_import(&self.data);
                    return vouched;
                }
            }
            // A vault made meanwhile: its try stays counted.
            (Some(_), None) => return refuse(&self.data),
            (None, _) => {}
        }
        let ticket = self.keeper().begin_import(self.now())?;
        let checked = vault::check_import(&self.data, backup, tend_core::kinds::ALL);
        self.keeper().finish_import(ticket, checked, self.now())?;
        self.refresh_due()
    }

    pub fn readable_export(&self, passphrase: &str) -> Result<PathBuf> {
        let date = self.today();
        self.confirmed(Secret::Passphrase(passphrase), |k, t, o| {
            k.readable_export(t, o, &self.exports, &date)
        })
    }

    /// Wipes everything; with `remove_exports`, also the readable copies and backups Tend
    /// wrote into the exports folder (found by their names; nothing else is touched).
    pub fn wipe(&self, confirmation: &str, remove_exports: bool) -> Result<()> {
        self.keeper().wipe(confirmation, self.now())?;
        self.due
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        if remove_exports {
            tend_core::keeper::remove_written(&self.exports, true)?;
        }
        Ok(())
    }

    /// What Tend wrote into the exports folder.
    pub fn written(&self) -> tend_core::keeper::Written {
        tend_core::keeper::written(&self.exports)
    }

    /// Runs `f` on the unlocked vault (`Locked` otherwise), under the one lock.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        f(self.keeper().vault()?)
    }

    /// Runs `f` on the vault if it is unlocked; `None` while it is locked or there is none
    /// yet (for what must answer either way, such as the support page).
    pub fn if_unlocked<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<Option<T>> {
        match self.keeper().vault() {
            Ok(vault) => f(vault).map(Some),
            Err(e) if e.kind() == ErrorKind::Locked => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Runs `f` on the unlocked vault and the answers held in memory, under the one lock.
    pub fn with_answers<T>(
        &self,
        f: impl FnOnce(&mut Vault, &mut Memory) -> Result<T>,
    ) -> Result<T> {
        let mut keeper = self.keeper();
        let (vault, memory) = keeper.answers()?;
        f(vault, memory)
    }

    /// Makes `person`'s own space; its passphrase is derived at the vault's cost with the
    /// lock free. Their earlier private answers move into it when they choose so.
    pub fn make_space(&self, person: RecordId, passphrase: &str, move_earlier: bool) -> Result<()> {
        let cost = self.keeper().space_cost()?;
        let (lock, keys) = SpaceLock::make(passphrase, cost, &person)?;
        self.with_vault(|v| {
            let space = tend_core::space::make(v, person, lock, &keys, self.now())?;
            if move_earlier {
                tend_core::space::settle_earlier(v, person, Some(&space))?;
            }
            Ok(())
        })
    }

    /// Opens `person`'s space with its passphrase (derived with the lock free; a wrong one
    /// counts toward the vault's back-off) and runs `then` with its keys.
    pub fn with_space<T>(
        &self,
        person: RecordId,
        passphrase: &str,
        then: impl FnOnce(&mut Vault, &SpaceKeys) -> Result<T>,
    ) -> Result<T> {
        let ticket = self.keeper().begin_space(person, self.now())?;
        let opened = ticket.open(passphrase);
        let mut keeper = self.keeper();
        let keys = keeper.finish_space(ticket, opened, self.now())?;
        then(keeper.vault()?, &keys)
    }
}
