//! Writes the golden vault fixture for one format version: a small vault plus
//! `expected.json` (its passphrase, recovery code and records). Run once per format:
//!     cargo run -p tend-core --example make_fixture -- tests/fixtures/vault-v1
//! The fixture is committed and must open in every later version.

use std::path::PathBuf;

use serde_json::json;
use tend_core::kinds::FIXTURE_NOTE;
use tend_core::settings::{Settings, Theme};
use tend_core::vault::{Cost, RecordId, Vault};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: make_fixture DIR"));
    if Vault::exists(&dir) {
        eprintln!(
            "{} already holds a vault; fixtures are never rewritten",
            dir.display()
        );
        std::process::exit(1);
    }
    let passphrase = "quiet harbour lantern morning";
    let (mut vault, code) = Vault::create(&dir, passphrase, Cost::FLOOR).expect("create");
    let settings = Settings {
        auto_lock_minutes: 7,
        theme: Theme::System,
        ..Settings::default()
    };
    settings.save(&mut vault).expect("settings");
    let notes = [
        "Water and the big blanket helped most.",
        "Slower next time; ask before switching.",
        "Grateful for the quiet. 🌙 Ünïcödé too.",
    ];
    let mut records = vec![json!({ "kind": "settings", "id": "0".repeat(32), "value": settings })];
    for (i, text) in notes.iter().enumerate() {
        let id = RecordId::generate();
        let value = json!({ "text": text, "at": format!("2026-11-2{i}T21:30:00Z") });
        vault.put(FIXTURE_NOTE, &id, &value).expect("note");
        records.push(json!({ "kind": FIXTURE_NOTE, "id": id.to_hex(), "value": value }));
    }
    vault.lock().expect("lock");
    drop(vault);
    let _ = std::fs::remove_file(dir.join("tend.vault.lock"));
    let expected = json!({
        "passphrase": passphrase,
        "recovery_code": code.display().as_str(),
        "records": records,
    });
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap(),
    )
    .unwrap();
    println!("wrote {}", dir.display());
}
