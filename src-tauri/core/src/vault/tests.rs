//! The vault as a whole: keys, records, tampering and refusal of bad files.

use super::*;
use crate::about::VAULT_FORMAT_VERSION;
use serde::Deserialize;
use tempfile::TempDir;

const PASS: &str = "copper lantern orbit meadow";

/// The kinds these tests store: the vault is told about exactly these.
const KINDS: Kinds = &[Note::KIND, Other::KIND];

#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
struct Note {
    id: RecordId,
    text: String,
    at: String,
}

impl Record for Note {
    const KIND: &'static str = "notes";
    fn id(&self) -> RecordId {
        self.id
    }
}

/// A second kind, to show kinds are kept apart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
struct Other(Note);

impl Record for Other {
    const KIND: &'static str = "others";
    fn id(&self) -> RecordId {
        self.0.id
    }
}

/// A kind the vault was never told about.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
struct Stranger(Note);

impl Record for Stranger {
    const KIND: &'static str = "strangers";
    fn id(&self) -> RecordId {
        self.0.id
    }
}

fn note(id: RecordId, text: &str) -> Note {
    Note {
        id,
        text: text.into(),
        at: "2026-11-28T07:00:00Z".into(),
    }
}

fn new_vault() -> (TempDir, Vault, RecoveryCode) {
    let dir = tempfile::tempdir().unwrap();
    let (vault, code) = Vault::create(dir.path(), PASS, Cost::FLOOR, KINDS).unwrap();
    (dir, vault, code)
}

fn open(dir: &std::path::Path) -> Result<Vault> {
    Vault::open(dir, 0, KINDS)
}

fn reopen(dir: &TempDir, vault: Vault) -> Vault {
    drop(vault);
    open(dir.path()).unwrap()
}

fn raw(dir: &TempDir) -> Connection {
    Connection::open(dir.path().join(FILE_NAME)).unwrap()
}

/// The passphrase confirmed, as a lasting change needs.
fn proof(v: &mut Vault, passphrase: &str) -> Opened {
    v.verify_passphrase(passphrase, 0).unwrap()
}

fn new_passphrase(passphrase: &str) -> PassphraseSeal {
    PassphraseSeal::derive(passphrase, Cost::FLOOR).unwrap()
}

/// Stages and checks a backup, as the app does before replacing anything.
fn checked(dir: &std::path::Path, bytes: &[u8], secret: Secret<'_>) -> Result<Checked> {
    stage_import(dir, bytes)?;
    check_import(dir, secret, KINDS)
}

/// A fresh install restored from `bytes`.
fn restore_fresh(bytes: &[u8], secret: Secret<'_>) -> Result<(TempDir, Vault)> {
    let dir = tempfile::tempdir().unwrap();
    let c = checked(dir.path(), bytes, secret)?;
    let (v, _) = Vault::create_from_import(dir.path(), c, KINDS)?;
    Ok((dir, v))
}

#[test]
fn records_round_trip_across_lock_and_reopen() {
    let (dir, mut v, _) = new_vault();
    let id = RecordId::generate();
    v.save(&note(id, "first")).unwrap();
    assert_eq!(v.get::<Note>(id).unwrap(), note(id, "first"));
    let mut v = reopen(&dir, v);
    assert!(!v.is_unlocked());
    assert!(matches!(v.get::<Note>(id), Err(VaultError::Locked)));
    v.unlock(PASS, 0).unwrap();
    assert_eq!(v.get::<Note>(id).unwrap(), note(id, "first"));
    assert_eq!(v.list::<Note>().unwrap(), vec![note(id, "first")]);
    assert!(
        v.list::<Other>().unwrap().is_empty(),
        "kinds are kept apart"
    );
    assert!(v.find::<Other>(id).unwrap().is_none());
    assert!(v.contains::<Note>(id).unwrap() && !v.contains::<Other>(id).unwrap());
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let (dir, mut v, _) = new_vault();
    let id = RecordId::generate();
    v.save(&note(id, "kept")).unwrap();
    let mut v = reopen(&dir, v);
    assert!(matches!(
        v.unlock("copper lantern orbit meadoW", 0),
        Err(VaultError::WrongPassphrase)
    ));
    assert!(!v.is_unlocked());
    assert_eq!(v.lockout().failures(), 1);
    v.unlock(PASS, 0).unwrap();
    assert_eq!(v.get::<Note>(id).unwrap(), note(id, "kept"));
    assert_eq!(v.lockout().failures(), 0);
}

#[test]
fn the_recovery_code_opens_the_vault_and_a_wrong_one_does_not() {
    let (dir, v, code) = new_vault();
    let mut v = reopen(&dir, v);
    assert!(matches!(
        v.unlock_with_recovery(&RecoveryCode::generate().display(), 0),
        Err(VaultError::WrongRecoveryCode)
    ));
    assert!(matches!(
        v.unlock_with_recovery("not a code", 0),
        Err(VaultError::BadRecoveryCode)
    ));
    v.unlock_with_recovery(&code.display().to_lowercase(), 0)
        .unwrap();
    assert!(v.is_unlocked());
}

