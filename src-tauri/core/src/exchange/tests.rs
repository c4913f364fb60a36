use proptest::prelude::*;

use super::*;
use crate::catalog::{builtin, Category};
use crate::test_support::vault;

fn card(i: usize) -> String {
    builtin()[i].id.clone()
}

/// The sharer's own profile, every field filled.
fn mine() -> Profile {
    Profile {
        name: "Robin".into(),
        is_me: true,
        closeness: Some(2),
        talk: Some(-1),
        touch_comfort: Some(Touch::Light),
        needs: vec![Need::Water, Need::Warmth],
        hard_limits: HardLimits {
            cards: vec![card(0)],
            categories: vec![Category::Conversation],
            max_touch: Some(Touch::Light),
            items: vec!["ice".into()],
        },
        favourites: vec![card(1), card(2)],
        trauma_sensitive: true,
        helps: "A glass of water, then quiet company for a while.".into(),
        ..Profile::default()
    }
}

fn sharer(p: Profile) -> (tempfile::TempDir, Vault, RecordId) {
    let (dir, mut v) = vault();
    let id = profile::save(&mut v, None, p).unwrap().id;
    (dir, v, id)
}

/// The fields a person shares, without the ids and marks each device keeps.
fn shared_part(p: &Profile) -> Profile {
    Profile {
        id: RecordId::default(),
        is_me: false,
        shared: None,
        ..p.clone()
    }
}

fn message(e: Error) -> String {
    match e {
        Error::Invalid(m) => m,
        other => panic!("not a message for the person: {other:?}"),
    }
}

fn read_err(text: &str, phrase: Option<&str>) -> String {
    match read(text, phrase) {
        Ok(_) => panic!("{text:?} was read"),
        Err(e) => message(e),
    }
}

