// The catalogue: filter by category and kind of moment, read a card, rate how it landed,
// and add, edit or delete one's own cards (built-in cards are never edited).
import { checkboxes, checked, el, field, screen, select, showError } from '../dom.js';
import { CATEGORY, CONTEXT, ENERGY, PATTERN, ROLE, TALK, TOUCH, VERDICT, pairs, personLabel } from '../labels.js';
import { ritualCard } from '../widgets/ritual-card.js';

function feedbackRow(api, card, people) {
  if (!people.length) return null;
  const who = select('person', people.map((p) => [p.id, personLabel(p)]), people[0].id);
  const note = el('p', { class: 'field-note', role: 'status' });
  const rate = (verdict) => async () => {
    note.textContent = '';
    try {
      await api.recordFeedback(who.value, card.id, verdict);
      note.textContent = `Noted: ${VERDICT[verdict].toLowerCase()}.`;
    } catch (error) {
      note.textContent = error.message;
    }
  };
  return el('details', { class: 'feedback' },
    el('summary', { text: 'How did it land?' }),
    ...field('For', who),
    el('div', { class: 'actions' },
      pairs(VERDICT).map(([v, label]) => el('button', { type: 'button', text: label, on: { click: rate(v) } }))),
    note);
}

export async function mount(root, { api, app, signal }) {
  const category = select('category', [['', 'All kinds'], ...pairs(CATEGORY)], '');
  const context = select('context', [['', 'Any moment'], ...pairs(CONTEXT)], '');
  const list = el('div', { class: 'card-list', 'aria-live': 'polite' });
  root.append(screen('cards', 'Ritual cards',
    el('div', { class: 'filters' }, ...field('Kind', category), ...field('Moment', context)),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Add my own card', on: { click: () => app.show('card-edit') } })),
    list));

  let people = [];
  try {
    people = await api.listProfiles();
  } catch { /* rating needs people; the list still shows */ }

  async function load() {
    list.replaceChildren();
    try {
      const cards = await api.listCards(category.value || null, context.value || null);
      if (signal.aborted) return;
      list.append(el('p', { class: 'fine', text: `${cards.length} cards` }));
      for (const card of cards) {
        const own = card.custom ? el('div', { class: 'actions' },
          el('button', { type: 'button', text: 'Edit', on: { click: () => app.show('card-edit', { card }) } })) : null;
        list.append(ritualCard(card, own, feedbackRow(api, card, people)));
      }
    } catch (error) {
      showError(list, error, load);
    }
  }
  category.addEventListener('change', load);
  context.addEventListener('change', load);
  await load();
}

/** Add or edit one of the person's own cards. */
export function mountEdit(root, { api, app }, { card } = {}) {
  const c = card ?? {
    id: null, title: '', how: '', why: '', category: 'reassurance', contexts: ['tender'], roles: [],
    touch: 'none', talk: 'quiet', energy: 'low', minutes: 5, items: [], timer: null,
    needsPartner: false, predictable: true,
  };
  const timerKind = c.timer?.kind ?? 'none';
  const form = el('form', { class: 'stack', novalidate: true },
    ...field('Title', el('input', { name: 'title', value: c.title, maxlength: 36 })),
    ...field('How to do it', el('textarea', { name: 'how', rows: 3, maxlength: 240, text: c.how })),
    ...field('Why it may help', el('input', { name: 'why', value: c.why, maxlength: 110 })),
    ...field('Kind', select('category', pairs(CATEGORY), c.category)),
    checkboxes('Fits these moments', 'contexts', pairs(CONTEXT), c.contexts),
    checkboxes('For these roles (scenes)', 'roles', pairs(ROLE), c.roles),
    ...field('Touch', select('touch', pairs(TOUCH), c.touch)),
    ...field('Talk', select('talk', pairs(TALK), c.talk)),
    ...field('Energy it needs', select('energy', pairs(ENERGY), c.energy)),
    ...field('Minutes', el('input', { name: 'minutes', type: 'number', min: 1, max: 60, value: c.minutes })),
    ...field('Things you need (comma between)', el('input', { name: 'items', value: c.items.join(', ') })),
    ...field('Timer', select('timer', [['none', 'None'], ['countdown', 'Countdown'], ['breathing', 'Paced breathing']], timerKind)),
    ...field('Breathing pattern', select('pattern', pairs(PATTERN), c.timer?.pattern ?? 'resonance')),
    ...field('Timer minutes', el('input', { name: 'timer_minutes', type: 'number', min: 1, max: 60, value: c.timer?.minutes ?? 5 })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'needs_partner', checked: c.needsPartner }), 'Needs a partner'),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'predictable', checked: c.predictable }), 'Calm and predictable'),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save card' }),
      c.id ? el('button', { type: 'button', class: 'danger', text: 'Delete card', dataset: { action: 'delete' } }) : null,
      el('button', { type: 'button', text: 'Cancel', dataset: { back: '' }, on: { click: () => app.show('cards') } })));
  root.append(screen('card-edit', c.id ? 'Edit your card' : 'Your own card', form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    const f = form.elements;
    const minutes = Number(f.timer_minutes.value);
    const timer = f.timer.value === 'none' ? null
      : f.timer.value === 'countdown' ? { kind: 'countdown', minutes }
        : { kind: 'breathing', pattern: f.pattern.value, minutes };
    const next = {
      id: c.id, title: f.title.value, how: f.how.value, why: f.why.value, category: f.category.value,
      contexts: checked(form, 'contexts'), roles: checked(form, 'roles'), touch: f.touch.value,
      talk: f.talk.value, energy: f.energy.value, minutes: Number(f.minutes.value),
      items: f.items.value.split(',').map((s) => s.trim()).filter(Boolean), timer,
      needsPartner: f.needs_partner.checked, predictable: f.predictable.checked,
    };
    try {
      await api.saveCustomCard(next);
      app.show('cards');
    } catch (error) {
      showError(form, error);
    }
  });
  form.querySelector('[data-action="delete"]')?.addEventListener('click', async () => {
    form.querySelector('.notice')?.remove();
    try {
      await api.deleteCustomCard(c.id);
      app.show('cards');
    } catch (error) {
      showError(form, error);
    }
  });
}
