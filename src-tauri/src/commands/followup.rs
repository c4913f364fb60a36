//! Follow-up check-ins and support.

use tauri::State;
use tend_core::checkin::Privacy;
use tend_core::followup::{self, DropToday, NewAnswer};
use tend_core::settings::Settings;
use tend_core::support;
use tend_core::vault::RecordId;

use crate::wire::{self, CheckIn, Contact, Due, Support};
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

/// Follow-ups whose time has come, with who they are for.
#[tauri::command(async)]
pub fn due_follow_ups(state: State<'_, AppState>) -> Result<Vec<Due>> {
    Ok(wire::all(state.with_vault(|v| {
        followup::due_with_people(v, state.now())
    })?))
}

/// How one person is today, kept where they chose (`privacy`). Returns whether they said
/// (or their words say) they are low.
// A command takes its IPC arguments one by one, as the window sends them.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn answer_follow_up(
    state: State<'_, AppState>,
    id: RecordId,
    person: RecordId,
    check_in: serde_json::Value,
    low: bool,
    need: String,
    privacy: Privacy,
    drop: Option<DropToday>,
    not_right: Option<bool>,
) -> Result<bool> {
    let check_in: CheckIn = super::parse("check-in", check_in)?;
    let new = NewAnswer {
        person,
        check_in: check_in.into(),
        said_low: low,
        need,
        drop,
        not_right,
        privacy,
    };
    Ok(state
        .with_answers(|v, m| tend_core::private::answer_follow_up(v, m, id, new, state.now()))?)
}

#[tauri::command(async)]
pub fn complete_follow_up(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    state.with_answers(|v, m| {
        tend_core::private::complete_follow_up(v, m, id, state.now()).map(drop)
    })?;
    state.refresh_due().map_err(Into::into)
}

/// Services for every region, the person's first; their trusted contacts only while the
/// vault is unlocked. Answers while locked too, so calming screens can list help.
#[tauri::command(async)]
pub fn support(state: State<'_, AppState>) -> Result<Support> {
    let mine = state.if_unlocked(|v| Ok((Settings::load(v)?.region, support::contacts(v)?)))?;
    let (region, contacts) = mine.unwrap_or_default();
    Ok(Support::new(region, contacts))
}

/// Adds (no id) or updates a trusted contact.
#[tauri::command(async)]
pub fn save_contact(state: State<'_, AppState>, contact: serde_json::Value) -> Result<Contact> {
    let contact: Contact = super::parse("contact", contact)?;
    state.with_vault(|v| contact.save(v)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_contact(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    state
        .with_vault(|v| support::delete_contact(v, id))
        .map_err(Into::into)
}
