//! The score: one function per signal, each adding to a card's [`Tally`] and saying why.
//! For each person: their profile, how they are now, the kind of moment and their role,
//! and how the card landed for them before; then, for everyone, the pace of whoever needs
//! more space, time alone, and a little seeded variety.

use super::reasons::Whys;
use super::{Person, Request, Suggestion};
use crate::catalog::{Card, Category, Context, Energy, Role, Talk, Touch};
use crate::checkin::{Body, NeedNow};
use crate::feelings::Mood;

/// A card's score so far and the reasons behind it.
#[derive(Default)]
struct Tally {
    score: f32,
    whys: Whys,
}

pub struct Scored<'c> {
    pub card: &'c Card,
    pub score: f32,
    pub tiebreak: u64,
    whys: Whys,
}

impl Scored<'_> {
    /// The card with the most specific reason that none of `taken` already gives.
    pub fn suggestion(&self, req: &Request<'_>, taken: &[Suggestion]) -> Suggestion {
        let item = self.card.items.first().map_or("this", String::as_str);
        let options = self.whys.sentences(item, self.card.category, req);
        let reason = options
            .iter()
            .find(|r| !taken.iter().any(|s| &s.reason == *r))
            .unwrap_or(&options[0])
            .clone();
        Suggestion {
            card: self.card.clone(),
            reason,
            score: self.score,
        }
    }
}

pub fn score<'c>(card: &'c Card, req: &Request<'_>) -> Scored<'c> {
    let mut t = Tally::default();
    for p in &req.people {
        profile(p, card, &mut t);
        now(p, card, req, &mut t);
        moment(p, card, req, &mut t);
        feedback(p, card, &mut t);
        trauma_sensitive(p, card, &mut t);
    }
    pace(card, req, &mut t);
    solo(card, req, &mut t);
    stopped(card, req, &mut t);
    // Variety between sessions, except when someone wants predictability: then even ties
    // break the same way every time.
    let predictable = req.people.iter().any(|p| p.profile.trauma_sensitive);
    let tiebreak = hash(if predictable { 0 } else { req.seed }, &card.id);
    if !predictable {
        t.score += (tiebreak % 1000) as f32 / 1000.0 * 0.3;
    }
    Scored {
        card,
        score: t.score,
        tiebreak,
        whys: t.whys,
    }
}

/// Fit with what the person said in their profile: closeness or space, talk or quiet, the
/// practical things they like to have, and their favourites.
fn profile(p: &Person<'_>, card: &Card, t: &mut Tally) {
    let who = p.who();
    let prof = p.profile;
    let touch = card.touch > Touch::None;
    if let Some(c) = prof.closeness {
        let c = f32::from(c);
        if touch {
            t.score += 0.15 * c;
            if c >= 1.0 {
                t.whys.add("closeness suits {who}", who.clone(), 0.15 * c);
            }
        } else if c <= -1.0 {
            t.score += 0.1 * -c;
            t.whys
                .add("a little space suits {who}", who.clone(), 0.1 * -c);
        }
    }
    if let Some(talk) = prof.talk {
        let fit = f32::from(talk) * talk_level(card.talk);
        t.score += 0.15 * fit;
        if fit >= 1.0 {
            let template = if talk < 0 {
                "quiet suits {who}"
            } else {
                "talking it through suits {who}"
            };
            t.whys.add(template, who.clone(), 0.15 * fit);
        }
    }
    for need in &prof.needs {
        if card.items.iter().any(|i| i == need.item()) {
            t.score += 0.4;
            t.whys
                .add("{who} asked for {item} afterwards", who.clone(), 0.4);
        }
    }
    if prof.favourites.contains(&card.id) {
        t.score += 0.6;
        t.whys.add("a favourite of {who}", who, 0.6);
    }
}

