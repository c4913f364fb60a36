// Versions, read from Rust so the screen shows what this build really speaks.
import { el, screen, showError } from '../dom.js';

const ROWS = [['app', 'App'], ['core', 'Core'], ['vaultFormat', 'Vault format'], ['schema', 'Database schema']];

export function mount(root, { api, app, signal }) {
  const loading = el('p', { class: 'loading', text: 'Reading versions…' });
  const list = el('dl', { class: 'versions', hidden: true },
    ROWS.map(([key, label]) => [el('dt', { text: label }), el('dd', { dataset: { field: key } })]));
  const section = screen('about', 'About Tend',
    el('p', { text: 'Everything stays on this device. These are the versions this copy speaks.' }),
    loading, list,
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Back', on: { click: () => app.refresh() } })));
  root.append(section);

  async function load() {
    loading.hidden = false;
    try {
      const versions = await api.about();
      if (signal.aborted) return;
      for (const [key] of ROWS) list.querySelector(`[data-field="${key}"]`).textContent = String(versions[key]);
      list.hidden = false;
    } catch (error) {
      showError(section, error, load);
    } finally {
      loading.hidden = true;
    }
  }
  return load();
}
