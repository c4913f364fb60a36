use super::*;
use crate::support::{self, Contact};
use crate::vault::RecordId;

const PASS: &str = "copper lantern orbit meadow";
const MIN: u64 = 60_000;

fn keeper() -> (tempfile::TempDir, Keeper) {
    let dir = tempfile::tempdir().unwrap();
    let k = Keeper::new(dir.path().join("data"), CostPolicy::Fixed(Cost::FLOOR), 0);
    (dir, k)
}

fn groups_of(new: &NewRecoveryCode) -> Vec<Zeroizing<String>> {
    let parts: Vec<&str> = new.code.split('-').collect();
    new.confirm_groups
        .iter()
        .map(|&g| Zeroizing::new(parts[g].to_lowercase()))
        .collect()
}

/// A secret confirmed the way the shell does it: a ticket, opened with no lock held.
fn check(k: &mut Keeper, secret: Secret<'_>) -> (Ticket, vault::Result<Opened>) {
    let t = k.begin_check(0).unwrap();
    let opened = t.open(secret);
    (t, opened)
}

fn seal(passphrase: &str) -> PassphraseSeal {
    CostPolicy::Fixed(Cost::FLOOR).seal(passphrase).unwrap()
}

/// Restores a backup the way the shell does: staged, the vault's own secret (if there is
/// a vault), then the backup's, each derived with no lock held.
fn import(
    k: &mut Keeper,
    bytes: &[u8],
    current: Option<Secret<'_>>,
    backup: Secret<'_>,
) -> Result<()> {
    k.stage_import(bytes)?;
    if let Some(t) = k.begin_replace(0)? {
        let opened = t.open(current.expect("a vault exists: its secret is asked"));
        k.finish_replace(t, opened, 0)?;
    }
    let t = k.begin_import(0)?;
    let checked = vault::check_import(k.dir(), backup, kinds::ALL);
    k.finish_import(t, checked, 0)
}

fn contact(k: &mut Keeper, name: &str) -> Contact {
    support::save_contact(
        k.vault().unwrap(),
        None,
        Contact {
            name: name.into(),
            how: "kept".into(),
            id: RecordId::default(),
        },
    )
    .unwrap()
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
        k.confirm_recovery_code(&[Zeroizing::new("AAAA".into()), Zeroizing::new("BBBB".into())])
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
    let (t, wrong) = check(&mut k, Secret::Passphrase("wrong one entirely here"));
    assert!(matches!(
        k.change_passphrase(t, wrong, seal("velvet harbour quietly sings")),
        Err(Error::Vault(VaultError::WrongPassphrase))
    ));
    assert_eq!(
        k.status(0).unwrap().failures,
        1,
        "a wrong current passphrase counts"
    );
    assert!(
        CostPolicy::Fixed(Cost::FLOOR).seal("123456").is_err(),
        "a weak new one is refused before anything is derived"
    );
    let (t, right) = check(&mut k, Secret::Passphrase(PASS));
    k.change_passphrase(t, right, seal("velvet harbour quietly sings"))
        .unwrap();
    assert_eq!(k.status(0).unwrap().failures, 0);
    k.lock().unwrap();
    assert!(k.unlock(Secret::Passphrase(PASS), 0).is_err());
    k.unlock(Secret::Passphrase("velvet harbour quietly sings"), 0)
        .unwrap();
}

#[test]
fn backup_to_a_folder_then_restore_on_a_fresh_install() {
    let (d, mut k) = keeper();
    let new = k.create(PASS, 0).unwrap();
    let kept = contact(&mut k, "Robin");
    let folder = d.path().join("exports");
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let first = k.export_backup(t, o, &folder, "2026-11-28").unwrap();
    let (t, o) = check(&mut k, Secret::RecoveryCode(&new.code));
    let second = k.export_backup(t, o, &folder, "2026-11-28").unwrap();
    assert_eq!(first.file_name().unwrap(), "tend-backup-2026-11-28.tend");
    assert_eq!(
        second.file_name().unwrap(),
        "tend-backup-2026-11-28-2.tend",
        "never overwrites"
    );

    let (_d2, mut fresh) = keeper();
    let bytes = std::fs::read(&first).unwrap();
    import(&mut fresh, &bytes, None, Secret::RecoveryCode(&new.code)).unwrap();
    assert_eq!(
        support::contacts(fresh.vault().unwrap()).unwrap(),
        vec![kept]
    );
}

