use super::*;
use crate::catalog::{builtin, Energy, Moment, Talk, Touch};
use crate::checkin::{Body, NeedNow};
use crate::feedback::Verdict;
use crate::profile::{HardLimits, Need};
use crate::vault::RecordId;
use proptest::prelude::*;

fn person(name: &str) -> Profile {
    Profile {
        id: id(name.len() as u8),
        name: name.into(),
        ..Default::default()
    }
}

/// A stable id for a test person.
fn id(n: u8) -> RecordId {
    RecordId::from_bytes([n; 16])
}

fn me() -> Profile {
    Profile {
        is_me: true,
        ..person("Me")
    }
}

#[derive(Debug)]
struct Who {
    profile: Profile,
    check_in: CheckIn,
    role: Option<Role>,
    feedback: Book,
}

impl Who {
    fn new(profile: Profile) -> Self {
        Self {
            profile,
            check_in: CheckIn::default(),
            role: None,
            feedback: Book::default(),
        }
    }
    fn feeling(mut self, words: &[&str]) -> Self {
        self.check_in.feelings = words.iter().map(|w| (*w).to_owned()).collect();
        self
    }
    fn role(mut self, role: Role) -> Self {
        self.role = Some(role);
        self
    }
    fn person(&self) -> Person<'_> {
        Person {
            profile: &self.profile,
            check_in: &self.check_in,
            role: self.role,
            feedback: &self.feedback,
            private: false,
        }
    }
}

fn ask(
    cards: &[Card],
    who: &[&Who],
    context: Context,
    intensity: u8,
    seed: u64,
) -> Vec<Suggestion> {
    ask_after(cards, who, context, intensity, None, seed)
}

/// As [`ask`], on the stop path when `stop` names what happened (`Some(&[])`: nothing said).
fn ask_after(
    cards: &[Card],
    who: &[&Who],
    context: Context,
    intensity: u8,
    stop: Option<&[Moment]>,
    seed: u64,
) -> Vec<Suggestion> {
    let req = Request {
        people: who.iter().map(|w| w.person()).collect(),
        context,
        intensity,
        stop,
        minutes_available: None,
        plan: None,
        exclude: &[],
        shown_categories: &[],
        seed,
        count: 3,
    };
    suggest(cards, &req)
}

