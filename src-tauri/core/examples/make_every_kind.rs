//! Writes an every-kind fixture: a vault holding at least one record of every kind Tend
//! stores (settings, profiles with limits, plans, custom cards, feedback, sessions with
//! check-ins and reflections, timers, follow-ups, contacts), plus `expected.json` with its
//! passphrase, recovery code and every record as stored. `tests/fixtures/every-kind-v1`
//! was written by the code of its day and committed; every later version must read it
//! back through the typed API (`tests/every_kind.rs`).
//!     cargo run -p tend-core --example make_every_kind -- tests/fixtures/every-kind-v1

use std::path::PathBuf;

use serde_json::json;
use tend_core::catalog::{self, Card, CardTimer, Category, Context, Energy, Role, Talk, Touch};
use tend_core::checkin::{CheckIn, NeedNow, Privacy, Text};
use tend_core::feedback::{self, Verdict};
use tend_core::followup;
use tend_core::plan::{self, Plan};
use tend_core::profile::{self, HardLimits, Need, Profile};
use tend_core::session::{self, NewCheckIn, Participant, Reflection, Stage, Start, Step};
use tend_core::settings::{Settings, Theme};
use tend_core::support::{self, Contact};
use tend_core::timer::{self, Timer, TimerKind};
use tend_core::vault::{Cost, RecordId, Vault};

/// 2026-11-26 21:30 UTC: a fixed evening, so the fixture reads the same every time.
const T0: u64 = 1_795_728_600_000;
const MIN: u64 = 60_000;

/// A check-in kept in the vault as chosen.
fn check_in(v: &mut Vault, id: RecordId, new: NewCheckIn, at: u64) -> tend_core::Result<()> {
    let entry = session::get(v, id)?.entry(new, at)?;
    session::check_in(v, id, entry).map(drop)
}

