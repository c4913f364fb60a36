// Tiny DOM helpers. Every screen builds its markup with `el()`; data goes in through
// textContent and attributes only, never as HTML.

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
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A screen: `<section class="screen NAME">` labelled by its `<h1 id="NAME-title">`. */
export function screen(name, title, ...children) {
  return el('section', { class: `screen ${name}`, 'aria-labelledby': `${name}-title` },
    el('h1', { id: `${name}-title`, text: title }), ...children);
}

/** Moves keyboard and screen-reader focus to the screen's heading. */
export function focusHeading(root) {
  const h = root.querySelector('h1');
  if (h) {
    h.tabIndex = -1;
    h.focus();
  }
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

/**
 * Shows a readable error inside root; `retry` (optional) runs when asked. A screen that
 * failed before drawing itself still gets a heading, so no screen is left without one.
 */
export function showError(root, error, retry) {
  const box = el('div', { class: 'notice error', role: 'alert' },
    el('p', { text: error?.message || 'Something went wrong.' }),
    retry ? el('button', { type: 'button', class: 'quiet', text: 'Try again',
      on: { click: () => { box.remove(); retry(); } } }) : null);
  const bare = !root.closest('.screen') && !root.querySelector('h1');
  root.append(bare ? screen('error', 'This could not be opened', box) : box);
  return box;
}

/**
 * Clears `root` for a page shown in place of what is there, which is kept aside untouched
 * (a half-filled form keeps every answer). Returns the way back: it puts everything back
 * as it was, scrolled where it was, with the focus on `opener`.
 */
export function setAside(root, opener) {
  const kept = [...root.childNodes];
  const scroll = root.scrollTop;
  root.replaceChildren();
  root.scrollTop = 0;
  return () => {
    root.replaceChildren(...kept);
    root.scrollTop = scroll;
    opener?.focus();
  };
}

/** Copies a field's text: the clipboard where the engine allows it, else the selection. */
export async function copyText(field) {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.select();
    try { return document.execCommand('copy'); } catch { return false; }
  }
}
