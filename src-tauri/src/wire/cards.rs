use serde::{Deserialize, Serialize};
use tend_core::ask::{self, Present};
use tend_core::catalog::{self, CardTimer, Category, Context, Energy, Moment, Role, Talk, Touch};
use tend_core::suggest::Suggestion;
use tend_core::vault::{RecordId, Vault};
use tend_core::Error;

use super::{CheckIn, Plan};

/// A ritual card. `id` is absent (or null) for a new card of one's own.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Card {
    #[serde(default)]
    pub id: Option<String>,
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
    /// Written for after something went wrong: offered only on the stop path.
    #[serde(default)]
    pub moment: Option<Moment>,
    /// How the card's sources are named ("Muise, Giang & Impett, 2014"); shown, never
    /// taken from the window (one's own cards cite nothing).
    #[serde(default)]
    pub citations: Vec<String>,
    /// Made by the person, not part of the built-in catalogue (shown only).
    #[serde(default)]
    pub custom: bool,
}

impl From<catalog::Card> for Card {
    fn from(c: catalog::Card) -> Self {
        Self {
            id: Some(c.id),
            title: c.title,
            how: c.how,
            why: c.why,
            category: c.category,
            contexts: c.contexts,
            roles: c.roles,
            touch: c.touch,
            talk: c.talk,
            energy: c.energy,
            minutes: c.minutes,
            items: c.items,
            timer: c.timer,
            needs_partner: c.needs_partner,
            predictable: c.predictable,
            moment: c.moment,
            citations: c
                .sources
                .iter()
                .filter_map(|id| tend_core::sources::find(id))
                .map(|s| s.cite.clone())
                .collect(),
            custom: c.custom,
        }
    }
}

impl Card {
    /// Saves one of the person's own cards: new without an id, an edit with one.
    pub fn save(self, vault: &mut Vault) -> Result<Self, Error> {
        let card = catalog::Card {
            id: String::new(),
            title: self.title,
            how: self.how,
            why: self.why,
            category: self.category,
            contexts: self.contexts,
            roles: self.roles,
            touch: self.touch,
            talk: self.talk,
            energy: self.energy,
            minutes: self.minutes,
            items: self.items,
            timer: self.timer,
            needs_partner: self.needs_partner,
            predictable: self.predictable,
            moment: self.moment,
            sources: Vec::new(),
            custom: true,
        };
        catalog::save_custom(vault, self.id.as_deref(), card).map(Self::from)
    }
}

/// A card offered now, with the reason it was chosen.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Offered {
    pub card: Card,
    pub reason: String,
}

impl From<Suggestion> for Offered {
    fn from(s: Suggestion) -> Self {
        Self {
            card: s.card.into(),
            reason: s.reason,
        }
    }
}

/// Suggested cards, and the plan whose cards come first.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub plan: Option<Plan>,
    pub suggestions: Vec<Offered>,
}

impl From<ask::Answer> for Answer {
    fn from(a: ask::Answer) -> Self {
        Self {
            plan: a.plan.map(Plan::from),
            suggestions: super::all(a.suggestions),
        }
    }
}

/// One person in a request for suggestions outside a session.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AskPerson {
    pub id: RecordId,
    #[serde(default)]
    pub check_in: CheckIn,
    #[serde(default)]
    pub role: Option<Role>,
    /// A private check-in: no reason may mention it.
    #[serde(default)]
    pub private: bool,
}

/// A request for suggestions outside a session.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Ask {
    pub people: Vec<AskPerson>,
    pub context: Context,
    pub intensity: u8,
    #[serde(default)]
    pub minutes_available: Option<u16>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub shown_categories: Vec<Category>,
    /// The same seed gives the same cards.
    pub seed: u64,
    #[serde(default = "three")]
    pub count: usize,
}

fn three() -> usize {
    3
}

impl From<Ask> for ask::Ask {
    fn from(a: Ask) -> Self {
        Self {
            people: a
                .people
                .into_iter()
                .map(|p| Present {
                    person: p.id,
                    check_in: p.check_in.into(),
                    role: p.role,
                    private: p.private,
                })
                .collect(),
            context: a.context,
            intensity: a.intensity,
            stop: None,
            minutes_available: a.minutes_available,
            exclude: a.exclude,
            shown_categories: a.shown_categories,
            seed: a.seed,
            count: a.count,
        }
    }
}
