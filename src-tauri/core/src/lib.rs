//! Tend's domain, kept free of Tauri so that Cargo itself guards the boundary: everything
//! here can be tested, benchmarked and reused without a window or a webview.
//!
//! Time is always passed in by the caller; nothing in this crate reads the system clock
//! for a decision, so timers, follow-ups and auto-lock stay testable.
#![forbid(unsafe_code)]

pub mod about;
pub mod autolock;
pub mod catalog;
pub mod feedback;
pub mod feelings;
pub mod followup;
pub mod keeper;
pub mod kinds;
pub mod passphrase;
pub mod plan;
pub mod profile;
pub mod session;
pub mod settings;
pub mod suggest;
pub mod support;
pub mod timer;
pub mod vault;

pub use about::Versions;
pub use passphrase::{Assessment, PassphraseError};