/// The QR picture painted as pixels (each module `scale` pixels), as a PNG file.
fn png_of(qr: &QrPicture, scale: u32) -> Vec<u8> {
    let side = qr.size as u32 * scale;
    let mut img = image::GrayImage::from_pixel(side, side, image::Luma([255]));
    for part in qr.path.split('M').filter(|s| !s.is_empty()) {
        // "x yhNv1h-Nz"
        let (xy, rest) = part.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let run: u32 = rest.split_once('v').unwrap().0.parse().unwrap();
        let (x, y): (u32, u32) = (x.parse().unwrap(), y.parse().unwrap());
        for px in x * scale..(x + run) * scale {
            for py in y * scale..(y + 1) * scale {
                img.put_pixel(px, py, image::Luma([0]));
            }
        }
    }
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn a_profile_shown_as_a_qr_picture_is_imported_on_another_device_unchanged() {
    let (_a, a, id) = sharer(mine());
    let shown = show(&a, id).unwrap();
    assert_eq!(shown.left_out, 0);
    let text = read_picture(&png_of(&shown.qr, 4)).unwrap();
    assert!(text.starts_with(PREFIX), "{text}");
    let (_b, mut b) = vault();
    let incoming = read(&text, None).unwrap();
    let preview = preview(&b, &incoming).unwrap();
    assert_eq!(preview.before, None);
    assert_eq!(preview.left_out, 0);
    let saved = import(&mut b, &incoming).unwrap();
    assert_eq!(shared_part(&saved), shared_part(&mine()));
    assert!(!saved.is_me);
    let shared = saved.shared.clone().unwrap();
    assert_eq!(shared.from, id);
    assert_eq!(shared.limits, mine().hard_limits);
    assert_eq!(profile::list(&b).unwrap(), vec![saved.clone()]);
    // A new person: the preview is what was saved, but for the id the vault gave it.
    assert_eq!(
        Profile {
            id: saved.id,
            ..preview.profile
        },
        saved
    );
}

#[test]
fn a_text_code_opens_with_its_phrase_as_typed_and_with_nothing_else() {
    let (_a, a, id) = sharer(mine());
    let code = text_code_at(&a, id, kdf::Cost::FLOOR).unwrap();
    assert!(code.code.starts_with(PREFIX));
    assert_eq!(code.phrase.len(), 11);
    // Sealed: the open code's bytes are not in it, and it differs every time.
    let again = text_code_at(&a, id, kdf::Cost::FLOOR).unwrap();
    assert_ne!(code.code, again.code);
    let (_b, mut b) = vault();
    let messy = format!("  {}\n", code.code.to_lowercase());
    let typed = code.phrase.to_lowercase().replace('-', " ");
    let saved = import(&mut b, &read(&messy, Some(&typed)).unwrap()).unwrap();
    assert_eq!(shared_part(&saved), shared_part(&mine()));

    // The preview's open code saves the same profile with no phrase.
    let open = read(&code.code, Some(&code.phrase))
        .unwrap()
        .open_code()
        .unwrap();
    assert!(open.starts_with(PREFIX));
    let (_c, c) = vault();
    let again_read = preview(&c, &read(&open, None).unwrap()).unwrap().profile;
    assert_eq!(shared_part(&again_read), shared_part(&mine()));
    // Spaces and line breaks count toward the limit on text, up to it exactly.
    let padded = format!("{}{}", code.code, " ".repeat(MAX_TEXT - code.code.len()));
    assert!(read(&padded, Some(&code.phrase)).is_ok());
    assert!(read_err(&format!("{padded} "), Some(&code.phrase)).contains("too long"));

    let sealed = read_err(&code.code, None);
    assert!(sealed.contains("sealed"), "{sealed}");
    assert_eq!(read_err(&code.code, Some("  ")), sealed);
    assert!(read_err(&code.code, Some("short")).contains("ten letters"));
    let wrong = again.phrase.as_str();
    assert!(read_err(&code.code, Some(wrong)).contains("does not open"));
}

/// The JSON a code's body holds.
fn json_of(code: &str) -> serde_json::Value {
    let bytes = data_encoding::BASE32_NOPAD
        .decode(&code.as_bytes()[PREFIX.len()..])
        .unwrap();
    let body = &bytes[2..bytes.len() - CHECK_LEN];
    serde_json::from_slice(&miniz_oxide::inflate::decompress_to_vec(body).unwrap()).unwrap()
}

#[test]
fn codes_stay_near_a_kilobyte_and_a_long_profile_is_refused_plainly() {
    let ids = |skip, take| {
        builtin()
            .iter()
            .skip(skip)
            .take(take)
            .map(|c| c.id.clone())
            .collect()
    };
    let long = Profile {
        helps: "Water first, then a blanket and the lamp on low. Hold my hand while my breathing settles, and talk softly about small things. Later a snack, a shower, and quiet music. A message the next day to ask how I am helps more than you might think; so does a walk outside."
            .into(),
        needs: vec![Need::Water, Need::Snack, Need::Warmth, Need::Shower],
        favourites: ids(1, 8),
        hard_limits: HardLimits {
            cards: ids(10, 30),
            ..mine().hard_limits
        },
        ..mine()
    };
    assert!(long.helps.chars().count() <= profile::MAX_HELPS);
    let (_a, a, id) = sharer(long.clone());
    let (open, _) = open_code(&a, id).unwrap();
    let json = serde_json::to_vec(&json_of(&open)).unwrap();
    assert!(
        json.len() > 1100,
        "a body that deflates: {} bytes of JSON",
        json.len()
    );
    let sealed = text_code_at(&a, id, kdf::Cost::FLOOR).unwrap();
    let bytes = data_encoding::BASE32_NOPAD
        .decode(&sealed.code.as_bytes()[PREFIX.len()..])
        .unwrap();
    assert!(bytes.len() <= MAX_BYTES, "{}", bytes.len());
    assert!(sealed.code.len() > 1100, "{} characters", sealed.code.len());
    // However long, a code within the limits reads back whole.
    let (_b, mut b) = vault();
    let back = read(&sealed.code, Some(&sealed.phrase)).unwrap();
    assert_eq!(
        shared_part(&import(&mut b, &back).unwrap()),
        shared_part(&long)
    );
    // QR version 30 is 137 modules across, plus the quiet zone.
    assert!(show(&a, id).unwrap().qr.size <= 137 + 2 * QUIET);

    // Varied text barely deflates: the most a person can write in another script does not fit.
    let huge = Profile {
        helps: (0..profile::MAX_HELPS as u32)
            .map(|i| char::from_u32(0x4E00 + i * 7919 % 20000).unwrap())
            .collect(),
        favourites: builtin().iter().skip(1).map(|c| c.id.clone()).collect(),
        ..mine()
    };
    let (_c, c, big) = sharer(huge);
    let e = message(open_code(&c, big).err().unwrap());
    assert!(e.contains("too long"), "{e}");
}

#[test]
fn the_qr_picture_is_the_code_with_its_quiet_zone_in_module_units() {
    let text = "TEND:AEAHQ2LMNBSWC4TUEBZXE2LHNB2A";
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).unwrap();
    let qr = qr_picture(text).unwrap();
    assert_eq!(qr.size, code.width() + 8);
    let dark: usize = code
        .to_colors()
        .iter()
        .filter(|c| **c == qrcode::Color::Dark)
        .count();
    let mut drawn = 0;
    for part in qr.path.split('M').skip(1) {
        let (xy, rest) = part.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        assert!(
            x >= QUIET && y >= QUIET && x + run <= qr.size - QUIET && y < qr.size - QUIET,
            "{part}"
        );
        drawn += run;
    }
    assert_eq!(drawn, dark, "every dark module once");
}

