// First run: choose a passphrase, with feedback from Rust's estimator as it is typed.
import { el, screen, showError } from '../dom.js';
import { strengthFeedback } from '../widgets/strength.js';

const secretInput = (id, name) => el('input', { id, name, type: 'password', autocomplete: 'new-password',
  spellcheck: 'false', autocapitalize: 'off', required: true });

export function mount(root, { api, app }) {
  const pass = secretInput('create-pass', 'passphrase');
  pass.setAttribute('aria-describedby', 'create-strength');
  const confirm = secretInput('create-confirm', 'confirm');
  const strength = strengthFeedback(api, pass, { id: 'create-strength', hint: 'Type a passphrase to see how strong it is.' });
  const match = el('p', { class: 'field-note', 'aria-live': 'polite' });
  const busy = el('p', { class: 'fine', hidden: true, text: 'Setting up your vault… this takes a moment.' });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Create my vault', dataset: { action: 'create' } });
  const form = el('form', { class: 'stack', novalidate: true },
    el('label', { for: 'create-pass', text: 'Passphrase' }), pass, strength.node,
    el('label', { for: 'create-confirm', text: 'The same passphrase again' }), confirm, match,
    el('div', { class: 'actions' }, submit, el('button', { type: 'button', text: 'Back', dataset: { nav: 'welcome', back: '' } })),
    busy);
  root.append(screen('create', 'Choose a passphrase',
    el('p', { text: 'It locks everything Tend keeps. Several unrelated words are easy to remember and hard to guess. Tend cannot recover it for you, but you will get a recovery code next.' }),
    form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    if (pass.value !== confirm.value) {
      match.textContent = 'The two passphrases are not the same yet.';
      confirm.focus();
      return;
    }
    match.textContent = '';
    submit.disabled = true;
    busy.hidden = false;
    app.prepare();
    try {
      const recovery = await api.createVault(pass.value);
      pass.value = '';
      confirm.value = '';
      app.setUnlocked(true);
      app.show('recovery', { recovery });
    } catch (error) {
      showError(form, error);
      pass.focus();
    } finally {
      submit.disabled = false;
      busy.hidden = true;
    }
  });
}
