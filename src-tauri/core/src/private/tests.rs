use super::*;

use crate::catalog::{Context, Touch};
use crate::checkin::{CheckIn, Text};
use crate::profile::{self, Profile};
use crate::session::{Participant, Stage, Start};
use crate::vault::space::SpaceLock;
use crate::vault::Cost;

const T0: u64 = 1_800_000_000_000;
const SAMS: &str = "velvet harbour quietly sings";

struct World {
    _dir: tempfile::TempDir,
    v: Vault,
    m: Memory,
    me: RecordId,
    sam: RecordId,
    session: RecordId,
}

fn world(pass_device: bool) -> World {
    let (dir, mut v) = crate::test_support::vault();
    let person = |v: &mut Vault, name: &str, is_me| {
        profile::save(
            v,
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
    let me = person(&mut v, "Me", true);
    let sam = person(&mut v, "Sam", false);
    let start = Start {
        people: [me, sam]
            .map(|person| Participant { person, role: None })
            .to_vec(),
        context: Context::Tender,
        intensity: 2,
        pass_device,
        minutes_available: None,
    };
    let session = session::start(&mut v, start, 7, T0).unwrap().id;
    World {
        _dir: dir,
        v,
        m: Memory::default(),
        me,
        sam,
        session,
    }
}

fn make_space(w: &mut World) {
    let (lock, keys) = SpaceLock::make(SAMS, Cost::FLOOR, &w.sam).unwrap();
    space::make(&mut w.v, w.sam, lock, &keys, T0).unwrap();
}

fn new(person: RecordId, note: &str, privacy: Privacy) -> NewCheckIn {
    NewCheckIn {
        person,
        stage: Stage::Before,
        check_in: CheckIn {
            feelings: vec!["tender".into()],
            no_touch: true,
            ..Default::default()
        },
        note: note.into(),
        privacy,
    }
}

/// Everything the owner's key opens, as text.
fn owner_reads(w: &World) -> String {
    serde_json::to_string(&w.v.readable_export().unwrap()).unwrap()
}

fn touches(w: &World, memory: &Memory) -> bool {
    suggest(&w.v, memory, w.session, crate::session::More::count(5))
        .unwrap()
        .suggestions
        .iter()
        .any(|s| s.card.touch > Touch::None)
}

#[test]
fn an_answer_not_kept_steers_the_cards_and_never_reaches_the_vault() {
    let mut w = world(true);
    assert!(
        touches(&w, &w.m),
        "touch cards come up when nobody said otherwise"
    );
    let view = check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "NOT-KEPT-CANARY", Privacy::NotKept),
        T0 + 1,
    )
    .unwrap();
    assert_eq!(view.check_ins[0].held, Some(Held::Memory));
    assert!(!owner_reads(&w).contains("NOT-KEPT-CANARY"));
    assert!(!touches(&w, &w.m), "Sam's 'no touch' steers the cards");
    assert!(touches(&w, &Memory::default()), "a restart forgets it");
    let stored = session::get(&w.v, w.session).unwrap();
    assert!(!forgotten(&stored, &w.m));
    assert!(
        forgotten(&stored, &Memory::default()),
        "and the session says so"
    );
    end_session(&mut w.v, &mut w.m, w.session, false, T0 + 2).unwrap();
    assert!(
        w.m.entries(w.session).is_empty(),
        "the end of the session forgets it"
    );
}

#[test]
fn kept_means_the_owners_vault_for_the_owner_and_the_space_for_anyone_else() {
    let mut w = world(true);
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.me, "OWNER-KEPT", Privacy::Kept),
        T0 + 1,
    )
    .unwrap();
    let stored = session::get(&w.v, w.session).unwrap();
    assert!(!stored.check_ins[0].shared && stored.check_ins[0].held.is_none());
    assert!(owner_reads(&w).contains("OWNER-KEPT"));
    let refused = check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "X", Privacy::Kept),
        T0 + 2,
    );
    assert!(
        matches!(refused, Err(Error::Invalid(_))),
        "no space yet: asked to make one"
    );
    make_space(&mut w);
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "SPACE-KEPT", Privacy::Kept),
        T0 + 3,
    )
    .unwrap();
    assert!(!owner_reads(&w).contains("SPACE-KEPT"));
    assert_eq!(space::count(&w.v, w.sam).unwrap(), 1);
    assert!(
        !touches(&w, &w.m),
        "kept in the space, it still steers this session"
    );
    let keys = space::find(&w.v, w.sam)
        .unwrap()
        .unwrap()
        .lock
        .open(SAMS, &w.sam)
        .unwrap();
    let opened = space::read(&mut w.v, w.sam, &keys).unwrap();
    assert!(
        matches!(&opened.entries[0], Entry::CheckIn { entry, .. } if entry.note == "SPACE-KEPT")
    );
}

