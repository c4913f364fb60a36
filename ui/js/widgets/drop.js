// The drop companion: what someone can do for themselves when a dip comes a day or two
// later, and a short message they can copy to send someone. Tend never sends it: the
// words are theirs to change, copy, or leave.
import { copyText as copy, el, focusHeading, screen } from '../dom.js';

const STEPS = [
  'Go gently with yourself today, at whatever pace suits you.',
  'Water, something to eat, and rest if you can.',
  'Something warm and familiar: a blanket, a shower, a favourite show.',
  'A little fresh air or an easy walk, if you feel like it.',
  'Company you find easy, or a message to someone you trust.',
];

export const MESSAGE = 'I\u2019m dropping a bit today. Could you check in with me?';

/** Shows the companion in `root`. Resolves when the person goes on. */
export function dropCompanion(root, name) {
  return new Promise((resolve) => {
    const message = el('textarea', { id: 'drop-message', name: 'message', rows: 3, maxlength: 500 });
    message.value = MESSAGE;
    const said = el('p', { class: 'fine', role: 'status' });
    const copyButton = el('button', { type: 'button', text: 'Copy the message', on: { click: async () => {
      said.textContent = (await copy(message)) ? 'Copied. Tend has sent nothing; it is yours to send, or not.'
        : 'It could not be copied here; select the words and copy them yourself.';
    } } });
    root.replaceChildren(screen('drop', name ? `Looking after a drop, ${name}` : 'Looking after a drop',
      el('p', { text: 'Thank you for saying so. Some care for yourself, and from others if you want it, is worth asking for.' }),
      el('ul', { class: 'drop-steps' }, STEPS.map((s) => el('li', { text: s }))),
      el('div', { class: 'stack' },
        el('label', { for: message.id, text: 'A message you could send someone (change it as you like)' }),
        message),
      el('div', { class: 'actions' }, copyButton),
      said,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', text: 'Continue', dataset: { back: '' }, on: { click: resolve } }),
        el('button', { type: 'button', class: 'quiet', text: 'Calm now', dataset: { action: 'calm-now' } }))));
    focusHeading(root);
  });
}
