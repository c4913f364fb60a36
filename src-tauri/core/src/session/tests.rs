use super::*;

use crate::profile::{self, Profile};
use crate::vault::VaultError;

/// A check-in kept in the vault as the person chose (the route `private.rs` takes for
/// shared answers and the owner's own).
fn check_in(v: &mut Vault, id: RecordId, new: NewCheckIn, now_ms: u64) -> Result<Session> {
    let entry = get(v, id)?.entry(new, now_ms)?;
    super::check_in(v, id, entry)
}

const H: u64 = 60 * 60_000;
const T0: u64 = 1_700_000_000_000;

struct World {
    _dir: tempfile::TempDir,
    v: Vault,
    me: RecordId,
    sam: RecordId,
}

fn world() -> World {
    let (dir, mut v) = crate::test_support::vault();
    let me = profile::save(
        &mut v,
        None,
        Profile {
            name: "Me".into(),
            is_me: true,
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let sam = profile::save(
        &mut v,
        None,
        Profile {
            name: "Sam".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    World {
        _dir: dir,
        v,
        me,
        sam,
    }
}

/// Starts a session for Me and Sam.
fn begin(w: &mut World, context: Context, pass_device: bool, seed: u64, at: u64) -> Session {
    let people = together_ids(w.me, w.sam, context, pass_device);
    start(&mut w.v, people, seed, at).unwrap()
}

fn together(w: &World, context: Context, pass_device: bool) -> Start {
    together_ids(w.me, w.sam, context, pass_device)
}

fn together_ids(me: RecordId, sam: RecordId, context: Context, pass_device: bool) -> Start {
    let role = |r| {
        if context == Context::Scene {
            Some(r)
        } else {
            None
        }
    };
    Start {
        people: vec![
            Participant {
                person: me,
                role: role(Role::Top),
            },
            Participant {
                person: sam,
                role: role(Role::Bottom),
            },
        ],
        context,
        intensity: 3,
        pass_device,
        minutes_available: None,
    }
}

fn feeling(words: &[&str]) -> CheckIn {
    CheckIn {
        feelings: words.iter().map(|s| (*s).to_owned()).collect(),
        ..Default::default()
    }
}

#[test]
fn a_whole_session_from_start_to_follow_ups() {
    let mut w = world();
    let s = begin(&mut w, Context::Scene, false, 42, T0);
    assert_eq!(s.step, Step::CheckIn);
    check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.me,
            stage: Stage::Before,
            check_in: feeling(&["drained"]),
            note: String::new(),
            privacy: Privacy::Kept,
        },
        T0 + 1,
    )
    .unwrap();
    check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.sam,
            stage: Stage::Before,
            check_in: feeling(&["floaty", "tender"]),
            note: "cold hands".into(),
            privacy: Privacy::Kept,
        },
        T0 + 2,
    )
    .unwrap();
    set_step(&mut w.v, s.id, Step::Cards).unwrap();
    let cards = suggest(&w.v, s.id, &[], More::count(3)).unwrap();
    assert_eq!(cards.suggestions.len(), 3);
    let first = cards.suggestions[0].card.id.clone();
    let second = cards.suggestions[1].card.id.clone();
    choose(&mut w.v, s.id, &first, true).unwrap();
    choose(&mut w.v, s.id, &second, false).unwrap();
    let again = suggest(&w.v, s.id, &[], More::count(3)).unwrap();
    assert!(
        again
            .suggestions
            .iter()
            .all(|x| x.card.id != first && x.card.id != second),
        "accepted and set-aside cards are not offered again"
    );

    let reflection = Reflection {
        person: w.sam,
        felt_good: Text {
            text: "The blanket".into(),
            ..Default::default()
        },
        rituals: vec![(first.clone(), crate::feedback::Verdict::Helped)],
        ..Default::default()
    };
    reflect(&mut w.v, s.id, reflection, T0 + 10).unwrap();
    assert_eq!(
        crate::feedback::book(&w.v, w.sam)
            .unwrap()
            .counts(&first)
            .helped,
        1,
        "reflection feeds feedback"
    );

    let (ended, follow_ups) = crate::followup::end_session(&mut w.v, s.id, false, T0 + H).unwrap();
    assert_eq!(ended.step, Step::Done);
    let hours: Vec<u32> = follow_ups.iter().map(|f| f.after_hours).collect();
    assert_eq!(
        hours,
        [24, 48, 72],
        "after a scene: a day, two and three days later"
    );
    assert_eq!(follow_ups[0].due_at_ms, T0 + 25 * H);
    assert_eq!(crate::followup::all(&w.v).unwrap().len(), 3);
    assert!(
        matches!(
            crate::followup::end_session(&mut w.v, s.id, false, T0),
            Err(Error::Invalid(_))
        ),
        "ends once"
    );
}

