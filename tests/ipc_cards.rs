//! Profiles, plans, the catalogue and suggestions through the IPC layer.

mod common;

use common::*;
use serde_json::{json, Value};

fn unlocked() -> Harness {
    let h = app();
    first_run(&h);
    h
}

fn save_profile(h: &Harness, profile: Value) -> Value {
    invoke(h, "save_profile", json!({ "profile": profile })).expect("profile saves")
}

#[test]
fn the_catalogue_lists_and_filters_by_category_and_context() {
    let h = unlocked();
    let all = invoke(&h, "list_cards", json!({})).unwrap();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 48);
    let touch = invoke(&h, "list_cards", json!({"category": "touch"})).unwrap();
    assert!(touch
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["category"] == "touch"));
    let solo = invoke(
        &h,
        "list_cards",
        json!({"context": "solo", "category": "solo"}),
    )
    .unwrap();
    let solo = solo.as_array().unwrap();
    assert!(
        !solo.is_empty()
            && solo
                .iter()
                .all(|c| c["contexts"].as_array().unwrap().contains(&json!("solo")))
    );
    let one = invoke(&h, "get_card", json!({"id": all[0]["id"]})).unwrap();
    assert_eq!(one["title"], all[0]["title"]);
    let err = invoke(&h, "get_card", json!({"id": "no-such-card"})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    let err = invoke(&h, "list_cards", json!({"category": "snacks"})).unwrap_err();
    assert!(
        err.is_string(),
        "an unknown category is refused before the command runs: {err}"
    );
}