/// A gentle, everyday moment for `people`, with a fixed seed: what most weight tests need.
fn tender(people: Vec<Person<'_>>) -> Request<'_> {
    Request {
        people,
        context: Context::Tender,
        intensity: 2,
        stop: None,
        minutes_available: None,
        plan: None,
        exclude: &[],
        shown_categories: &[],
        seed: 1,
        count: 3,
    }
}

fn ids(s: &[Suggestion]) -> Vec<String> {
    s.iter().map(|s| s.card.id.clone()).collect()
}

#[test]
fn a_solo_session_never_gets_cards_that_need_a_partner() {
    let alone = Who::new(me()).feeling(&["sad"]);
    for seed in 0..200 {
        let got = ask(builtin(), &[&alone], Context::Solo, 3, seed);
        assert_eq!(got.len(), 3);
        assert!(
            got.iter()
                .all(|s| !s.card.needs_partner && s.card.fits(Context::Solo)),
            "seed {seed}: {:?}",
            ids(&got)
        );
    }
}

#[test]
fn no_touch_right_now_gets_no_touch_cards_for_anyone() {
    let mut sam = Who::new(person("Sam")).feeling(&["overwhelmed"]);
    sam.check_in.no_touch = true;
    let alex = Who::new(person("Alex")).feeling(&["tender"]);
    for seed in 0..200 {
        let got = ask(builtin(), &[&sam, &alex], Context::Tender, 3, seed);
        assert!(
            got.iter().all(|s| s.card.touch == Touch::None),
            "seed {seed}: {:?}",
            ids(&got)
        );
    }
}

#[test]
fn asking_for_space_also_rules_out_touch_and_sets_the_pace() {
    let mut sam = Who::new(person("Sam"));
    sam.check_in.need = Some(NeedNow::Space);
    let alex = Who::new(person("Alex"));
    let got = ask(builtin(), &[&sam, &alex], Context::Intense, 4, 7);
    assert!(
        got.iter().all(|s| s.card.touch == Touch::None),
        "{:?}",
        ids(&got)
    );
    assert!(
        got.iter().any(|s| s.reason.contains("Sam")),
        "the reason names who set the pace: {got:#?}"
    );
}

#[test]
fn a_top_after_an_intense_scene_gets_after_scene_care_for_themselves() {
    let top = Who::new(person("Robin"))
        .role(Role::Top)
        .feeling(&["drained"]);
    let bottom = Who::new(person("Kai"))
        .role(Role::Bottom)
        .feeling(&["floaty"]);
    let got = ask(builtin(), &[&top, &bottom], Context::Scene, 5, 3);
    let for_top: Vec<_> = got
        .iter()
        .filter(|s| s.card.category == Category::AfterScene && s.card.roles.contains(&Role::Top))
        .collect();
    assert!(
        !for_top.is_empty(),
        "after-scene care for the top: {got:#?}"
    );
    assert!(got.iter().any(|s| s.reason.contains("Robin")), "{got:#?}");
    // Alone with only the top's role, after-scene cards still come for them.
    let got = ask(builtin(), &[&top], Context::Scene, 5, 3);
    assert!(
        got.iter().all(|s| s.card.roles.contains(&Role::Top)),
        "{:?}",
        ids(&got)
    );
}

#[test]
fn trauma_sensitive_mode_prefers_the_same_predictable_cards_across_sessions() {
    let mut jo = Who::new(Profile {
        trauma_sensitive: true,
        ..person("Jo")
    });
    jo.check_in.feelings = vec!["exposed".into()];
    let first = ask(builtin(), &[&jo], Context::Solo, 2, 1);
    assert!(
        first.iter().all(|s| s.card.predictable),
        "{:?}",
        ids(&first)
    );
    for seed in 2..50 {
        assert_eq!(
            ids(&ask(builtin(), &[&jo], Context::Solo, 2, seed)),
            ids(&first),
            "seed {seed}"
        );
    }
    // Without the mode, sessions vary.
    let jo_plain = Who::new(person("Jo")).feeling(&["exposed"]);
    let variety: std::collections::HashSet<Vec<String>> = (0..50)
        .map(|seed| ids(&ask(builtin(), &[&jo_plain], Context::Solo, 2, seed)))
        .collect();
    assert!(variety.len() > 1, "variety otherwise");
}

#[test]
fn repeated_not_for_me_pushes_a_card_out_for_that_person_only() {
    let seed = 11;
    let mut sam = Who::new(person("Sam")).feeling(&["overwhelmed"]);
    let top = ask(builtin(), &[&sam], Context::Solo, 2, seed);
    let victim = top[0].card.id.clone();
    for _ in 0..3 {
        sam.feedback.add(&victim, Verdict::NotForMe);
    }
    let after = ask(builtin(), &[&sam], Context::Solo, 2, seed);
    assert!(
        !ids(&after).contains(&victim),
        "{victim} should be gone for Sam: {:?}",
        ids(&after)
    );
    let mut alex = Who::new(person("Alex")).feeling(&["overwhelmed"]);
    alex.profile.id = id(99);
    assert!(
        ids(&ask(builtin(), &[&alex], Context::Solo, 2, seed)).contains(&victim),
        "Alex still sees it"
    );
}

#[test]
fn helped_feedback_and_favourites_lift_a_card_and_say_so() {
    let mut sam = Who::new(person("Sam"));
    let target = builtin()
        .iter()
        .find(|c| c.fits(Context::Tender) && c.category == Category::Practical)
        .unwrap()
        .id
        .clone();
    for _ in 0..4 {
        sam.feedback.add(&target, Verdict::Helped);
    }
    let got = ask(builtin(), &[&Who::new(me()), &sam], Context::Tender, 2, 5);
    let hit = got
        .iter()
        .find(|s| s.card.id == target)
        .expect("helped card is suggested");
    assert!(hit.reason.contains("helped Sam before"), "{}", hit.reason);
}

#[test]
fn a_plans_cards_come_first_in_order_and_its_avoid_list_holds() {
    let a = Who::new(me());
    let b = Who::new(person("Sam"));
    let tender: Vec<&Card> = builtin()
        .iter()
        .filter(|c| c.fits(Context::Tender) && c.needs_partner)
        .collect();
    let plan = Plan {
        name: "Anniversary".into(),
        people: vec![a.profile.id, b.profile.id],
        cards: vec![tender[2].id.clone(), tender[0].id.clone()],
        avoid: vec![tender[1].id.clone()],
        ..Default::default()
    };
    let req = Request {
        people: vec![a.person(), b.person()],
        context: Context::Tender,
        intensity: 2,
        stop: None,
        minutes_available: None,
        plan: Some(&plan),
        exclude: &[],
        shown_categories: &[],
        seed: 1,
        count: 3,
    };
    let got = suggest(builtin(), &req);
    assert_eq!(ids(&got)[..2], [tender[2].id.clone(), tender[0].id.clone()]);
    assert!(got[0].reason.contains("Anniversary"));
    assert!(!ids(&got).contains(&tender[1].id));
    assert_eq!(got.len(), 3, "the plan's two and one more: {:?}", ids(&got));
    assert!(
        !ids(&got[2..]).contains(&tender[2].id) && !ids(&got[2..]).contains(&tender[0].id),
        "a plan's card is not offered twice: {:?}",
        ids(&got)
    );
}

#[test]
fn whoever_needs_space_sets_the_pace_by_asking_now_or_by_their_profile() {
    let massage = builtin().iter().find(|c| c.id == "gentle-massage").unwrap();
    assert!(massage.touch == Touch::Full && massage.needs_partner && massage.talk != Talk::Quiet);
    let sam = Who::new(person("Sam"));
    let score_with = |alex: &Who| {
        let req = tender(vec![alex.person(), sam.person()]);
        score::score(massage, &req).score
    };
    let with_closeness = |c: Option<i8>| {
        Who::new(Profile {
            closeness: c,
            ..person("Alex")
        })
    };
    let plain = score_with(&with_closeness(None));
    // Asked for space now: full touch goes down for everyone by the pace's 0.5.
    let mut asked = with_closeness(None);
    asked.check_in.need = Some(NeedNow::Space);
    assert!((plain - score_with(&asked) - 0.5).abs() < 1e-4);
    // A profile that prefers space sets the pace too (0.15 of it is the profile's own).
    assert!((plain - score_with(&with_closeness(Some(-1))) - 0.65).abs() < 1e-4);
    // Neutral or close does not.
    assert!((score_with(&with_closeness(Some(0))) - plain).abs() < 1e-4);
    assert!((score_with(&with_closeness(Some(1))) - plain - 0.15).abs() < 1e-4);
}

#[test]
fn quiet_people_get_a_reason_that_names_them_both() {
    let a = Who::new(Profile {
        talk: Some(-2),
        ..me()
    });
    let b = Who::new(Profile {
        talk: Some(-2),
        ..person("Sam")
    });
    let got = ask(builtin(), &[&a, &b], Context::Tender, 2, 4);
    assert!(
        got.iter()
            .any(|s| s.reason.contains("Quiet suits you both")),
        "{got:#?}"
    );
}

#[test]
fn another_one_returns_the_next_best_without_repeating_and_prefers_a_new_category() {
    let a = Who::new(me()).feeling(&["calm"]);
    let first = ask(builtin(), &[&a], Context::Solo, 2, 9);
    let shown = ids(&first);
    let cats: Vec<Category> = first.iter().map(|s| s.card.category).collect();
    let req = Request {
        people: vec![a.person()],
        context: Context::Solo,
        intensity: 2,
        stop: None,
        minutes_available: None,
        plan: None,
        exclude: &shown,
        shown_categories: &cats,
        seed: 9,
        count: 1,
    };
    let next = suggest(builtin(), &req);
    assert_eq!(next.len(), 1);
    assert!(!shown.contains(&next[0].card.id));
}

#[test]
fn the_time_available_is_a_hard_rule() {
    let a = Who::new(me());
    let req = Request {
        people: vec![a.person()],
        context: Context::Solo,
        intensity: 2,
        stop: None,
        minutes_available: Some(5),
        plan: None,
        exclude: &[],
        shown_categories: &[],
        seed: 2,
        count: 3,
    };
    assert!(suggest(builtin(), &req).iter().all(|s| s.card.minutes <= 5));
    // The limit itself fits: a card of exactly the time there is can come.
    let five = builtin()
        .iter()
        .find(|c| {
            c.minutes == 5
                && allowed(
                    c,
                    &Request {
                        minutes_available: None,
                        ..tender(vec![a.person()])
                    },
                )
        })
        .unwrap();
    let fits = Request {
        minutes_available: Some(5),
        ..tender(vec![a.person()])
    };
    assert!(
        allowed(five, &fits),
        "{} takes 5 minutes, and 5 are there",
        five.id
    );
    assert!(!allowed(
        five,
        &Request {
            minutes_available: Some(4),
            ..tender(vec![a.person()])
        }
    ));
}

#[test]
fn unknown_feelings_are_refused_at_check_in() {
    let c = CheckIn {
        feelings: vec!["calm".into(), "zorbly".into()],
        ..Default::default()
    };
    assert!(c.validate().unwrap_err().to_string().contains("zorbly"));
    assert!(CheckIn {
        feelings: vec!["calm".into()],
        ..Default::default()
    }
    .validate()
    .is_ok());
}

// ---- properties over random catalogues, people and moments ----

fn arb_card(i: usize) -> impl Strategy<Value = Card> {
    let category = prop::sample::select(Category::ALL.to_vec());
    let contexts = prop::sample::subsequence(Context::ALL.to_vec(), 1..=4);
    let roles = prop::sample::subsequence(vec![Role::Top, Role::Bottom, Role::Switch], 1..=3);
    let touch = prop::sample::select(vec![Touch::None, Touch::Light, Touch::Full]);
    let talk = prop::sample::select(vec![Talk::Quiet, Talk::Some, Talk::Deep]);
    let items = prop::sample::subsequence(
        vec![
            "water".to_owned(),
            "blanket".into(),
            "snack".into(),
            "candle".into(),
        ],
        0..=2,
    );
    let moment = prop::option::weighted(0.2, prop::sample::select(Moment::ALL.to_vec()));
    (
        category,
        contexts,
        roles,
        touch,
        talk,
        1u16..=40,
        items,
        any::<bool>(),
        any::<bool>(),
        moment,
    )
        .prop_map(
            move |(
                category,
                contexts,
                roles,
                touch,
                talk,
                minutes,
                items,
                needs_partner,
                predictable,
                moment,
            )| {
                let needs_partner = needs_partner && !contexts.contains(&Context::Solo);
                Card {
                    id: format!("card-{i}"),
                    title: format!("Card {i}"),
                    how: "Do this gently, together or alone.".into(),
                    why: "It may help.".into(),
                    category,
                    contexts,
                    roles,
                    touch,
                    talk,
                    energy: Energy::Low,
                    minutes,
                    items,
                    timer: None,
                    needs_partner,
                    predictable,
                    moment,
                    sources: vec![],
                    custom: false,
                }
            },
        )
}

fn arb_catalogue() -> impl Strategy<Value = Vec<Card>> {
    (5usize..60).prop_flat_map(|n| (0..n).map(arb_card).collect::<Vec<_>>())
}

fn arb_who(i: usize, n_cards: usize) -> impl Strategy<Value = Who> {
    let words: Vec<String> = crate::feelings::ALL
        .iter()
        .map(|f| f.word.to_owned())
        .collect();
    (
        prop::sample::subsequence(words, 0..=3),
        prop::option::of(prop::sample::select(vec![
            NeedNow::Space,
            NeedNow::Closeness,
        ])),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![
            Role::Top,
            Role::Bottom,
            Role::Switch,
        ])),
        prop::collection::vec(0..n_cards.max(1), 0..4),
        prop::sample::subsequence(Category::ALL.to_vec(), 0..=2),
        prop::option::of(prop::sample::select(vec![
            Touch::None,
            Touch::Light,
            Touch::Full,
        ])),
        any::<bool>(),
        prop::option::of(-2i8..=2),
        prop::collection::vec((0..n_cards.max(1), 0u8..3), 0..6),
        prop::sample::subsequence(vec![Body::Pain, Body::Cold, Body::Tired], 0..=2),
    )
        .prop_map(
            move |(
                feelings,
                need,
                no_touch,
                role,
                limit_cards,
                limit_cats,
                max_touch,
                trauma,
                talk,
                fb,
                body,
            )| {
                let mut feedback = Book::default();
                for (c, v) in fb {
                    let verdict =
                        [Verdict::Helped, Verdict::Neutral, Verdict::NotForMe][v as usize];
                    feedback.add(&format!("card-{c}"), verdict);
                }
                Who {
                    profile: Profile {
                        id: id(i as u8),
                        name: format!("P{i}"),
                        talk,
                        trauma_sensitive: trauma,
                        needs: vec![Need::Water],
                        hard_limits: HardLimits {
                            cards: limit_cards.iter().map(|c| format!("card-{c}")).collect(),
                            categories: limit_cats,
                            max_touch,
                            items: vec![],
                        },
                        ..Default::default()
                    },
                    check_in: CheckIn {
                        feelings,
                        need,
                        no_touch,
                        body,
                    },
                    role,
                    feedback,
                }
            },
        )
}

