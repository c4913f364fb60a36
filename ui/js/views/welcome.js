// The first thing a person sees: what Tend is, what it keeps, and that it stays offline.
import { el, screen } from '../dom.js';

export function mount(root) {
  root.append(screen('welcome', 'Welcome to Tend',
    el('p', { class: 'lead', text: 'A quiet companion for the time after intimacy, whether you are with partners or on your own.' }),
    el('ul', { class: 'facts' },
      el('li', { text: 'It asks how each of you feels, offers a few small rituals that suit you, and keeps time for cuddling or slow breathing.' }),
      el('li', { text: 'A day or two later it checks in again, because feelings can arrive late.' }),
      el('li', { text: 'What you write stays on this device, locked with a passphrase only you know.' }),
      el('li', {}, el('strong', { text: 'Tend never goes online.' }), ' No account, no cloud, no tracking.')),
    el('p', { class: 'fine', text: 'Tend is a companion, not therapy. Every step can be skipped.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Get started', dataset: { nav: 'create' } }),
      el('button', { type: 'button', class: 'quiet', text: 'Restore a backup', dataset: { nav: 'restore' } }))));
}
