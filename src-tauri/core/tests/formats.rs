//! Frozen vault fixtures: every format version Tend ever wrote must still open.

use std::path::{Path, PathBuf};

mod common;

use common::{kinds, Note};
use serde_json::Value;
use tend_core::settings::Settings;
use tend_core::vault::{RecordId, Secret, Vault};

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
fn format_v1_opens_with_its_passphrase_is_upgraded_and_reads_every_record() {
    let (dir, expected) = copy_of("vault-v1");
    let pass = expected["passphrase"].as_str().unwrap();
    let mut vault = Vault::open(dir.path(), 0, kinds()).expect("a v1 vault opens");
    assert_eq!(vault.format().unwrap(), 1);
    let unlocked = vault.unlock(pass, 0).unwrap();
    assert_eq!(vault.format().unwrap(), 2, "upgraded on its first unlock");
    assert!(
        unlocked.new_code.is_some(),
        "with a new recovery code to show"
    );
    check_records(&vault, &expected);
    assert!(vault.integrity_ok().unwrap());
    drop(vault);
    let mut again = Vault::open(dir.path(), 0, kinds()).unwrap();
    again.unlock(pass, 0).expect("and opens again as format 2");
    check_records(&again, &expected);
}

/// The v2 fixture as written on the day format 2 was frozen.
const VAULT_V2_SHA256: &str = "7239e71c3caed30e08abc718f0274c0eb9e2f1771a3ae08c6294aaf8ff63f3df";

/// SHA-256 of a file, in hex.
fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    ring::digest::digest(&ring::digest::SHA256, &bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_frozen_fixtures_are_never_rewritten() {
    // Tests open copies; these are the files as each format's code wrote them.
    for (fixture, hash) in [
        (
            "vault-v1",
            "6de4c065af05abf86c0a5bc9dabc5f36447be28c98750c8ddcea167647763d6f",
        ),
        (
            "every-kind-v1",
            "eddd358d6e7ad552f80c0e96f3c06146f957883109a35e476c4818f3520c3503",
        ),
        ("vault-v2", VAULT_V2_SHA256),
        (
            "decomposed-v2",
            "3fa8e287d9cbcbe2e1371d6046e17acd737456680028061ac2181ec667be300c",
        ),
        (
            "space-v2",
            "a467a5fa46e29ce88b0041618ce5e2d66ec0616b180fa40f605a0d483bbe5f6b",
        ),
    ] {
        assert_eq!(
            sha256(&fixtures().join(fixture).join("tend.vault")),
            hash,
            "{fixture}"
        );
    }
}

#[test]
fn format_v1_opens_with_its_recovery_code_and_is_upgraded() {
    let (dir, expected) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0, kinds()).unwrap();
    let unlocked = vault
        .unlock_with(
            Secret::RecoveryCode(expected["recovery_code"].as_str().unwrap()),
            0,
        )
        .unwrap();
    assert!(unlocked.by_recovery_code);
    assert_eq!(vault.format().unwrap(), 2);
    check_records(&vault, &expected);
}

#[test]
fn format_v2_opens_with_its_passphrase_and_its_recovery_code() {
    for secret in ["passphrase", "recovery_code"] {
        let (dir, expected) = copy_of("vault-v2");
        let mut vault = Vault::open(dir.path(), 0, kinds()).expect("a v2 vault opens");
        assert_eq!(vault.format().unwrap(), 2);
        let value = expected[secret].as_str().unwrap();
        let unlocked = if secret == "passphrase" {
            vault.unlock(value, 0).unwrap()
        } else {
            vault.unlock_with(Secret::RecoveryCode(value), 0).unwrap()
        };
        assert!(unlocked.new_code.is_none(), "nothing to upgrade");
        check_records(&vault, &expected);
    }
}

#[test]
fn format_v1_refuses_a_wrong_passphrase() {
    let (dir, _) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0, kinds()).unwrap();
    assert!(vault.unlock("quiet harbour lantern evening", 0).is_err());
}

