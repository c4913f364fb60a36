//! The catalogue, the person's own cards, feedback and suggestions.

use tauri::State;
use tend_core::catalog::{self, Category, Context};
use tend_core::feedback::{self, Verdict};
use tend_core::vault::RecordId;
use tend_core::{ask, forget};

use crate::wire::{self, Answer, Ask, Card};
use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

/// Built-in and custom cards, optionally only one category and/or one kind of moment.
#[tauri::command(async)]
pub fn list_cards(
    state: State<'_, AppState>,
    category: Option<Category>,
    context: Option<Context>,
) -> Result<Vec<Card>> {
    let cards = state.with_vault(|v| catalog::filtered(v, category, context))?;
    Ok(wire::all(cards))
}

#[tauri::command(async)]
pub fn get_card(state: State<'_, AppState>, id: String) -> Result<Card> {
    Ok(state.with_vault(|v| catalog::find(v, &id))?.into())
}

/// Adds (no id) or updates one of the person's own cards; returns it as stored.
#[tauri::command(async)]
pub fn save_custom_card(state: State<'_, AppState>, card: serde_json::Value) -> Result<Card> {
    let card: Card = super::parse("card", card)?;
    state.with_vault(|v| card.save(v)).map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_custom_card(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .with_vault(|v| forget::card(v, &id))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn record_feedback(
    state: State<'_, AppState>,
    person: RecordId,
    card: String,
    verdict: Verdict,
) -> Result<()> {
    state
        .with_vault(|v| feedback::record(v, person, &card, verdict))
        .map_err(Into::into)
}

/// Three cards (or `count`) for these people now, each with its reason.
#[tauri::command(async)]
pub fn suggest(state: State<'_, AppState>, ask: serde_json::Value) -> Result<Answer> {
    let ask: ask::Ask = super::parse::<Ask>("request", ask)?.into();
    Ok(state.with_vault(|v| ask::for_people(v, &ask))?.into())
}
