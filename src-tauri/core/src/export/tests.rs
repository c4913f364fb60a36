use super::*;

use crate::catalog::Context;
use crate::checkin::{CheckIn, Privacy};
use crate::private::{self, Memory};
use crate::session::{self, NewCheckIn, Participant, Stage, Start};
use crate::vault::space::SpaceLock;
use crate::vault::Cost;

const T0: u64 = 1_800_000_000_000;

#[test]
fn the_readable_copy_says_what_it_leaves_out_and_holds_no_one_elses_private_answer() {
    let (_dir, mut v) = crate::test_support::vault();
    let mut m = Memory::default();
    let person = |v: &mut Vault, name: &str, is_me| {
        profile::save(
            v,
            None,
            Profile {
                name: name.into(),
                is_me,
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let me = person(&mut v, "Robin", true);
    let sam = person(&mut v, "Sam", false);
    let start = Start {
        people: [me, sam]
            .map(|person| Participant { person, role: None })
            .to_vec(),
        context: Context::Tender,
        intensity: 2,
        pass_device: false,
        minutes_available: None,
    };
    let id = session::start(&mut v, start, 7, T0).unwrap().id;
    let (lock, keys) = SpaceLock::make("velvet harbour quietly sings", Cost::FLOOR, &sam).unwrap();
    crate::space::make(&mut v, sam, lock, &keys, T0).unwrap();
    let answer = |person, stage, note: &str, privacy| NewCheckIn {
        person,
        stage,
        check_in: CheckIn {
            feelings: vec!["calm".into()],
            ..Default::default()
        },
        note: note.into(),
        privacy,
    };
    private::check_in(
        &mut v,
        &mut m,
        id,
        answer(me, Stage::Before, "ROBIN-OWN", Privacy::Kept),
        T0,
    )
    .unwrap();
    private::check_in(
        &mut v,
        &mut m,
        id,
        answer(sam, Stage::Before, "SAM-KEPT", Privacy::Kept),
        T0,
    )
    .unwrap();
    private::check_in(
        &mut v,
        &mut m,
        id,
        answer(sam, Stage::After, "SAM-NOT-KEPT", Privacy::NotKept),
        T0,
    )
    .unwrap();
    let copy = readable(&v).unwrap();
    let text = copy.to_string();
    assert!(
        text.contains("ROBIN-OWN"),
        "the owner's own answers are in it"
    );
    for canary in ["SAM-KEPT", "SAM-NOT-KEPT"] {
        assert!(!text.contains(canary), "{canary}");
    }
    assert!(copy["about"]
        .as_str()
        .unwrap()
        .starts_with("A readable copy"));
    let check_ins = copy["sessions"][0]["checkIns"].as_array().unwrap();
    let private: Vec<_> = check_ins
        .iter()
        .filter_map(|c| c["private"].as_str())
        .collect();
    assert_eq!(private, vec!["Sam kept an answer private."; 2]);
    assert_eq!(copy["spaces"][0]["answers"], 1);
    assert_eq!(copy["spaces"][0]["name"], "Sam");
}
