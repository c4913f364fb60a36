//! Writes the golden vault fixture for one format version: a small vault plus
//! `expected.json` (its passphrase, recovery code and records). Run once per format:
//!     cargo run -p tend-core --example make_fixture -- tests/fixtures/vault-v1
//! The fixture is committed and must open in every later version; the one in
//! `tests/fixtures/vault-v1` was written by the code of its day, as a vault whose kinds
//! were settings and free-text test notes.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::json;
use tend_core::settings::{Settings, Theme};
use tend_core::vault::{Cost, Kinds, Record, RecordId, Vault};

/// Free-text notes: a kind only the fixture and its tests know.
#[derive(Serialize, Deserialize)]
struct Note {
    #[serde(skip)]
    id: RecordId,
    text: String,
    at: String,
}

impl Record for Note {
    const KIND: &'static str = "test_note";
    fn id(&self) -> RecordId {
        self.id
    }
}

const KINDS: Kinds = &[Settings::KIND, Note::KIND];

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: make_fixture DIR"));
    if Vault::exists(&dir) {
        eprintln!(
            "{} already holds a vault; fixtures are never rewritten",
            dir.display()
        );
        std::process::exit(1);
    }
    // TEND_FIXTURE_PASSPHRASE picks another (the decomposed-passphrase fixture).
    let passphrase = std::env::var("TEND_FIXTURE_PASSPHRASE")
        .unwrap_or_else(|_| "quiet harbour lantern morning".into());
    let passphrase = passphrase.as_str();
    let (mut vault, code) = Vault::create(&dir, passphrase, Cost::FLOOR, KINDS).expect("create");
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
        let note = Note {
            id: RecordId::generate(),
            text: (*text).to_owned(),
            at: format!("2026-11-2{i}T21:30:00Z"),
        };
        vault.save(&note).expect("note");
        records.push(json!({ "kind": Note::KIND, "id": note.id.to_hex(), "value": note }));
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
