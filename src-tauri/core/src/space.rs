//! A person's own space on a shared device: their answers sealed so that only their own
//! passphrase opens them, not the device owner's passphrase, nor a readable export.
//!
//! Writing needs no passphrase (answers are sealed to the space's public key; see
//! `vault/space.rs`), so nobody types one per answer at night; reading does. The space's
//! guard lists what its person saw last time, under a key only their passphrase opens, so
//! an answer taken away or changed since is reported when they open it again.

use serde::{Deserialize, Serialize};

use crate::checkin::{Held, Text};
use crate::followup::{FollowUp, FollowUpAnswer};
use crate::profile::Profile;
use crate::session::{CheckInEntry, Reflection, Session};
use crate::vault::space::{fingerprint, from_hex, to_hex, SpaceKeys, SpaceLock};
use crate::vault::{Record, RecordId, Vault, VaultError, Writer};
use crate::{Error, Result};
use zeroize::Zeroizing;

/// One answer kept in a space (or in memory): what it was and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Entry {
    CheckIn {
        session: RecordId,
        entry: CheckInEntry,
    },
    Reflection {
        session: RecordId,
        reflection: Reflection,
    },
    FollowUp {
        #[serde(rename = "followUp")]
        follow_up: RecordId,
        session: RecordId,
        answer: FollowUpAnswer,
    },
}

impl Entry {
    pub fn person(&self) -> RecordId {
        match self {
            Entry::CheckIn { entry, .. } => entry.person,
            Entry::Reflection { reflection, .. } => reflection.person,
            Entry::FollowUp { answer, .. } => answer.person,
        }
    }

    pub fn at_ms(&self) -> u64 {
        match self {
            Entry::CheckIn { entry, .. } => entry.at_ms,
            Entry::Reflection { reflection, .. } => reflection.at_ms,
            Entry::FollowUp { answer, .. } => answer.at_ms,
        }
    }

    pub fn session(&self) -> RecordId {
        match self {
            Entry::CheckIn { session, .. }
            | Entry::Reflection { session, .. }
            | Entry::FollowUp { session, .. } => *session,
        }
    }
}

/// What the space's person saw when they last opened it, and their key's word on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guard {
    /// Each answer's id and the SHA-256 of its sealed bytes, in hex, by id.
    pub seen: Vec<(RecordId, String)>,
    pub tag: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Space {
    pub id: RecordId,
    pub person: RecordId,
    pub made_at_ms: u64,
    pub lock: SpaceLock,
    pub guard: Guard,
}

impl Record for Space {
    const KIND: &'static str = "spaces";

    fn id(&self) -> RecordId {
        self.id
    }
}

/// One sealed answer in a space. The vault's key opens this record but not `sealed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: RecordId,
    pub person: RecordId,
    pub sealed: String,
}

impl Record for Item {
    const KIND: &'static str = "space_items";

    fn id(&self) -> RecordId {
        self.id
    }
}

/// A person's space lives under their profile id with every byte XOR `0x5A`.
pub fn space_id(person: RecordId) -> RecordId {
    let mut bytes = *person.as_bytes();
    bytes.iter_mut().for_each(|b| *b ^= 0x5A);
    RecordId::from_bytes(bytes)
}

pub fn find(vault: &Vault, person: RecordId) -> Result<Option<Space>> {
    Ok(vault.find(space_id(person))?)
}

fn items(vault: &Vault, person: RecordId) -> Result<Vec<Item>> {
    let mut items: Vec<Item> = vault
        .list::<Item>()?
        .into_iter()
        .filter(|i| i.person == person)
        .collect();
    items.sort_by_key(|i| i.id);
    Ok(items)
}

fn seen(items: &[Item]) -> Result<Vec<(RecordId, String)>> {
    items
        .iter()
        .map(|i| Ok((i.id, to_hex(&fingerprint(&sealed_bytes(i)?)))))
        .collect()
}

fn sealed_bytes(item: &Item) -> Result<Vec<u8>> {
    from_hex(&item.sealed).ok_or(Error::Vault(VaultError::Tampered))
}

fn guard_message(person: RecordId, seen: &[(RecordId, String)]) -> Vec<u8> {
    let mut m = person.as_bytes().to_vec();
    for (id, fp) in seen {
        m.extend_from_slice(id.as_bytes());
        m.extend_from_slice(fp.as_bytes());
    }
    m
}

