use super::*;

use crate::catalog::Context;
use crate::checkin::{CheckIn, Privacy};
use crate::profile;
use crate::session::{self, NewCheckIn, Participant, Stage, Start};
use crate::vault::Cost;

const T0: u64 = 1_800_000_000_000;
const SAMS: &str = "velvet harbour quietly sings";

struct World {
    _dir: tempfile::TempDir,
    v: Vault,
    me: RecordId,
    sam: RecordId,
    session: RecordId,
}

fn world() -> World {
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
        pass_device: true,
        minutes_available: None,
    };
    let session = session::start(&mut v, start, 1, T0).unwrap().id;
    World {
        _dir: dir,
        v,
        me,
        sam,
        session,
    }
}

fn make_space(w: &mut World) -> (Space, SpaceKeys) {
    let (lock, keys) = SpaceLock::make(SAMS, Cost::FLOOR, &w.sam).unwrap();
    let space = make(&mut w.v, w.sam, lock, &keys, T0).unwrap();
    (space, keys)
}

fn sams_check_in(w: &World, note: &str, at: u64) -> Entry {
    let s = session::get(&w.v, w.session).unwrap();
    let new = NewCheckIn {
        person: w.sam,
        stage: Stage::Before,
        check_in: CheckIn {
            feelings: vec!["sad".into()],
            ..Default::default()
        },
        note: note.into(),
        privacy: Privacy::Kept,
    };
    Entry::CheckIn {
        session: w.session,
        entry: s.entry(new, at).unwrap(),
    }
}

fn put_entry(w: &mut World, space: &Space, entry: &Entry) {
    w.v.write(|wr| put(wr, space, entry)).unwrap();
}

fn put_note(w: &mut World, space: &Space, note: &str, at: u64) {
    let entry = sams_check_in(w, note, at);
    put_entry(w, space, &entry);
}

#[test]
fn what_is_sealed_into_a_space_opens_only_with_its_passphrase() {
    let mut w = world();
    let (space, _) = make_space(&mut w);
    let entry = sams_check_in(&w, "only for me", T0 + 1);
    put_entry(&mut w, &space, &entry);
    // The owner's key opens the record around it, never the answer.
    let raw = serde_json::to_string(&w.v.readable_export().unwrap()).unwrap();
    assert!(!raw.contains("only for me"), "{raw}");
    let stored = find(&w.v, w.sam).unwrap().unwrap();
    assert!(matches!(
        stored.lock.open("velvet harbour quietly sang", &w.sam),
        Err(VaultError::WrongPassphrase)
    ));
    let keys = stored.lock.open(SAMS, &w.sam).unwrap();
    let opened = read(&mut w.v, w.sam, &keys).unwrap();
    assert_eq!(opened.entries, vec![entry]);
    assert!(!opened.changed);
    assert_eq!(count(&w.v, w.sam).unwrap(), 1);
}

#[test]
fn an_answer_taken_out_or_swapped_is_reported_when_the_space_is_next_opened() {
    let mut w = world();
    let (space, keys) = make_space(&mut w);
    put_note(&mut w, &space, "one", T0 + 1);
    put_note(&mut w, &space, "two", T0 + 2);
    assert!(!read(&mut w.v, w.sam, &keys).unwrap().changed, "first look");
    // Someone with the vault's key removes one answer.
    let gone = item_ids(&w.v, w.sam).unwrap()[0];
    w.v.remove::<Item>(gone).unwrap();
    let opened = read(&mut w.v, w.sam, &keys).unwrap();
    assert!(opened.changed, "a removal is reported");
    assert_eq!(opened.entries.len(), 1);
    assert!(
        !read(&mut w.v, w.sam, &keys).unwrap().changed,
        "and then the space checks from what was just shown"
    );
    // An answer's sealed bytes replaced by another's.
    put_note(&mut w, &space, "three", T0 + 3);
    read(&mut w.v, w.sam, &keys).unwrap();
    let items = items(&w.v, w.sam).unwrap();
    let mut swapped = items[0].clone();
    swapped.sealed = items[1].sealed.clone();
    w.v.save(&swapped).unwrap();
    assert!(read(&mut w.v, w.sam, &keys).unwrap().changed);
    // An answer forged in place: sealing needs only the space's public half, which the
    // vault holds, so someone with the vault's key can seal new words under an old id.
    read(&mut w.v, w.sam, &keys).unwrap();
    let first = super::items(&w.v, w.sam).unwrap()[0].clone();
    let forged = serde_json::to_vec(&sams_check_in(&w, "forged", T0 + 4)).unwrap();
    let sealed = space.lock.seal(&w.sam, &first.id, &forged).unwrap();
    w.v.save(&Item {
        sealed: to_hex(&sealed),
        ..first
    })
    .unwrap();
    assert!(
        read(&mut w.v, w.sam, &keys).unwrap().changed,
        "new words under an old id are reported"
    );
    // A guard written by someone without the space's key.
    let mut s = find(&w.v, w.sam).unwrap().unwrap();
    s.guard.tag = to_hex(&[0u8; 32]);
    w.v.save(&s).unwrap();
    assert!(read(&mut w.v, w.sam, &keys).unwrap().changed);
}