#[test]
fn shared_answers_go_to_the_vault_for_everyone_and_answering_again_replaces_the_last() {
    let mut w = world(false);
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "first", Privacy::NotKept),
        T0 + 1,
    )
    .unwrap();
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "SHARED", Privacy::Shared),
        T0 + 2,
    )
    .unwrap();
    assert!(
        w.m.entries(w.session).is_empty(),
        "the not-kept one is replaced"
    );
    let as_me = session::for_owner(&w.v, w.session).unwrap();
    assert_eq!(as_me.check_ins.len(), 1);
    assert_eq!(as_me.check_ins[0].note, "SHARED");
}

fn reflection(w: &World) -> Reflection {
    Reflection {
        person: w.sam,
        felt_good: Text {
            text: "REFLECTION-CANARY".into(),
            ..Default::default()
        },
        uncomfortable: Some(true),
        uncomfortable_note: Text {
            text: "LIMIT-CANARY".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn a_reflection_beside_the_others_keeps_only_me_when_chosen() {
    for privacy in [Privacy::NotKept, Privacy::Kept] {
        let mut w = world(false);
        make_space(&mut w);
        let r = reflection(&w);
        reflect(&mut w.v, &mut w.m, w.session, r, privacy, T0 + 1).unwrap();
        let text = owner_reads(&w);
        assert!(!text.contains("LIMIT-CANARY") && !text.contains("REFLECTION-CANARY"));
        let as_me = session::for_owner(&w.v, w.session).unwrap();
        assert!(as_me.reflections[0].felt_good.withheld);
        assert_eq!(as_me.reflections[0].uncomfortable, None);
    }
    let mut w = world(false);
    let r = reflection(&w);
    reflect(&mut w.v, &mut w.m, w.session, r, Privacy::Shared, T0 + 1).unwrap();
    let as_me = session::for_owner(&w.v, w.session).unwrap();
    assert_eq!(as_me.reflections[0].uncomfortable_note.text, "LIMIT-CANARY");
    assert_eq!(as_me.reflections[0].uncomfortable, Some(true));
}

#[test]
fn follow_up_answers_go_where_their_person_chose() {
    let mut w = world(false);
    make_space(&mut w);
    let (_, fus) = end_session(&mut w.v, &mut w.m, w.session, false, T0).unwrap();
    let answer = |person, need: &str, privacy| followup::NewAnswer {
        person,
        check_in: CheckIn::default(),
        said_low: true,
        drop: Some(followup::DropToday::Yes),
        not_right: Some(true),
        need: need.into(),
        privacy,
    };
    let low = answer_follow_up(
        &mut w.v,
        &mut w.m,
        fus[0].id,
        answer(w.sam, "NEED-KEPT", Privacy::Kept),
        T0 + 1,
    )
    .unwrap();
    assert!(low, "the screen still learns to offer grounding");
    assert!(!owner_reads(&w).contains("NEED-KEPT"));
    let stored = followup::get(&w.v, fus[0].id).unwrap();
    assert_eq!(
        (stored.answers[0].drop, stored.answers[0].not_right),
        (None, None),
        "the vault keeps only a marker: no drop, nothing about what did not sit right"
    );
    answer_follow_up(
        &mut w.v,
        &mut w.m,
        fus[1 % fus.len()].id,
        answer(w.sam, "NEED-NOT-KEPT", Privacy::NotKept),
        T0 + 2,
    )
    .unwrap();
    assert!(!owner_reads(&w).contains("NEED-NOT-KEPT"));
    assert_eq!(w.m.entries(fus[1 % fus.len()].id).len(), 1);
    complete_follow_up(&mut w.v, &mut w.m, fus[1 % fus.len()].id, T0 + 3).unwrap();
    assert!(w.m.entries(fus[1 % fus.len()].id).is_empty());
    let as_me = followup::for_owner(&w.v, w.session).unwrap();
    assert!(as_me.iter().flat_map(|f| &f.answers).all(|a| a.withheld));
    assert!(as_me
        .iter()
        .flat_map(|f| &f.answers)
        .all(|a| a.drop.is_none() && a.not_right.is_none()));
    assert!(
        as_me
            .iter()
            .flat_map(|f| &f.answers)
            .all(|a| a.held.is_none()),
        "nor how it was kept"
    );
}

#[test]
fn a_session_with_only_shared_answers_has_forgotten_nothing_after_a_lock() {
    let mut w = world(true);
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "SHARED", Privacy::Shared),
        T0 + 1,
    )
    .unwrap();
    let r = reflection(&w);
    reflect(&mut w.v, &mut w.m, w.session, r, Privacy::Shared, T0 + 2).unwrap();
    let stored = session::get(&w.v, w.session).unwrap();
    assert_eq!(stored.reflections.len(), 1);
    assert!(
        !forgotten(&stored, &Memory::default()),
        "nothing was held in memory, so a lock lost nothing"
    );
}

#[test]
fn memory_forgets_everything_when_cleared_and_opens_nothing_sealed_before() {
    let mut w = world(true);
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "x", Privacy::NotKept),
        T0 + 1,
    )
    .unwrap();
    assert!(w.m.holds(w.session));
    let before = w.m.held.clone();
    w.m.clear();
    assert!(!w.m.holds(w.session));
    w.m.held = before;
    assert!(
        w.m.entries(w.session).is_empty(),
        "a new key opens nothing of the old"
    );
}

