//! What a person answers: "How are you feeling right now?" (words from the feeling grid,
//! a need, no touch) and written answers with whether the others may see them. Sessions
//! and follow-ups store these; the suggester reads them.

use serde::{Deserialize, Serialize};

use crate::feelings::{self, Feeling, Mood};
use crate::{Error, Result};

/// The longest written answer, in characters.
pub const MAX_NOTE: usize = 1000;
/// The most feeling words one check-in may hold.
pub const MAX_FEELINGS: usize = 8;

/// What a person needs right now, if they said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedNow {
    Space,
    Closeness,
}

/// What the body says, if the person wants to say: it steers practical care, and pain
/// also keeps touch away unless closeness is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Pain,
    Cold,
    Thirsty,
    Hungry,
    Bathroom,
    Tired,
}

impl Body {
    /// The item a card offers for it, where one does.
    pub fn item(self) -> Option<&'static str> {
        match self {
            Body::Cold => Some("blanket"),
            Body::Thirsty => Some("water"),
            Body::Hungry => Some("snack"),
            Body::Pain | Body::Bathroom | Body::Tired => None,
        }
    }
}

/// "How are you feeling right now?"
// Stored as is inside sessions and follow-ups: field names are part of the vault format.
// A field added later takes its default in records written before it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckIn {
    pub feelings: Vec<String>,
    pub need: Option<NeedNow>,
    pub no_touch: bool,
    /// The optional body check.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Body>,
}

impl CheckIn {
    /// Unknown feeling words are refused, so the suggester only sees the grid's words.
    pub fn validate(&self) -> Result<()> {
        if self.feelings.len() > MAX_FEELINGS {
            return Err(Error::invalid(format!(
                "Choose up to {MAX_FEELINGS} feelings."
            )));
        }
        if let Some(w) = self.feelings.iter().find(|w| feelings::find(w).is_none()) {
            return Err(Error::invalid(format!(
                "{w:?} is not one of the feeling words."
            )));
        }
        let mut body = self.body.clone();
        body.sort_by_key(|b| *b as u8);
        body.dedup();
        if body.len() != self.body.len() {
            return Err(Error::invalid("Each part of the body check counts once."));
        }
        Ok(())
    }

    pub fn in_pain(&self) -> bool {
        self.body.contains(&Body::Pain)
    }

    /// The chosen words that are on the feeling grid, with where each sits.
    pub fn on_grid(&self) -> impl Iterator<Item = &'static Feeling> + '_ {
        self.feelings.iter().filter_map(|w| feelings::find(w))
    }

    /// A word that names something hard or might mean being far away, or pain.
    pub fn careful(&self) -> bool {
        self.in_pain() || self.on_grid().any(|f| f.hard || f.ambiguous)
    }

    /// Where the chosen words sit on the grid, read as one mood.
    pub fn mood(&self) -> Mood {
        feelings::mood(&self.on_grid().collect::<Vec<_>>())
    }

    pub fn wants_space(&self) -> bool {
        self.need == Some(NeedNow::Space)
    }

    /// No touch now: asked for directly, implied by asking for space, or, after naming
    /// something hard, feeling far away or in pain, until closeness is asked for.
    pub fn no_touch_now(&self) -> bool {
        self.no_touch
            || self.wants_space()
            || (self.careful() && self.need != Some(NeedNow::Closeness))
    }
}

/// Who may see an answer: chosen by the person who gives it, at the moment they give it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Privacy {
    /// Kept in the vault; everyone in the session may see it.
    Shared,
    /// Only this person: kept in the vault for the device's owner (never shown to the
    /// others), sealed in their own space for anyone else.
    Kept,
    /// Only this person, and not kept: held under a key that lives in memory, for this
    /// session's cards and screens, and gone when it ends or Tend locks.
    #[default]
    NotKept,
}

/// Where someone's private answer went instead of the vault. What the vault keeps in its
/// place says only that there was one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Held {
    /// Sealed in the person's own space.
    Space,
    /// Held in memory only, never written.
    Memory,
    /// An earlier private answer the device's owner deleted unread.
    Removed,
}

