//! Settings and data: passphrase, recovery code, backups, readable export, wipe.

use base64::Engine;
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
    state.save_settings(&settings.into()).map_err(Into::into)
}

#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: Zeroizing<String>,
    new: Zeroizing<String>,
) -> Result<()> {
    state.change_passphrase(&current, &new).map_err(Into::into)
}

#[tauri::command(async)]
pub fn new_recovery_code(state: State<'_, AppState>) -> Result<NewRecoveryCode> {
    state.new_recovery_code().map_err(Into::into)
}

/// Writes an encrypted backup to the exports folder; returns where.
#[tauri::command(async)]
pub fn export_backup(state: State<'_, AppState>) -> Result<String> {
    state
        .export_backup()
        .map(|p| p.display().to_string())
        .map_err(Into::into)
}

/// Restores a backup the person picked (its bytes, base64) with its passphrase or code.
#[tauri::command(async)]
pub fn import_backup(state: State<'_, AppState>, data: String, secret: SecretArg) -> Result<()> {
    let bytes = Zeroizing::new(
        base64::engine::general_purpose::STANDARD
            .decode(data.as_bytes())
            .map_err(|_| CommandError::invalid("That file could not be read as a Tend backup."))?,
    );
    state
        .import_backup(&bytes, secret.as_secret())
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

#[tauri::command(async)]
pub fn wipe_everything(state: State<'_, AppState>, confirmation: String) -> Result<()> {
    state.wipe(&confirmation).map_err(Into::into)
}
