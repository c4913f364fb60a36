// Versions, read from Rust so the screen shows what this build really speaks, and the
// sources of every finding a card reports, in full (authors, year, title, venue), with
// the address to look them up (as text: the app never goes online), and the way to the
// open-source licences.
import { el, screen, showError } from '../dom.js';

const ROWS = [['app', 'App'], ['core', 'Core'], ['vaultFormat', 'Vault format'], ['schema', 'Database schema']];

export function mount(root, { api, app, signal }) {
  const loading = el('p', { class: 'loading', text: 'Reading versions…' });
  const list = el('dl', { class: 'versions', hidden: true },
    ROWS.map(([key, label]) => [el('dt', { text: label }), el('dd', { dataset: { field: key } })]));
  const sources = el('ol', { class: 'sources' });
  const section = screen('about', 'About Tend',
    el('p', { text: 'Everything stays on this device. These are the versions this copy speaks.' }),
    loading, list,
    el('h2', { text: 'Sources' }),
    el('p', { class: 'fine', text: 'Where a card reports what a study found, it names one of these. The rest of what Tend says is plain advice.' }),
    sources,
    el('h2', { text: 'Licences' }),
    el('p', { class: 'fine', text: 'Tend is free software under the MIT licence or the Apache License 2.0. It is built on open-source crates, whose licences travel with it.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Back', dataset: { back: '' }, on: { click: () => app.refresh() } }),
      // A page of its own (ui/licenses.html, written by scripts/licenses.sh), with a link back.
      el('a', { class: 'button', href: 'licenses.html', text: 'Open-source licences' })));
  root.append(section);
  api.sources().then((all) => {
    if (signal.aborted) return;
    sources.replaceChildren(...all.map((s) => el('li', { class: 'source', dataset: { source: s.id } },
      el('p', { class: 'source-ref' }, `${s.authors} ${s.year ? `(${s.year})` : '(undated)'}. `,
        el('cite', { text: s.title }), `. ${s.venue}.`),
      el('p', { class: 'fine', text: s.finding }),
      el('p', { class: 'care-url fine', text: s.link }))));
  }).catch((error) => { if (!signal.aborted) showError(sources, error); });

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