fn guard(keys: &SpaceKeys, person: RecordId, seen: Vec<(RecordId, String)>) -> Guard {
    let tag = to_hex(&keys.mac(&guard_message(person, &seen)));
    Guard { seen, tag }
}

/// Makes `person`'s space with a lock made from their passphrase ([`SpaceLock::make`]).
/// Only for someone other than the device's owner, and only one each.
pub fn make(
    vault: &mut Vault,
    person: RecordId,
    lock: SpaceLock,
    keys: &SpaceKeys,
    now_ms: u64,
) -> Result<Space> {
    let profile: Profile = vault.get(person)?;
    if profile.is_me {
        return Err(Error::invalid(
            "Your own answers are kept in your vault already; a space is for the others who use Tend with you.",
        ));
    }
    if find(vault, person)?.is_some() {
        return Err(Error::invalid(format!(
            "{} has a space already.",
            profile.name
        )));
    }
    let space = Space {
        id: space_id(person),
        person,
        made_at_ms: now_ms,
        lock,
        guard: guard(keys, person, Vec::new()),
    };
    vault.save(&space)?;
    Ok(space)
}

/// Seals one answer into the space, as part of a larger write. The answer must be the
/// space's own person's (the callers build it from that person's answer).
pub fn put(w: &mut Writer<'_>, space: &Space, entry: &Entry) -> crate::vault::Result<()> {
    debug_assert_eq!(entry.person(), space.person);
    let id = RecordId::generate();
    let json =
        Zeroizing::new(serde_json::to_vec(entry).map_err(|e| VaultError::Storage(e.to_string()))?);
    let sealed = space.lock.seal(&space.person, &id, &json)?;
    w.save(&Item {
        id,
        person: space.person,
        sealed: to_hex(&sealed),
    })
}

/// A space as its person sees it after opening it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Something seen last time is gone or different, or an answer would not open.
    pub changed: bool,
}

/// Opens `person`'s space with its keys: every answer, and whether anything changed
/// since they last looked. What they see now becomes what the next opening checks.
pub fn read(vault: &mut Vault, person: RecordId, keys: &SpaceKeys) -> Result<Opened> {
    let mut space = find(vault, person)?.ok_or_else(no_space)?;
    let items = items(vault, person)?;
    let now_seen = seen(&items)?;
    let guard_ok = keys.mac_matches(
        &guard_message(person, &space.guard.seen),
        &from_hex(&space.guard.tag).unwrap_or_default(),
    );
    let mut changed = !guard_ok || space.guard.seen.iter().any(|old| !now_seen.contains(old));
    let mut entries = Vec::new();
    for item in &items {
        let opened = keys
            .open(&person, &item.id, &sealed_bytes(item)?)
            .ok()
            .and_then(|json| serde_json::from_slice::<Entry>(&json).ok())
            .filter(|e| e.person() == person);
        match opened {
            Some(e) => entries.push(e),
            None => changed = true,
        }
    }
    entries.sort_by_key(Entry::at_ms);
    space.guard = guard(keys, person, now_seen);
    vault.save(&space)?;
    Ok(Opened { entries, changed })
}

fn no_space() -> Error {
    Error::Unknown("There is no space for that person.".into())
}

/// The answers in `person`'s space, by id (for deleting them with something else).
pub fn item_ids(vault: &Vault, person: RecordId) -> Result<Vec<RecordId>> {
    Ok(items(vault, person)?.iter().map(|i| i.id).collect())
}

/// Deletes a space and its answers (`items`, from [`item_ids`]), as part of a larger write.
/// Nothing happens for a person without one.
pub fn remove_in(
    w: &mut Writer<'_>,
    person: RecordId,
    items: &[RecordId],
) -> crate::vault::Result<()> {
    for id in items {
        w.delete::<Item>(*id)?;
    }
    w.delete::<Space>(space_id(person))?;
    Ok(())
}

/// Deletes `person`'s space and everything in it, unopened.
pub fn delete(vault: &mut Vault, person: RecordId) -> Result<()> {
    find(vault, person)?.ok_or_else(no_space)?;
    let ids = item_ids(vault, person)?;
    vault.write(|w| remove_in(w, person, &ids))?;
    Ok(())
}

/// How many answers `person` has in their space (the owner may know that much).
pub fn count(vault: &Vault, person: RecordId) -> Result<usize> {
    Ok(items(vault, person)?.len())
}