#[test]
fn a_backup_needs_a_secret_again_and_a_wrong_one_counts() {
    let (d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let folder = d.path().join("exports");
    let (t, o) = check(&mut k, Secret::Passphrase("someone else guessing"));
    assert!(k.export_backup(t, o, &folder, "2026-11-28").is_err());
    assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().next().is_none());
    assert_eq!(k.status(0).unwrap().failures, 1);
}

#[test]
fn replacing_a_vault_asks_for_its_own_secret_even_when_locked() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    contact(&mut k, "Robin");
    let (d2, mut other) = keeper();
    other.create("velvet harbour quietly sings", 0).unwrap();
    contact(&mut other, "Sam");
    let folder = d2.path().join("exports");
    let (t, o) = check(
        &mut other,
        Secret::Passphrase("velvet harbour quietly sings"),
    );
    let bytes = std::fs::read(other.export_backup(t, o, &folder, "2026-11-28").unwrap()).unwrap();

    k.lock().unwrap();
    let wrong = import(
        &mut k,
        &bytes,
        Some(Secret::Passphrase("a bystander's guess")),
        Secret::Passphrase("velvet harbour quietly sings"),
    );
    assert!(matches!(
        wrong,
        Err(Error::Vault(VaultError::WrongPassphrase))
    ));
    assert_eq!(k.status(0).unwrap().failures, 1);
    import(
        &mut k,
        &bytes,
        Some(Secret::Passphrase(PASS)),
        Secret::Passphrase("velvet harbour quietly sings"),
    )
    .unwrap();
    let names: Vec<String> = support::contacts(k.vault().unwrap())
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Sam"], "the backup replaced what was here");
}

#[test]
fn wrong_backup_secrets_back_off_like_unlocking() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let (d2, mut other) = keeper();
    other.create(PASS, 0).unwrap();
    let (t, o) = check(&mut other, Secret::Passphrase(PASS));
    let bytes = std::fs::read(
        other
            .export_backup(t, o, &d2.path().join("x"), "2026-11-28")
            .unwrap(),
    )
    .unwrap();
    // The vault's own secret is right each time; the backup's is not.
    let outcomes: Vec<Error> = (0..6)
        .map(|_| {
            import(
                &mut k,
                &bytes,
                Some(Secret::Passphrase(PASS)),
                Secret::Passphrase("wrong guess here"),
            )
            .unwrap_err()
        })
        .collect();
    assert!(
        outcomes[..5]
            .iter()
            .all(|e| matches!(e, Error::Vault(VaultError::WrongPassphrase))),
        "{outcomes:?}"
    );
    assert!(
        matches!(
            outcomes[5],
            Error::Vault(VaultError::TooManyAttempts { .. })
        ),
        "the sixth waits: {:?}",
        outcomes[5]
    );
    assert_eq!(k.status(0).unwrap().failures, 5);
}

#[test]
fn tries_side_by_side_all_count_against_the_back_off() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    k.lock().unwrap();
    // Four tickets at once: each is counted before any key is derived.
    let tickets: Vec<Ticket> = (0..4).map(|_| k.begin_unlock(0).unwrap()).collect();
    assert_eq!(k.status(0).unwrap().failures, 4);
    let fifth = k.begin_unlock(0).unwrap();
    assert!(
        matches!(
            k.begin_unlock(0),
            Err(Error::Vault(VaultError::TooManyAttempts { .. }))
        ),
        "the sixth waits, though none has finished"
    );
    let opened = fifth.open(Secret::Passphrase(PASS));
    k.finish_unlock(fifth, opened, 0).unwrap();
    assert_eq!(
        k.status(0).unwrap().failures,
        0,
        "a right one clears the count"
    );
    drop(tickets);
}

