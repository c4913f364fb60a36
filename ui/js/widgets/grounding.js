// The 5-4-3-2-1 grounding exercise, one calm step at a time: as a screen of its own
// (`grounding`, for follow-ups), or as a walk placed inside something else (`groundingWalk`,
// for the "Calm now" overlay). Both walk the same STEPS.
import { el, focusHeading, screen } from '../dom.js';

export const STEPS = [
  ['5', 'Name five things you can see around you.'],
  ['4', 'Notice four things you can touch, and how they feel.'],
  ['3', 'Listen for three sounds, near or far.'],
  ['2', 'Find two things you can smell, or two scents you like.'],
  ['1', 'Notice one thing you can taste, or take a sip of water.'],
];

/**
 * The walk without a screen around it: the number (seen, not read out), the prompt (read
 * out politely as it changes) and a Next button that says Done on the last step and then
 * calls `done`. The caller places the three elements.
 */
export function groundingWalk(done) {
  let i = 0;
  const count = el('p', { class: 'grounding-count', 'aria-hidden': 'true' });
  const text = el('p', { class: 'grounding-step', 'aria-live': 'polite' });
  const next = el('button', { type: 'button', class: 'primary', text: 'Next' });
  const draw = () => {
    count.textContent = STEPS[i][0];
    text.textContent = STEPS[i][1];
    next.textContent = i === STEPS.length - 1 ? 'Done' : 'Next';
  };
  next.addEventListener('click', () => { if (++i >= STEPS.length) done(); else draw(); });
  draw();
  return { count, text, next };
}

/** Walks through the steps in `root`, as a screen. Resolves when done or stopped. */
export function grounding(root) {
  return new Promise((resolve) => {
    const { count, text, next } = groundingWalk(resolve);
    root.replaceChildren(screen('grounding', 'Back to here and now',
      el('p', { class: 'fine', text: 'Go slowly. Breathe out a little longer than you breathe in.' }),
      count, text,
      el('div', { class: 'actions' }, next, el('button', { type: 'button', class: 'quiet', text: 'Stop', dataset: { back: '' }, on: { click: resolve } }))));
    focusHeading(root);
  });
}
