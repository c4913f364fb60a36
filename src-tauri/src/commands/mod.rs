//! Tauri commands: thin adapters from IPC to `tend-core`, one file per feature.

include!("list.rs");

pub mod about;
pub mod body_care;
pub mod cards;
pub mod exchange;
pub mod followup;
pub mod passphrase;
pub mod people;
pub mod session;
pub mod settings;
pub mod space;
pub mod timer;
pub mod vault;

use serde::de::DeserializeOwned;
use tauri::ipc::InvokeBody;
use zeroize::Zeroizing;

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

/// A file's bytes sent as the request's raw body (desktop); Android's IPC sends a
/// `Uint8Array` as a JSON array of numbers instead, which is read too. More than `max`
/// bytes is `too_large`; anything else not bytes is `unreadable`.
pub(crate) fn raw_bytes(
    body: &InvokeBody,
    max: usize,
    too_large: CommandError,
    unreadable: &str,
) -> Result<Zeroizing<Vec<u8>>, CommandError> {
    let too_large = || too_large.clone();
    match body {
        InvokeBody::Raw(bytes) if bytes.len() > max => Err(too_large()),
        InvokeBody::Raw(bytes) => Ok(Zeroizing::new(bytes.clone())),
        InvokeBody::Json(serde_json::Value::Array(numbers)) => {
            if numbers.len() > max {
                return Err(too_large());
            }
            numbers
                .iter()
                .map(|n| {
                    n.as_u64()
                        .and_then(|n| u8::try_from(n).ok())
                        .ok_or_else(|| CommandError::invalid(unreadable))
                })
                .collect::<Result<Vec<u8>, _>>()
                .map(Zeroizing::new)
        }
        InvokeBody::Json(_) => Err(CommandError::invalid(unreadable)),
    }
}
