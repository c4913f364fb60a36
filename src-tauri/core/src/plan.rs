//! Aftercare plans: agreed ahead of a planned scene or date (who, which cards in what
//! order, anything to avoid), and offered first when a matching session starts.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::catalog::Context;
use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    pub id: RecordId,
    pub name: String,
    /// Profile ids of everyone the plan is for.
    pub people: Vec<RecordId>,
    /// The kind of moment it is for; any if none.
    pub context: Option<Context>,
    /// Cards in the agreed order.
    pub cards: Vec<String>,
    /// Cards never to suggest during this plan's sessions.
    pub avoid: Vec<String>,
    pub note: String,
}

impl Record for Plan {
    const KIND: &'static str = "plans";

    fn id(&self) -> RecordId {
        self.id
    }
}

impl Plan {
    /// Whether this plan is for exactly these people in this kind of moment.
    pub fn matches(&self, people: &[RecordId], context: Context) -> bool {
        let mine: HashSet<&RecordId> = self.people.iter().collect();
        let theirs: HashSet<&RecordId> = people.iter().collect();
        mine == theirs && self.context.is_none_or(|c| c == context)
    }
}

pub fn list(vault: &Vault) -> Result<Vec<Plan>> {
    let mut plans = vault.list::<Plan>()?;
    plans.sort_by_key(|p| p.name.to_lowercase());
    Ok(plans)
}

/// The plan agreed for exactly these people in this kind of moment, if there is one.
pub fn matching(vault: &Vault, people: &[RecordId], context: Context) -> Result<Option<Plan>> {
    Ok(list(vault)?
        .into_iter()
        .find(|p| p.matches(people, context)))
}

/// Creates (no id) or updates a plan; `plan.id` is set here. Names of people or cards that
/// do not exist are refused.
pub fn save(vault: &mut Vault, id: Option<RecordId>, mut plan: Plan) -> Result<Plan> {
    plan.id = vault.claim::<Plan>(id)?;
    let invalid = |m: String| Err(Error::Invalid(m));
    plan.name = plan.name.trim().to_owned();
    if plan.name.is_empty() || plan.name.chars().count() > 60 {
        return invalid("A plan needs a name of up to 60 characters.".into());
    }
    if plan.note.chars().count() > 1000 {
        return invalid("The note is up to 1,000 characters.".into());
    }
    if plan.people.is_empty() {
        return invalid("A plan is for at least one person.".into());
    }
    let people: HashSet<RecordId> = crate::profile::list(vault)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if let Some(missing) = plan.people.iter().find(|p| !people.contains(*p)) {
        return invalid(format!(
            "The plan names a person who is not in Tend ({missing})."
        ));
    }
    let custom = crate::catalog::custom_ids(vault)?;
    let known = |id: &String| crate::catalog::find_builtin(id).is_some() || custom.contains(id);
    if let Some(missing) = plan.cards.iter().chain(&plan.avoid).find(|c| !known(c)) {
        return invalid(format!(
            "The plan names a card that does not exist ({missing})."
        ));
    }
    if plan.cards.iter().any(|c| plan.avoid.contains(c)) {
        return invalid("A card cannot be both in the plan and avoided.".into());
    }
    if plan.cards.iter().collect::<HashSet<_>>().len() != plan.cards.len() {
        return invalid("Each card appears once in a plan.".into());
    }
    vault.save(&plan)?;
    Ok(plan)
}

pub fn delete(vault: &mut Vault, id: RecordId) -> Result<()> {
    Ok(vault.remove::<Plan>(id)?)
}
