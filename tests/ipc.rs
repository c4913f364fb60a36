//! Commands called through Tauri's real IPC layer (ACL included) on the mock runtime: no
//! display needed. Checks results and the `{ code, message }` error shape.

mod common;

use common::*;
use serde_json::json;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;
use tend_core::keeper::CostPolicy;
use tend_core::vault::Cost;

#[test]
fn about_reports_the_app_and_format_versions() {
    let h = app();
    let v = invoke(&h, "about", json!({})).expect("about succeeds");
    assert_eq!(
        v["app"],
        env!("CARGO_PKG_VERSION"),
        "app version comes from the shell"
    );
    assert_eq!(v["vaultFormat"], tend_core::about::VAULT_FORMAT_VERSION);
    assert_eq!(v["schema"], tend_core::about::SCHEMA_VERSION);
}

#[test]
fn assess_passphrase_scores_a_strong_and_a_weak_passphrase() {
    let h = app();
    let strong = invoke(
        &h,
        "assess_passphrase",
        json!({"passphrase": "copper lantern orbit meadow"}),
    )
    .expect("assessment succeeds");
    assert_eq!(
        strong["acceptable"], true,
        "four unrelated words are accepted: {strong}"
    );
    let weak = invoke(&h, "assess_passphrase", json!({"passphrase": "password1"})).unwrap();
    assert_eq!(
        weak["acceptable"], false,
        "a common password is refused: {weak}"
    );
    assert!(weak["score"].as_u64().unwrap() < 3);
}

#[test]
fn an_empty_passphrase_is_an_invalid_error_with_code_and_message() {
    let h = app();
    let err = invoke(&h, "assess_passphrase", json!({"passphrase": ""})).unwrap_err();
    assert_eq!(
        err["code"], "invalid",
        "empty input is refused as invalid: {err}"
    );
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "the message is readable text: {err}"
    );
    assert_eq!(
        err.as_object().unwrap().len(),
        2,
        "only code and message: {err}"
    );
}