#[test]
fn a_ticket_from_before_a_wipe_is_refused() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    k.lock().unwrap();
    let t = k.begin_unlock(0).unwrap();
    let opened = t.open(Secret::Passphrase(PASS));
    k.wipe("wipe everything", 0).unwrap();
    k.create("velvet harbour quietly sings", 0).unwrap();
    assert!(k.finish_unlock(t, opened, 0).is_err());
}

#[test]
fn opening_with_the_recovery_code_leads_to_a_new_passphrase() {
    let (_d, mut k) = keeper();
    let code = k.create(PASS, 0).unwrap();
    k.confirm_recovery_code(&groups_of(&code)).unwrap();
    k.lock().unwrap();
    k.unlock(Secret::RecoveryCode(&code.code), 0).unwrap();
    assert!(k.status(0).unwrap().passphrase_needed);
    assert!(k
        .choose_new_passphrase(seal("velvet harbour quietly sings"))
        .is_ok());
    assert!(!k.status(0).unwrap().passphrase_needed);
    assert!(
        k.choose_new_passphrase(seal("another quite long passphrase"))
            .is_err(),
        "only once, and only after the code"
    );
    k.lock().unwrap();
    assert!(
        k.unlock(Secret::Passphrase(PASS), 0).is_err(),
        "the old passphrase is retired"
    );
    k.unlock(Secret::Passphrase("velvet harbour quietly sings"), 0)
        .unwrap();
    k.lock().unwrap();
    k.unlock(Secret::RecoveryCode(&code.code), 0)
        .expect("the code still works");
}

