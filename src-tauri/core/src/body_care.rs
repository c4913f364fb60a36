//! "Care for your body": when to get urgent care, and the times that can matter after a
//! broken barrier or an assault. It is bundled data, not code, because every fact on it
//! comes from a named public health page and must say which: a sentence without a
//! `source` is allowed only as plain advice (`advice: true`) that claims nothing. The page
//! needs no vault, so it can be read while Tend is locked. Emergency numbers differ by
//! region and live in the support directory; this page points there instead of naming one.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One sentence or short paragraph on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Fact {
    pub id: String,
    pub text: String,
    /// For the time-sensitive care: the window, stated as modestly as its source does.
    #[serde(default)]
    pub window: Option<String>,
    /// The public page this comes from (https).
    #[serde(default)]
    pub source: Option<String>,
    /// Who publishes that page.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Plain advice that makes no factual claim, so it has no source.
    #[serde(default)]
    pub advice: bool,
}

/// A kind of care within a section (PEP, emergency contraception…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Paragraphs before the rest.
    pub intro: Vec<Fact>,
    /// Signs, shown as a list.
    pub list: Vec<Fact>,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Page {
    pub intro: Vec<Fact>,
    pub sections: Vec<Section>,
}

impl Page {
    /// Every fact on the page, in reading order.
    pub fn facts(&self) -> impl Iterator<Item = &Fact> {
        self.intro.iter().chain(self.sections.iter().flat_map(|s| {
            s.intro
                .iter()
                .chain(&s.list)
                .chain(s.topics.iter().flat_map(|t| &t.facts))
        }))
    }
}

/// The page, read once from `data/body_care.json`.
pub fn page() -> &'static Page {
    static PAGE: OnceLock<Page> = OnceLock::new();
    PAGE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/body_care.json"))
            .expect("data/body_care.json is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every piece of text a person reads on the page.
    fn all_text(p: &Page) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in &p.sections {
            out.push(s.heading.clone());
            out.extend(s.topics.iter().map(|t| t.title.clone()));
        }
        for f in p.facts() {
            out.push(f.text.clone());
            out.extend(f.window.clone());
        }
        out
    }

    fn words(text: &str) -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_fact_names_its_source_page_and_publisher() {
        for f in page().facts() {
            assert!(!f.text.trim().is_empty(), "{}: text", f.id);
            if f.advice {
                assert!(
                    f.source.is_none() && f.publisher.is_none() && f.window.is_none(),
                    "{}: advice claims nothing, so it cites nothing and gives no time",
                    f.id
                );
                continue;
            }
            let source = f
                .source
                .as_deref()
                .unwrap_or_else(|| panic!("{}: a fact without a source", f.id));
            let host = source
                .strip_prefix("https://")
                .unwrap_or_else(|| panic!("{}: the source is not https: {source}", f.id))
                .split('/')
                .next()
                .unwrap();
            assert!(
                host.contains('.') && !source.contains(char::is_whitespace),
                "{}: not a page address: {source}",
                f.id
            );
            assert!(
                f.publisher.as_deref().is_some_and(|p| !p.trim().is_empty()),
                "{}: who publishes {source}",
                f.id
            );
        }
    }

    #[test]
    fn ids_are_unique() {
        let p = page();
        let mut seen = BTreeSet::new();
        for id in p
            .facts()
            .map(|f| &f.id)
            .chain(p.sections.iter().map(|s| &s.id))
            .chain(
                p.sections
                    .iter()
                    .flat_map(|s| s.topics.iter().map(|t| &t.id)),
            )
        {
            assert!(seen.insert(id), "{id} twice");
        }
    }

    #[test]
    fn urgent_care_comes_first_and_names_each_sign() {
        let urgent = &page().sections[0];
        assert_eq!(urgent.id, "urgent", "urgent care is the first section");
        assert_eq!(urgent.heading, "Get urgent care now if…");
        let ids: BTreeSet<&str> = urgent.list.iter().map(|f| f.id.as_str()).collect();
        for sign in [
            "chest-pain",
            "breathing",
            "head-serious",
            "bleeding",
            "weakness",
        ] {
            assert!(ids.contains(sign), "the urgent list names {sign}");
        }
        assert!(
            urgent.list.iter().all(|f| !f.advice),
            "each sign is sourced"
        );
    }

    #[test]
    fn each_time_window_is_stated_with_its_source() {
        let time = page()
            .sections
            .iter()
            .find(|s| s.id == "time")
            .expect("a \"Time can matter\" section");
        assert_eq!(time.heading, "Time can matter");
        for topic in [
            "pep",
            "emergency-contraception",
            "sti-testing",
            "forensic-exam",
        ] {
            let t = time
                .topics
                .iter()
                .find(|t| t.id == topic)
                .unwrap_or_else(|| panic!("{topic} is on the page"));
            assert!(
                t.facts.iter().any(
                    |f| f.window.as_deref().is_some_and(|w| !w.trim().is_empty())
                        && f.source.is_some()
                ),
                "{topic} states its window, with a source"
            );
        }
        assert!(
            time.intro
                .iter()
                .any(|f| f.advice && f.text.contains("is your choice")),
            "going or not going is the person's choice"
        );
    }

    #[test]
    fn the_words_promise_nothing_blame_no_one_and_assume_no_gender() {
        // Small on purpose: promises, "next time", blame, and words that assume who someone is.
        const PHRASES: &[&str] = &[
            "next time",
            "it passes",
            "will pass",
            "you will be",
            "don't worry",
            "don’t worry",
            "should have",
            "guarantee",
        ];
        const WORDS: &[&str] = &[
            "always",
            "never",
            "definitely",
            "he",
            "she",
            "his",
            "her",
            "him",
            "woman",
            "women",
            "man",
            "men",
            "girlfriend",
            "boyfriend",
            "wife",
            "husband",
        ];
        for text in all_text(page()) {
            let lower = text.to_lowercase();
            for phrase in PHRASES {
                assert!(!lower.contains(phrase), "\"{phrase}\" in: {text}");
            }
            for word in words(&text) {
                assert!(!WORDS.contains(&word.as_str()), "\"{word}\" in: {text}");
            }
        }
    }

    #[test]
    fn no_emergency_number_is_written_into_the_page() {
        // Numbers differ by region; the support directory holds them, checked at source.
        for text in all_text(page()) {
            for word in words(&text) {
                assert!(
                    !["999", "112", "911", "000", "111", "116", "988", "1800"]
                        .contains(&word.as_str()),
                    "a phone number ({word}) in: {text}"
                );
            }
        }
    }

    #[test]
    fn the_forbidden_words_check_finds_what_it_should() {
        assert!(words("It will pass, always.").contains(&"always".to_owned()));
        assert!(!words("whether or not").contains(&"her".to_owned()));
    }
}
