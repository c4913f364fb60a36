//! What seems to help: small summaries of the history for one viewer, computed on the
//! device from what that viewer may see. Counts and places on the feeling grid only: never
//! a score, a streak or a "best session".
//!
//! `compute` is pure and works on sessions and follow-ups already cut to the viewer
//! (`Session::view_for`, `followup::for_session`): someone else's private answers arrive
//! withheld and are skipped, as are the markers of answers kept in a space or in memory.
//! `for_viewer` does that cutting, and puts back a person's own answers from their space
//! when they have just opened it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Category, Context};
use crate::checkin::CheckIn;
use crate::feedback::Verdict;
use crate::followup::{self, DropToday, FollowUp};
use crate::session::{Session, Stage};
use crate::space::{Entry, Opened};
use crate::vault::{RecordId, Vault};
use crate::Result;

/// Below this many ended sessions the pictures would say more than the history does.
pub const ENOUGH: usize = 3;

/// A follow-up this many hours after a session or fewer is "the next day".
const NEXT_DAY_HOURS: u32 = 36;

/// What the pictures need to know about a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardInfo {
    pub title: String,
    pub category: Category,
}

/// A place on the energy × pleasantness grid: the mean of the words a person chose
/// (both axes from -2 to 2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    pub energy: f32,
    pub pleasantness: f32,
}

/// How one ritual landed for one person, and how often it was part of their aftercare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Landing {
    pub person: RecordId,
    pub card: String,
    pub title: String,
    /// Sessions with this person in which the card was chosen.
    pub tried: u32,
    pub helped: u32,
    pub neutral: u32,
    pub not_for_me: u32,
}

/// One person's feelings at the first check-in and at the check-in after, in one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Move {
    pub session: RecordId,
    pub person: RecordId,
    pub started_at_ms: u64,
    pub before: Point,
    pub after: Point,
}

/// How one person felt the next day, beside the moment and the aftercare given.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextDay {
    pub session: RecordId,
    pub person: RecordId,
    pub context: Context,
    /// From the start of the session to its close.
    pub minutes: u32,
    /// The kinds of card chosen, each once.
    pub categories: Vec<Category>,
    /// None when no feeling words were chosen.
    pub feeling: Option<Point>,
    pub low: bool,
}

/// Drop on one day after intense moments and scenes: how many answered, and how many of
/// them felt some drop or felt low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DropDay {
    pub after_hours: u32,
    pub answered: u32,
    pub some_drop: u32,
    pub low: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    /// Ended sessions the viewer may see.
    pub sessions: usize,
    /// Whether there are enough (`ENOUGH`) to show anything; when not, every list is empty.
    pub enough: bool,
    pub rituals: Vec<Landing>,
    pub moves: Vec<Move>,
    pub next_day: Vec<NextDay>,
    pub drop: Vec<DropDay>,
}

/// The insights in `sessions` and `follow_ups`, both already as the viewer may see them.
pub fn compute(
    sessions: &[Session],
    follow_ups: &[FollowUp],
    cards: &BTreeMap<String, CardInfo>,
) -> Insights {
    let ended: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.ended_at_ms.is_some())
        .collect();
    let enough = ended.len() >= ENOUGH;
    if !enough {
        return Insights {
            sessions: ended.len(),
            enough,
            rituals: Vec::new(),
            moves: Vec::new(),
            next_day: Vec::new(),
            drop: Vec::new(),
        };
    }
    Insights {
        sessions: ended.len(),
        enough,
        rituals: landings(&ended, cards),
        moves: moves(&ended),
        next_day: next_day(&ended, follow_ups, cards),
        drop: drop_days(&ended, follow_ups),
    }
}

/// Where a check-in sits on the grid, if its words are on it.
pub fn place(check_in: &CheckIn) -> Option<Point> {
    let found: Vec<_> = check_in.on_grid().collect();
    if found.is_empty() {
        return None;
    }
    let n = found.len() as f32;
    Some(Point {
        energy: found.iter().map(|f| f32::from(f.energy)).sum::<f32>() / n,
        pleasantness: found.iter().map(|f| f32::from(f.pleasantness)).sum::<f32>() / n,
    })
}

fn landings(sessions: &[&Session], cards: &BTreeMap<String, CardInfo>) -> Vec<Landing> {
    let mut rows: BTreeMap<(RecordId, String), Landing> = BTreeMap::new();
    for s in sessions {
        // Someone else's ratings never arrive: `view_for` keeps them with their author.
        for r in &s.reflections {
            for (card, verdict) in &r.rituals {
                let row = rows
                    .entry((r.person, card.clone()))
                    .or_insert_with(|| Landing {
                        person: r.person,
                        card: card.clone(),
                        title: cards
                            .get(card)
                            .map_or_else(|| card.clone(), |c| c.title.clone()),
                        tried: 0,
                        helped: 0,
                        neutral: 0,
                        not_for_me: 0,
                    });
                match verdict {
                    Verdict::Helped => row.helped += 1,
                    Verdict::Neutral => row.neutral += 1,
                    Verdict::NotForMe => row.not_for_me += 1,
                }
            }
        }
    }
    for row in rows.values_mut() {
        row.tried = sessions
            .iter()
            .filter(|s| s.has(row.person).is_ok() && s.accepted.contains(&row.card))
            .count() as u32;
    }
    let mut list: Vec<Landing> = rows.into_values().collect();
    list.sort_by(|a, b| {
        (b.helped, a.not_for_me, b.tried)
            .cmp(&(a.helped, b.not_for_me, a.tried))
            .then_with(|| a.title.cmp(&b.title))
    });
    list
}

