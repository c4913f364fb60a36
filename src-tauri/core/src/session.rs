//! An aftercare session, from "who is here" to the close: check-ins before and after,
//! the cards accepted or set aside, reflections, and the follow-ups it leaves behind.
//! One record per session; every step saves at once, so leaving mid-way loses nothing
//! and coming back resumes where it stopped.
//!
//! Privacy between partners: each check-in and each reflection answer says whether it is
//! shared. `view_for` gives a viewer only their own private parts; others' are withheld by
//! Rust, never just hidden by the screen. Answers kept in a person's own space or only in
//! memory are not here at all: the session keeps a marker in their place (`held`), and
//! `private.rs` decides where each answer goes.

use serde::{Deserialize, Serialize};

use crate::ask::{self, Answer, Ask, Present};
use crate::catalog::{Category, Context, Moment, Role};
use crate::checkin::{CheckIn, Held, Privacy, Text, MAX_NOTE};
use crate::feedback::Verdict;
use crate::profile::Profile;
use crate::vault::{Record, RecordId, Vault, Writer};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub person: RecordId,
    pub role: Option<Role>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    CheckIn,
    Cards,
    Reflect,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckInEntry {
    pub person: RecordId,
    pub at_ms: u64,
    pub stage: Stage,
    pub check_in: CheckIn,
    pub note: String,
    /// Whether the others may see this check-in.
    pub shared: bool,
    /// The check-in went to the person's space or memory; this entry only marks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
    /// Set only in what a viewer is shown: someone else's private check-in. Never stored.
    #[serde(skip)]
    pub withheld: bool,
}

impl CheckInEntry {
    /// What the vault keeps in place of a check-in that went elsewhere: who, when and at
    /// which stage, nothing of what was said. (Only answers nobody else may see go
    /// elsewhere, so `shared` is already false.)
    pub fn marker(&self, held: Held) -> Self {
        Self {
            check_in: CheckIn::default(),
            note: String::new(),
            held: Some(held),
            ..self.clone()
        }
    }

