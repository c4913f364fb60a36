//! The canary scan: unique strings written into every field a person can type (and dates)
//! must never appear in any file in the vault's folder, in any common encoding — not in
//! the database, its log, its shared memory, nor a backup — before or after a delete.

mod common;

use std::path::Path;

use common::{kinds, Note, PASS};
use tend_core::checkin::Text;
use tend_core::settings::Settings;
use tend_core::vault::{Cost, RecordId, Vault};

fn canary(field: &str) -> String {
    format!("CANARY-{field}-7Q2X9")
}

const CANARY_DATE: &str = "2031-07-19T04:56:12Z";

/// Ways a string could leak: as itself, UTF-16, base64 or hex.
fn encodings(s: &str) -> Vec<(String, Vec<u8>)> {
    let utf16: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let hex_lower: String = s.bytes().map(|b| format!("{b:02x}")).collect();
    vec![
        ("utf-8".into(), s.as_bytes().to_vec()),
        ("utf-16le".into(), utf16),
        ("base64".into(), base64(s.as_bytes()).into_bytes()),
        ("hex".into(), hex_lower.clone().into_bytes()),
        ("HEX".into(), hex_lower.to_uppercase().into_bytes()),
    ]
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    // Match without padding, and drop the last character, whose bits depend on what follows.
    out.pop();
    out
}

fn scan(dir: &Path, needles: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for needle in needles {
            for (how, pattern) in encodings(needle) {
                if bytes.windows(pattern.len()).any(|w| w == pattern) {
                    found.push(format!("{needle} as {how} in {}", path.display()));
                }
            }
        }
    }
    found
}