// ---- Earlier private answers: sealed under the owner's key before spaces existed ----

/// The earlier private answers of `person` (not the owner): check-ins, private parts of
/// reflections, and follow-up answers the others could not see, still in the vault.
pub fn earlier(vault: &Vault, person: RecordId) -> Result<Vec<Entry>> {
    if crate::profile::me(vault)? == Some(person) {
        return Ok(Vec::new());
    }
    let sessions = vault.list::<Session>()?;
    let mut found = Vec::new();
    for s in &sessions {
        for c in &s.check_ins {
            if c.person == person && c.held.is_none() && !c.shared {
                found.push(Entry::CheckIn {
                    session: s.id,
                    entry: c.clone(),
                });
            }
        }
        for r in &s.reflections {
            if r.person == person && r.held.is_none() && has_private_part(r) {
                found.push(Entry::Reflection {
                    session: s.id,
                    reflection: r.clone(),
                });
            }
        }
    }
    for f in vault.list::<FollowUp>()? {
        let Some(s) = sessions.iter().find(|s| s.id == f.session) else {
            continue;
        };
        for a in &f.answers {
            if a.person == person && a.held.is_none() && !a.is_shared(s) {
                found.push(Entry::FollowUp {
                    follow_up: f.id,
                    session: s.id,
                    answer: a.clone(),
                });
            }
        }
    }
    Ok(found)
}

fn private_texts(r: &mut Reflection) -> [&mut Text; 4] {
    [
        &mut r.felt_good,
        &mut r.change,
        &mut r.appreciation,
        &mut r.uncomfortable_note,
    ]
}

fn has_private_part(r: &Reflection) -> bool {
    let mut r = r.clone();
    private_texts(&mut r)
        .iter()
        .any(|t| !t.shared && !t.text.is_empty())
        || (!r.uncomfortable_shared && r.uncomfortable.is_some())
}

/// `r` with its private parts taken out; what was shared stays.
fn shared_part(r: &Reflection) -> Reflection {
    let mut out = r.clone();
    for t in private_texts(&mut out) {
        if !t.shared {
            *t = Text::default();
        }
    }
    if !out.uncomfortable_shared {
        out.uncomfortable = None;
    }
    out
}

/// Takes `person`'s earlier private answers out of the owner's reach: sealed into their
/// space (`into`), or deleted unread (`None`), with a marker left in each place. One write.
pub fn settle_earlier(vault: &mut Vault, person: RecordId, into: Option<&Space>) -> Result<usize> {
    let found = earlier(vault, person)?;
    if found.is_empty() {
        return Ok(0);
    }
    let held = if into.is_some() {
        Held::Space
    } else {
        Held::Removed
    };
    let mut sessions: Vec<Session> = Vec::new();
    let mut follow_ups: Vec<FollowUp> = Vec::new();
    for e in &found {
        match e {
            Entry::CheckIn { session, entry } => {
                let s = session_in(vault, &mut sessions, *session)?;
                s.put_check_in(entry.marker(held));
            }
            Entry::Reflection {
                session,
                reflection,
            } => {
                let s = session_in(vault, &mut sessions, *session)?;
                let rest = shared_part(reflection);
                s.reflections.retain(|r| r.person != person);
                s.reflections.push(rest);
            }
            Entry::FollowUp {
                follow_up, answer, ..
            } => {
                if !follow_ups.iter().any(|f| f.id == *follow_up) {
                    follow_ups.push(vault.get(*follow_up)?);
                }
                let f = follow_ups
                    .iter_mut()
                    .find(|f| f.id == *follow_up)
                    .expect("just added");
                f.put_answer(answer.marker(held));
            }
        }
    }
    vault.write(|w| {
        if let Some(space) = into {
            found.iter().try_for_each(|e| put(w, space, e))?;
        }
        sessions.iter().try_for_each(|s| w.save(s))?;
        follow_ups.iter().try_for_each(|f| w.save(f))
    })?;
    Ok(found.len())
}

fn session_in<'a>(
    vault: &Vault,
    list: &'a mut Vec<Session>,
    id: RecordId,
) -> Result<&'a mut Session> {
    if !list.iter().any(|s| s.id == id) {
        list.push(vault.get(id)?);
    }
    Ok(list.iter_mut().find(|s| s.id == id).expect("just added"))
}

#[cfg(test)]
mod tests;
