// What "hide now" shows: a plain screen that says nothing about what Tend is for.
import { el, screen } from '../dom.js';

export function mount(root, { app }) {
  root.append(screen('neutral', 'Nothing new',
    el('p', { class: 'fine', text: 'All caught up.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'quiet', text: 'Continue', dataset: { action: 'continue' },
        on: { click: () => app.refresh() } }))));
}
