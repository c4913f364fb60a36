// Restore a backup from outside Settings: on a new device (no vault yet), or over a vault
// that cannot be opened safely (its own passphrase is asked first).
import { el, screen } from '../dom.js';
import { restoreForm } from '../widgets/restore.js';

export function mount(root, { api, app }, { replacing = false } = {}) {
  root.append(screen('restore', 'Restore a backup',
    el('p', { text: replacing
      ? 'This replaces what Tend holds on this device with the backup. Nothing changes unless the backup checks out.'
      : 'Bring what you kept in Tend on another device. You need the backup file and its passphrase or recovery code.' }),
    restoreForm(api, { replacing, onDone: () => app.refresh() }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'quiet', text: 'Back', dataset: { back: '' }, on: { click: () => app.refresh() } }))));
}
