//! Crash safety: a child process writes records in a loop and is killed with SIGKILL at
//! random moments. After each kill the vault must open, pass SQLite's integrity check and
//! hold every record whose commit the child acknowledged.
//!
//! The same goes for changing the passphrase (every record sealed again under a new data
//! key) and for upgrading a format-1 vault: after any kill the vault opens with exactly one
//! generation's passphrase, and every record reads.
//!
//! The child is this same test binary, re-run with `--ignored --exact crash_child`,
//! `TEND_CRASH_CHILD` naming the vault's folder and `TEND_CRASH_MODE` what it does.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;

use common::{kinds, Note, PASS};
use tend_core::vault::{Cost, PassphraseSeal, RecordId, Vault};

/// The every-kind fixture's passphrase (a format-1 vault, upgraded by the child).
const FIXTURE_PASS: &str = "amber willow ferry nocturne";

const ROUNDS: usize = 24;

#[test]
#[ignore = "the child process the crash tests start and kill; run only by them"]
fn crash_child() {
    let dir = std::env::var("TEND_CRASH_CHILD").expect("run by the crash test");
    match std::env::var("TEND_CRASH_MODE").as_deref() {
        Ok("rotate") => rotate_forever(dir.as_ref()),
        Ok("upgrade") => upgrade_once(dir.as_ref()),
        Ok("private") => answer_privately(dir.as_ref()),
        _ => write_forever(dir.as_ref()),
    }
}

/// The two passphrases the rotating child moves between.
const ROTATING: [&str; 2] = [
    "copper lantern orbit meadow",
    "velvet harbour quietly sings",
];

fn rotate_forever(dir: &std::path::Path) {
    let mut vault = Vault::open(dir, 0, kinds()).expect("child opens");
    let mut now = ROTATING
        .iter()
        .position(|p| vault.unlock(p, 0).is_ok())
        .expect("one of the two opens");
    let mut out = std::io::stdout().lock();
    loop {
        let next = 1 - now;
        let proof = vault.verify_passphrase(ROTATING[now], 0).unwrap();
        let seal = PassphraseSeal::derive(ROTATING[next], Cost::FLOOR).unwrap();
        writeln!(out, "rotating").unwrap();
        out.flush().unwrap();
        vault.change_passphrase(&proof, seal).unwrap();
        now = next;
    }
}

fn upgrade_once(dir: &std::path::Path) {
    let mut vault = Vault::open(dir, 0, tend_core::kinds::ALL).expect("child opens");
    let mut out = std::io::stdout().lock();
    writeln!(out, "upgrading").unwrap();
    out.flush().unwrap();
    vault.unlock(FIXTURE_PASS, 0).expect("child upgrades");
    writeln!(out, "upgraded").unwrap();
    out.flush().unwrap();
    std::thread::sleep(Duration::from_secs(60));
}

/// Sam's space passphrase in the privacy test.
const SAMS: &str = "amber willow gently hums";

/// Mid-session: Sam keeps one answer in his space and gives another he does not keep,
/// then the process waits (its memory holding the not-kept one) until it is killed.
fn answer_privately(dir: &std::path::Path) {
    use tend_core::checkin::Privacy;
    use tend_core::session::{NewCheckIn, Stage};
    let mut vault = Vault::open(dir, 0, tend_core::kinds::ALL).expect("child opens");
    vault.unlock(PASS, 0).expect("child unlocks");
    let mut memory = tend_core::private::Memory::default();
    let s = tend_core::session::open_session(&vault).unwrap().unwrap();
    let sam = s.people[1].person;
    let answer = |stage, note: &str, privacy| NewCheckIn {
        person: sam,
        stage,
        check_in: Default::default(),
        note: note.into(),
        privacy,
    };
    let kept = answer(Stage::Before, "CANARY-KILL-KEPT", Privacy::Kept);
    tend_core::private::check_in(&mut vault, &mut memory, s.id, kept, 1).unwrap();
    let not_kept = answer(Stage::After, "CANARY-KILL-NOT-KEPT", Privacy::NotKept);
    tend_core::private::check_in(&mut vault, &mut memory, s.id, not_kept, 2).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "answered").unwrap();
    out.flush().unwrap();
    std::thread::sleep(Duration::from_secs(60));
}

fn write_forever(dir: &std::path::Path) {
    let mut vault = Vault::open(dir, 0, kinds()).expect("child opens");
    vault.unlock(PASS, 0).expect("child unlocks");
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let id = RecordId::generate();
        if n % 3 == 0 {
            // A multi-record change: both land or neither.
            let twin = RecordId::generate();
            vault
                .write(|w| {
                    w.save(&note(id, n, "pair", 700))?;
                    w.save(&note(twin, n, "twin", 0))
                })
                .unwrap();
            writeln!(out, "{} {}", id.to_hex(), twin.to_hex()).unwrap();
        } else {
            vault.save(&note(id, n, "single", 300)).unwrap();
            writeln!(out, "{}", id.to_hex()).unwrap();
        }
        out.flush().unwrap();
    }
}

