//! Reasons in plain words. Each signal that lifts a card leaves a [`Why`]; the same reason
//! for several people reads as one phrase ("quiet suits you both"), and a card shows its
//! two strongest.

use super::Request;
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

    /// The two strongest reasons as one sentence, or a gentle default.
    pub fn sentence(&self, item: &str, req: &Request<'_>) -> String {
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