#[test]
fn changing_the_passphrase_keeps_every_record_and_retires_the_old_one() {
    let (dir, mut v, code) = new_vault();
    let ids: Vec<_> = (0..20).map(|_| RecordId::generate()).collect();
    for (i, id) in ids.iter().enumerate() {
        v.save(&note(*id, &format!("n{i}"))).unwrap();
    }
    let before: Vec<u8> = raw(&dir)
        .query_row("SELECT envelope FROM records LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let p = proof(&mut v, PASS);
    v.change_passphrase(&p, new_passphrase("velvet harbour quietly sings"))
        .unwrap();
    let after: Vec<u8> = raw(&dir)
        .query_row("SELECT envelope FROM records LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_ne!(
        before, after,
        "every record is sealed again under a new data key"
    );
    assert_eq!(v.list::<Note>().unwrap().len(), 20);
    let mut v = reopen(&dir, v);
    assert!(matches!(
        v.unlock(PASS, 0),
        Err(VaultError::WrongPassphrase)
    ));
    v.unlock("velvet harbour quietly sings", 0).unwrap();
    assert_eq!(v.list::<Note>().unwrap().len(), 20);
    v.lock().unwrap();
    v.unlock_with_recovery(&code.display(), 0)
        .expect("the recovery code still works");
}

#[test]
fn a_new_recovery_code_replaces_the_old_one() {
    let (dir, mut v, old) = new_vault();
    let new = RecoveryCode::generate();
    let p = proof(&mut v, PASS);
    v.replace_recovery_code(&p, &new).unwrap();
    let mut v = reopen(&dir, v);
    assert!(matches!(
        v.unlock_with_recovery(&old.display(), 0),
        Err(VaultError::WrongRecoveryCode)
    ));
    v.unlock_with_recovery(&new.display(), 0).unwrap();
}

#[test]
fn weak_or_empty_passphrases_make_no_vault() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Vault::create(dir.path(), "password1", Cost::FLOOR, KINDS),
        Err(VaultError::Passphrase(_))
    ));
    assert!(matches!(
        Vault::create(dir.path(), "", Cost::FLOOR, KINDS),
        Err(VaultError::Passphrase(_))
    ));
    assert!(!Vault::exists(dir.path()));
}

#[test]
fn a_second_vault_cannot_be_created_over_the_first() {
    let (dir, v, _) = new_vault();
    drop(v);
    assert!(matches!(
        Vault::create(dir.path(), PASS, Cost::FLOOR, KINDS),
        Err(VaultError::AlreadyExists)
    ));
}

#[test]
fn a_second_opener_of_the_same_folder_is_refused_while_the_first_holds_it() {
    let (dir, v, _) = new_vault();
    assert!(matches!(open(dir.path()), Err(VaultError::InUse)));
    drop(v);
    open(dir.path()).expect("free again once the first is closed");
}

#[test]
fn a_ciphertext_moved_to_another_row_or_kind_is_refused() {
    let (dir, mut v, _) = new_vault();
    let (a, b) = (RecordId::generate(), RecordId::generate());
    v.save(&note(a, "a")).unwrap();
    v.save(&note(b, "b")).unwrap();
    let db = raw(&dir);
    let env_a: Vec<u8> = db
        .query_row(
            "SELECT envelope FROM records WHERE id = ?1",
            [&a.as_bytes()[..]],
            |r| r.get(0),
        )
        .unwrap();
    db.execute(
        "UPDATE records SET envelope = ?1 WHERE id = ?2",
        params![env_a, &b.as_bytes()[..]],
    )
    .unwrap();
    assert!(matches!(v.get::<Note>(b), Err(VaultError::Tampered)));
    assert!(matches!(v.list::<Note>(), Err(VaultError::Tampered)));
    assert_eq!(
        v.get::<Note>(a).unwrap(),
        note(a, "a"),
        "the untouched row still reads"
    );
    // Relabel a note as another kind: its tag changes but its envelope says "notes".
    let tag = v.keys().unwrap().tag(Other::KIND);
    db.execute(
        "UPDATE records SET tag = ?1 WHERE id = ?2",
        params![&tag[..], &a.as_bytes()[..]],
    )
    .unwrap();
    assert!(matches!(v.get::<Other>(a), Err(VaultError::Tampered)));
}

#[test]
fn flipping_a_byte_in_any_header_field_never_opens_and_never_loses_data() {
    let (dir, mut v, code) = new_vault();
    let id = RecordId::generate();
    v.save(&note(id, "safe")).unwrap();
    drop(v);
    let db = raw(&dir);
    for field in [
        "magic",
        "format",
        "kdf",
        "key.passphrase",
        "recovery.salt",
        "key.recovery",
    ] {
        let original: Vec<u8> = db
            .query_row("SELECT value FROM meta WHERE name = ?1", [field], |r| {
                r.get(0)
            })
            .unwrap();
        for i in 0..original.len() {
            let mut bad = original.clone();
            bad[i] ^= 0x01;
            db.execute(
                "UPDATE meta SET value = ?1 WHERE name = ?2",
                params![bad, field],
            )
            .unwrap();
            if let Ok(mut v) = open(dir.path()) {
                let opened = if field.contains("recovery") {
                    v.unlock_with_recovery(&code.display(), 0)
                } else {
                    v.unlock(PASS, 0)
                };
                assert!(
                    opened.is_err(),
                    "{field} byte {i}: a flipped header must not open"
                );
            }
            // Each refusal counts as a wrong try; start the next one fresh.
            db.execute(
                "UPDATE meta SET value = ?1 WHERE name = 'unlock.failures'",
                [&[0u8; 4][..]],
            )
            .unwrap();
        }
        db.execute(
            "UPDATE meta SET value = ?1 WHERE name = ?2",
            params![original, field],
        )
        .unwrap();
    }
    let mut v = open(dir.path()).unwrap();
    v.unlock(PASS, 0).unwrap();
    assert_eq!(
        v.get::<Note>(id).unwrap(),
        note(id, "safe"),
        "data survives every attempt"
    );
}

