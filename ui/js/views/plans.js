// Aftercare plans: agreed ahead (who, which cards in what order, what to avoid), offered
// first when a matching session starts.
import { checkboxes, checked, el, field, screen, select, showError } from '../dom.js';
import { CONTEXT, pairs, personLabel } from '../labels.js';

export async function mount(root, { api, app, signal }) {
  const list = el('ul', { class: 'plan-list' });
  root.append(screen('plans', 'Plans',
    el('p', { text: 'Agree on aftercare before a planned scene or date. When a matching session starts, the plan comes first.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Make a plan', on: { click: () => app.show('plan') } })),
    list));
  try {
    const plans = await api.listPlans();
    if (signal.aborted) return;
    if (!plans.length) list.append(el('li', { class: 'fine', text: 'No plans yet.' }));
    for (const plan of plans) {
      list.append(el('li', {}, el('button', { type: 'button', text: plan.name,
        on: { click: () => app.show('plan', { plan }) } })));
    }
  } catch (error) {
    showError(list, error, () => app.show('plans'));
  }
}

export async function mountEdit(root, { api, app, signal }, { plan } = {}) {
  const p = plan ?? { id: null, name: '', people: [], context: null, cards: [], avoid: [], note: '' };
  let people = [];
  let cards = [];
  try {
    [people, cards] = await Promise.all([api.listProfiles(), api.listCards(null, null)]);
  } catch (error) {
    showError(root, error, () => app.show('plan', { plan }));
    return;
  }
  if (signal.aborted) return;
  const title = (id) => cards.find((c) => c.id === id)?.title ?? id;
  const order = [...p.cards];
  const ordered = el('ol', { class: 'plan-order' });
  const picker = select('add_card', [['', 'Choose a card…'], ...cards.map((c) => [c.id, c.title])], '');
  function drawOrder() {
    ordered.replaceChildren(...order.map((id, i) => el('li', {},
      el('span', { text: title(id) }),
      el('button', { type: 'button', class: 'quiet', text: 'Up', 'aria-label': `Move ${title(id)} up`, disabled: i === 0,
        on: { click: () => { order.splice(i - 1, 0, order.splice(i, 1)[0]); drawOrder(); } } }),
      el('button', { type: 'button', class: 'quiet', text: 'Remove', 'aria-label': `Remove ${title(id)}`,
        on: { click: () => { order.splice(i, 1); drawOrder(); } } }))));
  }
  drawOrder();
  const form = el('form', { class: 'stack', novalidate: true },
    ...field('Name', el('input', { name: 'name', value: p.name, maxlength: 60 })),
    checkboxes('Who it is for', 'people', people.map((x) => [x.id, personLabel(x)]), p.people),
    ...field('For what kind of moment', select('context', [['', 'Any'], ...pairs(CONTEXT)], p.context ?? '')),
    el('fieldset', {}, el('legend', { text: 'Cards, in order' }), ordered,
      ...field('Add a card', picker),
      el('button', { type: 'button', text: 'Add', on: { click: () => {
        if (picker.value && !order.includes(picker.value)) order.push(picker.value);
        drawOrder();
      } } })),
    el('details', {}, el('summary', { text: 'Anything to avoid' }),
      checkboxes('Avoid these cards', 'avoid', cards.map((c) => [c.id, c.title]), p.avoid)),
    ...field('Notes', el('textarea', { name: 'note', rows: 3, maxlength: 1000, text: p.note })),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save plan' }),
      p.id ? el('button', { type: 'button', class: 'danger', text: 'Delete plan', dataset: { action: 'delete' } }) : null,
      el('button', { type: 'button', text: 'Cancel', dataset: { back: '' }, on: { click: () => app.show('plans') } })));
  root.append(screen('plan', p.id ? p.name : 'A new plan', form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    const f = form.elements;
    try {
      await api.savePlan({ id: p.id, name: f.name.value, people: checked(form, 'people'),
        context: f.context.value || null, cards: order, avoid: checked(form, 'avoid'), note: f.note.value });
      app.show('plans');
    } catch (error) {
      showError(form, error);
    }
  });
  form.querySelector('[data-action="delete"]')?.addEventListener('click', async () => {
    try {
      await api.deletePlan(p.id);
      app.show('plans');
    } catch (error) {
      showError(form, error);
    }
  });
}
