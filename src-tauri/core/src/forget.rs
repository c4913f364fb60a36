//! Deleting what other records point to. A person takes their feedback and their own
//! space (unopened) with them, a card
//! its place in favourites and limits, a session its follow-ups and timers: each in one
//! step, and each refused while a plan still names the person or the card.

use crate::catalog::{self, CustomCard};
use crate::followup::FollowUp;
use crate::plan::Plan;
use crate::profile::Profile;
use crate::session::Session;
use crate::timer::Timer;
use crate::vault::{RecordId, Vault};
use crate::{Error, Result};

/// Deletes a person, their feedback and their space (unopened); refused while a plan
/// names them.
pub fn person(vault: &mut Vault, id: RecordId) -> Result<()> {
    let profile = vault.get::<Profile>(id)?;
    if let Some(plan) = crate::plan::list(vault)?
        .iter()
        .find(|p| p.people.contains(&id))
    {
        return Err(Error::invalid(format!(
            "{} is part of the plan {:?}. Take them out of it first.",
            profile.name, plan.name
        )));
    }
    let space = crate::space::item_ids(vault, id)?;
    vault.write(|w| {
        w.remove::<Profile>(id)?;
        w.delete::<crate::feedback::Book>(crate::feedback::book_id(id))?;
        crate::space::remove_in(w, id, &space)
    })?;
    Ok(())
}

/// Deletes one of the person's own cards and takes it out of everyone's favourites and
/// limits; refused while a plan uses it.
pub fn card(vault: &mut Vault, card_id: &str) -> Result<()> {
    let rid = catalog::custom_record(card_id)
        .map_err(|_| Error::Unknown(format!("There is no card {card_id:?}.")))?;
    vault.get::<CustomCard>(rid)?;
    let plans = crate::plan::list(vault)?;
    if let Some(plan) = plans.iter().find(|p| names_card(p, card_id)) {
        return Err(Error::invalid(format!(
            "The plan {:?} uses this card. Take it out of the plan first.",
            plan.name
        )));
    }
    let mut touched = Vec::new();
    for mut p in crate::profile::list(vault)? {
        let before = p.favourites.len() + p.hard_limits.cards.len();
        p.favourites.retain(|c| c != card_id);
        p.hard_limits.cards.retain(|c| c != card_id);
        if p.favourites.len() + p.hard_limits.cards.len() != before {
            touched.push(p);
        }
    }
    vault.write(|w| {
        w.remove::<CustomCard>(rid)?;
        touched.iter().try_for_each(|p| w.save(p))
    })?;
    Ok(())
}

/// Deletes a session and everything attached to it (follow-ups, timers).
pub fn session(vault: &mut Vault, id: RecordId) -> Result<()> {
    vault.get::<Session>(id)?;
    let follow_ups: Vec<RecordId> = vault
        .list::<FollowUp>()?
        .into_iter()
        .filter(|f| f.session == id)
        .map(|f| f.id)
        .collect();
    let timers: Vec<RecordId> = vault
        .list::<Timer>()?
        .into_iter()
        .filter(|t| t.session == Some(id))
        .map(|t| t.id)
        .collect();
    vault.write(|w| {
        w.remove::<Session>(id)?;
        for f in &follow_ups {
            w.delete::<FollowUp>(*f)?;
        }
        for t in &timers {
            w.delete::<Timer>(*t)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn names_card(plan: &Plan, card_id: &str) -> bool {
    plan.cards.iter().chain(&plan.avoid).any(|c| c == card_id)
}
