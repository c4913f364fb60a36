// "My aftercare profile" as a card: one calm screen to show a partner what helps, what
// to leave out and what never to suggest, in large type. It reads the profile the screen
// before had, and writes nothing.
import { el, screen, showError } from '../dom.js';
import { CATEGORY, NEED, TOUCH, personLabel } from '../labels.js';

export const LEANING = {
  closeness: { '-2': 'Much more space', '-1': 'A bit more space', 0: 'Closeness or space, either', 1: 'A bit more closeness', 2: 'Much more closeness' },
  talk: { '-2': 'Much more quiet', '-1': 'A bit more quiet', 0: 'Talking or quiet, either', 1: 'A bit more talk', 2: 'Much more talk' },
};

let count = 0;

const row = (term, ...values) => {
  const shown = values.flat().filter(Boolean);
  return shown.length ? [el('dt', { text: term }), el('dd', { text: shown.join(', ') })] : [];
};

export async function mount(root, { api, app, signal }, { profile: p } = {}) {
  if (!p) return app.show('people');
  const body = el('div', { class: 'profile-card-body' });
  root.append(screen('profile-card', p.isMe ? 'My aftercare' : `${p.name}\u2019s aftercare`, body,
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Done', 'data-back': '', on: { click: () => app.show('profile', { profile: p }) } }))));
  let titles = [];
  try {
    titles = await api.listCards(null, null);
  } catch (error) {
    showError(body, error);
  }
  if (signal.aborted) return;
  body.append(...profileFacts(p, (id) => titles.find((c) => c.id === id)?.title ?? null,
    `Nothing is written down for ${p.isMe ? 'you' : personLabel(p)} yet. Edit the profile to add what helps.`));
}

/**
 * What a profile says, as the card shows it: "what helps me" in the person's words, how
 * they like it afterwards, and what never to suggest. `title` names a card by its id;
 * `empty` is said when there is nothing more than a name.
 */
export function profileFacts(p, title, empty) {
  const limits = p.hardLimits;
  const afterwards = [
    ...row('Afterwards', p.closeness === null ? null : LEANING.closeness[p.closeness]),
    ...row('Talking', p.talk === null ? null : LEANING.talk[p.talk]),
    ...row('Touch that is usually welcome', p.touchComfort && TOUCH[p.touchComfort]),
    ...row('Likes to have', p.needs.map((n) => NEED[n])),
    ...row('Favourite rituals', p.favourites.map(title)),
    ...row('Prefers', p.traumaSensitive && 'Calm, predictable rituals, no surprises'),
  ];
  const never = [
    ...row('Kinds of ritual', limits.categories.map((c) => CATEGORY[c])),
    ...row('Touch', limits.maxTouch && `No more than: ${TOUCH[limits.maxTouch].toLowerCase()}`),
    ...row('Anything that needs', limits.items),
    ...row('These rituals', limits.cards.map(title)),
  ];
  const neverId = `never-${++count}`;
  return [
    p.helps ? el('blockquote', { class: 'helps-me' }, el('p', { text: p.helps })) : null,
    afterwards.length ? el('dl', { class: 'card-facts' }, afterwards) : null,
    never.length ? el('section', { class: 'never', 'aria-labelledby': neverId },
      el('h2', { id: neverId, text: 'Never' }), el('dl', { class: 'card-facts' }, never)) : null,
    !p.helps && !afterwards.length && !never.length ? el('p', { text: empty }) : null,
  ].filter(Boolean);
}
