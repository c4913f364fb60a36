// Versions, read from Rust so the screen shows what this build really speaks.
import { $, clone, fill, showError } from '../dom.js';

export function mount(root, { api }) {
  root.append(clone('tpl-about'));
  const loading = $(root, '[data-field="loading"]');
  const list = $(root, '.versions');

  async function load() {
    loading.hidden = false;
    try {
      const versions = await api.about();
      fill(list, versions);
      list.hidden = false;
    } catch (error) {
      showError(loading.parentElement, error, load);
    } finally {
      loading.hidden = true;
    }
  }
  return load();
}
