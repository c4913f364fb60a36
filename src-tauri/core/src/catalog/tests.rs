use super::*;
use std::collections::HashMap;

#[test]
fn the_builtin_catalogue_is_whole_and_valid() {
    let cards = builtin();
    assert!(
        cards.len() >= 48,
        "at least 48 cards, found {}",
        cards.len()
    );
    validate_all(cards).unwrap();
    assert!(
        cards.iter().all(|c| !c.custom),
        "built-in cards are not marked custom"
    );
}

#[test]
fn every_category_context_and_role_is_covered_by_several_cards() {
    let cards = builtin();
    let mut per_category: HashMap<Category, usize> = HashMap::new();
    for c in cards {
        *per_category.entry(c.category).or_default() += 1;
    }
    for cat in Category::ALL {
        assert!(
            per_category.get(&cat).copied().unwrap_or(0) >= 5,
            "{cat:?} has {:?}",
            per_category.get(&cat)
        );
    }
    for ctx in Context::ALL {
        let n = cards.iter().filter(|c| c.fits(ctx)).count();
        assert!(n >= 8, "{ctx:?} has {n}");
    }
    for role in [Role::Top, Role::Bottom, Role::Switch] {
        let n = cards
            .iter()
            .filter(|c| c.fits(Context::Scene) && c.roles.contains(&role))
            .count();
        assert!(n >= 5, "{role:?} has {n}");
    }
    let solo = cards
        .iter()
        .filter(|c| c.fits(Context::Solo) && !c.needs_partner)
        .count();
    assert!(solo >= 8, "solo cards: {solo}");
    let untouched = cards
        .iter()
        .filter(|c| c.touch == Touch::None && (c.fits(Context::Tender) || c.fits(Context::Intense)))
        .count();
    assert!(untouched >= 8, "no-touch partnered cards: {untouched}");
}

#[test]
fn the_regulation_patterns_and_after_scene_basics_are_there() {
    let cards = builtin();
    for pattern in [Pattern::Box, Pattern::CyclicSighing, Pattern::Resonance] {
        assert!(
            cards.iter().any(
                |c| matches!(c.timer, Some(CardTimer::Breathing { pattern: p, .. }) if p == pattern)
            ),
            "{pattern:?}"
        );
    }
    let after: Vec<&Card> = cards
        .iter()
        .filter(|c| c.category == Category::AfterScene)
        .collect();
    for item in ["blanket", "water"] {
        assert!(
            after
                .iter()
                .any(|c| c.items.iter().any(|i| i.contains(item))),
            "after-scene {item}"
        );
    }
    assert!(
        after.iter().any(|c| c.roles == vec![Role::Top]
            || (c.roles.contains(&Role::Top) && !c.roles.contains(&Role::Bottom))),
        "something for tops"
    );
}

#[test]
fn card_texts_fit_a_phone_card_and_use_inclusive_words() {
    for c in builtin() {
        assert!(c.title.chars().count() <= MAX_TITLE, "{}", c.id);
        assert!(c.how.chars().count() <= MAX_HOW, "{}", c.id);
        assert!(c.why.chars().count() <= MAX_WHY, "{}", c.id);
        let text = format!("{} {} {}", c.title, c.how, c.why).to_lowercase();
        for word in [
            " he ",
            " she ",
            " his ",
            " her ",
            "boyfriend",
            "girlfriend",
            "husband",
            "wife",
            "penis",
            "vagina",
        ] {
            assert!(!format!(" {text} ").contains(word), "{}: {word:?}", c.id);
        }
        for overclaim in ["guarantee", "always works", "cures", "bonding hormone"] {
            assert!(!text.contains(overclaim), "{}: {overclaim:?}", c.id);
        }
    }
}

/// A sentence that reports what studies found reads like one of these.
const CLAIMS: [&str; 8] = [
    "study", "studies", "research", "trial", "linked", "shown", "evidence", "report",
];

