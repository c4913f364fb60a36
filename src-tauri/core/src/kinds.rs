//! Every kind of record Tend keeps. The vault is handed this list when it opens, so that
//! backups can be checked and readable exports walk every kind, without the vault knowing
//! the domain. Add a kind here when you add a record type.

use crate::vault::{Kinds, Record};

pub const ALL: Kinds = &[
    crate::settings::Settings::KIND,
    crate::profile::Profile::KIND,
    crate::catalog::CustomCard::KIND,
    crate::plan::Plan::KIND,
    crate::feedback::Book::KIND,
    crate::session::Session::KIND,
    crate::followup::FollowUp::KIND,
    crate::timer::Timer::KIND,
    crate::support::Contact::KIND,
    crate::space::Space::KIND,
    crate::space::Item::KIND,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_once_with_a_valid_name() {
        let mut seen = std::collections::HashSet::new();
        for kind in ALL {
            assert!(seen.insert(kind), "{kind} is listed twice");
            assert!(
                !kind.is_empty()
                    && kind.len() <= 32
                    && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{kind}"
            );
        }
        assert_eq!(ALL.len(), 11);
        assert!(
            !ALL.contains(&"test_note"),
            "test-only kinds stay out of the app's list"
        );
    }
}