fn arb_moment() -> impl Strategy<Value = (Vec<Card>, Vec<Who>, Context, u8, u64)> {
    arb_catalogue().prop_flat_map(|cards| {
        let n = cards.len();
        (
            Just(cards),
            (1usize..=4).prop_flat_map(move |people| {
                (0..people).map(|i| arb_who(i, n)).collect::<Vec<_>>()
            }),
            prop::sample::select(Context::ALL.to_vec()),
            1u8..=5,
            any::<u64>(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_suggestion_ever_breaks_a_hard_rule((cards, who, context, intensity, seed) in arb_moment()) {
        let refs: Vec<&Who> = who.iter().collect();
        let got = ask(&cards, &refs, context, intensity, seed);
        let solo = context == Context::Solo || who.len() < 2;
        let roles: Vec<Role> = who.iter().filter_map(|w| w.role).collect();
        for s in &got {
            let c = &s.card;
            prop_assert!(c.contexts.contains(&context), "context");
            prop_assert!(!(solo && c.needs_partner), "partner card in a solo session");
            if context == Context::Scene && !roles.is_empty() {
                prop_assert!(roles.iter().any(|r| c.roles.contains(r)), "role");
            }
            for w in &who {
                let l = &w.profile.hard_limits;
                prop_assert!(!l.cards.contains(&c.id), "limit card");
                prop_assert!(!l.categories.contains(&c.category), "limit category");
                prop_assert!(l.max_touch.is_none_or(|m| c.touch <= m), "limit touch");
                let no_touch = w.check_in.no_touch || w.check_in.need == Some(NeedNow::Space);
                prop_assert!(!(no_touch && c.touch != Touch::None), "touch when asked for none");
            }
            let pain = who.iter().any(|w| w.check_in.body.contains(&Body::Pain));
            prop_assert!(c.moment.is_none() || (c.moment == Some(Moment::Pain) && pain),
                "a card for something that went wrong, off the stop path: {:?}", c.moment);
            prop_assert!(!s.reason.is_empty() && s.reason.ends_with('.'));
        }
        let distinct: std::collections::HashSet<&String> = got.iter().map(|s| &s.card.id).collect();
        prop_assert_eq!(distinct.len(), got.len(), "three distinct cards");
        prop_assert!(got.len() <= 3);
        prop_assert_eq!(ids(&got), ids(&ask(&cards, &refs, context, intensity, seed)), "deterministic");
    }

    #[test]
    fn after_a_stop_nobody_is_touched_unless_closeness_is_asked_and_only_named_moments_come(
        (cards, who, context, intensity, seed) in arb_moment(),
        said in prop::sample::subsequence(Moment::ALL.to_vec(), 0..=2),
    ) {
        let refs: Vec<&Who> = who.iter().collect();
        let got = ask_after(&cards, &refs, context, intensity, Some(&said), seed);
        let closeness = who.iter().any(|w| w.check_in.need == Some(NeedNow::Closeness));
        let pain = who.iter().any(|w| w.check_in.body.contains(&Body::Pain));
        for s in &got {
            let c = &s.card;
            prop_assert!(closeness || c.touch == Touch::None, "touch after a stop: {}", c.id);
            if let Some(m) = c.moment {
                let named = said.contains(&m) || (said.is_empty() && m == Moment::Stop)
                    || (m == Moment::Pain && pain);
                prop_assert!(named, "{:?} was not what happened ({:?})", m, said);
            }
        }
    }

    #[test]
    fn spread_uses_different_categories_when_it_can((cards, who, context, intensity, seed) in arb_moment()) {
        let refs: Vec<&Who> = who.iter().collect();
        let got = ask(&cards, &refs, context, intensity, seed);
        let req = Request {
            people: who.iter().map(Who::person).collect(), context, intensity, stop: None, minutes_available: None,
            plan: None, exclude: &[], shown_categories: &[], seed, count: 3,
        };
        let available: std::collections::HashSet<Category> =
            cards.iter().filter(|c| allowed(c, &req)).map(|c| c.category).collect();
        let shown: std::collections::HashSet<Category> = got.iter().map(|s| s.card.category).collect();
        prop_assert_eq!(shown.len(), available.len().min(3).min(got.len()));
    }
}

#[test]
fn a_private_check_in_steers_the_cards_but_no_reason_mentions_it() {
    let sam = Who::new(person("Sam")).feeling(&["overwhelmed"]);
    let alex = Who::new(person("Alex"));
    let mut open = ask(builtin(), &[&sam, &alex], Context::Tender, 2, 8);
    assert!(
        open.iter().any(|s| s.reason.contains("overwhelmed")),
        "{open:#?}"
    );
    let req = Request {
        people: vec![
            Person {
                private: true,
                ..sam.person()
            },
            alex.person(),
        ],
        context: Context::Tender,
        intensity: 2,
        stop: None,
        minutes_available: None,
        plan: None,
        exclude: &[],
        shown_categories: &[],
        seed: 8,
        count: 3,
    };
    let private = suggest(builtin(), &req);
    assert_eq!(ids(&private), ids(&open), "the same cards");
    assert!(
        private.iter().all(|s| !s.reason.contains("overwhelmed")),
        "{private:#?}"
    );
    open.clear();
}

#[test]
fn three_cards_in_a_typical_session_give_three_different_specific_reasons() {
    let mut me_now = Who::new(me()).feeling(&["content", "tender"]);
    me_now.check_in.need = Some(NeedNow::Closeness);
    let sam = Who::new(person("Sam")).feeling(&["drained"]);
    for (context, intensity) in [
        (Context::Tender, 2),
        (Context::Intense, 4),
        (Context::Scene, 3),
    ] {
        for seed in 0..50 {
            let got = ask(builtin(), &[&me_now, &sam], context, intensity, seed);
            let reasons: std::collections::HashSet<&str> =
                got.iter().map(|s| s.reason.as_str()).collect();
            assert_eq!(reasons.len(), 3, "{context:?} seed {seed}: {got:#?}");
            assert!(
                got.iter().all(|s| !s.reason.contains("gentle fit")),
                "no reason is generic"
            );
        }
    }
}

#[test]
fn hard_or_far_away_words_get_no_touch_and_no_savouring_unless_closeness_is_asked() {
    let hard_or_far: Vec<&str> = crate::feelings::ALL
        .iter()
        .filter(|f| f.hard || f.ambiguous)
        .map(|f| f.word)
        .collect();
    assert!(hard_or_far.len() >= 11, "{hard_or_far:?}");
    let alex = Who::new(person("Alex")).feeling(&["content", "elated"]);
    for word in &hard_or_far {
        // Even beside pleasant words, and beside a partner who feels good.
        let sam = Who::new(person("Sam")).feeling(&[word, "content"]);
        for seed in 0..40 {
            let got = ask(builtin(), &[&sam, &alex], Context::Tender, 2, seed);
            assert!(
                got.iter().all(|s| s.card.touch == Touch::None),
                "{word}, seed {seed}: {:?}",
                ids(&got)
            );
            assert!(
                got.iter()
                    .all(|s| !s.reason.contains("Sam felt good") && !s.reason.contains("savour")),
                "{word}, seed {seed}: {got:#?}"
            );
        }
        // Asking for closeness brings touch back within reach.
        let mut close = Who::new(person("Sam")).feeling(&[word]);
        close.check_in.need = Some(NeedNow::Closeness);
        let touching = (0..40).any(|seed| {
            ask(builtin(), &[&close, &alex], Context::Tender, 2, seed)
                .iter()
                .any(|s| s.card.touch > Touch::None)
        });
        assert!(touching, "{word} with closeness asked");
    }
}

#[test]
fn a_hard_word_puts_gentle_care_first_and_says_so() {
    for word in ["scared", "ashamed", "hurt", "regretful"] {
        let sam = Who::new(person("Sam")).feeling(&[word]);
        let got = ask(builtin(), &[&sam], Context::Tender, 2, 7);
        assert!(
            got.iter()
                .any(|s| s.reason.contains("Sam named something hard")),
            "{word}: {got:#?}"
        );
        assert!(
            got.iter().all(|s| !s.reason.contains(word)),
            "a reason never repeats the word itself"
        );
    }
    // Floaty reads as far away, not as good.
    let kai = Who::new(person("Kai")).feeling(&["floaty"]);
    let got = ask(builtin(), &[&kai], Context::Scene, 4, 3);
    assert!(
        got.iter()
            .any(|s| s.reason.contains("Kai felt a little far away")),
        "{got:#?}"
    );
}

#[test]
fn the_body_check_brings_what_it_needs_and_pain_keeps_touch_away() {
    use crate::checkin::Body;
    let with = |body: Vec<Body>| {
        let mut sam = Who::new(person("Sam")).feeling(&["calm"]);
        sam.check_in.body = body;
        sam
    };
    for (part, item, says) in [
        (Body::Thirsty, "water", "Sam felt thirsty"),
        (Body::Cold, "blanket", "Sam felt cold"),
        (Body::Hungry, "snack", "Sam felt hungry"),
    ] {
        let sam = with(vec![part]);
        let got = ask(builtin(), &[&sam], Context::Tender, 2, 1);
        let first = &got[0];
        assert!(
            first.card.items.iter().any(|i| i == item) && first.reason.contains(says),
            "{part:?}: {got:#?}"
        );
        // Unsaid when the check-in was private.
        let cards = builtin();
        let mut req = tender(vec![sam.person()]);
        req.people[0].private = true;
        let hidden = suggest(cards, &req);
        assert!(
            hidden[0].card.items.iter().any(|i| i == item),
            "a private body check still steers: {hidden:#?}"
        );
        assert!(
            hidden.iter().all(|s| !s.reason.contains(says)),
            "{hidden:#?}"
        );
    }
    let sore = with(vec![Body::Pain]);
    for seed in 0..40 {
        let got = ask(builtin(), &[&sore], Context::Tender, 2, seed);
        assert!(
            got.iter().all(|s| s.card.touch == Touch::None),
            "seed {seed}"
        );
        assert!(
            got.iter()
                .any(|s| s.card.category == Category::Practical
                    && s.reason.contains("Sam felt pain")),
            "seed {seed}: {got:#?}"
        );
    }
    // Tired and the bathroom lift the quiet, practical things, without saying so.
    let plain = with(vec![]);
    let tired = with(vec![Body::Tired, Body::Bathroom]);
    let card_score = |w: &Who, card: &Card| {
        let req = tender(vec![w.person()]);
        score::score(card, &req).score
    };
    let low_practical = builtin()
        .iter()
        .find(|c| c.energy == Energy::Low && c.category == Category::Practical)
        .unwrap();
    let lift = card_score(&tired, low_practical) - card_score(&plain, low_practical);
    assert!(
        (lift - 0.4).abs() < 1e-4,
        "tired 0.2 and bathroom 0.2: {lift}"
    );
    let medium = builtin()
        .iter()
        .find(|c| c.energy != Energy::Low && c.category != Category::Practical)
        .unwrap();
    assert!((card_score(&tired, medium) - card_score(&plain, medium)).abs() < 1e-4);
}

/// How much a check-in lifts `card` for one person, against saying nothing.
fn lift(card: &Card, check_in: CheckIn) -> f32 {
    let plain = Who::new(person("Sam"));
    let mut said = Who::new(person("Sam"));
    said.check_in = check_in;
    let score_for = |w: &Who| {
        let req = tender(vec![w.person()]);
        score::score(card, &req).score
    };
    score_for(&said) - score_for(&plain)
}

fn first(what: &str, pred: impl Fn(&Card) -> bool) -> &'static Card {
    builtin()
        .iter()
        .find(|c| pred(c))
        .unwrap_or_else(|| panic!("the catalogue has {what}"))
}

#[test]
fn each_need_and_mood_lifts_the_cards_it_should_by_its_weight() {
    let feel = |words: &[&str]| CheckIn {
        feelings: words.iter().map(|w| (*w).to_owned()).collect(),
        ..Default::default()
    };
    let need = |n| CheckIn {
        need: Some(n),
        ..Default::default()
    };
    let touch = first("a touch card", |c| c.touch > Touch::None && c.needs_partner);
    let kind_words = first("reassurance without touch", |c| {
        c.category == Category::Reassurance && c.touch == Touch::None
    });
    let held_words = first("reassurance with touch", |c| {
        c.category == Category::Reassurance && c.touch > Touch::None
    });
    let practical = first("practical without touch", |c| {
        c.category == Category::Practical && c.touch == Touch::None
    });
    let alone_ok = first("a card for one", |c| {
        !c.needs_partner && c.talk != Talk::Quiet
    });
    let quiet_pair = first("a quiet card for two", |c| {
        c.needs_partner && c.talk == Talk::Quiet
    });
    let talking_pair = first("a talking card for two", |c| {
        c.needs_partner && c.talk != Talk::Quiet && c.category != Category::Reassurance
    });
    let calm_down = first("quiet regulation", |c| {
        c.category == Category::Regulation && c.talk == Talk::Quiet && c.touch == Touch::None
    });
    let talk = first("conversation", |c| c.category == Category::Conversation);
    let close = |a: f32, b: f32, what: &str| assert!((a - b).abs() < 1e-4, "{what}: {a} != {b}");

    close(
        lift(touch, need(NeedNow::Closeness)),
        0.4,
        "closeness, touch",
    );
    close(
        lift(kind_words, need(NeedNow::Closeness)),
        0.2,
        "closeness, kind words",
    );
    close(
        lift(practical, need(NeedNow::Closeness)),
        0.0,
        "closeness, practical",
    );
    close(
        lift(alone_ok, need(NeedNow::Space)),
        0.3,
        "space, a card for one",
    );
    close(
        lift(quiet_pair, need(NeedNow::Space)),
        0.3,
        "space, a quiet card",
    );
    close(
        lift(talking_pair, need(NeedNow::Space)),
        0.0,
        "space, talk for two",
    );

    close(
        lift(calm_down, feel(&["overwhelmed"])),
        0.8,
        "overwhelmed, quiet regulation",
    );
    close(
        lift(talk, feel(&["overwhelmed"])),
        if talk.talk == Talk::Quiet { 0.2 } else { 0.0 },
        "overwhelmed, talk",
    );
    close(
        lift(quiet_pair, feel(&["overwhelmed"])),
        match quiet_pair.category {
            Category::Regulation => 0.8,
            _ => 0.2,
        },
        "overwhelmed, a quiet card",
    );
    close(lift(kind_words, feel(&["sad"])), 0.5, "tender, kind words");
    close(
        lift(held_words, feel(&["sad"])),
        0.8,
        "tender, kind words and touch",
    );
    close(lift(practical, feel(&["sad"])), 0.0, "tender, practical");
    close(
        lift(calm_down, feel(&["empty"])),
        0.7,
        "far away, grounding",
    );
    close(
        lift(practical, feel(&["empty"])),
        0.0,
        "far away, practical",
    );
    close(lift(talk, feel(&["content"])), 0.25, "good, conversation");
    close(lift(practical, feel(&["content"])), 0.0, "good, practical");
}

#[test]
fn a_mood_is_named_only_on_the_cards_it_lifts_most() {
    let feel = |words: &[&str]| CheckIn {
        feelings: words.iter().map(|w| (*w).to_owned()).collect(),
        ..Default::default()
    };
    let best = |card: &Card, check_in: CheckIn| {
        let mut sam = Who::new(person("Sam"));
        sam.check_in = check_in;
        let req = tender(vec![sam.person()]);
        score::score(card, &req).suggestion(&req, &[]).reason
    };
    let calm_down = first("quiet regulation", |c| {
        c.category == Category::Regulation && c.talk == Talk::Quiet && c.touch == Touch::None
    });
    let quiet_other = first("a quiet card that is not regulation", |c| {
        c.category != Category::Regulation && c.talk == Talk::Quiet && c.touch == Touch::None
    });
    // A regulation card that talks a little (a person's own card could).
    let talking_calm = Card {
        talk: Talk::Some,
        ..calm_down.clone()
    };
    let overwhelmed = "Sam felt overwhelmed";
    assert!(best(calm_down, feel(&["overwhelmed"])).contains(overwhelmed));
    assert!(best(&talking_calm, feel(&["overwhelmed"])).contains(overwhelmed));
    close_to(lift(&talking_calm, feel(&["overwhelmed"])), 0.5);
    assert!(!best(quiet_other, feel(&["overwhelmed"])).contains(overwhelmed));

    let kind_words = first("reassurance without touch", |c| {
        c.category == Category::Reassurance && c.touch == Touch::None
    });
    let touch_only = first("touch that is not reassurance", |c| {
        c.category != Category::Reassurance && c.touch > Touch::None
    });
    let tender = "Sam felt tender";
    assert!(best(kind_words, feel(&["sad"])).contains(tender));
    assert!(
        !best(touch_only, feel(&["sad"])).contains(tender),
        "0.3 is not enough to say so"
    );
}

fn close_to(a: f32, b: f32) {
    assert!((a - b).abs() < 1e-4, "{a} != {b}");
}

#[test]
fn a_hard_word_lifts_gentle_cards_without_touch_and_never_a_touch_card() {
    let with = |words: &[&str], closeness: bool| CheckIn {
        feelings: words.iter().map(|w| (*w).to_owned()).collect(),
        need: closeness.then_some(NeedNow::Closeness),
        ..Default::default()
    };
    let kind_words = first("reassurance without touch", |c| {
        c.category == Category::Reassurance && c.touch == Touch::None && c.talk != Talk::Deep
    });
    let quiet_other = first(
        "a quiet card, not reassurance or regulation, without touch",
        |c| {
            !matches!(c.category, Category::Reassurance | Category::Regulation)
                && c.talk == Talk::Quiet
                && c.touch == Touch::None
        },
    );
    close_to(lift(kind_words, with(&["scared"], false)), 0.6);
    close_to(lift(quiet_other, with(&["scared"], false)), 0.2);
    // With closeness asked, touch is allowed again, but the hard word adds nothing to it.
    let held_words = first("reassurance with touch", |c| {
        c.category == Category::Reassurance && c.touch > Touch::None && c.talk != Talk::Deep
    });
    let quiet_touch = first("a quiet touch card", |c| {
        c.category != Category::Reassurance && c.talk == Talk::Quiet && c.touch > Touch::None
    });
    for card in [held_words, quiet_touch] {
        close_to(
            lift(card, with(&["scared"], true)),
            lift(card, with(&[], true)),
        );
    }
}

#[test]
fn feeling_good_lifts_talk_touch_and_kind_words_and_a_hard_word_is_named_where_it_lifts_most() {
    let feel = |words: &[&str]| CheckIn {
        feelings: words.iter().map(|w| (*w).to_owned()).collect(),
        ..Default::default()
    };
    for category in [
        Category::Conversation,
        Category::Touch,
        Category::Reassurance,
    ] {
        let card = first("a card of each kind", |c| c.category == category);
        close_to(lift(card, feel(&["content"])), 0.25);
    }
    let reason = |card: &Card, words: &[&str]| {
        let mut sam = Who::new(person("Sam"));
        sam.check_in = feel(words);
        let req = tender(vec![sam.person()]);
        score::score(card, &req).suggestion(&req, &[]).reason
    };
    let kind_words = first("reassurance without touch", |c| {
        c.category == Category::Reassurance && c.touch == Touch::None && c.talk != Talk::Deep
    });
    let quiet_other = first(
        "a quiet card, not reassurance or regulation, without touch",
        |c| {
            !matches!(c.category, Category::Reassurance | Category::Regulation)
                && c.talk == Talk::Quiet
                && c.touch == Touch::None
        },
    );
    assert!(reason(kind_words, &["scared"]).contains("Sam named something hard"));
    assert!(!reason(quiet_other, &["scared"]).contains("Sam named something hard"));
}

#[test]
fn the_pace_is_named_only_when_it_was_said_openly_and_deep_talk_waits() {
    let words = builtin()
        .iter()
        .find(|c| c.id == "warm-affirmation")
        .unwrap();
    assert!(words.touch == Touch::None && words.needs_partner && words.talk == Talk::Some);
    let alex = Who::new(person("Alex"));
    let reason = |sam: &Who, private: bool| {
        let mut req = tender(vec![sam.person(), alex.person()]);
        req.people[0].private = private;
        score::score(words, &req).suggestion(&req, &[]).reason
    };
    let mut asked = Who::new(person("Sam"));
    asked.check_in.need = Some(NeedNow::Space);
    assert_eq!(reason(&asked, false), "Going at the pace of Sam.");
    assert!(
        !reason(&asked, true).contains("pace"),
        "a private ask stays unsaid"
    );
    let prefers = Who::new(Profile {
        closeness: Some(-1),
        ..person("Sam")
    });
    assert!(
        reason(&prefers, true).contains("pace of Sam"),
        "a profile is not a private answer"
    );
    let neutral = Who::new(Profile {
        closeness: Some(1),
        ..person("Sam")
    });
    assert!(!reason(&neutral, true).contains("pace"));

    // Deep talk waits for whoever needs space: 0.3 down.
    let deep = builtin()
        .iter()
        .find(|c| c.talk == Talk::Deep && c.touch == Touch::None)
        .unwrap();
    let score_with = |sam: &Who| {
        let req = tender(vec![sam.person(), alex.person()]);
        score::score(deep, &req).score
    };
    let plain = Who::new(person("Sam"));
    let space_now = if deep.needs_partner && deep.talk != Talk::Quiet {
        0.0
    } else {
        0.3
    };
    close_to(score_with(&plain) - score_with(&asked), 0.3 - space_now);

    // Pain lifts practical care by 0.4, and nothing else.
    let mut sore = Who::new(person("Sam"));
    sore.check_in.body = vec![crate::checkin::Body::Pain];
    let practical = first("practical without items", |c| {
        c.category == Category::Practical && c.items.is_empty()
    });
    close_to(lift(practical, sore.check_in.clone()), 0.4);
    close_to(lift(words, sore.check_in.clone()), 0.0);
}

// ---- The stop path ("We stopped" / "Something didn't feel OK") ----

#[test]
fn after_a_stop_the_stop_card_leads_and_no_touch_card_comes_unless_closeness_is_asked() {
    let sam = Who::new(person("Sam")).feeling(&["content"]);
    let alex = Who::new(person("Alex"));
    for context in [Context::Tender, Context::Intense, Context::Scene] {
        for seed in 0..100 {
            let got = ask_after(builtin(), &[&sam, &alex], context, 3, Some(&[]), seed);
            assert_eq!(
                got[0].card.id,
                "after-a-stop",
                "{context:?} seed {seed}: {:?}",
                ids(&got)
            );
            assert!(
                got.iter().all(|s| s.card.touch == Touch::None),
                "{context:?} seed {seed}: {:?}",
                ids(&got)
            );
            assert!(
                got.iter()
                    .all(|s| !s.reason.contains("savour") && !s.reason.contains("felt good")),
                "nothing is celebrated after a stop: {:?}",
                got.iter().map(|s| &s.reason).collect::<Vec<_>>()
            );
        }
        // The same moment without the stop still offers touch: the rule is the stop's.
        let everyday: Vec<Suggestion> = (0..100)
            .flat_map(|seed| ask(builtin(), &[&sam, &alex], context, 3, seed))
            .collect();
        assert!(
            everyday.iter().any(|s| s.card.touch > Touch::None),
            "{context:?}: touch is offered on a good day"
        );
    }
    let mut close = Who::new(person("Sam"));
    close.check_in.need = Some(NeedNow::Closeness);
    let touched = (0..100)
        .flat_map(|seed| {
            ask_after(
                builtin(),
                &[&close, &alex],
                Context::Tender,
                3,
                Some(&[]),
                seed,
            )
        })
        .any(|s| s.card.touch > Touch::None);
    assert!(
        touched,
        "asking for closeness brings touch back after a stop"
    );
}

#[test]
fn the_card_for_what_happened_comes_first_and_no_other_moment_comes_uninvited() {
    let alone = Who::new(me());
    let sam = Who::new(person("Sam"));
    let card_for = |m: Moment| {
        builtin()
            .iter()
            .find(|c| c.moment == Some(m))
            .expect("a card for each moment")
    };
    for m in Moment::ALL {
        let context = if card_for(m).fits(Context::Solo) {
            Context::Solo
        } else {
            Context::Tender
        };
        let who: Vec<&Who> = if context == Context::Solo {
            vec![&alone]
        } else {
            vec![&alone, &sam]
        };
        let got = ask_after(builtin(), &who, context, 2, Some(&[m]), 4);
        assert_eq!(got[0].card.moment, Some(m), "{m:?}: {:?}", ids(&got));
        assert_eq!(got[0].reason, "Written for a moment like this one.");
        assert!(
            got[1..].iter().all(|s| s.card.moment.is_none()),
            "{m:?}: only the moment named: {:?}",
            ids(&got)
        );
    }
    // Never off the stop path, except the pain card when someone reports pain.
    let mut sore = Who::new(me());
    sore.check_in.body = vec![Body::Pain];
    for seed in 0..100 {
        let got = ask(builtin(), &[&alone, &sam], Context::Intense, 4, seed);
        assert!(
            got.iter().all(|s| s.card.moment.is_none()),
            "seed {seed}: {:?}",
            ids(&got)
        );
    }
    let with_pain: Vec<String> = (0..100)
        .flat_map(|seed| ask(builtin(), &[&sore], Context::Solo, 2, seed))
        .filter_map(|s| s.card.moment.map(|_| s.card.id))
        .collect();
    assert!(!with_pain.is_empty(), "reported pain opens the card for it");
    assert!(
        with_pain.iter().all(|id| id == &card_for(Moment::Pain).id),
        "{with_pain:?}"
    );
}

#[test]
fn after_a_stop_slow_care_without_touch_lifts_and_deep_talk_and_lively_cards_wait() {
    let me = me();
    let check_in = CheckIn::default();
    let book = Book::default();
    let lift_after = |card: &Card| {
        let people = vec![Person {
            profile: &me,
            check_in: &check_in,
            role: None,
            feedback: &book,
            private: false,
        }];
        let mut req = tender(people);
        let everyday = score::score(card, &req).score;
        req.stop = Some(&[]);
        score::score(card, &req).score - everyday
    };
    let quiet_breath = first("quiet regulation without touch", |c| {
        c.category == Category::Regulation
            && c.touch == Touch::None
            && c.talk == Talk::Quiet
            && c.energy != Energy::High
            && c.moment.is_none()
    });
    close_to(lift_after(quiet_breath), 0.8);
    let practical = first("practical without touch", |c| {
        c.category == Category::Practical
            && c.touch == Touch::None
            && c.talk != Talk::Deep
            && c.energy != Energy::High
            && c.moment.is_none()
    });
    close_to(lift_after(practical), 0.5);
    let kind = first("kind words without touch", |c| {
        c.category == Category::Reassurance
            && c.touch == Touch::None
            && c.talk != Talk::Deep
            && c.energy != Energy::High
            && c.moment.is_none()
    });
    close_to(lift_after(kind), 0.4);
    let deep = first("deep talk", |c| {
        c.talk == Talk::Deep
            && c.touch == Touch::None
            && c.category == Category::Conversation
            && c.energy != Energy::High
    });
    close_to(lift_after(deep), -1.0);
    // The catalogue has no lively card yet; one of one's own could be.
    let mut lively = first("light talk", |c| {
        c.category == Category::Conversation && c.talk == Talk::Some
    })
    .clone();
    close_to(lift_after(&lively), 0.0);
    lively.energy = Energy::High;
    close_to(lift_after(&lively), -0.8);
    let stop = first("the stop card", |c| c.moment == Some(Moment::Stop));
    close_to(lift_after(stop), 2.0);
}
