//! Profiles and aftercare plans.

use tauri::State;
use tend_core::vault::RecordId;
use tend_core::{forget, plan, profile};

use crate::wire::{self, Plan, Profile};
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command(async)]
pub fn list_profiles(state: State<'_, AppState>) -> Result<Vec<Profile>> {
    Ok(wire::all(state.with_vault(|v| profile::list(v))?))
}

/// Creates (no id) or updates a profile; returns it as stored.
#[tauri::command(async)]
pub fn save_profile(state: State<'_, AppState>, profile: serde_json::Value) -> Result<Profile> {
    let profile: Profile = super::parse("profile", profile)?;
    state.with_vault(|v| profile.save(v)).map_err(Into::into)
}

/// Deletes a person and their feedback; refused while a plan names them.
#[tauri::command(async)]
pub fn delete_profile(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    state
        .with_vault(|v| forget::person(v, id))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn list_plans(state: State<'_, AppState>) -> Result<Vec<Plan>> {
    Ok(wire::all(state.with_vault(|v| plan::list(v))?))
}

/// Creates (no id) or updates a plan; returns it as stored.
#[tauri::command(async)]
pub fn save_plan(state: State<'_, AppState>, plan: serde_json::Value) -> Result<Plan> {
    let plan: Plan = super::parse("plan", plan)?;
    state.with_vault(|v| plan.save(v)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_plan(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    state
        .with_vault(|v| plan::delete(v, id))
        .map_err(Into::into)
}
