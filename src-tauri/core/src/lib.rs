//! Tend's domain, kept free of Tauri so that Cargo itself guards the boundary: everything
//! here can be tested, benchmarked and reused without a window or a webview.
//!
//! Floors, from the ground up: the vault (typed records in sealed envelopes; it knows no
//! domain), then what a person answers and the catalogue, then people, plans and feedback,
//! the pure suggester and its loader, sessions, follow-ups, people's own spaces, where each
//! answer goes (`private`), and last the cross-kind deletes, the list of kinds and the
//! keeper of the vault's life.
//!
//! Time is always passed in by the caller; nothing in this crate reads the system clock
//! for a decision, so timers, follow-ups and auto-lock stay testable.
#![forbid(unsafe_code)]

pub mod about;
pub mod ask;
pub mod autolock;
pub mod body_care;
pub mod catalog;
pub mod checkin;
mod error;
pub mod exchange;
pub mod export;
pub mod feedback;
pub mod feelings;
pub mod followup;
pub mod forget;
pub mod insights;
pub mod keeper;
pub mod kinds;
pub mod passphrase;
pub mod plan;
pub mod private;
pub mod profile;
pub mod session;
pub mod settings;
pub mod sources;
pub mod space;
pub mod suggest;
pub mod support;
pub mod timer;
pub mod vault;

pub use about::Versions;
pub use error::{Error, Result};
pub use passphrase::{Assessment, PassphraseError};
pub use vault::ErrorKind;

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the unit tests: a fresh vault that knows every kind.
    use crate::vault::{Cost, Vault};

    pub const PASS: &str = "copper lantern orbit meadow";

    pub fn vault() -> (tempfile::TempDir, Vault) {
        let dir = tempfile::tempdir().unwrap();
        let (v, _) = Vault::create(dir.path(), PASS, Cost::FLOOR, crate::kinds::ALL).unwrap();
        (dir, v)
    }

    /// Closes the vault and opens it again, unlocked: what a restart does.
    pub fn reopen(dir: &tempfile::TempDir, vault: Vault) -> Vault {
        drop(vault);
        let mut v = Vault::open(dir.path(), 0, crate::kinds::ALL).unwrap();
        v.unlock(PASS, 0).unwrap();
        v
    }
}
