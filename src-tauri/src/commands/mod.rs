//! Tauri commands: thin adapters from IPC to `tend-core`, one file per feature.

include!("list.rs");

pub mod about;
pub mod body_care;
pub mod cards;
pub mod followup;
pub mod passphrase;
pub mod people;
pub mod session;
pub mod settings;
pub mod space;
pub mod timer;
pub mod vault;

use serde::de::DeserializeOwned;

use crate::CommandError;

/// Reads a structured argument, so a malformed one (a missing attribute, an unknown field,
/// a value out of its set) is an `invalid` error with a readable message rather than
/// Tauri's own refusal.
pub(crate) fn parse<T: DeserializeOwned>(
    what: &str,
    value: serde_json::Value,
) -> Result<T, CommandError> {
    serde_json::from_value(value)
        .map_err(|e| CommandError::invalid(format!("The {what} was not complete: {e}.")))
}
