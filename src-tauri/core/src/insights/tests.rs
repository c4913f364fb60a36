use super::*;

use crate::checkin::{Held, Text};
use crate::followup::FollowUpAnswer;
use crate::profile::{self, Profile};
use crate::session::{CheckInEntry, Participant, Reflection, Step};

const H: u64 = 60 * 60_000;
const T0: u64 = 1_700_000_000_000;

fn feeling(words: &[&str]) -> CheckIn {
    CheckIn {
        feelings: words.iter().map(|w| w.to_string()).collect(),
        ..Default::default()
    }
}

fn session(people: &[RecordId], context: Context, intensity: u8, at: u64, minutes: u64) -> Session {
    Session {
        id: RecordId::generate(),
        started_at_ms: at,
        ended_at_ms: Some(at + minutes * 60_000),
        people: people
            .iter()
            .map(|&person| Participant { person, role: None })
            .collect(),
        context,
        intensity,
        pass_device: false,
        minutes_available: None,
        seed: 1,
        plan: None,
        check_ins: Vec::new(),
        accepted: Vec::new(),
        declined: Vec::new(),
        reflections: Vec::new(),
        talk_tomorrow: false,
        talk_later: Vec::new(),
        stopped: false,
        step: Step::Done,
    }
}

fn check(person: RecordId, stage: Stage, words: &[&str], shared: bool) -> CheckInEntry {
    CheckInEntry {
        person,
        at_ms: T0,
        stage,
        check_in: feeling(words),
        note: String::new(),
        shared,
        held: None,
        withheld: false,
    }
}

fn rated(person: RecordId, rituals: &[(&str, Verdict)]) -> Reflection {
    Reflection {
        person,
        rituals: rituals.iter().map(|(c, v)| (c.to_string(), *v)).collect(),
        ..Default::default()
    }
}

fn follow_up(s: &Session, after_hours: u32, answers: Vec<FollowUpAnswer>) -> FollowUp {
    FollowUp {
        id: RecordId::generate(),
        session: s.id,
        due_at_ms: s.ended_at_ms.unwrap() + u64::from(after_hours) * H,
        after_hours,
        done_at_ms: None,
        answers,
    }
}

fn today(person: RecordId, words: &[&str], low: bool, drop: Option<DropToday>) -> FollowUpAnswer {
    FollowUpAnswer {
        person,
        at_ms: T0,
        check_in: feeling(words),
        low,
        need: Text::default(),
        drop,
        not_right: None,
        shared: Some(true),
        held: None,
        withheld: false,
    }
}

fn cards() -> BTreeMap<String, CardInfo> {
    [
        ("water", "A glass of water", Category::Practical),
        ("blanket", "A warm blanket", Category::Practical),
        ("hold", "Hold each other", Category::Touch),
        ("breathe", "Slow breathing", Category::Regulation),
    ]
    .into_iter()
    .map(|(id, title, category)| {
        (
            id.to_string(),
            CardInfo {
                title: title.into(),
                category,
            },
        )
    })
    .collect()
}

#[test]
fn fewer_than_three_ended_sessions_show_nothing_but_the_count() {
    let me = RecordId::generate();
    let mut a = session(&[me], Context::Intense, 4, T0, 20);
    a.accepted = vec!["water".into()];
    a.reflections = vec![rated(me, &[("water", Verdict::Helped)])];
    a.check_ins = vec![
        check(me, Stage::Before, &["sad"], true),
        check(me, Stage::After, &["calm"], true),
    ];
    let b = a.clone();
    let mut open = a.clone();
    open.ended_at_ms = None;
    let f = follow_up(
        &a,
        24,
        vec![today(me, &["calm"], false, Some(DropToday::Yes))],
    );
    let i = compute(
        &[a.clone(), b.clone(), open],
        std::slice::from_ref(&f),
        &cards(),
    );
    assert_eq!(i.sessions, 2, "a session still open does not count");
    assert!(!i.enough);
    assert!(
        i.rituals.is_empty() && i.moves.is_empty() && i.next_day.is_empty() && i.drop.is_empty()
    );
    let i = compute(&[a.clone(), b, a], &[f], &cards());
    assert_eq!(i.sessions, 3);
    assert!(i.enough);
    assert!(
        !i.rituals.is_empty()
            && !i.moves.is_empty()
            && !i.next_day.is_empty()
            && !i.drop.is_empty()
    );
}