#[test]
fn the_readable_export_is_written_only_with_the_passphrase() {
    let (d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let folder = d.path().join("exports");
    let (t, o) = check(&mut k, Secret::Passphrase("not it at all, sorry"));
    assert!(k.readable_export(t, o, &folder, "2026-11-28").is_err());
    assert!(!folder.join("tend-readable-2026-11-28.json").exists());
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let path = k.readable_export(t, o, &folder, "2026-11-28").unwrap();
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
    k.stage_import(&std::fs::read(d.path().join("data").join(vault::FILE_NAME)).unwrap())
        .unwrap();
    k.wipe("wipe everything", 0).unwrap();
    assert!(!k.status(0).unwrap().exists);
    assert!(
        std::fs::read_dir(d.path().join("data"))
            .unwrap()
            .next()
            .is_none(),
        "the vault, its lock and any staged backup are gone"
    );
    k.create(PASS, 0).expect("a new start after a wipe");
}

#[test]
fn wiping_needs_the_phrase() {
    for wrong in ["", "wipe", "yes", "wipe everything!"] {
        assert!(check_wipe_phrase(wrong).is_err(), "{wrong:?}");
    }
    check_wipe_phrase(" Wipe everything ").unwrap();
}

#[test]
fn a_new_recovery_code_needs_the_passphrase_and_replaces_the_old_one_only_once_confirmed() {
    let (d, mut k) = keeper();
    let first = k.create(PASS, 0).unwrap();
    k.confirm_recovery_code(&groups_of(&first)).unwrap();
    let (t, o) = check(&mut k, Secret::Passphrase("someone guessing here"));
    assert!(
        k.new_recovery_code(t, o).is_err(),
        "no passphrase, no new code"
    );
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let second = k.new_recovery_code(t, o).unwrap();
    assert_eq!(second.reason, CodeReason::Replaced);
    k.lock().unwrap(); // an auto-lock before confirming: the new code is gone
    k.unlock(Secret::RecoveryCode(&first.code), 0)
        .expect("the old code still works");
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let third = k.new_recovery_code(t, o).unwrap();
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
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let path = k
        .readable_export(t, o, &d.path().join("exports"), "2026-11-28")
        .unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(!path.with_extension("partial").exists());
}

/// Makes a space for a partner the way the shell does: the cost asked for, derived with
/// no lock held, then saved.
fn partner_with_space(k: &mut Keeper, passphrase: &str) -> RecordId {
    let sam = crate::profile::save(
        k.vault().unwrap(),
        None,
        crate::profile::Profile {
            name: "Sam".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let cost = k.space_cost().unwrap();
    let (lock, keys) = SpaceLock::make(passphrase, cost, &sam).unwrap();
    crate::space::make(k.vault().unwrap(), sam, lock, &keys, 0).unwrap();
    sam
}

fn open_space(k: &mut Keeper, person: RecordId, passphrase: &str, now: u64) -> Result<SpaceKeys> {
    let t = k.begin_space(person, now)?;
    let opened = t.open(passphrase);
    k.finish_space(t, opened, now)
}

#[test]
fn a_space_gets_the_vaults_cost_and_wrong_space_passphrases_back_off_like_unlocking() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let sam = partner_with_space(&mut k, "velvet harbour quietly sings");
    assert_eq!(k.space_cost().unwrap(), Cost::FLOOR);
    let outcomes: Vec<Error> = (0..6)
        .map(|_| {
            open_space(&mut k, sam, "a wrong guess here", 0)
                .err()
                .unwrap()
        })
        .collect();
    assert!(
        outcomes[..5]
            .iter()
            .all(|e| matches!(e, Error::Vault(VaultError::WrongPassphrase))),
        "{outcomes:?}"
    );
    assert!(matches!(
        outcomes[5],
        Error::Vault(VaultError::TooManyAttempts { .. })
    ));
    assert_eq!(k.status(0).unwrap().failures, 5, "the vault's own count");
    // Later, the right one opens it and takes back only its own try.
    let later = 60 * 60 * 1000;
    open_space(&mut k, sam, "velvet harbour quietly sings", later).unwrap();
    assert_eq!(k.status(later).unwrap().failures, 5);
}

#[test]
fn locking_forgets_what_was_not_kept() {
    let (_d, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let scope = RecordId::generate();
    {
        let (_, memory) = k.answers().unwrap();
        assert!(!memory.holds(scope));
    }
    // Held through the routing code, as a check-in would be.
    let me = crate::profile::save(
        k.vault().unwrap(),
        None,
        crate::profile::Profile {
            name: "Me".into(),
            is_me: true,
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let start = crate::session::Start {
        people: vec![crate::session::Participant {
            person: me,
            role: None,
        }],
        context: crate::catalog::Context::Solo,
        intensity: 1,
        pass_device: false,
        minutes_available: None,
    };
    let id = crate::session::start(k.vault().unwrap(), start, 1, 0)
        .unwrap()
        .id;
    let (v, m) = k.answers().unwrap();
    let new = crate::session::NewCheckIn {
        person: me,
        stage: crate::session::Stage::Before,
        check_in: Default::default(),
        note: "not kept".into(),
        privacy: crate::checkin::Privacy::NotKept,
    };
    crate::private::check_in(v, m, id, new, 1).unwrap();
    assert!(m.holds(id));
    k.lock().unwrap();
    k.unlock(Secret::Passphrase(PASS), 2).unwrap();
    assert!(!k.answers().unwrap().1.holds(id));
}

#[test]
fn the_exports_tend_wrote_are_found_by_name_and_can_be_removed() {
    let (dir, mut k) = keeper();
    k.create(PASS, 0).unwrap();
    let folder = dir.path().join("Downloads");
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let backup = k.export_backup(t, o, &folder, "2026-11-28").unwrap();
    let (t, o) = check(&mut k, Secret::Passphrase(PASS));
    let readable = k.readable_export(t, o, &folder, "2026-11-28").unwrap();
    std::fs::write(folder.join("holiday.json"), "not ours").unwrap();
    let w = written(&folder);
    assert_eq!(
        (w.backups, w.readable),
        (vec![backup.clone()], vec![readable.clone()])
    );
    assert_eq!(remove_written(&folder, false).unwrap(), 1);
    assert!(
        !readable.exists() && backup.exists(),
        "the backup stays unless asked"
    );
    assert_eq!(remove_written(&folder, true).unwrap(), 1);
    assert!(!backup.exists());
    assert!(
        folder.join("holiday.json").exists(),
        "nothing else is touched"
    );
    assert_eq!(written(&dir.path().join("nowhere")), Written::default());
}
