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
