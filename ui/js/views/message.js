// A full-screen message when the vault cannot be opened, saying what the person can do.
import { el, screen } from '../dom.js';

// What each kind of failure means for the person, by the code Rust gives.
const WORDS = {
  in_use: ['Tend is already open', null],
  damaged: ['Tend could not open its vault safely',
    'Nothing has been changed or deleted. If you saved an encrypted backup, you can restore it once Tend is set up again.'],
  newer_version: ['This vault needs a newer Tend', 'Nothing has been changed. Update Tend, then open it again.'],
};

export function mount(root, { app }, { error }) {
  const [title, advice] = WORDS[error?.code] ?? ['Tend could not open its vault', null];
  root.append(screen('message', title,
    el('p', { text: error?.message ?? '' }),
    advice ? el('p', { class: 'fine', text: advice }) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Try again', dataset: { action: 'retry' }, on: { click: () => app.refresh() } }))));
}
