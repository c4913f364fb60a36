//! Ritual cards: the built-in catalogue (data/cards.json, compiled in) and the person's
//! own cards, which have the same attributes. Built-in cards are never edited in place.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::vault::{BadId, Record, RecordId, Vault};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Touch,
    Reassurance,
    Practical,
    Conversation,
    Regulation,
    Solo,
    AfterScene,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Touch,
        Category::Reassurance,
        Category::Practical,
        Category::Conversation,
        Category::Regulation,
        Category::Solo,
        Category::AfterScene,
    ];
}

/// What kind of moment it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Everyday, tender time together.
    Tender,
    /// Something new or intense.
    Intense,
    /// A kink scene; each person has a role.
    Scene,
    /// On one's own.
    Solo,
}

impl Context {
    pub const ALL: [Context; 4] = [
        Context::Tender,
        Context::Intense,
        Context::Scene,
        Context::Solo,
    ];
}

/// Something that went wrong, which a card is written for. Such a card is offered only on
/// the stop path ("We stopped"), and only for the moment the person named (or, when they
/// named none, the stop itself). Pain reported in a check-in also opens the pain card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// A safeword, or someone asked to stop.
    Stop,
    /// A flashback or panic.
    Panic,
    /// Pain or a small injury.
    Pain,
    /// A condom or other barrier broke or slipped.
    Barrier,
    /// It did not go as hoped.
    NotToPlan,
}

