// After opening Tend with the recovery code: a new passphrase, chosen right away.
import { el, screen, showError } from '../dom.js';
import { strengthFeedback } from '../widgets/strength.js';

export function mount(root, { api, app }) {
  const pass = el('input', { id: 'reset-pass', name: 'passphrase', type: 'password', autocomplete: 'new-password',
    spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'reset-strength' });
  const again = el('input', { id: 'reset-again', name: 'again', type: 'password', autocomplete: 'new-password',
    spellcheck: 'false', autocapitalize: 'off' });
  const strength = strengthFeedback(api, pass, { id: 'reset-strength' });
  const match = el('p', { class: 'field-note', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Use this passphrase' });
  const form = el('form', { class: 'stack', novalidate: true },
    el('label', { for: 'reset-pass', text: 'New passphrase' }), pass, strength.node,
    el('label', { for: 'reset-again', text: 'The same again' }), again, match,
    el('div', { class: 'actions' }, submit));
  root.append(screen('new-passphrase', 'Choose a new passphrase',
    el('p', { text: 'You opened Tend with your recovery code. Choose a passphrase for next time; your recovery code keeps working too.' }),
    form));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    if (pass.value !== again.value) {
      match.textContent = 'The two passphrases are not the same yet.';
      again.focus();
      return;
    }
    match.textContent = '';
    submit.disabled = true;
    submit.textContent = 'Setting it\u2026';
    try {
      await api.chooseNewPassphrase(pass.value);
      pass.value = '';
      again.value = '';
      await app.refresh();
    } catch (error) {
      showError(form, error);
      pass.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Use this passphrase';
    }
  });
  pass.focus();
}
