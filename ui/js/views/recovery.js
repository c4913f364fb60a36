// The recovery code, shown once, then confirmed by typing two of its groups back.
import { el, screen, showError } from '../dom.js';

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

// Why this code is shown, by the reason Rust gives.
const WHY = {
  first_run: 'If you ever forget your passphrase, this code opens Tend instead. Write it down and keep it somewhere private. It is shown only now.',
  replaced: 'This is your new recovery code. Once you type two of its groups back, it replaces the old one, which then stops working. Write it down and keep it somewhere private.',
  upgraded: 'Tend has updated how it keeps your vault, and your recovery code had to change with it: the old one no longer opens Tend. Write this new one down and keep it somewhere private.',
};

export async function mount(root, { api, app, signal }, { recovery } = {}) {
  const why = el('p', { text: WHY.first_run });
  const section = screen('recovery', 'Your recovery code', why);
  root.append(section);
  let shown = recovery;
  if (!shown) {
    try {
      shown = await api.pendingRecoveryCode();
    } catch (error) {
      showError(section, error, () => app.refresh());
      return;
    }
    if (signal.aborted) return;
  }
  why.textContent = WHY[shown.reason] ?? WHY.first_run;
  const [a, b] = shown.confirmGroups;
  const group = (i, n) => el('input', { id: `recovery-g${i}`, name: `g${i}`, class: 'group-input', maxlength: 4,
    autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', 'aria-describedby': 'recovery-ask' });
  const g0 = group(0);
  const g1 = group(1);
  const form = el('form', { class: 'stack', novalidate: true },
    el('p', { id: 'recovery-ask', text: 'To be sure it is written down, type two of its groups.' }),
    el('label', { for: 'recovery-g0', dataset: { field: 'label0' }, text: `The ${ORDINAL[a]} group` }), g0,
    el('label', { for: 'recovery-g1', dataset: { field: 'label1' }, text: `The ${ORDINAL[b]} group` }), g1,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Confirm' })));
  section.append(el('p', { class: 'recovery-code', 'aria-label': 'Recovery code', text: shown.code }), form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    try {
      await api.confirmRecoveryCode([g0.value, g1.value]);
      // First run: an optional aftercare profile for the owner, before home.
      const people = await api.listProfiles().catch(() => null);
      if (people && !people.some((p) => p.isMe)) app.show('profile', { firstRun: true });
      else await app.refresh();
    } catch (error) {
      showError(form, error);
      g0.focus();
    }
  });
}
