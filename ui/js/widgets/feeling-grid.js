// "How are you feeling right now?": first the four corners of the energy × pleasantness
// grid (and the middle, for what is mixed or hard to name), then the words inside the one
// chosen, so a tired person reads five choices, not thirty-five. The words and their
// places come from Rust. Space / closeness / no touch follow. The corners, and the words of
// the one open, are each one Tab stop (a toolbar: arrows move inside), so a keyboard
// reaches Next without tabbing through every word.
import { el } from '../dom.js';

const BODY = [['pain', 'Pain'], ['cold', 'Cold'], ['thirsty', 'Thirsty'], ['hungry', 'Hungry'],
  ['bathroom', 'Needing the bathroom'], ['tired', 'Tired']];

const QUARTERS = [
  ['wound-up', 'Wound up', 'High energy, unpleasant', (f) => f.energy > 0 && f.pleasantness < 0],
  ['bright', 'Bright', 'High energy, pleasant', (f) => f.energy > 0 && f.pleasantness > 0],
  ['low', 'Low', 'Low energy, unpleasant', (f) => f.energy <= 0 && f.pleasantness < 0],
  ['soft', 'Soft, calm', 'Low energy, pleasant', (f) => f.energy <= 0 && f.pleasantness > 0],
  ['between', 'Mixed, or hard to say', 'Somewhere in between', (f) => f.pleasantness === 0],
];

/**
 * Makes the buttons in `bar` one Tab stop: arrows move between them (Up and Down by
 * `columns`, for a grid), Home and End go to the ends; Tab goes on to what follows.
 * The stop is the button last focused, or the first chosen one.
 */
function rove(bar, columns = 1) {
  const items = () => [...bar.querySelectorAll('button')];
  const stop = (target) => { for (const b of items()) b.tabIndex = b === target ? 0 : -1; };
  bar.addEventListener('focusin', (event) => { if (event.target.matches('button')) stop(event.target); });
  bar.addEventListener('keydown', (event) => {
    const list = items();
    const i = list.indexOf(event.target);
    const last = list.length - 1;
    const move = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    const j = move !== undefined ? Math.max(0, Math.min(last, i + move))
      : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (i < 0 || j === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    list[j].focus();
  });
  stop(items().find((b) => b.getAttribute('aria-pressed') === 'true') ?? items()[0]);
}

/**
 * A check-in form part. Returns { node, value() } where value() is
 * { feelings, need, noTouch, body } ready for Rust. `withNeeds` adds the toggles; `unsure`
 * (a button: the check-in's one-tap "I'm not sure") goes right after the corners, one Tab
 * on; `onChange(value)` hears each word or body part chosen or let go.
 */
export function feelingGrid(words, { withNeeds = true, chosen = [], unsure = null, onChange = null } = {}) {
  const picked = new Set(chosen);
  const summary = el('p', { class: 'fine feeling-chosen', 'aria-live': 'polite' });
  const say = () => {
    summary.textContent = picked.size ? `Chosen: ${[...picked].join(', ')}` : '';
  };
  const toggle = (word) => (event) => {
    if (picked.has(word)) picked.delete(word); else picked.add(word);
    event.currentTarget.setAttribute('aria-pressed', String(picked.has(word)));
    say();
    onChange?.(value());
  };
  const quarters = QUARTERS.map(([key, label, axis, test]) => {
    const inGroup = words.filter(test);
    return { key, label, axis, inGroup };
  }).filter((q) => q.inGroup.length);
  const groups = quarters.map((q) => el('div', { class: 'feeling-group', role: 'toolbar', 'aria-label': q.axis,
    hidden: true, dataset: { quadrant: q.key } },
  el('div', { class: 'feeling-words' }, q.inGroup.map((f) => el('button', {
    type: 'button', class: 'feeling', text: f.word, 'aria-pressed': String(picked.has(f.word)),
    dataset: { word: f.word }, on: { click: toggle(f.word) },
  })))));
  const open = (key) => {
    for (const g of groups) g.hidden = g.dataset.quadrant !== key;
    for (const b of corners.querySelectorAll('button')) b.setAttribute('aria-expanded', String(b.dataset.quadrant === key));
    groups.find((g) => !g.hidden)?.querySelector('button')?.focus();
  };
  const corners = el('div', { class: 'feeling-corners', role: 'toolbar', 'aria-label': 'Roughly how you feel' },
    quarters.map((q) => el('button', { type: 'button', class: 'feeling-corner', 'aria-expanded': 'false',
      dataset: { quadrant: q.key }, on: { click: () => open(q.key) } },
    el('span', { class: 'corner-label', text: q.label }),
    el('span', { class: 'corner-words', text: q.inGroup.slice(0, 3).map((f) => f.word).join(', ') }))));
  const need = el('div', { class: 'needs', role: 'radiogroup', 'aria-label': 'Right now I need' },
    ...[['', 'No particular need'], ['space', 'I need space'], ['closeness', 'I need closeness']].map(([v, label]) =>
      el('label', { class: 'check' }, el('input', { type: 'radio', name: 'need', value: v, checked: v === '' }), label)),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'no_touch' }), 'No touch right now'));
  // The body check, folded away: it steers practical care, and pain keeps touch away.
  const painNote = el('p', { class: 'fine', hidden: true, role: 'status',
    text: 'If pain is strong, sudden or does not ease, please get medical care.' });
  const body = el('details', { class: 'body-check' }, el('summary', { text: 'Your body (optional)' }),
    el('div', { class: 'checks', role: 'group', 'aria-label': 'In my body right now' },
      BODY.map(([v, label]) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'body', value: v,
          on: v === 'pain' ? { change: (event) => { painNote.hidden = !event.currentTarget.checked; } } : {} }),
        label))),
    painNote);
  const node = el('div', { class: 'feeling-grid' }, corners, unsure, groups, summary,
    withNeeds ? need : null, withNeeds ? body : null);
  rove(corners, 2); // laid out two by two, the middle below
  for (const g of groups) rove(g);
  say();
  body.addEventListener('change', () => onChange?.(value()));
  function value() {
    return {
      feelings: [...picked],
      need: node.querySelector('input[name="need"]:checked')?.value || null,
      noTouch: Boolean(node.querySelector('input[name="no_touch"]')?.checked),
      body: [...node.querySelectorAll('input[name="body"]:checked')].map((i) => i.value),
    };
  }
  return { node, value };
}