impl Moment {
    pub const ALL: [Moment; 5] = [
        Moment::Stop,
        Moment::Panic,
        Moment::Pain,
        Moment::Barrier,
        Moment::NotToPlan,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Top,
    Bottom,
    Switch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Touch {
    None,
    Light,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Talk {
    Quiet,
    Some,
    Deep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Energy {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// In 4, hold 4, out 4, hold 4.
    Box,
    /// Two inhales through the nose, one long exhale.
    CyclicSighing,
    /// About six breaths a minute: in 5, out 5.
    Resonance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CardTimer {
    Countdown { minutes: u16 },
    Breathing { pattern: Pattern, minutes: u16 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    pub how: String,
    pub why: String,
    pub category: Category,
    pub contexts: Vec<Context>,
    pub roles: Vec<Role>,
    pub touch: Touch,
    pub talk: Talk,
    pub energy: Energy,
    pub minutes: u16,
    pub items: Vec<String>,
    pub timer: Option<CardTimer>,
    pub needs_partner: bool,
    pub predictable: bool,
    /// Written for after something went wrong (see [`Moment`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moment: Option<Moment>,
    /// The sources of its facts, by id (`data/sources.json`); built-in cards only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Made by the person (stored in the vault), not part of the built-in catalogue.
    #[serde(default)]
    pub custom: bool,
}

pub const MAX_TITLE: usize = 36;
pub const MAX_HOW: usize = 240;
pub const MAX_WHY: usize = 110;

/// What is wrong with a card, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CardError(pub String);

impl Card {
    /// Checks every attribute is present and in range (custom cards go through this too).
    pub fn validate(&self) -> std::result::Result<(), CardError> {
        let bad = |m: &str| Err(CardError(m.to_owned()));
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return bad("A card id uses only lower-case letters, digits and dashes.");
        }
        let len = |s: &str| s.trim().chars().count();
        if len(&self.title) == 0 || len(&self.title) > MAX_TITLE {
            return Err(CardError(format!(
                "A card needs a title of up to {MAX_TITLE} characters."
            )));
        }
        if len(&self.how) < 10 || len(&self.how) > MAX_HOW {
            return Err(CardError(format!(
                "Say how to do it in 10 to {MAX_HOW} characters."
            )));
        }
        if len(&self.why) == 0 || len(&self.why) > MAX_WHY {
            return Err(CardError(format!(
                "Say why it may help in up to {MAX_WHY} characters."
            )));
        }
        if self.contexts.is_empty() {
            return bad("Choose at least one kind of moment the card fits.");
        }
        if self.contexts.contains(&Context::Scene) && self.roles.is_empty() {
            return bad("A card for scenes says which roles it is for.");
        }
        if self.needs_partner && self.contexts.contains(&Context::Solo) {
            return bad("A card that needs a partner cannot be for time alone.");
        }
        if !(1..=60).contains(&self.minutes) {
            return bad("A card takes between 1 and 60 minutes.");
        }
        if self.items.len() > 8
            || self
                .items
                .iter()
                .any(|i| i.trim().is_empty() || i.chars().count() > 30)
        {
            return bad("Items are up to eight short words.");
        }
        match self.timer {
            Some(CardTimer::Countdown { minutes }) if !(1..=60).contains(&minutes) => {
                bad("A countdown runs 1 to 60 minutes.")
            }
            Some(CardTimer::Breathing { minutes, .. }) if !(1..=20).contains(&minutes) => {
                bad("Paced breathing runs 1 to 20 minutes.")
            }
            _ => Ok(()),
        }
    }

    pub fn fits(&self, context: Context) -> bool {
        self.contexts.contains(&context)
    }
}

/// The built-in catalogue, parsed once. A broken data file is a build defect, caught by
/// the catalogue test, so failing loudly here is right.
pub fn builtin() -> &'static [Card] {
    static CARDS: OnceLock<Vec<Card>> = OnceLock::new();
    CARDS.get_or_init(|| {
        let cards: Vec<Card> = serde_json::from_str(include_str!("../data/cards.json"))
            .expect("data/cards.json is valid");
        cards
    })
}

pub fn find_builtin(id: &str) -> Option<&'static Card> {
    builtin().iter().find(|c| c.id == id)
}

/// Checks a whole catalogue: each card valid, ids and titles unique.
pub fn validate_all(cards: &[Card]) -> std::result::Result<(), CardError> {
    let mut ids = HashSet::new();
    let mut titles = HashSet::new();
    for card in cards {
        card.validate()
            .map_err(|e| CardError(format!("{}: {}", card.id, e.0)))?;
        if !ids.insert(card.id.as_str()) {
            return Err(CardError(format!("duplicate id {}", card.id)));
        }
        if !titles.insert(card.title.to_lowercase()) {
            return Err(CardError(format!("duplicate title {}", card.title)));
        }
        if let Some(id) = card
            .sources
            .iter()
            .find(|id| crate::sources::find(id).is_none())
        {
            return Err(CardError(format!("{}: no source {id}", card.id)));
        }
    }
    Ok(())
}

/// One of the person's own cards as stored: the card itself (its JSON is the card's), kept
/// under the record id its card id names (`custom-` + 32 hex digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Card", into = "Card")]
pub struct CustomCard {
    id: RecordId,
    card: Card,
}

impl CustomCard {
    pub fn card(&self) -> &Card {
        &self.card
    }
}

impl TryFrom<Card> for CustomCard {
    type Error = BadId;

    fn try_from(card: Card) -> std::result::Result<Self, BadId> {
        Ok(Self {
            id: custom_record(&card.id)?,
            card,
        })
    }
}

impl From<CustomCard> for Card {
    fn from(c: CustomCard) -> Card {
        c.card
    }
}

impl Record for CustomCard {
    const KIND: &'static str = "custom_cards";

    fn id(&self) -> RecordId {
        self.id
    }
}

/// The record id a custom card's id names.
pub fn custom_record(card_id: &str) -> std::result::Result<RecordId, BadId> {
    card_id.strip_prefix("custom-").ok_or(BadId)?.parse()
}

/// The person's own cards, by title.
pub fn custom(vault: &Vault) -> Result<Vec<Card>> {
    let mut cards: Vec<Card> = vault
        .list::<CustomCard>()?
        .into_iter()
        .map(Card::from)
        .collect();
    cards.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(cards)
}

pub fn custom_ids(vault: &Vault) -> Result<HashSet<String>> {
    Ok(custom(vault)?.into_iter().map(|c| c.id).collect())
}

/// Built-in and custom cards together, built-in first.
pub fn all(vault: &Vault) -> Result<Vec<Card>> {
    let mut cards = builtin().to_vec();
    cards.extend(custom(vault)?);
    Ok(cards)
}

/// Built-in and custom cards, optionally only of one category and/or one kind of moment.
pub fn filtered(
    vault: &Vault,
    category: Option<Category>,
    context: Option<Context>,
) -> Result<Vec<Card>> {
    Ok(all(vault)?
        .into_iter()
        .filter(|c| category.is_none_or(|k| c.category == k) && context.is_none_or(|x| c.fits(x)))
        .collect())
}

/// Whether a card id names a built-in card or one of the person's own.
pub fn exists(vault: &Vault, id: &str) -> Result<bool> {
    if find_builtin(id).is_some() {
        return Ok(true);
    }
    match custom_record(id) {
        Ok(rid) => Ok(vault.contains::<CustomCard>(rid)?),
        Err(BadId) => Ok(false),
    }
}

/// Any card by id.
pub fn find(vault: &Vault, id: &str) -> Result<Card> {
    if let Some(c) = find_builtin(id) {
        return Ok(c.clone());
    }
    let stored = match custom_record(id) {
        Ok(rid) => vault.find::<CustomCard>(rid)?,
        Err(BadId) => None,
    };
    stored
        .map(Card::from)
        .ok_or_else(|| Error::Unknown(format!("There is no card {id:?}.")))
}

/// Adds (no id) or updates one of the person's own cards; `card.id` is set here. Built-in
/// cards cannot be changed: copy one instead.
pub fn save_custom(vault: &mut Vault, id: Option<&str>, mut card: Card) -> Result<Card> {
    if id.is_some_and(|id| find_builtin(id).is_some()) {
        return Err(Error::invalid(
            "Built-in cards cannot be changed. Make your own copy instead.",
        ));
    }
    let existing = match id.map(custom_record) {
        None => None,
        Some(Ok(rid)) => Some(rid),
        Some(Err(BadId)) => return Err(Error::Unknown(format!("There is no card {id:?}."))),
    };
    let rid = vault.claim::<CustomCard>(existing)?;
    card.id = format!("custom-{rid}");
    card.custom = true;
    card.title = card.title.trim().to_owned();
    card.validate().map_err(|e| Error::Invalid(e.0))?;
    let clash = builtin()
        .iter()
        .chain(custom(vault)?.iter())
        .any(|c| c.id != card.id && c.title.eq_ignore_ascii_case(&card.title));
    if clash {
        return Err(Error::invalid(format!(
            "There is already a card called {:?}.",
            card.title
        )));
    }
    vault.save(&CustomCard {
        id: rid,
        card: card.clone(),
    })?;
    Ok(card)
}

#[cfg(test)]
mod tests;
