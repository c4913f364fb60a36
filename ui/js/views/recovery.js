// The recovery code, shown once, then confirmed by typing two of its groups back.
import { $, clone, fill, showError } from '../dom.js';

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

export async function mount(root, { api, app }, { recovery } = {}) {
  root.append(clone('tpl-recovery'));
  const section = $(root, 'section');
  let shown = recovery;
  if (!shown) {
    try {
      shown = await api.pendingRecoveryCode();
    } catch (error) {
      showError(section, error, () => app.refresh());
      return;
    }
  }
  const [a, b] = shown.confirmGroups;
  fill(section, {
    code: shown.code,
    label0: `The ${ORDINAL[a]} group`,
    label1: `The ${ORDINAL[b]} group`,
  });
  const form = $(section, 'form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    const answers = [form.g0.value, form.g1.value];
    try {
      await api.confirmRecoveryCode(answers);
      await app.refresh();
    } catch (error) {
      showError(form, error);
      form.g0.focus();
    }
  });
}
