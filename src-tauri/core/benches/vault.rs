//! Vault benchmarks: unlock, one-record commits, listing 1,000 and 10,000 records,
//! export/import of about ten years of use, and re-sealing those ten years under a new
//! data key (a passphrase change). Each phase runs in its own process so its
//! peak memory (VmHWM) is its own. Figures are medians or percentiles over many runs;
//! the machine is shared, so read them as orders of magnitude, not promises.
//!
//!     cargo bench -p tend-core --bench vault            # every phase
//!     cargo bench -p tend-core --bench vault -- commit  # one phase

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tend_core::vault::{
    check_import, kdf, stage_import, Cost, Kinds, PassphraseSeal, Record, RecordId, Secret, Vault,
};

/// A record the size of a session, check-in or reflection; a kind only the benchmark uses.
#[derive(Serialize, Deserialize)]
struct Note {
    id: RecordId,
    n: usize,
    at: String,
    text: String,
}

impl Record for Note {
    const KIND: &'static str = "bench_note";
    fn id(&self) -> RecordId {
        self.id
    }
}

const KINDS: Kinds = &[Note::KIND];

const PASS: &str = "copper lantern orbit meadow";
const PHASES: &[&str] = &[
    "unlock", "commit", "list1k", "list10k", "tenyears", "reseal",
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let Ok(phase) = std::env::var("TEND_BENCH_PHASE") {
        run_phase(&phase);
        println!("peak_rss_mib {:.1}", peak_rss_kib() as f64 / 1024.0);
        return;
    }
    let chosen: Vec<&str> = PHASES
        .iter()
        .copied()
        .filter(|p| args.is_empty() || args.iter().any(|a| a == p))
        .collect();
    let exe = std::env::current_exe().unwrap();
    println!("{:<10} {:<60} {:>10}", "phase", "result", "peak RSS");
    for phase in chosen {
        let out = Command::new(&exe)
            .env("TEND_BENCH_PHASE", phase)
            .output()
            .expect("run phase");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut peak = String::new();
        for line in text.lines() {
            if let Some(p) = line.strip_prefix("peak_rss_mib ") {
                peak = format!("{p} MiB");
            }
        }
        for line in text.lines().filter(|l| !l.starts_with("peak_rss_mib")) {
            println!("{phase:<10} {line:<60} {peak:>10}");
        }
        if !out.status.success() {
            eprintln!("{phase} failed: {}", String::from_utf8_lossy(&out.stderr));
            std::process::exit(1);
        }
    }
}

fn run_phase(phase: &str) {
    let dir = tempfile::tempdir().unwrap();
    match phase {
        "unlock" => unlock(dir.path()),
        "commit" => commit(dir.path()),
        "list1k" => list(dir.path(), 1_000),
        "list10k" => list(dir.path(), 10_000),
        "tenyears" => ten_years(dir.path()),
        "reseal" => reseal(dir.path()),
        other => panic!("unknown phase {other}"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn note(i: usize, size: usize) -> Note {
    Note {
        id: RecordId::generate(),
        n: i,
        at: "2026-11-28T21:30:00Z".into(),
        text: "w".repeat(size),
    }
}

/// Unlock with the cost calibrated on this machine, as the app does.
fn unlock(dir: &Path) {
    let cost = kdf::calibrate(kdf::measure_here);
    drop(Vault::create(dir, PASS, cost, KINDS).unwrap());
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let mut v = Vault::open(dir, 0, KINDS).unwrap();
            let t = Instant::now();
            v.unlock(PASS, 0).unwrap();
            t.elapsed()
        })
        .collect();
    println!(
        "unlock p50 {:.0} ms (Argon2id {} MiB, {} passes, {} lane)",
        ms(percentile(&mut times, 0.5)),
        cost.memory_kib / 1024,
        cost.passes,
        cost.lanes
    );
}

fn commit(dir: &Path) {
    let (mut v, _) = Vault::create(dir, PASS, Cost::FLOOR, KINDS).unwrap();
    let mut times: Vec<Duration> = (0..1_000)
        .map(|i| {
            let value = note(i, 500);
            let t = Instant::now();
            v.save(&value).unwrap();
            t.elapsed()
        })
        .collect();
    let p50 = percentile(&mut times, 0.5);
    let p99 = percentile(&mut times, 0.99);
    println!(
        "seal+commit one record: p50 {:.2} ms, p99 {:.2} ms (target p99 < 10)",
        ms(p50),
        ms(p99)
    );
}

fn fill(v: &mut Vault, n: usize, size: usize) {
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        v.write(|w| {
            for &i in chunk {
                w.save(&note(i, size))?;
            }
            Ok(())
        })
        .unwrap();
    }
}