#[test]
fn no_reason_names_a_private_answer_of_any_kind() {
    for privacy in [Privacy::NotKept, Privacy::Kept] {
        let mut w = world(true);
        make_space(&mut w);
        let mut sad = new(w.sam, "", privacy);
        sad.check_in = CheckIn {
            feelings: vec!["sad".into(), "exposed".into()],
            need: Some(crate::checkin::NeedNow::Space),
            no_touch: true,
            body: vec![],
        };
        check_in(&mut w.v, &mut w.m, w.session, sad, T0 + 1).unwrap();
        let answer = suggest(&w.v, &w.m, w.session, crate::session::More::count(5)).unwrap();
        let reasons: Vec<&str> = answer
            .suggestions
            .iter()
            .map(|s| s.reason.as_str())
            .collect();
        let text = reasons.join(" ").to_lowercase();
        for word in ["sad", "exposed", "space", "touch", "sam"] {
            assert!(!text.contains(word), "{privacy:?}: {word} in {reasons:?}");
        }
        assert!(
            answer
                .suggestions
                .iter()
                .all(|s| s.card.touch == Touch::None),
            "yet it steers"
        );
    }
}

#[test]
fn memory_keeps_one_answer_per_slot_and_scope() {
    let w = world(true);
    let mut m = Memory::default();
    let entry = |note: &str, at| {
        let s = session::get(&w.v, w.session).unwrap();
        Entry::CheckIn {
            session: w.session,
            entry: s.entry(new(w.sam, note, Privacy::NotKept), at).unwrap(),
        }
    };
    let (one, two) = (RecordId::generate(), RecordId::generate());
    m.hold(one, "a".into(), &entry("first", 1)).unwrap();
    m.hold(one, "b".into(), &entry("other slot", 2)).unwrap();
    m.hold(two, "a".into(), &entry("other scope", 3)).unwrap();
    assert_eq!(m.entries(one).len(), 2, "another slot is kept");
    assert_eq!(m.entries(two).len(), 1, "another scope is kept");
    m.hold(one, "a".into(), &entry("again", 4)).unwrap();
    let notes: Vec<String> = m
        .entries(one)
        .into_iter()
        .map(|e| match e {
            Entry::CheckIn { entry, .. } => entry.note,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        notes,
        vec!["other slot".to_owned(), "again".to_owned()],
        "oldest first, replaced"
    );
    m.forget_slot(one, "b");
    assert_eq!(m.entries(one).len(), 1);
    assert_eq!(
        m.entries(two).len(),
        1,
        "forgetting one slot leaves other scopes"
    );
    m.forget(one);
    assert!(!m.holds(one) && m.holds(two));
}

#[test]
fn each_persons_not_kept_answers_are_held_apart_and_the_marker_holds_nothing() {
    let mut w = world(true);
    let mut shared_sam = new(w.sam, "SAM-NOTE", Privacy::Shared);
    shared_sam.stage = Stage::After;
    check_in(&mut w.v, &mut w.m, w.session, shared_sam, T0).unwrap();
    assert!(
        !forgotten(&session::get(&w.v, w.session).unwrap(), &w.m),
        "nothing was held in memory, so nothing is forgotten"
    );
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.me, "ME-NOTE", Privacy::NotKept),
        T0 + 1,
    )
    .unwrap();
    check_in(
        &mut w.v,
        &mut w.m,
        w.session,
        new(w.sam, "SAM-BEFORE", Privacy::NotKept),
        T0 + 2,
    )
    .unwrap();
    assert_eq!(
        w.m.entries(w.session).len(),
        2,
        "one each, not one for both"
    );
    let stored = session::get(&w.v, w.session).unwrap();
    let marker = stored
        .check_ins
        .iter()
        .find(|c| c.person == w.sam && c.stage == Stage::Before)
        .unwrap();
    assert_eq!(marker.held, Some(Held::Memory));
    assert!(
        marker.check_in.feelings.is_empty() && !marker.check_in.no_touch && marker.note.is_empty()
    );
    assert!(!marker.shared);
}

#[test]
fn a_reflection_kept_elsewhere_leaves_a_marker_with_its_time_and_ratings() {
    let mut w = world(true);
    let card = crate::catalog::builtin()[0].id.clone();
    session::choose(&mut w.v, w.session, &card, true).unwrap();
    let mut r = reflection(&w);
    r.rituals = vec![(card.clone(), crate::feedback::Verdict::Helped)];
    reflect(&mut w.v, &mut w.m, w.session, r, Privacy::NotKept, T0 + 9).unwrap();
    let stored = session::get(&w.v, w.session).unwrap();
    let marker = &stored.reflections[0];
    assert_eq!(marker.held, Some(Held::Memory));
    assert_eq!(marker.at_ms, T0 + 9);
    assert_eq!(
        marker.rituals,
        vec![(card, crate::feedback::Verdict::Helped)]
    );
    assert!(marker.felt_good.text.is_empty() && marker.uncomfortable.is_none());
}