#[test]
fn a_claim_carries_its_source_and_plain_advice_needs_none() {
    let unsourced: Vec<(&str, &str)> = builtin()
        .iter()
        .filter(|c| c.sources.is_empty())
        .flat_map(|c| {
            CLAIMS
                .iter()
                .filter(move |w| format!("{} {}", c.how, c.why).to_lowercase().contains(**w))
                .map(move |w| (c.id.as_str(), *w))
        })
        .collect();
    assert!(
        unsourced.is_empty(),
        "claims without a source: {unsourced:?}"
    );
    let cited: Vec<&str> = builtin()
        .iter()
        .filter(|c| !c.sources.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    for id in [
        "unhurried-cuddle",
        "cyclic-sighing",
        "welcome-the-tears",
        "name-the-feeling",
    ] {
        assert!(cited.contains(&id), "{id} reports a finding");
    }
    let mut bad = builtin()[0].clone();
    bad.sources = vec!["meltzer-2014".into()];
    assert!(
        validate_all(&[bad]).is_err(),
        "an unknown source is refused"
    );
}

/// The Tend features a card may send someone to, and the screen that has each.
const FEATURES: [(&str, &str); 3] = [
    ("Care for your body", "views/body-care.js"),
    ("Let\u{2019}s talk tomorrow", "views/now.js"),
    (
        "a short reflection when you close a session",
        "views/now.js",
    ),
];

#[test]
fn a_card_sends_people_only_to_features_tend_has() {
    let ui = |file: &str| {
        std::fs::read_to_string(format!("{}/../../ui/js/{file}", env!("CARGO_MANIFEST_DIR")))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    for (feature, file) in FEATURES.iter().take(2) {
        let js = ui(file).replace("\\u2019", "\u{2019}");
        assert!(js.contains(feature), "{file} has {feature:?}");
    }
    for c in builtin() {
        let text = format!("{} {}", c.how, c.why);
        let names_tend = text.contains("Tend")
            || text.contains("Care for your body")
            || text.contains('\u{201c}');
        if names_tend {
            assert!(
                FEATURES.iter().any(|(f, _)| text.contains(f)),
                "{}: which feature? {text}",
                c.id
            );
        }
        for gone in [
            "set the reminder",
            "reflection page",
            "save them to your profiles",
        ] {
            assert!(
                !text.to_lowercase().contains(gone),
                "{}: {gone:?} does not exist",
                c.id
            );
        }
    }
}

#[test]
fn every_need_in_a_profile_has_a_card_that_meets_it() {
    for need in [
        crate::profile::Need::Water,
        crate::profile::Need::Snack,
        crate::profile::Need::Warmth,
        crate::profile::Need::Shower,
    ] {
        assert!(
            builtin()
                .iter()
                .any(|c| c.items.iter().any(|i| i == need.item())),
            "{need:?} ({}) is met by no card",
            need.item()
        );
    }
}

#[test]
fn predictable_means_a_fixed_script_no_surprise_touch_and_a_clear_end() {
    let asks = ["ask", "offer", "permission", "consent"];
    for c in builtin().iter().filter(|c| c.predictable) {
        let how = c.how.to_lowercase();
        assert!(
            c.touch == Touch::None || asks.iter().any(|w| how.contains(w)),
            "{}: touch without asking",
            c.id
        );
        assert!(
            c.timer.is_some() || c.minutes <= 5,
            "{}: no clear end",
            c.id
        );
        assert!(
            c.talk != Talk::Deep && c.energy != Energy::High,
            "{}: not a fixed script",
            c.id
        );
    }
    let predictable = builtin().iter().filter(|c| c.predictable).count();
    assert!(
        predictable * 3 <= builtin().len() * 2,
        "trauma-sensitive mode narrows the catalogue: {predictable} of {}",
        builtin().len()
    );
}

#[test]
fn no_card_assumes_another_time_a_night_or_that_consent_held() {
    for c in builtin() {
        let text = format!("{} {} {}", c.title, c.how, c.why).to_lowercase();
        for assumed in ["next time", "future", "tonight", "what was agreed"] {
            assert!(!text.contains(assumed), "{}: {assumed:?}", c.id);
        }
    }
}

#[test]
fn cards_that_care_for_the_body_name_the_warning_signs() {
    let card = |id: &str| builtin().iter().find(|c| c.id == id).unwrap();
    assert!(card("check-marks-together")
        .how
        .contains("Numbness, tingling or weakness"));
    assert!(card("warm-shower").how.contains("light-headed"));
    assert!(card("soothing-shower").how.contains("light-headed"));
    assert!(card("water-and-sugar").how.contains("diabetes"));
    assert!(card("gentle-massage")
        .how
        .contains("Keep away from bruises, marks and broken skin"));
    assert!(card("firm-steady-hold")
        .how
        .contains("no weight on the neck or chest"));
    for id in [
        "care-from-where-you-are",
        "yes-no-and-hand-signals",
        "less-to-see-and-hear",
    ] {
        assert!(
            card(id).predictable && card(id).touch == Touch::None,
            "{id}"
        );
    }
}

#[test]
fn every_card_that_touches_a_partner_asks_or_offers_first() {
    let asks = ["ask", "offer", "permission", "consent", "welcome"];
    let silent: Vec<&str> = builtin()
        .iter()
        .filter(|c| c.needs_partner && c.touch > Touch::None)
        .filter(|c| {
            let how = c.how.to_lowercase();
            !asks.iter().any(|w| how.contains(w))
        })
        .map(|c| c.id.as_str())
        .collect();
    assert!(silent.is_empty(), "touch without asking first: {silent:?}");
    for id in [
        "unhurried-cuddle",
        "foreheads-together",
        "back-drawing-game",
    ] {
        let card = builtin().iter().find(|c| c.id == id).unwrap();
        assert!(card.how.starts_with("Ask first"), "{id}: {}", card.how);
    }
}

fn sample() -> Card {
    builtin()[0].clone()
}

#[test]
fn a_card_missing_or_overflowing_attributes_is_refused() {
    let mut c = sample();
    c.title = String::new();
    assert!(c.validate().is_err());
    let mut c = sample();
    c.how = "x".repeat(MAX_HOW + 1);
    assert!(c.validate().is_err());
    let mut c = sample();
    c.contexts.clear();
    assert!(c.validate().is_err());
    let mut c = sample();
    c.minutes = 0;
    assert!(c.validate().is_err());
    let mut c = sample();
    c.needs_partner = true;
    c.contexts = vec![Context::Solo];
    assert!(c.validate().is_err());
    let mut c = sample();
    c.contexts = vec![Context::Scene];
    c.roles.clear();
    assert!(c.validate().is_err());
    let mut c = sample();
    c.timer = Some(CardTimer::Breathing {
        pattern: Pattern::Box,
        minutes: 30,
    });
    assert!(c.validate().is_err());
    let json = serde_json::to_value(sample()).unwrap();
    let mut missing = json.clone();
    missing.as_object_mut().unwrap().remove("touch");
    assert!(
        serde_json::from_value::<Card>(missing).is_err(),
        "a missing attribute does not parse"
    );
    let mut extra = json;
    extra["colour"] = "red".into();
    assert!(
        serde_json::from_value::<Card>(extra).is_err(),
        "an unknown attribute does not parse"
    );
}

mod stored {
    use super::*;
    use crate::test_support::vault;

    fn mine(title: &str) -> Card {
        Card {
            id: String::new(),
            title: title.into(),
            ..sample()
        }
    }

    #[test]
    fn custom_cards_are_saved_listed_and_found_beside_builtin_ones() {
        let (_d, mut v) = vault();
        let saved = save_custom(&mut v, None, mine("Our song, twice")).unwrap();
        assert!(saved.id.starts_with("custom-") && saved.custom);
        assert_eq!(all(&v).unwrap().len(), builtin().len() + 1);
        assert_eq!(find(&v, &saved.id).unwrap().title, "Our song, twice");
        assert!(exists(&v, &saved.id).unwrap());
        let edited = save_custom(
            &mut v,
            Some(&saved.id),
            Card {
                title: "Our song".into(),
                ..saved.clone()
            },
        )
        .unwrap();
        assert_eq!(edited.id, saved.id);
        assert_eq!(custom(&v).unwrap().len(), 1);
        assert_eq!(custom(&v).unwrap()[0].title, "Our song");
    }

    #[test]
    fn builtin_cards_cannot_be_edited_and_titles_stay_unique() {
        let (_d, mut v) = vault();
        assert!(matches!(
            save_custom(&mut v, Some(&sample().id), sample()),
            Err(Error::Invalid(_))
        ));
        let clash = mine(&builtin()[1].title.to_uppercase());
        assert!(matches!(
            save_custom(&mut v, None, clash),
            Err(Error::Invalid(_))
        ));
        assert!(custom(&v).unwrap().is_empty());
    }

    #[test]
    fn editing_a_card_that_is_not_there_is_not_found_and_saves_nothing() {
        let (_d, mut v) = vault();
        let gone = format!("custom-{}", RecordId::generate());
        assert!(save_custom(&mut v, Some(&gone), mine("Ghost"))
            .unwrap_err()
            .is_not_found());
        assert!(matches!(
            save_custom(&mut v, Some("custom-xyz"), mine("Ghost")),
            Err(Error::Unknown(_))
        ));
        assert!(matches!(find(&v, &gone), Err(Error::Unknown(_))));
        assert!(!exists(&v, &gone).unwrap() && !exists(&v, "nonsense").unwrap());
        assert!(custom(&v).unwrap().is_empty());
    }

    #[test]
    fn a_stored_custom_card_keeps_the_json_of_a_card() {
        let card = Card {
            id: format!("custom-{}", RecordId::generate()),
            ..sample()
        };
        let stored = CustomCard::try_from(card.clone()).unwrap();
        assert_eq!(
            serde_json::to_value(&stored).unwrap(),
            serde_json::to_value(&card).unwrap()
        );
        assert!(
            CustomCard::try_from(sample()).is_err(),
            "a built-in id names no record"
        );
    }
}
