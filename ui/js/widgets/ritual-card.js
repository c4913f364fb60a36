// One ritual card, as the catalogue, the suggestions and the plan for now show it.
import { el } from '../dom.js';
import { CATEGORY, PATTERN, TALK, TOUCH } from '../labels.js';

function timerText(timer) {
  if (!timer) return null;
  return timer.kind === 'breathing'
    ? `${PATTERN[timer.pattern]}, ${timer.minutes} min`
    : `Timer, ${timer.minutes} min`;
}

/**
 * An <article class="ritual-card">; `extra` nodes go at the end (buttons, reasons).
 * Options (first argument after the card, if it is not a node): `heading` ('h2' or
 * 'h3', to follow the page's outline) and `compact` (how and why one tap away, so three
 * cards fit a phone screen).
 */
export function ritualCard(card, ...rest) {
  const options = rest[0] && !(rest[0] instanceof Node) ? rest.shift() : {};
  const { heading = 'h2', compact = false } = options;
  const meta = [CATEGORY[card.category], `${card.minutes} min`, TOUCH[card.touch], TALK[card.talk]];
  const details = [
    el('p', { class: 'card-how', text: card.how }),
    el('p', { class: 'card-why', text: card.why }),
    card.citations?.length ? el('p', { class: 'card-source fine', text: `Source: ${card.citations.join('; ')} (About lists them in full)` }) : null,
    card.items.length ? el('p', { class: 'card-items', text: `You need: ${card.items.join(', ')}` }) : null,
    timerText(card.timer) ? el('p', { class: 'card-timer', text: timerText(card.timer) }) : null,
  ];
  return el('article', { class: `ritual-card${compact ? ' compact' : ''}`, dataset: { id: card.id, category: card.category } },
    el(heading, { class: 'card-title', text: card.title }),
    el('p', { class: 'card-meta', text: meta.join(' · ') }),
    compact ? el('details', { class: 'card-details' }, el('summary', { text: 'How, and why it may help' }), details) : details,
    card.custom ? el('p', { class: 'card-tag', text: 'Your own card' }) : null,
    ...rest);
}
