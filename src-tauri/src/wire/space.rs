use serde::Serialize;
use tend_core::insights::Insights;
use tend_core::session::Stage;
use tend_core::space::{self, Entry};
use tend_core::vault::RecordId;

use super::session::{CheckInEntry, FollowUpAnswer, Reflection};

/// What the people screen knows of a person's own space, without opening it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpaceInfo {
    pub exists: bool,
    /// How many answers it holds (never what they say).
    pub answers: usize,
    /// Their private answers from before, still under the owner's key.
    pub earlier_private: usize,
}

/// One answer in a space, as its person sees it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpaceEntry {
    /// `check_in`, `reflection` or `follow_up`.
    pub what: &'static str,
    pub session: RecordId,
    pub at_ms: u64,
    pub stage: Option<Stage>,
    pub check_in: Option<CheckInEntry>,
    pub reflection: Option<Reflection>,
    pub answer: Option<FollowUpAnswer>,
}

impl From<Entry> for SpaceEntry {
    fn from(e: Entry) -> Self {
        let (session, at_ms) = (e.session(), e.at_ms());
        let mut out = SpaceEntry {
            what: "check_in",
            session,
            at_ms,
            stage: None,
            check_in: None,
            reflection: None,
            answer: None,
        };
        match e {
            Entry::CheckIn { entry, .. } => {
                out.stage = Some(entry.stage);
                out.check_in = Some(entry.into());
            }
            Entry::Reflection { reflection, .. } => {
                out.what = "reflection";
                out.reflection = Some(reflection.into());
            }
            Entry::FollowUp { answer, .. } => {
                out.what = "follow_up";
                out.answer = Some(answer.into());
            }
        }
        out
    }
}

/// A space, opened by its person: every answer (oldest first) and whether anything was
/// taken out or changed since they last looked.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedSpace {
    pub entries: Vec<SpaceEntry>,
    pub changed: bool,
    /// "What seems to help" for this person, their space's answers included; `null` when
    /// insights are hidden in settings.
    pub insights: Option<Insights>,
}

impl OpenedSpace {
    pub fn new(o: space::Opened, insights: Option<Insights>) -> Self {
        Self {
            entries: super::all(o.entries),
            changed: o.changed,
            insights,
        }
    }
}
