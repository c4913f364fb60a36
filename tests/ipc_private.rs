//! "Private" means private, through the IPC layer: each person chooses who may see an
//! answer; a partner's "only me" answers reach neither the owner's screens nor the
//! owner's readable copy nor any file in the clear; a partner's own space opens only with
//! their passphrase, and wrong ones back off like unlocking.

mod common;

use common::*;
use serde_json::{json, Value};

const SAMS: &str = "amber willow gently hums";

struct Two {
    h: Harness,
    me: String,
    sam: String,
}

fn two() -> Two {
    two_on(app())
}

fn two_on(h: Harness) -> Two {
    first_run(&h);
    let id = |v: Value| v["id"].as_str().unwrap().to_owned();
    let me = id(invoke(
        &h,
        "save_profile",
        json!({"profile": {"name": "Robin", "isMe": true}}),
    )
    .unwrap());
    let sam = id(invoke(&h, "save_profile", json!({"profile": {"name": "Sam"}})).unwrap());
    Two { h, me, sam }
}

fn start(t: &Two, pass_device: bool) -> Value {
    let s = invoke(
        &t.h,
        "start_session",
        json!({"start": {
            "people": [{"person": t.me, "role": null}, {"person": t.sam, "role": null}],
            "context": "intense", "intensity": 4, "passDevice": pass_device,
        }}),
    )
    .unwrap();
    s["id"].clone()
}

fn check_in(t: &Two, id: &Value, person: &str, stage: &str, note: &str, privacy: &str) -> Value {
    invoke(
        &t.h,
        "session_check_in",
        json!({"id": id, "person": person, "stage": stage,
            "checkIn": {"feelings": ["sad"], "need": "space", "noTouch": true},
            "note": note, "privacy": privacy}),
    )
    .unwrap()
}

fn make_space(t: &Two) {
    invoke(
        &t.h,
        "make_space",
        json!({"person": t.sam, "passphrase": SAMS, "moveEarlier": false}),
    )
    .unwrap();
}

