//! The suggester: the right few cards for these people, now, each with a reason.
//!
//! Pure and deterministic: the same request and seed give the same cards. Three steps, as
//! PRODUCT.md sets out: hard rules remove what must never be offered; a score weighs each
//! person's profile, their feelings now, the kind of moment, their past feedback and
//! trauma-sensitive mode (the person who needs more space sets the pace); then a spread
//! takes the best cards from different categories. A plan's cards come first.

use serde::{Deserialize, Serialize};

use crate::catalog::{Card, Category, Context, Role, Talk, Touch};
use crate::feedback::Book;
use crate::feelings::{self, Mood};
use crate::plan::Plan;
use crate::profile::Profile;

/// What a person needs right now, if they said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedNow {
    Space,
    Closeness,
}

/// "How are you feeling right now?"
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckIn {
    pub feelings: Vec<String>,
    pub need: Option<NeedNow>,
    pub no_touch: bool,
}

impl CheckIn {
    /// Unknown feeling words are refused, so the suggester only sees the grid's words.
    pub fn validate(&self) -> crate::vault::Result<()> {
        use crate::vault::VaultError;
        if self.feelings.len() > 8 {
            return Err(VaultError::Invalid("Choose up to eight feelings.".into()));
        }
        match self.feelings.iter().find(|w| feelings::find(w).is_none()) {
            Some(w) => Err(VaultError::Invalid(format!(
                "{w:?} is not one of the feeling words."
            ))),
            None => Ok(()),
        }
    }

    fn mood(&self) -> Mood {
        let words: Vec<_> = self
            .feelings
            .iter()
            .filter_map(|w| feelings::find(w))
            .collect();
        feelings::mood(&words)
    }

    fn wants_space(&self) -> bool {
        self.need == Some(NeedNow::Space)
    }
}

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

pub struct Request<'a> {
    pub people: Vec<Person<'a>>,
    pub context: Context,
    /// 1 (gentle) to 5 (very intense).
    pub intensity: u8,
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

/// Whether any hard rule rules the card out for this request.
pub fn allowed(card: &Card, req: &Request<'_>) -> bool {
    if !card.fits(req.context) || req.exclude.contains(&card.id) {
        return false;
    }
    if req.plan.is_some_and(|p| p.avoid.contains(&card.id)) {
        return false;
    }
    let solo = req.context == Context::Solo || req.people.len() < 2;
    if solo && card.needs_partner {
        return false;
    }
    if req.minutes_available.is_some_and(|m| card.minutes > m) {
        return false;
    }
    if req.context == Context::Scene {
        let roles: Vec<Role> = req.people.iter().filter_map(|p| p.role).collect();
        if !roles.is_empty() && !roles.iter().any(|r| card.roles.contains(r)) {
            return false;
        }
    }
    req.people.iter().all(|p| {
        let no_touch_now = p.check_in.no_touch || p.check_in.wants_space();
        !(p.profile.forbids(card) || (no_touch_now && card.touch > Touch::None))
    })
}

/// One reason a card scored, kept so that the same reason for several people reads as
/// one phrase ("quiet suits you both").
struct Why {
    template: &'static str,
    who: Vec<String>,
    weight: f32,
}

struct Scored<'c> {
    card: &'c Card,
    score: f32,
    whys: Vec<Why>,
    tiebreak: u64,
}