#[test]
fn leaving_mid_session_and_coming_back_resumes_it() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, false, 1, T0);
    check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.me,
            stage: Stage::Before,
            check_in: feeling(&["calm"]),
            note: String::new(),
            privacy: Privacy::Shared,
        },
        T0,
    )
    .unwrap();
    set_step(&mut w.v, s.id, Step::Cards).unwrap();
    let back = open_session(&w.v)
        .unwrap()
        .expect("the open session is found");
    assert_eq!(
        (back.id, back.step, back.check_ins.len()),
        (s.id, Step::Cards, 1)
    );
    crate::followup::end_session(&mut w.v, s.id, true, T0 + 5).unwrap();
    assert!(open_session(&w.v).unwrap().is_none());
    assert!(
        get(&w.v, s.id).unwrap().talk_tomorrow,
        "ending early keeps what was entered"
    );
}

#[test]
fn private_answers_are_shown_only_to_their_author_in_pass_the_device_mode() {
    let mut w = world();
    let s = begin(&mut w, Context::Intense, true, 1, T0);
    check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.sam,
            stage: Stage::Before,
            check_in: feeling(&["exposed"]),
            note: "a private note".into(),
            privacy: Privacy::Kept,
        },
        T0,
    )
    .unwrap();
    let mine = NewCheckIn {
        person: w.me,
        stage: Stage::Before,
        check_in: feeling(&["calm"]),
        note: "mine, shared".into(),
        privacy: Privacy::Shared,
    };
    check_in(&mut w.v, s.id, mine, T0).unwrap();
    let r = Reflection {
        person: w.sam,
        felt_good: Text {
            text: "Slow start".into(),
            shared: true,
            ..Default::default()
        },
        uncomfortable: Some(true),
        uncomfortable_shared: false,
        uncomfortable_note: Text {
            text: "The tight hold".into(),
            shared: false,
            ..Default::default()
        },
        ..Default::default()
    };
    reflect(&mut w.v, s.id, r, T0).unwrap();
    let s = get(&w.v, s.id).unwrap();

    let as_me = s.view_for(Some(w.me));
    let sams = as_me.check_ins.iter().find(|c| c.person == w.sam).unwrap();
    assert!(
        sams.withheld && sams.note.is_empty() && sams.check_in.feelings.is_empty(),
        "Sam's private check-in is withheld"
    );
    let refl = &as_me.reflections[0];
    assert_eq!(refl.felt_good.text, "Slow start", "shared answers show");
    assert_eq!(refl.uncomfortable, None, "the private yes is withheld");
    assert!(refl.uncomfortable_note.withheld && refl.uncomfortable_note.text.is_empty());
    let json = serde_json::to_string(&as_me).unwrap();
    assert!(
        !json.contains("tight hold") && !json.contains("a private note"),
        "nothing private leaves Rust: {json}"
    );

    let as_sam = s.view_for(Some(w.sam));
    assert_eq!(
        as_sam.reflections[0].uncomfortable_note.text,
        "The tight hold"
    );
    assert_eq!(as_sam.reflections[0].uncomfortable, Some(true));
    let mine = as_sam.check_ins.iter().find(|c| c.person == w.me).unwrap();
    assert_eq!(mine.note, "mine, shared");
}

