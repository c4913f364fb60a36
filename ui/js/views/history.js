// The timeline of sessions. Rust withholds other people's private answers, so they never
// reach this screen.
import { el, screen, showError } from '../dom.js';
import { VERDICT, kindOf } from '../labels.js';

const day = (ms) => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export async function mount(root, { api, app, signal }) {
  const list = el('ul', { class: 'history-list' });
  const helps = el('p', { hidden: true }, el('button', { type: 'button', text: 'What seems to help',
    on: { click: () => app.show('insights') } }));
  root.append(screen('history', 'History', helps, list));
  try {
    const [sessions, settings] = await Promise.all([api.history(), api.getSettings()]);
    if (signal.aborted) return;
    // Hidden entirely when the person chose so in settings.
    helps.hidden = !settings.insights;
    if (!sessions.length) list.append(el('li', { class: 'fine', text: 'Nothing yet.' }));
    for (const s of sessions) {
      list.append(el('li', {}, el('button', { type: 'button', class: 'history-item',
        on: { click: () => app.show('session', { id: s.id }) } },
      el('span', { class: 'when', text: day(s.startedAtMs) }),
      el('span', { class: 'who', text: `${s.people.join(', ')} · ${kindOf(s)}` }),
      el('span', { class: 'fine', text: `${s.rituals} ritual${s.rituals === 1 ? '' : 's'}${s.endedAtMs ? '' : ' · still open'}` }))));
    }
  } catch (error) {
    showError(list, error, () => app.show('history'));
  }
}

const keptPrivate = (name) => `${name} kept an answer private.`;

function answer(label, t) {
  if (t.withheld || !t.text) return null;
  return el('p', {}, el('strong', { text: `${label}: ` }), t.text);
}

/** What became of one of your own answers that the vault does not hold. */
function heldNote(held) {
  if (held === 'space') return 'kept in your own space';
  if (held === 'memory') return 'not kept: it was only for that moment';
  return 'deleted unread';
}

export async function mountDetail(root, { api, app, signal }, { id } = {}) {
  try {
    const [people, titles] = await Promise.all([api.listProfiles(), api.listCards(null, null)]);
    const name = (pid) => people.find((p) => p.id === pid)?.name ?? 'Someone';
    const title = (cid) => titles.find((c) => c.id === cid)?.title ?? cid;
    // Rust decides who is looking (the device's owner) and withholds the rest.
    const [s, followUps] = await Promise.all([api.getSession(id), api.sessionFollowUps(id)]);
    if (signal.aborted) return;
    const followUpItems = followUps.map((f) => el('li', {},
      el('strong', { text: `After ${f.afterHours} hours: ` }),
      f.doneAtMs ? 'done' : `due ${day(f.dueAtMs)}`,
      f.answers.map((a) => el('div', { class: 'follow-up-answer' }, a.withheld
        ? el('span', { class: 'withheld', text: keptPrivate(name(a.person)) })
        : a.held ? `${name(a.person)}: ${heldNote(a.held)}`
        : [`${name(a.person)}: ${a.checkIn.feelings.join(', ') || 'no words chosen'}${a.low ? ' (feeling low)' : ''}`,
          a.need.text && !a.need.withheld ? ` \u2014 what would help: ${a.need.text}` : '']))));
    const checkIns = s.checkIns.map((c) => el('li', {},
      el('strong', { text: `${name(c.person)} (${c.stage === 'before' ? 'before' : 'after'}): ` }),
      c.withheld ? el('span', { class: 'withheld', text: keptPrivate(name(c.person)) })
        : c.held ? heldNote(c.held)
          : [c.checkIn.feelings.join(', ') || 'no words chosen', c.note ? ` \u2014 ${c.note}` : '']));
    const reflections = s.reflections.map((r) => {
      const withheld = [r.feltGood, r.change, r.uncomfortableNote, r.appreciation].some((t) => t.withheld);
      return el('article', { class: 'card reflection' },
        el('h3', { text: name(r.person) }),
        answer('What felt good', r.feltGood),
        answer('To change', r.change),
        r.uncomfortable === null ? null : el('p', { text: `Anything uncomfortable: ${r.uncomfortable ? 'yes' : 'no'}` }),
        answer('About it', r.uncomfortableNote),
        answer('Appreciation', r.appreciation),
        withheld ? el('p', { class: 'withheld', text: keptPrivate(name(r.person)) }) : null,
        r.held ? el('p', { class: 'fine', text: `Your reflection: ${heldNote(r.held)}.` }) : null,
        r.rituals.length ? el('p', { text: r.rituals.map(([c, v]) => `${title(c)}: ${VERDICT[v].toLowerCase()}`).join('; ') }) : null);
    });
    const confirmBox = el('div', { class: 'confirm', hidden: true },
      el('p', { text: 'Delete this session and everything attached to it? This cannot be undone.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'danger', text: 'Yes, delete it', on: { click: async () => {
          try { await api.deleteSession(id); app.show('history'); } catch (error) { showError(confirmBox, error); }
        } } }),
        el('button', { type: 'button', text: 'Keep it', on: { click: () => { confirmBox.hidden = true; } } })));
    root.append(screen('session-detail', day(s.startedAtMs),
      el('p', { text: `${s.people.map((p) => name(p.person)).join(', ')} · ${kindOf(s)} · intensity ${s.intensity}` }),
      el('p', { class: 'fine', text: 'What someone kept private stays with them.' }),
      el('h2', { text: 'Check-ins' }), el('ul', { class: 'check-ins' }, checkIns.length ? checkIns : el('li', { class: 'fine', text: 'None.' })),
      el('h2', { text: 'Rituals' }), el('ul', {}, s.accepted.length ? s.accepted.map((c) => el('li', { text: title(c) })) : el('li', { class: 'fine', text: 'None.' })),
      el('h2', { text: 'Reflections' }), reflections.length ? reflections : el('p', { class: 'fine', text: 'None yet.' }),
      el('h2', { text: 'Follow-up check-ins' }),
      el('ul', { class: 'session-follow-ups' }, followUpItems.length ? followUpItems : el('li', { class: 'fine', text: 'None.' })),
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Back', dataset: { back: '' }, on: { click: () => app.show('history') } }),
        el('button', { type: 'button', class: 'danger', text: 'Delete', on: { click: () => { confirmBox.hidden = false; } } })),
      confirmBox));
  } catch (error) {
    showError(root, error, () => app.show('history'));
  }
}