/// A follow-up answer kept in the vault, private to its author.
fn answer(
    v: &mut Vault,
    id: RecordId,
    person: RecordId,
    check_in: CheckIn,
    said_low: bool,
    need: Text,
    at: u64,
) -> tend_core::Result<()> {
    let new = followup::NewAnswer {
        person,
        check_in,
        said_low,
        need: need.text,
        drop: None,
        not_right: None,
        privacy: Privacy::Kept,
    };
    let (f, a) = followup::prepare(v, id, new, at)?;
    followup::answer(v, f, a).map(drop)
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: make_every_kind DIR"));
    if Vault::exists(&dir) {
        eprintln!(
            "{} already holds a vault; fixtures are never rewritten",
            dir.display()
        );
        std::process::exit(1);
    }
    let passphrase = "amber willow ferry nocturne";
    let (mut v, code) =
        Vault::create(&dir, passphrase, Cost::FLOOR, tend_core::kinds::ALL).expect("create");

    let settings = Settings {
        auto_lock_minutes: 9,
        theme: Theme::Light,
        follow_up_hours: 20,
        follow_up_extra: true,
        sound: true,
        eyes_closed_tone: true,
        haptics: false,
        region: None,
        quiet_hours: None,
        insights: true,
    };
    settings.save(&mut v).expect("settings");

    let own = catalog::save_custom(
        &mut v,
        None,
        Card {
            id: String::new(),
            title: "Tea on the balcony".into(),
            how: "Make two cups of something warm and sit outside, wrapped up, saying little."
                .into(),
            why: "Fresh air and warmth may help you both land.".into(),
            category: Category::Practical,
            contexts: vec![Context::Tender, Context::Scene],
            roles: vec![Role::Top, Role::Bottom],
            touch: Touch::Light,
            talk: Talk::Some,
            energy: Energy::Medium,
            minutes: 15,
            items: vec!["tea".into(), "blanket".into()],
            timer: Some(CardTimer::Countdown { minutes: 15 }),
            needs_partner: true,
            predictable: false,
            moment: None,
            sources: vec![],
            custom: false,
        },
    )
    .expect("custom card");

    let me = profile::save(
        &mut v,
        None,
        Profile {
            name: "Robin".into(),
            is_me: true,
            closeness: Some(1),
            talk: Some(-2),
            touch_comfort: Some(Touch::Full),
            needs: vec![Need::Water, Need::Warmth],
            hard_limits: HardLimits {
                cards: vec!["share-a-laugh".into()],
                categories: vec![Category::Conversation],
                max_touch: None,
                items: vec!["ice".into()],
            },
            favourites: vec!["hand-on-heart".into(), own.id.clone()],
            trauma_sensitive: false,
            ..Default::default()
        },
    )
    .expect("me");
    let sam = profile::save(
        &mut v,
        None,
        Profile {
            name: "Sam".into(),
            closeness: Some(-2),
            talk: None,
            touch_comfort: Some(Touch::Light),
            needs: vec![Need::Snack, Need::Shower],
            hard_limits: HardLimits {
                cards: vec!["slow-stroking".into()],
                categories: vec![],
                max_touch: Some(Touch::Light),
                items: vec![],
            },
            favourites: vec!["box-breathing".into()],
            trauma_sensitive: true,
            ..Default::default()
        },
    )
    .expect("sam");

    plan::save(
        &mut v,
        None,
        Plan {
            name: "After the rope scene".into(),
            people: vec![me.id, sam.id],
            context: Some(Context::Scene),
            cards: vec!["scene-blanket".into(), "box-breathing".into()],
            avoid: vec!["calming-music".into()],
            note: "Water first, then the blanket. Ask before any touch.".into(),
            ..Default::default()
        },
    )
    .expect("plan");

    feedback::record(&mut v, me.id, "hand-on-heart", Verdict::Helped).expect("feedback");
    feedback::record(&mut v, me.id, "calming-music", Verdict::NotForMe).expect("feedback");
    feedback::record(&mut v, sam.id, "box-breathing", Verdict::Neutral).expect("feedback");

    support::save_contact(
        &mut v,
        None,
        Contact {
            name: "Alex (friend)".into(),
            how: "Text first, any evening".into(),
            ..Default::default()
        },
    )
    .expect("contact");

    // A scene, answered privately one at a time, carried through to the end.
    let s = session::start(
        &mut v,
        Start {
            people: vec![
                Participant {
                    person: me.id,
                    role: Some(Role::Top),
                },
                Participant {
                    person: sam.id,
                    role: Some(Role::Bottom),
                },
            ],
            context: Context::Scene,
            intensity: 4,
            pass_device: true,
            minutes_available: None,
        },
        42,
        T0,
    )
    .expect("start");
    check_in(
        &mut v,
        s.id,
        NewCheckIn {
            person: me.id,
            stage: Stage::Before,
            check_in: CheckIn {
                feelings: vec!["wired".into(), "proud".into()],
                need: Some(NeedNow::Closeness),
                no_touch: false,
                body: vec![],
            },
            note: "Heart still racing a little.".into(),
            privacy: Privacy::Shared,
        },
        T0 + MIN,
    )
    .expect("check-in");
    check_in(
        &mut v,
        s.id,
        NewCheckIn {
            person: sam.id,
            stage: Stage::Before,
            check_in: CheckIn {
                feelings: vec!["floaty".into(), "exposed".into()],
                need: Some(NeedNow::Space),
                no_touch: true,
                body: vec![],
            },
            note: "A bit far away.".into(),
            privacy: Privacy::Kept,
        },
        T0 + 2 * MIN,
    )
    .expect("check-in");
    session::set_step(&mut v, s.id, Step::Cards).expect("step");
    session::choose(&mut v, s.id, "scene-blanket", true).expect("accept");
    session::choose(&mut v, s.id, "box-breathing", true).expect("accept");
    session::choose(&mut v, s.id, "calming-music", false).expect("decline");

    let mut breathing = Timer::new(
        TimerKind::Breathing {
            pattern: catalog::Pattern::Box,
        },
        "Box breathing",
        5 * MIN,
        T0 + 3 * MIN,
    )
    .expect("timer");
    breathing.session = Some(s.id);
    breathing.card = Some("box-breathing".into());
    let mut breathing = timer::start(&mut v, breathing, T0 + 3 * MIN).expect("timer");
    breathing.pause(T0 + 4 * MIN).expect("pause");
    breathing.resume(T0 + 5 * MIN).expect("resume");
    breathing.extend(MIN, T0 + 6 * MIN).expect("extend");
    breathing.stop(T0 + 7 * MIN);
    timer::save(&mut v, &breathing).expect("timer");

    check_in(
        &mut v,
        s.id,
        NewCheckIn {
            person: sam.id,
            stage: Stage::After,
            check_in: CheckIn {
                feelings: vec!["calm".into()],
                need: None,
                no_touch: false,
                body: vec![],
            },
            note: String::new(),
            privacy: Privacy::Shared,
        },
        T0 + 8 * MIN,
    )
    .expect("check-in");
    session::set_step(&mut v, s.id, Step::Reflect).expect("step");
    session::reflect(
        &mut v,
        s.id,
        Reflection {
            person: sam.id,
            felt_good: Text {
                text: "The blanket and the quiet.".into(),
                shared: true,
                ..Default::default()
            },
            change: Text {
                text: "A little more time before talking.".into(),
                shared: false,
                ..Default::default()
            },
            uncomfortable: Some(true),
            uncomfortable_shared: false,
            uncomfortable_note: Text {
                text: "The wrist tie was tighter than agreed.".into(),
                shared: false,
                ..Default::default()
            },
            appreciation: Text {
                text: "You checked in twice.".into(),
                shared: true,
                ..Default::default()
            },
            rituals: vec![
                ("scene-blanket".into(), Verdict::Helped),
                ("box-breathing".into(), Verdict::NotForMe),
            ],
            ..Default::default()
        },
        T0 + 9 * MIN,
    )
    .expect("reflect");
    session::reflect(
        &mut v,
        s.id,
        Reflection {
            person: me.id,
            felt_good: Text {
                text: "Being trusted.".into(),
                shared: true,
                ..Default::default()
            },
            uncomfortable: Some(false),
            rituals: vec![("scene-blanket".into(), Verdict::Neutral)],
            ..Default::default()
        },
        T0 + 10 * MIN,
    )
    .expect("reflect");
    let (_, follow_ups) = followup::end_session(&mut v, s.id, true, T0 + 11 * MIN).expect("end");
    let first = &follow_ups[0];
    answer(
        &mut v,
        first.id,
        sam.id,
        CheckIn {
            feelings: vec!["flat".into(), "lonely".into()],
            need: None,
            no_touch: false,
            body: vec![],
        },
        true,
        Text {
            text: "A call in the evening would help.".into(),
            ..Default::default()
        },
        first.due_at_ms + 30 * MIN,
    )
    .expect("answer");
    answer(
        &mut v,
        first.id,
        me.id,
        CheckIn {
            feelings: vec!["content".into()],
            need: None,
            no_touch: false,
            body: vec![],
        },
        false,
        Text::default(),
        first.due_at_ms + 40 * MIN,
    )
    .expect("answer");
    followup::complete(&mut v, first.id, first.due_at_ms + 41 * MIN).expect("complete");

    // A tender moment together, still open at the cards step, with a countdown running.
    let open = session::start(
        &mut v,
        Start {
            people: vec![
                Participant {
                    person: me.id,
                    role: None,
                },
                Participant {
                    person: sam.id,
                    role: None,
                },
            ],
            context: Context::Tender,
            intensity: 2,
            pass_device: false,
            minutes_available: None,
        },
        7,
        T0 + 3 * 24 * 60 * MIN,
    )
    .expect("start");
    check_in(
        &mut v,
        open.id,
        NewCheckIn {
            person: me.id,
            stage: Stage::Before,
            check_in: CheckIn {
                feelings: vec!["tender".into(), "sleepy".into()],
                need: None,
                no_touch: false,
                body: vec![],
            },
            note: String::new(),
            privacy: Privacy::Shared,
        },
        T0 + 3 * 24 * 60 * MIN + MIN,
    )
    .expect("check-in");
    session::set_step(&mut v, open.id, Step::Cards).expect("step");
    session::choose(&mut v, open.id, &own.id, true).expect("accept");
    let mut cuddle = Timer::new(
        TimerKind::Countdown,
        "Tea on the balcony",
        15 * MIN,
        T0 + 3 * 24 * 60 * MIN + 2 * MIN,
    )
    .expect("timer");
    cuddle.session = Some(open.id);
    cuddle.card = Some(own.id.clone());
    timer::start(&mut v, cuddle, T0 + 3 * 24 * 60 * MIN + 2 * MIN).expect("timer");

    // Everything as stored, kind by kind.
    let mut records = Vec::new();
    let export = v.readable_export().expect("export");
    for (kind, rows) in export["kinds"].as_object().expect("kinds") {
        for row in rows.as_array().expect("rows") {
            records.push(json!({ "kind": kind, "id": row["id"], "value": row["value"] }));
        }
    }
    v.lock().expect("lock");
    drop(v);
    let _ = std::fs::remove_file(dir.join("tend.vault.lock"));
    let expected = json!({
        "passphrase": passphrase,
        "recovery_code": code.display().as_str(),
        "records": records,
    });
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap() + "\n",
    )
    .unwrap();
    println!("wrote {}", dir.display());
}