fn add(whys: &mut Vec<Why>, template: &'static str, who: String, weight: f32) {
    match whys.iter_mut().find(|w| w.template == template) {
        Some(w) => {
            if !w.who.contains(&who) {
                w.who.push(who);
            }
            w.weight += weight;
        }
        None => whys.push(Why {
            template,
            who: vec![who],
            weight,
        }),
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

fn score<'c>(card: &'c Card, req: &Request<'_>) -> Scored<'c> {
    let mut s = 0.0f32;
    let mut whys = Vec::new();
    let touch = card.touch > Touch::None;
    let intense =
        req.context == Context::Scene || req.context == Context::Intense || req.intensity >= 4;
    let pace_setter = req.people.iter().find(|p| p.space_first());
    // Name who sets the pace only when nobody's private check-in is what says so.
    let pace_named =
        pace_setter.filter(|p| !p.private || p.profile.closeness.is_some_and(|c| c <= -1));

    for p in &req.people {
        let who = p.who();
        let prof = p.profile;
        // Profile fit.
        if let Some(c) = prof.closeness {
            let c = f32::from(c);
            if touch {
                s += 0.15 * c;
                if c >= 1.0 {
                    add(&mut whys, "closeness suits {who}", who.clone(), 0.15 * c);
                }
            } else if c <= -1.0 {
                s += 0.1 * -c;
                add(
                    &mut whys,
                    "a little space suits {who}",
                    who.clone(),
                    0.1 * -c,
                );
            }
        }
        if let Some(t) = prof.talk {
            let fit = f32::from(t) * talk_level(card.talk);
            s += 0.15 * fit;
            if fit >= 1.0 {
                let template = if t < 0 {
                    "quiet suits {who}"
                } else {
                    "talking it through suits {who}"
                };
                add(&mut whys, template, who.clone(), 0.15 * fit);
            }
        }
        for need in &prof.needs {
            if card.items.iter().any(|i| i == need.item()) {
                s += 0.4;
                add(
                    &mut whys,
                    "{who} asked for {item} afterwards",
                    who.clone(),
                    0.4,
                );
            }
        }
        if prof.favourites.contains(&card.id) {
            s += 0.6;
            add(&mut whys, "a favourite of {who}", who.clone(), 0.6);
        }
        // Right now. A private check-in still counts, but its reasons stay unsaid.
        let mut now_whys = Vec::new();
        let whys_now = if p.private { &mut now_whys } else { &mut whys };
        match p.check_in.need {
            Some(NeedNow::Closeness) if touch => {
                s += 0.4;
                add(whys_now, "{who} asked for closeness", who.clone(), 0.4);
            }
            Some(NeedNow::Closeness) if card.category == Category::Reassurance => s += 0.2,
            Some(NeedNow::Space) if !card.needs_partner || card.talk == Talk::Quiet => {
                s += 0.3;
                add(whys_now, "{who} asked for space", who.clone(), 0.3);
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
                s += w;
                if w >= 0.5 {
                    add(
                        whys_now,
                        "{who} felt overwhelmed; something quiet and steady may help",
                        who.clone(),
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
                s += w;
                if w >= 0.5 {
                    add(
                        whys_now,
                        "{who} felt tender; comfort may help",
                        who.clone(),
                        w,
                    );
                }
            }
            Mood::Numb => {
                let grounding = card.category == Category::Regulation && !touch;
                if grounding {
                    s += 0.7;
                    add(
                        whys_now,
                        "{who} felt a little far away; gentle grounding can help",
                        who.clone(),
                        0.7,
                    );
                }
            }
            Mood::Good => {
                if matches!(
                    card.category,
                    Category::Conversation | Category::Touch | Category::Reassurance
                ) {
                    s += 0.25;
                    add(
                        whys_now,
                        "{who} felt good; a way to savour it",
                        who.clone(),
                        0.25,
                    );
                }
            }
            Mood::Neutral => {}
        }
        // The kind of moment and each person's role.
        if intense {
            let scale = f32::from(req.intensity.clamp(1, 5)) / 5.0;
            match card.category {
                Category::AfterScene if req.context == Context::Scene => {
                    let w = 0.6 * scale + 0.2;
                    s += w;
                    if p.role == Some(Role::Top) && card.roles.contains(&Role::Top) {
                        add(
                            &mut whys,
                            "tops can drop too; this is for {who}",
                            who.clone(),
                            w + 0.2,
                        );
                        s += 0.2;
                    } else {
                        add(
                            &mut whys,
                            "after a scene, care matters for {who}",
                            who.clone(),
                            w,
                        );
                    }
                }
                Category::Practical => {
                    s += 0.3 * scale;
                    add(
                        &mut whys,
                        "after something intense, the basics matter",
                        who.clone(),
                        0.3 * scale,
                    );
                }
                _ => {}
            }
        }
        if let Some(role) = p.role {
            if req.context == Context::Scene && card.roles.contains(&role) {
                s += 0.15;
            }
        }
        // Past feedback: a Beta mean around 0.5; several "not for me" push hard.
        let counts = p.feedback.counts(&card.id);
        if counts.total() > 0 {
            let delta = (counts.mean() - 0.5) * 2.4;
            s += delta;
            if counts.not_for_me >= 2 && counts.helped == 0 {
                s -= 1.5;
            }
            if counts.helped > 0 && delta > 0.2 {
                add(&mut whys, "this helped {who} before", who.clone(), delta);
            }
        }
        // Trauma-sensitive mode: predictable cards, the same ones each time.
        if prof.trauma_sensitive {
            if card.predictable {
                s += 0.5;
                add(
                    &mut whys,
                    "calm and predictable, for {who}",
                    who.clone(),
                    0.5,
                );
            } else {
                s -= 1.2;
            }
        }
    }
    // The person who needs more space sets the pace.
    if let Some(p) = pace_setter {
        if req.people.len() > 1 {
            if card.touch == Touch::Full {
                s -= 0.5;
            }
            if card.talk == Talk::Deep {
                s -= 0.3;
            }
            if card.touch == Touch::None && card.talk != Talk::Deep {
                match pace_named {
                    Some(named) => add(&mut whys, "going at the pace of {who}", named.who(), 0.15),
                    None => add(
                        &mut whys,
                        "going at the pace of whoever needs more space",
                        p.who(),
                        0.15,
                    ),
                }
            }
        }
    }
    if req.context == Context::Solo && card.category == Category::Solo {
        s += 0.3;
        add(&mut whys, "made for time on your own", "you".into(), 0.1);
    }
    // Variety between sessions, except when someone wants predictability: then even ties
    // break the same way every time.
    let predictable = req.people.iter().any(|p| p.profile.trauma_sensitive);
    let tiebreak = hash(if predictable { 0 } else { req.seed }, &card.id);
    if !predictable {
        s += (tiebreak % 1000) as f32 / 1000.0 * 0.3;
    }
    Scored {
        card,
        score: s,
        whys,
        tiebreak,
    }
}

/// "you", "Sam", "you and Sam", "you both", "all of you".
fn who_text(who: &[String], everyone: usize) -> String {
    match who {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] if everyone == 2 => {
            if a == "you" || b == "you" {
                "you both".into()
            } else {
                format!("{a} and {b}")
            }
        }
        many if many.len() == everyone => "all of you".into(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn reason(scored: &Scored<'_>, req: &Request<'_>) -> String {
    let mut whys: Vec<&Why> = scored.whys.iter().filter(|w| w.weight > 0.0).collect();
    whys.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.template.cmp(b.template))
    });
    let item = scored.card.items.first().map_or("this", String::as_str);
    let phrases: Vec<String> = whys
        .iter()
        .take(2)
        .map(|w| {
            let who = who_text(&w.who, req.people.len());
            w.template.replace("{who}", &who).replace("{item}", item)
        })
        .collect();
    if phrases.is_empty() {
        return "A gentle fit for this moment.".into();
    }
    let mut text = phrases.join("; ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text.push('.');
    text
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
                    reason: format!("From your plan \u{201c}{}\u{201d}.", plan.name),
                    score: f32::INFINITY,
                });
            }
        }
    }
    let mut scored: Vec<Scored<'_>> = cards
        .iter()
        .filter(|c| allowed(c, req) && !out.iter().any(|s| s.card.id == c.id))
        .map(|c| score(c, req))
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
            out.push(Suggestion {
                card: sc.card.clone(),
                reason: reason(sc, req),
                score: sc.score,
            });
        }
    }
    for (i, sc) in scored.iter().enumerate() {
        if out.len() == req.count {
            break;
        }
        if !taken[i] {
            out.push(Suggestion {
                card: sc.card.clone(),
                reason: reason(sc, req),
                score: sc.score,
            });
        }
    }
    out
}

