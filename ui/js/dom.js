// Tiny DOM helpers. Data goes in through textContent only, never as HTML.

/** A fresh copy of a <template>'s content. */
export function clone(id) {
  const tpl = document.getElementById(id);
  if (!tpl) throw new Error(`missing template #${id}`);
  return tpl.content.cloneNode(true);
}

/** The first match inside root, or an error naming what was missing. */
export function $(root, selector) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

/** Sets the text of each [data-field=key] inside root from data[key]. */
export function fill(root, data) {
  for (const el of root.querySelectorAll('[data-field]')) {
    const key = el.dataset.field;
    if (key in data) el.textContent = String(data[key]);
  }
}

/** Shows a readable error inside root; `retry` (optional) runs when asked. */
export function showError(root, error, retry) {
  const node = clone('tpl-error');
  const box = node.firstElementChild;
  fill(box, { message: error?.message || 'Something went wrong.' });
  const button = $(box, '[data-action="retry"]');
  if (retry) button.addEventListener('click', () => { box.remove(); retry(); });
  else button.remove();
  root.append(box);
  return box;
}