#[test]
fn answering_beside_the_others_still_keeps_a_private_answer_private() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, false, 1, T0);
    check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.sam,
            stage: Stage::Before,
            check_in: feeling(&["sad"]),
            note: "note".into(),
            privacy: Privacy::Kept,
        },
        T0,
    )
    .unwrap();
    let stored = get(&w.v, s.id).unwrap();
    assert!(!stored.check_ins[0].shared, "the choice is stored as made");
    let view = stored.view_for(Some(w.me));
    assert!(view.check_ins[0].withheld && view.check_ins[0].note.is_empty());
    let r = Reflection {
        person: w.sam,
        felt_good: Text {
            text: "just mine".into(),
            shared: false,
            ..Default::default()
        },
        uncomfortable: Some(true),
        ..Default::default()
    };
    reflect(&mut w.v, s.id, r, T0).unwrap();
    let view = get(&w.v, s.id).unwrap().view_for(Some(w.me));
    assert!(view.reflections[0].felt_good.withheld);
    assert_eq!(view.reflections[0].uncomfortable, None);
}

#[test]
fn bad_input_is_refused_and_nothing_changes() {
    let mut w = world();
    let mut solo_for_two = together(&w, Context::Solo, false);
    solo_for_two.people.iter_mut().for_each(|p| p.role = None);
    assert!(start(&mut w.v, solo_for_two, 1, T0).is_err());
    let mut ghost = together(&w, Context::Tender, false);
    ghost.people[1].person = RecordId::from_bytes([0xff; 16]);
    assert!(start(&mut w.v, ghost, 1, T0).is_err());
    let mut roles_outside_scene = together(&w, Context::Tender, false);
    roles_outside_scene.people[0].role = Some(Role::Top);
    assert!(start(&mut w.v, roles_outside_scene, 1, T0).is_err());
    assert!(history(&w.v).unwrap().is_empty());

    let s = begin(&mut w, Context::Tender, false, 1, T0);
    assert!(check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.me,
            stage: Stage::Before,
            check_in: feeling(&["zorbly"]),
            note: String::new(),
            privacy: Privacy::Shared
        },
        T0
    )
    .is_err());
    assert!(check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: RecordId::from_bytes([0xee; 16]),
            stage: Stage::Before,
            check_in: feeling(&["calm"]),
            note: String::new(),
            privacy: Privacy::Shared
        },
        T0
    )
    .is_err());
    assert!(check_in(
        &mut w.v,
        s.id,
        NewCheckIn {
            person: w.me,
            stage: Stage::Before,
            check_in: feeling(&["calm"]),
            note: "x".repeat(1001),
            privacy: Privacy::Shared
        },
        T0
    )
    .is_err());
    assert!(choose(&mut w.v, s.id, "no-such-card", true).is_err());
    let stray = Reflection {
        person: w.me,
        rituals: vec![("warm-blanket".into(), crate::feedback::Verdict::Helped)],
        ..Default::default()
    };
    assert!(
        reflect(&mut w.v, s.id, stray, T0).is_err(),
        "only this session's rituals"
    );
    assert_eq!(get(&w.v, s.id).unwrap().check_ins.len(), 0);
    assert!(matches!(
        get(&w.v, RecordId::from_bytes([0xaa; 16])),
        Err(Error::Vault(VaultError::NotFound))
    ));
}

#[test]
fn deleting_a_session_takes_its_follow_ups_and_timers_with_it() {
    let mut w = world();
    let s = begin(&mut w, Context::Intense, false, 1, T0);
    let mut t =
        crate::timer::Timer::new(crate::timer::TimerKind::Countdown, "Rest", 10 * 60_000, T0)
            .unwrap();
    t.session = Some(s.id);
    crate::timer::start(&mut w.v, t, T0).unwrap();
    let (_, fus) = crate::followup::end_session(&mut w.v, s.id, false, T0).unwrap();
    let other = begin(&mut w, Context::Tender, false, 2, T0 + 1);
    crate::followup::end_session(&mut w.v, other.id, false, T0 + 2).unwrap();
    crate::forget::session(&mut w.v, s.id).unwrap();
    assert_eq!(history(&w.v).unwrap().len(), 1);
    assert!(crate::followup::all(&w.v)
        .unwrap()
        .iter()
        .all(|f| f.session == other.id));
    assert!(w.v.list::<crate::timer::Timer>().unwrap().is_empty());
    assert!(crate::followup::prepare(
        &w.v,
        fus[0].id,
        crate::followup::NewAnswer {
            person: w.me,
            check_in: feeling(&["calm"]),
            said_low: false,
            drop: None,
            not_right: None,
            need: String::new(),
            privacy: Privacy::Shared,
        },
        T0
    )
    .is_err());
}

