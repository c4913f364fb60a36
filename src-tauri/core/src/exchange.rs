//! A profile passed between two people's devices with no server: shown as a QR code on
//! one screen and scanned (or photographed) by the other, or sent as a text code sealed
//! under a phrase the sharer says aloud or sends separately.
//!
//! A code is `TEND:` and base-32 text (QR's dense alphanumeric mode; any case reads back)
//! of these bytes:
//!
//! ```text
//! version (1) | form (1: 0 open, 1 sealed) | body | check (4: SHA-256 of what precedes)
//! ```
//!
//! The body is the profile as compact JSON, deflated; sealed, it is that under the phrase
//! (`vault::phrase`, with the first two bytes bound to it). The QR code on screen is open:
//! it travels only through the room. A text code can travel anywhere, so it is always
//! sealed. A code is at most [`MAX_BYTES`] bytes so the QR code stays easy to scan; the
//! check catches a typo or a cut-off paste before any slow key derivation.
//!
//! Importing shows exactly what will be saved first ([`preview`]); a later share from the
//! same person updates their profile, and the screen shows what changed. The person's
//! own hard limits are kept as theirs (`profile::Shared`), and this device never relaxes
//! them; limits added here stay too.

mod picture;
#[cfg(test)]
mod tests;

use ring::digest;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::catalog::{self, Touch};
use crate::profile::{self, HardLimits, Need, Profile, Shared, MAX_NAME};
use crate::vault::phrase::Phrase;
use crate::vault::{kdf, RecordId, Vault, VaultError};
use crate::{Error, Result};

pub use picture::{picture_too_large, read_picture, MAX_PICTURE_BYTES, MAX_PICTURE_SIDE};

/// Every code starts so; also what tells a Tend code from any other QR code.
pub const PREFIX: &str = "TEND:";
/// The code's format; a code from a newer Tend is refused with a message that says so.
pub const VERSION: u8 = 1;
const OPEN: u8 = 0;
const SEALED: u8 = 1;
const CHECK_LEN: usize = 4;
/// The most bytes a code may hold (before its text form): about 1 KB keeps the QR code at
/// version 30 or below with medium error correction, which a phone reads off a screen.
pub const MAX_BYTES: usize = 1100;
/// The most JSON a code's body may inflate to; far above any real profile.
const MAX_JSON: usize = 8 * 1024;
/// Text longer than this is not read at all (line breaks and spaces from a messenger
/// included).
const MAX_TEXT: usize = 4 * 1024;

/// A profile as it travels. Field names are part of the code's format, version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    /// The sharer's profile id on their device: a later share updates the same person.
    from: RecordId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closeness: Option<i8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    talk: Option<i8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    touch_comfort: Option<Touch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    needs: Vec<Need>,
    #[serde(default, skip_serializing_if = "is_default")]
    hard_limits: HardLimits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    favourites: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    trauma_sensitive: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    helps: String,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Only the built-in cards travel: a card made on one device means nothing on another.
fn builtin(ids: &[String]) -> (Vec<String>, usize) {
    let kept: Vec<String> = ids
        .iter()
        .filter(|id| catalog::find_builtin(id).is_some())
        .cloned()
        .collect();
    let left = ids.len() - kept.len();
    (kept, left)
}

impl Payload {
    /// The shareable part of a profile, and how many of its own cards stay behind.
    fn of(p: &Profile) -> (Self, usize) {
        let (favourites, a) = builtin(&p.favourites);
        let (cards, b) = builtin(&p.hard_limits.cards);
        let payload = Self {
            from: p.id,
            name: p.name.clone(),
            closeness: p.closeness,
            talk: p.talk,
            touch_comfort: p.touch_comfort,
            needs: p.needs.clone(),
            hard_limits: HardLimits {
                cards,
                ..p.hard_limits.clone()
            },
            favourites,
            trauma_sensitive: p.trauma_sensitive,
            helps: p.helps.clone(),
        };
        (payload, a + b)
    }
}

fn invalid(message: &str) -> Error {
    Error::invalid(message)
}

const DAMAGED: &str = "That code is incomplete or damaged. Copying or scanning it again may help.";

fn check(bytes: &[u8]) -> [u8; CHECK_LEN] {
    let d = digest::digest(&digest::SHA256, bytes);
    d.as_ref()[..CHECK_LEN]
        .try_into()
        .expect("a digest is longer")
}

/// The code's bytes around a body: the header in front, the check behind.
fn frame(form: u8, body: &[u8]) -> Result<String> {
    let mut bytes = vec![VERSION, form];
    bytes.extend_from_slice(body);
    let sum = check(&bytes);
    bytes.extend_from_slice(&sum);
    if bytes.len() > MAX_BYTES {
        return Err(invalid(
            "This profile is too long for a code. A shorter \u{201c}What helps me\u{201d} would let it fit.",
        ));
    }
    Ok(format!(
        "{PREFIX}{}",
        data_encoding::BASE32_NOPAD.encode(&bytes)
    ))
}

