use serde::{Deserialize, Serialize};
use tend_core::catalog::Context;
use tend_core::checkin::{Held, Privacy};
use tend_core::feedback::Verdict;
use tend_core::followup;
use tend_core::session::{self, Participant, Stage, Step};
use tend_core::timer::{self, TimerKind};
use tend_core::vault::RecordId;

use super::{all, CheckIn, Text};

/// How a session starts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Start {
    pub people: Vec<Participant>,
    pub context: Context,
    pub intensity: u8,
    #[serde(default)]
    pub pass_device: bool,
    /// Roughly how much time there is for aftercare; absent or null: no rush.
    #[serde(default)]
    pub minutes_available: Option<u16>,
}

impl From<Start> for session::Start {
    fn from(s: Start) -> Self {
        Self {
            people: s.people,
            context: s.context,
            intensity: s.intensity,
            pass_device: s.pass_device,
            minutes_available: s.minutes_available,
        }
    }
}

/// A session as one viewer may see it (the core has already withheld what is not theirs).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: RecordId,
    pub started_at_ms: u64,
    pub ended_at_ms: Option<u64>,
    pub people: Vec<Participant>,
    pub context: Context,
    pub intensity: u8,
    pub pass_device: bool,
    pub minutes_available: Option<u16>,
    pub plan: Option<RecordId>,
    pub check_ins: Vec<CheckInEntry>,
    pub accepted: Vec<String>,
    pub declined: Vec<String>,
    pub reflections: Vec<Reflection>,
    pub talk_tomorrow: bool,
    /// Who chose to talk about it later (empty: everyone, if `talk_tomorrow`).
    pub talk_later: Vec<RecordId>,
    /// Something did not feel OK: the session took the gentle path.
    pub stopped: bool,
    pub step: Step,
    /// Answers this session held only in memory are gone (Tend locked since): it goes on
    /// without them.
    pub forgotten: bool,
}

impl Session {
    pub fn with_forgotten(mut self, forgotten: bool) -> Self {
        self.forgotten = forgotten;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckInEntry {
    pub person: RecordId,
    pub at_ms: u64,
    pub stage: Stage,
    pub check_in: CheckIn,
    pub note: String,
    pub shared: bool,
    /// Only on the viewer's own answers: kept in their space, or only in memory.
    pub held: Option<Held>,
    pub withheld: bool,
}

impl From<session::CheckInEntry> for CheckInEntry {
    fn from(c: session::CheckInEntry) -> Self {
        Self {
            person: c.person,
            at_ms: c.at_ms,
            stage: c.stage,
            check_in: c.check_in.into(),
            note: c.note,
            shared: c.shared,
            held: c.held,
            withheld: c.withheld,
        }
    }
}

/// One person's reflection as shown.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reflection {
    pub person: RecordId,
    pub at_ms: u64,
    pub felt_good: Text,
    pub change: Text,
    pub uncomfortable: Option<bool>,
    pub uncomfortable_shared: bool,
    pub uncomfortable_note: Text,
    pub appreciation: Text,
    pub rituals: Vec<(String, Verdict)>,
    pub held: Option<Held>,
}

/// One person's reflection as the screen sends it, with the one choice of who may see it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewReflection {
    pub person: RecordId,
    #[serde(default)]
    pub felt_good: String,
    #[serde(default)]
    pub change: String,
    #[serde(default)]
    pub uncomfortable: Option<bool>,
    #[serde(default)]
    pub uncomfortable_note: String,
    #[serde(default)]
    pub appreciation: String,
    #[serde(default)]
    pub rituals: Vec<(String, Verdict)>,
    pub privacy: Privacy,
}

impl From<NewReflection> for session::Reflection {
    fn from(r: NewReflection) -> Self {
        let text = |text: String| tend_core::checkin::Text {
            text,
            ..Default::default()
        };
        Self {
            person: r.person,
            felt_good: text(r.felt_good),
            change: text(r.change),
            uncomfortable: r.uncomfortable,
            uncomfortable_note: text(r.uncomfortable_note),
            appreciation: text(r.appreciation),
            rituals: r.rituals,
            ..Default::default()
        }
    }
}

