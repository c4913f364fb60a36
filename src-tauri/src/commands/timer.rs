//! Timers: the core owns start, duration and phases; the screen asks what to show.

use serde::Deserialize;
use tauri::State;
use tend_core::timer::{self, Timer, TimerKind, View};

use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewTimer {
    kind: TimerKind,
    minutes: u32,
    #[serde(default)]
    label: String,
    #[serde(default)]
    session: Option<String>,
    #[serde(default)]
    card: Option<String>,
}

#[tauri::command(async)]
pub fn start_timer(state: State<'_, AppState>, timer: serde_json::Value) -> Result<View> {
    let t: NewTimer = super::parse("timer", timer)?;
    let now = state.timer_now();
    state
        .with_vault(|v| {
            let mut timer = Timer::new(t.kind, &t.label, u64::from(t.minutes) * 60_000, now)?;
            if let Some(s) = &t.session {
                tend_core::session::get(v, s)?;
            }
            timer.session = t.session;
            timer.card = t.card;
            timer::start(v, timer, now).map(|t| t.view(now))
        })
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
pub fn timer_view(state: State<'_, AppState>, id: String) -> Result<View> {
    let now = state.timer_now();
    state
        .with_vault(|v| Ok(timer::get(v, &id)?.view(now)))
        .map_err(Into::into)
}

/// `action`: pause, resume, stop, or extend by `minutes` (1 or 5, say).
#[tauri::command(async)]
pub fn timer_action(
    state: State<'_, AppState>,
    id: String,
    action: String,
    minutes: Option<u32>,
) -> Result<View> {
    let now = state.timer_now();
    state
        .with_vault(|v| {
            let mut t = timer::get(v, &id)?;
            match action.as_str() {
                "pause" => t.pause(now)?,
                "resume" => t.resume(now)?,
                "stop" => t.stop(now)?,
                "extend" => t.extend(u64::from(minutes.unwrap_or(1)) * 60_000, now)?,
                _ => {
                    return Err(tend_core::vault::VaultError::Invalid(format!(
                        "Unknown timer action {action:?}."
                    )))
                }
            }
            timer::save(v, &t)?;
            Ok(t.view(now))
        })
        .map_err(Into::into)
}
