use super::*;
use crate::catalog::Role;
use crate::session::{self, Participant, Start};

const H: u64 = 60 * 60_000;
const T0: u64 = 1_700_000_000_000;

/// An answer kept in the vault, private to its author (the route `private.rs` takes for
/// the device owner's own).
fn answer(
    v: &mut Vault,
    id: RecordId,
    person: RecordId,
    check_in: CheckIn,
    said_low: bool,
    need: Text,
    now_ms: u64,
) -> Result<FollowUp> {
    let new = NewAnswer {
        person,
        check_in,
        said_low,
        drop: None,
        not_right: None,
        need: need.text,
        privacy: Privacy::Kept,
    };
    let (f, a) = prepare(v, id, new, now_ms)?;
    super::answer(v, f, a)
}

fn session_with(context: Context, intensity: u8) -> Session {
    Session {
        id: RecordId::generate(),
        started_at_ms: T0,
        ended_at_ms: Some(T0 + H),
        people: vec![],
        context,
        intensity,
        pass_device: false,
        minutes_available: None,
        seed: 0,
        plan: None,
        check_ins: vec![],
        accepted: vec![],
        declined: vec![],
        reflections: vec![],
        talk_tomorrow: false,
        talk_later: vec![],
        stopped: false,
        step: crate::session::Step::Done,
    }
}

#[test]
fn a_gentle_session_gets_one_next_day_check_in() {
    let f = schedule(&session_with(Context::Tender, 2), &Settings::default(), T0);
    assert_eq!(f.iter().map(|f| f.after_hours).collect::<Vec<_>>(), [24]);
    assert_eq!(
        f[0].due_at_ms,
        T0 + 25 * H,
        "24 hours after the session ended"
    );
}

#[test]
fn intense_moments_and_scenes_add_two_and_three_days_as_the_person_prefers() {
    for (context, intensity) in [
        (Context::Intense, 2),
        (Context::Scene, 1),
        (Context::Tender, 5),
    ] {
        let f = schedule(&session_with(context, intensity), &Settings::default(), T0);
        assert_eq!(
            f.iter().map(|f| f.after_hours).collect::<Vec<_>>(),
            [24, 48, 72],
            "{context:?}"
        );
    }
    let no_extra = Settings {
        follow_up_extra: false,
        ..Settings::default()
    };
    assert_eq!(
        schedule(&session_with(Context::Scene, 5), &no_extra, T0).len(),
        1
    );
    let later = Settings {
        follow_up_hours: 60,
        ..Settings::default()
    };
    let hours: Vec<u32> = schedule(&session_with(Context::Scene, 5), &later, T0)
        .iter()
        .map(|f| f.after_hours)
        .collect();
    assert_eq!(hours, [60, 72], "no check-in before the first one chosen");
}

#[test]
fn low_is_read_from_the_words_or_said_directly() {
    let c = |w: &[&str]| CheckIn {
        feelings: w.iter().map(|s| (*s).into()).collect(),
        ..Default::default()
    };
    assert!(is_low(&c(&["sad", "drained"]), false));
    assert!(!is_low(&c(&["content"]), false));
    assert!(is_low(&c(&["content"]), true));
    assert!(!is_low(&c(&[]), false));
}

#[test]
fn due_answer_and_complete_against_the_clock() {
    let (_dir, mut v) = crate::test_support::vault();
    let (me, s) = owner_alone(&mut v, Context::Scene, Some(Role::Bottom));
    let (_, fus) = end_session(&mut v, s.id, false, T0).unwrap();
    assert!(due(&v, T0 + 23 * H).unwrap().is_empty());
    assert_eq!(due(&v, T0 + 24 * H).unwrap().len(), 1);
    assert_eq!(due(&v, T0 + 80 * H).unwrap().len(), 3);
    assert_eq!(upcoming(&v).unwrap().len(), 3);
    let low = CheckIn {
        feelings: vec!["empty".into()],
        ..Default::default()
    };
    let f = answer(
        &mut v,
        fus[0].id,
        me,
        low,
        false,
        Text {
            text: "a walk".into(),
            ..Default::default()
        },
        T0 + 25 * H,
    )
    .unwrap();
    assert!(
        f.answers[0].low,
        "the screen then offers grounding and support"
    );
    assert!(answer(
        &mut v,
        fus[0].id,
        RecordId::from_bytes([0xcc; 16]),
        CheckIn::default(),
        false,
        Text::default(),
        T0
    )
    .is_err());
    complete(&mut v, fus[0].id, T0 + 25 * H).unwrap();
    assert_eq!(due(&v, T0 + 80 * H).unwrap().len(), 2);
    assert!(
        answer(
            &mut v,
            RecordId::from_bytes([0xdd; 16]),
            me,
            CheckIn::default(),
            false,
            Text::default(),
            T0
        )
        .is_err(),
        "unknown follow-up"
    );
}

