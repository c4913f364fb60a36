//! Commands called through Tauri's real IPC layer (ACL included) on the mock runtime: no
//! display needed. Checks results and the `{ code, message }` error shape.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn app() -> Harness {
    let app = tend_lib::build_app(mock_builder())
        .build(tend_lib::context())
        .expect("the app builds on the mock runtime");
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window"),
    };
    Harness { _app: app, window }
}

fn invoke(h: &Harness, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&h.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

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