#[test]
fn rituals_count_how_each_landed_and_how_often_each_was_tried_per_person() {
    let (me, sam) = (RecordId::generate(), RecordId::generate());
    let mut list = Vec::new();
    for (i, (mine, sams)) in [
        (Verdict::Helped, Verdict::NotForMe),
        (Verdict::Helped, Verdict::Neutral),
        (Verdict::Neutral, Verdict::NotForMe),
    ]
    .into_iter()
    .enumerate()
    {
        let mut s = session(&[me, sam], Context::Tender, 2, T0 + i as u64 * 48 * H, 30);
        s.accepted = vec!["hold".into(), "water".into()];
        s.reflections = vec![rated(me, &[("hold", mine)]), rated(sam, &[("hold", sams)])];
        list.push(s);
    }
    // Water was chosen three times and rated once; a fourth session without Sam.
    list[0].reflections[0]
        .rituals
        .push(("water".into(), Verdict::Helped));
    let mut solo = session(&[me], Context::Solo, 1, T0 + 200 * H, 10);
    solo.accepted = vec!["water".into()];
    list.push(solo);
    let i = compute(&list, &[], &cards());
    let row = |p, c: &str| {
        i.rituals
            .iter()
            .find(|r| r.person == p && r.card == c)
            .cloned()
    };
    let hold = row(me, "hold").unwrap();
    assert_eq!(
        (hold.tried, hold.helped, hold.neutral, hold.not_for_me),
        (3, 2, 1, 0)
    );
    assert_eq!(hold.title, "Hold each other");
    let water = row(me, "water").unwrap();
    assert_eq!(
        (water.tried, water.helped),
        (4, 1),
        "tried counts every session it was chosen"
    );
    let sams = row(sam, "hold").unwrap();
    assert_eq!(
        (sams.tried, sams.helped, sams.neutral, sams.not_for_me),
        (3, 0, 1, 2)
    );
    assert!(row(sam, "water").is_none(), "nothing rated, nothing to say");
    // What helped most comes first; "not for me" sinks.
    assert_eq!(i.rituals[0].card, "hold");
    assert_eq!(i.rituals[0].person, me);
    assert_eq!(i.rituals.last().unwrap().person, sam);
}

#[test]
fn feelings_move_from_the_first_check_in_to_the_one_after_on_the_grid() {
    let (me, sam) = (RecordId::generate(), RecordId::generate());
    let mut s = session(&[me, sam], Context::Intense, 4, T0, 40);
    s.check_ins = vec![
        check(me, Stage::Before, &["overwhelmed", "shaky"], true),
        check(me, Stage::After, &["calm", "safe"], true),
        // Sam only checked in before: no move to draw.
        check(sam, Stage::Before, &["sad"], true),
    ];
    let list = vec![
        s.clone(),
        session(&[me], Context::Solo, 1, T0 + H, 5),
        session(&[me], Context::Solo, 1, T0 + 2 * H, 5),
    ];
    let i = compute(&list, &[], &cards());
    assert_eq!(i.moves.len(), 1);
    let m = &i.moves[0];
    assert_eq!((m.person, m.session), (me, s.id));
    let calm = crate::feelings::find("calm").unwrap();
    let safe = crate::feelings::find("safe").unwrap();
    assert_eq!(
        m.before,
        Point {
            energy: 1.5,
            pleasantness: -2.0
        }
    );
    assert_eq!(
        m.after,
        Point {
            energy: f32::from(calm.energy + safe.energy) / 2.0,
            pleasantness: f32::from(calm.pleasantness + safe.pleasantness) / 2.0,
        }
    );
    assert!(m.after.pleasantness > m.before.pleasantness);
}

#[test]
fn words_off_the_grid_and_empty_check_ins_place_nowhere() {
    assert_eq!(place(&feeling(&[])), None);
    assert_eq!(place(&feeling(&["not a feeling"])), None);
    assert_eq!(
        place(&feeling(&["sad", "not a feeling"])),
        Some(Point {
            energy: -1.0,
            pleasantness: -2.0
        })
    );
}

