//! Suggestions for stored people: loads their profiles and feedback, the cards and a plan
//! from the vault, and hands the pure suggester typed values. A request is checked once, at
//! the door: [`Ask::validate`] for one made on the spot, while a session checked its own
//! people, moment and check-ins as it was built.

use std::collections::HashSet;

use crate::catalog::{Category, Context, Moment, Role};
use crate::checkin::CheckIn;
use crate::feedback::Book;
use crate::plan::Plan;
use crate::profile::Profile;
use crate::suggest::{self, Person, Request, Suggestion};
use crate::vault::{RecordId, Vault};
use crate::{Error, Result};

/// One person present: who, how they are (their latest check-in), their role in a scene,
/// and whether that check-in was private (it still steers, but no reason names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Present {
    pub person: RecordId,
    pub check_in: CheckIn,
    pub role: Option<Role>,
    pub private: bool,
}

/// Who is here, what kind of moment, and what to leave out.
#[derive(Debug, Clone)]
pub struct Ask {
    pub people: Vec<Present>,
    pub context: Context,
    /// 1 (gentle) to 5 (very intense).
    pub intensity: u8,
    /// The stop path, with the moments the person named (see [`suggest::Request::stop`]).
    pub stop: Option<Vec<Moment>>,
    pub minutes_available: Option<u16>,
    /// Cards already shown or set aside.
    pub exclude: Vec<String>,
    /// Categories already on screen, for "another one".
    pub shown_categories: Vec<Category>,
    /// The same seed gives the same cards.
    pub seed: u64,
    pub count: usize,
}

/// The cards, each with its reason, and the plan whose cards come first.
#[derive(Debug, Clone)]
pub struct Answer {
    pub plan: Option<Plan>,
    pub suggestions: Vec<Suggestion>,
}

/// One to five cards at a time.
pub fn check_count(count: usize) -> Result<()> {
    if (1..=5).contains(&count) {
        Ok(())
    } else {
        Err(Error::invalid("Ask for one to five cards."))
    }
}

impl Ask {
    /// Checks a request made on the spot (outside a session).
    pub fn validate(&self) -> Result<()> {
        if self.people.is_empty() || self.people.len() > 8 {
            return Err(Error::invalid("Choose between one and eight people."));
        }
        if !(1..=5).contains(&self.intensity) {
            return Err(Error::invalid("Intensity is from 1 to 5."));
        }
        check_count(self.count)?;
        if self
            .minutes_available
            .is_some_and(|m| !(1..=240).contains(&m))
        {
            return Err(Error::invalid("Time available is 1 to 240 minutes."));
        }
        let mut seen = HashSet::new();
        for p in &self.people {
            if !seen.insert(p.person) {
                return Err(Error::invalid("Each person is here once."));
            }
            p.check_in.validate()?;
        }
        Ok(())
    }
}

/// Suggestions outside a session: checks the request and finds the plan agreed for
/// exactly these people and this kind of moment.
pub fn for_people(vault: &Vault, ask: &Ask) -> Result<Answer> {
    ask.validate()?;
    let ids: Vec<RecordId> = ask.people.iter().map(|p| p.person).collect();
    let plan = crate::plan::matching(vault, &ids, ask.context)?;
    answer(vault, ask, plan)
}

/// Loads what the suggester needs for a valid request and asks it.
pub fn answer(vault: &Vault, ask: &Ask, plan: Option<Plan>) -> Result<Answer> {
    let profiles: Vec<Profile> = ask
        .people
        .iter()
        .map(|p| {
            vault
                .find::<Profile>(p.person)?
                .ok_or_else(|| Error::Unknown("That person is not in Tend.".into()))
        })
        .collect::<Result<_>>()?;
    let books: Vec<Book> = ask
        .people
        .iter()
        .map(|p| crate::feedback::book(vault, p.person))
        .collect::<Result<_>>()?;
    let cards = crate::catalog::all(vault)?;
    let request = Request {
        people: ask
            .people
            .iter()
            .zip(&profiles)
            .zip(&books)
            .map(|((p, profile), feedback)| Person {
                profile,
                check_in: &p.check_in,
                role: p.role,
                feedback,
                private: p.private,
            })
            .collect(),
        context: ask.context,
        intensity: ask.intensity,
        stop: ask.stop.as_deref(),
        minutes_available: ask.minutes_available,
        plan: plan.as_ref(),
        exclude: &ask.exclude,
        shown_categories: &ask.shown_categories,
        seed: ask.seed,
        count: ask.count,
    };
    let suggestions = suggest::suggest(&cards, &request);
    Ok(Answer { plan, suggestions })
}