/// How the person is right now: a need they named, and the mood their words point to.
/// A private check-in still counts, but its reasons stay unsaid. After a stop, feeling
/// good lifts nothing: it is no moment to celebrate on anyone's behalf.
fn now(p: &Person<'_>, card: &Card, req: &Request<'_>, t: &mut Tally) {
    let who = p.who();
    let touch = card.touch > Touch::None;
    let mut unsaid = Whys::default();
    let whys = if p.private { &mut unsaid } else { &mut t.whys };
    match p.check_in.need {
        Some(NeedNow::Closeness) if touch => {
            t.score += 0.4;
            whys.add("{who} asked for closeness", who.clone(), 0.4);
        }
        Some(NeedNow::Closeness) if card.category == Category::Reassurance => t.score += 0.2,
        Some(NeedNow::Space) if !card.needs_partner || card.talk == Talk::Quiet => {
            t.score += 0.3;
            whys.add("{who} asked for space", who.clone(), 0.3);
        }
        _ => {}
    }
    match p.check_in.mood() {
        Mood::Overwhelmed => {
            let w = match (card.category, card.talk) {
                (Category::Regulation, Talk::Quiet) => 0.8,
                (Category::Regulation, _) => 0.5,
                (_, Talk::Quiet) => 0.2,
                _ => 0.0,
            };
            t.score += w;
            if w >= 0.5 {
                whys.add(
                    "{who} felt overwhelmed; something quiet and steady may help",
                    who,
                    w,
                );
            }
        }
        Mood::Tender => {
            let mut w = if card.category == Category::Reassurance {
                0.5
            } else {
                0.0
            };
            if touch && !p.space_first() {
                w += 0.3;
            }
            t.score += w;
            if w >= 0.5 {
                whys.add("{who} felt tender; comfort may help", who, w);
            }
        }
        Mood::Hard => {
            let w = match (card.category, card.talk) {
                (Category::Reassurance | Category::Regulation, Talk::Quiet | Talk::Some)
                    if !touch =>
                {
                    0.6
                }
                (_, Talk::Quiet) if !touch => 0.2,
                _ => 0.0,
            };
            t.score += w;
            if w >= 0.5 {
                whys.add(
                    "{who} named something hard; gentle, unhurried care first",
                    who.clone(),
                    w,
                );
            }
        }
        Mood::Numb => {
            if card.category == Category::Regulation && !touch {
                t.score += 0.7;
                whys.add(
                    "{who} felt a little far away; gentle grounding can help",
                    who,
                    0.7,
                );
            }
        }
        Mood::Good if req.stop.is_some() => {}
        Mood::Good => {
            let template = match card.category {
                Category::Conversation => {
                    Some("{who} felt good; putting it into words can keep it")
                }
                Category::Touch => Some("{who} felt good; staying close is one way to savour it"),
                Category::Reassurance => Some("{who} felt good; saying so out loud can add to it"),
                _ => None,
            };
            if let Some(template) = template {
                t.score += 0.25;
                whys.add(template, who, 0.25);
            }
        }
        Mood::Neutral => {}
    }
    body(p, card, whys, &mut t.score);
}

/// The body check: what a card offers for it comes up, and pain or the bathroom put
/// practical care first.
fn body(p: &Person<'_>, card: &Card, whys: &mut Whys, score: &mut f32) {
    let who = p.who();
    for part in &p.check_in.body {
        if let Some(item) = part.item() {
            if card.items.iter().any(|i| i == item) {
                *score += 0.6;
                let template = match part {
                    Body::Cold => "{who} felt cold; warmth first",
                    Body::Thirsty => "{who} felt thirsty; water first",
                    _ => "{who} felt hungry; something to eat first",
                };
                whys.add(template, who.clone(), 0.6);
            }
        }
        match part {
            Body::Pain if card.category == Category::Practical => {
                *score += 0.4;
                whys.add(
                    "{who} felt pain; looking after the body first",
                    who.clone(),
                    0.4,
                );
            }
            Body::Bathroom if card.category == Category::Practical => *score += 0.2,
            Body::Tired if card.energy == Energy::Low => *score += 0.2,
            _ => {}
        }
    }
}

