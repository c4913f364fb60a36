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
    use crate::vault::Cost;

    fn vault() -> (tempfile::TempDir, Vault) {
        let dir = tempfile::tempdir().unwrap();
        let (v, _) = Vault::create(dir.path(), "copper lantern orbit meadow", Cost::FLOOR).unwrap();
        (dir, v)
    }

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
        let saved = save_custom(&mut v, mine("Our song, twice")).unwrap();
        assert!(saved.id.starts_with("custom-") && saved.custom);
        assert_eq!(all(&v).unwrap().len(), builtin().len() + 1);
        assert_eq!(find(&v, &saved.id).unwrap().title, "Our song, twice");
        let edited = save_custom(
            &mut v,
            Card {
                title: "Our song".into(),
                ..saved.clone()
            },
        )
        .unwrap();
        assert_eq!(edited.id, saved.id);
        assert_eq!(custom(&v).unwrap().len(), 1);
    }

    #[test]
    fn builtin_cards_cannot_be_edited_and_titles_stay_unique() {
        let (_d, mut v) = vault();
        assert!(matches!(
            save_custom(&mut v, sample()),
            Err(VaultError::Invalid(_))
        ));
        let clash = mine(&builtin()[1].title.to_uppercase());
        assert!(matches!(
            save_custom(&mut v, clash),
            Err(VaultError::Invalid(_))
        ));
        assert!(custom(&v).unwrap().is_empty());
    }

    #[test]
    fn deleting_a_custom_card_clears_it_from_profiles_and_is_refused_while_a_plan_uses_it() {
        let (_d, mut v) = vault();
        let card = save_custom(&mut v, mine("Tea on the porch")).unwrap();
        let me = crate::profile::save(
            &mut v,
            crate::profile::Profile {
                name: "Me".into(),
                is_me: true,
                favourites: vec![card.id.clone()],
                ..Default::default()
            },
        )
        .unwrap();
        let plan = crate::plan::save(
            &mut v,
            crate::plan::Plan {
                name: "Friday".into(),
                people: vec![me.id.clone()],
                cards: vec![card.id.clone()],
                ..Default::default()
            },
        )
        .unwrap();
        assert!(matches!(
            delete_custom(&mut v, &card.id),
            Err(VaultError::Invalid(_))
        ));
        crate::plan::delete(&mut v, &plan.id).unwrap();
        delete_custom(&mut v, &card.id).unwrap();
        assert!(crate::profile::get(&v, &me.id)
            .unwrap()
            .favourites
            .is_empty());
        assert!(matches!(
            delete_custom(&mut v, &card.id),
            Err(VaultError::NotFound)
        ));
    }
}