#[test]
fn an_overlong_passphrase_is_refused_as_invalid() {
    let h = app();
    let err = invoke(
        &h,
        "assess_passphrase",
        json!({"passphrase": "x".repeat(5000)}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn arguments_of_the_wrong_type_are_refused_before_the_command_runs() {
    let h = app();
    let err = invoke(&h, "assess_passphrase", json!({"passphrase": 42})).unwrap_err();
    assert!(
        err.is_string(),
        "Tauri refuses mistyped arguments itself: {err}"
    );
    let missing = invoke(&h, "assess_passphrase", json!({})).unwrap_err();
    assert!(
        missing.as_str().unwrap().contains("passphrase"),
        "{missing}"
    );
}

#[test]
fn a_command_that_is_not_registered_is_refused() {
    let h = app();
    assert!(invoke(&h, "read_everything", json!({})).is_err());
}

#[test]
fn a_window_without_the_main_capability_cannot_call_any_command() {
    let h = app();
    let other = WebviewWindowBuilder::new(&h._app, "other", Default::default())
        .build()
        .expect("second window");
    let request = InvokeRequest {
        cmd: "about".into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(json!({})),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let refused = get_ipc_response(&other, request).unwrap_err();
    assert!(
        refused.to_string().contains("not allowed"),
        "the ACL refuses windows the capability does not name: {refused}"
    );
}

#[test]
fn a_fresh_install_reports_no_vault_then_creates_one_unlocked() {
    let h = app();
    let s = invoke(&h, "vault_status", json!({})).unwrap();
    assert_eq!(s["exists"], false);
    first_run(&h);
    let s = invoke(&h, "vault_status", json!({})).unwrap();
    assert_eq!(
        (s["exists"].as_bool(), s["unlocked"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(s["recoveryPending"], false);
}

#[test]
fn commands_that_need_the_vault_say_locked_when_it_is() {
    let h = app();
    first_run(&h);
    invoke(&h, "lock", json!({})).unwrap();
    for (cmd, args) in [
        ("get_settings", json!({})),
        (
            "save_settings",
            json!({"settings": {"autoLockMinutes": 5, "theme": "dark"}}),
        ),
        ("export_backup", json!({"secret": pass_secret(PASS)})),
        ("new_recovery_code", json!({"passphrase": PASS})),
        ("readable_export", json!({"passphrase": PASS})),
    ] {
        let err = invoke(&h, cmd, args).unwrap_err();
        assert_eq!(err["code"], "locked", "{cmd}: {err}");
        assert!(
            err["message"].as_str().unwrap().contains("locked"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn support_lists_every_service_with_no_vault_and_while_locked_but_no_contacts() {
    let h = app();
    let count = |s: &serde_json::Value| s["resources"].as_array().unwrap().len();
    let none = invoke(&h, "support", json!({})).expect("with no vault yet");
    assert!(count(&none) >= 30, "every region's services: {none}");
    assert_eq!(none["region"], serde_json::Value::Null);
    first_run(&h);
    invoke(
        &h,
        "save_contact",
        json!({"contact": {"name": "Alex", "how": "Text any evening"}}),
    )
    .unwrap();
    invoke(
        &h,
        "save_settings",
        json!({"settings": {"autoLockMinutes": 5, "region": "nz"}}),
    )
    .unwrap();
    let open = invoke(&h, "support", json!({})).unwrap();
    assert_eq!(open["contacts"][0]["name"], "Alex");
    assert_eq!(open["region"], "nz");
    assert_eq!(
        open["resources"][0]["id"], "nz-emergency",
        "their region first"
    );
    invoke(&h, "lock", json!({})).unwrap();
    let locked = invoke(&h, "support", json!({})).expect("answers while locked");
    assert_eq!(
        locked["contacts"],
        json!([]),
        "contacts stay in the locked vault"
    );
    assert_eq!(
        locked["region"],
        serde_json::Value::Null,
        "so does the region"
    );
    assert_eq!(count(&locked), count(&none), "every service still listed");
    assert!(
        !locked.to_string().contains("Alex"),
        "nothing from the vault while locked"
    );
}

#[test]
fn a_wrong_passphrase_says_so_and_the_right_one_still_opens() {
    let h = app();
    first_run(&h);
    invoke(&h, "lock", json!({})).unwrap();
    let err = invoke(&h, "unlock", passphrase("copper lantern orbit meadows")).unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase", "{err}");
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["failures"],
        1
    );
    invoke(&h, "unlock", passphrase(PASS)).expect("the right passphrase opens");
    assert_eq!(
        invoke(&h, "get_settings", json!({})).unwrap()["autoLockMinutes"],
        5
    );
}

#[test]
fn the_recovery_code_unlocks_and_a_wrong_one_is_a_wrong_passphrase_error() {
    let h = app();
    let code = first_run(&h);
    invoke(&h, "lock", json!({})).unwrap();
    let wrong = json!({"secret": {"kind": "recovery_code", "value": "0000-0000-0000-0000-0000-0000-0000-0000"}});
    assert_eq!(
        invoke(&h, "unlock", wrong).unwrap_err()["code"],
        "wrong_passphrase"
    );
    let right = json!({"secret": {"kind": "recovery_code", "value": code}});
    invoke(&h, "unlock", right).unwrap();
}

#[test]
fn five_wrong_tries_back_off_with_their_own_code() {
    let h = app();
    first_run(&h);
    invoke(&h, "lock", json!({})).unwrap();
    for _ in 0..5 {
        invoke(&h, "unlock", passphrase("not it not it not it")).unwrap_err();
    }
    let err = invoke(&h, "unlock", passphrase(PASS)).unwrap_err();
    assert_eq!(err["code"], "too_many_attempts", "{err}");
    let wait = invoke(&h, "vault_status", json!({})).unwrap()["retryAfterMs"]
        .as_u64()
        .unwrap();
    assert!(wait > 25_000 && wait <= 30_000, "{wait}");
}

#[test]
fn bad_arguments_are_invalid_and_store_nothing() {
    let h = app();
    first_run(&h);
    let err = invoke(
        &h,
        "save_settings",
        json!({"settings": {"autoLockMinutes": 0}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err = invoke(
        &h,
        "save_settings",
        json!({"settings": {"autoLockMinutes": 999}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert_eq!(
        invoke(&h, "get_settings", json!({})).unwrap()["autoLockMinutes"],
        5
    );
    let err = invoke(&h, "create_vault", json!({"passphrase": "password"})).unwrap_err();
    assert_eq!(err["code"], "invalid", "a second vault is refused: {err}");
    let err = invoke(&h, "confirm_recovery_code", json!({"answers": ["x", "y"]})).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err = invoke(&h, "stage_backup", json!({"not": "bytes"})).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err = invoke_raw(&h, "stage_backup", b"hello".to_vec()).unwrap_err();
    assert_eq!(err["code"], "invalid", "a file that is not a backup: {err}");
    let err = invoke(
        &h,
        "import_backup",
        json!({"current": pass_secret(PASS), "backup": pass_secret(PASS)}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "nothing staged to restore: {err}");
    let err = invoke(
        &h,
        "wipe_everything",
        json!({"confirmation": "ok", "removeExports": true}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["exists"],
        true
    );
}

#[test]
fn a_weak_passphrase_is_refused_with_advice() {
    let h = app();
    let err = invoke(&h, "create_vault", json!({"passphrase": "iloveyou"})).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("too easy to guess"),
        "{err}"
    );
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["exists"],
        false
    );
}

#[test]
fn backup_export_and_import_through_the_commands() {
    let h = app();
    let code = first_run(&h);
    invoke(
        &h,
        "save_settings",
        json!({"settings": {"autoLockMinutes": 9, "theme": "light"}}),
    )
    .unwrap();
    let path = invoke(&h, "export_backup", json!({"secret": pass_secret(PASS)})).unwrap();
    let path = std::path::PathBuf::from(path.as_str().unwrap());
    assert!(
        path.starts_with(h.dir.path().join("exports")),
        "{}",
        path.display()
    );
    let bytes = std::fs::read(&path).unwrap();

    let other = app();
    invoke_raw(&other, "stage_backup", bytes).expect("the file is staged");
    let restore = json!({"current": null, "backup": code_secret(&code)});
    invoke(&other, "import_backup", restore).expect("a fresh install restores the backup");
    assert_eq!(
        invoke(&other, "get_settings", json!({})).unwrap()["autoLockMinutes"],
        9
    );
}

#[test]
fn wiping_everything_returns_to_a_fresh_install_and_can_take_the_exports_along() {
    for remove_exports in [false, true] {
        let h = app();
        first_run(&h);
        let copy = invoke(&h, "readable_export", json!({"passphrase": PASS})).unwrap();
        let backup = invoke(&h, "export_backup", json!({"secret": pass_secret(PASS)})).unwrap();
        let written = invoke(&h, "exports_written", json!({})).unwrap();
        assert_eq!(written, json!({"backups": 1, "readable": 1}));
        invoke(
            &h,
            "wipe_everything",
            json!({"confirmation": "wipe everything", "removeExports": remove_exports}),
        )
        .unwrap();
        assert_eq!(
            invoke(&h, "vault_status", json!({})).unwrap()["exists"],
            false
        );
        for file in [copy.as_str().unwrap(), backup.as_str().unwrap()] {
            assert_eq!(
                std::path::Path::new(file).exists(),
                !remove_exports,
                "{file} with removeExports {remove_exports}"
            );
        }
    }
}

#[test]
fn a_second_app_on_the_same_folder_is_refused_with_in_use() {
    let first = app();
    first_run(&first);
    let dir = tempfile::tempdir().unwrap();
    // Point a second app at the first one's data folder.
    let config = tend_lib::Config {
        data_dir: Some(first.dir.path().join("data")),
        export_dir: Some(dir.path().to_owned()),
        cost: CostPolicy::Fixed(Cost::FLOOR),
        clock: tend_lib::Clock::real(),
        timer_clock: tend_lib::TimerClock::real(),
    };
    let app2 = tend_lib::build_app_with(mock_builder(), config)
        .build(tend_lib::context())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app2, "main", Default::default())
        .build()
        .unwrap();
    let second = Harness {
        _app: app2,
        window,
        dir,
    };
    let err = invoke(&second, "vault_status", json!({})).unwrap_err();
    assert_eq!(err["code"], "in_use", "{err}");
}

#[test]
fn one_instance_per_data_folder_in_debug_and_the_apps_own_otherwise() {
    let with = |folder: Option<&str>| {
        tend_lib::instance_id(&tend_lib::Config {
            data_dir: folder.map(Into::into),
            ..Default::default()
        })
    };
    assert_eq!(
        with(None),
        None,
        "the platform's folder: the app's own name"
    );
    let a = with(Some("/tmp/tend-a/data")).expect("a named folder has its own instance");
    let b = with(Some("/tmp/tend-b/data")).unwrap();
    assert_ne!(a, b, "two folders, two instances");
    assert_eq!(
        a,
        with(Some("/tmp/tend-a/data")).unwrap(),
        "the same folder, the same name"
    );
    // A valid D-Bus name: dot-separated elements of [A-Za-z0-9_-], none starting with a digit.
    assert!(a.starts_with("org.tendcare.companion."), "{a}");
    assert!(a.len() <= 255 - ".SingleInstance".len(), "{a}");
    for element in a.split('.') {
        assert!(
            !element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()),
            "{a}"
        );
        assert!(
            element
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{a}"
        );
    }
}

#[test]
fn changing_the_passphrase_needs_the_current_one_and_retires_it() {
    let h = app();
    first_run(&h);
    let new = "velvet harbour quietly sings";
    let err = invoke(
        &h,
        "change_passphrase",
        json!({"current": "not the one at all", "new": new}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase", "{err}");
    let err = invoke(
        &h,
        "change_passphrase",
        json!({"current": PASS, "new": "password"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "a weak new passphrase: {err}");
    invoke(
        &h,
        "change_passphrase",
        json!({"current": PASS, "new": new}),
    )
    .expect("the right current passphrase and a strong new one");
    invoke(&h, "lock", json!({})).unwrap();
    let err = invoke(&h, "unlock", passphrase(PASS)).unwrap_err();
    assert_eq!(
        err["code"], "wrong_passphrase",
        "the old one no longer opens"
    );
    invoke(&h, "unlock", passphrase(new)).expect("the new one opens");
}

#[test]
fn the_recovery_code_can_be_shown_again_until_it_is_confirmed() {
    let h = app();
    let new = invoke(&h, "create_vault", json!({"passphrase": PASS})).unwrap();
    let again = invoke(&h, "pending_recovery_code", json!({})).unwrap();
    assert_eq!(again, new, "the same code and the same two groups");
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["recoveryPending"],
        true
    );
    let groups: Vec<&str> = new["code"].as_str().unwrap().split('-').collect();
    let answers: Vec<&str> = new["confirmGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| groups[g.as_u64().unwrap() as usize])
        .collect();
    invoke(&h, "confirm_recovery_code", json!({ "answers": answers })).unwrap();
    let err = invoke(&h, "pending_recovery_code", json!({})).unwrap_err();
    assert_eq!(
        err["code"], "not_found",
        "nothing waits once confirmed: {err}"
    );
    invoke(&h, "lock", json!({})).unwrap();
    let err = invoke(&h, "pending_recovery_code", json!({})).unwrap_err();
    assert_eq!(err["code"], "locked", "{err}");
}

/// Asks the app's state to run the auto-lock check, as its ticker does once a second.
fn tick(h: &Harness) -> bool {
    use tauri::Manager;
    h._app.state::<tend_lib::AppState>().tick().unwrap()
}

fn unlocked_now(h: &Harness) -> bool {
    invoke(h, "vault_status", json!({})).unwrap()["unlocked"] == true
}

#[test]
fn activity_postpones_the_idle_lock() {
    const MIN: u64 = 60_000;
    let clock = tend_lib::Clock::manual(1_800_000_000_000);
    let h = app_with_clock(clock.clone());
    first_run(&h);
    clock.advance(4 * MIN);
    invoke(&h, "report_activity", json!({})).unwrap();
    clock.advance(4 * MIN);
    assert!(
        !tick(&h),
        "eight minutes in, but only four since the last activity"
    );
    assert!(unlocked_now(&h));
    clock.advance(MIN);
    assert!(tick(&h), "five idle minutes (the default) lock the vault");
    assert!(!unlocked_now(&h));
    let err = invoke(&h, "get_settings", json!({})).unwrap_err();
    assert_eq!(err["code"], "locked");
}

#[test]
fn a_hidden_window_locks_after_a_short_grace_unless_shown_again() {
    let clock = tend_lib::Clock::manual(1_800_000_000_000);
    let h = app_with_clock(clock.clone());
    first_run(&h);
    invoke(&h, "report_visibility", json!({"hidden": true})).unwrap();
    clock.advance(5_000);
    invoke(&h, "report_visibility", json!({"hidden": false})).unwrap();
    clock.advance(6_000);
    assert!(!tick(&h), "shown again within the grace: still open");
    invoke(&h, "report_visibility", json!({"hidden": true})).unwrap();
    clock.advance(10_000);
    assert!(tick(&h), "hidden for the whole grace: locked");
    assert!(!unlocked_now(&h));
}

#[test]
fn lasting_changes_without_a_secret_are_refused_and_a_wrong_one_counts() {
    let h = app();
    let code = first_run(&h);
    for (cmd, args) in [
        ("new_recovery_code", json!({})),
        ("export_backup", json!({})),
        ("import_backup", json!({"backup": pass_secret(PASS)})),
    ] {
        let err = invoke(&h, cmd, args).unwrap_err();
        assert!(
            err.is_string() || err["code"] == "invalid",
            "{cmd} without a secret: {err}"
        );
    }
    let err = invoke(
        &h,
        "new_recovery_code",
        json!({"passphrase": "a bystander's guess"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase", "{err}");
    let err = invoke(
        &h,
        "export_backup",
        json!({"secret": pass_secret("another guess here")}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase", "{err}");
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["failures"],
        2
    );
    assert!(
        !h.dir.path().join("exports").exists()
            || std::fs::read_dir(h.dir.path().join("exports"))
                .unwrap()
                .next()
                .is_none(),
        "no backup was written"
    );
    // Replacing the vault asks for its own secret, and the backup's.
    let path = invoke(&h, "export_backup", json!({"secret": code_secret(&code)})).unwrap();
    let bytes = std::fs::read(path.as_str().unwrap()).unwrap();
    invoke_raw(&h, "stage_backup", bytes.clone()).unwrap();
    let err = invoke(
        &h,
        "import_backup",
        json!({"current": null, "backup": pass_secret(PASS)}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    invoke_raw(&h, "stage_backup", bytes).unwrap();
    invoke(
        &h,
        "import_backup",
        json!({"current": pass_secret(PASS), "backup": pass_secret(PASS)}),
    )
    .expect("with both secrets it restores");
}

#[test]
fn six_restores_with_a_wrong_secret_back_off() {
    let h = app();
    first_run(&h);
    let path = invoke(&h, "export_backup", json!({"secret": pass_secret(PASS)})).unwrap();
    let bytes = std::fs::read(path.as_str().unwrap()).unwrap();
    let other = app();
    let mut codes = Vec::new();
    for _ in 0..6 {
        invoke_raw(&other, "stage_backup", bytes.clone()).unwrap();
        let err = invoke(
            &other,
            "import_backup",
            json!({"current": null, "backup": pass_secret("not the backup's passphrase")}),
        )
        .unwrap_err();
        codes.push(err["code"].as_str().unwrap().to_owned());
    }
    assert_eq!(&codes[..5], ["wrong_passphrase"; 5], "{codes:?}");
    assert_eq!(codes[5], "too_many_attempts", "{codes:?}");
}

#[test]
fn after_the_recovery_code_a_new_passphrase_is_chosen() {
    let h = app();
    let code = first_run(&h);
    invoke(&h, "lock", json!({})).unwrap();
    invoke(&h, "unlock", json!({"secret": code_secret(&code)})).unwrap();
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["passphraseNeeded"],
        true
    );
    let err = invoke(&h, "choose_new_passphrase", json!({"passphrase": "short"})).unwrap_err();
    assert_eq!(err["code"], "invalid", "still a strong one: {err}");
    invoke(
        &h,
        "choose_new_passphrase",
        json!({"passphrase": "velvet harbour quietly sings"}),
    )
    .unwrap();
    assert_eq!(
        invoke(&h, "vault_status", json!({})).unwrap()["passphraseNeeded"],
        false
    );
    invoke(&h, "lock", json!({})).unwrap();
    assert_eq!(
        invoke(&h, "unlock", passphrase(PASS)).unwrap_err()["code"],
        "wrong_passphrase"
    );
    invoke(&h, "unlock", passphrase("velvet harbour quietly sings")).unwrap();
}

#[test]
fn a_passphrase_opens_the_vault_whichever_way_its_accents_were_typed() {
    let composed = "café au lait sous la lune";
    let decomposed = "cafe\u{301} au lait sous la lune";
    for (made_with, opened_with) in [(composed, decomposed), (decomposed, composed)] {
        let h = app();
        invoke(&h, "create_vault", json!({"passphrase": made_with})).unwrap();
        invoke(&h, "lock", json!({})).unwrap();
        invoke(&h, "unlock", json!({"secret": pass_secret(opened_with)})).unwrap_or_else(|e| {
            panic!("made with {made_with:?}, opened with {opened_with:?}: {e}")
        });
        assert_eq!(
            invoke(&h, "vault_status", json!({})).unwrap()["unlocked"],
            true
        );
    }
}