/// The kind of moment and the person's role: after a scene or something intense, the
/// basics and after-scene care matter, and tops can drop too.
fn moment(p: &Person<'_>, card: &Card, req: &Request<'_>, t: &mut Tally) {
    let who = p.who();
    let intense =
        req.context == Context::Scene || req.context == Context::Intense || req.intensity >= 4;
    if intense {
        let scale = f32::from(req.intensity.clamp(1, 5)) / 5.0;
        match card.category {
            Category::AfterScene if req.context == Context::Scene => {
                let w = 0.6 * scale + 0.2;
                t.score += w;
                if p.role == Some(Role::Top) && card.roles.contains(&Role::Top) {
                    t.whys
                        .add("tops can drop too; this is for {who}", who, w + 0.2);
                    t.score += 0.2;
                } else {
                    t.whys.add("after a scene, care matters for {who}", who, w);
                }
            }
            Category::Practical => {
                t.score += 0.3 * scale;
                t.whys.add(
                    "after something intense, the basics matter",
                    who,
                    0.3 * scale,
                );
            }
            _ => {}
        }
    }
    if let Some(role) = p.role {
        if req.context == Context::Scene && card.roles.contains(&role) {
            t.score += 0.15;
        }
    }
}

/// How the card landed for this person before: a Beta mean around 0.5; several "not for
/// me" with no "helped" push it well down.
fn feedback(p: &Person<'_>, card: &Card, t: &mut Tally) {
    let counts = p.feedback.counts(&card.id);
    if counts.total() == 0 {
        return;
    }
    let delta = (counts.mean() - 0.5) * 2.4;
    t.score += delta;
    if counts.not_for_me >= 2 && counts.helped == 0 {
        t.score -= 1.5;
    }
    if counts.helped > 0 && delta > 0.2 {
        t.whys.add("this helped {who} before", p.who(), delta);
    }
}

/// Trauma-sensitive mode: predictable cards up, the rest well down.
fn trauma_sensitive(p: &Person<'_>, card: &Card, t: &mut Tally) {
    if !p.profile.trauma_sensitive {
        return;
    }
    if card.predictable {
        t.score += 0.5;
        t.whys.add("calm and predictable, for {who}", p.who(), 0.5);
    } else {
        t.score -= 1.2;
    }
}

/// When partners differ, the person who needs more space sets the pace: less full touch
/// and deep talk for everyone. The reason is given only when no private check-in is what
/// says so: even unnamed, "whoever needs more space" would tell the others who answered it.
fn pace(card: &Card, req: &Request<'_>, t: &mut Tally) {
    if req.people.len() < 2 {
        return;
    }
    let Some(setter) = req.people.iter().find(|p| p.space_first()) else {
        return;
    };
    if card.touch == Touch::Full {
        t.score -= 0.5;
    }
    if card.talk == Talk::Deep {
        t.score -= 0.3;
    }
    if card.touch == Touch::None && card.talk != Talk::Deep {
        let said = !setter.private || setter.profile.closeness.is_some_and(|c| c <= -1);
        if said {
            t.whys.add("going at the pace of {who}", setter.who(), 0.15);
        }
    }
}

/// Time alone: cards made for it come up.
fn solo(card: &Card, req: &Request<'_>, t: &mut Tally) {
    if req.context == Context::Solo && card.category == Category::Solo {
        t.score += 0.3;
        t.whys.add("made for time on your own", "you".into(), 0.1);
    }
}

/// The stop path: a card written for what happened leads; then slow, quiet care without
/// touch, practical care and kind words; deep talk and lively cards wait.
fn stopped(card: &Card, req: &Request<'_>, t: &mut Tally) {
    if req.stop.is_none() {
        return;
    }
    if card.moment.is_some() {
        t.score += 2.0;
        t.whys
            .add("written for a moment like this one", "you".into(), 2.0);
        return;
    }
    let w = match (card.category, card.touch, card.talk) {
        (Category::Regulation, Touch::None, Talk::Quiet) => 0.8,
        (Category::Regulation | Category::Practical, Touch::None, _) => 0.5,
        (Category::Reassurance, Touch::None, _) => 0.4,
        _ => 0.0,
    };
    t.score += w;
    if w > 0.0 {
        t.whys
            .add("after a stop, slow and gentle care first", "you".into(), w);
    }
    if card.talk == Talk::Deep {
        t.score -= 1.0;
    }
    if card.energy == Energy::High {
        t.score -= 0.8;
    }
}

fn talk_level(t: Talk) -> f32 {
    match t {
        Talk::Quiet => -1.0,
        Talk::Some => 0.0,
        Talk::Deep => 1.0,
    }
}

/// FNV-1a over the seed and the card id: a stable, cheap tiebreak and variety source.
fn hash(seed: u64, id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.to_le_bytes().iter().chain(id.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