#[test]
fn a_downgraded_key_setting_is_refused_before_any_unlock() {
    let (dir, v, _) = new_vault();
    drop(v);
    let db = raw(&dir);
    let mut kdf: Vec<u8> = db
        .query_row("SELECT value FROM meta WHERE name = 'kdf'", [], |r| {
            r.get(0)
        })
        .unwrap();
    kdf[1..5].copy_from_slice(&1024u32.to_be_bytes());
    db.execute("UPDATE meta SET value = ?1 WHERE name = 'kdf'", [kdf])
        .unwrap();
    assert!(matches!(open(dir.path()), Err(VaultError::WeakKdf)));
}

#[test]
fn files_that_are_not_vaults_are_named_as_such_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(
        &path,
        b"hello, this is not a database at all, just some text",
    )
    .unwrap();
    assert!(matches!(open(dir.path()), Err(VaultError::NotAVault)));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"hello, this is not a database at all, just some text"
    );

    std::fs::remove_file(&path).unwrap();
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(other);
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(open(dir.path()), Err(VaultError::NotAVault)));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "another app's database is not modified"
    );
}

#[test]
fn a_truncated_vault_is_refused_with_a_clear_error() {
    let (dir, mut v, _) = new_vault();
    for i in 0..200 {
        v.save(&note(RecordId::generate(), &format!("{i}").repeat(50)))
            .unwrap();
    }
    drop(v);
    let path = dir.path().join(FILE_NAME);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let result = open(dir.path()).and_then(|mut v| {
        v.unlock(PASS, 0)?;
        v.list::<Note>()?;
        if v.integrity_ok()? {
            Ok(())
        } else {
            Err(VaultError::Corrupt("integrity"))
        }
    });
    assert!(result.is_err(), "a third of a vault must not pass as whole");
}

#[test]
fn a_newer_format_is_refused_by_name() {
    let (dir, v, _) = new_vault();
    drop(v);
    raw(&dir)
        .execute(
            "UPDATE meta SET value = ?1 WHERE name = 'format'",
            [&(VAULT_FORMAT_VERSION + 1).to_be_bytes()[..]],
        )
        .unwrap();
    assert!(
        matches!(open(dir.path()), Err(VaultError::NewerFormat(v)) if v == VAULT_FORMAT_VERSION + 1)
    );
}

#[test]
fn wrong_tries_back_off_and_the_count_survives_a_restart() {
    let (dir, v, _) = new_vault();
    let mut v = reopen(&dir, v);
    for _ in 0..5 {
        assert!(matches!(
            v.unlock("wrong wrong wrong wrong", 1_000),
            Err(VaultError::WrongPassphrase)
        ));
    }
    assert!(
        matches!(
            v.unlock(PASS, 1_000),
            Err(VaultError::TooManyAttempts { .. })
        ),
        "even the right one waits"
    );
    drop(v);
    let mut v = Vault::open(dir.path(), 50_000, KINDS).unwrap();
    assert_eq!(v.lockout().failures(), 5);
    assert!(matches!(
        v.unlock(PASS, 50_000),
        Err(VaultError::TooManyAttempts {
            retry_after_ms: 30_000
        })
    ));
    v.unlock(PASS, 80_000).unwrap();
    assert_eq!(v.lockout().failures(), 0);
}

#[test]
fn a_multi_record_write_lands_whole_or_not_at_all() {
    let (_dir, mut v, _) = new_vault();
    let (a, b) = (RecordId::generate(), RecordId::generate());
    let failed = v.write(|w| {
        w.save(&note(a, "a"))?;
        w.save(&Stranger(note(b, "b")))
    });
    assert!(matches!(failed, Err(VaultError::UnknownKind)));
    assert!(
        matches!(v.get::<Note>(a), Err(VaultError::NotFound)),
        "the first put was rolled back"
    );
    v.write(|w| {
        w.save(&note(a, "a"))?;
        w.save(&note(b, "b"))
    })
    .unwrap();
    assert_eq!(v.list::<Note>().unwrap().len(), 2);
    assert!(v.delete::<Note>(a).unwrap());
    assert!(
        !v.delete::<Note>(a).unwrap(),
        "a second delete finds nothing"
    );
    assert!(matches!(v.remove::<Note>(a), Err(VaultError::NotFound)));
    v.remove::<Note>(b).unwrap();
    assert!(v.list::<Note>().unwrap().is_empty());
}

