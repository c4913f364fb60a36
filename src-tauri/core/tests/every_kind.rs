//! The every-kind fixture: a vault written by Tend 0.1 holding at least one record of every
//! kind it stores (see examples/make_every_kind.rs). Each record is read back through the
//! typed API and compared field by field with what was stored, so a renamed or retyped
//! field in any record shows here, not in someone's vault.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use tend_core::checkin::{CheckIn, Text};
use tend_core::settings::Settings;
use tend_core::vault::{RecordId, Secret, Vault};
use tend_core::{catalog, feedback, followup, plan, profile, session, support, timer};

fn fixture() -> (tempfile::TempDir, Value) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/every-kind-v1");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(src.join("tend.vault"), dir.path().join("tend.vault")).unwrap();
    let expected =
        serde_json::from_str(&std::fs::read_to_string(src.join("expected.json")).unwrap()).unwrap();
    (dir, expected)
}

/// One field: the typed value, as JSON, is exactly what was stored.
fn same<T: Serialize>(what: &str, actual: &T, expected: &Value) {
    assert_eq!(
        &serde_json::to_value(actual).unwrap(),
        expected,
        "{what} no longer reads as it was stored"
    );
}

fn records<'a>(expected: &'a Value, kind: &str) -> Vec<&'a Value> {
    let all: Vec<&Value> = expected["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind)
        .collect();
    assert!(!all.is_empty(), "the fixture holds at least one {kind}");
    all
}

fn text(what: &str, actual: &Text, e: &Value) {
    same(&format!("{what}.text"), &actual.text, &e["text"]);
    same(&format!("{what}.shared"), &actual.shared, &e["shared"]);
}

fn check_in(what: &str, c: &CheckIn, e: &Value) {
    same(&format!("{what}.feelings"), &c.feelings, &e["feelings"]);
    same(&format!("{what}.need"), &c.need, &e["need"]);
    same(&format!("{what}.no_touch"), &c.no_touch, &e["no_touch"]);
}

fn id(r: &Value) -> RecordId {
    r["id"].as_str().unwrap().parse().unwrap()
}

