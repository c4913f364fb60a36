//! "Aftercare now": sessions, check-ins, cards, reflections, history.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tend_core::catalog::Category;
use tend_core::feelings::{self, Feeling};
use tend_core::followup::FollowUp;
use tend_core::session::{self, Session, Stage, Start, Step, Summary};
use tend_core::settings::Settings;
use tend_core::suggest::{Answer, CheckIn};

use crate::state::now_ms;
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

/// The feeling words and where they sit on the energy × pleasantness grid.
#[tauri::command]
pub fn feelings() -> &'static [Feeling] {
    feelings::ALL
}

#[tauri::command(async)]
pub fn start_session(state: State<'_, AppState>, start: serde_json::Value) -> Result<Session> {
    let start: Start = super::parse("start", start)?;
    let seed = now_ms();
    state
        .with_vault(|v| session::start(v, start, seed, now_ms()))
        .map_err(Into::into)
}

/// The session left open, if any, to resume.
#[tauri::command(async)]
pub fn open_session(state: State<'_, AppState>) -> Result<Option<Session>> {
    state
        .with_vault(|v| session::open_session(v))
        .map_err(Into::into)
}

/// A session's follow-up check-ins as the device's owner may see them.
#[tauri::command(async)]
pub fn session_follow_ups(state: State<'_, AppState>, id: String) -> Result<Vec<FollowUp>> {
    state
        .with_vault(|v| {
            let me = tend_core::profile::me(v)?;
            tend_core::followup::for_session(v, &session::get(v, &id)?, me.as_deref())
        })
        .map_err(Into::into)
}

/// A session as the device's owner ("me") may see it: other people's private answers are
/// withheld here, so they never reach the screen. Rust decides who is looking.
#[tauri::command(async)]
pub fn get_session(state: State<'_, AppState>, id: String) -> Result<Session> {
    state
        .with_vault(|v| Ok(session::get(v, &id)?.view_for(tend_core::profile::me(v)?.as_deref())))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn session_check_in(
    state: State<'_, AppState>,
    id: String,
    person: String,
    stage: Stage,
    check_in: serde_json::Value,
    note: String,
    shared: bool,
) -> Result<Session> {
    let check_in: CheckIn = super::parse("check-in", check_in)?;
    let entry = session::NewCheckIn {
        person: person.clone(),
        stage,
        check_in,
        note,
        shared,
    };
    let s = state.with_vault(|v| session::check_in(v, &id, entry, now_ms()))?;
    Ok(s.view_for(Some(&person)))
}

#[tauri::command(async)]
pub fn session_step(state: State<'_, AppState>, id: String, step: Step) -> Result<()> {
    state
        .with_vault(|v| session::set_step(v, &id, step).map(drop))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn session_suggest(
    state: State<'_, AppState>,
    id: String,
    exclude: Vec<String>,
    shown_categories: Vec<Category>,
    count: usize,
) -> Result<Answer> {
    state
        .with_vault(|v| session::suggest(v, &id, &exclude, &shown_categories, count))
        .map_err(Into::into)
}

/// Accepts a card into the session (`accept`), or sets it aside for now.
#[tauri::command(async)]
pub fn session_choose(
    state: State<'_, AppState>,
    id: String,
    card: String,
    accept: bool,
) -> Result<()> {
    state
        .with_vault(|v| session::choose(v, &id, &card, accept).map(drop))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn session_reflect(
    state: State<'_, AppState>,
    id: String,
    reflection: serde_json::Value,
) -> Result<()> {
    let reflection = super::parse("reflection", reflection)?;
    state
        .with_vault(|v| session::reflect(v, &id, reflection, now_ms()).map(drop))
        .map_err(Into::into)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ended {
    session: Session,
    follow_ups: Vec<FollowUp>,
}

/// Ends the session (early is fine) and schedules its follow-up check-ins.
#[tauri::command(async)]
pub fn end_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    talk_tomorrow: bool,
) -> Result<Ended> {
    let (session, follow_ups) = state.with_vault(|v| {
        let settings = Settings::load(v)?;
        session::end(v, &id, talk_tomorrow, &settings, now_ms())
    })?;
    state.refresh_due()?;
    crate::notify::schedule(
        &app,
        &follow_ups.iter().map(|f| f.due_at_ms).collect::<Vec<_>>(),
    );
    Ok(Ended {
        session,
        follow_ups,
    })
}

#[tauri::command(async)]
pub fn history(state: State<'_, AppState>) -> Result<Vec<Summary>> {
    state
        .with_vault(|v| session::history(v))
        .map_err(Into::into)
}

/// Deletes a session and everything attached to it.
#[tauri::command(async)]
pub fn delete_session(state: State<'_, AppState>, id: String) -> Result<()> {
    state.with_vault(|v| session::delete(v, &id))?;
    state.refresh_due().map_err(Into::into)
}
