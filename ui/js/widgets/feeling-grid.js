// "How are you feeling right now?": feeling words on an energy × pleasantness grid
// (the words and their places come from Rust), plus space / closeness / no touch.
import { el } from '../dom.js';

const QUARTERS = [
  ['High energy, unpleasant', (f) => f.energy > 0 && f.pleasantness < 0],
  ['High energy, pleasant', (f) => f.energy > 0 && f.pleasantness > 0],
  ['Low energy, unpleasant', (f) => f.energy <= 0 && f.pleasantness < 0],
  ['Low energy, pleasant', (f) => f.energy <= 0 && f.pleasantness > 0],
  ['Somewhere in between', (f) => f.pleasantness === 0],
];

/**
 * A check-in form part. Returns { node, value() } where value() is
 * { feelings, need, noTouch } ready for Rust. `withNeeds` adds the toggles.
 */
export function feelingGrid(words, { withNeeds = true, chosen = [] } = {}) {
  const picked = new Set(chosen);
  const toggle = (word) => (event) => {
    if (picked.has(word)) picked.delete(word); else picked.add(word);
    event.currentTarget.setAttribute('aria-pressed', String(picked.has(word)));
  };
  const groups = QUARTERS.map(([title, test]) => {
    const inGroup = words.filter(test);
    if (!inGroup.length) return null;
    return el('div', { class: 'feeling-group', role: 'group', 'aria-label': title },
      el('p', { class: 'feeling-axis', text: title }),
      el('div', { class: 'feeling-words' }, inGroup.map((f) => el('button', {
        type: 'button', class: 'feeling', text: f.word, 'aria-pressed': String(picked.has(f.word)),
        dataset: { word: f.word }, on: { click: toggle(f.word) },
      }))));
  });
  const need = el('div', { class: 'needs', role: 'radiogroup', 'aria-label': 'Right now I need' },
    ...[['', 'No particular need'], ['space', 'I need space'], ['closeness', 'I need closeness']].map(([v, label]) =>
      el('label', { class: 'check' }, el('input', { type: 'radio', name: 'need', value: v, checked: v === '' }), label)),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'no_touch' }), 'No touch right now'));
  const node = el('div', { class: 'feeling-grid' }, groups, withNeeds ? need : null);
  return {
    node,
    value: () => ({
      feelings: [...picked],
      need: node.querySelector('input[name="need"]:checked')?.value || null,
      noTouch: Boolean(node.querySelector('input[name="no_touch"]')?.checked),
    }),
  };
}
