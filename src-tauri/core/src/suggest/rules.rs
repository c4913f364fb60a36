//! The hard rules: what must never be offered, whatever it would score.

use super::Request;
use crate::catalog::{Card, Context, Moment, Role, Touch};

/// Whether a card passes every hard rule for this request: it fits the moment and the time,
/// is not excluded or avoided by the plan, needs no partner when alone, fits a role in a
/// scene, crosses nobody's hard limit and touches nobody who asked for no touch or space.
/// After a stop it touches nobody unless someone asked for closeness, and a card written
/// for something that went wrong comes only when that is what happened.
pub fn allowed(card: &Card, req: &Request<'_>) -> bool {
    if !card.fits(req.context) || req.exclude.contains(&card.id) {
        return false;
    }
    if card.moment.is_some_and(|m| !named(m, req)) {
        return false;
    }
    if req.stop.is_some() && card.touch > Touch::None && !req.closeness_asked() {
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

/// Whether this moment is one the request is about: on the stop path, one the person named
/// (the stop itself when they named none); pain also when someone reports it now.
fn named(moment: Moment, req: &Request<'_>) -> bool {
    let pain_now = moment == Moment::Pain && req.people.iter().any(|p| p.check_in.in_pain());
    let said = req
        .stop
        .is_some_and(|said| said.contains(&moment) || (said.is_empty() && moment == Moment::Stop));
    said || pain_now
}
