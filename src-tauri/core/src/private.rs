//! Where an answer goes, as the person who gives it chose:
//!
//! - *shared*: into the vault, for everyone in the session;
//! - *only me, kept*: into the vault for the device's owner (never shown to the others),
//!   into their own space for anyone else, where the owner's key cannot reach it;
//! - *only me, not kept*: into [`Memory`], under a key that never leaves memory, for this
//!   session's cards and screens; gone when the session or follow-up ends, or Tend locks.
//!
//! Whatever does not go into the vault leaves a marker there (`held`), which says only
//! that there was an answer. Private answers of every kind still steer the cards in the
//! moment: the session reads them from memory while it lasts.

use crate::checkin::{Held, Privacy};
use crate::followup::{self, FollowUp, NewAnswer};
use crate::session::{self, CheckInEntry, NewCheckIn, Reflection, Session};
use crate::space::{self, Entry, Space};
use crate::vault::space::MemoryKey;
use crate::vault::{RecordId, Vault};
use crate::{ask, Error, Result};

/// Answers held only in memory, sealed under a key made when Tend unlocks and dropped
/// when it locks. Each belongs to a session or a follow-up (its scope) and a slot (whose
/// answer to what), so answering again replaces it.
#[derive(Default)]
pub struct Memory {
    key: MemoryKey,
    held: Vec<(RecordId, String, Vec<u8>)>,
}

impl Memory {
    fn hold(&mut self, scope: RecordId, slot: String, entry: &Entry) -> Result<()> {
        let json = zeroize::Zeroizing::new(
            serde_json::to_vec(entry).map_err(|e| Error::invalid(e.to_string()))?,
        );
        let sealed = self.key.seal(&json);
        self.held.retain(|(s, k, _)| !(*s == scope && *k == slot));
        self.held.push((scope, slot, sealed));
        Ok(())
    }

    /// What this scope still holds, oldest first.
    pub fn entries(&self, scope: RecordId) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .held
            .iter()
            .filter(|(s, _, _)| *s == scope)
            .filter_map(|(_, _, sealed)| self.key.open(sealed).ok())
            .filter_map(|json| serde_json::from_slice(&json).ok())
            .collect();
        out.sort_by_key(Entry::at_ms);
        out
    }

    pub fn holds(&self, scope: RecordId) -> bool {
        self.held.iter().any(|(s, _, _)| *s == scope)
    }

    /// Forgets a scope's answers (the session or follow-up ended).
    pub fn forget(&mut self, scope: RecordId) {
        self.held.retain(|(s, _, _)| *s != scope);
    }

    /// Forgets everything, key included (Tend locked).
    pub fn clear(&mut self) {
        *self = Memory::default();
    }
}

/// Where one person's answer goes.
enum Route {
    Vault,
    Space(Box<Space>),
    Memory,
}

fn route(vault: &Vault, person: RecordId, privacy: Privacy) -> Result<Route> {
    let owner = crate::profile::me(vault)? == Some(person);
    Ok(match privacy {
        Privacy::Shared => Route::Vault,
        Privacy::Kept if owner => Route::Vault,
        Privacy::Kept => match space::find(vault, person)? {
            Some(space) => Route::Space(Box::new(space)),
            None => {
                return Err(Error::invalid(
                    "To keep this, make your own space first, or choose not to keep it.",
                ))
            }
        },
        Privacy::NotKept => Route::Memory,
    })
}

fn check_in_slot(entry: &CheckInEntry) -> String {
    format!("check-in {} {:?}", entry.person, entry.stage)
}

/// One person's check-in, kept where they chose. Returns the session as they may see it.
pub fn check_in(
    vault: &mut Vault,
    memory: &mut Memory,
    id: RecordId,
    new: NewCheckIn,
    now_ms: u64,
) -> Result<Session> {
    let privacy = new.privacy;
    let s = session::get(vault, id)?;
    s.live()?;
    let entry = s.entry(new, now_ms)?;
    let person = entry.person;
    let kept = Entry::CheckIn {
        session: id,
        entry: entry.clone(),
    };
    let s = match route(vault, person, privacy)? {
        Route::Vault => {
            memory.forget_slot(id, &check_in_slot(&entry));
            session::check_in(vault, id, entry)?
        }
        Route::Memory => {
            memory.hold(id, check_in_slot(&entry), &kept)?;
            session::check_in(vault, id, entry.marker(Held::Memory))?
        }
        Route::Space(space) => {
            // Sealed into the space for good, and held in memory for this session's cards.
            let mut s = s;
            s.put_check_in(entry.marker(Held::Space));
            vault.write(|w| {
                space::put(w, &space, &kept)?;
                w.save(&s)
            })?;
            memory.hold(id, check_in_slot(&entry), &kept)?;
            s
        }
    };
    Ok(s.view_for(Some(person)))
}

impl Memory {
    fn forget_slot(&mut self, scope: RecordId, slot: &str) {
        self.held.retain(|(s, k, _)| !(*s == scope && k == slot));
    }
}

