//! Locking, unlocking and first run.

use serde::Deserialize;
use tauri::State;
use tend_core::keeper::{NewRecoveryCode, Status};
use tend_core::vault::Secret;
use zeroize::Zeroizing;

use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

/// A passphrase or a recovery code, as `{ kind, value }`.
#[derive(Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SecretArg {
    Passphrase(Zeroizing<String>),
    RecoveryCode(Zeroizing<String>),
}

impl SecretArg {
    pub fn as_secret(&self) -> Secret<'_> {
        match self {
            SecretArg::Passphrase(p) => Secret::Passphrase(p),
            SecretArg::RecoveryCode(c) => Secret::RecoveryCode(c),
        }
    }
}

#[tauri::command(async)]
pub fn vault_status(state: State<'_, AppState>) -> Result<Status> {
    state.status().map_err(Into::into)
}

#[tauri::command(async)]
pub fn create_vault(
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Result<NewRecoveryCode> {
    state.create(&passphrase).map_err(Into::into)
}

#[tauri::command(async)]
pub fn confirm_recovery_code(
    state: State<'_, AppState>,
    answers: Vec<Zeroizing<String>>,
) -> Result<()> {
    state.confirm_recovery_code(&answers).map_err(Into::into)
}

#[tauri::command(async)]
pub fn pending_recovery_code(state: State<'_, AppState>) -> Result<NewRecoveryCode> {
    state.pending_recovery_code().map_err(Into::into)
}

/// Unlocks with the passphrase or the recovery code. After the code, the vault asks for a
/// new passphrase next (the status says so).
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, secret: SecretArg) -> Result<()> {
    state.unlock(secret.as_secret()).map_err(Into::into)
}

/// A new passphrase after opening with the recovery code.
#[tauri::command(async)]
pub fn choose_new_passphrase(
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Result<()> {
    state.choose_new_passphrase(&passphrase).map_err(Into::into)
}

/// Locks at once; "hide now" uses it too.
#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> Result<()> {
    state.lock().map_err(Into::into)
}

/// The person did something: postpones the idle lock. Off the main thread, so a long
/// key derivation holding the vault never stalls the window.
#[tauri::command(async)]
pub fn report_activity(state: State<'_, AppState>) {
    state.activity();
}

/// The window was hidden or shown (minimised, switched away, app in the background).
#[tauri::command(async)]
pub fn report_visibility(state: State<'_, AppState>, hidden: bool) {
    state.visibility(hidden);
}
