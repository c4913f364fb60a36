// Home: one obvious "Aftercare now", check-ins that are due, a running timer or an open
// session to go back to, the last few sessions, and the rest.
import { clone, el } from '../dom.js';
import { CONTEXT } from '../labels.js';

const when = (ms) => new Date(ms).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export async function mount(root, { api, app }) {
  root.append(clone('tpl-home'));
  const top = root.querySelector('.home-now');
  const due = root.querySelector('.home-due');
  const recent = root.querySelector('.home-recent');
  const [open, timer, follow, past] = await Promise.all([
    api.openSession().catch(() => null),
    api.currentTimer().catch(() => null),
    api.dueFollowUps().catch(() => []),
    api.history().catch(() => []),
  ]);
  if (timer) {
    top.append(el('button', { type: 'button', class: 'banner', text: `A timer is running: ${timer.label || 'timer'}`,
      on: { click: () => app.show('timer', { id: timer.id }) } }));
  }
  if (open) {
    top.append(el('button', { type: 'button', class: 'banner', text: 'Continue where you left off',
      on: { click: () => app.show('now', { session: open }) } }));
  }
  for (const d of follow) {
    due.append(el('li', {}, el('button', { type: 'button', class: 'banner due',
      text: `A gentle check-in is ready (${d.people.map(([, n]) => n).join(', ')})`,
      on: { click: () => app.show('followup', { due: d }) } })));
  }
  due.hidden = !follow.length;
  for (const s of past.slice(0, 3)) {
    recent.append(el('li', {}, el('button', { type: 'button', class: 'history-item',
      text: `${when(s.startedAtMs)} · ${s.people.join(', ')} · ${CONTEXT[s.context]}`,
      on: { click: () => app.show('session', { id: s.id }) } })));
  }
  recent.parentElement.hidden = !past.length;
}
