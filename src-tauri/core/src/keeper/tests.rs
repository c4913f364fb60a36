use super::*;
use crate::support::{self, Contact};

const PASS: &str = "copper lantern orbit meadow";
const MIN: u64 = 60_000;

fn keeper() -> (tempfile::TempDir, Keeper) {
    let dir = tempfile::tempdir().unwrap();
    let k = Keeper::new(dir.path().join("data"), CostPolicy::Fixed(Cost::FLOOR), 0);
    (dir, k)
}

fn groups_of(new: &NewRecoveryCode) -> Vec<String> {
    let parts: Vec<&str> = new.code.split('-').collect();
    new.confirm_groups
        .iter()
        .map(|&g| parts[g].to_lowercase())
        .collect()
}

#[test]
fn first_run_creates_an_unlocked_vault_and_asks_for_two_groups_back() {
    let (_d, mut k) = keeper();
    assert!(!k.status(0).unwrap().exists);
    let new = k.create(PASS, 0).unwrap();
    assert_ne!(new.confirm_groups[0], new.confirm_groups[1]);
    assert!(new.confirm_groups.iter().all(|&g| g < 8));
    let s = k.status(0).unwrap();
    assert!(s.exists && s.unlocked && s.recovery_pending);
    assert!(
        k.confirm_recovery_code(&["AAAA".into(), "BBBB".into()])
            .is_err(),
        "wrong groups are refused"
    );
    assert_eq!(
        k.pending_recovery_code().unwrap().code,
        new.code,
        "the code can be shown again"
    );
    k.confirm_recovery_code(&groups_of(&new)).unwrap();
    assert!(!k.status(0).unwrap().recovery_pending);
    assert!(matches!(
        k.create(PASS, 0),
        Err(Error::Vault(VaultError::AlreadyExists))
    ));
}

#[test]
fn a_weak_passphrase_makes_nothing() {
    let (d, mut k) = keeper();
    assert!(matches!(
        k.create("letmein", 0),
        Err(Error::Vault(VaultError::Passphrase(_)) | Error::Passphrase(_))
    ));
    assert!(!Vault::exists(&d.path().join("data")));
}

#[test]
fn idle_time_and_hiding_lock_the_vault_and_the_settings_choose_how_long() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    assert!(!k.tick(4 * MIN).unwrap());
    assert!(k.tick(5 * MIN).unwrap(), "five minutes by default");
    assert!(!k.status(5 * MIN).unwrap().unlocked);
    assert!(matches!(
        k.settings(),
        Err(Error::Vault(VaultError::Locked))
    ));

    k.unlock(Secret::Passphrase(PASS), 10 * MIN).unwrap();
    k.save_settings(&Settings {
        auto_lock_minutes: 1,
        ..Settings::default()
    })
    .unwrap();
    k.activity(10 * MIN);
    assert!(
        k.tick(11 * MIN).unwrap(),
        "the new idle time applies at once"
    );

    k.unlock(Secret::Passphrase(PASS), 20 * MIN).unwrap();
    assert_eq!(
        k.settings().unwrap().auto_lock_minutes,
        1,
        "kept across locks"
    );
    k.visibility(true, 20 * MIN);
    assert!(
        k.tick(20 * MIN + 10_000).unwrap(),
        "hidden for the grace period"
    );
}

#[test]
fn a_new_keeper_finds_the_existing_vault_locked() {
    let (d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    drop(k);
    let mut k = Keeper::new(d.path().join("data"), CostPolicy::Fixed(Cost::FLOOR), 0);
    let s = k.status(0).unwrap();
    assert!(s.exists && !s.unlocked);
    assert!(matches!(
        k.unlock(Secret::Passphrase("nope nope nope nope"), 0),
        Err(Error::Vault(VaultError::WrongPassphrase))
    ));
    assert_eq!(k.status(0).unwrap().failures, 1);
    k.unlock(Secret::Passphrase(PASS), 0).unwrap();
}

#[test]
fn changing_the_passphrase_needs_the_current_one_and_a_strong_new_one() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    assert!(matches!(
        k.change_passphrase("wrong one entirely here", "velvet harbour quietly sings", 0),
        Err(Error::Vault(VaultError::WrongPassphrase))
    ));
    assert!(matches!(
        k.change_passphrase(PASS, "123456", 0),
        Err(Error::Vault(VaultError::Passphrase(_)) | Error::Passphrase(_))
    ));
    k.change_passphrase(PASS, "velvet harbour quietly sings", 0)
        .unwrap();
    k.lock().unwrap();
    assert!(k.unlock(Secret::Passphrase(PASS), 0).is_err());
    k.unlock(Secret::Passphrase("velvet harbour quietly sings"), 0)
        .unwrap();
}

