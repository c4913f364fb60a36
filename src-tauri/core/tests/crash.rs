//! Crash safety: a child process writes records in a loop and is killed with SIGKILL at
//! random moments. After each kill the vault must open, pass SQLite's integrity check and
//! hold every record whose commit the child acknowledged.
//!
//! The child is this same test binary, re-run with `--ignored --exact crash_child` and
//! `TEND_CRASH_CHILD` naming the vault's folder.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;

use common::{kinds, Note, PASS};
use tend_core::vault::{Cost, RecordId, Vault};

const ROUNDS: usize = 24;

#[test]
#[ignore = "the child process of acknowledged_writes_survive_sigkill_at_random_moments, run only by it"]
fn crash_child() {
    let dir = std::env::var("TEND_CRASH_CHILD").expect("run by the crash test");
    let mut vault = Vault::open(dir.as_ref(), 0, kinds()).expect("child opens");
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

/// Record `n` of the child, padded to `pad` bytes; `kind` says whether it is one half of a
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
            .stderr(Stdio::null())
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
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the child writes");
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
