//! How each card landed for each person: helped, neutral, or not for me. The suggester
//! reads it as a Beta prior per person and card, so one "not for me" nudges and several
//! push a card away, for that person only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::profile::Profile;
use crate::vault::{Record, RecordId, Vault, Writer};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Helped,
    Neutral,
    NotForMe,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub helped: u32,
    pub neutral: u32,
    pub not_for_me: u32,
}

impl Counts {
    /// The Beta posterior mean from a flat prior: "helped" counts for, "not for me"
    /// against, "neutral" half each way. 0.5 with no feedback.
    pub fn mean(&self) -> f32 {
        let n = self.neutral as f32 * 0.5;
        let alpha = 1.0 + self.helped as f32 + n;
        let beta = 1.0 + self.not_for_me as f32 + n;
        alpha / (alpha + beta)
    }

    pub fn total(&self) -> u32 {
        self.helped + self.neutral + self.not_for_me
    }
}

/// One person's feedback on every card they have rated, stored under [`book_id`] of the
/// person (the person is the row, not a field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Book {
    #[serde(skip)]
    pub person: RecordId,
    pub cards: BTreeMap<String, Counts>,
}

impl Record for Book {
    const KIND: &'static str = "feedback";

    fn id(&self) -> RecordId {
        book_id(self.person)
    }
}

impl Book {
    pub fn counts(&self, card: &str) -> Counts {
        self.cards.get(card).copied().unwrap_or_default()
    }

    /// Takes back one earlier rating (when a reflection is saved again).
    pub fn remove(&mut self, card: &str, verdict: Verdict) {
        if let Some(c) = self.cards.get_mut(card) {
            let n = match verdict {
                Verdict::Helped => &mut c.helped,
                Verdict::Neutral => &mut c.neutral,
                Verdict::NotForMe => &mut c.not_for_me,
            };
            *n = n.saturating_sub(1);
        }
    }

    pub fn add(&mut self, card: &str, verdict: Verdict) {
        let c = self.cards.entry(card.to_owned()).or_default();
        match verdict {
            Verdict::Helped => c.helped += 1,
            Verdict::Neutral => c.neutral += 1,
            Verdict::NotForMe => c.not_for_me += 1,
        }
    }
}

/// Where a person's book is kept: their profile id with every byte flipped by 0xA5, so it
/// never shares an id with the profile (ids are unique across kinds).
pub fn book_id(person: RecordId) -> RecordId {
    let mut bytes = *person.as_bytes();
    bytes.iter_mut().for_each(|b| *b ^= 0xA5);
    RecordId::from_bytes(bytes)
}

/// A person's book (empty if they have rated nothing yet).
pub fn book(vault: &Vault, person: RecordId) -> Result<Book> {
    let mut book = vault.find::<Book>(book_id(person))?.unwrap_or_default();
    book.person = person;
    Ok(book)
}

/// Records how a card landed for a person (who must exist; the card must exist).
pub fn record(vault: &mut Vault, person: RecordId, card: &str, verdict: Verdict) -> Result<()> {
    if !vault.contains::<Profile>(person)? {
        return Err(Error::Unknown("That person is not in Tend.".into()));
    }
    if !crate::catalog::exists(vault, card)? {
        return Err(Error::invalid(format!("There is no card {card:?}.")));
    }
    let mut b = book(vault, person)?;
    b.add(card, verdict);
    Ok(vault.save(&b)?)
}

/// Deletes a person's feedback inside a larger change.
pub fn delete_in(w: &mut Writer<'_>, person: RecordId) -> Result<bool> {
    Ok(w.delete::<Book>(book_id(person))?)
}
