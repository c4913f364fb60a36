//! Follow-up check-ins: a gentle "how are you today?" a day after a session, and at two
//! and three days after new, intense or scene sessions, because a drop can come late
//! (practitioners describe it arriving hours to about three days later). Someone who says
//! they are low is offered grounding, a way to note what they need, and support.

use serde::{Deserialize, Serialize};

use crate::catalog::Context;
use crate::checkin::{CheckIn, Held, Privacy, Text, MAX_NOTE};
use crate::session::{self, Session};
use crate::settings::Settings;
use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

const HOUR: u64 = 60 * 60_000;

/// "Some people feel a dip a day or two later, often called drop. Any of that today?"
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropToday {
    No,
    ALittle,
    Yes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpAnswer {
    pub person: RecordId,
    pub at_ms: u64,
    pub check_in: CheckIn,
    /// The person said they feel low, or their words lean that way.
    pub low: bool,
    pub need: Text,
    /// Drop today, if the person answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop: Option<DropToday>,
    /// "Now you've had some time: did anything not sit right?", if answered. Never scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_right: Option<bool>,
    /// Whether the others may see this answer. Absent in answers from before people chose:
    /// those were shared unless the session passed the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    /// The answer went to the person's space or memory; this one only marks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
    /// Set only in what a viewer is shown: someone else's private answer. Never stored.
    #[serde(skip)]
    pub withheld: bool,
}

impl FollowUpAnswer {
    /// What the vault keeps in place of an answer that went elsewhere.
    pub fn marker(&self, held: Held) -> Self {
        Self {
            person: self.person,
            at_ms: self.at_ms,
            check_in: CheckIn::default(),
            low: false,
            need: Text::default(),
            drop: None,
            not_right: None,
            shared: Some(false),
            held: Some(held),
            withheld: false,
        }
    }

    /// What someone else sees of a private answer: that there was one.
    fn withheld(&self) -> Self {
        Self {
            held: None,
            withheld: true,
            ..self.marker(Held::Removed)
        }
    }

    /// Whether people other than its author may see it, in a session like `session`.
    pub fn is_shared(&self, session: &Session) -> bool {
        self.held.is_none() && self.shared.unwrap_or(!session.pass_device)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: RecordId,
    pub session: RecordId,
    pub due_at_ms: u64,
    /// Hours after the session (24, 48, 72…), for the screen.
    pub after_hours: u32,
    pub done_at_ms: Option<u64>,
    pub answers: Vec<FollowUpAnswer>,
}

impl Record for FollowUp {
    const KIND: &'static str = "follow_ups";

    fn id(&self) -> RecordId {
        self.id
    }
}

/// The follow-ups a session leaves: +N hours (the person's setting), and +48/+72 h after
/// new/intense moments and scenes when they want those.
pub fn schedule(session: &Session, settings: &Settings, now_ms: u64) -> Vec<FollowUp> {
    let base = session.ended_at_ms.unwrap_or(now_ms);
    let mut hours = vec![settings.follow_up_hours];
    let intense =
        matches!(session.context, Context::Intense | Context::Scene) || session.intensity >= 4;
    if intense && settings.follow_up_extra {
        hours.extend(
            [48, 72]
                .into_iter()
                .filter(|h| *h > settings.follow_up_hours),
        );
    }
    hours
        .into_iter()
        .map(|h| FollowUp {
            id: RecordId::generate(),
            session: session.id,
            due_at_ms: base + u64::from(h) * HOUR,
            after_hours: h,
            done_at_ms: None,
            answers: Vec::new(),
        })
        .collect()
}

/// Ends a session (early is fine: what was entered is kept) and schedules its follow-ups
/// as the person's settings say, in one step.
pub fn end_session(
    vault: &mut Vault,
    id: RecordId,
    talk_tomorrow: bool,
    now_ms: u64,
) -> Result<(Session, Vec<FollowUp>)> {
    end_session_with(vault, id, talk_tomorrow, &[], now_ms)
}

/// Ends a session as [`end_session`] does, with who chose to talk about it later (after a
/// stop, each person chooses now, later or not at all).
pub fn end_session_with(
    vault: &mut Vault,
    id: RecordId,
    talk_tomorrow: bool,
    talk_later: &[RecordId],
    now_ms: u64,
) -> Result<(Session, Vec<FollowUp>)> {
    let settings = Settings::load(vault)?;
    let mut s = session::get(vault, id)?;
    s.talk_later(talk_later)?;
    s.end(talk_tomorrow || s.talk_tomorrow, now_ms)?;
    let follow_ups = schedule(&s, &settings, now_ms);
    vault.write(|w| {
        w.save(&s)?;
        follow_ups.iter().try_for_each(|f| w.save(f))
    })?;
    Ok((s, follow_ups))
}

/// How long after it was last touched an unfinished session is still offered to carry on.
pub const RESUME_WINDOW_MS: u64 = 4 * HOUR;

/// When a session was last touched: its start, or its latest check-in or reflection.
fn last_touched(s: &Session) -> u64 {
    s.check_ins
        .iter()
        .map(|c| c.at_ms)
        .chain(s.reflections.iter().map(|r| r.at_ms))
        .fold(s.started_at_ms, u64::max)
}

/// The unfinished session to offer to carry on: the newest one touched within the last
/// few hours. Older unfinished ones are closed as they stand, as if they had ended when
/// last touched, and keep their follow-ups: those still ahead, or due within the last
/// day; if none of them is, one check-in that is due now.
pub fn resumable(vault: &mut Vault, now_ms: u64) -> Result<Option<Session>> {
    let settings = Settings::load(vault)?;
    let mut open: Vec<Session> = vault
        .list::<Session>()?
        .into_iter()
        .filter(|s| s.ended_at_ms.is_none())
        .collect();
    open.sort_by_key(last_touched);
    let (fresh, stale): (Vec<Session>, Vec<Session>) = open
        .into_iter()
        .partition(|s| now_ms.saturating_sub(last_touched(s)) <= RESUME_WINDOW_MS);
    if !stale.is_empty() {
        let mut closed = Vec::new();
        let mut follow_ups = Vec::new();
        for mut s in stale {
            let at = last_touched(&s);
            s.end(false, at)?;
            let mut due: Vec<FollowUp> = schedule(&s, &settings, at)
                .into_iter()
                .filter(|f| f.due_at_ms + 24 * HOUR >= now_ms)
                .collect();
            if due.is_empty() {
                let mut one = schedule(&s, &settings, at).remove(0);
                one.due_at_ms = now_ms;
                due.push(one);
            }
            follow_ups.extend(due);
            closed.push(s);
        }
        vault.write(|w| {
            closed.iter().try_for_each(|s| w.save(s))?;
            follow_ups.iter().try_for_each(|f| w.save(f))
        })?;
    }
    Ok(fresh.into_iter().last())
}

pub fn all(vault: &Vault) -> Result<Vec<FollowUp>> {
    let mut all = vault.list::<FollowUp>()?;
    all.sort_by_key(|f| f.due_at_ms);
    Ok(all)
}

/// Open follow-ups whose time has come, oldest first.
pub fn due(vault: &Vault, now_ms: u64) -> Result<Vec<FollowUp>> {
    Ok(all(vault)?
        .into_iter()
        .filter(|f| f.done_at_ms.is_none() && f.due_at_ms <= now_ms)
        .collect())
}

/// A follow-up whose time has come, with what its screen shows: who was there (by id and
/// name) and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub follow_up: FollowUp,
    pub people: Vec<(RecordId, String)>,
    pub started_at_ms: u64,
    pub talk_tomorrow: bool,
}

/// Open follow-ups whose time has come, oldest first, each with who it is for.
pub fn due_with_people(vault: &Vault, now_ms: u64) -> Result<Vec<Due>> {
    let people = crate::profile::list(vault)?;
    let name = |id: RecordId| crate::profile::display_name(&people, id);
    due(vault, now_ms)?
        .into_iter()
        .map(|f| {
            let s = session::get(vault, f.session)?;
            Ok(Due {
                people: s
                    .people
                    .iter()
                    .map(|p| (p.person, name(p.person)))
                    .collect(),
                started_at_ms: s.started_at_ms,
                talk_tomorrow: s.talk_tomorrow,
                follow_up: f,
            })
        })
        .collect()
}

/// When open follow-ups fall due (for a notification while the app runs).
pub fn upcoming(vault: &Vault) -> Result<Vec<u64>> {
    Ok(all(vault)?
        .into_iter()
        .filter(|f| f.done_at_ms.is_none())
        .map(|f| f.due_at_ms)
        .collect())
}

pub fn get(vault: &Vault, id: RecordId) -> Result<FollowUp> {
    Ok(vault.get(id)?)
}

/// Whether an answer says "low": asked for directly, or the chosen words sit in the
/// unpleasant half of the grid.
pub fn is_low(check_in: &CheckIn, said_low: bool) -> bool {
    let words: Vec<_> = check_in.on_grid().collect();
    said_low
        || (!words.is_empty() && words.iter().map(|f| i32::from(f.pleasantness)).sum::<i32>() < 0)
}

/// One person's answer to a follow-up, as the screen sends it.
#[derive(Debug, Clone)]
pub struct NewAnswer {
    pub person: RecordId,
    pub check_in: CheckIn,
    pub said_low: bool,
    pub need: String,
    pub drop: Option<DropToday>,
    pub not_right: Option<bool>,
    pub privacy: Privacy,
}

/// Checks one person's answer and makes it (shared only if they chose so). Refused for
/// follow-ups (or sessions) that no longer exist.
pub fn prepare(
    vault: &Vault,
    id: RecordId,
    new: NewAnswer,
    now_ms: u64,
) -> Result<(FollowUp, FollowUpAnswer)> {
    let f = get(vault, id)?;
    let session = session::get(vault, f.session)?;
    if !session.people.iter().any(|p| p.person == new.person) {
        return Err(Error::invalid("That person is not part of this check-in."));
    }
    new.check_in.validate()?;
    if new.need.chars().count() > MAX_NOTE {
        return Err(Error::invalid(format!(
            "The note is up to {MAX_NOTE} characters."
        )));
    }
    let shared = new.privacy == Privacy::Shared;
    let answer = FollowUpAnswer {
        person: new.person,
        at_ms: now_ms,
        low: is_low(&new.check_in, new.said_low),
        check_in: new.check_in,
        need: Text {
            text: new.need,
            shared,
            withheld: false,
        },
        drop: new.drop,
        not_right: new.not_right,
        shared: Some(shared),
        held: None,
        withheld: false,
    };
    Ok((f, answer))
}

impl FollowUp {
    /// Puts an answer in, replacing the same person's earlier one.
    pub fn put_answer(&mut self, answer: FollowUpAnswer) {
        self.answers.retain(|a| a.person != answer.person);
        self.answers.push(answer);
    }
}

/// Records how one person is today (or the marker of an answer kept elsewhere).
pub fn answer(vault: &mut Vault, mut f: FollowUp, answer: FollowUpAnswer) -> Result<FollowUp> {
    f.put_answer(answer);
    vault.save(&f)?;
    Ok(f)
}

/// A session's follow-ups as `viewer` may see them: their own answers, and what others
/// chose to share; of anyone else's private answer, only that there was one.
pub fn for_session(
    vault: &Vault,
    session: &Session,
    viewer: Option<RecordId>,
) -> Result<Vec<FollowUp>> {
    let mut list: Vec<FollowUp> = all(vault)?
        .into_iter()
        .filter(|f| f.session == session.id)
        .collect();
    for f in &mut list {
        for a in &mut f.answers {
            if viewer == Some(a.person) {
                continue;
            }
            if !a.is_shared(session) {
                *a = a.withheld();
            } else if !a.need.shared {
                a.need.withhold();
            }
        }
    }
    Ok(list)
}

/// A session's follow-ups as the device's owner may see them (Rust picks the viewer).
pub fn for_owner(vault: &Vault, session_id: RecordId) -> Result<Vec<FollowUp>> {
    let owner = crate::profile::me(vault)?;
    for_session(vault, &session::get(vault, session_id)?, owner)
}

/// Marks a follow-up done (answered, or let go).
pub fn complete(vault: &mut Vault, id: RecordId, now_ms: u64) -> Result<FollowUp> {
    let mut f = get(vault, id)?;
    session::get(vault, f.session)?;
    f.done_at_ms = Some(now_ms);
    vault.save(&f)?;
    Ok(f)
}

#[cfg(test)]
mod tests;