/// One person in a stored suggestion request: their profile id, check-in and role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AskPerson {
    pub id: String,
    #[serde(default)]
    pub check_in: CheckIn,
    #[serde(default)]
    pub role: Option<Role>,
    /// A private check-in: no reason may mention it.
    #[serde(default)]
    pub private: bool,
}

/// A request as the UI sends it: who (by profile id), what kind of moment, what to skip.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Ask {
    pub people: Vec<AskPerson>,
    pub context: Context,
    pub intensity: u8,
    #[serde(default)]
    pub minutes_available: Option<u16>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub shown_categories: Vec<Category>,
    /// The session's seed: the same seed gives the same cards.
    pub seed: u64,
    #[serde(default = "three")]
    pub count: usize,
}

fn three() -> usize {
    3
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The matching plan, if there is one (its cards come first).
    pub plan: Option<Plan>,
    pub suggestions: Vec<Suggestion>,
}

/// Suggestions for stored people: loads their profiles, feedback and custom cards, finds
/// a matching plan, and refuses a malformed request with a clear error.
pub fn for_stored(vault: &crate::vault::Vault, ask: &Ask) -> crate::vault::Result<Answer> {
    use crate::vault::VaultError;
    let invalid = |m: String| Err(VaultError::Invalid(m));
    if ask.people.is_empty() || ask.people.len() > 8 {
        return invalid("Choose between one and eight people.".into());
    }
    if !(1..=5).contains(&ask.intensity) {
        return invalid("Intensity is from 1 to 5.".into());
    }
    if !(1..=5).contains(&ask.count) {
        return invalid("Ask for one to five cards.".into());
    }
    if ask
        .minutes_available
        .is_some_and(|m| !(1..=240).contains(&m))
    {
        return invalid("Time available is 1 to 240 minutes.".into());
    }
    let mut seen = std::collections::HashSet::new();
    for p in &ask.people {
        if !seen.insert(&p.id) {
            return invalid("Each person is here once.".into());
        }
        p.check_in.validate()?;
    }
    let profiles: Vec<Profile> = ask
        .people
        .iter()
        .map(|p| crate::profile::get(vault, &p.id))
        .collect::<crate::vault::Result<_>>()?;
    let books: Vec<Book> = ask
        .people
        .iter()
        .map(|p| crate::feedback::book(vault, &p.id))
        .collect::<crate::vault::Result<_>>()?;
    let cards = crate::catalog::all(vault)?;
    let ids: Vec<String> = ask.people.iter().map(|p| p.id.clone()).collect();
    let plan = crate::plan::list(vault)?
        .into_iter()
        .find(|p| p.matches(&ids, ask.context));
    let req = Request {
        people: ask
            .people
            .iter()
            .zip(&profiles)
            .zip(&books)
            .map(|((a, profile), feedback)| Person {
                profile,
                check_in: &a.check_in,
                role: a.role,
                feedback,
                private: a.private,
            })
            .collect(),
        context: ask.context,
        intensity: ask.intensity,
        minutes_available: ask.minutes_available,
        plan: plan.as_ref(),
        exclude: &ask.exclude,
        shown_categories: &ask.shown_categories,
        seed: ask.seed,
        count: ask.count,
    };
    let suggestions = suggest(&cards, &req);
    Ok(Answer { plan, suggestions })
}

#[cfg(test)]
mod tests;