impl From<session::Session> for Session {
    fn from(s: session::Session) -> Self {
        Self {
            id: s.id,
            started_at_ms: s.started_at_ms,
            ended_at_ms: s.ended_at_ms,
            people: s.people,
            context: s.context,
            intensity: s.intensity,
            pass_device: s.pass_device,
            minutes_available: s.minutes_available,
            plan: s.plan,
            check_ins: all(s.check_ins),
            accepted: s.accepted,
            declined: s.declined,
            reflections: all(s.reflections),
            talk_tomorrow: s.talk_tomorrow,
            talk_later: s.talk_later,
            stopped: s.stopped,
            step: s.step,
            forgotten: false,
        }
    }
}

impl From<session::Reflection> for Reflection {
    fn from(r: session::Reflection) -> Self {
        Self {
            person: r.person,
            at_ms: r.at_ms,
            felt_good: r.felt_good.into(),
            change: r.change.into(),
            uncomfortable: r.uncomfortable,
            uncomfortable_shared: r.uncomfortable_shared,
            uncomfortable_note: r.uncomfortable_note.into(),
            appreciation: r.appreciation.into(),
            rituals: r.rituals,
            held: r.held,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: RecordId,
    pub session: RecordId,
    pub due_at_ms: u64,
    pub after_hours: u32,
    pub done_at_ms: Option<u64>,
    pub answers: Vec<FollowUpAnswer>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpAnswer {
    pub person: RecordId,
    pub at_ms: u64,
    pub check_in: CheckIn,
    pub low: bool,
    pub need: Text,
    pub drop: Option<followup::DropToday>,
    pub not_right: Option<bool>,
    /// Only on the viewer's own answers: kept in their space, or only in memory.
    pub held: Option<Held>,
    /// Someone else's private answer: only that there was one.
    pub withheld: bool,
}

impl From<followup::FollowUpAnswer> for FollowUpAnswer {
    fn from(a: followup::FollowUpAnswer) -> Self {
        Self {
            person: a.person,
            at_ms: a.at_ms,
            check_in: a.check_in.into(),
            low: a.low,
            need: a.need.into(),
            drop: a.drop,
            not_right: a.not_right,
            held: a.held,
            withheld: a.withheld,
        }
    }
}

impl From<followup::FollowUp> for FollowUp {
    fn from(f: followup::FollowUp) -> Self {
        Self {
            id: f.id,
            session: f.session,
            due_at_ms: f.due_at_ms,
            after_hours: f.after_hours,
            done_at_ms: f.done_at_ms,
            answers: all(f.answers),
        }
    }
}

/// A follow-up whose time has come, with who it is for (id and name).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Due {
    pub follow_up: FollowUp,
    pub people: Vec<(RecordId, String)>,
    pub started_at_ms: u64,
    pub talk_tomorrow: bool,
}

impl From<followup::Due> for Due {
    fn from(d: followup::Due) -> Self {
        Self {
            follow_up: d.follow_up.into(),
            people: d.people,
            started_at_ms: d.started_at_ms,
            talk_tomorrow: d.talk_tomorrow,
        }
    }
}

/// An ended session and the follow-ups it left.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ended {
    pub session: Session,
    pub follow_ups: Vec<FollowUp>,
}

/// A timer to start: a countdown or paced breathing, for a session's card or on its own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewTimer {
    pub kind: TimerKind,
    pub minutes: u32,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub session: Option<RecordId>,
    #[serde(default)]
    pub card: Option<String>,
}

impl From<NewTimer> for timer::NewTimer {
    fn from(t: NewTimer) -> Self {
        Self {
            kind: t.kind,
            minutes: t.minutes,
            label: t.label,
            session: t.session,
            card: t.card,
        }
    }
}