#[test]
fn lock_truncates_the_write_ahead_log() {
    let (dir, mut v, _) = new_vault();
    for _ in 0..50 {
        v.save(&note(RecordId::generate(), "x")).unwrap();
    }
    v.lock().unwrap();
    let wal = dir.path().join(format!("{FILE_NAME}-wal"));
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);
}

#[test]
fn a_kind_the_vault_was_not_told_about_is_refused_before_anything_is_written() {
    let (_dir, mut v, _) = new_vault();
    let id = RecordId::generate();
    assert!(matches!(
        v.save(&Stranger(note(id, "x"))),
        Err(VaultError::UnknownKind)
    ));
    assert!(matches!(v.list::<Stranger>(), Err(VaultError::UnknownKind)));
    assert!(!v.contains::<Note>(id).unwrap());
}

#[test]
fn the_save_rule_gives_new_records_an_id_and_edits_must_find_theirs() {
    let (_dir, mut v, _) = new_vault();
    let fresh = v.claim::<Note>(None).unwrap();
    assert_ne!(
        fresh,
        v.claim::<Note>(None).unwrap(),
        "each new record gets its own id"
    );
    assert!(matches!(
        v.claim::<Note>(Some(fresh)),
        Err(VaultError::NotFound)
    ));
    v.save(&note(fresh, "kept")).unwrap();
    assert_eq!(v.claim::<Note>(Some(fresh)).unwrap(), fresh);
    assert!(
        matches!(v.claim::<Other>(Some(fresh)), Err(VaultError::NotFound)),
        "an edit must name a record of its own kind"
    );
}

fn filled_vault(n: usize) -> (TempDir, Vault, RecoveryCode, Vec<RecordId>) {
    let (dir, mut v, code) = new_vault();
    let ids: Vec<_> = (0..n).map(|_| RecordId::generate()).collect();
    v.write(|w| {
        for (i, id) in ids.iter().enumerate() {
            w.save(&note(*id, &format!("note {i}")))?;
        }
        Ok(())
    })
    .unwrap();
    (dir, v, code, ids)
}

fn backup_of(v: &Vault) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("backup.tend");
    v.export_backup(&path).unwrap();
    std::fs::read(path).unwrap()
}

#[test]
fn a_backup_opens_on_another_install_with_the_passphrase_or_the_recovery_code() {
    let (_dir, v, code, ids) = filled_vault(30);
    let backup = backup_of(&v);
    for secret in [
        Secret::Passphrase(PASS),
        Secret::RecoveryCode(&code.display()),
    ] {
        let elsewhere = tempfile::tempdir().unwrap();
        let c = checked(elsewhere.path(), &backup, secret).unwrap();
        let (restored, _) = Vault::create_from_import(elsewhere.path(), c, KINDS).unwrap();
        let notes = restored.list::<Note>().unwrap();
        assert_eq!(notes.len(), ids.len());
        assert_eq!(
            restored.get::<Note>(ids[7]).unwrap(),
            note(ids[7], "note 7")
        );
    }
}

#[test]
fn importing_over_a_vault_replaces_it_and_unlocks_with_the_backups_keys() {
    let (_a, source, _, ids) = filled_vault(5);
    let backup = backup_of(&source);
    let (dir, mut target, _, _) = filled_vault(2);
    let c = checked(dir.path(), &backup, Secret::Passphrase(PASS)).unwrap();
    target.import_backup(c).unwrap();
    assert_eq!(target.list::<Note>().unwrap().len(), 5);
    let mut again = reopen(&dir, target);
    again.unlock(PASS, 0).unwrap();
    assert_eq!(again.get::<Note>(ids[0]).unwrap(), note(ids[0], "note 0"));
}

