//! The catalogue, the person's own cards, feedback and suggestions.

use tauri::State;
use tend_core::catalog::{self, Card, Category, Context};
use tend_core::feedback::{self, Verdict};
use tend_core::suggest::{self, Answer, Ask};

use crate::{AppState, CommandError};

type Result<T> = std::result::Result<T, CommandError>;

/// Built-in and custom cards, optionally only one category and/or one kind of moment.
#[tauri::command(async)]
pub fn list_cards(
    state: State<'_, AppState>,
    category: Option<Category>,
    context: Option<Context>,
) -> Result<Vec<Card>> {
    let cards = state.with_vault(|v| catalog::all(v))?;
    Ok(cards
        .into_iter()
        .filter(|c| category.is_none_or(|k| c.category == k) && context.is_none_or(|x| c.fits(x)))
        .collect())
}

#[tauri::command(async)]
pub fn get_card(state: State<'_, AppState>, id: String) -> Result<Card> {
    state
        .with_vault(|v| catalog::find(v, &id))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn save_custom_card(state: State<'_, AppState>, card: serde_json::Value) -> Result<Card> {
    let card = super::parse("card", card)?;
    state
        .with_vault(|v| catalog::save_custom(v, card))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn delete_custom_card(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .with_vault(|v| catalog::delete_custom(v, &id))
        .map_err(Into::into)
}

#[tauri::command(async)]
pub fn record_feedback(
    state: State<'_, AppState>,
    person: String,
    card: String,
    verdict: Verdict,
) -> Result<()> {
    state
        .with_vault(|v| feedback::record(v, &person, &card, verdict))
        .map_err(Into::into)
}

/// Three cards (or `count`) for these people now, each with its reason.
#[tauri::command(async)]
pub fn suggest(state: State<'_, AppState>, ask: serde_json::Value) -> Result<Answer> {
    let ask: Ask = super::parse("request", ask)?;
    state
        .with_vault(|v| suggest::for_stored(v, &ask))
        .map_err(Into::into)
}