#[test]
fn history_is_newest_first_with_names_and_the_owner_as_you() {
    let mut w = world();
    let a = begin(&mut w, Context::Tender, false, 1, T0);
    let b = begin(&mut w, Context::Intense, false, 1, T0 + H);
    let h = history(&w.v).unwrap();
    assert_eq!(h.iter().map(|s| s.id).collect::<Vec<_>>(), [b.id, a.id]);
    assert_eq!(h[0].people, ["You", "Sam"]);
}

#[test]
fn saving_a_reflection_again_does_not_count_its_ratings_twice() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, true, 1, T0);
    let card = crate::catalog::builtin()[0].id.clone();
    choose(&mut w.v, s.id, &card, true).unwrap();
    let r = Reflection {
        person: w.sam,
        rituals: vec![(card.clone(), crate::feedback::Verdict::Helped)],
        ..Default::default()
    };
    reflect(&mut w.v, s.id, r.clone(), T0).unwrap();
    reflect(&mut w.v, s.id, r, T0).unwrap();
    assert_eq!(
        crate::feedback::book(&w.v, w.sam)
            .unwrap()
            .counts(&card)
            .helped,
        1
    );
    let as_me = get(&w.v, s.id).unwrap().view_for(Some(w.me));
    assert!(
        as_me.reflections[0].rituals.is_empty(),
        "ratings from a private form stay private"
    );
}

