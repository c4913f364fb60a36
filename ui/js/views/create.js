// First run: choose a passphrase, with feedback from Rust's estimator as it is typed.
import { $, clone, showError } from '../dom.js';

const LABELS = ['Too easy to guess', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** Live strength feedback for `input`, written into `box`. Returns the latest verdict. */
export function strengthFeedback(api, input, box) {
  const state = { acceptable: false };
  let asked = 0;
  input.addEventListener('input', async () => {
    const mine = ++asked;
    const value = input.value;
    if (!value) {
      state.acceptable = false;
      render(box, null);
      return;
    }
    try {
      const verdict = await api.assessPassphrase(value);
      if (mine !== asked) return; // a newer keystroke won
      state.acceptable = verdict.acceptable;
      render(box, verdict);
    } catch (error) {
      if (mine === asked) render(box, { score: 0, acceptable: false, warning: error.message, suggestions: [] });
    }
  });
  return state;
}

function render(box, verdict) {
  const bar = box.querySelector('[data-field="bar"]');
  const label = box.querySelector('[data-field="label"]');
  const advice = box.querySelector('[data-field="advice"]');
  advice?.replaceChildren();
  if (!verdict) {
    if (bar) bar.style.width = '0';
    label.textContent = '';
    return;
  }
  if (bar) {
    bar.style.width = `${(verdict.score + 1) * 20}%`;
    bar.dataset.score = verdict.score;
  }
  label.textContent = verdict.acceptable
    ? `${LABELS[verdict.score]}. Good to use.`
    : `${LABELS[verdict.score]}. Tend needs a stronger one.`;
  for (const line of [verdict.warning, ...verdict.suggestions].filter(Boolean)) {
    const li = document.createElement('li');
    li.textContent = line;
    advice?.append(li);
  }
}

export function mount(root, { api, app }) {
  root.append(clone('tpl-create'));
  const form = $(root, 'form');
  const pass = $(form, '[name="passphrase"]');
  const confirm = $(form, '[name="confirm"]');
  const match = $(form, '[data-field="match"]');
  const busy = $(form, '[data-field="busy"]');
  const submit = $(form, '[data-action="create"]');
  strengthFeedback(api, pass, $(form, '.strength'));

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