#[test]
fn the_next_day_stands_beside_the_moment_its_length_and_the_kinds_of_card() {
    let me = RecordId::generate();
    let mut long = session(&[me], Context::Scene, 5, T0, 45);
    long.accepted = vec![
        "water".into(),
        "blanket".into(),
        "hold".into(),
        "custom-gone".into(),
    ];
    let short = session(&[me], Context::Tender, 2, T0 + 100 * H, 5);
    let third = session(&[me], Context::Solo, 1, T0 + 200 * H, 5);
    let follow_ups = vec![
        follow_up(&long, 24, vec![today(me, &["content"], false, None)]),
        follow_up(
            &long,
            48,
            vec![today(me, &["sad"], true, Some(DropToday::Yes))],
        ),
        follow_up(&short, 24, vec![today(me, &[], true, None)]),
        // Only a 72-hour follow-up: not "the next day".
        follow_up(&third, 72, vec![today(me, &["calm"], false, None)]),
    ];
    let i = compute(&[long.clone(), short.clone(), third], &follow_ups, &cards());
    assert_eq!(i.next_day.len(), 2);
    let l = i.next_day.iter().find(|n| n.session == long.id).unwrap();
    assert_eq!((l.context, l.minutes, l.low), (Context::Scene, 45, false));
    assert_eq!(
        l.categories,
        [Category::Touch, Category::Practical],
        "each kind once, known cards only"
    );
    assert!(
        l.feeling.unwrap().pleasantness > 0.0,
        "the 24-hour answer, not the 48-hour one"
    );
    let s = i.next_day.iter().find(|n| n.session == short.id).unwrap();
    assert_eq!((s.minutes, s.feeling, s.low), (5, None, true));
    assert!(s.categories.is_empty());
}

#[test]
fn drop_is_counted_by_day_after_intense_moments_and_scenes_only() {
    let (me, sam) = (RecordId::generate(), RecordId::generate());
    let scene = session(&[me, sam], Context::Scene, 3, T0, 60);
    let strong = session(&[me], Context::Tender, 4, T0 + 100 * H, 20);
    let gentle = session(&[me], Context::Tender, 2, T0 + 200 * H, 20);
    let follow_ups = vec![
        follow_up(
            &scene,
            24,
            vec![
                today(me, &[], false, Some(DropToday::No)),
                today(sam, &[], true, Some(DropToday::ALittle)),
            ],
        ),
        follow_up(&scene, 48, vec![today(me, &[], true, Some(DropToday::Yes))]),
        follow_up(&strong, 24, vec![today(me, &[], false, None)]),
        follow_up(
            &gentle,
            24,
            vec![today(me, &[], true, Some(DropToday::Yes))],
        ),
    ];
    let i = compute(&[scene, strong, gentle], &follow_ups, &cards());
    assert_eq!(
        i.drop,
        [
            DropDay {
                after_hours: 24,
                answered: 3,
                some_drop: 1,
                low: 1
            },
            DropDay {
                after_hours: 48,
                answered: 1,
                some_drop: 1,
                low: 1
            },
        ]
    );
}

#[test]
fn withheld_answers_and_markers_are_never_counted() {
    let (me, sam) = (RecordId::generate(), RecordId::generate());
    let mut s = session(&[me, sam], Context::Scene, 5, T0, 30);
    let mut hidden = check(sam, Stage::Before, &["scared"], false);
    hidden.withheld = true;
    let mut marker = check(sam, Stage::After, &["calm"], false);
    marker.held = Some(Held::Space);
    s.check_ins = vec![hidden, marker, check(me, Stage::Before, &["sad"], true), {
        let mut m = check(me, Stage::After, &["calm"], false);
        m.held = Some(Held::Memory);
        m
    }];
    let mut secret = today(sam, &["sad"], true, Some(DropToday::Yes));
    secret.withheld = true;
    let mut kept = today(me, &["sad"], true, Some(DropToday::Yes));
    kept.held = Some(Held::Space);
    let f = follow_up(&s, 24, vec![secret, kept]);
    let list = vec![s.clone(), s.clone(), s];
    let i = compute(&list, &[f], &cards());
    assert!(i.enough);
    assert!(i.moves.is_empty(), "{:?}", i.moves);
    assert!(i.next_day.is_empty(), "{:?}", i.next_day);
    assert!(i.drop.is_empty(), "{:?}", i.drop);
}

/// Me and Sam on the owner's device, three ended scene sessions in which Sam answered
/// privately (answers from before people chose where theirs went, still in the vault).
struct World {
    _dir: tempfile::TempDir,
    v: Vault,
    me: RecordId,
    sam: RecordId,
}