#[test]
fn profiles_save_list_and_refuse_bad_fields_with_invalid() {
    let h = unlocked();
    let me = save_profile(&h, json!({"name": "Me", "isMe": true, "talk": -2}));
    assert_eq!(me["id"].as_str().unwrap().len(), 32);
    save_profile(&h, json!({"name": "Sam", "needs": ["water"]}));
    assert_eq!(
        invoke(&h, "list_profiles", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    for (bad, why) in [
        (json!({"name": ""}), "empty name"),
        (json!({"name": "sam"}), "duplicate name"),
        (json!({"name": "X", "closeness": 9}), "out of range"),
        (json!({"name": "Y", "favourites": ["nope"]}), "unknown card"),
        (json!({"name": "Z", "colour": "blue"}), "unknown field"),
        (json!({"name": "W", "needs": ["champagne"]}), "unknown need"),
    ] {
        let err = invoke(&h, "save_profile", json!({ "profile": bad })).unwrap_err();
        assert_eq!(err["code"], "invalid", "{why}: {err}");
        assert!(!err["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        invoke(&h, "list_profiles", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2,
        "nothing half-stored"
    );
    let err = invoke(&h, "delete_profile", json!({"id": "0".repeat(32)})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn a_custom_card_missing_an_attribute_is_a_clear_invalid_error() {
    let h = unlocked();
    let mut card = invoke(&h, "list_cards", json!({})).unwrap()[0].clone();
    card["id"] = json!(null);
    card["title"] = json!("Our own ritual");
    let saved =
        invoke(&h, "save_custom_card", json!({ "card": card.clone() })).expect("a full card saves");
    assert!(saved["id"].as_str().unwrap().starts_with("custom-"));
    card.as_object_mut().unwrap().remove("touch");
    card["title"] = json!("Another");
    let err = invoke(&h, "save_custom_card", json!({ "card": card })).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("touch"),
        "names what is missing: {err}"
    );
}

#[test]
fn a_plan_naming_someone_who_is_not_there_is_refused() {
    let h = unlocked();
    let me = save_profile(&h, json!({"name": "Me", "isMe": true}));
    let err = invoke(
        &h,
        "save_plan",
        json!({"plan": {"name": "Friday", "people": [me["id"], "f".repeat(32)]}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert!(invoke(&h, "list_plans", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn suggestions_respect_a_hard_limit_and_explain_themselves() {
    let h = unlocked();
    let me = save_profile(&h, json!({"name": "Me", "isMe": true}));
    let sam = save_profile(
        &h,
        json!({"name": "Sam", "hardLimits": {"categories": ["touch"], "maxTouch": "none"}}),
    );
    for seed in 0..20 {
        let answer = invoke(&h, "suggest", json!({"ask": {
            "people": [{"id": me["id"]}, {"id": sam["id"], "checkIn": {"feelings": ["tender"]}}],
            "context": "tender", "intensity": 2, "seed": seed,
        }}))
        .unwrap();
        let cards = answer["suggestions"].as_array().unwrap();
        assert_eq!(cards.len(), 3);
        for s in cards {
            assert_ne!(s["card"]["category"], "touch");
            assert_eq!(s["card"]["touch"], "none", "Sam's limit holds: {s}");
            assert!(s["reason"].as_str().unwrap().ends_with('.'));
        }
    }
}

#[test]
fn feedback_reaches_the_suggester() {
    let h = unlocked();
    let me = save_profile(&h, json!({"name": "Me", "isMe": true}));
    let ask = json!({"ask": {"people": [{"id": me["id"]}], "context": "solo", "intensity": 1, "seed": 3}});
    let first = invoke(&h, "suggest", ask.clone()).unwrap()["suggestions"][0]["card"]["id"].clone();
    for _ in 0..3 {
        invoke(
            &h,
            "record_feedback",
            json!({"person": me["id"], "card": first, "verdict": "not_for_me"}),
        )
        .unwrap();
    }
    let again = invoke(&h, "suggest", ask).unwrap();
    let ids: Vec<&Value> = again["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["card"]["id"])
        .collect();
    assert!(!ids.contains(&&first), "{first} was not for me three times");
    let err = invoke(
        &h,
        "record_feedback",
        json!({"person": me["id"], "card": first, "verdict": "meh"}),
    )
    .unwrap_err();
    assert!(err.is_string(), "an unknown verdict is refused: {err}");
}

#[test]
fn a_malformed_suggestion_request_is_invalid() {
    let h = unlocked();
    let me = save_profile(&h, json!({"name": "Me", "isMe": true}));
    for (ask, why) in [
        (
            json!({"people": [], "context": "solo", "intensity": 1, "seed": 1}),
            "nobody",
        ),
        (
            json!({"people": [{"id": me["id"]}], "context": "solo", "intensity": 9, "seed": 1}),
            "intensity",
        ),
        (
            json!({"people": [{"id": me["id"], "checkIn": {"feelings": ["zorbly"]}}], "context": "solo", "intensity": 1, "seed": 1}),
            "feeling",
        ),
        (
            json!({"people": [{"id": "0".repeat(32)}], "context": "solo", "intensity": 1, "seed": 1}),
            "unknown person",
        ),
        (
            json!({"people": [{"id": me["id"]}], "context": "party", "intensity": 1, "seed": 1}),
            "context",
        ),
    ] {
        let err = invoke(&h, "suggest", json!({ "ask": ask })).unwrap_err();
        assert!(
            err["code"] == "invalid" || err["code"] == "not_found",
            "{why}: {err}"
        );
    }
}

#[test]
fn a_plan_can_be_deleted_once() {
    let h = unlocked();
    let me = save_profile(&h, json!({"name": "Me", "isMe": true}));
    let plan = invoke(
        &h,
        "save_plan",
        json!({"plan": {"name": "Sunday", "people": [me["id"]], "cards": ["glass-of-water"]}}),
    )
    .unwrap();
    invoke(&h, "delete_plan", json!({"id": plan["id"]})).unwrap();
    assert_eq!(invoke(&h, "list_plans", json!({})).unwrap(), json!([]));
    let err = invoke(&h, "delete_plan", json!({"id": plan["id"]})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn deleting_a_custom_card_takes_it_out_of_favourites_and_waits_for_plans() {
    let h = unlocked();
    let mut card = invoke(&h, "get_card", json!({"id": "glass-of-water"})).unwrap();
    card["id"] = json!(null);
    card["title"] = json!("Tea on the porch");
    let card = invoke(&h, "save_custom_card", json!({ "card": card })).unwrap();
    let me = save_profile(
        &h,
        json!({"name": "Me", "isMe": true, "favourites": [card["id"]]}),
    );
    let plan = invoke(
        &h,
        "save_plan",
        json!({"plan": {"name": "Friday", "people": [me["id"]], "cards": [card["id"]]}}),
    )
    .unwrap();
    let err = invoke(&h, "delete_custom_card", json!({"id": card["id"]})).unwrap_err();
    assert_eq!(err["code"], "invalid", "a plan still uses it: {err}");
    invoke(&h, "delete_plan", json!({"id": plan["id"]})).unwrap();
    invoke(&h, "delete_custom_card", json!({"id": card["id"]})).unwrap();
    let people = invoke(&h, "list_profiles", json!({})).unwrap();
    assert_eq!(people[0]["favourites"], json!([]), "{people}");
    let err = invoke(&h, "get_card", json!({"id": card["id"]})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    let err = invoke(&h, "delete_custom_card", json!({"id": "glass-of-water"})).unwrap_err();
    assert_eq!(
        err["code"], "not_found",
        "built-in cards are not deleted: {err}"
    );
}
