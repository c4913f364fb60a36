//! Follow-up check-ins and support.

use serde::Serialize;
use tauri::State;
use tend_core::followup::{self, FollowUp};
use tend_core::session::Text;
use tend_core::suggest::CheckIn;
use tend_core::support::{self, Contact, Resource};

use crate::state::now_ms;
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Due {
    follow_up: FollowUp,
    /// Who was there, by profile id and name.
    people: Vec<(String, String)>,
    started_at_ms: u64,
    talk_tomorrow: bool,
}

/// Follow-ups whose time has come, with who they are for.
#[tauri::command(async)]
pub fn due_follow_ups(state: State<'_, AppState>) -> Result<Vec<Due>> {
    state
        .with_vault(|v| {
            let people = tend_core::profile::list(v)?;
            let name = |id: &str| {
                people
                    .iter()
                    .find(|p| p.id == id)
                    .map_or_else(|| "Someone".into(), |p| p.name.clone())
            };
            followup::due(v, now_ms())?
                .into_iter()
                .map(|f| {
                    let s = tend_core::session::get(v, &f.session)?;
                    Ok(Due {
                        people: s
                            .people
                            .iter()
                            .map(|p| (p.person.clone(), name(&p.person)))
                            .collect(),
                        started_at_ms: s.started_at_ms,
                        talk_tomorrow: s.talk_tomorrow,
                        follow_up: f,
                    })
                })
                .collect()
        })
        .map_err(Into::into)
}

/// How one person is today. Returns whether they said (or their words say) they are low.
#[tauri::command(async)]
pub fn answer_follow_up(
    state: State<'_, AppState>,
    id: String,
    person: String,
    check_in: serde_json::Value,
    low: bool,
    need: String,
) -> Result<bool> {
    let check_in: CheckIn = super::parse("check-in", check_in)?;
    let need = Text {
        text: need,
        shared: false,
        withheld: false,
    };
    let f =
        state.with_vault(|v| followup::answer(v, &id, &person, check_in, low, need, now_ms()))?;
    Ok(f.answers.iter().any(|a| a.person == person && a.low))
}

#[tauri::command(async)]
pub fn complete_follow_up(state: State<'_, AppState>, id: String) -> Result<()> {
    state.with_vault(|v| followup::complete(v, &id, now_ms()).map(drop))?;
    state.refresh_due().map_err(Into::into)
}

#[derive(Serialize)]
pub struct Support {
    resources: &'static [Resource],
    contacts: Vec<Contact>,
}

#[tauri::command(async)]
pub fn support(state: State<'_, AppState>) -> Result<Support> {
    let contacts = state.with_vault(|v| support::contacts(v))?;
    Ok(Support {
        resources: support::resources(),
        contacts,
    })
}

#[tauri::command(async)]
pub fn save_contact(state: State<'_, AppState>, contact: serde_json::Value) -> Result<Contact> {
    let contact = super::parse("contact", contact)?;
    state
        .with_vault(|v| support::save_contact(v, contact))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_contact(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .with_vault(|v| support::delete_contact(v, &id))
        .map_err(Into::into)
}
