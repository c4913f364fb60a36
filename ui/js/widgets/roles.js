// Scene roles for the people here: none unless chosen, and what was chosen is kept when
// someone comes or goes or anything else on the form changes. The owner's menu says "Your role".
import { el, field, select } from '../dom.js';
import { ROLE, pairs } from '../labels.js';

/** Redraws one role menu per person in `people` ([{ id, name, isMe }]) inside `box`. */
export function drawRoles(box, people) {
  const chosen = Object.fromEntries([...box.querySelectorAll('select')].map((s) => [s.name, s.value]));
  box.replaceChildren(...people.map((p) => el('div', {},
    ...field(p.isMe ? 'Your role' : `${p.name}\u2019s role`,
      select(`role-${p.id}`, [['', 'No role'], ...pairs(ROLE)], chosen[`role-${p.id}`] ?? '')))));
}