#[test]
fn what_someone_needs_stays_theirs_in_the_session_view() {
    let (_dir, mut v) = crate::test_support::vault();
    let p = |name: &str, me| crate::profile::Profile {
        name: name.into(),
        is_me: me,
        ..Default::default()
    };
    let me = crate::profile::save(&mut v, None, p("Me", true))
        .unwrap()
        .id;
    let sam = crate::profile::save(&mut v, None, p("Sam", false))
        .unwrap()
        .id;
    let people = vec![
        Participant {
            person: me,
            role: None,
        },
        Participant {
            person: sam,
            role: None,
        },
    ];
    let s = session::start(
        &mut v,
        Start {
            people,
            context: Context::Tender,
            intensity: 2,
            pass_device: true,
            minutes_available: None,
        },
        1,
        T0,
    )
    .unwrap();
    let (s, fus) = end_session(&mut v, s.id, false, T0).unwrap();
    let sad = CheckIn {
        feelings: vec!["sad".into()],
        ..Default::default()
    };
    let need = Text {
        text: "a slow morning".into(),
        ..Default::default()
    };
    answer(&mut v, fus[0].id, sam, sad, false, need, T0 + 25 * H).unwrap();
    let as_me = for_session(&v, &s, Some(me)).unwrap();
    let sams = &as_me[0].answers[0];
    assert!(
        sams.withheld
            && !sams.low
            && sams.check_in.feelings.is_empty()
            && sams.need.text.is_empty(),
        "Sam kept it private: I see only that there was an answer"
    );
    let as_sam = for_session(&v, &s, Some(sam)).unwrap();
    assert_eq!(as_sam[0].answers[0].need.text, "a slow morning");
}

fn solo_session(v: &mut Vault, at: u64) -> Session {
    let me = crate::profile::save(
        v,
        None,
        crate::profile::Profile {
            name: format!("Me {at}"),
            is_me: false,
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    session::start(
        v,
        Start {
            people: vec![Participant {
                person: me,
                role: None,
            }],
            context: Context::Solo,
            intensity: 2,
            pass_device: false,
            minutes_available: None,
        },
        1,
        at,
    )
    .unwrap()
}

#[test]
fn only_a_session_from_the_last_few_hours_is_offered_and_older_ones_close_as_they_stand() {
    let (_dir, mut v) = crate::test_support::vault();
    let week_old = solo_session(&mut v, T0);
    let yesterday = solo_session(&mut v, T0 + 6 * 24 * H);
    let tonight = solo_session(&mut v, T0 + 7 * 24 * H - H);
    let now = T0 + 7 * 24 * H;
    let offered = resumable(&mut v, now).unwrap().expect("tonight's");
    assert_eq!(offered.id, tonight.id);
    let closed = session::get(&v, week_old.id).unwrap();
    assert_eq!(
        closed.ended_at_ms,
        Some(T0),
        "ended when it was last touched"
    );
    assert_eq!(closed.step, session::Step::Done);
    let due_of = |id| -> Vec<u64> {
        all(&v)
            .unwrap()
            .iter()
            .filter(|f| f.session == id)
            .map(|f| f.due_at_ms)
            .collect()
    };
    assert_eq!(due_of(week_old.id), vec![now], "one check-in, due now");
    assert_eq!(
        due_of(yesterday.id),
        vec![T0 + 7 * 24 * H],
        "its next-day check-in, due now"
    );
    assert!(due_of(tonight.id).is_empty(), "still open");
    // A check-in an hour ago keeps an older start resumable.
    let later = now + 5 * H;
    assert!(
        resumable(&mut v, later).unwrap().is_none(),
        "tonight's is too old by then"
    );
}

/// The device's owner, and a session of theirs alone in `context` that started at T0.
fn owner_alone(v: &mut Vault, context: Context, role: Option<Role>) -> (RecordId, Session) {
    let me = crate::profile::save(
        v,
        None,
        crate::profile::Profile {
            name: "Me".into(),
            is_me: true,
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let start = Start {
        people: vec![Participant { person: me, role }],
        context,
        intensity: if context == Context::Scene { 4 } else { 2 },
        pass_device: false,
        minutes_available: None,
    };
    (me, session::start(v, start, 1, T0).unwrap())
}

#[test]
fn drop_and_what_did_not_sit_right_are_kept_as_said() {
    let (_dir, mut v) = crate::test_support::vault();
    let (me, s) = owner_alone(&mut v, Context::Tender, None);
    let (_, fus) = end_session(&mut v, s.id, false, T0).unwrap();
    let new = NewAnswer {
        person: me,
        check_in: CheckIn::default(),
        said_low: false,
        drop: Some(DropToday::ALittle),
        not_right: Some(true),
        need: String::new(),
        privacy: Privacy::Kept,
    };
    let (f, a) = prepare(&v, fus[0].id, new, T0 + 25 * H).unwrap();
    assert_eq!(
        (a.drop, a.not_right),
        (Some(DropToday::ALittle), Some(true))
    );
    assert!(!a.low, "a little drop is not, by itself, a low answer");
    super::answer(&mut v, f, a).unwrap();
    let back = get(&v, fus[0].id).unwrap();
    assert_eq!(back.answers[0].drop, Some(DropToday::ALittle));
    assert_eq!(back.answers[0].not_right, Some(true));
    assert_eq!(
        serde_json::to_value(DropToday::ALittle).unwrap(),
        "a_little"
    );
}