use std::io::Write;

/// Record `n` of a child, padded to `pad` bytes; `kind` says whether it is one half of a
/// pair written in one change.
fn note(id: RecordId, n: u64, kind: &str, pad: usize) -> Note {
    Note {
        id,
        text: n.to_string(),
        at: kind.into(),
        extra: "x".repeat(pad),
    }
}

/// A cheap deterministic generator for kill delays (no extra dependency).
fn delays(seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed;
    std::iter::repeat_with(move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        20 + x % 400
    })
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    drop(Vault::create(dir.path(), PASS, Cost::FLOOR, kinds()).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut acknowledged: Vec<RecordId> = Vec::new();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    for (round, delay_ms) in delays(seed).take(ROUNDS).enumerate() {
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "crash_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("TEND_CRASH_CHILD", dir.path())
            .stdout(Stdio::piped())
            // Kept for the message below: a child that stops before writing says why.
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let ids: Vec<_> = line
                    .split(' ')
                    .filter_map(|h| h.parse::<RecordId>().ok())
                    .collect();
                if !ids.is_empty() {
                    let _ = tx.send(ids);
                }
            }
        });
        // Wait for the first acknowledgement (the child has unlocked), then a random time.
        let first = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(first) => first,
            Err(e) => {
                let _ = child.kill();
                let out = child.wait_with_output().unwrap();
                panic!(
                    "round {round} (seed {seed}): the child wrote nothing ({e}); {}; it said: {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        };
        acknowledged.extend(first);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        acknowledged.extend(rx.try_iter().flatten());

        let mut vault = Vault::open(dir.path(), 0, kinds())
            .unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
        assert!(
            vault.integrity_ok().unwrap(),
            "round {round} (seed {seed}): integrity check failed"
        );
        vault.unlock(PASS, 0).unwrap();
        for id in &acknowledged {
            let value = vault.get::<Note>(*id).unwrap_or_else(|e| {
                panic!("round {round} (seed {seed}): acknowledged {id} lost: {e}")
            });
            assert!(value.text.parse::<u64>().is_ok());
        }
        // Every stored record is whole: a twin never lands without its pair.
        let all = vault.list::<Note>().unwrap();
        let twins = all.iter().filter(|n| n.at == "twin").count();
        let pairs = all.iter().filter(|n| n.at == "pair").count();
        assert_eq!(
            twins, pairs,
            "round {round}: a multi-record write landed half-way"
        );
    }
    assert!(
        acknowledged.len() > ROUNDS,
        "the child made progress: {}",
        acknowledged.len()
    );
}

/// Runs the child in `mode` on `dir`, waits for its first line, then `delay_ms` more, and
/// kills it. Returns what it printed.
fn kill_child_after(mode: &str, dir: &std::path::Path, delay_ms: u64) -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(&exe)
        .args([
            "--ignored",
            "--exact",
            "crash_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TEND_CRASH_CHILD", dir)
        .env("TEND_CRASH_MODE", mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the child starts");
    let mut seen = vec![first];
    // The harness's own lines come first: wait for the child's.
    while seen
        .last()
        .is_some_and(|l| l.is_empty() || l.starts_with("running "))
    {
        seen.push(
            rx.recv_timeout(Duration::from_secs(30))
                .expect("the child says something"),
        );
    }
    std::thread::sleep(Duration::from_millis(delay_ms));
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    seen.extend(rx.try_iter());
    // The harness starts the child's first line with the test's name.
    seen.into_iter()
        .filter(|l| !l.is_empty() && !l.starts_with("running "))
        .map(|l| l.trim_start_matches("test crash_child ... ").to_owned())
        .collect()
}

#[test]
fn a_kill_while_every_record_is_sealed_again_leaves_one_generation_or_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, code) = Vault::create(dir.path(), ROTATING[0], Cost::FLOOR, kinds()).unwrap();
    // Enough records that sealing them all again takes a while.
    let ids: Vec<RecordId> = (0..1500).map(|_| RecordId::generate()).collect();
    vault
        .write(|w| {
            ids.iter()
                .enumerate()
                .try_for_each(|(i, id)| w.save(&note(*id, i as u64, "single", 600)))
        })
        .unwrap();
    drop(vault);
    let mut rotations = 0;
    for (round, delay_ms) in delays(7).take(20).enumerate() {
        let lines = kill_child_after("rotate", dir.path(), delay_ms / 4);
        let started = lines.iter().filter(|l| *l == "rotating").count();
        assert!(
            started >= 1,
            "round {round}: the child began sealing again: {lines:?}"
        );
        rotations += started;
        let mut vault = Vault::open(dir.path(), 0, kinds())
            .unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
        assert!(vault.integrity_ok().unwrap(), "round {round}");
        let opens: Vec<bool> = ROTATING
            .iter()
            .map(|p| {
                let ok = vault.unlock(p, 0).is_ok();
                if ok {
                    vault.lock().unwrap();
                }
                ok
            })
            .collect();
        assert_eq!(
            opens.iter().filter(|o| **o).count(),
            1,
            "round {round}: exactly one generation's passphrase opens: {opens:?}"
        );
        vault
            .unlock_with(tend_core::vault::Secret::RecoveryCode(&code.display()), 0)
            .unwrap_or_else(|e| panic!("round {round}: the code opens too: {e}"));
        let notes = vault.list::<Note>().unwrap();
        assert_eq!(notes.len(), ids.len(), "round {round}: no record lost");
        // Back to a clean count of tries for the next round.
        let p = ROTATING[opens.iter().position(|o| *o).unwrap()];
        vault.lock().unwrap();
        vault.unlock(p, 0).unwrap();
    }
    assert!(rotations >= 20, "the child got to work: {rotations}");
}