fn check_every_kind(v: &Vault, expected: &Value) {
    let s = Settings::load(v).unwrap();
    let e = &records(expected, "settings")[0]["value"];
    same(
        "settings.auto_lock_minutes",
        &s.auto_lock_minutes,
        &e["auto_lock_minutes"],
    );
    same("settings.theme", &s.theme, &e["theme"]);
    same(
        "settings.follow_up_hours",
        &s.follow_up_hours,
        &e["follow_up_hours"],
    );
    same(
        "settings.follow_up_extra",
        &s.follow_up_extra,
        &e["follow_up_extra"],
    );
    same("settings.sound", &s.sound, &e["sound"]);
    same("settings.haptics", &s.haptics, &e["haptics"]);
    assert!(
        e.get("region").is_none_or(Value::is_null) && s.region.is_none(),
        "a vault from before the support region loads without one"
    );

    for r in records(expected, "profiles") {
        let e = &r["value"];
        let p = profile::get(v, id(r)).unwrap();
        same("profile.id", &p.id, &e["id"]);
        same("profile.name", &p.name, &e["name"]);
        same("profile.is_me", &p.is_me, &e["is_me"]);
        same("profile.closeness", &p.closeness, &e["closeness"]);
        same("profile.talk", &p.talk, &e["talk"]);
        same(
            "profile.touch_comfort",
            &p.touch_comfort,
            &e["touch_comfort"],
        );
        same("profile.needs", &p.needs, &e["needs"]);
        let l = &e["hard_limits"];
        same(
            "profile.hard_limits.cards",
            &p.hard_limits.cards,
            &l["cards"],
        );
        same(
            "profile.hard_limits.categories",
            &p.hard_limits.categories,
            &l["categories"],
        );
        same(
            "profile.hard_limits.max_touch",
            &p.hard_limits.max_touch,
            &l["max_touch"],
        );
        same(
            "profile.hard_limits.items",
            &p.hard_limits.items,
            &l["items"],
        );
        same("profile.favourites", &p.favourites, &e["favourites"]);
        same(
            "profile.trauma_sensitive",
            &p.trauma_sensitive,
            &e["trauma_sensitive"],
        );
    }

    for r in records(expected, "custom_cards") {
        let e = &r["value"];
        let c = catalog::find(v, e["id"].as_str().unwrap()).unwrap();
        same("card.id", &c.id, &e["id"]);
        same("card.title", &c.title, &e["title"]);
        same("card.how", &c.how, &e["how"]);
        same("card.why", &c.why, &e["why"]);
        same("card.category", &c.category, &e["category"]);
        same("card.contexts", &c.contexts, &e["contexts"]);
        same("card.roles", &c.roles, &e["roles"]);
        same("card.touch", &c.touch, &e["touch"]);
        same("card.talk", &c.talk, &e["talk"]);
        same("card.energy", &c.energy, &e["energy"]);
        same("card.minutes", &c.minutes, &e["minutes"]);
        same("card.items", &c.items, &e["items"]);
        same("card.timer", &c.timer, &e["timer"]);
        same("card.needs_partner", &c.needs_partner, &e["needs_partner"]);
        same("card.predictable", &c.predictable, &e["predictable"]);
        same("card.custom", &c.custom, &e["custom"]);
    }

    let plans = plan::list(v).unwrap();
    for r in records(expected, "plans") {
        let e = &r["value"];
        let p = plans
            .iter()
            .find(|p| p.id == id(r))
            .expect("the plan is listed");
        same("plan.name", &p.name, &e["name"]);
        same("plan.people", &p.people, &e["people"]);
        same("plan.context", &p.context, &e["context"]);
        same("plan.cards", &p.cards, &e["cards"]);
        same("plan.avoid", &p.avoid, &e["avoid"]);
        same("plan.note", &p.note, &e["note"]);
    }

    for r in records(expected, "feedback") {
        // The row is the person's id with every byte XOR 0xA5.
        let mut person = *id(r).as_bytes();
        person.iter_mut().for_each(|b| *b ^= 0xA5);
        let book = feedback::book(v, RecordId::from_bytes(person)).unwrap();
        for (card, counts) in r["value"]["cards"].as_object().unwrap() {
            let c = book.counts(card);
            same("feedback.helped", &c.helped, &counts["helped"]);
            same("feedback.neutral", &c.neutral, &counts["neutral"]);
            same("feedback.not_for_me", &c.not_for_me, &counts["not_for_me"]);
        }
        assert_eq!(
            book.cards.len(),
            r["value"]["cards"].as_object().unwrap().len()
        );
    }

    for r in records(expected, "sessions") {
        let e = &r["value"];
        let s = session::get(v, id(r)).unwrap();
        same("session.id", &s.id, &e["id"]);
        same("session.startedAtMs", &s.started_at_ms, &e["startedAtMs"]);
        same("session.endedAtMs", &s.ended_at_ms, &e["endedAtMs"]);
        same("session.people", &s.people, &e["people"]);
        same("session.context", &s.context, &e["context"]);
        same("session.intensity", &s.intensity, &e["intensity"]);
        same("session.passDevice", &s.pass_device, &e["passDevice"]);
        same("session.seed", &s.seed, &e["seed"]);
        same("session.plan", &s.plan, &e["plan"]);
        same("session.accepted", &s.accepted, &e["accepted"]);
        same("session.declined", &s.declined, &e["declined"]);
        same("session.talkTomorrow", &s.talk_tomorrow, &e["talkTomorrow"]);
        same("session.step", &s.step, &e["step"]);
        let stored = e["checkIns"].as_array().unwrap();
        assert_eq!(s.check_ins.len(), stored.len());
        for (c, e) in s.check_ins.iter().zip(stored) {
            same("checkIn.person", &c.person, &e["person"]);
            same("checkIn.atMs", &c.at_ms, &e["atMs"]);
            same("checkIn.stage", &c.stage, &e["stage"]);
            check_in("checkIn.checkIn", &c.check_in, &e["checkIn"]);
            same("checkIn.note", &c.note, &e["note"]);
            same("checkIn.shared", &c.shared, &e["shared"]);
        }
        let stored = e["reflections"].as_array().unwrap();
        assert_eq!(s.reflections.len(), stored.len());
        for (r, e) in s.reflections.iter().zip(stored) {
            same("reflection.person", &r.person, &e["person"]);
            same("reflection.atMs", &r.at_ms, &e["atMs"]);
            text("reflection.feltGood", &r.felt_good, &e["feltGood"]);
            text("reflection.change", &r.change, &e["change"]);
            same(
                "reflection.uncomfortable",
                &r.uncomfortable,
                &e["uncomfortable"],
            );
            same(
                "reflection.uncomfortableShared",
                &r.uncomfortable_shared,
                &e["uncomfortableShared"],
            );
            text(
                "reflection.uncomfortableNote",
                &r.uncomfortable_note,
                &e["uncomfortableNote"],
            );
            text(
                "reflection.appreciation",
                &r.appreciation,
                &e["appreciation"],
            );
            same("reflection.rituals", &r.rituals, &e["rituals"]);
        }
    }

    for r in records(expected, "follow_ups") {
        let e = &r["value"];
        let f = followup::get(v, id(r)).unwrap();
        same("followUp.id", &f.id, &e["id"]);
        same("followUp.session", &f.session, &e["session"]);
        same("followUp.dueAtMs", &f.due_at_ms, &e["dueAtMs"]);
        same("followUp.afterHours", &f.after_hours, &e["afterHours"]);
        same("followUp.doneAtMs", &f.done_at_ms, &e["doneAtMs"]);
        let stored = e["answers"].as_array().unwrap();
        assert_eq!(f.answers.len(), stored.len());
        for (a, e) in f.answers.iter().zip(stored) {
            same("answer.person", &a.person, &e["person"]);
            same("answer.atMs", &a.at_ms, &e["atMs"]);
            check_in("answer.checkIn", &a.check_in, &e["checkIn"]);
            same("answer.low", &a.low, &e["low"]);
            text("answer.need", &a.need, &e["need"]);
        }
    }

    for r in records(expected, "timers") {
        let e = &r["value"];
        let t = timer::get(v, id(r)).unwrap();
        same("timer.id", &t.id, &e["id"]);
        same("timer.kind", &t.kind, &e["kind"]);
        same("timer.label", &t.label, &e["label"]);
        same("timer.session", &t.session, &e["session"]);
        same("timer.card", &t.card, &e["card"]);
        same("timer.startedAtMs", &t.started_at_ms, &e["startedAtMs"]);
        same("timer.durationMs", &t.duration_ms, &e["durationMs"]);
        same("timer.extendedMs", &t.extended_ms, &e["extendedMs"]);
        same(
            "timer.pausedTotalMs",
            &t.paused_total_ms,
            &e["pausedTotalMs"],
        );
        same("timer.pausedAtMs", &t.paused_at_ms, &e["pausedAtMs"]);
        same("timer.stoppedAtMs", &t.stopped_at_ms, &e["stoppedAtMs"]);
    }

    let contacts = support::contacts(v).unwrap();
    for r in records(expected, "contacts") {
        let e = &r["value"];
        let c = contacts
            .iter()
            .find(|c| c.id == id(r))
            .expect("the contact is listed");
        same("contact.name", &c.name, &e["name"]);
        same("contact.how", &c.how, &e["how"]);
    }
}

#[test]
fn every_kind_reads_back_field_by_field_with_the_passphrase() {
    let (dir, expected) = fixture();
    let mut v =
        Vault::open(dir.path(), 0, tend_core::kinds::ALL).expect("the every-kind vault opens");
    assert_eq!(v.format().unwrap(), 1);
    v.unlock(expected["passphrase"].as_str().unwrap(), 0)
        .unwrap();
    assert_eq!(v.format().unwrap(), 2, "upgraded on its first unlock");
    check_every_kind(&v, &expected);
    assert!(v.integrity_ok().unwrap());
    drop(v);
    let mut again = Vault::open(dir.path(), 0, tend_core::kinds::ALL).unwrap();
    again
        .unlock(expected["passphrase"].as_str().unwrap(), 0)
        .unwrap();
    check_every_kind(&again, &expected);
}

#[test]
fn every_kind_opens_with_its_recovery_code() {
    let (dir, expected) = fixture();
    let mut v = Vault::open(dir.path(), 0, tend_core::kinds::ALL).unwrap();
    v.unlock_with(
        Secret::RecoveryCode(expected["recovery_code"].as_str().unwrap()),
        0,
    )
    .unwrap();
    check_every_kind(&v, &expected);
}
