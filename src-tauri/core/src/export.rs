//! The readable copy the device's owner can write from Settings: what the owner may see,
//! and nothing more. Other people's private answers appear only as "… kept an answer
//! private"; people's own spaces only as how many answers they hold (their passphrase
//! alone opens them); how rituals landed for others is left out.

use serde_json::{json, Value};

use crate::catalog::{self, Card};
use crate::checkin::Text;
use crate::followup::{self, FollowUpAnswer};
use crate::profile::{self, Profile};
use crate::session::{CheckInEntry, Reflection, Session};
use crate::settings::Settings;
use crate::space;
use crate::timer::Timer;
use crate::vault::{RecordId, Vault, VaultError};
use crate::{feedback, plan, support, Result};

pub const ABOUT: &str = "A readable copy of what Tend keeps on this device, as its owner may see it. Answers other people kept private are not in it: where someone kept an answer private, this copy says so and nothing more. Answers in a person's own space open only with that person's passphrase, so this copy counts them and shows none. How rituals landed for other people is theirs and is left out.";

fn value<T: serde::Serialize>(v: &T) -> Result<Value> {
    Ok(serde_json::to_value(v).map_err(|e| VaultError::Storage(e.to_string()))?)
}

fn kept_private(name: &str) -> String {
    format!("{name} kept an answer private.")
}

fn text(t: &Text) -> Value {
    json!(t.text)
}

fn check_in(c: &CheckInEntry, name: &str) -> Result<Value> {
    let mut v = json!({ "person": c.person, "atMs": c.at_ms, "stage": c.stage });
    if c.withheld {
        v["private"] = json!(kept_private(name));
    } else {
        v["checkIn"] = value(&c.check_in)?;
        v["note"] = json!(c.note);
        v["shared"] = json!(c.shared);
    }
    Ok(v)
}

fn reflection(r: &Reflection, name: &str) -> Value {
    let mut v = json!({ "person": r.person, "atMs": r.at_ms });
    let mut private = false;
    for (key, t) in [
        ("feltGood", &r.felt_good),
        ("change", &r.change),
        ("uncomfortableNote", &r.uncomfortable_note),
        ("appreciation", &r.appreciation),
    ] {
        if t.withheld {
            private = true;
        } else if !t.text.is_empty() {
            v[key] = text(t);
        }
    }
    if let Some(u) = r.uncomfortable {
        v["uncomfortable"] = json!(u);
    }
    if !r.rituals.is_empty() {
        v["rituals"] = json!(r.rituals);
    }
    if private {
        v["private"] = json!(kept_private(name));
    }
    v
}

fn answer(a: &FollowUpAnswer, name: &str) -> Result<Value> {
    let mut v = json!({ "person": a.person, "atMs": a.at_ms });
    if a.withheld {
        v["private"] = json!(kept_private(name));
    } else {
        v["checkIn"] = value(&a.check_in)?;
        v["low"] = json!(a.low);
        if !a.need.withheld && !a.need.text.is_empty() {
            v["need"] = text(&a.need);
        }
    }
    Ok(v)
}

/// Everything the owner may see, as JSON.
pub fn readable(vault: &Vault) -> Result<Value> {
    let people: Vec<Profile> = profile::list(vault)?;
    let owner = profile::me(vault)?;
    let name = |id: RecordId| {
        people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "Someone".to_owned(), |p| p.name.clone())
    };
    let mut sessions = Vec::new();
    let mut follow_ups = Vec::new();
    let mut all: Vec<Session> = vault.list()?;
    all.sort_by_key(|s| s.started_at_ms);
    for stored in &all {
        let s = stored.view_for(owner);
        let mut v = json!({
            "id": s.id, "startedAtMs": s.started_at_ms, "endedAtMs": s.ended_at_ms,
            "people": s.people, "context": s.context, "intensity": s.intensity,
            "passDevice": s.pass_device, "plan": s.plan, "accepted": s.accepted,
            "declined": s.declined, "talkTomorrow": s.talk_tomorrow,
        });
        v["checkIns"] = s
            .check_ins
            .iter()
            .map(|c| check_in(c, &name(c.person)))
            .collect::<Result<Vec<_>>>()?
            .into();
        v["reflections"] = s
            .reflections
            .iter()
            .map(|r| reflection(r, &name(r.person)))
            .collect::<Vec<_>>()
            .into();
        sessions.push(v);
        for f in followup::for_session(vault, stored, owner)? {
            follow_ups.push(json!({
                "id": f.id, "session": f.session, "dueAtMs": f.due_at_ms,
                "afterHours": f.after_hours, "doneAtMs": f.done_at_ms,
                "answers": f.answers.iter().map(|a| answer(a, &name(a.person))).collect::<Result<Vec<_>>>()?,
            }));
        }
    }
    let spaces = people
        .iter()
        .filter_map(|p| match space::find(vault, p.id) {
            Ok(Some(_)) => Some(space::count(vault, p.id).map(|n| {
                json!({ "person": p.id, "name": p.name, "answers": n,
                        "note": format!("Sealed in {}'s own space; only their passphrase opens it.", p.name) })
            })),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<Vec<_>>>()?;
    let cards: Vec<Card> = catalog::custom(vault)?;
    let timers: Vec<Timer> = vault.list()?;
    let feedback = match owner {
        Some(me) => value(&feedback::book(vault, me)?)?,
        None => Value::Null,
    };
    Ok(json!({
        "format": "tend-readable-export",
        "version": 2,
        "about": ABOUT,
        "settings": value(&Settings::load(vault)?)?,
        "profiles": value(&people)?,
        "customCards": value(&cards)?,
        "plans": value(&plan::list(vault)?)?,
        "contacts": value(&support::contacts(vault)?)?,
        "myFeedback": feedback,
        "sessions": sessions,
        "followUps": follow_ups,
        "timers": value(&timers)?,
        "spaces": spaces,
    }))
}

#[cfg(test)]
mod tests;