#[test]
fn a_failed_import_leaves_the_current_vault_exactly_as_it_was() {
    let (_a, source, _, _) = filled_vault(3);
    let good = backup_of(&source);
    let (dir, mut target, _, ids) = filled_vault(4);
    target.lock().unwrap();
    target.unlock(PASS, 0).unwrap();
    let path = dir.path().join(FILE_NAME);
    let before = std::fs::read(&path).unwrap();

    let mut newer = good.clone();
    let other_install = tempfile::tempdir().unwrap();
    {
        // A backup from a newer Tend: same keys, higher format number.
        let p = other_install.path().join("newer.tend");
        std::fs::write(&p, &good).unwrap();
        Connection::open(&p)
            .unwrap()
            .execute(
                "UPDATE meta SET value = ?1 WHERE name = 'format'",
                [&(VAULT_FORMAT_VERSION + 1).to_be_bytes()[..]],
            )
            .unwrap();
        newer = std::fs::read(&p).unwrap_or(newer);
    }
    // Flip a byte inside a sealed record, found where it lies in the file.
    let mut flipped = good.clone();
    let envelope: Vec<u8> = source
        .conn
        .query_row("SELECT envelope FROM records LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let at = good
        .windows(envelope.len())
        .position(|w| w == envelope)
        .expect("the envelope is in the file");
    flipped[at + envelope.len() / 2] ^= 0xff;
    let not_sqlite = b"{\"format\": \"something else\", \"records\": []}".repeat(10);
    let other_db = {
        let p = other_install.path().join("other.db");
        Connection::open(&p)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        std::fs::read(&p).unwrap()
    };

    let zero_code = "0000-".repeat(7) + "0000";
    let cases: Vec<(&str, Vec<u8>, Secret<'_>)> = vec![
        (
            "wrong passphrase",
            good.clone(),
            Secret::Passphrase("not the passphrase at all"),
        ),
        ("wrong code", good.clone(), Secret::RecoveryCode(&zero_code)),
        ("newer format", newer, Secret::Passphrase(PASS)),
        ("flipped byte", flipped, Secret::Passphrase(PASS)),
        ("not sqlite", not_sqlite, Secret::Passphrase(PASS)),
        ("another app's database", other_db, Secret::Passphrase(PASS)),
        ("empty", Vec::new(), Secret::Passphrase(PASS)),
        (
            "truncated",
            good[..good.len() / 2].to_vec(),
            Secret::Passphrase(PASS),
        ),
    ];
    for (what, bytes, secret) in cases {
        let result = checked(dir.path(), &bytes, secret).and_then(|c| target.import_backup(c));
        assert!(result.is_err(), "{what} must be refused");
        if matches!(what, "not sqlite" | "another app's database" | "empty") {
            assert!(
                matches!(result, Err(VaultError::NotABackup)),
                "{what}: named as not a backup, not as a damaged vault: {:?}",
                result.err()
            );
        }
        assert!(target.is_unlocked(), "{what}: still unlocked");
        assert_eq!(
            target.list::<Note>().unwrap().len(),
            4,
            "{what}: data intact"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{what}: the vault file is byte-for-byte unchanged"
        );
        assert!(
            !dir.path().join(IMPORT_NAME).exists(),
            "{what}: no staged file left behind"
        );
    }
    assert_eq!(target.get::<Note>(ids[3]).unwrap(), note(ids[3], "note 3"));
}

#[test]
fn a_backup_with_a_record_moved_between_rows_is_refused() {
    let (_a, source, _, ids) = filled_vault(2);
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("b.tend");
    source.export_backup(&p).unwrap();
    let db = Connection::open(&p).unwrap();
    let env: Vec<u8> = db
        .query_row(
            "SELECT envelope FROM records WHERE id = ?1",
            [&ids[0].as_bytes()[..]],
            |r| r.get(0),
        )
        .unwrap();
    db.execute(
        "UPDATE records SET envelope = ?1 WHERE id = ?2",
        params![env, &ids[1].as_bytes()[..]],
    )
    .unwrap();
    drop(db);
    let result = restore_fresh(&std::fs::read(&p).unwrap(), Secret::Passphrase(PASS));
    assert!(
        matches!(result, Err(VaultError::Altered(_) | VaultError::Tampered)),
        "{:?}",
        result.err()
    );
}

#[test]
fn the_readable_export_needs_the_passphrase_again_and_holds_every_record() {
    let (_dir, mut v, _, _) = filled_vault(3);
    assert!(matches!(
        v.verify_passphrase("guess guess guess", 0),
        Err(VaultError::WrongPassphrase)
    ));
    proof(&mut v, PASS);
    let json = v.readable_export().unwrap();
    assert_eq!(json["format"], "tend-readable-export");
    assert_eq!(
        json["kinds"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        KINDS.iter().collect::<Vec<_>>(),
        "every kind the vault was told about, and only those"
    );
    let notes = json["kinds"][Note::KIND].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    assert!(notes.iter().any(|n| n["value"]["text"] == "note 1"));
}

#[test]
fn wiping_leaves_nothing_behind() {
    let (dir, v, _, _) = filled_vault(3);
    v.wipe().unwrap();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "files left after a wipe: {left:?}");
    assert!(matches!(open(dir.path()), Err(VaultError::NoVault)));
}

#[test]
fn an_id_cannot_be_reused_by_another_kind() {
    let (_dir, mut v, _) = new_vault();
    let id = RecordId::generate();
    v.save(&note(id, "first")).unwrap();
    assert!(matches!(
        v.save(&Other(note(id, "other"))),
        Err(VaultError::IdTaken)
    ));
    assert_eq!(
        v.get::<Note>(id).unwrap(),
        note(id, "first"),
        "the first record is untouched"
    );
    v.save(&note(id, "updated")).unwrap();
    assert_eq!(
        v.get::<Note>(id).unwrap(),
        note(id, "updated"),
        "same kind updates"
    );
}

#[test]
fn wrong_passphrases_at_an_unlocked_vault_count_towards_the_back_off() {
    let (_dir, mut v, _) = new_vault();
    for _ in 0..5 {
        assert!(matches!(
            v.verify_passphrase("guess guess guess", 1_000),
            Err(VaultError::WrongPassphrase)
        ));
    }
    assert!(matches!(
        v.verify_passphrase(PASS, 1_000),
        Err(VaultError::TooManyAttempts { .. })
    ));
    v.verify_passphrase(PASS, 40_000).unwrap();
}

#[test]
fn a_damaged_vault_can_still_be_wiped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(FILE_NAME), b"not a vault at all").unwrap();
    assert!(open(dir.path()).is_err());
    Vault::wipe_unopenable(dir.path()).unwrap();
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