/// A written answer and whether the others may see it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Text {
    pub text: String,
    pub shared: bool,
    /// Set only in what a viewer is shown: someone else's private answer, withheld.
    /// Never stored.
    #[serde(skip)]
    pub withheld: bool,
}

impl Text {
    pub fn check(&self, what: &str) -> Result<()> {
        if self.text.chars().count() > MAX_NOTE {
            return Err(Error::invalid(format!(
                "{what} is up to {MAX_NOTE} characters."
            )));
        }
        Ok(())
    }

    /// Empties the answer and marks it withheld, for a viewer who may not see it.
    pub fn withhold(&mut self) {
        *self = Text {
            withheld: true,
            ..Text::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_grid_words_and_at_most_eight_are_accepted() {
        let ok = CheckIn {
            feelings: vec!["calm".into(), "tender".into()],
            ..Default::default()
        };
        ok.validate().unwrap();
        let unknown = CheckIn {
            feelings: vec!["zorbly".into()],
            ..Default::default()
        };
        assert!(matches!(unknown.validate(), Err(Error::Invalid(_))));
        let many = CheckIn {
            feelings: vec!["calm".into(); MAX_FEELINGS + 1],
            ..Default::default()
        };
        assert!(matches!(many.validate(), Err(Error::Invalid(_))));
    }

    #[test]
    fn space_means_no_touch_now() {
        let space = CheckIn {
            need: Some(NeedNow::Space),
            ..Default::default()
        };
        assert!(space.wants_space() && space.no_touch_now());
        let said = CheckIn {
            no_touch: true,
            ..Default::default()
        };
        assert!(!said.wants_space() && said.no_touch_now());
        assert!(!CheckIn::default().no_touch_now());
    }

    #[test]
    fn hard_far_away_or_in_pain_means_no_touch_until_closeness_is_asked() {
        let with = |words: &[&str], body: Vec<Body>, need| CheckIn {
            feelings: words.iter().map(|w| (*w).to_owned()).collect(),
            need,
            body,
            ..Default::default()
        };
        for words in [
            &["floaty"][..],
            &["scared"],
            &["spacey", "content"],
            &["ashamed"],
        ] {
            assert!(with(words, vec![], None).no_touch_now(), "{words:?}");
            assert!(
                !with(words, vec![], Some(NeedNow::Closeness)).no_touch_now(),
                "{words:?} with closeness asked"
            );
        }
        assert!(with(&[], vec![Body::Pain], None).no_touch_now());
        assert!(!with(&["content"], vec![Body::Thirsty], None).no_touch_now());
        assert!(!with(&["calm", "tender"], vec![], None).no_touch_now());
    }

    #[test]
    fn the_body_check_counts_each_part_once_and_older_records_have_none() {
        let twice = CheckIn {
            body: vec![Body::Cold, Body::Tired, Body::Cold],
            ..Default::default()
        };
        assert!(matches!(twice.validate(), Err(Error::Invalid(_))));
        let once = CheckIn {
            body: vec![Body::Cold, Body::Tired],
            ..Default::default()
        };
        once.validate().unwrap();
        let older: CheckIn =
            serde_json::from_str(r#"{"feelings":["calm"],"need":null,"no_touch":false}"#).unwrap();
        assert!(older.body.is_empty());
        let json = serde_json::to_value(CheckIn::default()).unwrap();
        assert!(
            json.get("body").is_none(),
            "an empty body check is not written: {json}"
        );
        let json = serde_json::to_value(&once).unwrap();
        assert_eq!(json["body"], serde_json::json!(["cold", "tired"]));
    }

    #[test]
    fn withheld_is_never_stored_and_text_has_a_limit() {
        let mut t = Text {
            text: "mine".into(),
            shared: false,
            withheld: false,
        };
        t.withhold();
        assert_eq!((t.text.as_str(), t.withheld), ("", true));
        let json = serde_json::to_value(&t).unwrap();
        assert!(json.get("withheld").is_none(), "{json}");
        let long = Text {
            text: "x".repeat(MAX_NOTE + 1),
            ..Default::default()
        };
        assert!(long.check("A note").is_err());
    }
}
