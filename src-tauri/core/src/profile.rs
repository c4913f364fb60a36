//! A profile per person: "me" and any partners, under the names the person chooses.
//! Every field but the name is optional; nothing here is required to use Tend.

use serde::{Deserialize, Serialize};

use crate::catalog::{Category, Touch};
use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

pub const MAX_NAME: usize = 40;
/// "What helps me", in the person's own words: a sentence or two.
pub const MAX_HELPS: usize = 300;

/// Practical things someone likes to have afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Water,
    Snack,
    Warmth,
    Shower,
}

impl Need {
    /// The card item that meets this need.
    pub fn item(self) -> &'static str {
        match self {
            Need::Water => "water",
            Need::Snack => "snack",
            Need::Warmth => "blanket",
            Need::Shower => "shower",
        }
    }
}

/// What is never suggested while this person is present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HardLimits {
    pub cards: Vec<String>,
    pub categories: Vec<Category>,
    /// No card with more touch than this.
    pub max_touch: Option<Touch>,
    /// No card that needs any of these items.
    pub items: Vec<String>,
}

// Stored as is: field names are part of the vault format (docs/VAULT-FORMAT.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub id: RecordId,
    pub name: String,
    pub is_me: bool,
    /// -2 (space) to 2 (closeness).
    pub closeness: Option<i8>,
    /// -2 (quiet) to 2 (talk).
    pub talk: Option<i8>,
    /// The most touch that is usually welcome.
    pub touch_comfort: Option<Touch>,
    pub needs: Vec<Need>,
    pub hard_limits: HardLimits,
    pub favourites: Vec<String>,
    /// Prefer calm, predictable cards; no surprises.
    pub trauma_sensitive: bool,
    /// "What helps me" in their own words, shown beside the cards in a session with them.
    pub helps: String,
    /// Set when the person shared this profile from their own device (`exchange`).
    pub shared: Option<Shared>,
}

/// Where a profile came from when the person shared it themselves: their profile's id on
/// their device (a later share from them updates this one) and the hard limits they set,
/// which this device keeps and never relaxes. Only their next share changes these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shared {
    pub from: RecordId,
    pub limits: HardLimits,
}

impl HardLimits {
    /// Whether these limits rule out at least everything `other` rules out.
    pub fn covers(&self, other: &HardLimits) -> bool {
        let has_item = |i: &String| self.items.iter().any(|x| x.eq_ignore_ascii_case(i));
        other.cards.iter().all(|c| self.cards.contains(c))
            && other.categories.iter().all(|c| self.categories.contains(c))
            && other.items.iter().all(has_item)
            && other
                .max_touch
                .is_none_or(|max| self.max_touch.is_some_and(|mine| mine <= max))
    }

    /// These limits with `more` added.
    pub fn with(mut self, more: &HardLimits) -> HardLimits {
        for c in &more.cards {
            if !self.cards.contains(c) {
                self.cards.push(c.clone());
            }
        }
        for c in &more.categories {
            if !self.categories.contains(c) {
                self.categories.push(*c);
            }
        }
        for i in &more.items {
            if !self.items.iter().any(|x| x.eq_ignore_ascii_case(i)) {
                self.items.push(i.clone());
            }
        }
        self.max_touch = match (self.max_touch, more.max_touch) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self
    }

    /// These limits without what `other` holds (what the importing side added itself).
    pub fn without(mut self, other: &HardLimits) -> HardLimits {
        self.cards.retain(|c| !other.cards.contains(c));
        self.categories.retain(|c| !other.categories.contains(c));
        self.items
            .retain(|i| !other.items.iter().any(|x| x.eq_ignore_ascii_case(i)));
        if self.max_touch == other.max_touch {
            self.max_touch = None;
        }
        self
    }
}

impl Record for Profile {
    const KIND: &'static str = "profiles";

    fn id(&self) -> RecordId {
        self.id
    }
}

