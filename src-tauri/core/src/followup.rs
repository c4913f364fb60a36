//! Follow-up check-ins: a gentle "how are you today?" a day after a session, and at two
//! and three days after new, intense or scene sessions, because a drop can come late
//! (practitioners describe it arriving hours to about three days later). Someone who says
//! they are low is offered grounding, a way to note what they need, and support.

use serde::{Deserialize, Serialize};

use crate::catalog::Context;
use crate::feelings;
use crate::session::{Session, Text};
use crate::settings::Settings;
use crate::suggest::CheckIn;
use crate::vault::{RecordId, Result, Vault, VaultError, Writer};

pub const TABLE: &str = "follow_ups";
const HOUR: u64 = 60 * 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpAnswer {
    pub person: String,
    pub at_ms: u64,
    pub check_in: CheckIn,
    /// The person said they feel low, or their words lean that way.
    pub low: bool,
    pub need: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: String,
    pub session: String,
    pub due_at_ms: u64,
    /// Hours after the session (24, 48, 72…), for the screen.
    pub after_hours: u32,
    pub done_at_ms: Option<u64>,
    pub answers: Vec<FollowUpAnswer>,
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
            id: RecordId::generate().to_hex(),
            session: session.id.clone(),
            due_at_ms: base + u64::from(h) * HOUR,
            after_hours: h,
            done_at_ms: None,
            answers: Vec::new(),
        })
        .collect()
}

pub fn put_in(w: &mut Writer<'_>, f: &FollowUp) -> Result<()> {
    w.put(TABLE, &RecordId::from_hex(&f.id)?, f)
}

pub fn all(vault: &Vault) -> Result<Vec<FollowUp>> {
    let mut all: Vec<FollowUp> = vault
        .list::<FollowUp>(TABLE)?
        .into_iter()
        .map(|(_, f)| f)
        .collect();
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

/// When open follow-ups fall due (for a notification while the app runs).
pub fn upcoming(vault: &Vault) -> Result<Vec<u64>> {
    Ok(all(vault)?
        .into_iter()
        .filter(|f| f.done_at_ms.is_none())
        .map(|f| f.due_at_ms)
        .collect())
}

pub fn get(vault: &Vault, id: &str) -> Result<FollowUp> {
    vault.get(TABLE, &RecordId::from_hex(id)?)
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
    id: &str,
    person: &str,
    check_in: CheckIn,
    said_low: bool,
    need: Text,
    now_ms: u64,
) -> Result<FollowUp> {
    let mut f = get(vault, id)?;
    let session = crate::session::get(vault, &f.session)?;
    if !session.people.iter().any(|p| p.person == person) {
        return Err(VaultError::Invalid(
            "That person is not part of this check-in.".into(),
        ));
    }
    check_in.validate()?;
    if need.text.chars().count() > crate::session::MAX_NOTE {
        return Err(VaultError::Invalid(
            "The note is up to 1,000 characters.".into(),
        ));
    }
    let low = is_low(&check_in, said_low);
    f.answers.retain(|a| a.person != person);
    f.answers.push(FollowUpAnswer {
        person: person.to_owned(),
        at_ms: now_ms,
        check_in,
        low,
        need,
    });
    vault.put(TABLE, &RecordId::from_hex(&f.id)?, &f)?;
    Ok(f)
}

/// A session's follow-ups as `viewer` may see them: a person's note of what they need is
/// theirs alone, and in pass-the-device sessions so are their answers.
pub fn for_session(
    vault: &Vault,
    session: &Session,
    viewer: Option<&str>,
) -> Result<Vec<FollowUp>> {
    let mut list: Vec<FollowUp> = all(vault)?
        .into_iter()
        .filter(|f| f.session == session.id)
        .collect();
    for f in &mut list {
        if session.pass_device {
            // Answered alone: others' answers are theirs, not even their existence shown.
            f.answers.retain(|a| viewer == Some(a.person.as_str()));
        }
        for a in &mut f.answers {
            if viewer != Some(a.person.as_str()) {
                a.need = Text::default();
            }
        }
    }
    Ok(list)
}

/// Marks a follow-up done (answered, or let go).
pub fn complete(vault: &mut Vault, id: &str, now_ms: u64) -> Result<FollowUp> {
    let mut f = get(vault, id)?;
    crate::session::get(vault, &f.session)?;
    f.done_at_ms = Some(now_ms);
    vault.put(TABLE, &RecordId::from_hex(&f.id)?, &f)?;
    Ok(f)
}

#[cfg(test)]
mod tests;