#[test]
fn a_kill_during_the_upgrade_from_format_1_leaves_a_vault_that_opens() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/every-kind-v1/tend.vault");
    for (round, delay_ms) in delays(11).take(20).enumerate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&fixture, dir.path().join("tend.vault")).unwrap();
        kill_child_after("upgrade", dir.path(), delay_ms / 4);
        let mut vault = Vault::open(dir.path(), 0, tend_core::kinds::ALL)
            .unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
        assert!(vault.integrity_ok().unwrap(), "round {round}");
        vault
            .unlock(FIXTURE_PASS, 0)
            .unwrap_or_else(|e| panic!("round {round}: the passphrase opens it: {e}"));
        assert_eq!(
            vault.format().unwrap(),
            2,
            "round {round}: upgraded now at the latest"
        );
        assert_eq!(
            tend_core::profile::list(&vault).unwrap().len(),
            2,
            "round {round}"
        );
        assert_eq!(
            tend_core::session::history(&vault).unwrap().len(),
            2,
            "round {round}"
        );
    }
}

#[test]
fn a_kill_mid_session_leaves_no_private_answer_readable_by_the_owner_or_on_disk() {
    use tend_core::catalog::Context;
    use tend_core::profile::{self, Profile};
    use tend_core::session::{Participant, Start};
    for round in 0..3u64 {
        let dir = tempfile::tempdir().unwrap();
        let (mut v, _) =
            Vault::create(dir.path(), PASS, Cost::FLOOR, tend_core::kinds::ALL).unwrap();
        let person = |v: &mut Vault, name: &str, is_me| {
            let p = Profile {
                name: name.into(),
                is_me,
                ..Default::default()
            };
            profile::save(v, None, p).unwrap().id
        };
        let robin = person(&mut v, "Robin", true);
        let sam = person(&mut v, "Sam", false);
        let (lock, keys) =
            tend_core::vault::space::SpaceLock::make(SAMS, Cost::FLOOR, &sam).unwrap();
        tend_core::space::make(&mut v, sam, lock, &keys, 0).unwrap();
        let start = Start {
            people: [robin, sam]
                .map(|person| Participant { person, role: None })
                .to_vec(),
            context: Context::Tender,
            intensity: 2,
            pass_device: true,
            minutes_available: None,
        };
        tend_core::session::start(&mut v, start, 1, 0).unwrap();
        drop(v);
        let said = kill_child_after("private", dir.path(), round * 15);
        assert_eq!(said[0], "answered");
        let canaries = ["CANARY-KILL-KEPT", "CANARY-KILL-NOT-KEPT"];
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            for c in canaries {
                let hex: String = c.bytes().map(|b| format!("{b:02x}")).collect();
                for pattern in [c.as_bytes(), hex.as_bytes()] {
                    assert!(
                        !bytes.windows(pattern.len()).any(|w| w == pattern),
                        "{c} in {}",
                        path.display()
                    );
                }
            }
        }
        let mut v = Vault::open(dir.path(), 0, tend_core::kinds::ALL).unwrap();
        v.unlock(PASS, 0).unwrap();
        let every_record = v.readable_export().unwrap().to_string();
        let copy = tend_core::export::readable(&v).unwrap().to_string();
        for c in canaries {
            assert!(!every_record.contains(c), "{c}: the owner's key opened it");
            assert!(!copy.contains(c), "{c} in the readable copy");
        }
        let keys = tend_core::space::find(&v, sam)
            .unwrap()
            .unwrap()
            .lock
            .open(SAMS, &sam)
            .unwrap();
        let opened = tend_core::space::read(&mut v, sam, &keys).unwrap();
        let sams = serde_json::to_string(&opened.entries).unwrap();
        assert!(sams.contains("CANARY-KILL-KEPT"), "the kept one is Sam's");
        assert!(!sams.contains("CANARY-KILL-NOT-KEPT"));
    }
}
