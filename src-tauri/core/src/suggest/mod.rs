//! The suggester: the right few cards for these people, now, each with a reason.
//!
//! Pure and deterministic: it reads no vault and no clock, and the same request and seed
//! give the same cards (loading lives in `ask.rs`). Three steps, as PRODUCT.md sets out:
//! hard rules remove what must never be offered (`rules`); a score weighs each person's
//! profile, their feelings now, the kind of moment, their past feedback and the pace of
//! whoever needs more space (`score`, one function per signal); then a spread takes the
//! best cards from different categories. A plan's cards come first. Each card carries the
//! strongest reasons behind it in plain words (`reasons`), never a private answer.

mod reasons;
mod rules;
mod score;

use serde::Serialize;

use crate::catalog::{Card, Category, Context, Moment, Role};
use crate::checkin::CheckIn;
use crate::feedback::Book;
use crate::plan::Plan;
use crate::profile::Profile;

pub use rules::allowed;

/// One person present.
pub struct Person<'a> {
    pub profile: &'a Profile,
    pub check_in: &'a CheckIn,
    pub role: Option<Role>,
    pub feedback: &'a Book,
    /// The check-in was private: it still steers the choice, but no reason mentions it.
    pub private: bool,
}

impl Person<'_> {
    /// How a reason names this person.
    fn who(&self) -> String {
        if self.profile.is_me {
            "you".to_owned()
        } else {
            self.profile.name.clone()
        }
    }

    /// Space asked for now, or preferred in general.
    fn space_first(&self) -> bool {
        self.check_in.wants_space() || self.profile.closeness.is_some_and(|c| c <= -1)
    }
}

impl Request<'_> {
    /// Whether anyone here asked for closeness just now.
    fn closeness_asked(&self) -> bool {
        self.people
            .iter()
            .any(|p| p.check_in.need == Some(crate::checkin::NeedNow::Closeness))
    }
}

pub struct Request<'a> {
    pub people: Vec<Person<'a>>,
    pub context: Context,
    /// 1 (gentle) to 5 (very intense).
    pub intensity: u8,
    /// The stop path: something did not feel OK, and the moments the person named (none
    /// is fine). Gentle cards without touch come first, unless someone asks for closeness.
    pub stop: Option<&'a [Moment]>,
    pub minutes_available: Option<u16>,
    pub plan: Option<&'a Plan>,
    /// Cards already shown or declined this session.
    pub exclude: &'a [String],
    /// Categories already on screen, for "another one".
    pub shown_categories: &'a [Category],
    pub seed: u64,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub card: Card,
    pub reason: String,
    pub score: f32,
}

/// The best `req.count` cards for this request, each with its reason.
pub fn suggest(cards: &[Card], req: &Request<'_>) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::with_capacity(req.count);
    // A matching plan's cards come first, in the agreed order.
    if let Some(plan) = req.plan {
        for id in &plan.cards {
            if out.len() == req.count {
                return out;
            }
            if let Some(card) = cards.iter().find(|c| &c.id == id && allowed(c, req)) {
                out.push(Suggestion {
                    card: card.clone(),
                    reason: reasons::from_plan(plan),
                    score: f32::INFINITY,
                });
            }
        }
    }
    let mut scored: Vec<score::Scored<'_>> = cards
        .iter()
        .filter(|c| allowed(c, req) && !out.iter().any(|s| s.card.id == c.id))
        .map(|c| score::score(c, req))
        .collect();
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.tiebreak.cmp(&b.tiebreak))
            .then_with(|| a.card.id.cmp(&b.card.id))
    });
    // Spread: different categories first (also from the cards already on screen).
    let mut used: Vec<Category> = req.shown_categories.to_vec();
    used.extend(out.iter().map(|s| s.card.category));
    let mut taken = vec![false; scored.len()];
    for (i, sc) in scored.iter().enumerate() {
        if out.len() == req.count {
            break;
        }
        if !used.contains(&sc.card.category) {
            used.push(sc.card.category);
            taken[i] = true;
            let next = sc.suggestion(req, &out);
            out.push(next);
        }
    }
    for (i, sc) in scored.iter().enumerate() {
        if out.len() == req.count {
            break;
        }
        if !taken[i] {
            let next = sc.suggestion(req, &out);
            out.push(next);
        }
    }
    out
}

#[cfg(test)]
mod tests;