fn list(dir: &Path, n: usize) {
    let (mut v, _) = Vault::create(dir, PASS, Cost::FLOOR, KINDS).unwrap();
    fill(&mut v, n, 400);
    drop(v);
    let mut opens = Vec::new();
    let mut lists = Vec::new();
    for _ in 0..9 {
        let t = Instant::now();
        let mut v = Vault::open(dir, 0, KINDS).unwrap();
        opens.push(t.elapsed());
        v.unlock(PASS, 0).unwrap();
        let t = Instant::now();
        let rows = v.list::<Note>().unwrap();
        lists.push(t.elapsed());
        assert_eq!(rows.len(), n);
    }
    println!(
        "open p50 {:.1} ms; list {n} records p50 {:.1} ms{}",
        ms(percentile(&mut opens, 0.5)),
        ms(percentile(&mut lists, 0.5)),
        if n == 1_000 { " (target < 50)" } else { "" }
    );
}

/// About ten years: 4,000 sessions, each with two check-ins and a reflection.
fn fill_ten_years(v: &mut Vault) {
    for _ in 0..4_000 / 500 {
        v.write(|w| {
            for i in 0..500 {
                w.save(&note(i, 900))?; // session
                w.save(&note(i, 250))?; // check-in before
                w.save(&note(i, 250))?; // check-in after
                w.save(&note(i, 700))?; // reflection
            }
            Ok(())
        })
        .unwrap();
    }
}

fn ten_years(dir: &Path) {
    let (mut v, _) = Vault::create(&dir.join("a"), PASS, Cost::FLOOR, KINDS).unwrap();
    fill_ten_years(&mut v);
    let backup = dir.join("backup.tend");
    let t = Instant::now();
    v.export_backup(&backup).unwrap();
    let export = t.elapsed();
    let bytes = std::fs::read(&backup).unwrap();
    let fresh = dir.join("b");
    let t = Instant::now();
    stage_import(&fresh, &bytes).unwrap();
    let checked = check_import(&fresh, Secret::Passphrase(PASS), KINDS).unwrap();
    let (restored, _) = Vault::create_from_import(&fresh, checked, KINDS).unwrap();
    let import = t.elapsed();
    assert_eq!(restored.list::<Note>().unwrap().len(), 16_000);
    println!(
        "16,000 records, backup {:.1} MiB: export {:.0} ms, import (checked) {:.0} ms",
        bytes.len() as f64 / (1024.0 * 1024.0),
        ms(export),
        ms(import)
    );
}

/// A passphrase change over ten years of records: a new data key, every record re-sealed,
/// in one transaction. The new passphrase is derived beforehand; only the re-seal is timed.
fn reseal(dir: &Path) {
    let (mut v, _) = Vault::create(dir, PASS, Cost::FLOOR, KINDS).unwrap();
    fill_ten_years(&mut v);
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let proof = v.verify_passphrase(PASS, 0).unwrap();
            let seal = PassphraseSeal::derive(PASS, Cost::FLOOR).unwrap();
            let t = Instant::now();
            v.change_passphrase(&proof, seal).unwrap();
            t.elapsed()
        })
        .collect();
    assert_eq!(v.list::<Note>().unwrap().len(), 16_000);
    println!(
        "re-seal 16,000 records under a new key: p50 {:.0} ms (target well under 2,000)",
        ms(percentile(&mut times, 0.5))
    );
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
