//! One list of commands. `src-tauri/src/commands/list.rs` declares them; the handlers and
//! build.rs are generated from it, and this test holds the two hand-kept places to it: the
//! window's capability (which allows each command by name) and `ui/js/api.js` (the only
//! caller of `invoke`).

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn declared() -> BTreeSet<String> {
    tend_lib::COMMANDS.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn the_capability_allows_exactly_the_declared_commands() {
    let text = std::fs::read_to_string(root().join("src-tauri/capabilities/main.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let allowed: BTreeSet<String> = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let others: Vec<&serde_json::Value> = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p.as_str().is_some_and(|p| p.starts_with("allow-")))
        .collect();
    assert_eq!(
        allowed,
        declared(),
        "capabilities/main.json and commands/list.rs differ"
    );
    assert!(
        others
            .iter()
            .all(|p| p.as_str().is_some_and(|p| p.starts_with("core:event:"))),
        "nothing but Tend's own commands and its two events: {others:?}"
    );
}

#[test]
fn api_js_calls_exactly_the_declared_commands() {
    let text = std::fs::read_to_string(root().join("ui/js/api.js")).unwrap();
    let called: BTreeSet<String> = text
        .split("call('")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        called,
        declared(),
        "ui/js/api.js and commands/list.rs differ"
    );
    assert!(
        !text
            .replace("tauri.core.invoke(command", "")
            .contains("invoke("),
        "api.js calls invoke in one place only"
    );
}

#[test]
fn every_command_name_is_unique() {
    assert_eq!(declared().len(), tend_lib::COMMANDS.len());
}
