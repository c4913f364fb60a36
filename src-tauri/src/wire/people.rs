use serde::{Deserialize, Serialize};
use tend_core::catalog::{Category, Context, Touch};
use tend_core::profile::{self, Need};
use tend_core::support::{self, Region, Resource};
use tend_core::vault::RecordId;
use tend_core::{exchange, plan, Error};

/// A person's profile. `id` is absent (or null) for someone new.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Profile {
    pub id: Option<RecordId>,
    pub name: String,
    pub is_me: bool,
    pub closeness: Option<i8>,
    pub talk: Option<i8>,
    pub touch_comfort: Option<Touch>,
    pub needs: Vec<Need>,
    pub hard_limits: HardLimits,
    pub favourites: Vec<String>,
    pub trauma_sensitive: bool,
    /// "What helps me", in the person's own words.
    pub helps: String,
    /// Shown only: the hard limits the person set themselves when they shared this profile
    /// from their device, which stay. Ignored when saving.
    pub shared_limits: Option<HardLimits>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct HardLimits {
    pub cards: Vec<String>,
    pub categories: Vec<Category>,
    pub max_touch: Option<Touch>,
    pub items: Vec<String>,
}

impl From<profile::HardLimits> for HardLimits {
    fn from(l: profile::HardLimits) -> Self {
        Self {
            cards: l.cards,
            categories: l.categories,
            max_touch: l.max_touch,
            items: l.items,
        }
    }
}

impl From<profile::Profile> for Profile {
    fn from(p: profile::Profile) -> Self {
        Self {
            id: Some(p.id),
            name: p.name,
            is_me: p.is_me,
            closeness: p.closeness,
            talk: p.talk,
            touch_comfort: p.touch_comfort,
            needs: p.needs,
            hard_limits: p.hard_limits.into(),
            favourites: p.favourites,
            trauma_sensitive: p.trauma_sensitive,
            helps: p.helps,
            shared_limits: p.shared.map(|s| s.limits.into()),
        }
    }
}

impl Profile {
    /// Saves it: new without an id, an edit with one.
    pub fn save(self, vault: &mut tend_core::vault::Vault) -> Result<Self, Error> {
        let l = self.hard_limits;
        let p = profile::Profile {
            id: RecordId::default(),
            name: self.name,
            is_me: self.is_me,
            closeness: self.closeness,
            talk: self.talk,
            touch_comfort: self.touch_comfort,
            needs: self.needs,
            hard_limits: profile::HardLimits {
                cards: l.cards,
                categories: l.categories,
                max_touch: l.max_touch,
                items: l.items,
            },
            favourites: self.favourites,
            trauma_sensitive: self.trauma_sensitive,
            helps: self.helps,
            shared: None,
        };
        profile::save(vault, self.id, p).map(Self::from)
    }
}

/// An aftercare plan. `id` is absent (or null) for a new one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Plan {
    pub id: Option<RecordId>,
    pub name: String,
    pub people: Vec<RecordId>,
    pub context: Option<Context>,
    pub cards: Vec<String>,
    pub avoid: Vec<String>,
    pub note: String,
}

impl From<plan::Plan> for Plan {
    fn from(p: plan::Plan) -> Self {
        Self {
            id: Some(p.id),
            name: p.name,
            people: p.people,
            context: p.context,
            cards: p.cards,
            avoid: p.avoid,
            note: p.note,
        }
    }
}

impl Plan {
    pub fn save(self, vault: &mut tend_core::vault::Vault) -> Result<Self, Error> {
        let p = plan::Plan {
            id: RecordId::default(),
            name: self.name,
            people: self.people,
            context: self.context,
            cards: self.cards,
            avoid: self.avoid,
            note: self.note,
        };
        plan::save(vault, self.id, p).map(Self::from)
    }
}

/// Someone the person trusts. `id` is absent (or null) for someone new.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Contact {
    pub id: Option<RecordId>,
    pub name: String,
    pub how: String,
}

impl From<support::Contact> for Contact {
    fn from(c: support::Contact) -> Self {
        Self {
            id: Some(c.id),
            name: c.name,
            how: c.how,
        }
    }
}

impl Contact {
    pub fn save(self, vault: &mut tend_core::vault::Vault) -> Result<Self, Error> {
        let c = support::Contact {
            id: RecordId::default(),
            name: self.name,
            how: self.how,
        };
        support::save_contact(vault, self.id, c).map(Self::from)
    }
}

/// The support page: every service (bundled, so also while locked), those in the person's
/// region first, and their own trusted contacts (none while the vault is locked).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Support {
    /// The region the person chose in settings; `null` if none, or while locked.
    pub region: Option<Region>,
    pub resources: Vec<&'static Resource>,
    pub contacts: Vec<Contact>,
}

impl Support {
    pub fn new(region: Option<Region>, contacts: Vec<support::Contact>) -> Self {
        Self {
            region,
            resources: support::ordered(region),
            contacts: contacts.into_iter().map(Contact::from).collect(),
        }
    }
}

/// A profile's QR code to show: drawn in Rust, one SVG path in module units.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareShown {
    pub size: usize,
    pub path: String,
    /// The person's own cards, which stay on this device.
    pub left_out: usize,
}

impl From<exchange::Shown> for ShareShown {
    fn from(s: exchange::Shown) -> Self {
        Self {
            size: s.qr.size,
            path: s.qr.path,
            left_out: s.left_out,
        }
    }
}

/// A sealed text code and the phrase that opens it, shown once.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareCode {
    pub code: String,
    pub phrase: zeroize::Zeroizing<String>,
    pub left_out: usize,
}

impl From<exchange::TextCode> for ShareCode {
    fn from(t: exchange::TextCode) -> Self {
        Self {
            code: t.code,
            phrase: t.phrase,
            left_out: t.left_out,
        }
    }
}

/// What an import would save, and what it replaces; `code` (open) saves it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharePreview {
    pub profile: Profile,
    pub before: Option<Profile>,
    pub left_out: usize,
    pub code: String,
}

impl SharePreview {
    pub fn of(p: exchange::Preview, code: String) -> Self {
        let mut profile = Profile::from(p.profile);
        // Someone new has no id until they are saved.
        profile.id = p.before.as_ref().map(|b| b.id);
        Self {
            profile,
            before: p.before.map(Into::into),
            left_out: p.left_out,
            code,
        }
    }
}