#[test]
fn a_code_holds_only_what_the_profile_says() {
    let (_a, a, id) = sharer(Profile {
        name: "Sam".into(),
        is_me: true,
        ..Profile::default()
    });
    let json = json_of(&open_code(&a, id).unwrap().0);
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["from", "name"], "{json}");
    assert_eq!(json["from"], id.to_hex());
}

#[test]
fn a_code_is_at_most_its_limit_in_bytes_on_both_sides() {
    let body = |n: usize| vec![0u8; n - 2 - CHECK_LEN];
    let fits = frame(OPEN, &body(MAX_BYTES)).unwrap();
    assert!(frame(OPEN, &body(MAX_BYTES + 1)).is_err());
    // The reader takes a code of exactly the limit on to its contents, not its size.
    assert!(read_err(&fits, None).contains("damaged"));
    let over = frame_raw(&[VERSION, OPEN], &body(MAX_BYTES + 1));
    assert!(read_err(&over, None).contains("too long"));
}

#[test]
fn malformed_truncated_oversized_and_newer_codes_get_a_clear_message() {
    let (_a, a, id) = sharer(mine());
    let (code, _) = open_code(&a, id).unwrap();
    let damaged = read_err(&code[..code.len() - 3], None);
    assert!(damaged.contains("incomplete or damaged"), "{damaged}");
    let mut bent = code.clone().into_bytes();
    let i = bent.len() / 2;
    bent[i] = if bent[i] == b'A' { b'B' } else { b'A' };
    assert_eq!(read_err(std::str::from_utf8(&bent).unwrap(), None), damaged);
    assert_eq!(read_err(&format!("{code}1"), None), damaged);
    assert_eq!(read_err("TEND:", None), damaged);
    assert!(read_err("hello", None).contains("not a Tend profile code"));
    assert!(read_err("", None).contains("not a Tend profile code"));
    assert!(read_err(&"A".repeat(MAX_TEXT + 1), None).contains("too long"));
    let oversized = frame_raw(&[VERSION, OPEN], &vec![7; MAX_BYTES]);
    assert!(read_err(&oversized, None).contains("too long"));

    // A well-formed code from a later format: the check passes, the version is refused.
    let bytes = data_encoding::BASE32_NOPAD
        .decode(&code.as_bytes()[PREFIX.len()..])
        .unwrap();
    let body = &bytes[2..bytes.len() - CHECK_LEN];
    let newer = frame_raw(&[VERSION + 1, OPEN], body);
    assert!(read_err(&newer, None).contains("newer version"));
    assert_eq!(read_err(&frame_raw(&[0, OPEN], body), None), damaged);
    assert_eq!(read_err(&frame_raw(&[VERSION, 2], body), None), damaged);
    // The original still reads: the tests above broke copies.
    assert!(read(&code, None).is_ok());
}

/// A code's text around any header and body, with a valid check.
fn frame_raw(header: &[u8], body: &[u8]) -> String {
    let mut bytes = [header, body].concat();
    let sum = check(&bytes);
    bytes.extend_from_slice(&sum);
    format!("{PREFIX}{}", data_encoding::BASE32_NOPAD.encode(&bytes))
}

fn open_frame(json: &[u8]) -> String {
    frame_raw(
        &[VERSION, OPEN],
        &miniz_oxide::deflate::compress_to_vec(json, 6),
    )
}

