//! Tauri commands: thin adapters from IPC to `tend-core`, one file per feature.

pub mod about;
pub mod passphrase;
pub mod settings;
pub mod vault;
