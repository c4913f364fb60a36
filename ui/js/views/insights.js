// "What seems to help": the history in four small pictures, each with the same facts in
// words. Rust computes them from what the device's owner may see (their own answers and
// what others shared) and sends nothing when insights are hidden in settings. Counts and
// places only: no scores, no streaks, no "best session".
import { el, screen, showError } from '../dom.js';
import { CATEGORY, CONTEXT, personLabel } from '../labels.js';
import { bars, figure, plane } from '../widgets/pictures.js';

const day = (ms) => new Date(ms).toLocaleDateString([], { dateStyle: 'medium' });
const times = (n) => (n === 1 ? 'once' : `${n} times`);

/** Where a place on the feeling grid is, in words. */
export function placeWords(p) {
  const energy = p.energy > 0.5 ? 'more energy' : p.energy < -0.5 ? 'low energy' : 'some energy';
  const mood = p.pleasantness > 0.5 ? 'pleasant' : p.pleasantness < -0.5 ? 'unpleasant' : 'in between';
  return `${mood}, ${energy}`;
}

export async function mount(root, { api, app, signal }) {
  const body = el('div', { class: 'insights-body' });
  root.append(screen('insights', 'What seems to help',
    el('p', { class: 'lead', text: 'Patterns in your history on this device: your own answers, and what others chose to share.' }),
    body,
    el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Back to history', 'data-back': '', on: { click: () => app.show('history') } }))));
  try {
    const [insights, people] = await Promise.all([api.insights(), api.listProfiles()]);
    if (signal.aborted) return;
    if (!insights) {
      body.append(el('p', { text: 'Insights are hidden. You can show them again in Settings.' }));
      return;
    }
    // Inside a sentence: "you" for the device's owner, as on the owner's other screens.
    const name = (id) => { const p = people.find((q) => q.id === id); return !p ? 'someone' : p.isMe ? 'you' : personLabel(p); };
    body.append(sections(insights, name));
  } catch (error) {
    showError(body, error, () => app.show('insights'));
  }
}

/** The pictures for `insights`, or a plain note when there are too few sessions. */
export function sections(insights, name) {
  if (!insights.enough) {
    const n = insights.sessions;
    return el('p', { class: 'too-few', text: `With ${n === 0 ? 'no sessions' : n === 1 ? 'one session' : `${n} sessions`} so far there is not enough here to say what seems to help. After three or more, this page shows patterns, if there are any.` });
  }
  const parts = [rituals(insights.rituals, name), moves(insights.moves, name), nextDay(insights.nextDay, name), drop(insights.drop)]
    .filter(Boolean);
  return el('div', {},
    parts.length ? parts : el('p', { text: 'Nothing here has been rated or checked in on yet.' }),
    el('p', { class: 'fine', text: 'These are patterns in a few answers, not rules: what helps can change from one time to the next.' }));
}

/** The colours' key, in words (the lists say it all again without colour). */
function legend(lead, keys) {
  return el('p', { class: 'legend fine' }, lead ? `${lead} ` : null,
    keys.map(([kind, words]) => [el('span', { class: `key key-${kind}`, 'aria-hidden': 'true' }), ` ${words} `]));
}

function rituals(list, name) {
  if (!list.length) return null;
  const shown = list.slice(0, 10);
  return el('section', { class: 'insight' },
    el('h2', { text: 'How rituals landed' }),
    figure('How each ritual landed: helped, neutral, not for me',
      bars(shown.map((r) => ({ label: `${r.title} (${name(r.person)})`, parts: [[r.helped, 'helped'], [r.neutral, 'neutral'], [r.notForMe, 'not-for-me']] }))),
      shown.map((r) => `${r.title}, for ${name(r.person)}: helped ${r.helped}, neutral ${r.neutral}, not for me ${r.notForMe}; chosen ${times(r.tried)}.`)),
    legend(null, [['helped', 'helped'], ['neutral', 'neutral'], ['not-for-me', 'not for me']]));
}

function moves(list, name) {
  if (!list.length) return null;
  const shown = list.slice(-12);
  return el('section', { class: 'insight' },
    el('h2', { text: 'How feelings moved' }),
    figure('From the first check-in to the one after, on the feeling grid',
      plane(shown),
      shown.map((m) => `${day(m.startedAtMs)}, ${name(m.person)}: from ${placeWords(m.before)} to ${placeWords(m.after)}.`)));
}

function nextDay(list, name) {
  if (!list.length) return null;
  const shown = list.slice(-12);
  const most = Math.max(1, ...shown.map((n) => n.minutes));
  return el('section', { class: 'insight' },
    el('h2', { text: 'The next day' }),
    figure('How people felt the next day, beside how long the aftercare was',
      bars(shown.map((n) => ({ label: `${CONTEXT[n.context]}, ${n.minutes} min (${name(n.person)})`, parts: [[n.minutes / most, n.low ? 'low' : n.feeling && n.feeling.pleasantness > 0.5 ? 'pleasant' : 'middle']] }))),
      shown.map((n) => {
        const kinds = n.categories.map((c) => CATEGORY[c].toLowerCase()).join(', ');
        const felt = n.low ? 'felt low' : n.feeling ? `felt ${placeWords(n.feeling)}` : 'answered without feeling words';
        return `${CONTEXT[n.context]}, about ${n.minutes} minutes${kinds ? ` (${kinds})` : ''}: ${name(n.person)} ${felt} the next day.`;
      })),
    legend('Each bar is how long one session lasted; its colour is how the next day felt:',
      [['helped', 'pleasant'], ['neutral', 'in between or no words'], ['not-for-me', 'low']]));
}

function drop(list) {
  if (!list.length) return null;
  return el('section', { class: 'insight' },
    el('h2', { text: 'Drop after intense moments' }),
    figure('How many follow-up answers mentioned some drop, by day',
      bars(list.map((d) => ({ label: `After ${d.afterHours} hours`, parts: [[d.someDrop, 'drop'], [d.answered - d.someDrop, 'no-drop']] }))),
      list.map((d) => `After ${d.afterHours} hours: ${d.someDrop} of ${d.answered} answer${d.answered === 1 ? '' : 's'} mentioned some drop; ${d.low} felt low.`)),
    legend(null, [['not-for-me', 'some drop'], ['neutral', 'none']]),
    el('p', { class: 'fine', text: 'Drop can come a day or more later. If it does, Calm now and the follow-up check-ins are there.' }));
}
