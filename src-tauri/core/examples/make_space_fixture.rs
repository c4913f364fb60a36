//! Writes the space fixture: a format-2 vault where Sam, a partner, keeps answers in his
//! own space (a check-in, a reflection and a follow-up answer, each holding a canary) and
//! gives one answer he chose not to keep (another canary, which must never reach the
//! disk), plus `expected.json`: both passphrases, every record the owner's key opens, what
//! Sam's space holds, and the canaries. Run once; the fixture is committed and frozen:
//!     cargo run -p tend-core --example make_space_fixture -- tests/fixtures/space-v2

use std::path::PathBuf;

use serde_json::json;
use tend_core::catalog::Context;
use tend_core::checkin::{CheckIn, NeedNow, Privacy};
use tend_core::followup::NewAnswer;
use tend_core::private::{self, Memory};
use tend_core::profile::{self, Profile};
use tend_core::session::{self, NewCheckIn, Participant, Reflection, Stage, Start};
use tend_core::space;
use tend_core::vault::space::SpaceLock;
use tend_core::vault::{Cost, Vault};

/// 2026-11-26 21:30 UTC.
const T0: u64 = 1_795_728_600_000;
const MIN: u64 = 60_000;
const OWNER: &str = "quiet harbour lantern morning";
const SAMS: &str = "amber willow gently hums";

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: make_space_fixture DIR"),
    );
    if Vault::exists(&dir) {
        eprintln!(
            "{} already holds a vault; fixtures are never rewritten",
            dir.display()
        );
        std::process::exit(1);
    }
    let (mut v, code) =
        Vault::create(&dir, OWNER, Cost::FLOOR, tend_core::kinds::ALL).expect("create");
    let mut memory = Memory::default();
    let person = |v: &mut Vault, name: &str, is_me| {
        let p = Profile {
            name: name.into(),
            is_me,
            ..Default::default()
        };
        profile::save(v, None, p).expect("profile").id
    };
    let robin = person(&mut v, "Robin", true);
    let sam = person(&mut v, "Sam", false);
    let (lock, keys) = SpaceLock::make(SAMS, Cost::FLOOR, &sam).expect("space");
    space::make(&mut v, sam, lock, &keys, T0).expect("space");

    let start = Start {
        people: [robin, sam]
            .map(|person| Participant { person, role: None })
            .to_vec(),
        context: Context::Intense,
        intensity: 4,
        pass_device: true,
        minutes_available: None,
    };
    let s = session::start(&mut v, start, 9, T0).expect("start").id;
    let check_in = |person, stage, feelings: &[&str], note: &str, privacy| NewCheckIn {
        person,
        stage,
        check_in: CheckIn {
            feelings: feelings.iter().map(|w| (*w).to_owned()).collect(),
            need: Some(NeedNow::Space),
            no_touch: true,
            body: vec![],
        },
        note: note.into(),
        privacy,
    };
    let robin_before = check_in(
        robin,
        Stage::Before,
        &["calm"],
        "Shared by Robin.",
        Privacy::Shared,
    );
    private::check_in(&mut v, &mut memory, s, robin_before, T0 + MIN).expect("check-in");
    let sam_before = check_in(
        sam,
        Stage::Before,
        &["exposed"],
        "CANARY-KEPT-CHECK-IN",
        Privacy::Kept,
    );
    private::check_in(&mut v, &mut memory, s, sam_before, T0 + 2 * MIN).expect("check-in");
    let sam_after = check_in(
        sam,
        Stage::After,
        &["tender"],
        "CANARY-NOT-KEPT",
        Privacy::NotKept,
    );
    private::check_in(&mut v, &mut memory, s, sam_after, T0 + 3 * MIN).expect("check-in");
    let mut reflection = Reflection {
        person: sam,
        uncomfortable: Some(true),
        ..Default::default()
    };
    reflection.uncomfortable_note.text = "CANARY-KEPT-REFLECTION".into();
    private::reflect(
        &mut v,
        &mut memory,
        s,
        reflection,
        Privacy::Kept,
        T0 + 4 * MIN,
    )
    .expect("reflect");
    let (_, follow_ups) =
        private::end_session(&mut v, &mut memory, s, false, T0 + 5 * MIN).expect("end");
    let answer = NewAnswer {
        person: sam,
        check_in: CheckIn::default(),
        said_low: true,
        need: "CANARY-KEPT-FOLLOW-UP".into(),
        drop: None,
        not_right: None,
        privacy: Privacy::Kept,
    };
    private::answer_follow_up(
        &mut v,
        &mut memory,
        follow_ups[0].id,
        answer,
        T0 + 25 * 60 * MIN,
    )
    .expect("answer");

    let opened = space::read(&mut v, sam, &keys).expect("read");
    let owner_sees = v.readable_export().expect("export");
    let records: Vec<serde_json::Value> = owner_sees["kinds"]
        .as_object()
        .expect("kinds")
        .iter()
        .flat_map(|(kind, rows)| {
            rows.as_array()
                .expect("rows")
                .iter()
                .map(move |r| json!({ "kind": kind, "id": r["id"], "value": r["value"] }))
        })
        .collect();
    v.lock().expect("lock");
    drop(v);
    let _ = std::fs::remove_file(dir.join("tend.vault.lock"));
    let expected = json!({
        "passphrase": OWNER,
        "recovery_code": code.display().as_str(),
        "records": records,
        "spaces": [{ "person": sam.to_hex(), "passphrase": SAMS, "entries": opened.entries }],
        "canaries": {
            "kept": ["CANARY-KEPT-CHECK-IN", "CANARY-KEPT-REFLECTION", "CANARY-KEPT-FOLLOW-UP"],
            "not_kept": ["CANARY-NOT-KEPT"],
        },
    });
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap(),
    )
    .unwrap();
    println!("wrote {}", dir.display());
}
