// Unlock with the passphrase, or the recovery code. Wrong tries say so; after several,
// the screen shows how long to wait (the core decides). Opening takes a moment (the key is
// stretched on purpose), so the screen says "Opening…" at once. A vault that cannot be
// opened safely offers to restore a backup.
import { el, screen, showError } from '../dom.js';

export function mount(root, { api, app, signal }, { status } = {}) {
  const label = el('label', { for: 'unlock-secret', text: 'Passphrase' });
  const input = el('input', { id: 'unlock-secret', name: 'secret', type: 'password', autocomplete: 'current-password',
    spellcheck: 'false', autocapitalize: 'off' });
  const wait = el('p', { class: 'field-note', 'aria-live': 'polite' });
  const opening = el('p', { class: 'busy', role: 'status', hidden: true, text: 'Opening\u2026' });
  const restore = el('button', { type: 'button', class: 'quiet', text: 'Restore a backup', hidden: true,
    on: { click: () => app.show('restore', { replacing: true }) } });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Unlock', dataset: { action: 'unlock' } });
  const switcher = el('button', { type: 'button', class: 'quiet', text: 'Use my recovery code instead', dataset: { action: 'switch' } });
  const form = el('form', { class: 'stack', novalidate: true, dataset: { mode: 'passphrase' } },
    label, input, wait, opening, el('div', { class: 'actions' }, submit, switcher, restore));
  root.append(screen('unlock', 'Welcome back', form));
  let timer = null;
  signal.addEventListener('abort', () => clearInterval(timer));

  function setMode(mode) {
    form.dataset.mode = mode;
    const recovery = mode === 'recovery';
    label.textContent = recovery ? 'Recovery code' : 'Passphrase';
    input.type = recovery ? 'text' : 'password';
    input.autocomplete = recovery ? 'off' : 'current-password';
    input.placeholder = recovery ? 'XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX' : '';
    switcher.textContent = recovery ? 'Use my passphrase instead' : 'Use my recovery code instead';
    input.value = '';
    input.focus();
  }

  function waitFor(ms) {
    clearInterval(timer);
    const until = Date.now() + ms;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(timer);
        submit.disabled = false;
        wait.textContent = '';
        return;
      }
      submit.disabled = true;
      wait.textContent = `Too many tries in a row. You can try again in ${left} s.`;
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  switcher.addEventListener('click', () => setMode(form.dataset.mode === 'recovery' ? 'passphrase' : 'recovery'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    const value = input.value;
    if (!value) {
      input.focus();
      return;
    }
    submit.disabled = true;
    opening.hidden = false;
    form.setAttribute('aria-busy', 'true');
    app.prepare();
    try {
      if (form.dataset.mode === 'recovery') await api.unlockWithRecoveryCode(value);
      else await api.unlockWithPassphrase(value);
      input.value = '';
      await app.refresh();
    } catch (error) {
      opening.hidden = true;
      form.removeAttribute('aria-busy');
      showError(form, error);
      restore.hidden = error.code !== 'damaged';
      input.select();
      const now = await api.vaultStatus().catch(() => null);
      if (now?.retryAfterMs > 0) waitFor(now.retryAfterMs);
    } finally {
      if (!wait.textContent) submit.disabled = false;
    }
  });

  if (status?.retryAfterMs > 0) waitFor(status.retryAfterMs);
  if (status && status.hasPassphrase === false) {
    setMode('recovery');
    form.prepend(el('p', { class: 'fine', text: 'Open Tend with your recovery code this time; then you choose a new passphrase.' }));
  }
  input.focus();
}
