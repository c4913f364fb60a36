//! A profile passed between devices: the QR code and text code to share, and reading one
//! (scanned, pasted or from a picture) to preview and import.

use tauri::State;
use tend_core::exchange;
use tend_core::vault::RecordId;
use zeroize::Zeroizing;

use crate::wire::{Profile, ShareCode, SharePreview, ShareShown};
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

/// The QR code of the owner's own profile: open, for showing in the room.
#[tauri::command(async)]
pub fn share_profile(state: State<'_, AppState>, id: RecordId) -> Result<ShareShown> {
    Ok(state.with_vault(|v| exchange::show(v, id))?.into())
}

/// A sealed text code and its phrase (a key derivation: a quarter to one second).
#[tauri::command(async)]
pub fn share_text_code(state: State<'_, AppState>, id: RecordId) -> Result<ShareCode> {
    Ok(state.with_vault(|v| exchange::text_code(v, id))?.into())
}

/// The text of the QR code in a picture; the bytes come as for `stage_backup`.
#[tauri::command(async)]
pub fn read_share_picture(request: tauri::ipc::Request<'_>) -> Result<String> {
    let bytes = super::raw_bytes(
        request.body(),
        exchange::MAX_PICTURE_BYTES,
        exchange::picture_too_large().into(),
        "That picture could not be read.",
    )?;
    exchange::read_picture(&bytes).map_err(Into::into)
}

/// What importing a code would save; nothing is written. A sealed code needs its phrase.
#[tauri::command(async)]
pub fn preview_share(
    state: State<'_, AppState>,
    code: Zeroizing<String>,
    phrase: Option<Zeroizing<String>>,
) -> Result<SharePreview> {
    let incoming = exchange::read(&code, phrase.as_deref().map(String::as_str))?;
    let open = incoming.open_code()?;
    let preview = state.with_vault(|v| exchange::preview(v, &incoming))?;
    Ok(SharePreview::of(preview, open))
}

/// Saves what `preview_share` showed, from the open code it returned.
#[tauri::command(async)]
pub fn import_share(state: State<'_, AppState>, code: Zeroizing<String>) -> Result<Profile> {
    let incoming = exchange::read(&code, None)?;
    Ok(state.with_vault(|v| exchange::import(v, &incoming))?.into())
}