    fn withhold(&mut self) {
        self.check_in = CheckIn::default();
        self.note.clear();
        self.shared = false;
        self.held = None;
        self.withheld = true;
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Reflection {
    pub person: RecordId,
    pub at_ms: u64,
    pub felt_good: Text,
    pub change: Text,
    /// "Did anything feel uncomfortable or go past a limit?" Never scored.
    pub uncomfortable: Option<bool>,
    pub uncomfortable_shared: bool,
    pub uncomfortable_note: Text,
    pub appreciation: Text,
    pub rituals: Vec<(String, Verdict)>,
    /// The reflection went to the person's space or memory; this one only marks it (and
    /// keeps the ratings, which the person's feedback holds anyway).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
}

impl Reflection {
    /// What the vault keeps in place of a reflection that went elsewhere (saving it
    /// stamps the time, as for any reflection).
    pub fn marker(&self, held: Held) -> Self {
        Self {
            person: self.person,
            rituals: self.rituals.clone(),
            held: Some(held),
            ..Self::default()
        }
    }

    /// Sets every answer's visibility at once: the one choice the person made.
    pub fn share(&mut self, shared: bool) {
        for t in [
            &mut self.felt_good,
            &mut self.change,
            &mut self.appreciation,
            &mut self.uncomfortable_note,
        ] {
            t.shared = shared;
        }
        self.uncomfortable_shared = shared;
    }

    fn withhold_all(&mut self) {
        for t in [
            &mut self.felt_good,
            &mut self.change,
            &mut self.appreciation,
            &mut self.uncomfortable_note,
        ] {
            t.withhold();
        }
        self.uncomfortable = None;
        self.uncomfortable_shared = false;
        self.held = None;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: RecordId,
    pub started_at_ms: u64,
    pub ended_at_ms: Option<u64>,
    pub people: Vec<Participant>,
    pub context: Context,
    pub intensity: u8,
    pub pass_device: bool,
    /// Roughly how many minutes there are for aftercare (None: no rush); the cards fit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_available: Option<u16>,
    pub seed: u64,
    /// The plan that matched when the session started; its cards come first.
    pub plan: Option<RecordId>,
    pub check_ins: Vec<CheckInEntry>,
    pub accepted: Vec<String>,
    pub declined: Vec<String>,
    pub reflections: Vec<Reflection>,
    pub talk_tomorrow: bool,
    /// Who chose to talk about it later (after a stop each person chooses now, later or
    /// not at all); empty means everyone, as before stops existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub talk_later: Vec<RecordId>,
    /// Something did not feel OK ("We stopped"): the cards go gently from here.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped: bool,
    pub step: Step,
}

impl Record for Session {
    const KIND: &'static str = "sessions";

    fn id(&self) -> RecordId {
        self.id
    }
}

/// One person's check-in as the screen sends it.
#[derive(Debug, Clone)]
pub struct NewCheckIn {
    pub person: RecordId,
    pub stage: Stage,
    pub check_in: CheckIn,
    pub note: String,
    pub privacy: Privacy,
}

/// How a session starts.
#[derive(Debug, Clone)]
pub struct Start {
    pub people: Vec<Participant>,
    pub context: Context,
    pub intensity: u8,
    pub pass_device: bool,
    /// Roughly how much time there is (None: no rush).
    pub minutes_available: Option<u16>,
}

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: RecordId,
    pub started_at_ms: u64,
    pub ended_at_ms: Option<u64>,
    pub people: Vec<String>,
    pub context: Context,
    pub rituals: usize,
    /// It took the stop path.
    pub stopped: bool,
}

fn invalid<T>(m: impl Into<String>) -> Result<T> {
    Err(Error::Invalid(m.into()))
}

impl Session {
    pub fn has(&self, person: RecordId) -> Result<()> {
        if self.people.iter().any(|p| p.person == person) {
            Ok(())
        } else {
            invalid("That person is not part of this session.")
        }
    }

    pub fn live(&self) -> Result<()> {
        match self.ended_at_ms {
            None => Ok(()),
            Some(_) => invalid("This session has ended."),
        }
    }

    /// What `viewer` may see: everything of their own, and what others chose to share.
    /// In every mode: someone who answered beside the others still chose who may see it.
    pub fn view_for(&self, viewer: Option<RecordId>) -> Session {
        let mut s = self.clone();
        let mine = |person: RecordId| viewer == Some(person);
        for c in &mut s.check_ins {
            if (!c.shared || c.held.is_some()) && !mine(c.person) {
                c.withhold();
            }
        }
        for r in &mut s.reflections {
            if mine(r.person) {
                continue;
            }
            // How each ritual landed is given on a private form: it stays with its author.
            r.rituals.clear();
            if r.held.is_some() {
                r.withhold_all();
                continue;
            }
            for t in [
                &mut r.felt_good,
                &mut r.change,
                &mut r.appreciation,
                &mut r.uncomfortable_note,
            ] {
                if !t.shared {
                    t.withhold();
                }
            }
            if !r.uncomfortable_shared {
                r.uncomfortable = None;
            }
        }
        s
    }

    fn summary(&self, names: &dyn Fn(RecordId) -> String) -> Summary {
        Summary {
            id: self.id,
            started_at_ms: self.started_at_ms,
            ended_at_ms: self.ended_at_ms,
            people: self.people.iter().map(|p| names(p.person)).collect(),
            context: self.context,
            rituals: self.accepted.len(),
            stopped: self.stopped,
        }
    }

    /// Ends the session (early is fine: what was entered is kept).
    pub fn end(&mut self, talk_tomorrow: bool, now_ms: u64) -> Result<()> {
        self.live()?;
        self.ended_at_ms = Some(now_ms.max(self.started_at_ms));
        self.talk_tomorrow = talk_tomorrow;
        self.step = Step::Done;
        Ok(())
    }

    /// Who chose to talk about it later: naming anyone brings the reflection to the
    /// check-in, for them only.
    pub fn talk_later(&mut self, people: &[RecordId]) -> Result<()> {
        self.live()?;
        let mut later = Vec::with_capacity(people.len());
        for &person in people {
            self.has(person)?;
            if !later.contains(&person) {
                later.push(person);
            }
        }
        self.talk_tomorrow |= !later.is_empty();
        self.talk_later = later;
        Ok(())
    }

    /// Each person's latest check-in, and whether it was private. `held` are the
    /// check-ins kept in a space or in memory that this session may still read (the
    /// markers in the session say only that they exist).
    fn present(&self, held: &[CheckInEntry]) -> Vec<Present> {
        self.people
            .iter()
            .map(|p| {
                let latest = self
                    .check_ins
                    .iter()
                    .filter(|c| c.held.is_none())
                    .chain(held)
                    .filter(|c| c.person == p.person)
                    .max_by_key(|c| c.at_ms);
                Present {
                    person: p.person,
                    check_in: latest.map(|c| c.check_in.clone()).unwrap_or_default(),
                    role: p.role,
                    private: latest.is_some_and(|c| !c.shared || c.held.is_some()),
                }
            })
            .collect()
    }
}

pub fn get(vault: &Vault, id: RecordId) -> Result<Session> {
    Ok(vault.get(id)?)
}

/// A session as the device's owner ("me") may see it: other people's private answers are
/// withheld here, so they never reach the screen.
pub fn for_owner(vault: &Vault, id: RecordId) -> Result<Session> {
    Ok(get(vault, id)?.view_for(crate::profile::me(vault)?))
}

fn put(vault: &mut Vault, s: &Session) -> Result<()> {
    Ok(vault.save(s)?)
}

/// Starts a session: checks who is here and the kind of moment.
pub fn start(vault: &mut Vault, start: Start, seed: u64, now_ms: u64) -> Result<Session> {
    if start.people.is_empty() || start.people.len() > 8 {
        return invalid("Choose between one and eight people.");
    }
    if !(1..=5).contains(&start.intensity) {
        return invalid("Intensity is from 1 to 5.");
    }
    if start
        .minutes_available
        .is_some_and(|m| !(1..=240).contains(&m))
    {
        return invalid("Time available is 1 to 240 minutes.");
    }
    if start.context == Context::Solo && start.people.len() != 1 {
        return invalid("A solo session is for one person.");
    }
    let mut seen = std::collections::HashSet::new();
    for p in &start.people {
        if !seen.insert(p.person) {
            return invalid("Each person is here once.");
        }
        if !vault.contains::<Profile>(p.person)? {
            return Err(Error::Unknown("That person is not in Tend.".into()));
        }
        if p.role.is_some() && start.context != Context::Scene {
            return invalid("Roles are for scenes.");
        }
    }
    let ids: Vec<RecordId> = start.people.iter().map(|p| p.person).collect();
    let plan = crate::plan::matching(vault, &ids, start.context)?.map(|p| p.id);
    let session = Session {
        id: RecordId::generate(),
        started_at_ms: now_ms,
        ended_at_ms: None,
        people: start.people,
        context: start.context,
        intensity: start.intensity,
        pass_device: start.pass_device,
        minutes_available: start.minutes_available,
        seed,
        plan,
        check_ins: Vec::new(),
        accepted: Vec::new(),
        declined: Vec::new(),
        reflections: Vec::new(),
        talk_tomorrow: false,
        talk_later: Vec::new(),
        stopped: false,
        step: Step::CheckIn,
    };
    put(vault, &session)?;
    Ok(session)
}

impl Session {
    /// Checks one person's check-in and makes its entry (shared only if they chose so).
    pub fn entry(&self, new: NewCheckIn, now_ms: u64) -> Result<CheckInEntry> {
        self.has(new.person)?;
        new.check_in.validate()?;
        if new.note.chars().count() > MAX_NOTE {
            return invalid(format!("A note is up to {MAX_NOTE} characters."));
        }
        Ok(CheckInEntry {
            person: new.person,
            at_ms: now_ms,
            stage: new.stage,
            check_in: new.check_in,
            note: new.note,
            shared: new.privacy == Privacy::Shared,
            held: None,
            withheld: false,
        })
    }

    /// Puts an entry in, replacing the same person's earlier one at the same stage.
    pub fn put_check_in(&mut self, entry: CheckInEntry) {
        self.check_ins
            .retain(|c| !(c.person == entry.person && c.stage == entry.stage));
        self.check_ins.push(entry);
    }

    /// Checks a reflection before it is kept anywhere.
    pub fn check_reflection(&self, reflection: &Reflection) -> Result<()> {
        self.has(reflection.person)?;
        for (what, t) in [
            ("What felt good", &reflection.felt_good),
            ("What to change", &reflection.change),
            ("The note", &reflection.uncomfortable_note),
            ("Appreciation", &reflection.appreciation),
        ] {
            t.check(what)?;
        }
        for (card, _) in &reflection.rituals {
            if !self.accepted.contains(card) {
                return invalid("Only rituals from this session can be rated here.");
            }
        }
        Ok(())
    }
}

/// Records one person's check-in in the session itself (replacing an earlier one at the
/// same stage): for answers the vault keeps, and for the markers of those it does not.
pub fn check_in(vault: &mut Vault, id: RecordId, entry: CheckInEntry) -> Result<Session> {
    let mut s = get(vault, id)?;
    s.has(entry.person)?;
    s.put_check_in(entry);
    put(vault, &s)?;
    Ok(s)
}

/// Moves the resume point on (the screens call it as they advance).
pub fn set_step(vault: &mut Vault, id: RecordId, step: Step) -> Result<Session> {
    let mut s = get(vault, id)?;
    s.live()?;
    s.step = step;
    put(vault, &s)?;
    Ok(s)
}

/// "We stopped": from now on the cards go gently, and the screens lead with Calm now. It
/// asks nothing and changes nothing else; a session that has ended cannot stop.
pub fn stop(vault: &mut Vault, id: RecordId) -> Result<Session> {
    let mut s = get(vault, id)?;
    s.live()?;
    s.stopped = true;
    s.step = Step::Cards;
    put(vault, &s)?;
    Ok(s)
}

/// What a request for cards names besides the session: the cards to leave out, the
/// categories on screen, how many, and, after a stop, the moments the person named (said
/// for this request only, never kept).
#[derive(Debug, Clone, Copy)]
pub struct More<'a> {
    pub exclude: &'a [String],
    pub shown: &'a [Category],
    pub count: usize,
    pub moments: &'a [Moment],
}

impl More<'static> {
    /// `count` cards, nothing left out, nothing named.
    pub fn count(count: usize) -> Self {
        Self {
            exclude: &[],
            shown: &[],
            count,
            moments: &[],
        }
    }
}

