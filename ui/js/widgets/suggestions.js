// Suggested cards with their reasons: "another one" swaps a card for the next best, "not
// now" sets it aside. Rust chooses; this only shows and asks.
import { el, showError } from '../dom.js';
import { ritualCard } from './ritual-card.js';

/**
 * Shows suggested cards in `box` with their reasons. `fetch({ exclude, shownCategories,
 * count })` asks Rust for cards. Optional `onAccept(card)` / `onDecline(card)` are told.
 */
export async function showSuggestions(box, fetch, { onAccept, onDecline } = {}) {
  const setAside = [];
  let current = [];
  box.replaceChildren();
  const plan = el('p', { class: 'plan-note', hidden: true });
  const list = el('div', { class: 'card-list', 'aria-live': 'polite' });
  box.append(plan, list);

  /** Draws the cards; `focusAt` puts the keyboard on that card's first button. */
  function draw(focusAt = null) {
    list.replaceChildren(...current.map((s, i) => ritualCard(s.card, { compact: true },
      el('p', { class: 'reason', text: s.reason }),
      el('div', { class: 'actions' },
        onAccept ? el('button', { type: 'button', class: 'primary', text: 'I\u2019ll do this', on: { click: () => accept(i) } }) : null,
        el('button', { type: 'button', text: 'Another one', on: { click: () => swap(i, true) } }),
        el('button', { type: 'button', class: 'quiet', text: 'Not now', on: { click: () => swap(i, false) } })))));
    if (!current.length) list.append(el('p', { class: 'fine', text: 'Nothing more fits right now. That is fine too.' }));
    if (focusAt !== null) {
      const card = list.querySelectorAll('.ritual-card')[Math.min(focusAt, current.length - 1)];
      (card?.querySelector('button') ?? box.querySelector('h2, h1'))?.focus();
    }
  }

  async function accept(i) {
    box.querySelector('.notice')?.remove();
    try {
      await onAccept(current[i].card);
      current.splice(i, 1);
      draw();
    } catch (error) {
      showError(box, error);
    }
  }

  async function swap(i, replace) {
    box.querySelector('.notice')?.remove();
    const card = current[i].card;
    setAside.push(card.id);
    const shown = current.filter((_, j) => j !== i);
    try {
      if (!replace && onDecline) await onDecline(card);
      const next = replace ? (await fetch({
        exclude: [...setAside, ...shown.map((s) => s.card.id)],
        shownCategories: shown.map((s) => s.card.category),
        count: 1,
      })).suggestions : [];
      current = [...shown.slice(0, i), ...next, ...shown.slice(i)];
      draw(i);
    } catch (error) {
      showError(box, error);
    }
  }

  try {
    const answer = await fetch({ exclude: [], shownCategories: [], count: 3 });
    current = answer.suggestions;
    plan.textContent = answer.plan ? `Your plan \u201c${answer.plan.name}\u201d comes first.` : '';
    plan.hidden = !answer.plan;
    draw();
  } catch (error) {
    showError(box, error);
  }
}