fn moves(sessions: &[&Session]) -> Vec<Move> {
    let mut list = Vec::new();
    for s in sessions {
        for p in &s.people {
            let at = |stage: Stage| {
                s.check_ins
                    .iter()
                    .filter(|c| c.person == p.person && c.stage == stage)
                    .filter(|c| !c.withheld && c.held.is_none())
                    .max_by_key(|c| c.at_ms)
                    .and_then(|c| place(&c.check_in))
            };
            if let (Some(before), Some(after)) = (at(Stage::Before), at(Stage::After)) {
                list.push(Move {
                    session: s.id,
                    person: p.person,
                    started_at_ms: s.started_at_ms,
                    before,
                    after,
                });
            }
        }
    }
    list.sort_by_key(|m| m.started_at_ms);
    list
}

fn next_day(
    sessions: &[&Session],
    follow_ups: &[FollowUp],
    cards: &BTreeMap<String, CardInfo>,
) -> Vec<NextDay> {
    let mut list = Vec::new();
    for s in sessions {
        let Some(ended) = s.ended_at_ms else { continue };
        let Some(first) = follow_ups
            .iter()
            .filter(|f| f.session == s.id && f.after_hours <= NEXT_DAY_HOURS)
            .min_by_key(|f| f.after_hours)
        else {
            continue;
        };
        let mut categories: Vec<Category> = s
            .accepted
            .iter()
            .filter_map(|c| cards.get(c).map(|c| c.category))
            .collect();
        categories.sort();
        categories.dedup();
        for a in first
            .answers
            .iter()
            .filter(|a| !a.withheld && a.held.is_none())
        {
            list.push(NextDay {
                session: s.id,
                person: a.person,
                context: s.context,
                minutes: (ended.saturating_sub(s.started_at_ms) / 60_000) as u32,
                categories: categories.clone(),
                feeling: place(&a.check_in),
                low: a.low,
            });
        }
    }
    list
}

fn drop_days(sessions: &[&Session], follow_ups: &[FollowUp]) -> Vec<DropDay> {
    let intense: Vec<RecordId> = sessions
        .iter()
        .filter(|s| matches!(s.context, Context::Intense | Context::Scene) || s.intensity >= 4)
        .map(|s| s.id)
        .collect();
    let mut days: BTreeMap<u32, DropDay> = BTreeMap::new();
    for f in follow_ups.iter().filter(|f| intense.contains(&f.session)) {
        for a in f.answers.iter().filter(|a| !a.withheld && a.held.is_none()) {
            let day = days.entry(f.after_hours).or_insert(DropDay {
                after_hours: f.after_hours,
                answered: 0,
                some_drop: 0,
                low: 0,
            });
            day.answered += 1;
            day.some_drop += u32::from(matches!(a.drop, Some(DropToday::ALittle | DropToday::Yes)));
            day.low += u32::from(a.low);
        }
    }
    days.into_values().collect()
}

/// The insights `viewer` may see: their own answers and what others shared. With `opened`
/// (the viewer's own space, just opened with their passphrase) their answers kept there
/// count too.
pub fn for_viewer(
    vault: &Vault,
    viewer: Option<RecordId>,
    opened: Option<&Opened>,
) -> Result<Insights> {
    let mut sessions = Vec::new();
    let mut follow_ups = Vec::new();
    for s in vault.list::<Session>()? {
        follow_ups.extend(followup::for_session(vault, &s, viewer)?);
        sessions.push(s.view_for(viewer));
    }
    if let (Some(opened), Some(viewer)) = (opened, viewer) {
        put_back(&mut sessions, &mut follow_ups, opened, viewer);
    }
    let cards = crate::catalog::all(vault)?
        .into_iter()
        .map(|c| {
            let info = CardInfo {
                title: c.title.clone(),
                category: c.category,
            };
            (c.id, info)
        })
        .collect();
    Ok(compute(&sessions, &follow_ups, &cards))
}

/// The insights the device's owner may see.
pub fn for_owner(vault: &Vault) -> Result<Insights> {
    for_viewer(vault, crate::profile::me(vault)?, None)
}

/// As [`for_viewer`], unless the person hid insights in settings: then `None`, and nothing
/// is computed.
pub fn if_shown(
    vault: &Vault,
    viewer: Option<RecordId>,
    opened: Option<&Opened>,
) -> Result<Option<Insights>> {
    if !crate::settings::Settings::load(vault)?.insights {
        return Ok(None);
    }
    for_viewer(vault, viewer, opened).map(Some)
}

/// Puts a person's own answers from their opened space where their markers stand.
fn put_back(
    sessions: &mut [Session],
    follow_ups: &mut [FollowUp],
    opened: &Opened,
    viewer: RecordId,
) {
    for entry in opened.entries.iter().filter(|e| e.person() == viewer) {
        match entry {
            Entry::CheckIn { session, entry } => {
                if let Some(s) = sessions.iter_mut().find(|s| s.id == *session) {
                    s.put_check_in(entry.clone());
                }
            }
            Entry::Reflection {
                session,
                reflection,
            } => {
                if let Some(s) = sessions.iter_mut().find(|s| s.id == *session) {
                    s.reflections.retain(|r| r.person != viewer);
                    s.reflections.push(reflection.clone());
                }
            }
            Entry::FollowUp {
                follow_up, answer, ..
            } => {
                if let Some(f) = follow_ups.iter_mut().find(|f| f.id == *follow_up) {
                    f.put_answer(answer.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
