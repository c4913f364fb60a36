// Home: one obvious "Aftercare now" and, beside it, "Something didn't feel OK"; check-ins that are due, a running timer or an open
// session to go back to, the last few sessions, and the rest.
import { el, screen } from '../dom.js';
import { kindOf } from '../labels.js';

const when = (ms) => new Date(ms).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export async function mount(root, { api, app, signal }) {
  const top = el('div', { class: 'home-now' });
  const due = el('ul', { class: 'home-due', 'aria-label': 'Check-ins ready', hidden: true });
  const recent = el('ul', { class: 'home-recent' });
  const recentBox = el('div', { hidden: true }, el('h2', { text: 'Recently' }), recent);
  const go = (name, text) => el('button', { type: 'button', text, dataset: { nav: name } });
  root.append(screen('home', 'Hello', top,
    el('button', { type: 'button', class: 'now-button', text: 'Aftercare now', dataset: { nav: 'now' } }),
    // The stop path: asks nothing, leads with Calm now (see now.js).
    el('button', { type: 'button', class: 'stop-path', text: 'Something didn\u2019t feel OK',
      on: { click: () => app.show('now', { stop: true }) } }),
    due, recentBox,
    el('nav', { class: 'home-grid', 'aria-label': 'More' },
      go('history', 'History'), go('people', 'People'), go('cards', 'Ritual cards'), go('plans', 'Plans'),
      go('suggest', 'Suggest a few rituals'), go('support', 'Support'), go('settings', 'Settings'))));
  const [open, timer, follow, past] = await Promise.all([
    api.openSession().catch(() => null),
    api.currentTimer().catch(() => null),
    api.dueFollowUps().catch(() => []),
    api.history().catch(() => []),
  ]);
  if (signal.aborted) return;
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
      text: `${when(s.startedAtMs)} · ${s.people.join(', ')} · ${kindOf(s)}`,
      on: { click: () => app.show('session', { id: s.id }) } })));
  }
  recentBox.hidden = !past.length;
}