/// Suggestions for this session's people and their latest check-ins, with the plan it
/// started with first. Everything here was checked as the session was built.
pub fn suggest(
    vault: &Vault,
    id: RecordId,
    held: &[CheckInEntry],
    more: More<'_>,
) -> Result<Answer> {
    let More {
        exclude,
        shown,
        count,
        moments,
    } = more;
    ask::check_count(count)?;
    let s = get(vault, id)?;
    let plan = match s.plan {
        Some(plan) => vault.find(plan)?,
        None => None,
    };
    let request = Ask {
        people: s.present(held),
        context: s.context,
        intensity: s.intensity,
        stop: s.stopped.then(|| moments.to_vec()),
        minutes_available: s.minutes_available,
        exclude: s
            .accepted
            .iter()
            .chain(&s.declined)
            .chain(exclude)
            .cloned()
            .collect(),
        shown_categories: shown.to_vec(),
        seed: s.seed,
        count,
    };
    ask::answer(vault, &request, plan)
}

/// Accepts a card into the session's plan, or sets it aside ("not now").
pub fn choose(vault: &mut Vault, id: RecordId, card: &str, accept: bool) -> Result<Session> {
    let mut s = get(vault, id)?;
    crate::catalog::find(vault, card)?;
    s.accepted.retain(|c| c != card);
    s.declined.retain(|c| c != card);
    if accept {
        s.accepted.push(card.to_owned());
    } else {
        s.declined.push(card.to_owned());
    }
    put(vault, &s)?;
    Ok(s)
}

