//! Profiles, plans, custom cards and feedback as stored in the vault: bad input gets a
//! clear error and nothing is stored half-way.

use tend_core::catalog::{self, builtin, Category, Touch};
use tend_core::feedback::{self, Verdict};
use tend_core::plan::{self, Plan};
use tend_core::profile::{self, HardLimits, Need, Profile};
use tend_core::vault::{Cost, RecordId, Vault, VaultError};
use tend_core::{forget, Error};

fn vault() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let (v, _) = Vault::create(
        dir.path(),
        "copper lantern orbit meadow",
        Cost::FLOOR,
        tend_core::kinds::ALL,
    )
    .unwrap();
    (dir, v)
}

fn named(name: &str) -> Profile {
    Profile {
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn profiles_round_trip_with_every_field() {
    let (_d, mut v) = vault();
    let full = Profile {
        name: "  Sam  ".into(),
        closeness: Some(2),
        talk: Some(-1),
        touch_comfort: Some(Touch::Light),
        needs: vec![Need::Water, Need::Warmth],
        hard_limits: HardLimits {
            cards: vec![builtin()[0].id.clone()],
            categories: vec![Category::Conversation],
            max_touch: Some(Touch::Light),
            items: vec!["ice".into()],
        },
        favourites: vec![builtin()[1].id.clone()],
        trauma_sensitive: true,
        helps: "A glass of water and a quiet word.".into(),
        ..Default::default()
    };
    let saved = profile::save(&mut v, None, full.clone()).unwrap();
    assert_eq!(saved.name, "Sam", "names are trimmed");
    assert_eq!(saved.helps, "A glass of water and a quiet word.");
    assert_eq!(profile::get(&v, saved.id).unwrap(), saved);
    let only_name = profile::save(&mut v, None, named("Alex")).unwrap();
    assert_eq!(profile::list(&v).unwrap().len(), 2);
    assert_eq!(only_name.closeness, None, "every other field is optional");
}

#[test]
fn invalid_profiles_are_refused_and_nothing_is_stored() {
    let (_d, mut v) = vault();
    profile::save(
        &mut v,
        None,
        Profile {
            is_me: true,
            ..named("Me")
        },
    )
    .unwrap();
    let cases = [
        ("empty name", named("   ")),
        ("long name", named(&"x".repeat(41))),
        ("duplicate name", named("me")),
        (
            "second me",
            Profile {
                is_me: true,
                ..named("Also me")
            },
        ),
        (
            "what helps, too long",
            Profile {
                helps: "w".repeat(301),
                ..named("C")
            },
        ),
        (
            "closeness out of range",
            Profile {
                closeness: Some(3),
                ..named("A")
            },
        ),
        (
            "unknown card",
            Profile {
                favourites: vec!["no-such-card".into()],
                ..named("B")
            },
        ),
        (
            "favourite and limit",
            Profile {
                favourites: vec![builtin()[0].id.clone()],
                hard_limits: HardLimits {
                    cards: vec![builtin()[0].id.clone()],
                    ..Default::default()
                },
                ..named("C")
            },
        ),
    ];
    for (what, p) in cases {
        assert!(
            profile::save(&mut v, None, p).is_err(),
            "{what} must be refused"
        );
    }
    assert!(
        profile::save(&mut v, Some(RecordId::from_bytes([0; 16])), named("D"))
            .unwrap_err()
            .is_not_found(),
        "an edit of someone who is not there"
    );
    assert_eq!(
        profile::list(&v).unwrap().len(),
        1,
        "nothing stored half-way"
    );
}

#[test]
fn plans_refuse_deleted_people_and_cards_and_people_in_plans_cannot_vanish() {
    let (_d, mut v) = vault();
    let me = profile::save(
        &mut v,
        None,
        Profile {
            is_me: true,
            ..named("Me")
        },
    )
    .unwrap();
    let sam = profile::save(&mut v, None, named("Sam")).unwrap();
    let card = builtin()[3].id.clone();
    let plan = plan::save(
        &mut v,
        None,
        Plan {
            name: "Saturday".into(),
            people: vec![me.id, sam.id],
            cards: vec![card.clone()],
            ..Default::default()
        },
    )
    .unwrap();

    assert!(
        matches!(forget::person(&mut v, sam.id), Err(Error::Invalid(_))),
        "Sam is in a plan"
    );
    let bad_card = Plan {
        name: "Other".into(),
        people: vec![me.id],
        cards: vec!["gone".into()],
        ..Default::default()
    };
    assert!(plan::save(&mut v, None, bad_card).is_err());
    let ghost = Plan {
        name: "Ghost".into(),
        people: vec![RecordId::from_bytes([0xff; 16])],
        ..Default::default()
    };
    assert!(plan::save(&mut v, None, ghost).is_err());
    let twice = Plan {
        name: "Twice".into(),
        people: vec![me.id],
        cards: vec![card.clone(), card.clone()],
        ..Default::default()
    };
    assert!(plan::save(&mut v, None, twice).is_err());
    assert_eq!(plan::list(&v).unwrap().len(), 1);

    plan::delete(&mut v, plan.id).unwrap();
    feedback::record(&mut v, sam.id, &card, Verdict::Helped).unwrap();
    forget::person(&mut v, sam.id).unwrap();
    assert!(matches!(
        profile::get(&v, sam.id),
        Err(Error::Vault(VaultError::NotFound))
    ));
    assert!(
        feedback::book(&v, sam.id).unwrap().cards.is_empty(),
        "feedback goes with the person"
    );
}

#[test]
fn feedback_accumulates_per_person_and_card() {
    let (_d, mut v) = vault();
    let sam = profile::save(&mut v, None, named("Sam")).unwrap();
    let card = builtin()[5].id.clone();
    for verdict in [Verdict::Helped, Verdict::Helped, Verdict::NotForMe] {
        feedback::record(&mut v, sam.id, &card, verdict).unwrap();
    }
    let counts = feedback::book(&v, sam.id).unwrap().counts(&card);
    assert_eq!((counts.helped, counts.not_for_me), (2, 1));
    assert!((counts.mean() - 0.6).abs() < 1e-6, "Beta(3, 2) mean is 0.6");
    assert!(feedback::record(&mut v, sam.id, "no-such-card", Verdict::Helped).is_err());
    assert!(feedback::record(
        &mut v,
        RecordId::from_bytes([0xaa; 16]),
        &card,
        Verdict::Helped
    )
    .is_err());
}

#[test]
fn a_custom_card_missing_attributes_is_refused() {
    let (_d, mut v) = vault();
    let mut card = builtin()[0].clone();
    card.id = String::new();
    card.title = "Mine".into();
    card.why = String::new();
    assert!(matches!(
        catalog::save_custom(&mut v, None, card),
        Err(Error::Invalid(_))
    ));
    assert!(catalog::custom(&v).unwrap().is_empty());
}

#[test]
fn deleting_a_custom_card_clears_it_from_profiles_and_is_refused_while_a_plan_uses_it() {
    let (_d, mut v) = vault();
    let mut card = builtin()[0].clone();
    card.title = "Tea on the porch".into();
    let card = catalog::save_custom(&mut v, None, card).unwrap();
    let me = profile::save(
        &mut v,
        None,
        Profile {
            is_me: true,
            favourites: vec![card.id.clone()],
            ..named("Me")
        },
    )
    .unwrap();
    let plan = plan::save(
        &mut v,
        None,
        Plan {
            name: "Friday".into(),
            people: vec![me.id],
            cards: vec![card.id.clone()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(matches!(
        forget::card(&mut v, &card.id),
        Err(Error::Invalid(_))
    ));
    plan::delete(&mut v, plan.id).unwrap();
    forget::card(&mut v, &card.id).unwrap();
    assert!(profile::get(&v, me.id).unwrap().favourites.is_empty());
    assert!(forget::card(&mut v, &card.id).unwrap_err().is_not_found());
    assert!(
        matches!(
            forget::card(&mut v, "hand-on-heart"),
            Err(Error::Unknown(_))
        ),
        "built-in cards are not the person's to delete"
    );
}
