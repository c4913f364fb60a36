//! What several of the core's integration tests share: a free-text note kind that only
//! tests know (the v1 fixture holds some), and the kind list that includes it.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use tend_core::vault::{Kinds, Record, RecordId};

pub const PASS: &str = "copper lantern orbit meadow";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    #[serde(skip)]
    pub id: RecordId,
    pub text: String,
    pub at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub extra: String,
}

impl Record for Note {
    const KIND: &'static str = "test_note";
    fn id(&self) -> RecordId {
        self.id
    }
}

/// The app's kinds and the test notes. The app's own list leaves notes out, so no user's
/// readable export carries them.
pub fn kinds() -> Kinds {
    let mut all = tend_core::kinds::ALL.to_vec();
    all.push(Note::KIND);
    Box::leak(all.into_boxed_slice())
}
