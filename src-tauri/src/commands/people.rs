//! Profiles and aftercare plans.

use tauri::State;
use tend_core::plan::{self, Plan};
use tend_core::profile::{self, Profile};

use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command(async)]
pub fn list_profiles(state: State<'_, AppState>) -> Result<Vec<Profile>> {
    state.with_vault(|v| profile::list(v)).map_err(Into::into)
}

/// Creates (empty id) or updates a profile; returns it as stored.
#[tauri::command(async)]
pub fn save_profile(state: State<'_, AppState>, profile: serde_json::Value) -> Result<Profile> {
    let profile = super::parse("profile", profile)?;
    state
        .with_vault(|v| profile::save(v, profile))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_profile(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .with_vault(|v| profile::delete(v, &id))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn list_plans(state: State<'_, AppState>) -> Result<Vec<Plan>> {
    state.with_vault(|v| plan::list(v)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_plan(state: State<'_, AppState>, plan: serde_json::Value) -> Result<Plan> {
    let plan = super::parse("plan", plan)?;
    state
        .with_vault(|v| plan::save(v, plan))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_plan(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .with_vault(|v| plan::delete(v, &id))
        .map_err(Into::into)
}