#[test]
fn rows_of_a_kind_the_app_does_not_know_stop_the_upgrade_and_change_nothing() {
    let (dir, expected) = copy_of("vault-v1");
    let before = std::fs::read(dir.path().join("tend.vault")).unwrap();
    let mut vault = Vault::open(dir.path(), 0, tend_core::kinds::ALL).unwrap();
    let result = vault.unlock(expected["passphrase"].as_str().unwrap(), 0);
    assert!(
        matches!(result, Err(tend_core::vault::VaultError::Altered(_))),
        "the fixture's test notes are no kind the app knows"
    );
    assert!(
        !vault.is_unlocked(),
        "a refused upgrade leaves the vault locked"
    );
    drop(vault);
    assert_eq!(
        vault_records(&dir),
        vault_records_of(&before),
        "no row was dropped or changed"
    );
}

#[test]
fn the_apps_readable_export_carries_the_apps_kinds_only() {
    let src = fixtures().join("every-kind-v1");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(src.join("tend.vault"), dir.path().join("tend.vault")).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("expected.json")).unwrap()).unwrap();
    let mut vault = Vault::open(dir.path(), 0, tend_core::kinds::ALL).unwrap();
    vault
        .unlock(expected["passphrase"].as_str().unwrap(), 0)
        .unwrap();
    let json = vault.readable_export().unwrap();
    let mut kinds: Vec<&str> = json["kinds"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    kinds.sort_unstable();
    let mut app: Vec<&str> = tend_core::kinds::ALL.to_vec();
    app.sort_unstable();
    assert_eq!(kinds, app, "no empty test_note in a person's export");
}

/// Every (id, tag, envelope) in a vault file, sorted.
fn vault_records(dir: &tempfile::TempDir) -> Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    vault_records_of(&std::fs::read(dir.path().join("tend.vault")).unwrap())
}

fn vault_records_of(bytes: &[u8]) -> Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("copy.db");
    std::fs::write(&path, bytes).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, tag, envelope FROM records ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows
}

#[test]
fn the_space_fixture_opens_its_space_only_with_the_partners_passphrase() {
    let (dir, expected) = copy_of("space-v2");
    let mut vault =
        Vault::open(dir.path(), 0, tend_core::kinds::ALL).expect("the space fixture opens");
    vault
        .unlock(expected["passphrase"].as_str().unwrap(), 0)
        .unwrap();
    let owner_reads = vault.readable_export().unwrap().to_string();
    let canaries = &expected["canaries"];
    for c in canaries["kept"]
        .as_array()
        .unwrap()
        .iter()
        .chain(canaries["not_kept"].as_array().unwrap())
    {
        assert!(!owner_reads.contains(c.as_str().unwrap()), "{c}");
    }
    let space = &expected["spaces"][0];
    let sam: RecordId = space["person"].as_str().unwrap().parse().unwrap();
    let stored = tend_core::space::find(&vault, sam).unwrap().unwrap();
    assert!(stored.lock.open("a wrong passphrase", &sam).is_err());
    let keys = stored
        .lock
        .open(space["passphrase"].as_str().unwrap(), &sam)
        .unwrap();
    let opened = tend_core::space::read(&mut vault, sam, &keys).unwrap();
    assert!(!opened.changed);
    assert_eq!(
        serde_json::to_value(&opened.entries).unwrap(),
        space["entries"]
    );
    let text = space["entries"].to_string();
    for c in canaries["kept"].as_array().unwrap() {
        assert!(text.contains(c.as_str().unwrap()), "{c}");
    }
    assert!(!text.contains(canaries["not_kept"][0].as_str().unwrap()));
}

#[test]
fn a_vault_sealed_under_a_decomposed_passphrase_opens_and_is_sealed_again_under_nfc() {
    let (dir, expected) = copy_of("decomposed-v2");
    let typed = expected["passphrase"].as_str().unwrap();
    let composed: String = tend_core::passphrase::normalized(typed).to_string();
    assert_ne!(typed, composed, "the fixture's passphrase is decomposed");
    let mut vault = Vault::open(dir.path(), 0, kinds()).unwrap();
    assert!(
        vault.unlock(&composed, 0).is_err(),
        "sealed under the bytes as typed: the composed form does not open it yet"
    );
    vault.unlock(typed, 0).expect("the bytes as typed open it");
    check_records(&vault, &expected);
    vault.lock().unwrap();
    vault
        .unlock(&composed, 0)
        .expect("and now it is sealed under the NFC form");
    vault.lock().unwrap();
    vault
        .unlock(typed, 0)
        .expect("which the decomposed form reaches too");
}
