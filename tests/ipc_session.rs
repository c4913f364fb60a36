//! "Aftercare now" through the IPC layer: sessions, timers, reflections, follow-ups.

mod common;

use common::*;
use serde_json::{json, Value};

struct Two {
    h: Harness,
    me: String,
    sam: String,
}

fn two() -> Two {
    let h = app();
    first_run(&h);
    let me = invoke(
        &h,
        "save_profile",
        json!({"profile": {"name": "Me", "isMe": true}}),
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sam = invoke(&h, "save_profile", json!({"profile": {"name": "Sam"}})).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Two { h, me, sam }
}

fn start(t: &Two, context: &str, pass_device: bool) -> Value {
    invoke(
        &t.h,
        "start_session",
        json!({"start": {
            "people": [{"person": t.me, "role": null}, {"person": t.sam, "role": null}],
            "context": context, "intensity": 3, "passDevice": pass_device,
        }}),
    )
    .expect("session starts")
}

fn check_in(
    t: &Two,
    id: &Value,
    person: &str,
    words: &[&str],
    note: &str,
    privacy: &str,
) -> Result<Value, Value> {
    invoke(
        &t.h,
        "session_check_in",
        json!({
            "id": id, "person": person, "stage": "before",
            "checkIn": {"feelings": words, "need": null, "noTouch": false}, "note": note, "privacy": privacy,
        }),
    )
}

#[test]
fn the_feeling_words_come_from_rust() {
    let h = app();
    let words = invoke(&h, "feelings", json!({})).unwrap();
    assert!(words.as_array().unwrap().len() >= 32);
    assert!(words[0]["word"].is_string() && words[0]["energy"].is_number());
}

#[test]
fn a_session_end_to_end_through_the_commands() {
    let t = two();
    let s = start(&t, "intense", true);
    let id = &s["id"];
    check_in(&t, id, &t.me, &["calm"], "", "shared").unwrap();
    check_in(&t, id, &t.sam, &["exposed"], "just for me", "not_kept").unwrap();
    let cards = invoke(
        &t.h,
        "session_suggest",
        json!({"id": id, "exclude": [], "shownCategories": [], "count": 3}),
    )
    .unwrap();
    let first = cards["suggestions"][0]["card"]["id"].clone();
    assert!(
        !cards["suggestions"].to_string().contains("exposed"),
        "Sam's private check-in is not named in reasons"
    );
    invoke(
        &t.h,
        "session_choose",
        json!({"id": id, "card": first, "accept": true}),
    )
    .unwrap();
    invoke(&t.h, "session_step", json!({"id": id, "step": "reflect"})).unwrap();
    invoke(
        &t.h,
        "session_reflect",
        json!({"id": id, "reflection": {
            "person": t.sam, "feltGood": "the quiet",
            "uncomfortable": true, "uncomfortableNote": "one moment too fast",
            "rituals": [[first, "helped"]], "privacy": "not_kept",
        }}),
    )
    .unwrap();
    invoke(
        &t.h,
        "session_reflect",
        json!({"id": id, "reflection": {
            "person": t.me, "feltGood": "the pace", "privacy": "shared",
        }}),
    )
    .unwrap();
    let ended = invoke(
        &t.h,
        "end_session",
        json!({"id": id, "talkTomorrow": false}),
    )
    .unwrap();
    let hours: Vec<u64> = ended["followUps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["afterHours"].as_u64().unwrap())
        .collect();
    assert_eq!(hours, [24, 48, 72]);

    // Rust decides who is looking: the device's owner, "me".
    let as_me = invoke(&t.h, "get_session", json!({"id": id})).unwrap();
    let text = as_me.to_string();
    assert!(
        !text.contains("one moment too fast")
            && !text.contains("just for me")
            && !text.contains("the quiet"),
        "private parts withheld: {text}"
    );
    assert!(text.contains("the pace"));
    let as_sam = invoke(&t.h, "get_session", json!({"id": id, "viewer": t.sam})).unwrap();
    assert!(
        !as_sam.to_string().contains("one moment too fast"),
        "the screen cannot ask to see as someone else"
    );

    let history = invoke(&t.h, "history", json!({})).unwrap();
    assert_eq!(history[0]["people"], json!(["You", "Sam"]));
    assert!(
        invoke(&t.h, "due_follow_ups", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .is_empty(),
        "not due yet"
    );
    invoke(&t.h, "delete_session", json!({"id": id})).unwrap();
    assert!(invoke(&t.h, "history", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .is_empty());
    let gone = invoke(&t.h, "get_session", json!({"id": id})).unwrap_err();
    assert_eq!(gone["code"], "not_found");
}

#[test]
fn a_session_left_open_can_be_resumed() {
    let t = two();
    let s = start(&t, "tender", false);
    invoke(
        &t.h,
        "session_step",
        json!({"id": s["id"], "step": "cards"}),
    )
    .unwrap();
    let open = invoke(&t.h, "open_session", json!({})).unwrap();
    assert_eq!(
        (open["id"].clone(), open["step"].clone()),
        (s["id"].clone(), json!("cards"))
    );
}

#[test]
fn bad_session_input_gets_clear_errors() {
    let t = two();
    let s = start(&t, "tender", false);
    let err = check_in(&t, &s["id"], &t.me, &["zorbly"], "", "shared").unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err = check_in(&t, &s["id"], &t.me, &["calm"], "", "everyone").unwrap_err();
    assert!(err.is_string(), "an unknown privacy is refused: {err}");
    let err = check_in(&t, &json!("0".repeat(32)), &t.me, &["calm"], "", "shared").unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    let err = invoke(
        &t.h,
        "start_session",
        json!({"start": {"people": [], "context": "tender", "intensity": 3}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err = invoke(
        &t.h,
        "session_reflect",
        json!({"id": "1".repeat(32), "reflection": {"person": t.me, "privacy": "shared"}}),
    )
    .unwrap_err();
    assert_eq!(
        err["code"], "not_found",
        "a reflection on a session that is gone: {err}"
    );
    let err = invoke(
        &t.h,
        "answer_follow_up",
        json!({"id": "2".repeat(32), "person": t.me, "checkIn": {}, "low": false, "need": "", "privacy": "shared"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn timers_through_the_commands_including_bad_durations() {
    let t = two();
    for minutes in [0, 100_000] {
        let err = invoke(
            &t.h,
            "start_timer",
            json!({"timer": {"kind": {"kind": "countdown"}, "minutes": minutes}}),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid", "{minutes}: {err}");
    }
    let err = invoke(
        &t.h,
        "start_timer",
        json!({"timer": {"kind": {"kind": "countdown"}, "minutes": -5}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "negative: {err}");
    let v = invoke(&t.h, "start_timer", json!({"timer": {"kind": {"kind": "breathing", "pattern": "box"}, "minutes": 5, "label": "Breathe"}})).unwrap();
    assert_eq!(v["status"], "running");
    assert!(v["phase"]["breath"].is_string());
    let id = v["id"].clone();
    assert_eq!(invoke(&t.h, "current_timer", json!({})).unwrap()["id"], id);
    let paused = invoke(&t.h, "timer_action", json!({"id": id, "action": "pause"})).unwrap();
    assert_eq!(paused["status"], "paused");
    let longer = invoke(
        &t.h,
        "timer_action",
        json!({"id": id, "action": "extend", "minutes": 5}),
    )
    .unwrap();
    assert_eq!(longer["totalMs"], 10 * 60_000);
    let stopped = invoke(&t.h, "timer_action", json!({"id": id, "action": "stop"})).unwrap();
    assert_eq!(stopped["status"], "stopped");
    assert!(invoke(&t.h, "current_timer", json!({})).unwrap().is_null());
    let err = invoke(&t.h, "timer_action", json!({"id": id, "action": "rewind"})).unwrap_err();
    assert_eq!(err["code"], "invalid");
    let err = invoke(
        &t.h,
        "timer_action",
        json!({"id": "3".repeat(32), "action": "pause"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

#[test]
fn trusted_contacts_and_support() {
    let t = two();
    let s = invoke(&t.h, "support", json!({})).unwrap();
    assert!(s["resources"].as_array().unwrap().len() >= 5);
    let c = invoke(
        &t.h,
        "save_contact",
        json!({"contact": {"name": "Robin", "how": "Text any time"}}),
    )
    .unwrap();
    assert_eq!(
        invoke(&t.h, "support", json!({})).unwrap()["contacts"][0]["name"],
        "Robin"
    );
    invoke(&t.h, "delete_contact", json!({"id": c["id"]})).unwrap();
    let err = invoke(&t.h, "save_contact", json!({"contact": {"name": ""}})).unwrap_err();
    assert_eq!(err["code"], "invalid");
}

#[test]
fn follow_ups_of_a_session_are_listed_and_unknown_ones_are_not_found() {
    let t = two();
    let s = start(&t, "scene", false);
    let err = invoke(
        &t.h,
        "start_session",
        json!({"start": {
            "people": [{"person": t.me, "role": "top"}], "context": "tender", "intensity": 2,
        }}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "roles outside a scene: {err}");
    invoke(
        &t.h,
        "end_session",
        json!({"id": s["id"], "talkTomorrow": true}),
    )
    .unwrap();
    let list = invoke(
        &t.h,
        "session_follow_ups",
        json!({"id": s["id"], "viewer": t.me}),
    )
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert!(list[0]["doneAtMs"].is_null());
    let err = invoke(&t.h, "complete_follow_up", json!({"id": "4".repeat(32)})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    invoke(&t.h, "complete_follow_up", json!({"id": list[0]["id"]})).unwrap();
    let after = invoke(
        &t.h,
        "session_follow_ups",
        json!({"id": s["id"], "viewer": null}),
    )
    .unwrap();
    assert!(after[0]["doneAtMs"].is_number());
    let err = invoke(&t.h, "timer_view", json!({"id": "5".repeat(32)})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    let err = invoke(
        &t.h,
        "end_session",
        json!({"id": s["id"], "talkTomorrow": false}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "a session ends once: {err}");
}

#[test]
fn the_stop_path_through_the_commands_with_clear_errors() {
    let t = two();
    let s = start(&t, "scene", false);
    let stopped = invoke(&t.h, "session_stop", json!({"id": s["id"]})).expect("stops");
    assert_eq!(stopped["stopped"], true);
    let err = invoke(
        &t.h,
        "session_suggest",
        json!({"id": s["id"], "exclude": [], "shownCategories": [], "count": 3, "moments": ["earthquake"]}),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("earthquake"),
        "an unknown moment is refused by name: {err}"
    );
    let cards = invoke(
        &t.h,
        "session_suggest",
        json!({"id": s["id"], "exclude": [], "shownCategories": [], "count": 3, "moments": ["barrier"]}),
    )
    .expect("cards");
    assert_eq!(
        cards["suggestions"][0]["card"]["id"],
        "after-a-broken-barrier"
    );
    let err = invoke(
        &t.h,
        "end_session",
        json!({"id": s["id"], "talkTomorrow": false, "talkLater": ["3".repeat(32)]}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "only someone who was there: {err}");
    invoke(
        &t.h,
        "end_session",
        json!({"id": s["id"], "talkTomorrow": false, "talkLater": [t.sam]}),
    )
    .expect("ends");
    let err = invoke(&t.h, "session_stop", json!({"id": s["id"]})).unwrap_err();
    assert_eq!(
        err["code"], "invalid",
        "an ended session cannot stop: {err}"
    );
    let err = invoke(&t.h, "session_stop", json!({"id": "4".repeat(32)})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    invoke(&t.h, "lock", json!({})).unwrap();
    let err = invoke(&t.h, "session_stop", json!({"id": s["id"]})).unwrap_err();
    assert_eq!(err["code"], "locked", "{err}");
}

/// Asks the app's state whether a notification is due, as its ticker does once a second.
fn notification_due(h: &Harness) -> bool {
    use tauri::Manager;
    h._app.state::<tend_lib::AppState>().take_due()
}

/// Starts an everyday session for the owner alone, as `me`.
fn alone_with(h: &Harness, me: &Value) -> Value {
    invoke(
        h,
        "start_session",
        json!({"start": {"people": [{"person": me["id"], "role": null}], "context": "tender",
            "intensity": 2, "passDevice": false}}),
    )
    .unwrap()
}

#[test]
fn quiet_hours_hold_a_due_notification_until_morning() {
    const H: u64 = 3_600_000;
    // 2026-11-28 23:30 UTC; a held clock reads as UTC, so quiet hours are 22:00 to 08:00 UTC.
    let evening = 1_795_824_000_000 + 23 * H + 30 * 60_000;
    let clock = tend_lib::Clock::manual(evening);
    let h = app_with_clock(clock.clone());
    first_run(&h);
    let me = invoke(
        &h,
        "save_profile",
        json!({"profile": {"name": "Me", "isMe": true}}),
    )
    .unwrap();
    let s = alone_with(&h, &me);
    invoke(
        &h,
        "end_session",
        json!({"id": s["id"], "talkTomorrow": false}),
    )
    .unwrap();
    assert!(!notification_due(&h), "nothing due yet");
    clock.advance(24 * H + 60_000); // the check-in is due at 23:30 the next night
    assert_eq!(
        invoke(&h, "due_follow_ups", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1,
        "the check-in itself is ready in the app"
    );
    assert!(!notification_due(&h), "but no notification in quiet hours");
    clock.advance(8 * H + 28 * 60_000); // 07:59
    assert!(!notification_due(&h), "still quiet at 07:59");
    clock.advance(2 * 60_000); // 08:01
    assert!(
        notification_due(&h),
        "the notification shows when quiet hours end"
    );
    assert!(!notification_due(&h), "once");

    // Quiet hours off: the next one shows at its time, even at night.
    let mut settings = invoke(&h, "get_settings", json!({})).unwrap();
    assert_eq!(
        settings["quietHours"],
        json!({"from": 22, "until": 8}),
        "on by default"
    );
    settings["quietHours"] = Value::Null;
    invoke(&h, "save_settings", json!({"settings": settings})).unwrap();
    let s = alone_with(&h, &me);
    clock.advance(14 * H); // 22:01
    invoke(
        &h,
        "end_session",
        json!({"id": s["id"], "talkTomorrow": false}),
    )
    .unwrap();
    clock.advance(24 * H);
    assert!(notification_due(&h), "quiet hours off: at 22:01, as due");

    let err = invoke(
        &h,
        "save_settings",
        json!({"settings": {"autoLockMinutes": 5, "quietHours": {"from": 8, "until": 8}}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn insights_count_only_what_the_owner_may_see_and_nothing_once_hidden() {
    let t = two();
    let feel = |id: &Value, person: &str, stage: &str, words: &[&str], privacy: &str| {
        invoke(
            &t.h,
            "session_check_in",
            json!({
                "id": id, "person": person, "stage": stage,
                "checkIn": {"feelings": words, "need": null, "noTouch": false}, "note": "", "privacy": privacy,
            }),
        )
        .unwrap();
    };
    let helps = || invoke(&t.h, "insights", json!({})).unwrap();
    for n in 0..3 {
        let s = start(&t, "tender", false);
        let id = &s["id"];
        feel(id, &t.me, "before", &["tense"], "shared");
        feel(id, &t.me, "after", &["calm"], "shared");
        feel(id, &t.sam, "before", &["scared"], "not_kept");
        feel(id, &t.sam, "after", &["ashamed"], "not_kept");
        invoke(
            &t.h,
            "end_session",
            json!({"id": id, "talkTomorrow": false}),
        )
        .unwrap();
        if n == 1 {
            assert_eq!(helps()["enough"], false, "two sessions are too few");
        }
    }
    let i = helps();
    assert_eq!((&i["sessions"], &i["enough"]), (&json!(3), &json!(true)));
    let moves = i["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 3, "{i}");
    assert!(
        moves.iter().all(|m| m["person"] == t.me.as_str()),
        "Sam's answers stay Sam's: {i}"
    );
    assert!(!i.to_string().contains("ashamed") && !i.to_string().contains("scared"));

    let mut settings = invoke(&t.h, "get_settings", json!({})).unwrap();
    settings["insights"] = json!(false);
    invoke(&t.h, "save_settings", json!({ "settings": settings })).unwrap();
    assert_eq!(helps(), Value::Null, "hidden: nothing is computed or sent");
}