#[test]
fn suggestions_follow_the_plan_the_session_started_with_by_its_id() {
    let mut w = world();
    let plan = crate::plan::save(
        &mut w.v,
        None,
        crate::plan::Plan {
            name: "Friday".into(),
            people: vec![w.me, w.sam],
            context: Some(Context::Tender),
            cards: vec!["glass-of-water".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let s = begin(&mut w, Context::Tender, false, 1, T0);
    assert_eq!(
        s.plan,
        Some(plan.id),
        "the matching plan is stored at the start"
    );
    let first = |w: &World| {
        suggest(&w.v, s.id, &[], More::count(3))
            .unwrap()
            .suggestions[0]
            .card
            .id
            .clone()
    };
    assert_eq!(first(&w), "glass-of-water");
    // Edited mid-session (even so it would no longer match these people): the session
    // still follows its plan, as it now reads.
    crate::plan::save(
        &mut w.v,
        Some(plan.id),
        crate::plan::Plan {
            people: vec![w.me],
            cards: vec!["hold-hands".into()],
            ..plan.clone()
        },
    )
    .unwrap();
    let answer = suggest(&w.v, s.id, &[], More::count(3)).unwrap();
    assert_eq!(answer.plan.as_ref().map(|p| p.id), Some(plan.id));
    assert_eq!(answer.suggestions[0].card.id, "hold-hands");
    crate::plan::delete(&mut w.v, plan.id).unwrap();
    let answer = suggest(&w.v, s.id, &[], More::count(3)).unwrap();
    assert!(answer.plan.is_none(), "a deleted plan is simply gone");
    assert!(answer
        .suggestions
        .iter()
        .all(|x| x.card.id != "hold-hands" || !x.reason.contains("plan")));
}

#[test]
fn a_session_is_for_one_to_eight_people_and_a_note_may_use_its_whole_length() {
    let mut w = world();
    let make = |w: &mut World, n: usize| {
        let people = (0..n)
            .map(|i| {
                let id = profile::save(
                    &mut w.v,
                    None,
                    Profile {
                        name: format!("P{n}-{i}"),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id;
                Participant {
                    person: id,
                    role: None,
                }
            })
            .collect();
        let s = Start {
            people,
            context: Context::Tender,
            intensity: 2,
            pass_device: false,
            minutes_available: None,
        };
        start(&mut w.v, s, 1, T0)
    };
    assert!(matches!(make(&mut w, 0), Err(Error::Invalid(_))));
    assert!(matches!(make(&mut w, 9), Err(Error::Invalid(_))));
    assert!(make(&mut w, 8).is_ok());
    let s = begin(&mut w, Context::Tender, false, 1, T0);
    let full = NewCheckIn {
        person: w.me,
        stage: Stage::Before,
        check_in: CheckIn::default(),
        note: "x".repeat(MAX_NOTE),
        privacy: Privacy::Shared,
    };
    check_in(&mut w.v, s.id, full, T0).expect("exactly the limit is fine");
}

#[test]
fn choosing_again_moves_a_card_and_reflecting_again_replaces_only_ones_own() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, false, 1, T0);
    let card = crate::catalog::builtin()[0].id.clone();
    choose(&mut w.v, s.id, &card, true).unwrap();
    choose(&mut w.v, s.id, &card, true).unwrap();
    let got = get(&w.v, s.id).unwrap();
    assert_eq!(got.accepted, vec![card.clone()], "once");
    choose(&mut w.v, s.id, &card, false).unwrap();
    let got = get(&w.v, s.id).unwrap();
    assert!(got.accepted.is_empty());
    assert_eq!(got.declined, vec![card.clone()]);
    // Taking another card leaves the one set aside where it is.
    let other = crate::catalog::builtin()[1].id.clone();
    choose(&mut w.v, s.id, &other, true).unwrap();
    let got = get(&w.v, s.id).unwrap();
    assert_eq!((got.accepted, got.declined), (vec![other], vec![card]));
    let mine = |text: &str, person| Reflection {
        person,
        felt_good: Text {
            text: text.into(),
            shared: true,
            ..Default::default()
        },
        ..Default::default()
    };
    reflect(&mut w.v, s.id, mine("mine", w.me), T0).unwrap();
    reflect(&mut w.v, s.id, mine("Sam's", w.sam), T0).unwrap();
    reflect(&mut w.v, s.id, mine("mine, again", w.me), T0).unwrap();
    let texts: Vec<String> = get(&w.v, s.id)
        .unwrap()
        .reflections
        .iter()
        .map(|r| r.felt_good.text.clone())
        .collect();
    assert_eq!(texts, vec!["Sam's".to_owned(), "mine, again".to_owned()]);
}

#[test]
fn each_persons_shared_check_in_steers_as_theirs() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, false, 3, T0);
    let close = NewCheckIn {
        person: w.sam,
        stage: Stage::Before,
        check_in: CheckIn {
            need: Some(crate::checkin::NeedNow::Closeness),
            ..Default::default()
        },
        note: String::new(),
        privacy: Privacy::Shared,
    };
    check_in(&mut w.v, s.id, close, T0).unwrap();
    let reasons: Vec<String> = suggest(&w.v, s.id, &[], More::count(5))
        .unwrap()
        .suggestions
        .into_iter()
        .map(|s| s.reason)
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("Sam asked for closeness")),
        "{reasons:?}"
    );
    assert!(!reasons
        .iter()
        .any(|r| r.contains("you asked for closeness")));
}

#[test]
fn we_stopped_takes_the_session_to_gentle_cards_and_is_kept() {
    let mut w = world();
    let s = begin(&mut w, Context::Scene, false, 3, T0);
    assert!(!s.stopped);
    let stopped = stop(&mut w.v, s.id).unwrap();
    assert_eq!(
        (stopped.stopped, stopped.step),
        (true, Step::Cards),
        "asks nothing: straight to the cards"
    );
    assert!(
        get(&w.v, s.id).unwrap().stopped,
        "kept, so coming back stays gentle"
    );

    let cards = suggest(&w.v, s.id, &[], More::count(3))
        .unwrap()
        .suggestions;
    assert_eq!(
        cards[0].card.id,
        "after-a-stop",
        "{:?}",
        cards.iter().map(|c| &c.card.id).collect::<Vec<_>>()
    );
    assert!(cards
        .iter()
        .all(|c| c.card.touch == crate::catalog::Touch::None));
    let panic = [Moment::Panic];
    let named = More {
        moments: &panic,
        ..More::count(3)
    };
    let cards = suggest(&w.v, s.id, &[], named).unwrap().suggestions;
    assert_eq!(
        cards[0].card.id, "after-panic-or-a-flashback",
        "the moment named leads"
    );

    crate::followup::end_session(&mut w.v, s.id, false, T0 + H).unwrap();
    assert!(
        matches!(stop(&mut w.v, s.id), Err(Error::Invalid(_))),
        "an ended session cannot stop"
    );
}

