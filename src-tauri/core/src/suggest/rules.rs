//! The hard rules: what must never be offered, whatever it would score.

use super::Request;
use crate::catalog::{Card, Context, Role, Touch};

/// Whether a card passes every hard rule for this request: it fits the moment and the time,
/// is not excluded or avoided by the plan, needs no partner when alone, fits a role in a
/// scene, crosses nobody's hard limit and touches nobody who asked for no touch or space.
pub fn allowed(card: &Card, req: &Request<'_>) -> bool {
    if !card.fits(req.context) || req.exclude.contains(&card.id) {
        return false;
    }
    if req.plan.is_some_and(|p| p.avoid.contains(&card.id)) {
        return false;
    }
    let solo = req.context == Context::Solo || req.people.len() < 2;
    if solo && card.needs_partner {
        return false;
    }
    if req.minutes_available.is_some_and(|m| card.minutes > m) {
        return false;
    }
    if req.context == Context::Scene {
        let roles: Vec<Role> = req.people.iter().filter_map(|p| p.role).collect();
        if !roles.is_empty() && !roles.iter().any(|r| card.roles.contains(r)) {
            return false;
        }
    }
    req.people.iter().all(|p| {
        !(p.profile.forbids(card) || (p.check_in.no_touch_now() && card.touch > Touch::None))
    })
}
