//! The wire: everything that crosses IPC, in one casing (camelCase keys). Stored records
//! keep their own shape in the core (docs/VAULT-FORMAT.md); where the two differ, the types
//! here carry a record to the screen and back, converted field by field, so renaming a
//! field on one side is a compile error, not a silent drift. Enum values (`not_for_me`,
//! `after_scene`) are names rather than keys and keep the core's snake_case.
//!
//! What the core only shows and never stores (timer views, history lines, the lock
//! screen's status) is already camelCase and crosses as it is.

mod cards;
mod people;
mod session;
mod settings;
mod space;

pub use cards::{Answer, Ask, Card};
pub use people::{Contact, Plan, Profile, ShareCode, SharePreview, ShareShown, Support};
pub use session::{Due, Ended, FollowUp, NewReflection, NewTimer, Session, Start};
pub use settings::Settings;
pub use space::{OpenedSpace, SpaceInfo};

use serde::{Deserialize, Serialize};
use tend_core::checkin::{self, Body, NeedNow};

/// "How are you feeling right now?"
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckIn {
    pub feelings: Vec<String>,
    pub need: Option<NeedNow>,
    pub no_touch: bool,
    pub body: Vec<Body>,
}

impl From<checkin::CheckIn> for CheckIn {
    fn from(c: checkin::CheckIn) -> Self {
        Self {
            feelings: c.feelings,
            need: c.need,
            no_touch: c.no_touch,
            body: c.body,
        }
    }
}

impl From<CheckIn> for checkin::CheckIn {
    fn from(c: CheckIn) -> Self {
        Self {
            feelings: c.feelings,
            need: c.need,
            no_touch: c.no_touch,
            body: c.body,
        }
    }
}

/// A written answer, whether the others may see it, and (shown only) whether it is
/// someone else's and withheld.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Text {
    pub text: String,
    pub shared: bool,
    #[serde(skip_deserializing)]
    pub withheld: bool,
}

impl From<checkin::Text> for Text {
    fn from(t: checkin::Text) -> Self {
        Self {
            text: t.text,
            shared: t.shared,
            withheld: t.withheld,
        }
    }
}

impl From<Text> for checkin::Text {
    fn from(t: Text) -> Self {
        Self {
            text: t.text,
            shared: t.shared,
            withheld: false,
        }
    }
}

/// Converts each element.
pub fn all<T, U: From<T>>(items: Vec<T>) -> Vec<U> {
    items.into_iter().map(U::from).collect()
}