impl Profile {
    /// Checks the fields; `card_exists` says whether a card id is known.
    pub fn validate(&self, card_exists: impl Fn(&str) -> bool) -> Result<()> {
        let invalid = |m: String| Err(Error::Invalid(m));
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return invalid(format!("A name of 1 to {MAX_NAME} characters, please."));
        }
        if self.helps.chars().count() > MAX_HELPS {
            return invalid(format!(
                "\"What helps me\" is up to {MAX_HELPS} characters."
            ));
        }
        for (what, v) in [("Closeness", self.closeness), ("Talk", self.talk)] {
            if v.is_some_and(|v| !(-2..=2).contains(&v)) {
                return invalid(format!("{what} is a number from -2 to 2."));
            }
        }
        let cards = self.favourites.iter().chain(&self.hard_limits.cards);
        if let Some(unknown) = cards.into_iter().find(|id| !card_exists(id)) {
            return invalid(format!("There is no card {unknown:?}."));
        }
        if self
            .favourites
            .iter()
            .any(|f| self.hard_limits.cards.contains(f))
        {
            return invalid("A card cannot be both a favourite and a hard limit.".into());
        }
        if self
            .hard_limits
            .items
            .iter()
            .any(|i| i.trim().is_empty() || i.chars().count() > 30)
        {
            return invalid("Items to avoid are short words.".into());
        }
        Ok(())
    }

    /// Whether this person rules a card out, whatever else is true.
    pub fn forbids(&self, card: &crate::catalog::Card) -> bool {
        let l = &self.hard_limits;
        l.cards.contains(&card.id)
            || l.categories.contains(&card.category)
            || l.max_touch.is_some_and(|max| card.touch > max)
            || card
                .items
                .iter()
                .any(|i| l.items.iter().any(|x| x.eq_ignore_ascii_case(i)))
            || self.touch_comfort.is_some_and(|max| card.touch > max)
    }
}