#[test]
fn a_space_is_one_per_person_and_never_the_owners() {
    let mut w = world();
    let (lock, keys) = SpaceLock::make(SAMS, Cost::FLOOR, &w.me).unwrap();
    assert!(matches!(
        make(&mut w.v, w.me, lock, &keys, T0),
        Err(Error::Invalid(_))
    ));
    make_space(&mut w);
    let (lock, keys) = SpaceLock::make(SAMS, Cost::FLOOR, &w.sam).unwrap();
    assert!(matches!(
        make(&mut w.v, w.sam, lock, &keys, T0),
        Err(Error::Invalid(_))
    ));
    let nobody = RecordId::generate();
    let (lock, keys) = SpaceLock::make(SAMS, Cost::FLOOR, &nobody).unwrap();
    assert!(make(&mut w.v, nobody, lock, &keys, T0).is_err());
}

#[test]
fn deleting_a_space_or_its_person_takes_every_answer_with_it() {
    let mut w = world();
    let (space, _) = make_space(&mut w);
    put_note(&mut w, &space, "one", T0 + 1);
    delete(&mut w.v, w.sam).unwrap();
    assert!(find(&w.v, w.sam).unwrap().is_none());
    assert!(w.v.list::<Item>().unwrap().is_empty());
    assert!(delete(&mut w.v, w.sam).is_err(), "nothing left to delete");
    let (space, _) = make_space(&mut w);
    put_note(&mut w, &space, "two", T0 + 2);
    crate::forget::person(&mut w.v, w.sam).unwrap();
    assert!(find(&w.v, w.sam).unwrap().is_none());
    assert!(w.v.list::<Item>().unwrap().is_empty());
}

