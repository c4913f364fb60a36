//! Reasons in plain words. Each signal that lifts a card leaves a [`Why`]; the same reason
//! for several people reads as one phrase ("quiet suits you both"), and a card shows its
//! two strongest.

use super::Request;
use crate::catalog::Category;
use crate::plan::Plan;

/// One reason a card scored: a phrase with `{who}` (and `{item}`) to fill in, who it is
/// about, and how much it weighed.
pub struct Why {
    template: &'static str,
    who: Vec<String>,
    weight: f32,
}

/// The reasons behind one card.
#[derive(Default)]
pub struct Whys(Vec<Why>);

impl Whys {
    /// Adds `weight` to the reason `template` for `who`, merging people with the same reason.
    pub fn add(&mut self, template: &'static str, who: String, weight: f32) {
        match self.0.iter_mut().find(|w| w.template == template) {
            Some(w) => {
                if !w.who.contains(&who) {
                    w.who.push(who);
                }
                w.weight += weight;
            }
            None => self.0.push(Why {
                template,
                who: vec![who],
                weight,
            }),
        }
    }

    /// The sentences this card could be offered with, best first: its two strongest
    /// reasons, then each alone, then what kind of care it is. The caller takes the first
    /// one no other card on screen already says, so three cards read three ways.
    pub fn sentences(&self, item: &str, category: Category, req: &Request<'_>) -> Vec<String> {
        let mut whys: Vec<&Why> = self.0.iter().filter(|w| w.weight > 0.0).collect();
        whys.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.template.cmp(b.template))
        });
        let phrases: Vec<String> = whys
            .iter()
            .take(2)
            .map(|w| {
                let who = who_text(&w.who, req.people.len());
                w.template.replace("{who}", &who).replace("{item}", item)
            })
            .collect();
        let mut out = Vec::new();
        if phrases.len() == 2 {
            out.push(sentence(&phrases.join("; ")));
        }
        out.extend(phrases.iter().map(|p| sentence(p)));
        out.push(kind_of_care(category).to_owned());
        out
    }
}

/// A phrase as a sentence: capital first, full stop last.
fn sentence(phrase: &str) -> String {
    let mut text = phrase.to_owned();
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text.push('.');
    text
}

/// What a card offers, when nothing more specific can be said.
pub fn kind_of_care(category: Category) -> &'static str {
    match category {
        Category::Touch => "Closeness, if it is welcome.",
        Category::Reassurance => "A few kind words can land softly now.",
        Category::Practical => "Looking after the body: the plain things count.",
        Category::Conversation => "A little talk, if you both want it.",
        Category::Regulation => "Something steadying for the nervous system.",
        Category::Solo => "A way to look after yourself.",
        Category::AfterScene => "Care that fits after a scene.",
    }
}

/// The reason a plan's card is offered.
pub fn from_plan(plan: &Plan) -> String {
    format!("From your plan \u{201c}{}\u{201d}.", plan.name)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn people_are_named_as_a_person_would_say_it() {
        assert_eq!(who_text(&names(&["you"]), 2), "you");
        assert_eq!(who_text(&names(&["you", "Sam"]), 2), "you both");
        assert_eq!(who_text(&names(&["Sam", "Alex"]), 2), "Sam and Alex");
        assert_eq!(who_text(&names(&["you", "Sam", "Alex"]), 3), "all of you");
        assert_eq!(who_text(&names(&["you", "Sam"]), 3), "you and Sam");
        assert_eq!(who_text(&names(&["a", "b", "c"]), 4), "a, b and c");
    }

    #[test]
    fn the_same_reason_for_two_people_merges_and_weighs_more() {
        let mut w = Whys::default();
        w.add("quiet suits {who}", "you".into(), 0.2);
        w.add("quiet suits {who}", "Sam".into(), 0.2);
        w.add("quiet suits {who}", "Sam".into(), 0.1);
        assert_eq!(w.0.len(), 1);
        assert_eq!(w.0[0].who, names(&["you", "Sam"]));
        assert!((w.0[0].weight - 0.5).abs() < 1e-6);
    }
}
