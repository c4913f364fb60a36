//! Timers: the core owns start, duration and phases; the screen asks what to show.

use tauri::State;
use tend_core::timer::{self, Action, View};
use tend_core::vault::RecordId;

use crate::wire::NewTimer;
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command(async)]
pub fn start_timer(state: State<'_, AppState>, timer: serde_json::Value) -> Result<View> {
    let new: NewTimer = super::parse("timer", timer)?;
    let now = state.timer_now();
    state
        .with_vault(|v| timer::begin(v, new.into(), now))
        .map_err(Into::into)
}

/// The running or paused timer, if any.
#[tauri::command(async)]
pub fn current_timer(state: State<'_, AppState>) -> Result<Option<View>> {
    let now = state.timer_now();
    state
        .with_vault(|v| Ok(timer::active(v, now)?.map(|t| t.view(now))))
        .map_err(Into::into)
}

/// Shows one timer (also after it finished or was stopped).
#[tauri::command(async)]
pub fn timer_view(state: State<'_, AppState>, id: RecordId) -> Result<View> {
    let now = state.timer_now();
    state
        .with_vault(|v| Ok(timer::get(v, id)?.view(now)))
        .map_err(Into::into)
}

/// `action`: pause, resume, stop, or extend by `minutes` (one if none).
#[tauri::command(async)]
pub fn timer_action(
    state: State<'_, AppState>,
    id: RecordId,
    action: serde_json::Value,
    minutes: Option<u32>,
) -> Result<View> {
    let action: Action = super::parse("timer action", action)?;
    let now = state.timer_now();
    state
        .with_vault(|v| timer::act(v, id, action, minutes, now))
        .map_err(Into::into)
}
