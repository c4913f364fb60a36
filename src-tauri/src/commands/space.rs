//! People's own spaces: made, opened and deleted by their person with their passphrase;
//! deleted unread by the device's owner after a warning; and what to do with a person's
//! earlier private answers, which the owner's key still holds.

use tauri::State;
use tend_core::vault::{RecordId, Vault};
use tend_core::{insights, space};
use zeroize::Zeroizing;

use crate::wire::{OpenedSpace, SpaceInfo};
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

fn info(v: &Vault, person: RecordId) -> tend_core::Result<SpaceInfo> {
    Ok(SpaceInfo {
        exists: space::find(v, person)?.is_some(),
        answers: space::count(v, person)?,
        earlier_private: space::earlier(v, person)?.len(),
    })
}

/// Whether `person` has a space, how many answers it holds, and how many earlier private
/// answers of theirs the owner's key still holds.
#[tauri::command(async)]
pub fn space_info(state: State<'_, AppState>, person: RecordId) -> Result<SpaceInfo> {
    Ok(state.with_vault(|v| {
        v.get::<tend_core::profile::Profile>(person)?;
        info(v, person)
    })?)
}

/// Makes `person`'s space under their own passphrase (no recovery code: forgotten means
/// closed for good); moves their earlier private answers into it if they say so.
#[tauri::command(async)]
pub fn make_space(
    state: State<'_, AppState>,
    person: RecordId,
    passphrase: Zeroizing<String>,
    move_earlier: bool,
) -> Result<SpaceInfo> {
    state.make_space(person, &passphrase, move_earlier)?;
    Ok(state.with_vault(|v| info(v, person))?)
}

/// Opens `person`'s space with its passphrase: everything in it, for them to read.
#[tauri::command(async)]
pub fn open_space(
    state: State<'_, AppState>,
    person: RecordId,
    passphrase: Zeroizing<String>,
) -> Result<OpenedSpace> {
    Ok(state.with_space(person, &passphrase, |v, keys| {
        let opened = space::read(v, person, keys)?;
        let insights = insights::if_shown(v, Some(person), Some(&opened))?;
        Ok(OpenedSpace::new(opened, insights))
    })?)
}

/// Deletes `person`'s space and everything in it, with its passphrase.
#[tauri::command(async)]
pub fn delete_space(
    state: State<'_, AppState>,
    person: RecordId,
    passphrase: Zeroizing<String>,
) -> Result<()> {
    Ok(state.with_space(person, &passphrase, |v, _| space::delete(v, person))?)
}

/// The owner's way: deletes `person`'s space without opening it (the screen warns first).
#[tauri::command(async)]
pub fn delete_space_unread(state: State<'_, AppState>, person: RecordId) -> Result<()> {
    Ok(state.with_vault(|v| space::delete(v, person))?)
}

/// Moves `person`'s earlier private answers into their space.
#[tauri::command(async)]
pub fn move_earlier_private(state: State<'_, AppState>, person: RecordId) -> Result<SpaceInfo> {
    Ok(state.with_vault(|v| {
        let space = space::find(v, person)?
            .ok_or_else(|| tend_core::Error::invalid("Make a space for them first."))?;
        space::settle_earlier(v, person, Some(&space))?;
        info(v, person)
    })?)
}

/// Deletes `person`'s earlier private answers unread (the owner's way).
#[tauri::command(async)]
pub fn delete_earlier_private(state: State<'_, AppState>, person: RecordId) -> Result<SpaceInfo> {
    Ok(state.with_vault(|v| {
        space::settle_earlier(v, person, None)?;
        info(v, person)
    })?)
}
