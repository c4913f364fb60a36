//! Settings and data: passphrase, recovery code, backups, readable export, wipe.

use tauri::State;
use tend_core::keeper::NewRecoveryCode;
use zeroize::Zeroizing;

use super::vault::SecretArg;
use crate::wire::Settings;
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    Ok(state.settings()?.into())
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: serde_json::Value) -> Result<()> {
    let settings: Settings = super::parse("settings", settings)?;
    state.save_settings(&settings.into())?;
    // Quiet hours may have changed when notifications show.
    state.refresh_due().map_err(Into::into)
}

#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: Zeroizing<String>,
    new: Zeroizing<String>,
) -> Result<()> {
    state.change_passphrase(&current, &new).map_err(Into::into)
}

/// A new recovery code, once the passphrase is given again; it replaces the old one when
/// two of its groups are typed back.
#[tauri::command(async)]
pub fn new_recovery_code(
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Result<NewRecoveryCode> {
    state.new_recovery_code(&passphrase).map_err(Into::into)
}

/// Writes an encrypted backup to the exports folder once the passphrase or recovery code
/// is given again; returns where.
#[tauri::command(async)]
pub fn export_backup(state: State<'_, AppState>, secret: SecretArg) -> Result<String> {
    state
        .export_backup(secret.as_secret())
        .map(|p| p.display().to_string())
        .map_err(Into::into)
}

/// Holds a backup file's bytes beside the vault until `import_backup` checks them. The
/// bytes come as the request's raw body (desktop); Android's IPC sends a `Uint8Array` as a
/// JSON array of numbers instead, which is read too. The secrets travel separately.
#[tauri::command(async)]
pub fn stage_backup(state: State<'_, AppState>, request: tauri::ipc::Request<'_>) -> Result<()> {
    let bytes = super::raw_bytes(
        request.body(),
        tend_core::vault::MAX_BACKUP_BYTES,
        tend_core::vault::VaultError::TooLarge.into(),
        "That file could not be read as a Tend backup.",
    )?;
    state.stage_backup(&bytes).map_err(Into::into)
}

/// Restores the staged backup with its passphrase or code. Replacing a vault that exists
/// asks for that vault's own secret first (`current`), even when it is locked.
#[tauri::command(async)]
pub fn import_backup(
    state: State<'_, AppState>,
    current: Option<SecretArg>,
    backup: SecretArg,
) -> Result<()> {
    state
        .import_backup(
            current.as_ref().map(SecretArg::as_secret),
            backup.as_secret(),
        )
        .map_err(Into::into)
}

/// Writes readable JSON to the exports folder after the passphrase is given again.
#[tauri::command(async)]
pub fn readable_export(
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Result<String> {
    state
        .readable_export(&passphrase)
        .map(|p| p.display().to_string())
        .map_err(Into::into)
}

/// Wipes everything; `remove_exports` also deletes the backups and readable copies Tend
/// wrote into the exports folder.
#[tauri::command(async)]
pub fn wipe_everything(
    state: State<'_, AppState>,
    confirmation: String,
    remove_exports: bool,
) -> Result<()> {
    state
        .wipe(&confirmation, remove_exports)
        .map_err(Into::into)
}

/// How many backups and readable copies Tend wrote into the exports folder (counts only:
/// the screen offers to remove them when wiping).
#[tauri::command(async)]
pub fn exports_written(state: State<'_, AppState>) -> Result<ExportsWritten> {
    let w = state.written();
    Ok(ExportsWritten {
        backups: w.backups.len(),
        readable: w.readable.len(),
    })
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportsWritten {
    pub backups: usize,
    pub readable: usize,
}