fn deflated(payload: &Payload) -> Zeroizing<Vec<u8>> {
    let json = Zeroizing::new(serde_json::to_vec(payload).expect("a payload serializes"));
    Zeroizing::new(miniz_oxide::deflate::compress_to_vec(&json, 9))
}

/// What the share screen shows: the open code, as a QR picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shown {
    pub qr: QrPicture,
    /// The person's own cards, which stay on this device.
    pub left_out: usize,
}

/// A QR code drawn as one SVG path: `size` modules square (the quiet zone included), and
/// `path` fills each dark module, in module units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QrPicture {
    pub size: usize,
    pub path: String,
}

/// Border of light modules every reader expects around a code.
const QUIET: usize = 4;

/// Draws `text` as a QR code with medium error correction.
pub fn qr_picture(text: &str) -> Result<QrPicture> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
        .map_err(|_| invalid("This profile is too long for a QR code."))?;
    let width = code.width();
    let mut path = String::new();
    for (y, row) in code.to_colors().chunks(width).enumerate() {
        // Each run of dark modules in a row is one rectangle; a light module closes it.
        let mut run_start = None;
        for (x, color) in row.iter().chain([&qrcode::Color::Light]).enumerate() {
            match (*color == qrcode::Color::Dark, run_start) {
                (true, None) => run_start = Some(x),
                (false, Some(from)) => {
                    let run = x - from;
                    path.push_str(&format!("M{} {}h{run}v1h-{run}z", from + QUIET, y + QUIET));
                    run_start = None;
                }
                _ => {}
            }
        }
    }
    Ok(QrPicture {
        size: width + 2 * QUIET,
        path,
    })
}

fn shareable(vault: &Vault, id: RecordId) -> Result<Profile> {
    let p = profile::get(vault, id)?;
    if !p.is_me {
        return Err(invalid("Only your own profile can be shared from here."));
    }
    Ok(p)
}

/// The open code for a profile (the QR code on screen).
pub fn open_code(vault: &Vault, id: RecordId) -> Result<(String, usize)> {
    let (payload, left_out) = Payload::of(&shareable(vault, id)?);
    Ok((frame(OPEN, &deflated(&payload))?, left_out))
}

/// The QR code to show for a profile.
pub fn show(vault: &Vault, id: RecordId) -> Result<Shown> {
    let (code, left_out) = open_code(vault, id)?;
    Ok(Shown {
        qr: qr_picture(&code)?,
        left_out,
    })
}

/// A text code and the phrase that opens it. Not `Debug`: the phrase is shown once.
pub struct TextCode {
    pub code: String,
    pub phrase: Zeroizing<String>,
    pub left_out: usize,
}

/// A sealed text code for a profile, under a fresh phrase. The key derivation takes a
/// quarter to one second.
pub fn text_code(vault: &Vault, id: RecordId) -> Result<TextCode> {
    text_code_at(vault, id, kdf::START)
}

fn text_code_at(vault: &Vault, id: RecordId, cost: kdf::Cost) -> Result<TextCode> {
    let (payload, left_out) = Payload::of(&shareable(vault, id)?);
    let phrase = Phrase::generate();
    let sealed = phrase.seal(cost, &[VERSION, SEALED], &deflated(&payload))?;
    Ok(TextCode {
        code: frame(SEALED, &sealed)?,
        phrase: phrase.display(),
        left_out,
    })
}

/// A code read and checked, not yet saved. Not `Debug`: it holds a person's profile.
pub struct Incoming(Payload);

impl Incoming {
    /// The same profile as an open code, for the screen to hand back when the person says
    /// yes: saving then needs no phrase and no second key derivation, and nothing is kept
    /// here in between.
    pub fn open_code(&self) -> Result<String> {
        frame(OPEN, &deflated(&self.0))
    }
}

/// Reads a code, as typed, pasted or scanned. A sealed code needs its phrase. Every
/// failure is a message the person can act on; nothing is saved here.
pub fn read(text: &str, phrase: Option<&str>) -> Result<Incoming> {
    if text.len() > MAX_TEXT {
        return Err(invalid("That is too long to be a Tend profile code."));
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let Some(body) = compact.strip_prefix(PREFIX) else {
        return Err(invalid(
            "That is not a Tend profile code. A code starts with TEND:",
        ));
    };
    let bytes = data_encoding::BASE32_NOPAD
        .decode(body.as_bytes())
        .map_err(|_| invalid(DAMAGED))?;
    if bytes.len() > MAX_BYTES {
        return Err(invalid("That is too long to be a Tend profile code."));
    }
    // The check is the last bytes; what it covers starts with the version and the form.
    let Some((signed, sum)) = bytes
        .len()
        .checked_sub(CHECK_LEN)
        .map(|at| bytes.split_at(at))
    else {
        return Err(invalid(DAMAGED));
    };
    if check(signed) != sum {
        return Err(invalid(DAMAGED));
    }
    let [version, form, body @ ..] = signed else {
        return Err(invalid(DAMAGED));
    };
    match version.cmp(&VERSION) {
        std::cmp::Ordering::Equal => {}
        std::cmp::Ordering::Greater => {
            return Err(invalid(
                "That code comes from a newer version of Tend. Updating Tend here would let it read the code.",
            ))
        }
        std::cmp::Ordering::Less => return Err(invalid(DAMAGED)),
    }
    let deflated = match *form {
        OPEN => Zeroizing::new(body.to_vec()),
        SEALED => unseal(body, phrase)?,
        _ => return Err(invalid(DAMAGED)),
    };
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_JSON)
        .map(Zeroizing::new)
        .map_err(|_| invalid(DAMAGED))?;
    let payload: Payload = serde_json::from_slice(&json).map_err(|_| invalid(DAMAGED))?;
    // The fields are checked as any profile's; unknown cards are dropped on import.
    as_profile(&payload).validate(|_| true)?;
    Ok(Incoming(payload))
}

