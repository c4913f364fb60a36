// Suggestions without a session ("what might suit us?"): three cards with reasons;
// "another one" swaps a card for the next best, "not now" sets it aside. Rust chooses.
import { checkboxes, checked, el, field, select, showError } from '../dom.js';
import { CONTEXT, ROLE, pairs } from '../labels.js';
import { ritualCard } from './cardview.js';

/**
 * Shows suggested cards in `box` with their reasons. `fetch({ exclude, shownCategories,
 * count })` asks Rust for cards; "another one" swaps a card for the next best and
 * "not now" sets it aside. Optional `onAccept(card)` / `onDecline(card)` are told.
 */
export async function showSuggestions(box, fetch, { onAccept, onDecline } = {}) {
  const setAside = [];
  let current = [];
  box.replaceChildren();
  const plan = el('p', { class: 'plan-note', hidden: true });
  const list = el('div', { class: 'card-list', 'aria-live': 'polite' });
  box.append(plan, list);

  function draw() {
    list.replaceChildren(...current.map((s, i) => ritualCard(s.card,
      el('p', { class: 'reason', text: s.reason }),
      el('div', { class: 'actions' },
        onAccept ? el('button', { type: 'button', class: 'primary', text: 'I\u2019ll do this', on: { click: () => accept(i) } }) : null,
        el('button', { type: 'button', text: 'Another one', on: { click: () => swap(i, true) } }),
        el('button', { type: 'button', class: 'quiet', text: 'Not now', on: { click: () => swap(i, false) } })))));
    if (!current.length) list.append(el('p', { class: 'fine', text: 'Nothing more fits right now. That is fine too.' }));
  }

  async function accept(i) {
    box.querySelector('.notice')?.remove();
    try {
      await onAccept(current[i].card);
      current.splice(i, 1);
      draw();
    } catch (error) {
      showError(box, error);
    }
  }

  async function swap(i, replace) {
    box.querySelector('.notice')?.remove();
    const card = current[i].card;
    setAside.push(card.id);
    const shown = current.filter((_, j) => j !== i);
    try {
      if (!replace && onDecline) await onDecline(card);
      const next = replace ? (await fetch({
        exclude: [...setAside, ...shown.map((s) => s.card.id)],
        shownCategories: shown.map((s) => s.card.category),
        count: 1,
      })).suggestions : [];
      current = [...shown.slice(0, i), ...next, ...shown.slice(i)];
      draw();
    } catch (error) {
      showError(box, error);
    }
  }

  try {
    const answer = await fetch({ exclude: [], shownCategories: [], count: 3 });
    current = answer.suggestions;
    plan.textContent = answer.plan ? `Your plan \u201c${answer.plan.name}\u201d comes first.` : '';
    plan.hidden = !answer.plan;
    draw();
  } catch (error) {
    showError(box, error);
  }
}

export async function mount(root, { api, app }) {
  let people = [];
  try {
    people = await api.listProfiles();
  } catch (error) {
    showError(root, error, () => app.show('suggest'));
    return;
  }
  const results = el('div', { class: 'suggestions' });
  const roles = el('div', { class: 'roles' });
  const form = el('form', { class: 'stack', novalidate: true },
    checkboxes('Who is here', 'people', people.map((p) => [p.id, p.is_me ? `${p.name} (me)` : p.name]),
      people.filter((p) => p.is_me).map((p) => p.id)),
    ...field('What kind of moment', select('context', pairs(CONTEXT), 'tender')),
    ...field('How intense (1 gentle, 5 very)', el('input', { name: 'intensity', type: 'range', min: 1, max: 5, value: 2 })),
    roles,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Suggest' })));
  root.append(el('section', { class: 'screen suggest', 'aria-labelledby': 'suggest-title' },
    el('h1', { id: 'suggest-title', text: 'A few rituals' }),
    people.length ? form : el('p', { text: 'Add yourself under People first.' },
      el('button', { type: 'button', text: 'People', dataset: { nav: 'people' } })),
    results));

  function drawRoles() {
    const scene = form.elements.context.value === 'scene';
    roles.replaceChildren(...(scene ? checked(form, 'people').map((id) => {
      const p = people.find((x) => x.id === id);
      return el('div', {}, ...field(`${p.name}'s role`, select(`role-${id}`, pairs(ROLE), 'bottom')));
    }) : []));
  }
  form.addEventListener('change', drawRoles);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const scene = f.context.value === 'scene';
    const ask = {
      people: checked(form, 'people').map((id) => ({ id, role: scene ? f[`role-${id}`]?.value ?? null : null })),
      context: f.context.value,
      intensity: Number(f.intensity.value),
    };
    const seed = Math.floor(Math.random() * 2 ** 31);
    await showSuggestions(results, (more) => api.suggest({ ...ask, seed, ...more }));
    results.scrollIntoView({ block: 'start' });
  });
}