#[test]
fn no_canary_reaches_disk_in_any_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, code) = Vault::create(dir.path(), PASS, Cost::FLOOR, kinds()).unwrap();
    // The secrets themselves are canaries too: neither may ever be written down.
    let needles = vec![
        canary("note-text"),
        CANARY_DATE.to_owned(),
        canary("extra"),
        canary("card-title"),
        canary("card-how-to-do-it"),
        canary("card-why"),
        canary("card-item"),
        canary("name"),
        canary("limit-item"),
        canary("plan-name"),
        canary("plan-note"),
        canary("check-in-note"),
        canary("felt-good"),
        canary("change"),
        canary("uncomfortable"),
        canary("appreciation"),
        canary("need"),
        canary("timer"),
        canary("contact"),
        canary("contact-how"),
        // Dates: the session's start as digits (milliseconds and seconds) never appear.
        "1900000000000".to_owned(),
        "1900000000".to_owned(),
        PASS.to_owned(),
        code.display().to_string(),
        code.display().replace('-', ""),
    ];

    Settings::default().save(&mut vault).unwrap();
    let ids: Vec<_> = (0..40).map(|_| RecordId::generate()).collect();
    for id in &ids {
        vault
            .save(&Note {
                id: *id,
                text: canary("note-text"),
                at: CANARY_DATE.into(),
                extra: canary("extra"),
            })
            .unwrap();
    }
    // Every field a person can type in profiles, custom cards and plans.
    let mut card = tend_core::catalog::builtin()[0].clone();
    card.id = String::new();
    card.title = canary("card-title");
    card.how = canary("card-how-to-do-it");
    card.why = canary("card-why");
    card.items = vec![canary("card-item")];
    let card = tend_core::catalog::save_custom(&mut vault, None, card).unwrap();
    let sam = tend_core::profile::save(
        &mut vault,
        None,
        tend_core::profile::Profile {
            name: canary("name"),
            hard_limits: tend_core::profile::HardLimits {
                items: vec![canary("limit-item")],
                ..Default::default()
            },
            favourites: vec![card.id.clone()],
            ..Default::default()
        },
    )
    .unwrap();
    tend_core::plan::save(
        &mut vault,
        None,
        tend_core::plan::Plan {
            name: canary("plan-name"),
            note: canary("plan-note"),
            people: vec![sam.id],
            cards: vec![card.id.clone()],
            ..Default::default()
        },
    )
    .unwrap();
    tend_core::feedback::record(
        &mut vault,
        sam.id,
        &card.id,
        tend_core::feedback::Verdict::Helped,
    )
    .unwrap();

    // A session with a check-in note, every reflection answer and a follow-up's need.
    use tend_core::session::{self, NewCheckIn, Participant, Reflection, Stage, Start};
    let text = |field: &str| Text {
        text: canary(field),
        shared: false,
        ..Default::default()
    };
    let alone = Start {
        people: vec![Participant {
            person: sam.id,
            role: None,
        }],
        context: tend_core::catalog::Context::Solo,
        intensity: 2,
        pass_device: false,
        minutes_available: None,
    };
    let s = session::start(&mut vault, alone, 7, 1_900_000_000_000).unwrap();
    let entry = NewCheckIn {
        person: sam.id,
        stage: Stage::Before,
        check_in: Default::default(),
        note: canary("check-in-note"),
        privacy: tend_core::checkin::Privacy::Kept,
    };
    let entry = session::get(&vault, s.id)
        .unwrap()
        .entry(entry, 1_900_000_000_001)
        .unwrap();
    session::check_in(&mut vault, s.id, entry).unwrap();
    session::choose(&mut vault, s.id, &card.id, true).unwrap();
    let reflection = Reflection {
        person: sam.id,
        felt_good: text("felt-good"),
        change: text("change"),
        uncomfortable: Some(true),
        uncomfortable_note: text("uncomfortable"),
        appreciation: text("appreciation"),
        ..Default::default()
    };
    session::reflect(&mut vault, s.id, reflection, 1_900_000_000_002).unwrap();
    let (_, follow_ups) =
        tend_core::followup::end_session(&mut vault, s.id, true, 1_900_000_000_003).unwrap();
    let need = tend_core::followup::NewAnswer {
        person: sam.id,
        check_in: Default::default(),
        said_low: true,
        need: canary("need"),
        drop: Some(tend_core::followup::DropToday::Yes),
        not_right: Some(true),
        privacy: tend_core::checkin::Privacy::Kept,
    };
    let (f, a) =
        tend_core::followup::prepare(&vault, follow_ups[0].id, need, 1_900_000_000_004).unwrap();
    tend_core::followup::answer(&mut vault, f, a).unwrap();
    let kind = tend_core::timer::TimerKind::Countdown;
    let mut timer =
        tend_core::timer::Timer::new(kind, &canary("timer"), 600_000, 1_900_000_000_005).unwrap();
    timer.session = Some(s.id);
    tend_core::timer::start(&mut vault, timer, 1_900_000_000_005).unwrap();
    let contact = tend_core::support::Contact {
        name: canary("contact"),
        how: canary("contact-how"),
        ..Default::default()
    };
    tend_core::support::save_contact(&mut vault, None, contact).unwrap();

    // A backup sits in the same folder and is scanned too.
    vault
        .export_backup(&dir.path().join("backup.tend"))
        .unwrap();

    // While unlocked the log is live: scan it too, before folding it in.
    let live = scan(dir.path(), &needles);
    assert!(live.is_empty(), "leaked while unlocked: {live:#?}");
    vault.lock().unwrap();
    let locked = scan(dir.path(), &needles);
    assert!(locked.is_empty(), "leaked after lock: {locked:#?}");

    vault.unlock(PASS, 0).unwrap();
    for id in &ids[..20] {
        vault.remove::<Note>(*id).unwrap();
    }
    vault.lock().unwrap();
    let after_delete = scan(dir.path(), &needles);
    assert!(
        after_delete.is_empty(),
        "leaked after delete: {after_delete:#?}"
    );
}

#[test]
fn the_scanner_finds_a_canary_that_is_there() {
    // Guards the guard: a scanner that never matches would pass the test above.
    let dir = tempfile::tempdir().unwrap();
    let needle = canary("plain");
    for (i, (_, pattern)) in encodings(&needle).into_iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("f{i}")),
            [b"xx".as_slice(), &pattern, b"yy"].concat(),
        )
        .unwrap();
    }
    assert_eq!(scan(dir.path(), &[needle]).len(), 5);
}
