//! The one managed state: a `Keeper` behind a mutex, plus where exports go. Locks are
//! taken only inside these methods and never held across an await.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};
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
    timer_clock: TimerClock,
}

/// The clock timers read. Real time, except that debug builds may run it faster for the
/// end-to-end tests (`TEND_TIMER_SCALE`); release builds never read that variable.
#[derive(Debug, Clone, Copy)]
pub struct TimerClock {
    epoch_ms: u64,
    scale: u64,
}

impl TimerClock {
    pub fn real() -> Self {
        Self {
            epoch_ms: now_ms(),
            scale: 1,
        }
    }

    pub fn scaled(scale: u64) -> Self {
        Self {
            epoch_ms: now_ms(),
            scale: scale.clamp(1, 600),
        }
    }

    pub fn now_ms(&self) -> u64 {
        let now = now_ms();
        self.epoch_ms + now.saturating_sub(self.epoch_ms) * self.scale
    }
}

/// Milliseconds since the Unix epoch: the one place the shell reads the clock for the core.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Today's local date, for export file names.
fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

impl AppState {
    pub fn new(
        data_dir: PathBuf,
        exports: PathBuf,
        cost: CostPolicy,
        timer_clock: TimerClock,
    ) -> Self {
        Self {
            keeper: Mutex::new(Keeper::new(data_dir, cost, now_ms())),
            exports,
            due: Mutex::new(Vec::new()),
            timer_clock,
        }
    }

    /// The time timers are measured by (see [`TimerClock`]).
    pub fn timer_now(&self) -> u64 {
        self.timer_clock.now_ms()
    }

    /// Re-reads when open follow-ups fall due; call after anything that changes them.
    pub fn refresh_due(&self) -> Result<()> {
        let times = self.with_vault(|v| tend_core::followup::upcoming(v))?;
        *self.due.lock().unwrap_or_else(PoisonError::into_inner) = times;
        Ok(())
    }

    /// True once for each follow-up whose time has passed since the last call.
    pub fn take_due(&self) -> bool {
        let now = now_ms();
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
        self.keeper().status(now_ms())
    }

    pub fn create(&self, passphrase: &str) -> Result<NewRecoveryCode> {
        self.keeper().create(passphrase, now_ms())
    }

    pub fn confirm_recovery_code(&self, answers: &[String]) -> Result<()> {
        self.keeper().confirm_recovery_code(answers)
    }

    pub fn pending_recovery_code(&self) -> Result<NewRecoveryCode> {
        self.keeper().pending_recovery_code()
    }

    pub fn unlock(&self, secret: Secret<'_>) -> Result<()> {
        self.keeper().unlock(secret, now_ms())?;
        // Follow-ups already due were seen on the home screen; only later ones notify.
        self.refresh_due()?;
        self.take_due();
        Ok(())
    }

    pub fn lock(&self) -> Result<()> {
        self.keeper().lock()
    }

    pub fn activity(&self) {
        self.keeper().activity(now_ms());
    }

    pub fn visibility(&self, hidden: bool) {
        self.keeper().visibility(hidden, now_ms());
    }

    pub fn tick(&self) -> Result<bool> {
        self.keeper().tick(now_ms())
    }

    pub fn settings(&self) -> Result<Settings> {
        self.keeper().settings()
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        self.keeper().save_settings(settings)
    }

    pub fn change_passphrase(&self, current: &str, new: &str) -> Result<()> {
        self.keeper().change_passphrase(current, new, now_ms())
    }

    pub fn new_recovery_code(&self) -> Result<NewRecoveryCode> {
        self.keeper().new_recovery_code()
    }

    pub fn export_backup(&self) -> Result<PathBuf> {
        self.keeper().export_backup(&self.exports, &today())
    }

    pub fn import_backup(&self, backup: &[u8], secret: Secret<'_>) -> Result<()> {
        self.keeper().import_backup(backup, secret, now_ms())?;
        self.refresh_due()
    }

    pub fn readable_export(&self, passphrase: &str) -> Result<PathBuf> {
        self.keeper()
            .readable_export(passphrase, &self.exports, &today(), now_ms())
    }

    pub fn wipe(&self, confirmation: &str) -> Result<()> {
        self.keeper().wipe(confirmation, now_ms())?;
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
