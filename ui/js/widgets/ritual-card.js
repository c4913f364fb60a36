// One ritual card, as the catalogue and the suggestions show it.
import { el } from '../dom.js';
import { CATEGORY, PATTERN, TALK, TOUCH } from '../labels.js';

function timerText(timer) {
  if (!timer) return null;
  return timer.kind === 'breathing'
    ? `${PATTERN[timer.pattern]}, ${timer.minutes} min`
    : `Timer, ${timer.minutes} min`;
}

/** An <article class="ritual-card">; `extra` nodes go at the end (buttons, reasons). */
export function ritualCard(card, ...extra) {
  const meta = [CATEGORY[card.category], `${card.minutes} min`, TOUCH[card.touch], TALK[card.talk]];
  return el('article', { class: 'ritual-card', dataset: { id: card.id, category: card.category } },
    el('h3', { text: card.title }),
    el('p', { class: 'card-meta', text: meta.join(' · ') }),
    el('p', { class: 'card-how', text: card.how }),
    el('p', { class: 'card-why', text: card.why }),
    card.items.length ? el('p', { class: 'card-items', text: `You need: ${card.items.join(', ')}` }) : null,
    timerText(card.timer) ? el('p', { class: 'card-timer', text: timerText(card.timer) }) : null,
    card.custom ? el('p', { class: 'card-tag', text: 'Your own card' }) : null,
    ...extra);
}