pub fn list(vault: &Vault) -> Result<Vec<Profile>> {
    let mut all = vault.list::<Profile>()?;
    all.sort_by(|a, b| {
        b.is_me
            .cmp(&a.is_me)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(all)
}

/// The id of the profile marked as "me", if there is one.
/// How lists on the owner's screens name a person: "You" for the device's owner, the
/// name for anyone else ("Someone" for a person since deleted).
pub fn display_name(people: &[Profile], id: RecordId) -> String {
    match people.iter().find(|p| p.id == id) {
        Some(p) if p.is_me => "You".to_owned(),
        Some(p) => p.name.clone(),
        None => "Someone".to_owned(),
    }
}

pub fn me(vault: &Vault) -> Result<Option<RecordId>> {
    Ok(list(vault)?.into_iter().find(|p| p.is_me).map(|p| p.id))
}

pub fn get(vault: &Vault, id: RecordId) -> Result<Profile> {
    Ok(vault.get(id)?)
}

/// Creates (no id) or updates a profile; `profile.id` is set here. Names are unique, one
/// profile is "me". Where the profile came from a person's own share is kept from the
/// stored one, whatever the caller sends, and their hard limits may not be relaxed.
pub fn save(vault: &mut Vault, id: Option<RecordId>, mut profile: Profile) -> Result<Profile> {
    profile.shared = match id {
        Some(id) => vault.find::<Profile>(id)?.and_then(|p| p.shared),
        None => None,
    };
    if let Some(shared) = &profile.shared {
        if profile.is_me {
            return Err(Error::invalid(
                "A profile someone shared with you cannot be marked as yours.",
            ));
        }
        if !profile.hard_limits.covers(&shared.limits) {
            return Err(Error::invalid(format!(
                "{}'s own hard limits came from their shared profile and stay as they are.",
                profile.name.trim()
            )));
        }
    }
    store(vault, id, profile)
}

/// Saves a profile as given, `shared` included (`exchange` imports through here).
pub(crate) fn store(
    vault: &mut Vault,
    id: Option<RecordId>,
    mut profile: Profile,
) -> Result<Profile> {
    profile.id = vault.claim::<Profile>(id)?;
    let custom = crate::catalog::custom_ids(vault)?;
    profile.validate(|id| crate::catalog::find_builtin(id).is_some() || custom.contains(id))?;
    profile.name = profile.name.trim().to_owned();
    let others: Vec<Profile> = list(vault)?
        .into_iter()
        .filter(|p| p.id != profile.id)
        .collect();
    if others
        .iter()
        .any(|p| p.name.to_lowercase() == profile.name.to_lowercase())
    {
        return Err(Error::invalid(format!(
            "There is already a profile called {:?}.",
            profile.name
        )));
    }
    if profile.is_me && others.iter().any(|p| p.is_me) {
        return Err(Error::invalid("Only one profile can be you."));
    }
    vault.save(&profile)?;
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(p: Profile) -> bool {
        p.validate(|_| true).is_ok()
    }

    #[test]
    fn names_words_and_items_may_be_as_long_as_their_limits_and_no_longer() {
        let named = |n: usize| Profile {
            name: "a".repeat(n),
            ..Profile::default()
        };
        assert!(valid(named(MAX_NAME)) && !valid(named(MAX_NAME + 1)) && !valid(named(0)));
        let helps = |n: usize| Profile {
            name: "Sam".into(),
            helps: "b".repeat(n),
            ..Profile::default()
        };
        assert!(valid(helps(MAX_HELPS)) && !valid(helps(MAX_HELPS + 1)));
        let item = |n: usize| Profile {
            name: "Sam".into(),
            hard_limits: HardLimits {
                items: vec!["c".repeat(n)],
                ..HardLimits::default()
            },
            ..Profile::default()
        };
        assert!(valid(item(30)) && valid(item(1)));
        assert!(!valid(item(31)) && !valid(item(0)));
    }

    #[test]
    fn limits_cover_add_and_take_away_by_kind() {
        let theirs = HardLimits {
            cards: vec!["a".into()],
            categories: vec![Category::Touch],
            max_touch: Some(Touch::Light),
            items: vec!["Ice".into()],
        };
        let mine = HardLimits {
            cards: vec!["b".into()],
            categories: vec![Category::Solo],
            max_touch: Some(Touch::None),
            items: vec!["candles".into()],
        };
        let both = theirs.clone().with(&mine);
        assert_eq!(both.cards, ["a", "b"]);
        assert_eq!(both.categories, [Category::Touch, Category::Solo]);
        assert_eq!(both.items, ["Ice", "candles"]);
        assert_eq!(both.max_touch, Some(Touch::None), "the stricter");
        assert_eq!(both.clone().with(&theirs), both, "nothing twice");
        assert!(both.covers(&theirs) && both.covers(&mine));
        assert!(!theirs.covers(&mine) && !mine.covers(&theirs));
        assert_eq!(both.clone().without(&theirs), mine);
        let loose = HardLimits {
            max_touch: None,
            ..theirs.clone()
        };
        assert!(!loose.covers(&theirs) && theirs.covers(&loose));
        let ice = HardLimits {
            items: vec!["ICE".into()],
            ..HardLimits::default()
        };
        assert!(theirs.covers(&ice), "items compare without case");
    }

    #[test]
    fn each_hard_limit_alone_rules_a_card_out_and_touch_up_to_the_limit_is_fine() {
        let card = |touch: Touch, items: &[&str]| crate::catalog::Card {
            id: "c".into(),
            category: Category::Practical,
            touch,
            items: items.iter().map(|i| i.to_string()).collect(),
            ..crate::catalog::builtin()[0].clone()
        };
        let with = |limits: HardLimits, comfort: Option<Touch>| Profile {
            name: "Sam".into(),
            hard_limits: limits,
            touch_comfort: comfort,
            ..Profile::default()
        };
        let nothing = with(HardLimits::default(), None);
        assert!(!nothing.forbids(&card(Touch::Full, &["water"])));
        let light = |comfort| {
            let limits = HardLimits {
                max_touch: if comfort { None } else { Some(Touch::Light) },
                ..HardLimits::default()
            };
            with(limits, comfort.then_some(Touch::Light))
        };
        for p in [light(false), light(true)] {
            assert!(!p.forbids(&card(Touch::None, &[])));
            assert!(
                !p.forbids(&card(Touch::Light, &[])),
                "the limit itself is allowed"
            );
            assert!(p.forbids(&card(Touch::Full, &[])));
        }
        let by = |limits: HardLimits| with(limits, None).forbids(&card(Touch::None, &["Water"]));
        assert!(by(HardLimits {
            cards: vec!["c".into()],
            ..HardLimits::default()
        }));
        assert!(by(HardLimits {
            categories: vec![Category::Practical],
            ..HardLimits::default()
        }));
        assert!(by(HardLimits {
            items: vec!["water".into()],
            ..HardLimits::default()
        }));
        assert!(!by(HardLimits {
            items: vec!["ice".into()],
            ..HardLimits::default()
        }));
    }
}
