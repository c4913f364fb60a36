// Suggestions without a session ("what might suit us?"): three cards with reasons;
// "another one" swaps a card for the next best, "not now" sets it aside. Rust chooses.
import { checkboxes, checked, el, field, screen, select, showError } from '../dom.js';
import { CONTEXT, pairs, personLabel } from '../labels.js';
import { drawRoles } from '../widgets/roles.js';
import { showSuggestions } from '../widgets/suggestions.js';

export async function mount(root, { api, app, signal }) {
  let people = [];
  try {
    people = await api.listProfiles();
  } catch (error) {
    showError(root, error, () => app.show('suggest'));
    return;
  }
  if (signal.aborted) return;
  const results = el('div', { class: 'suggestions' });
  const roles = el('div', { class: 'roles' });
  const form = el('form', { class: 'stack', novalidate: true },
    checkboxes('Who is here', 'people', people.map((p) => [p.id, personLabel(p)]),
      people.filter((p) => p.isMe).map((p) => p.id)),
    ...field('What kind of moment', select('context', pairs(CONTEXT), 'tender')),
    ...field('How intense (1 gentle, 5 very)', el('input', { name: 'intensity', type: 'range', min: 1, max: 5, value: 2 })),
    roles,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Suggest' })));
  root.append(screen('suggest', 'A few rituals',
    people.length ? form : el('p', { text: 'Add yourself under People first.' },
      el('button', { type: 'button', text: 'People', dataset: { nav: 'people' } })),
    results));

  function updateRoles() {
    const scene = form.elements.context.value === 'scene';
    drawRoles(roles, scene ? checked(form, 'people').map((id) => people.find((p) => p.id === id)) : []);
  }
  form.addEventListener('change', updateRoles);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const scene = f.context.value === 'scene';
    const ask = {
      people: checked(form, 'people').map((id) => ({ id, role: scene ? f[`role-${id}`]?.value || null : null })),
      context: f.context.value,
      intensity: Number(f.intensity.value),
    };
    const seed = Math.floor(Math.random() * 2 ** 31);
    await showSuggestions(results, (more) => api.suggest({ ...ask, seed, ...more }));
    results.scrollIntoView({ block: 'start' });
  });
}
