//! The one managed state: a `Keeper` behind a mutex, plus where exports go. Locks are
//! taken only inside these methods and never held across an await.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tend_core::keeper::{CostPolicy, Keeper, NewRecoveryCode, Status};
use tend_core::settings::Settings;
use tend_core::vault::{Secret, Vault};
use tend_core::Result;

pub struct AppState {
    keeper: Mutex<Keeper>,
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
/// moves on by hand. The core itself never reads a clock.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<AtomicU64>>);

impl Clock {
    pub fn real() -> Self {
        Self(None)
    }

    /// A clock that stands at `ms` until [`Clock::advance`] moves it (tests).
    pub fn manual(ms: u64) -> Self {
        Self(Some(Arc::new(AtomicU64::new(ms))))
    }

    pub fn advance(&self, ms: u64) {
        if let Some(t) = &self.0 {
            t.fetch_add(ms, Ordering::SeqCst);
        }
    }

    /// Milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> u64 {
        match &self.0 {
            Some(t) => t.load(Ordering::SeqCst),
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
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
            keeper: Mutex::new(Keeper::new(data_dir, cost, now)),
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

    /// Re-reads when open follow-ups fall due; call after anything that changes them.
    pub fn refresh_due(&self) -> Result<()> {
        let times = self.with_vault(|v| tend_core::followup::upcoming(v))?;
        *self.due.lock().unwrap_or_else(PoisonError::into_inner) = times;
        Ok(())
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

    pub fn create(&self, passphrase: &str) -> Result<NewRecoveryCode> {
        self.keeper().create(passphrase, self.now())
    }

    pub fn confirm_recovery_code(&self, answers: &[String]) -> Result<()> {
        self.keeper().confirm_recovery_code(answers)
    }

    pub fn pending_recovery_code(&self) -> Result<NewRecoveryCode> {
        self.keeper().pending_recovery_code()
    }

    pub fn unlock(&self, secret: Secret<'_>) -> Result<()> {
        self.keeper().unlock(secret, self.now())?;
        // Follow-ups already due were seen on the home screen; only later ones notify.
        self.refresh_due()?;
        self.take_due();
        Ok(())
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

    pub fn change_passphrase(&self, current: &str, new: &str) -> Result<()> {
        self.keeper().change_passphrase(current, new, self.now())
    }

    pub fn new_recovery_code(&self) -> Result<NewRecoveryCode> {
        self.keeper().new_recovery_code()
    }

    pub fn export_backup(&self) -> Result<PathBuf> {
        self.keeper().export_backup(&self.exports, &self.today())
    }

    pub fn import_backup(&self, backup: &[u8], secret: Secret<'_>) -> Result<()> {
        self.keeper().import_backup(backup, secret, self.now())?;
        self.refresh_due()
    }

    pub fn readable_export(&self, passphrase: &str) -> Result<PathBuf> {
        self.keeper()
            .readable_export(passphrase, &self.exports, &self.today(), self.now())
    }

    pub fn wipe(&self, confirmation: &str) -> Result<()> {
        self.keeper().wipe(confirmation, self.now())?;
        self.due
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        Ok(())
    }

    /// Runs `f` on the unlocked vault (`Locked` otherwise), under the one lock.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        f(self.keeper().vault()?)
    }
}