fn unseal(body: &[u8], phrase: Option<&str>) -> Result<Zeroizing<Vec<u8>>> {
    let Some(phrase) = phrase.filter(|p| !p.trim().is_empty()) else {
        return Err(invalid(
            "This code is sealed. Please type the phrase that came with it.",
        ));
    };
    let phrase = Phrase::parse(phrase)
        .ok_or_else(|| invalid("A phrase is ten letters and digits, like 7KQ4M-D9TX2."))?;
    phrase
        .open(&[VERSION, SEALED], body)
        .map_err(|e| match e {
            VaultError::WrongPassphrase => invalid(
                "That phrase does not open this code. Checking it with the person who shared it may help.",
            ),
            _ => invalid(DAMAGED),
        })
}

fn as_profile(p: &Payload) -> Profile {
    Profile {
        id: RecordId::default(),
        name: p.name.trim().to_owned(),
        is_me: false,
        closeness: p.closeness,
        talk: p.talk,
        touch_comfort: p.touch_comfort,
        needs: p.needs.clone(),
        hard_limits: p.hard_limits.clone(),
        favourites: p.favourites.clone(),
        trauma_sensitive: p.trauma_sensitive,
        helps: p.helps.clone(),
        shared: None,
    }
}

/// What an import would do: the profile as it would be saved, the one it replaces (a
/// later share from the same person, or someone of the same name added by hand), and how
/// many cards this device does not know (left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub profile: Profile,
    pub before: Option<Profile>,
    pub left_out: usize,
}

/// What importing `incoming` would save; nothing is written.
pub fn preview(vault: &Vault, incoming: &Incoming) -> Result<Preview> {
    let shared = &incoming.0;
    let people = profile::list(vault)?;
    if people.iter().any(|p| p.id == shared.from) {
        return Err(invalid("That profile was shared from this device."));
    }
    let same_name = |p: &&Profile| p.name.to_lowercase() == shared.name.trim().to_lowercase();
    let before = people
        .iter()
        .find(|p| p.shared.as_ref().is_some_and(|s| s.from == shared.from))
        .or_else(|| {
            people
                .iter()
                .filter(|p| !p.is_me && p.shared.is_none())
                .find(same_name)
        })
        .cloned();
    let custom = catalog::custom_ids(vault)?;
    let known = |id: &String| catalog::find_builtin(id).is_some() && !custom.contains(id);
    let mut p = as_profile(shared);
    let cards = p.hard_limits.cards.len() + p.favourites.len();
    p.hard_limits.cards.retain(known);
    p.favourites.retain(known);
    let left_out = cards - p.hard_limits.cards.len() - p.favourites.len();
    let theirs = p.hard_limits.clone();
    if let Some(b) = &before {
        p.id = b.id;
        // Limits added on this device stay; theirs are replaced by what they sent now.
        let earlier = b
            .shared
            .as_ref()
            .map(|s| s.limits.clone())
            .unwrap_or_default();
        let added_here = b.hard_limits.clone().without(&earlier);
        p.hard_limits = theirs.clone().with(&added_here);
    }
    let limits = &p.hard_limits;
    p.favourites.retain(|f| !limits.cards.contains(f));
    let taken = |name: &str| {
        people.iter().any(|o| {
            Some(o.id) != before.as_ref().map(|b| b.id)
                && o.name.to_lowercase() == name.to_lowercase()
        })
    };
    if taken(&p.name) {
        let short: String = p.name.chars().take(MAX_NAME - 9).collect();
        p.name = format!("{} (shared)", short.trim_end());
    }
    p.shared = Some(Shared {
        from: shared.from,
        limits: theirs,
    });
    Ok(Preview {
        profile: p,
        before,
        left_out,
    })
}

/// Saves what [`preview`] showed: a new profile, or the same person's updated.
pub fn import(vault: &mut Vault, incoming: &Incoming) -> Result<Profile> {
    let preview = preview(vault, incoming)?;
    let id = preview.before.as_ref().map(|b| b.id);
    profile::store(vault, id, preview.profile)
}
