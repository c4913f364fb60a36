// The words that answer someone who names something hard (scared, unsafe, hurt, ashamed…,
// words Rust flags as hard) or reports pain: in a check-in, a follow-up, a reflection. It
// does not ask anything. It says the person may stop, that what happened is not their
// fault, that what they share stays their choice, and it offers Calm now and "Care for
// your body" in place (a half-filled form keeps every answer). Inside a session it also
// offers the stop path.
import { el } from '../dom.js';
import { openInPlace as openBodyCare } from '../views/body-care.js';
import { openInPlace as openSupport } from '../views/support.js';

export const CARE_TEXT = 'Thank you for saying so. You can pause or stop here at any time. If something happened '
  + 'that did not feel OK, it was not your fault, and what you share about it, and with whom, stays your choice.';

/** Whether a check-in names something hard (by Rust's flags on the words) or pain. */
export function careful(value, words) {
  const hard = new Set(words.filter((w) => w.hard).map((w) => w.word));
  return value.feelings.some((w) => hard.has(w)) || (value.body ?? []).includes('pain');
}

/** A button that opens "Care for your body" in place of what `root` shows (kept aside). */
export function bodyCareButton(root, api, signal) {
  const button = el('button', { type: 'button', text: 'Care for your body',
    on: { click: () => openBodyCare(root, api, { opener: button, signal }) } });
  return button;
}

/** "Care for your body" and "Support", each opened in place of what `root` shows. */
export function careButtons(root, ctx) {
  const support = el('button', { type: 'button', text: 'Support',
    on: { click: () => openSupport(root, ctx, { opener: support }) } });
  return [bodyCareButton(root, ctx.api, ctx.signal), support];
}

/**
 * A hidden note for `root`'s form; `show(bool)` shows or hides it. `onStop`, when given,
 * adds "Something didn't feel OK" (the stop path of a session).
 */
export function careNote(root, api, { signal, onStop = null } = {}) {
  const body = bodyCareButton(root, api, signal);
  const node = el('div', { class: 'notice calm care-note', role: 'status', hidden: true },
    el('p', { text: CARE_TEXT }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Calm now', dataset: { action: 'calm-now' } }),
      body,
      onStop ? el('button', { type: 'button', text: 'Something didn\u2019t feel OK', on: { click: onStop } }) : null));
  return { node, show: (shown) => { node.hidden = !shown; } };
}