/// Saves one person's reflection (or the marker of one kept elsewhere), and feeds how each
/// ritual landed to the suggester, in one step. Works on ended sessions too ("let's talk
/// tomorrow"). Each answer is shared exactly as the reflection says.
pub fn reflect(
    vault: &mut Vault,
    id: RecordId,
    reflection: Reflection,
    now_ms: u64,
) -> Result<Session> {
    reflect_with(vault, id, reflection, now_ms, |_| Ok(()))
}

/// As [`reflect`], with `also` written in the same transaction (an answer sealed into a
/// person's space).
pub fn reflect_with(
    vault: &mut Vault,
    id: RecordId,
    mut reflection: Reflection,
    now_ms: u64,
    also: impl FnOnce(&mut Writer<'_>) -> crate::vault::Result<()>,
) -> Result<Session> {
    let mut s = get(vault, id)?;
    s.check_reflection(&reflection)?;
    reflection.at_ms = now_ms;
    let mut book = crate::feedback::book(vault, reflection.person)?;
    // Saving a reflection again replaces it: its earlier ratings come off first.
    if let Some(earlier) = s.reflections.iter().find(|r| r.person == reflection.person) {
        for (card, verdict) in &earlier.rituals {
            book.remove(card, *verdict);
        }
    }
    for (card, verdict) in &reflection.rituals {
        book.add(card, *verdict);
    }
    let person = reflection.person;
    s.reflections.retain(|r| r.person != person);
    s.reflections.push(reflection);
    vault.write(|w| {
        also(w)?;
        w.save(&s)?;
        w.save(&book)
    })?;
    Ok(s)
}

/// The session left open, to resume (the newest, if several).
pub fn open_session(vault: &Vault) -> Result<Option<Session>> {
    let mut open: Vec<Session> = vault
        .list::<Session>()?
        .into_iter()
        .filter(|s| s.ended_at_ms.is_none())
        .collect();
    open.sort_by_key(|s| s.started_at_ms);
    Ok(open.pop())
}

/// The timeline, newest first.
pub fn history(vault: &Vault) -> Result<Vec<Summary>> {
    let people = crate::profile::list(vault)?;
    let names = |id: RecordId| crate::profile::display_name(&people, id);
    let mut all: Vec<Summary> = vault
        .list::<Session>()?
        .iter()
        .map(|s| s.summary(&names))
        .collect();
    all.sort_by_key(|s| std::cmp::Reverse(s.started_at_ms));
    Ok(all)
}

#[cfg(test)]
mod tests;
