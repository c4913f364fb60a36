//! Frozen vault fixtures: every format version Tend ever wrote must still open.

use std::path::{Path, PathBuf};

mod common;

use common::{kinds, Note};
use serde_json::Value;
use tend_core::settings::Settings;
use tend_core::vault::{Record, RecordId, Secret, Vault};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A scratch copy, so opening (which may migrate and write) never touches the fixture.
fn copy_of(version: &str) -> (tempfile::TempDir, Value) {
    let src = fixtures().join(version);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(src.join("tend.vault"), dir.path().join("tend.vault")).unwrap();
    let expected =
        serde_json::from_str(&std::fs::read_to_string(src.join("expected.json")).unwrap()).unwrap();
    (dir, expected)
}

fn check_records(vault: &Vault, expected: &Value) {
    let records = expected["records"].as_array().unwrap();
    assert!(records.len() >= 3, "the fixture holds several records");
    for r in records {
        let id: RecordId = r["id"].as_str().unwrap().parse().unwrap();
        let value = &r["value"];
        match r["kind"].as_str().unwrap() {
            "settings" => {
                let s = Settings::load(vault).unwrap();
                assert_eq!(s.auto_lock_minutes, 7);
                assert_eq!(serde_json::to_value(s.theme).unwrap(), value["theme"]);
                assert_eq!(
                    s.follow_up_hours,
                    Settings::default().follow_up_hours,
                    "fields an older vault lacks take their defaults"
                );
            }
            "test_note" => {
                let note = vault
                    .get::<Note>(id)
                    .unwrap_or_else(|e| panic!("note {id}: {e}"));
                assert_eq!(note.text, value["text"], "note {id}");
                assert_eq!(note.at, value["at"], "note {id}");
            }
            other => panic!("the v1 fixture holds no {other}"),
        }
    }
}

#[test]
fn format_v1_opens_with_its_passphrase_and_reads_every_record() {
    let (dir, expected) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0, kinds()).expect("a v1 vault opens");
    vault
        .unlock(expected["passphrase"].as_str().unwrap(), 0)
        .unwrap();
    check_records(&vault, &expected);
    assert!(vault.integrity_ok().unwrap());
}

#[test]
fn format_v1_opens_with_its_recovery_code() {
    let (dir, expected) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0, kinds()).unwrap();
    vault
        .unlock_with(
            Secret::RecoveryCode(expected["recovery_code"].as_str().unwrap()),
            0,
        )
        .unwrap();
    check_records(&vault, &expected);
}

#[test]
fn format_v1_refuses_a_wrong_passphrase() {
    let (dir, _) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0, kinds()).unwrap();
    assert!(vault.unlock("quiet harbour lantern evening", 0).is_err());
}

#[test]
fn the_apps_readable_export_of_the_v1_fixture_carries_no_test_notes() {
    let (dir, expected) = copy_of("vault-v1");
    let pass = expected["passphrase"].as_str().unwrap();
    let mut vault = Vault::open(dir.path(), 0, tend_core::kinds::ALL).unwrap();
    vault.unlock(pass, 0).unwrap();
    let json = vault.readable_export(pass, 0).unwrap();
    assert!(json["kinds"].get(Note::KIND).is_none(), "{json}");
    assert_eq!(json["kinds"]["settings"].as_array().unwrap().len(), 1);
}
