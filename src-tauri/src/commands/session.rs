//! "Aftercare now": sessions, check-ins, cards, reflections, history.

use tauri::{AppHandle, Runtime, State};
use tend_core::catalog::{Category, Moment};
use tend_core::checkin::Privacy;
use tend_core::feelings::{self, Feeling};
use tend_core::insights::{self, Insights};
use tend_core::profile;
use tend_core::session::{self, NewCheckIn, Stage, Step, Summary};
use tend_core::vault::RecordId;
use tend_core::{followup, forget, private};

use crate::wire::{self, Answer, CheckIn, Ended, FollowUp, NewReflection, Session, Start};
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
    let (seed, now) = (state.now(), state.now());
    Ok(state
        .with_vault(|v| session::start(v, start.into(), seed, now))?
        .into())
}

/// The unfinished session from the last few hours, if any, to offer to carry on (as the
/// owner may see it, and whether the answers it held only in memory are gone since).
/// Older unfinished sessions are closed as they stand, keeping their follow-ups.
#[tauri::command(async)]
pub fn open_session(state: State<'_, AppState>) -> Result<Option<Session>> {
    let open = state.with_answers(|v, m| {
        let Some(stored) = followup::resumable(v, state.now())? else {
            return Ok(None);
        };
        let view = stored.view_for(tend_core::profile::me(v)?);
        Ok(Some(
            Session::from(view).with_forgotten(private::forgotten(&stored, m)),
        ))
    })?;
    state.refresh_due()?;
    Ok(open)
}

/// A session's follow-up check-ins as the device's owner may see them.
#[tauri::command(async)]
pub fn session_follow_ups(state: State<'_, AppState>, id: RecordId) -> Result<Vec<FollowUp>> {
    Ok(wire::all(state.with_vault(|v| followup::for_owner(v, id))?))
}

/// A session as the device's owner ("me") may see it: Rust decides who is looking and
/// withholds other people's private answers, so they never reach the screen.
#[tauri::command(async)]
pub fn get_session(state: State<'_, AppState>, id: RecordId) -> Result<Session> {
    Ok(state.with_answers(|v, m| {
        let stored = session::get(v, id)?;
        let view = stored.view_for(tend_core::profile::me(v)?);
        Ok(Session::from(view).with_forgotten(private::forgotten(&stored, m)))
    })?)
}

/// One person's check-in, kept where they chose (`privacy`); returns the session as that
/// person may see it.
#[tauri::command(async)]
pub fn session_check_in(
    state: State<'_, AppState>,
    id: RecordId,
    person: RecordId,
    stage: Stage,
    check_in: serde_json::Value,
    note: String,
    privacy: Privacy,
) -> Result<Session> {
    let check_in: CheckIn = super::parse("check-in", check_in)?;
    let entry = NewCheckIn {
        person,
        stage,
        check_in: check_in.into(),
        note,
        privacy,
    };
    let s = state.with_answers(|v, m| private::check_in(v, m, id, entry, state.now()))?;
    Ok(s.into())
}

#[tauri::command(async)]
pub fn session_step(state: State<'_, AppState>, id: RecordId, step: Step) -> Result<()> {
    state
        .with_vault(|v| session::set_step(v, id, step).map(drop))
        .map_err(Into::into)
}

/// "We stopped": the session goes gently from here (to its cards, asking nothing).
#[tauri::command(async)]
pub fn session_stop(state: State<'_, AppState>, id: RecordId) -> Result<Session> {
    Ok(state.with_vault(|v| session::stop(v, id))?.into())
}

/// A few cards; after a stop, `moments` are what the person said happened (if anything),
/// used for this answer only and never kept.
#[tauri::command(async)]
pub fn session_suggest(
    state: State<'_, AppState>,
    id: RecordId,
    exclude: Vec<String>,
    shown_categories: Vec<Category>,
    count: usize,
    moments: Option<Vec<Moment>>,
) -> Result<Answer> {
    let moments = moments.unwrap_or_default();
    let more = session::More {
        exclude: &exclude,
        shown: &shown_categories,
        count,
        moments: &moments,
    };
    let answer = state.with_answers(|v, m| private::suggest(v, m, id, more))?;
    Ok(answer.into())
}

/// Accepts a card into the session (`accept`), or sets it aside for now.
#[tauri::command(async)]
pub fn session_choose(
    state: State<'_, AppState>,
    id: RecordId,
    card: String,
    accept: bool,
) -> Result<()> {
    state
        .with_vault(|v| session::choose(v, id, &card, accept).map(drop))
        .map_err(Into::into)
}

/// One person's reflection, kept where they chose (one choice for all of it).
#[tauri::command(async)]
pub fn session_reflect(
    state: State<'_, AppState>,
    id: RecordId,
    reflection: serde_json::Value,
) -> Result<()> {
    let reflection: NewReflection = super::parse("reflection", reflection)?;
    let privacy = reflection.privacy;
    state
        .with_answers(|v, m| private::reflect(v, m, id, reflection.into(), privacy, state.now()))
        .map_err(Into::into)
}

/// Ends the session (early is fine) and schedules its follow-up check-ins. `talkLater`
/// names who chose to talk about it later (the reflection comes to the check-in for them).
#[tauri::command(async)]
pub fn end_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: RecordId,
    talk_tomorrow: bool,
    talk_later: Option<Vec<RecordId>>,
) -> Result<Ended> {
    let later = talk_later.unwrap_or_default();
    let (session, follow_ups) = state.with_answers(|v, m| {
        private::end_session_with(v, m, id, talk_tomorrow, &later, state.now())
    })?;
    state.refresh_due()?;
    let due: Vec<u64> = follow_ups.iter().map(|f| f.due_at_ms).collect();
    crate::notify::schedule(&app, &state.notification_times(&due)?);
    Ok(Ended {
        session: session.into(),
        follow_ups: wire::all(follow_ups),
    })
}

#[tauri::command(async)]
pub fn history(state: State<'_, AppState>) -> Result<Vec<Summary>> {
    state
        .with_vault(|v| session::history(v))
        .map_err(Into::into)
}

/// "What seems to help", from what the device's owner may see; `null` when they chose to
/// hide insights in settings (then nothing is computed).
#[tauri::command(async)]
pub fn insights(state: State<'_, AppState>) -> Result<Option<Insights>> {
    Ok(state.with_vault(|v| insights::if_shown(v, profile::me(v)?, None))?)
}

/// Deletes a session and everything attached to it.
#[tauri::command(async)]
pub fn delete_session(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    state.with_vault(|v| forget::session(v, id))?;
    state.refresh_due().map_err(Into::into)
}