#[test]
fn moments_named_outside_a_stop_change_nothing() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, false, 3, T0);
    let barrier = [Moment::Barrier];
    let named = More {
        moments: &barrier,
        ..More::count(5)
    };
    let cards = suggest(&w.v, s.id, &[], named).unwrap().suggestions;
    assert!(
        cards.iter().all(|c| c.card.moment.is_none()),
        "not on the stop path"
    );
    assert_eq!(
        cards.iter().map(|c| &c.card.id).collect::<Vec<_>>(),
        suggest(&w.v, s.id, &[], More::count(5))
            .unwrap()
            .suggestions
            .iter()
            .map(|c| &c.card.id)
            .collect::<Vec<_>>()
    );
}

#[test]
fn each_person_chooses_to_talk_now_later_or_not_at_all() {
    let mut w = world();
    let s = begin(&mut w, Context::Tender, false, 3, T0);
    stop(&mut w.v, s.id).unwrap();
    let stranger = RecordId::generate();
    assert!(
        matches!(
            crate::followup::end_session_with(&mut w.v, s.id, false, &[stranger], T0 + H),
            Err(Error::Invalid(_))
        ),
        "only someone who was there"
    );
    assert!(
        get(&w.v, s.id).unwrap().ended_at_ms.is_none(),
        "a refused ending changes nothing"
    );
    let (ended, _) =
        crate::followup::end_session_with(&mut w.v, s.id, false, &[w.sam, w.sam], T0 + H).unwrap();
    assert_eq!(
        ended.talk_later,
        vec![w.sam],
        "Sam, once; the others chose now or not at all"
    );
    assert!(
        ended.talk_tomorrow,
        "someone chose later: the reflection comes to the check-in"
    );
    let kept = get(&w.v, s.id).unwrap();
    assert_eq!((kept.talk_later, kept.talk_tomorrow), (vec![w.sam], true));

    let other = begin(&mut w, Context::Tender, false, 4, T0 + 2 * H);
    let (ended, _) =
        crate::followup::end_session_with(&mut w.v, other.id, false, &[], T0 + 3 * H).unwrap();
    assert!(
        !ended.talk_tomorrow && ended.talk_later.is_empty(),
        "nobody chose later"
    );
}

#[test]
fn the_time_there_is_shapes_the_cards_and_is_checked() {
    let mut w = world();
    let short = Start {
        minutes_available: Some(5),
        ..together(&w, Context::Tender, false)
    };
    let s = start(&mut w.v, short, 3, T0).unwrap();
    assert_eq!(get(&w.v, s.id).unwrap().minutes_available, Some(5), "kept");
    for seed in 0..3 {
        let cards = suggest(&w.v, s.id, &[], More::count(5))
            .unwrap()
            .suggestions;
        assert!(!cards.is_empty());
        assert!(
            cards.iter().all(|c| c.card.minutes <= 5),
            "seed {seed}: {:?}",
            cards
                .iter()
                .map(|c| (&c.card.id, c.card.minutes))
                .collect::<Vec<_>>()
        );
    }
    crate::followup::end_session(&mut w.v, s.id, false, T0 + 1).unwrap();
    let plain = together(&w, Context::Tender, false);
    let open = start(&mut w.v, plain, 3, T0 + 2).unwrap();
    let cards = suggest(&w.v, open.id, &[], More::count(5))
        .unwrap()
        .suggestions;
    assert!(
        cards.iter().any(|c| c.card.minutes > 5),
        "no rush: longer cards come too"
    );
    let never = Start {
        minutes_available: Some(0),
        ..together(&w, Context::Tender, false)
    };
    assert!(matches!(
        start(&mut w.v, never, 3, T0 + 3),
        Err(Error::Invalid(_))
    ));
}
