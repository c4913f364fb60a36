//! Shared helpers for the IPC tests: the app on Tauri's mock runtime with scratch folders,
//! and a way to call a command through the real IPC layer.
#![allow(dead_code)]

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use tend_core::keeper::CostPolicy;
use tend_core::vault::Cost;

pub struct Harness {
    pub _app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub dir: tempfile::TempDir,
}

pub fn app() -> Harness {
    app_with_clock(tend_lib::Clock::real())
}

/// The app reading `clock`, which a test can hold still and move on.
pub fn app_with_clock(clock: tend_lib::Clock) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    app_in(dir, clock)
}

/// The app on the mock runtime, with its vault and exports in `dir` and the cheapest
/// key-derivation cost Tend allows (so tests stay quick).
pub fn app_in(dir: tempfile::TempDir, clock: tend_lib::Clock) -> Harness {
    let config = tend_lib::Config {
        data_dir: Some(dir.path().join("data")),
        export_dir: Some(dir.path().join("exports")),
        cost: CostPolicy::Fixed(Cost::FLOOR),
        clock,
        timer_clock: tend_lib::TimerClock::real(),
    };
    let app = tend_lib::build_app_with(mock_builder(), config)
        .build(tend_lib::context())
        .expect("the app builds on the mock runtime");
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window"),
    };
    Harness {
        _app: app,
        window,
        dir,
    }
}

pub fn invoke(h: &Harness, cmd: &str, args: Value) -> Result<Value, Value> {
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

/// Calls a command with a raw body (bytes), as the UI sends a backup file.
pub fn invoke_raw(h: &Harness, cmd: &str, bytes: Vec<u8>) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Raw(bytes),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&h.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

pub const PASS: &str = "copper lantern orbit meadow";

pub fn code_secret(code: &str) -> Value {
    json!({"kind": "recovery_code", "value": code})
}

pub fn pass_secret(p: &str) -> Value {
    json!({"kind": "passphrase", "value": p})
}

pub fn passphrase(p: &str) -> Value {
    json!({"secret": {"kind": "passphrase", "value": p}})
}

/// Creates a vault and confirms its recovery code; returns the code.
pub fn first_run(h: &Harness) -> String {
    let new = invoke(h, "create_vault", json!({"passphrase": PASS})).expect("create");
    let code = new["code"].as_str().unwrap().to_owned();
    let groups: Vec<&str> = code.split('-').collect();
    let answers: Vec<&str> = new["confirmGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| groups[g.as_u64().unwrap() as usize])
        .collect();
    invoke(h, "confirm_recovery_code", json!({"answers": answers})).expect("confirm");
    code
}
