//! Frozen vault fixtures: every format version Tend ever wrote must still open.

use std::path::{Path, PathBuf};

use serde_json::Value;
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
        let kind = r["kind"].as_str().unwrap();
        let id = RecordId::from_hex(r["id"].as_str().unwrap()).unwrap();
        let value: Value = vault
            .get(kind, &id)
            .unwrap_or_else(|e| panic!("{kind} {}: {e}", r["id"]));
        assert_eq!(value, r["value"], "{kind} {}", r["id"]);
    }
}

#[test]
fn format_v1_opens_with_its_passphrase_and_reads_every_record() {
    let (dir, expected) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0).expect("a v1 vault opens");
    vault
        .unlock(expected["passphrase"].as_str().unwrap(), 0)
        .unwrap();
    check_records(&vault, &expected);
    assert!(vault.integrity_ok().unwrap());
}

#[test]
fn format_v1_opens_with_its_recovery_code() {
    let (dir, expected) = copy_of("vault-v1");
    let mut vault = Vault::open(dir.path(), 0).unwrap();
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
    let mut vault = Vault::open(dir.path(), 0).unwrap();
    assert!(vault.unlock("quiet harbour lantern evening", 0).is_err());
}
