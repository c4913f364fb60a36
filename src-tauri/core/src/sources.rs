//! Where Tend's facts come from: each study or page a card cites, in full
//! (`data/sources.json`, compiled in). A card names its sources by id; the catalogue test
//! refuses an id that is not here, and a claim-like sentence without one.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// How a card names it: "Muise, Giang & Impett, 2014".
    pub cite: String,
    pub authors: String,
    /// None for an undated page.
    pub year: Option<u16>,
    pub title: String,
    pub venue: String,
    /// The published work (a DOI where there is one), checked by hand.
    pub link: String,
    /// What it found, in a sentence of Tend's own.
    pub finding: String,
}

/// Every source, in the order the sources screen lists them.
pub fn all() -> &'static [Source] {
    static SOURCES: OnceLock<Vec<Source>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        serde_json::from_str(include_str!("../data/sources.json"))
            .expect("data/sources.json is valid")
    })
}

pub fn find(id: &str) -> Option<&'static Source> {
    all().iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_is_whole_and_named_once() {
        let mut ids = std::collections::HashSet::new();
        for s in all() {
            assert!(ids.insert(s.id.as_str()), "{} twice", s.id);
            for (what, text) in [
                ("cite", &s.cite),
                ("authors", &s.authors),
                ("title", &s.title),
                ("venue", &s.venue),
                ("finding", &s.finding),
            ] {
                assert!(!text.trim().is_empty(), "{}: no {what}", s.id);
            }
            assert!(s.link.starts_with("https://"), "{}: {}", s.id, s.link);
            assert!(
                s.year.is_some() || s.venue.contains("not research"),
                "{}: an undated source says what it is",
                s.id
            );
        }
        assert_eq!(find("muise-2014").map(|s| s.year), Some(Some(2014)));
        assert!(
            find("meltzer-2014").is_none(),
            "the seed article's wrong citation"
        );
    }
}
