//! Follow-up check-ins: a gentle "how are you today?" a day after a session, and at two
//! and three days after new, intense or scene sessions, because a drop can come late
//! (practitioners describe it arriving hours to about three days later). Someone who says
//! they are low is offered grounding, a way to note what they need, and support.

use serde::{Deserialize, Serialize};

use crate::catalog::Context;
use crate::checkin::{CheckIn, Text, MAX_NOTE};
use crate::feelings;
use crate::session::{self, Session};
use crate::settings::Settings;
use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

const HOUR: u64 = 60 * 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpAnswer {
    pub person: RecordId,
    pub at_ms: u64,
    pub check_in: CheckIn,
    /// The person said they feel low, or their words lean that way.
    pub low: bool,
    pub need: Text,
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
    let settings = Settings::load(vault)?;
    let mut s = session::get(vault, id)?;
    s.end(talk_tomorrow, now_ms)?;
    let follow_ups = schedule(&s, &settings, now_ms);
    vault.write(|w| {
        w.save(&s)?;
        follow_ups.iter().try_for_each(|f| w.save(f))
    })?;
    Ok((s, follow_ups))
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
    let name = |id: RecordId| {
        people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "Someone".into(), |p| p.name.clone())
    };
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
    let words: Vec<_> = check_in
        .feelings
        .iter()
        .filter_map(|w| feelings::find(w))
        .collect();
    said_low
        || (!words.is_empty() && words.iter().map(|f| i32::from(f.pleasantness)).sum::<i32>() < 0)
}

/// Records how one person is today. Refused for follow-ups (or sessions) that no longer exist.
pub fn answer(
    vault: &mut Vault,
    id: RecordId,
    person: RecordId,
    check_in: CheckIn,
    said_low: bool,
    need: Text,
    now_ms: u64,
) -> Result<FollowUp> {
    let mut f = get(vault, id)?;
    let session = session::get(vault, f.session)?;
    if !session.people.iter().any(|p| p.person == person) {
        return Err(Error::invalid("That person is not part of this check-in."));
    }
    check_in.validate()?;
    if need.text.chars().count() > MAX_NOTE {
        return Err(Error::invalid(format!(
            "The note is up to {MAX_NOTE} characters."
        )));
    }
    let low = is_low(&check_in, said_low);
    f.answers.retain(|a| a.person != person);
    f.answers.push(FollowUpAnswer {
        person,
        at_ms: now_ms,
        check_in,
        low,
        need,
    });
    vault.save(&f)?;
    Ok(f)
}

/// A session's follow-ups as `viewer` may see them: a person's note of what they need is
/// theirs alone, and in pass-the-device sessions so are their answers.
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
        if session.pass_device {
            // Answered alone: others' answers are theirs, not even their existence shown.
            f.answers.retain(|a| viewer == Some(a.person));
        }
        for a in &mut f.answers {
            if viewer != Some(a.person) {
                a.need = Text::default();
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
