//! A profile passed between two installs through the IPC layer: the QR code and text code
//! on one, the preview and import on the other.

mod common;

use common::*;
use serde_json::{json, Value};

fn with_me() -> (Harness, String) {
    let h = app();
    first_run(&h);
    let me = invoke(
        &h,
        "save_profile",
        json!({"profile": {"name": "Robin", "isMe": true, "needs": ["water"], "helps": "Quiet, then tea.",
            "hardLimits": {"categories": ["conversation"], "items": ["ice"]}}}),
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (h, me)
}

fn profiles(h: &Harness) -> Vec<Value> {
    invoke(h, "list_profiles", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn message(e: &Value) -> &str {
    assert_eq!(e["code"], "invalid", "{e}");
    e["message"].as_str().unwrap()
}

#[test]
fn a_text_code_and_its_phrase_bring_a_profile_to_another_install_after_a_preview() {
    let (a, me) = with_me();
    let shown = invoke(&a, "share_profile", json!({"id": me})).unwrap();
    let size = shown["size"].as_u64().unwrap();
    assert!((21 + 8..=177 + 8).contains(&size), "{shown}");
    assert!(shown["path"].as_str().unwrap().starts_with('M'));
    assert_eq!(shown["leftOut"], 0);
    let made = invoke(&a, "share_text_code", json!({"id": me})).unwrap();
    let code = made["code"].as_str().unwrap();
    let phrase = made["phrase"].as_str().unwrap();
    assert!(code.starts_with("TEND:"), "{made}");
    assert_eq!(phrase.len(), 11);

    let b = app();
    first_run(&b);
    let wrong = invoke(
        &b,
        "preview_share",
        json!({"code": code, "phrase": "00000-00000"}),
    )
    .unwrap_err();
    assert!(message(&wrong).contains("does not open"), "{wrong}");
    let none = invoke(&b, "preview_share", json!({"code": code, "phrase": null})).unwrap_err();
    assert!(message(&none).contains("sealed"), "{none}");
    let preview = invoke(&b, "preview_share", json!({"code": code, "phrase": phrase})).unwrap();
    assert_eq!(preview["before"], Value::Null);
    assert_eq!(preview["profile"]["name"], "Robin");
    assert_eq!(preview["profile"]["isMe"], false);
    assert_eq!(preview["profile"]["sharedLimits"]["items"], json!(["ice"]));
    assert!(profiles(&b).is_empty(), "a preview saves nothing");

    let open = preview["code"].as_str().unwrap();
    assert_ne!(open, code, "the preview hands back an open code");
    let saved = invoke(&b, "import_share", json!({"code": open})).unwrap();
    assert_eq!(saved["helps"], "Quiet, then tea.");
    assert_eq!(saved["needs"], json!(["water"]));
    assert_eq!(saved["hardLimits"]["categories"], json!(["conversation"]));
    assert_eq!(profiles(&b), vec![saved.clone()]);

    // Their limits stay: a save that drops one is refused and changes nothing.
    let mut relaxed = saved.clone();
    relaxed["hardLimits"]["items"] = json!([]);
    let refused = invoke(&b, "save_profile", json!({"profile": relaxed})).unwrap_err();
    assert!(message(&refused).contains("stay as they are"), "{refused}");
    assert_eq!(profiles(&b), vec![saved.clone()]);
    // The sealed code itself cannot be imported without its phrase.
    assert!(invoke(&b, "import_share", json!({"code": code})).is_err());
}

#[test]
fn bad_codes_and_pictures_are_refused_plainly_and_need_the_vault() {
    let b = app();
    first_run(&b);
    for (code, says) in [
        ("hello", "not a Tend profile code"),
        ("TEND:AAAA", "incomplete or damaged"),
    ] {
        let e = invoke(&b, "preview_share", json!({"code": code, "phrase": null})).unwrap_err();
        assert!(message(&e).contains(says), "{e}");
    }
    let e = invoke_raw(&b, "read_share_picture", b"hello".to_vec()).unwrap_err();
    assert!(message(&e).contains("Only PNG and JPEG"), "{e}");
    let e = invoke(&b, "read_share_picture", json!([1, 2, 300])).unwrap_err();
    assert!(message(&e).contains("could not be read"), "{e}");
    let e = invoke(&b, "read_share_picture", json!({"not": "bytes"})).unwrap_err();
    assert!(message(&e).contains("could not be read"), "{e}");
    assert!(profiles(&b).is_empty());

    let (a, me) = with_me();
    let partner = invoke(&a, "save_profile", json!({"profile": {"name": "Sam"}})).unwrap();
    let e = invoke(&a, "share_profile", json!({"id": partner["id"]})).unwrap_err();
    assert!(message(&e).contains("your own profile"), "{e}");
    invoke(&a, "lock", json!({})).unwrap();
    let e = invoke(&a, "share_profile", json!({"id": me})).unwrap_err();
    assert_eq!(e["code"], "locked", "{e}");
}