fn world() -> World {
    let (dir, mut v) = crate::test_support::vault();
    let mut person = |name: &str, is_me: bool| {
        profile::save(
            &mut v,
            None,
            Profile {
                name: name.into(),
                is_me,
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let (me, sam) = (person("Me", true), person("Sam", false));
    for n in 0..3 {
        let mut s = session(&[me, sam], Context::Scene, 4, T0 + n * 72 * H, 30);
        let card = crate::catalog::builtin()[0].id.clone();
        s.accepted = vec![card.clone()];
        s.check_ins = vec![
            check(me, Stage::Before, &["sad"], false),
            check(me, Stage::After, &["calm"], false),
            check(sam, Stage::Before, &["scared"], false),
            check(sam, Stage::After, &["ashamed"], false),
        ];
        s.reflections = vec![
            rated(me, &[(card.as_str(), Verdict::Helped)]),
            rated(sam, &[(card.as_str(), Verdict::NotForMe)]),
        ];
        v.save(&s).unwrap();
        let mut private = today(sam, &["sad"], true, Some(DropToday::Yes));
        private.shared = Some(false);
        let mut mine = today(me, &["calm"], false, Some(DropToday::No));
        mine.shared = Some(false);
        v.save(&follow_up(&s, 24, vec![private, mine])).unwrap();
    }
    World {
        _dir: dir,
        v,
        me,
        sam,
    }
}

#[test]
fn the_owner_sees_their_own_answers_and_never_someone_elses_private_ones() {
    let w = world();
    let i = for_owner(&w.v).unwrap();
    assert!(i.enough);
    assert_eq!(i.moves.len(), 3);
    assert!(i.moves.iter().all(|m| m.person == w.me));
    assert_eq!(i.rituals.len(), 1);
    assert_eq!(
        (i.rituals[0].person, i.rituals[0].helped, i.rituals[0].tried),
        (w.me, 3, 3)
    );
    assert!(i.next_day.iter().all(|n| n.person == w.me) && i.next_day.len() == 3);
    assert_eq!(
        i.drop,
        [DropDay {
            after_hours: 24,
            answered: 3,
            some_drop: 0,
            low: 0
        }]
    );
    // Sam, as the viewer, sees Sam's own and nothing private of the owner's.
    let j = for_viewer(&w.v, Some(w.sam), None).unwrap();
    assert!(j.moves.iter().all(|m| m.person == w.sam) && j.moves.len() == 3);
    assert!(j.rituals.iter().all(|r| r.person == w.sam));
    assert_eq!(
        j.drop,
        [DropDay {
            after_hours: 24,
            answered: 3,
            some_drop: 3,
            low: 3
        }]
    );
}

#[test]
fn a_persons_opened_space_puts_their_own_answers_back_in_their_place() {
    let mut w = world();
    let sessions = w.v.list::<Session>().unwrap();
    let follow_ups = w.v.list::<FollowUp>().unwrap();
    // Sam's answers in the vault become markers; the real ones are in Sam's space.
    let mut entries = Vec::new();
    for mut s in sessions {
        for c in s.check_ins.iter_mut().filter(|c| c.person == w.sam) {
            entries.push(Entry::CheckIn {
                session: s.id,
                entry: c.clone(),
            });
            *c = c.marker(Held::Space);
        }
        w.v.save(&s).unwrap();
    }
    for mut f in follow_ups {
        for a in f.answers.iter_mut().filter(|a| a.person == w.sam) {
            entries.push(Entry::FollowUp {
                follow_up: f.id,
                session: f.session,
                answer: a.clone(),
            });
            *a = a.marker(Held::Space);
        }
        w.v.save(&f).unwrap();
    }
    let closed = for_viewer(&w.v, Some(w.sam), None).unwrap();
    assert!(closed.moves.is_empty() && closed.drop.is_empty());
    let opened = Opened {
        entries,
        changed: false,
    };
    let open = for_viewer(&w.v, Some(w.sam), Some(&opened)).unwrap();
    assert_eq!(open.moves.len(), 3);
    assert!(open.moves.iter().all(|m| m.person == w.sam));
    assert_eq!(
        open.drop,
        [DropDay {
            after_hours: 24,
            answered: 3,
            some_drop: 3,
            low: 3
        }]
    );
    // The owner never sees what Sam's space holds, opened or not.
    let owner = for_viewer(&w.v, Some(w.me), Some(&opened)).unwrap();
    assert!(owner.moves.iter().all(|m| m.person == w.me));
}

#[test]
fn hidden_in_settings_nothing_is_computed() {
    let mut w = world();
    assert!(if_shown(&w.v, Some(w.me), None).unwrap().unwrap().enough);
    let hidden = crate::settings::Settings {
        insights: false,
        ..Default::default()
    };
    hidden.save(&mut w.v).unwrap();
    assert_eq!(if_shown(&w.v, Some(w.me), None).unwrap(), None);
    assert_eq!(if_shown(&w.v, Some(w.sam), None).unwrap(), None);
}
