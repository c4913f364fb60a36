//! Every kind of record the vault holds. Backups are checked against this list, readable
//! exports walk it, and tests write to each. Add a kind here when you add a table.

pub const ALL: &[&str] = &[
    crate::settings::TABLE,
    crate::profile::TABLE,
    crate::catalog::CUSTOM_TABLE,
    crate::plan::TABLE,
    crate::feedback::TABLE,
    crate::session::TABLE,
    crate::followup::TABLE,
    crate::timer::TABLE,
    crate::support::TABLE,
    FIXTURE_NOTE,
];

/// Free-text notes used by the format fixture and tests; no screen writes them yet.
pub const FIXTURE_NOTE: &str = "test_note";
