// Restoring an encrypted backup: the file's bytes go to Rust first (no secret with them),
// then the secrets. Rust checks everything before anything changes.
import { el, field, showError } from '../dom.js';
import { secretField } from './secret.js';

// A guard before a huge file is read into memory; Rust sets and enforces the real limit.
const LARGEST_READ = 128 * 1024 * 1024;

/**
 * A restore form. `replacing`: a vault exists, so its own secret is asked first (the
 * backup's defaults to the same). `onDone` runs after a successful restore.
 */
export function restoreForm(api, { replacing, onDone }) {
  const file = el('input', { name: 'file', type: 'file' });
  const current = replacing ? secretField('Your passphrase, for what Tend holds now', { name: 'current' }) : null;
  const backup = secretField('The backup\u2019s passphrase or recovery code', { name: 'backup', optional: replacing });
  const status = el('p', { class: 'field-note', role: 'status', dataset: { field: 'status' } });
  const submit = el('button', { type: 'submit', text: 'Restore' });
  const form = el('form', { class: 'stack restore', novalidate: true },
    ...field('Backup file', file),
    current ? current.nodes : null,
    backup.nodes,
    el('div', { class: 'actions' }, submit),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    status.textContent = '';
    const chosen = file.files[0];
    if (!chosen) {
      status.textContent = 'Choose a backup file first.';
      return;
    }
    if (chosen.size > LARGEST_READ) {
      status.textContent = 'That file is too large to be a Tend backup.';
      return;
    }
    submit.disabled = true;
    status.textContent = 'Checking the backup\u2026';
    try {
      const mine = current?.value() ?? null;
      const theirs = backup.value().value ? backup.value() : mine;
      if (!theirs?.value) throw new Error('Enter the backup\u2019s passphrase or recovery code.');
      await api.stageBackup(new Uint8Array(await chosen.arrayBuffer()));
      await api.importBackup(mine, theirs);
      form.reset();
      current?.clear();
      backup.clear();
      status.textContent = 'Restored. Tend now holds what the backup held.';
      await onDone?.();
    } catch (error) {
      status.textContent = '';
      showError(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