#[test]
fn a_well_framed_code_with_bad_contents_is_refused() {
    let from = RecordId::generate();
    let good = format!(r#"{{"from":"{from}","name":"Sam"}}"#);
    assert!(read(&open_frame(good.as_bytes()), None).is_ok());
    for bad in [
        format!(r#"{{"from":"{from}","name":"  "}}"#),
        format!(r#"{{"from":"{from}","name":"Sam","closeness":5}}"#),
        format!(r#"{{"from":"{from}","name":"Sam","extra":1}}"#),
        format!(
            r#"{{"from":"{from}","name":"{}"}}"#,
            "x".repeat(MAX_NAME + 1)
        ),
        format!(r#"{{"from":"{from}","name":"Sam","hard_limits":{{"items":[""]}}}}"#),
        r#"{"name":"Sam"}"#.to_owned(),
        "[]".to_owned(),
    ] {
        assert!(read(&open_frame(bad.as_bytes()), None).is_err(), "{bad}");
    }
    // A body that inflates past the limit is refused rather than inflated.
    let bomb = format!(
        r#"{{"from":"{from}","name":"Sam","helps":"{}"}}"#,
        " ".repeat(MAX_JSON)
    );
    assert!(read_err(&open_frame(bomb.as_bytes()), None).contains("damaged"));
}

#[test]
fn a_later_share_shows_what_changed_and_updates_the_same_person() {
    let (_a, mut a, id) = sharer(mine());
    let (_b, mut b) = vault();
    let first = import(&mut b, &read(&open_code(&a, id).unwrap().0, None).unwrap()).unwrap();
    // The importing side adds limits of its own, of every kind.
    let mut edited = first.clone();
    edited.hard_limits.items.push("candles".into());
    edited.hard_limits.cards.push(card(5));
    edited.hard_limits.categories.push(Category::Touch);
    edited.hard_limits.max_touch = Some(Touch::None);
    profile::save(&mut b, Some(first.id), edited).unwrap();

    let mut changed = profile::get(&a, id).unwrap();
    changed.helps = "Quiet, then a walk.".into();
    changed.hard_limits.items.clear(); // their own choice to relax
    changed.needs = vec![Need::Snack];
    profile::save(&mut a, Some(id), changed).unwrap();

    let incoming = read(&open_code(&a, id).unwrap().0, None).unwrap();
    let p = preview(&b, &incoming).unwrap();
    let before = p.before.clone().unwrap();
    assert_eq!(before.id, first.id);
    assert_eq!(before.helps, mine().helps);
    assert_eq!(p.profile.id, first.id);
    assert_eq!(p.profile.helps, "Quiet, then a walk.");
    assert_eq!(p.profile.needs, vec![Need::Snack]);
    assert_eq!(p.profile.hard_limits.items, vec!["candles".to_owned()]);
    assert_eq!(
        p.profile.hard_limits.cards,
        vec![card(0), card(5)],
        "theirs, then one added here, once each"
    );
    assert_eq!(
        p.profile.hard_limits.categories,
        vec![Category::Conversation, Category::Touch]
    );
    assert_eq!(
        p.profile.hard_limits.max_touch,
        Some(Touch::None),
        "the stricter one added here"
    );
    assert_eq!(
        p.profile.shared.as_ref().unwrap().limits.items,
        Vec::<String>::new()
    );
    // Nothing is written by a preview.
    assert_eq!(profile::get(&b, first.id).unwrap().helps, mine().helps);

    let saved = import(&mut b, &incoming).unwrap();
    assert_eq!(saved, p.profile);
    assert_eq!(profile::list(&b).unwrap().len(), 1);
}

#[test]
fn their_hard_limits_are_never_relaxed_here_but_more_may_be_added() {
    let (_a, a, id) = sharer(mine());
    let (_b, mut b) = vault();
    let saved = import(&mut b, &read(&open_code(&a, id).unwrap().0, None).unwrap()).unwrap();
    let mut refused = |change: &dyn Fn(&mut Profile)| {
        let mut p = saved.clone();
        change(&mut p);
        let e = message(profile::save(&mut b, Some(saved.id), p).unwrap_err());
        assert!(e.contains("stay as they are"), "{e}");
    };
    refused(&|p| p.hard_limits.cards.clear());
    refused(&|p| p.hard_limits.categories.clear());
    refused(&|p| p.hard_limits.items = vec!["ICE ".into()]);
    refused(&|p| p.hard_limits.max_touch = None);
    refused(&|p| p.hard_limits.max_touch = Some(Touch::Full));
    let mut mine_now = saved.clone();
    mine_now.is_me = true;
    assert!(profile::save(&mut b, Some(saved.id), mine_now).is_err());
    assert_eq!(profile::get(&b, saved.id).unwrap(), saved);

    // Stricter is fine; the item compares without case; the mark cannot be dropped by a save.
    let mut stricter = saved.clone();
    stricter.hard_limits.max_touch = Some(Touch::None);
    stricter.hard_limits.items = vec!["ICE".into(), "music".into()];
    stricter.hard_limits.categories.push(Category::Touch);
    stricter.shared = None;
    stricter.name = "Robin B".into();
    let kept = profile::save(&mut b, Some(saved.id), stricter).unwrap();
    assert_eq!(kept.shared, saved.shared);
    // A new profile cannot claim to be shared.
    let forged = Profile {
        name: "Forged".into(),
        ..saved.clone()
    };
    assert_eq!(profile::save(&mut b, None, forged).unwrap().shared, None);
}

#[test]
fn someone_added_by_hand_is_updated_and_a_name_in_use_is_kept_apart() {
    let (_a, a, id) = sharer(mine());
    let (_b, mut b) = vault();
    let by_hand = profile::save(
        &mut b,
        None,
        Profile {
            name: "robin".into(),
            hard_limits: HardLimits {
                items: vec!["perfume".into()],
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    let code = open_code(&a, id).unwrap().0;
    let p = preview(&b, &read(&code, None).unwrap()).unwrap();
    assert_eq!(p.before.as_ref().map(|b| b.id), Some(by_hand.id));
    assert_eq!(p.profile.name, "Robin");
    assert!(p.profile.hard_limits.items.contains(&"perfume".to_owned()));
    assert!(p.profile.hard_limits.items.contains(&"ice".to_owned()));

    // When the name belongs to the device's owner, the shared one is named apart.
    let (_c, mut c) = vault();
    profile::save(
        &mut c,
        None,
        Profile {
            name: "Robin".into(),
            is_me: true,
            ..Default::default()
        },
    )
    .unwrap();
    let saved = import(&mut c, &read(&code, None).unwrap()).unwrap();
    assert_eq!(saved.name, "Robin (shared)");
    // A long name is cut so the mark fits the limit on names.
    let long = "Robin Ashworth-Delacroix of the Lanterns";
    assert_eq!(long.chars().count(), MAX_NAME);
    let (_d, mut d) = vault();
    let me_here = Profile {
        name: long.into(),
        is_me: true,
        ..Default::default()
    };
    profile::save(&mut d, None, me_here).unwrap();
    let (_e, e, theirs) = sharer(Profile {
        name: long.into(),
        ..mine()
    });
    let named = import(
        &mut d,
        &read(&open_code(&e, theirs).unwrap().0, None).unwrap(),
    )
    .unwrap();
    assert_eq!(named.name, "Robin Ashworth-Delacroix of the (shared)");
    assert_eq!(named.name.chars().count(), MAX_NAME);
    assert_eq!(profile::list(&c).unwrap().len(), 2);
    // A profile cannot be imported onto the device it came from, nor shared on from here.
    assert!(
        message(preview(&a, &read(&code, None).unwrap()).unwrap_err()).contains("from this device")
    );
    assert!(open_code(&c, saved.id).is_err());
}

#[test]
fn the_sharers_own_cards_stay_behind_and_are_counted() {
    let (_a, mut a) = vault();
    let own = crate::catalog::save_custom(&mut a, None, custom_card()).unwrap();
    let mut other = custom_card();
    other.title = "Our other ritual".into();
    let never = crate::catalog::save_custom(&mut a, None, other).unwrap();
    let mut p = mine();
    p.favourites.push(own.id.clone());
    p.hard_limits.cards.push(never.id.clone());
    let id = profile::save(&mut a, None, p).unwrap().id;
    assert_eq!(show(&a, id).unwrap().left_out, 2);
    let code = open_code(&a, id).unwrap().0;
    let json = json_of(&code).to_string();
    assert!(
        !json.contains(&own.id) && !json.contains(&never.id),
        "{json}"
    );
    let (_b, mut b) = vault();
    let p = preview(&b, &read(&code, None).unwrap()).unwrap();
    assert_eq!(p.left_out, 0, "nothing unknown arrived");
    let saved = import(&mut b, &read(&code, None).unwrap()).unwrap();
    assert_eq!(saved.favourites, mine().favourites);
    assert_eq!(saved.hard_limits, mine().hard_limits);

    // A card this device does not know (a newer catalogue's) is left out on import.
    let from = RecordId::generate();
    let json = format!(
        r#"{{"from":"{from}","name":"Sam","favourites":["not-yet-a-card","{}"]}}"#,
        card(3)
    );
    let p = preview(&b, &read(&open_frame(json.as_bytes()), None).unwrap()).unwrap();
    assert_eq!(p.left_out, 1);
    assert_eq!(p.profile.favourites, vec![card(3)]);
    let json = format!(
        r#"{{"from":"{from}","name":"Sam","favourites":["a-newer-card","{}"],"hard_limits":{{"cards":["another-newer-card","{}"]}}}}"#,
        card(3),
        card(4)
    );
    let p = preview(&b, &read(&open_frame(json.as_bytes()), None).unwrap()).unwrap();
    assert_eq!(p.left_out, 2);
    assert_eq!(p.profile.hard_limits.cards, vec![card(4)]);
}

fn custom_card() -> crate::catalog::Card {
    let mut c = builtin()[0].clone();
    c.id = String::new();
    c.title = "Our own ritual".into();
    c
}

#[test]
fn pictures_are_size_checked_before_decoding_and_only_png_or_jpeg_are_read() {
    let too_big = vec![0u8; MAX_PICTURE_BYTES + 1];
    assert!(message(read_picture(&too_big).unwrap_err()).contains("larger than 16 MB"));
    let at_limit = &too_big[..MAX_PICTURE_BYTES];
    assert!(message(read_picture(at_limit).unwrap_err()).contains("Only PNG and JPEG"));
    let wide = image::GrayImage::from_pixel(MAX_PICTURE_SIDE + 1, 21, image::Luma([255]));
    let mut png = Vec::new();
    wide.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    assert!(png.len() < 64 * 1024, "a small file with a large picture");
    assert!(message(read_picture(&png).unwrap_err()).contains("6000 pixels"));
    assert!(message(read_picture(b"GIF89a....").unwrap_err()).contains("Only PNG and JPEG"));
    let blank = png_of(
        &QrPicture {
            size: 40,
            path: String::new(),
        },
        2,
    );
    assert!(message(read_picture(&blank).unwrap_err()).contains("No Tend code"));
    let mut cut = png_of(&qr_picture("TEND:AAAA").unwrap(), 2);
    cut.truncate(cut.len() / 2);
    assert!(read_picture(&cut).is_err());
    // A photo is often a JPEG: one of the code reads too. So does a large screenshot (a
    // 2,000-pixel square takes 4 MB to decode as grey, 16 MB in colour).
    let (_a, a, id) = sharer(mine());
    let large = png_of(
        &show(&a, id).unwrap().qr,
        2000 / show(&a, id).unwrap().qr.size as u32,
    );
    assert_eq!(read_picture(&large).unwrap(), open_code(&a, id).unwrap().0);
    let png = png_of(&show(&a, id).unwrap().qr, 3);
    let img = image::load_from_memory(&png).unwrap();
    let mut jpeg = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    assert_eq!(read_picture(&jpeg).unwrap(), open_code(&a, id).unwrap().0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random text, and real codes with bytes changed, cut or added, never panic the
    /// reader; whatever it refuses, it says so, and nothing is saved by reading.
    #[test]
    fn the_importer_survives_random_and_mutated_codes(
        noise in ".{0,200}",
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<prop::sample::Index>(),
        framed in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let _ = read(&noise, None);
        let _ = read(&format!("{PREFIX}{noise}"), Some(&noise));
        let code = sample_code();
        let mut bent = code.clone().into_bytes();
        let i = at.index(bent.len());
        bent[i] = byte;
        if let Ok(text) = String::from_utf8(bent) {
            let same: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if same.to_ascii_uppercase() != code {
                prop_assert!(read(&text, None).is_err());
            }
        }
        let cut_at = cut.index(code.len());
        prop_assert!(read(&code[..cut_at], None).is_err());
        // Past the check: random bodies reach the inflater and the parser.
        prop_assert!(read(&frame_raw(&[VERSION, OPEN], &framed), None).is_err());
        let _ = read(&frame_raw(&[VERSION, SEALED], &framed), Some("7KQ4M-D9TX2"));
        let _ = read_picture(&framed);
    }
}

fn sample_code() -> String {
    use std::sync::OnceLock;
    static CODE: OnceLock<String> = OnceLock::new();
    CODE.get_or_init(|| {
        let (_a, a, id) = sharer(mine());
        open_code(&a, id).unwrap().0
    })
    .clone()
}