/// Sam's answers from before spaces: private, but under the owner's key.
fn earlier_answers(w: &mut World) {
    let entry = match sams_check_in(w, "EARLIER-CHECK-IN", T0 + 1) {
        Entry::CheckIn { entry, .. } => entry,
        _ => unreachable!(),
    };
    session::check_in(&mut w.v, w.session, entry).unwrap();
    let r = Reflection {
        person: w.sam,
        felt_good: Text {
            text: "EARLIER-SHARED".into(),
            shared: true,
            ..Default::default()
        },
        uncomfortable: Some(true),
        uncomfortable_note: Text {
            text: "EARLIER-LIMIT".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    session::reflect(&mut w.v, w.session, r, T0 + 2).unwrap();
    let (_, fus) = crate::followup::end_session(&mut w.v, w.session, false, T0 + 3).unwrap();
    let new = crate::followup::NewAnswer {
        person: w.sam,
        check_in: CheckIn::default(),
        said_low: true,
        drop: None,
        not_right: None,
        need: "EARLIER-NEED".into(),
        privacy: Privacy::Kept,
    };
    let (f, a) = crate::followup::prepare(&w.v, fus[0].id, new, T0 + 4).unwrap();
    crate::followup::answer(&mut w.v, f, a).unwrap();
}

fn owner_can_read(w: &World, needle: &str) -> bool {
    serde_json::to_string(&w.v.readable_export().unwrap())
        .unwrap()
        .contains(needle)
}

#[test]
fn earlier_private_answers_move_into_a_new_space_and_leave_only_markers() {
    let mut w = world();
    earlier_answers(&mut w);
    assert_eq!(earlier(&w.v, w.sam).unwrap().len(), 3);
    assert!(
        earlier(&w.v, w.me).unwrap().is_empty(),
        "the owner's are the owner's"
    );
    let (space, keys) = make_space(&mut w);
    assert_eq!(settle_earlier(&mut w.v, w.sam, Some(&space)).unwrap(), 3);
    for needle in ["EARLIER-CHECK-IN", "EARLIER-LIMIT", "EARLIER-NEED"] {
        assert!(!owner_can_read(&w, needle), "{needle}");
    }
    assert!(
        owner_can_read(&w, "EARLIER-SHARED"),
        "what was shared stays"
    );
    assert!(earlier(&w.v, w.sam).unwrap().is_empty());
    let opened = read(&mut w.v, w.sam, &keys).unwrap();
    assert_eq!(opened.entries.len(), 3);
    let s = session::get(&w.v, w.session).unwrap();
    assert_eq!(s.check_ins[0].held, Some(Held::Space));
    assert_eq!(settle_earlier(&mut w.v, w.sam, Some(&space)).unwrap(), 0);
}

#[test]
fn the_owner_can_delete_earlier_private_answers_unread() {
    let mut w = world();
    earlier_answers(&mut w);
    assert_eq!(settle_earlier(&mut w.v, w.sam, None).unwrap(), 3);
    for needle in ["EARLIER-CHECK-IN", "EARLIER-LIMIT", "EARLIER-NEED"] {
        assert!(!owner_can_read(&w, needle), "{needle}");
    }
    let s = session::get(&w.v, w.session).unwrap();
    assert_eq!(s.check_ins[0].held, Some(Held::Removed));
    let f = &crate::followup::all(&w.v).unwrap()[0];
    assert_eq!(f.answers[0].held, Some(Held::Removed));
    assert!(w.v.list::<Item>().unwrap().is_empty());
}

#[test]
fn a_space_lives_under_its_persons_id_xor_0x5a() {
    let person = RecordId::from_bytes([0x0F; 16]);
    assert_eq!(space_id(person), RecordId::from_bytes([0x55; 16]));
    assert_eq!(space_id(space_id(person)), person);
}

#[test]
fn answers_come_back_oldest_first_with_their_session_and_are_counted() {
    let mut w = world();
    let (space, keys) = make_space(&mut w);
    assert_eq!(count(&w.v, w.sam).unwrap(), 0);
    for at in [T0 + 3, T0 + 1, T0 + 2] {
        put_note(&mut w, &space, "x", at);
    }
    assert_eq!(count(&w.v, w.sam).unwrap(), 3);
    let opened = read(&mut w.v, w.sam, &keys).unwrap();
    let times: Vec<u64> = opened.entries.iter().map(Entry::at_ms).collect();
    assert_eq!(times, vec![T0 + 1, T0 + 2, T0 + 3]);
    assert!(opened.entries.iter().all(|e| e.session() == w.session));
    assert!(opened.entries.iter().all(|e| e.person() == w.sam));
}

#[test]
fn a_guard_whose_list_was_shortened_does_not_hide_a_removed_answer() {
    let mut w = world();
    let (space, keys) = make_space(&mut w);
    put_note(&mut w, &space, "one", T0 + 1);
    put_note(&mut w, &space, "two", T0 + 2);
    read(&mut w.v, w.sam, &keys).unwrap();
    // Someone with the vault's key removes an answer and drops it from what was seen.
    let gone = item_ids(&w.v, w.sam).unwrap()[0];
    w.v.remove::<Item>(gone).unwrap();
    let mut s = find(&w.v, w.sam).unwrap().unwrap();
    s.guard.seen.retain(|(id, _)| *id != gone);
    w.v.save(&s).unwrap();
    assert!(read(&mut w.v, w.sam, &keys).unwrap().changed);
    // Nor does a guard taken from another person's space.
    let (other, other_keys) = SpaceLock::make(SAMS, Cost::FLOOR, &w.me).unwrap();
    let mine = Space {
        id: space_id(w.me),
        person: w.me,
        made_at_ms: T0,
        lock: other,
        guard: guard(&other_keys, w.sam, Vec::new()),
    };
    w.v.save(&mine).unwrap();
    assert!(
        read(&mut w.v, w.me, &other_keys).unwrap().changed,
        "bound to its person"
    );
}

#[test]
fn only_answers_with_a_private_part_count_as_earlier_private() {
    let mut w = world();
    let shared = Reflection {
        person: w.sam,
        felt_good: Text {
            text: "all shared".into(),
            shared: true,
            ..Default::default()
        },
        uncomfortable: Some(false),
        uncomfortable_shared: true,
        ..Default::default()
    };
    session::reflect(&mut w.v, w.session, shared, T0 + 1).unwrap();
    assert!(
        earlier(&w.v, w.sam).unwrap().is_empty(),
        "nothing private in it"
    );
    let only_the_yes = Reflection {
        person: w.sam,
        uncomfortable: Some(true),
        ..Default::default()
    };
    session::reflect(&mut w.v, w.session, only_the_yes, T0 + 2).unwrap();
    assert_eq!(
        earlier(&w.v, w.sam).unwrap().len(),
        1,
        "a private yes counts"
    );
}

#[test]
fn earlier_answers_in_two_follow_ups_are_all_taken_out() {
    let mut w = world();
    let (_, fus) = crate::followup::end_session(&mut w.v, w.session, false, T0).unwrap();
    // A tender moment leaves one follow-up; another session leaves another.
    let start = Start {
        people: [w.me, w.sam]
            .map(|person| Participant { person, role: None })
            .to_vec(),
        context: Context::Tender,
        intensity: 2,
        pass_device: true,
        minutes_available: None,
    };
    let second = session::start(&mut w.v, start, 2, T0 + 1).unwrap().id;
    let (_, more) = crate::followup::end_session(&mut w.v, second, false, T0 + 2).unwrap();
    for (f, need) in [(fus[0].id, "NEED-ONE"), (more[0].id, "NEED-TWO")] {
        let new = crate::followup::NewAnswer {
            person: w.sam,
            check_in: CheckIn::default(),
            said_low: false,
            drop: None,
            not_right: None,
            need: need.into(),
            privacy: Privacy::Kept,
        };
        let (f, a) = crate::followup::prepare(&w.v, f, new, T0 + 3).unwrap();
        crate::followup::answer(&mut w.v, f, a).unwrap();
    }
    assert_eq!(settle_earlier(&mut w.v, w.sam, None).unwrap(), 2);
    assert!(!owner_can_read(&w, "NEED-ONE") && !owner_can_read(&w, "NEED-TWO"));
}
