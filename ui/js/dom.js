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

/**
 * Builds an element: `el('button', { class: 'primary', text: 'Save', on: { click } })`.
 * Text goes in through textContent; attributes through setAttribute. Children may be
 * elements, strings (as text) or null (skipped).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'checked' || key === 'value' || key === 'selected') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let uid = 0;
/** A labelled control: returns [label, control] with the two tied by a fresh id. */
export function field(labelText, control) {
  control.id ||= `f${++uid}`;
  return [el('label', { for: control.id, text: labelText }), control];
}

/** A <select> from [value, label] pairs, with `current` selected. */
export function select(name, options, current) {
  return el('select', { name },
    options.map(([value, label]) => el('option', { value, text: label, selected: value === current })));
}

/** A group of checkboxes from [value, label] pairs; returns the fieldset. */
export function checkboxes(legend, name, options, chosen = []) {
  return el('fieldset', { class: 'checks' },
    el('legend', { text: legend }),
    options.map(([value, label]) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name, value, checked: chosen.includes(value) }), label)));
}

/** The values of the checked boxes named `name` inside root. */
export function checked(root, name) {
  return [...root.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}