/// The check-ins memory still holds for a session (kept in a space or not kept at all).
fn held_check_ins(memory: &Memory, id: RecordId) -> Vec<CheckInEntry> {
    memory
        .entries(id)
        .into_iter()
        .filter_map(|e| match e {
            Entry::CheckIn { entry, .. } => Some(entry),
            _ => None,
        })
        .collect()
}

/// Suggestions for a session, steered by every check-in it may still read: the vault's,
/// and those held in memory.
pub fn suggest(
    vault: &Vault,
    memory: &Memory,
    id: RecordId,
    more: session::More<'_>,
) -> Result<ask::Answer> {
    session::suggest(vault, id, &held_check_ins(memory, id), more)
}

/// One person's reflection, kept where they chose (one choice for all of it). Ratings of
/// the rituals feed their feedback in the vault whatever they chose: that is what shapes
/// the cards they are offered next.
pub fn reflect(
    vault: &mut Vault,
    memory: &mut Memory,
    id: RecordId,
    mut reflection: Reflection,
    privacy: Privacy,
    now_ms: u64,
) -> Result<()> {
    let s = session::get(vault, id)?;
    s.check_reflection(&reflection)?;
    reflection.share(privacy == Privacy::Shared);
    reflection.held = None;
    reflection.at_ms = now_ms;
    let slot = format!("reflection {}", reflection.person);
    let kept = Entry::Reflection {
        session: id,
        reflection: reflection.clone(),
    };
    match route(vault, reflection.person, privacy)? {
        Route::Vault => {
            memory.forget_slot(id, &slot);
            session::reflect(vault, id, reflection, now_ms)?;
        }
        Route::Memory => {
            memory.hold(id, slot, &kept)?;
            session::reflect(vault, id, reflection.marker(Held::Memory), now_ms)?;
        }
        Route::Space(space) => {
            session::reflect_with(vault, id, reflection.marker(Held::Space), now_ms, |w| {
                space::put(w, &space, &kept)
            })?;
        }
    }
    Ok(())
}

/// One person's answer to a follow-up, kept where they chose. Returns whether they are
/// low (said so, or their words lean that way), for the screen to offer grounding.
pub fn answer_follow_up(
    vault: &mut Vault,
    memory: &mut Memory,
    id: RecordId,
    new: NewAnswer,
    now_ms: u64,
) -> Result<bool> {
    let privacy = new.privacy;
    let (f, answer) = followup::prepare(vault, id, new, now_ms)?;
    let low = answer.low;
    let slot = format!("follow-up {}", answer.person);
    let kept = Entry::FollowUp {
        follow_up: id,
        session: f.session,
        answer: answer.clone(),
    };
    match route(vault, answer.person, privacy)? {
        Route::Vault => {
            memory.forget_slot(id, &slot);
            followup::answer(vault, f, answer)?;
        }
        Route::Memory => {
            memory.hold(id, slot, &kept)?;
            followup::answer(vault, f, answer.marker(Held::Memory))?;
        }
        Route::Space(space) => {
            let mut f: FollowUp = f;
            f.put_answer(answer.marker(Held::Space));
            vault.write(|w| {
                space::put(w, &space, &kept)?;
                w.save(&f)
            })?;
        }
    }
    Ok(low)
}

/// Ends a session and forgets what memory held for it.
pub fn end_session(
    vault: &mut Vault,
    memory: &mut Memory,
    id: RecordId,
    talk_tomorrow: bool,
    now_ms: u64,
) -> Result<(Session, Vec<FollowUp>)> {
    end_session_with(vault, memory, id, talk_tomorrow, &[], now_ms)
}

/// [`end_session`], with who chose to talk about it later.
pub fn end_session_with(
    vault: &mut Vault,
    memory: &mut Memory,
    id: RecordId,
    talk_tomorrow: bool,
    talk_later: &[RecordId],
    now_ms: u64,
) -> Result<(Session, Vec<FollowUp>)> {
    let ended = followup::end_session_with(vault, id, talk_tomorrow, talk_later, now_ms)?;
    memory.forget(id);
    Ok(ended)
}

/// Marks a follow-up done and forgets what memory held for it.
pub fn complete_follow_up(
    vault: &mut Vault,
    memory: &mut Memory,
    id: RecordId,
    now_ms: u64,
) -> Result<FollowUp> {
    let f = followup::complete(vault, id, now_ms)?;
    memory.forget(id);
    Ok(f)
}

/// Whether answers of this session that were not kept are gone already (Tend locked
/// since): the session goes on without them, and the screen says so.
pub fn forgotten(session: &Session, memory: &Memory) -> bool {
    let not_kept = session
        .check_ins
        .iter()
        .any(|c| c.held == Some(Held::Memory))
        || session
            .reflections
            .iter()
            .any(|r| r.held == Some(Held::Memory));
    not_kept && session.ended_at_ms.is_none() && !memory.holds(session.id)
}

#[cfg(test)]
mod tests;