// ---- issue: rotation, rollback, smuggled schemas, hostile costs, file modes, upgrade ----

/// Copies the vault's files (locked, log folded in) to a new folder.
fn copy_vault(dir: &TempDir) -> TempDir {
    let copy = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join(FILE_NAME), copy.path().join(FILE_NAME)).unwrap();
    copy
}

fn envelope_of(dir: &std::path::Path, id: RecordId) -> Vec<u8> {
    Connection::open(dir.join(FILE_NAME))
        .unwrap()
        .query_row(
            "SELECT envelope FROM records WHERE id = ?1",
            [&id.as_bytes()[..]],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn after_both_secrets_change_an_old_copy_and_old_secrets_open_nothing_written_since() {
    let (dir, mut v, old_code) = new_vault();
    let kept = RecordId::generate();
    v.save(&note(kept, "before")).unwrap();
    v.lock().unwrap();
    let old_copy = copy_vault(&dir);
    v.unlock(PASS, 0).unwrap();
    let p = proof(&mut v, PASS);
    v.change_passphrase(&p, new_passphrase("velvet harbour quietly sings"))
        .unwrap();
    let p = proof(&mut v, "velvet harbour quietly sings");
    v.replace_recovery_code(&p, &RecoveryCode::generate())
        .unwrap();
    let later = RecordId::generate();
    v.save(&note(later, "written after the change")).unwrap();
    v.lock().unwrap();
    let envelope = envelope_of(dir.path(), later);
    for secret in [
        Secret::Passphrase(PASS),
        Secret::RecoveryCode(&old_code.display()),
    ] {
        let mut old = open(old_copy.path()).unwrap();
        old.unlock_with(secret, 0)
            .expect("the old copy opens with its own secrets");
        let keys = old.keys().unwrap();
        assert!(
            keys.open(Note::KIND, later, &envelope).is_err(),
            "the old data key cannot read what was written after the change"
        );
        assert_eq!(old.get::<Note>(kept).unwrap(), note(kept, "before"));
    }
}

#[test]
fn an_older_envelope_spliced_into_the_vault_is_reported_as_tampering() {
    let (dir, mut v, _) = new_vault();
    let id = RecordId::generate();
    v.save(&note(id, "first version")).unwrap();
    v.lock().unwrap();
    let old_copy = copy_vault(&dir);
    v.unlock(PASS, 0).unwrap();
    v.save(&note(id, "second version")).unwrap();
    let p = proof(&mut v, PASS);
    v.change_passphrase(&p, new_passphrase("velvet harbour quietly sings"))
        .unwrap();
    drop(v);
    let old_env = envelope_of(old_copy.path(), id);
    raw(&dir)
        .execute(
            "UPDATE records SET envelope = ?1 WHERE id = ?2",
            params![old_env, &id.as_bytes()[..]],
        )
        .unwrap();
    let mut v = open(dir.path()).unwrap();
    assert!(matches!(
        v.unlock("velvet harbour quietly sings", 0),
        Err(VaultError::Altered(_))
    ));
}

#[test]
fn a_row_deleted_rolled_back_or_retagged_is_reported_on_unlock_and_nothing_is_overwritten() {
    let setup = || {
        let (dir, mut v, _) = new_vault();
        let (a, b) = (RecordId::generate(), RecordId::generate());
        v.save(&note(a, "a")).unwrap();
        v.save(&note(b, "b")).unwrap();
        v.lock().unwrap();
        let older = copy_vault(&dir);
        v.unlock(PASS, 0).unwrap();
        v.save(&note(a, "a, edited")).unwrap();
        drop(v);
        (dir, older, a, b)
    };
    type Tamper = fn(&Connection, RecordId, RecordId, &[u8]);
    let tampers: [(&str, Tamper); 4] = [
        ("a row deleted", |db, _, b, _| {
            db.execute("DELETE FROM records WHERE id = ?1", [&b.as_bytes()[..]])
                .unwrap();
        }),
        (
            "a row brought back from an older copy",
            |db, a, _, older| {
                db.execute(
                    "UPDATE records SET envelope = ?1 WHERE id = ?2",
                    params![older, &a.as_bytes()[..]],
                )
                .unwrap();
            },
        ),
        ("a row hidden under another tag", |db, _, b, _| {
            db.execute(
                "UPDATE records SET tag = ?1 WHERE id = ?2",
                params![&[0u8; 16][..], &b.as_bytes()[..]],
            )
            .unwrap();
        }),
        ("a row added", |db, _, b, _| {
            db.execute(
                "INSERT INTO records (id, tag, envelope) SELECT ?1, tag, envelope FROM records WHERE id = ?2",
                params![&[9u8; 16][..], &b.as_bytes()[..]],
            )
            .unwrap();
        }),
    ];
    for (what, tamper) in tampers {
        let (dir, older, a, b) = setup();
        let older_env = envelope_of(older.path(), a);
        tamper(&raw(&dir), a, b, &older_env);
        let before = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        let mut v = open(dir.path()).unwrap();
        let result = v.unlock(PASS, 0);
        assert!(
            matches!(result, Err(VaultError::Altered(_))),
            "{what}: {:?}",
            result.err()
        );
        assert!(!v.is_unlocked(), "{what}: stays locked");
        assert!(
            result.err().unwrap().to_string().contains("restore"),
            "{what}: says what the person can do"
        );
        drop(v);
        assert_eq!(
            std::fs::read(dir.path().join(FILE_NAME)).unwrap().len(),
            before.len(),
            "{what}: nothing overwritten"
        );
    }
}

#[test]
fn a_row_of_a_kind_this_build_does_not_know_is_reported_not_skipped() {
    let (dir, mut v, _) = new_vault();
    let id = RecordId::generate();
    v.save(&note(id, "a")).unwrap();
    drop(v);
    // Opened with a list that no longer names "notes": its rows are reported.
    let mut v = Vault::open(dir.path(), 0, &[Other::KIND]).unwrap();
    assert!(matches!(v.unlock(PASS, 0), Err(VaultError::Altered(_))));
}

#[test]
fn the_live_file_and_a_backup_may_hold_only_tends_own_database_objects() {
    let smuggled = [
        "CREATE TRIGGER t AFTER INSERT ON records BEGIN DELETE FROM records WHERE id = new.id; END",
        "CREATE TRIGGER u AFTER UPDATE ON records BEGIN UPDATE records SET envelope = old.envelope WHERE id = new.id; END",
        "CREATE VIEW v AS SELECT * FROM records",
        "CREATE TABLE extra (x)",
    ];
    for sql in smuggled {
        let (dir, v, _, _) = filled_vault(2);
        let backup = backup_of(&v);
        drop(v);
        raw(&dir).execute_batch(sql).unwrap();
        assert!(
            matches!(open(dir.path()), Err(VaultError::Corrupt(_))),
            "live: {sql}"
        );

        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("b.tend");
        std::fs::write(&p, &backup).unwrap();
        Connection::open(&p).unwrap().execute_batch(sql).unwrap();
        let result = restore_fresh(&std::fs::read(&p).unwrap(), Secret::Passphrase(PASS));
        assert!(
            matches!(result, Err(VaultError::Corrupt(_))),
            "backup: {sql}"
        );
    }
    // And Tend's own file holds exactly what Tend made.
    let (dir, v, _, _) = filled_vault(2);
    drop(v);
    let names: Vec<String> = raw(&dir)
        .prepare("SELECT type || ' ' || name FROM sqlite_master ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        names,
        ["table meta", "table records", "index records_by_tag"]
    );
}

#[test]
fn a_hostile_key_cost_is_refused_before_any_work() {
    let (dir, v, _) = new_vault();
    drop(v);
    let mut kdf: Vec<u8> = raw(&dir)
        .query_row("SELECT value FROM meta WHERE name = 'kdf'", [], |r| {
            r.get(0)
        })
        .unwrap();
    kdf[1..5].copy_from_slice(&(4u32 * 1024 * 1024).to_be_bytes());
    kdf[5..9].copy_from_slice(&64u32.to_be_bytes());
    kdf[9..13].copy_from_slice(&16u32.to_be_bytes());
    raw(&dir)
        .execute("UPDATE meta SET value = ?1 WHERE name = 'kdf'", [kdf])
        .unwrap();
    let start = std::time::Instant::now();
    assert!(matches!(open(dir.path()), Err(VaultError::Corrupt(_))));
    assert!(start.elapsed() < std::time::Duration::from_millis(100));
}

#[cfg(unix)]
#[test]
fn the_folder_the_vault_and_a_backup_are_the_owners_alone_and_loose_ones_are_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let (dir, mut v, _) = new_vault();
    v.save(&note(RecordId::generate(), "x")).unwrap();
    assert_eq!(mode(dir.path()), 0o700);
    assert_eq!(mode(&dir.path().join(FILE_NAME)), 0o600);
    assert_eq!(mode(&dir.path().join(format!("{FILE_NAME}-wal"))), 0o600);
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("b.tend");
    v.export_backup(&backup).unwrap();
    assert_eq!(
        mode(&backup),
        0o600,
        "a backup in Downloads is no one else's"
    );
    drop(v);
    for p in [dir.path().to_owned(), dir.path().join(FILE_NAME)] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(dir.path().join(NEW_NAME), b"left from a crash").unwrap();
    let v = open(dir.path()).unwrap();
    assert_eq!(mode(dir.path()), 0o700);
    assert_eq!(mode(&dir.path().join(FILE_NAME)), 0o600);
    assert!(!dir.path().join(NEW_NAME).exists(), "leftovers are cleared");
    drop(v);
}

#[test]
fn a_wipe_removes_staged_and_partial_files_too() {
    let (dir, v, _, _) = filled_vault(2);
    let bytes = backup_of(&v);
    stage_import(dir.path(), &bytes).unwrap();
    std::fs::write(dir.path().join(NEW_NAME), b"x").unwrap();
    v.wipe().unwrap();
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_backup_larger_than_ten_years_could_make_is_refused_before_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let huge = vec![0u8; MAX_BACKUP_BYTES + 1];
    assert!(matches!(
        stage_import(dir.path(), &huge),
        Err(VaultError::TooLarge)
    ));
    assert!(!import_staged(dir.path()));
}

/// A format-1 vault, as Tend 0.1 wrote it: its header and envelopes, under `code`.
fn v1_vault(notes: &[(RecordId, &str)]) -> (TempDir, RecoveryCode) {
    let dir = tempfile::tempdir().unwrap();
    let code = RecoveryCode::generate();
    let data = Key::generate();
    let keys = Keys::new(data.duplicate(), FORMAT_V1, format::V1_KEY_ID);
    let mut conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
    schema::configure(&conn).unwrap();
    schema::migrate(&mut conn).unwrap();
    let kdf = kdf::KdfParams::new(Cost::FLOOR);
    header::write_v1(&conn, &data, &kdf, PASS, &code).unwrap();
    for (id, text) in notes {
        let json = serde_json::to_vec(&note(*id, text)).unwrap();
        let aad = format::record_aad(1, 1, Note::KIND, id.as_bytes());
        let mut env = b"TR".to_vec();
        env.extend_from_slice(&[1, 1]);
        env.extend_from_slice(&crypto::seal(&keys.record, &aad, &json));
        conn.execute(
            "INSERT INTO records (id, tag, envelope) VALUES (?1, ?2, ?3)",
            params![&id.as_bytes()[..], &keys.tag(Note::KIND)[..], env],
        )
        .unwrap();
    }
    drop(conn);
    (dir, code)
}

#[test]
fn a_format_1_vault_is_upgraded_on_its_first_unlock_by_passphrase_with_a_new_code() {
    let ids: Vec<RecordId> = (0..5).map(|_| RecordId::generate()).collect();
    let notes: Vec<(RecordId, &str)> = ids.iter().map(|id| (*id, "kept")).collect();
    let (dir, old_code) = v1_vault(&notes);
    let mut v = open(dir.path()).unwrap();
    assert_eq!(v.format().unwrap(), FORMAT_V1);
    let unlocked = v.unlock(PASS, 0).unwrap();
    let new_code = unlocked
        .new_code
        .expect("the old code's route could not come along");
    assert_eq!(v.format().unwrap(), FORMAT_V2);
    for id in &ids {
        assert_eq!(v.get::<Note>(*id).unwrap(), note(*id, "kept"));
    }
    v.save(&note(RecordId::generate(), "new")).unwrap();
    drop(v);
    let mut v = open(dir.path()).unwrap();
    assert!(v.unlock_with_recovery(&old_code.display(), 0).is_err());
    v.unlock_with_recovery(&new_code.display(), 0).unwrap();
    assert_eq!(v.list::<Note>().unwrap().len(), 6);
    v.lock().unwrap();
    v.unlock(PASS, 0).expect("the passphrase is kept");
}

#[test]
fn a_format_1_vault_opened_by_its_code_is_upgraded_and_waits_for_a_new_passphrase() {
    let id = RecordId::generate();
    let (dir, code) = v1_vault(&[(id, "kept")]);
    let mut v = open(dir.path()).unwrap();
    let unlocked = v.unlock_with_recovery(&code.display(), 0).unwrap();
    assert!(unlocked.by_recovery_code && unlocked.new_code.is_none());
    assert_eq!(v.format().unwrap(), FORMAT_V2);
    assert!(!v.has_passphrase().unwrap());
    assert_eq!(v.get::<Note>(id).unwrap(), note(id, "kept"));
    v.lock().unwrap();
    assert!(matches!(v.unlock(PASS, 0), Err(VaultError::NoPassphrase)));
    let proof = {
        let attempt = v.prepare(0).unwrap();
        let opened = attempt.open(Secret::RecoveryCode(&code.display()));
        v.complete(
            attempt,
            opened
                .as_ref()
                .map(Opened::copy)
                .map_err(|_| VaultError::WrongRecoveryCode),
        )
        .unwrap();
        opened.unwrap()
    };
    v.reset_passphrase(&proof, new_passphrase("velvet harbour quietly sings"))
        .unwrap();
    v.lock().unwrap();
    v.unlock("velvet harbour quietly sings", 0).unwrap();
    v.lock().unwrap();
    v.unlock_with_recovery(&code.display(), 0)
        .expect("the same code still opens it");
}

#[test]
fn after_a_passphrase_change_no_file_beside_the_vault_still_holds_the_old_sealed_keys() {
    let (dir, mut v, _) = new_vault();
    for i in 0..40 {
        v.save(&note(RecordId::generate(), &format!("note {i}")))
            .unwrap();
    }
    let old: Vec<Vec<u8>> = ["key.passphrase", "key.recovery"]
        .iter()
        .map(|name| {
            raw(&dir)
                .query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
                    r.get(0)
                })
                .unwrap()
        })
        .collect();
    let p = proof(&mut v, PASS);
    v.change_passphrase(&p, new_passphrase("velvet harbour quietly sings"))
        .unwrap();
    // Still unlocked, the app still running: the log and the freed pages are clean already.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for sealed in &old {
            assert!(
                !bytes.windows(sealed.len()).any(|w| w == &sealed[..]),
                "{} still holds an old sealed key",
                path.display()
            );
        }
    }
}
