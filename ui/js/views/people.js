// Profiles: "me" and partners. Every field but the name is optional, and says so.
import { checkboxes, checked, el, field, screen, select, showError } from '../dom.js';
import { CATEGORY, NEED, TOUCH, pairs, personLabel } from '../labels.js';

const SCALE = (low, high) => [['', 'No preference'], ['-2', `Much more ${low}`], ['-1', `A bit more ${low}`],
  ['0', 'Either'], ['1', `A bit more ${high}`], ['2', `Much more ${high}`]];

export async function mount(root, { api, app, signal }) {
  const list = el('ul', { class: 'people-list' });
  root.append(screen('people', 'People',
    el('p', { text: 'A profile for you and for each partner, with what helps and what never to suggest. Names are your own labels. Each partner can have a space of their own, which only their passphrase opens.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Add a person', on: { click: () => app.show('profile') } }),
      el('button', { type: 'button', text: 'Add from a shared profile', on: { click: () => app.show('receive') } })),
    list));
  try {
    const people = await api.listProfiles();
    if (signal.aborted) return;
    if (!people.length) list.append(el('li', { class: 'fine', text: 'No one yet.' }));
    for (const p of people) {
      list.append(el('li', {},
        el('button', { type: 'button', class: 'person', text: personLabel(p),
          on: { click: () => app.show('profile', { profile: p }) } }),
        p.isMe ? null : el('button', { type: 'button', class: 'quiet', text: `${p.name}\u2019s own space`,
          on: { click: () => app.show('space', { person: p.id }) } })));
    }
  } catch (error) {
    showError(list, error, () => app.show('people'));
  }
}

/**
 * One profile. `firstRun` makes it the owner's own aftercare profile, offered once after
 * the vault is made: everything optional, and "Skip for now" at the top and the end.
 */
export async function mountEdit(root, { api, app, signal }, { profile, firstRun = false } = {}) {
  const p = profile ?? { id: null, name: firstRun ? 'Me' : '', isMe: firstRun, closeness: null, talk: null,
    touchComfort: null, needs: [], hardLimits: { cards: [], categories: [], maxTouch: null, items: [] },
    favourites: [], traumaSensitive: false, helps: '' };
  const leave = () => (firstRun ? app.refresh() : app.show('people'));
  const skip = () => el('button', { type: 'button', class: firstRun ? 'quiet' : '', text: firstRun ? 'Skip for now' : 'Cancel',
    dataset: { action: 'skip', back: '' }, on: { click: leave } });
  let cards = [];
  try {
    cards = await api.listCards(null, null);
  } catch { /* card lists stay empty; the rest still works */ }
  if (signal.aborted) return;
  const cardOptions = cards.map((c) => [c.id, c.title]);
  const num = (v) => (v === null || v === undefined ? '' : String(v));
  const form = el('form', { class: 'stack', novalidate: true },
    ...field('Name', el('input', { name: 'name', value: p.name, maxlength: 40, autocomplete: 'off' })),
    el('label', { class: 'check', hidden: firstRun }, el('input', { type: 'checkbox', name: 'is_me', checked: p.isMe }), 'This is me'),
    el('p', { class: 'fine', text: 'Everything below is optional.' }),
    ...field('Afterwards, closeness or space?', select('closeness', SCALE('space', 'closeness'), num(p.closeness))),
    ...field('Talking or quiet?', select('talk', SCALE('quiet', 'talk'), num(p.talk))),
    ...field('Touch that is usually welcome', select('touch_comfort', [['', 'No preference'], ...pairs(TOUCH)], p.touchComfort ?? '')),
    checkboxes('Likes to have', 'needs', pairs(NEED), p.needs),
    ...field('What helps me (in your own words)', el('textarea', { name: 'helps', rows: 2, maxlength: 300, text: p.helps ?? '' })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'trauma_sensitive', checked: p.traumaSensitive }),
      'Prefer calm, predictable rituals (no surprises)'),
    el('fieldset', { class: 'limits' },
      el('legend', { text: 'Hard limits: never suggested' }),
      checkboxes('Kinds of ritual', 'limit_categories', pairs(CATEGORY), p.hardLimits.categories),
      ...field('No more touch than', select('max_touch', [['', 'No limit'], ...pairs(TOUCH)], p.hardLimits.maxTouch ?? '')),
      ...field('Never anything that needs (comma between)', el('input', { name: 'limit_items', value: p.hardLimits.items.join(', ') })),
      el('details', {}, el('summary', { text: 'Particular cards' }),
        checkboxes('Never these cards', 'limit_cards', cardOptions, p.hardLimits.cards))),
    el('details', {}, el('summary', { text: 'Favourites' }),
      checkboxes('Favourite cards', 'favourites', cardOptions, p.favourites)),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save' }),
      p.id ? el('button', { type: 'button', class: 'danger', text: 'Delete this person', dataset: { action: 'delete' } }) : null,
      skip()));
  const intro = firstRun ? [
    el('p', { text: 'If you like, tell Tend what helps you afterwards and what it should never suggest. It is all optional, and you can change it any time under People.' }),
    el('div', { class: 'actions' }, skip()),
  ] : [];
  // A saved profile can be shown to a partner as one calm card; the owner's own can be
  // shared to their device.
  const asCard = p.id ? el('div', { class: 'actions' },
    el('button', { type: 'button', text: 'Show as a card', on: { click: () => app.show('profile-card', { profile: p }) } }),
    p.isMe ? el('button', { type: 'button', text: 'Share my profile',
      on: { click: () => app.show('share', { profile: p }) } }) : null) : null;
  const theirs = p.sharedLimits ? el('p', { class: 'fine',
    text: `${p.name} shared this profile from their device. The hard limits they set stay as they are; you can add more.` }) : null;
  root.append(screen('profile', firstRun ? 'Your aftercare profile' : (p.id ? p.name : 'A new person'), ...intro, asCard, theirs, form));
  // Their own limits are shown set and cannot be unticked here.
  for (const [name, values] of [['limit_categories', p.sharedLimits?.categories], ['limit_cards', p.sharedLimits?.cards]]) {
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
      if (values?.includes(box.value)) box.disabled = true;
    }
  }

  const optionalNumber = (v) => (v === '' ? null : Number(v));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    const f = form.elements;
    const next = {
      id: p.id, name: f.name.value, isMe: f.is_me.checked,
      closeness: optionalNumber(f.closeness.value), talk: optionalNumber(f.talk.value),
      touchComfort: f.touch_comfort.value || null, needs: checked(form, 'needs'),
      hardLimits: {
        cards: checked(form, 'limit_cards'), categories: checked(form, 'limit_categories'),
        maxTouch: f.max_touch.value || null,
        items: f.limit_items.value.split(',').map((s) => s.trim()).filter(Boolean),
      },
      favourites: checked(form, 'favourites'), traumaSensitive: f.trauma_sensitive.checked, helps: f.helps.value,
    };
    try {
      await api.saveProfile(next);
      leave();
    } catch (error) {
      showError(form, error);
    }
  });
  form.querySelector('[data-action="delete"]')?.addEventListener('click', async () => {
    form.querySelector('.notice')?.remove();
    try {
      await api.deleteProfile(p.id);
      app.show('people');
    } catch (error) {
      showError(form, error);
    }
  });
}
