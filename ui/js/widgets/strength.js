// Live passphrase strength from Rust's estimator, as the person types. Shows nothing of
// the passphrase itself; a newer keystroke's answer always wins.
import { el } from '../dom.js';

const LABELS = ['Too easy to guess', 'Weak', 'Fair', 'Strong', 'Very strong'];

/**
 * Strength feedback for `input`. Returns { node, state } where `node` is the feedback box
 * (give it `id` so the input can point at it) and `state.acceptable` the latest verdict.
 */
export function strengthFeedback(api, input, { id, meter = true, hint = '' } = {}) {
  const bar = el('span', { dataset: { field: 'bar' } });
  const label = el('p', { class: 'strength-label', dataset: { field: 'label' }, text: hint });
  const advice = el('ul', { class: 'advice', dataset: { field: 'advice' } });
  const node = el('div', { class: 'strength', id, 'aria-live': 'polite' },
    meter ? el('div', { class: 'meter', 'aria-hidden': 'true' }, bar) : null, label, advice);
  const state = { acceptable: false };
  let asked = 0;

  function render(verdict) {
    advice.replaceChildren();
    if (!verdict) {
      bar.style.width = '0';
      label.textContent = '';
      return;
    }
    bar.style.width = `${(verdict.score + 1) * 20}%`;
    bar.dataset.score = verdict.score;
    label.textContent = verdict.acceptable
      ? `${LABELS[verdict.score]}. Good to use.`
      : `${LABELS[verdict.score]}. Tend needs a stronger one.`;
    for (const line of [verdict.warning, ...verdict.suggestions].filter(Boolean)) {
      advice.append(el('li', { text: line }));
    }
  }

  input.addEventListener('input', async () => {
    const mine = ++asked;
    const value = input.value;
    if (!value) {
      state.acceptable = false;
      render(null);
      return;
    }
    try {
      const verdict = await api.assessPassphrase(value);
      if (mine !== asked) return;
      state.acceptable = verdict.acceptable;
      render(verdict);
    } catch (error) {
      if (mine === asked) render({ score: 0, acceptable: false, warning: error.message, suggestions: [] });
    }
  });
  return { node, state };
}