/// Every file under the data and export folders, read as bytes.
fn scan_files(t: &Two, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![t.h.dir.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

fn readable_copy(t: &Two) -> String {
    let path = invoke(&t.h, "readable_export", json!({"passphrase": PASS})).unwrap();
    std::fs::read_to_string(path.as_str().unwrap()).unwrap()
}

#[test]
fn a_partners_private_answers_reach_no_screen_no_readable_copy_and_no_file() {
    let t = two();
    make_space(&t);
    let id = start(&t, true);
    check_in(&t, &id, &t.me, "before", "ROBIN-OWN-NOTE", "kept");
    check_in(&t, &id, &t.sam, "before", "CANARY-KEPT-CHECK-IN", "kept");
    check_in(&t, &id, &t.sam, "after", "CANARY-NOT-KEPT", "not_kept");
    invoke(
        &t.h,
        "session_reflect",
        json!({"id": id, "reflection": {"person": t.sam, "uncomfortable": true,
            "uncomfortableNote": "CANARY-KEPT-REFLECTION", "privacy": "kept"}}),
    )
    .unwrap();
    let ended = invoke(
        &t.h,
        "end_session",
        json!({"id": id, "talkTomorrow": false}),
    )
    .unwrap();
    let follow_up = ended["followUps"][0]["id"].clone();
    invoke(
        &t.h,
        "answer_follow_up",
        json!({"id": follow_up, "person": t.sam, "checkIn": {"feelings": ["flat"]},
            "low": true, "need": "CANARY-KEPT-FOLLOW-UP", "privacy": "kept"}),
    )
    .unwrap();
    let kept = [
        "CANARY-KEPT-CHECK-IN",
        "CANARY-KEPT-REFLECTION",
        "CANARY-KEPT-FOLLOW-UP",
    ];
    let copy = readable_copy(&t);
    assert!(
        copy.contains("ROBIN-OWN-NOTE"),
        "the owner's own answers are there"
    );
    assert!(copy.contains("Sam kept an answer private."));
    let screens = [
        invoke(&t.h, "get_session", json!({"id": id})).unwrap(),
        invoke(&t.h, "session_follow_ups", json!({"id": id})).unwrap(),
        invoke(&t.h, "history", json!({})).unwrap(),
    ]
    .map(|v| v.to_string())
    .concat();
    for canary in kept.iter().chain(&["CANARY-NOT-KEPT"]) {
        assert!(!copy.contains(canary), "{canary} in the readable copy");
        assert!(!screens.contains(canary), "{canary} on the owner's screens");
        assert_eq!(
            scan_files(&t, canary),
            Vec::<String>::new(),
            "{canary} in a file"
        );
    }
    // Sam's passphrase opens the kept ones, and only those.
    let opened = invoke(
        &t.h,
        "open_space",
        json!({"person": t.sam, "passphrase": SAMS}),
    )
    .unwrap()
    .to_string();
    for canary in kept {
        assert!(opened.contains(canary), "{canary} in Sam's space");
    }
    assert!(!opened.contains("CANARY-NOT-KEPT"));
}

#[test]
fn a_reflection_beside_the_others_keeps_only_me_when_chosen() {
    let t = two();
    let id = start(&t, false);
    invoke(
        &t.h,
        "session_reflect",
        json!({"id": id, "reflection": {"person": t.sam, "uncomfortable": true,
            "uncomfortableNote": "A LIMIT WAS CROSSED", "privacy": "not_kept"}}),
    )
    .unwrap();
    let as_owner = invoke(&t.h, "get_session", json!({"id": id})).unwrap();
    assert!(!as_owner.to_string().contains("A LIMIT WAS CROSSED"));
    assert!(as_owner["reflections"][0]["uncomfortable"].is_null());
    assert_eq!(
        as_owner["reflections"][0]["uncomfortableNote"]["withheld"],
        true
    );
    assert!(!readable_copy(&t).contains("A LIMIT WAS CROSSED"));
}

#[test]
fn keeping_an_answer_needs_a_space_and_a_not_kept_one_steers_the_cards_until_the_lock() {
    // A session's cards are shuffled from its seed, the time it started: a clock held still
    // makes them the same every run (with the system's, one run in ten or so offered five
    // cards without touch before anyone asked for none).
    let t = two_on(app_with_clock(tend_lib::Clock::manual(1_795_728_600_000)));
    let id = start(&t, false);
    let err = invoke(
        &t.h,
        "session_check_in",
        json!({"id": id, "person": t.sam, "stage": "before", "checkIn": {}, "note": "",
            "privacy": "kept"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let touch = |t: &Two| {
        let cards = invoke(
            &t.h,
            "session_suggest",
            json!({"id": id, "exclude": [], "shownCategories": [], "count": 5}),
        )
        .unwrap();
        cards["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["card"]["touch"] != "none")
    };
    assert!(touch(&t));
    check_in(&t, &id, &t.sam, "before", "", "not_kept");
    assert!(!touch(&t), "Sam's 'no touch' steers the cards");
    assert_eq!(
        invoke(&t.h, "get_session", json!({"id": id})).unwrap()["forgotten"],
        false
    );
    invoke(&t.h, "lock", json!({})).unwrap();
    invoke(&t.h, "unlock", json!({"secret": pass_secret(PASS)})).unwrap();
    let resumed = invoke(&t.h, "open_session", json!({})).unwrap();
    assert_eq!(
        resumed["forgotten"], true,
        "the session says it goes on without it"
    );
    assert!(touch(&t), "and it does");
}

#[test]
fn a_space_opens_only_with_its_passphrase_and_wrong_ones_back_off() {
    let t = two();
    let err = invoke(
        &t.h,
        "make_space",
        json!({"person": t.sam, "passphrase": "short", "moveEarlier": false}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("too easy"),
        "{err}"
    );
    let err = invoke(
        &t.h,
        "make_space",
        json!({"person": t.me, "passphrase": SAMS, "moveEarlier": false}),
    )
    .unwrap_err();
    assert_eq!(
        err["code"], "invalid",
        "the owner's answers live in the vault: {err}"
    );
    make_space(&t);
    let info = invoke(&t.h, "space_info", json!({"person": t.sam})).unwrap();
    assert_eq!(info["exists"], true);
    let codes: Vec<Value> = (0..6)
        .map(|_| {
            invoke(
                &t.h,
                "open_space",
                json!({"person": t.sam, "passphrase": "a wrong guess here"}),
            )
            .unwrap_err()["code"]
                .clone()
        })
        .collect();
    assert_eq!(codes[..5], vec![json!("wrong_passphrase"); 5][..]);
    assert_eq!(codes[5], "too_many_attempts");
    assert_eq!(
        invoke(&t.h, "vault_status", json!({})).unwrap()["failures"],
        5
    );
    let err = invoke(
        &t.h,
        "delete_space",
        json!({"person": t.sam, "passphrase": "a wrong guess here"}),
    )
    .unwrap_err();
    assert_eq!(
        err["code"], "too_many_attempts",
        "deleting needs the passphrase too: {err}"
    );
    assert_eq!(
        invoke(&t.h, "space_info", json!({"person": t.sam})).unwrap()["exists"],
        true
    );
    invoke(&t.h, "delete_space_unread", json!({"person": t.sam})).unwrap();
    assert_eq!(
        invoke(&t.h, "space_info", json!({"person": t.sam})).unwrap()["exists"],
        false
    );
}