#[test]
fn backup_to_a_folder_then_restore_on_a_fresh_install() {
    let (d, mut k) = keeper();
    let new = k.create(PASS, 0).unwrap();
    let kept = support::save_contact(
        k.vault().unwrap(),
        None,
        Contact {
            name: "Robin".into(),
            how: "kept".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let folder = d.path().join("exports");
    let first = k.export_backup(&folder, "2026-11-28").unwrap();
    let second = k.export_backup(&folder, "2026-11-28").unwrap();
    assert_eq!(first.file_name().unwrap(), "tend-backup-2026-11-28.tend");
    assert_eq!(
        second.file_name().unwrap(),
        "tend-backup-2026-11-28-2.tend",
        "never overwrites"
    );

    let (_d2, mut fresh) = keeper();
    let bytes = std::fs::read(&first).unwrap();
    fresh
        .import_backup(&bytes, Secret::RecoveryCode(&new.code), 0)
        .unwrap();
    assert_eq!(
        support::contacts(fresh.vault().unwrap()).unwrap(),
        vec![kept]
    );
}

#[test]
fn import_over_a_locked_vault_is_refused() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    k.lock().unwrap();
    assert!(matches!(
        k.import_backup(b"whatever", Secret::Passphrase(PASS), 0),
        Err(Error::Vault(VaultError::Locked))
    ));
}

#[test]
fn the_readable_export_is_written_only_with_the_passphrase() {
    let (d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let folder = d.path().join("exports");
    assert!(k
        .readable_export("not it at all, sorry", &folder, "2026-11-28", 0)
        .is_err());
    assert!(!folder.join("tend-readable-2026-11-28.json").exists());
    let path = k.readable_export(PASS, &folder, "2026-11-28", 0).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(json["format"], "tend-readable-export");
}

#[test]
fn wipe_works_even_when_locked_and_starts_over() {
    let (d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    k.lock().unwrap();
    assert!(k.wipe("sure", 0).is_err());
    assert!(k.status(0).unwrap().exists);
    k.wipe("wipe everything", 0).unwrap();
    assert!(!k.status(0).unwrap().exists);
    assert!(std::fs::read_dir(d.path().join("data"))
        .unwrap()
        .next()
        .is_none());
    k.create(PASS, 0).expect("a new start after a wipe");
}

#[test]
fn a_new_recovery_code_replaces_the_old_one_only_once_confirmed() {
    let (d, mut k) = keeper();
    let first = k.create(PASS, 0).unwrap();
    k.confirm_recovery_code(&groups_of(&first)).unwrap();
    let second = k.new_recovery_code().unwrap();
    k.lock().unwrap(); // an auto-lock before confirming: the new code is gone
    k.unlock(Secret::RecoveryCode(&first.code), 0)
        .expect("the old code still works");
    let third = k.new_recovery_code().unwrap();
    k.confirm_recovery_code(&groups_of(&third)).unwrap();
    k.lock().unwrap();
    assert!(
        k.unlock(Secret::RecoveryCode(&first.code), 0).is_err(),
        "replaced once confirmed"
    );
    assert!(
        k.unlock(Secret::RecoveryCode(&second.code), 0).is_err(),
        "never sealed"
    );
    k.unlock(Secret::RecoveryCode(&third.code), 0).unwrap();
    drop(d);
}

#[cfg(unix)]
#[test]
fn the_readable_copy_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let path = k
        .readable_export(PASS, &d.path().join("exports"), "2026-11-28", 0)
        .unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(!path.with_extension("partial").exists());
}
