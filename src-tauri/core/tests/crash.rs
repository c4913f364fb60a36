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

use serde_json::json;
use tend_core::kinds::FIXTURE_NOTE;
use tend_core::vault::{Cost, RecordId, Vault};

const PASS: &str = "copper lantern orbit meadow";
const ROUNDS: usize = 24;

#[test]
#[ignore = "the child process of acknowledged_writes_survive_sigkill_at_random_moments, run only by it"]
fn crash_child() {
    let dir = std::env::var("TEND_CRASH_CHILD").expect("run by the crash test");
    let mut vault = Vault::open(dir.as_ref(), 0).expect("child opens");
    vault.unlock(PASS, 0).expect("child unlocks");
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let id = RecordId::generate();
        if n % 3 == 0 {
            // A multi-record change: both land or neither.
            let twin = RecordId::generate();
            vault
                .write(|w| {
                    w.put(
                        FIXTURE_NOTE,
                        &id,
                        &json!({ "n": n, "pad": "x".repeat(700) }),
                    )?;
                    w.put(FIXTURE_NOTE, &twin, &json!({ "n": n, "twin": true }))
                })
                .unwrap();
            writeln!(out, "{} {}", id.to_hex(), twin.to_hex()).unwrap();
        } else {
            vault
                .put(
                    FIXTURE_NOTE,
                    &id,
                    &json!({ "n": n, "pad": "y".repeat(300) }),
                )
                .unwrap();
            writeln!(out, "{}", id.to_hex()).unwrap();
        }
        out.flush().unwrap();
    }
}

use std::io::Write;

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
    drop(Vault::create(dir.path(), PASS, Cost::FLOOR).unwrap());
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
                    .filter_map(|h| RecordId::from_hex(h).ok())
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

        let mut vault = Vault::open(dir.path(), 0)
            .unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
        assert!(
            vault.integrity_ok().unwrap(),
            "round {round} (seed {seed}): integrity check failed"
        );
        vault.unlock(PASS, 0).unwrap();
        for id in &acknowledged {
            let value: serde_json::Value = vault.get(FIXTURE_NOTE, id).unwrap_or_else(|e| {
                panic!(
                    "round {round} (seed {seed}): acknowledged {} lost: {e}",
                    id.to_hex()
                )
            });
            assert!(value["n"].is_u64());
        }
        // Every stored record is whole: a twin never lands without its pair.
        let all = vault.list::<serde_json::Value>(FIXTURE_NOTE).unwrap();
        let twins = all.iter().filter(|(_, v)| v["twin"] == true).count();
        let pairs = all
            .iter()
            .filter(|(_, v)| v["pad"].as_str().is_some_and(|p| p.starts_with('x')))
            .count();
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
