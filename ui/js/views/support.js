// Support: the person's own trusted contacts on top, then services by region (bundled,
// offline). Tend is a companion, not therapy. The core decides which services there are,
// their order (the person's region first, then by category) and which region was chosen;
// this screen shows the chosen region's services, keeps every other region one tap away,
// and remembers a new choice in settings. No location is ever read: the person picks.
import { el, field, focusHeading, screen, setAside, showError } from '../dom.js';
import { REGION, SUPPORT, pairs } from '../labels.js';
import { openInPlace as openBodyCare } from './body-care.js';

/** "988lifeline.org" from the page a service was checked against. */
function domain(url) {
  try {
    return new URL(url).hostname.replace(/^www\d*\./, '');
  } catch {
    return url;
  }
}

/** A calendar date ("2026-11-28") in the reader's own words, without time zones moving it. */
const day = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(undefined,
  { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** Consecutive runs of items sharing `key`, in the order given: [[key, items], ...]. */
export function runs(items, key) {
  const out = [];
  for (const item of items) {
    if (out.at(-1)?.[0] === item[key]) out.at(-1)[1].push(item);
    else out.push([item[key], [item]]);
  }
  return out;
}

/** One service: its name, how to reach it, what it is, hours, and where it was checked. */
function service(r, { level, withCategory }) {
  return el('article', { class: 'card resource', dataset: { region: r.region, category: r.category } },
    el(`h${level}`, { class: 'resource-name', text: r.name }),
    withCategory ? el('p', { class: 'fine resource-category', text: SUPPORT[r.category] ?? r.category }) : null,
    el('p', { class: 'resource-contact', text: r.contact }),
    el('p', { text: r.about }),
    el('p', { class: 'fine', text: `Hours: ${r.hours}` }),
    el('p', { class: 'fine resource-checked', text: `Checked ${day(r.checked)} · ${domain(r.source)}` }));
}

/** Every region in `list`, each under its own heading. */
const byRegion = (list) => runs(list, 'region').map(([region, items]) =>
  el('section', { class: 'resource-group', dataset: { region } },
    el('h3', { text: REGION[region] ?? region }),
    items.map((r) => service(r, { level: 4, withCategory: true }))));

/**
 * Support in place of what is there (a half-filled form keeps every answer), with
 * "Back to where I was" at the top, where the eye starts.
 */
export function openInPlace(root, ctx, { opener } = {}) {
  const backTo = setAside(root, opener);
  const loaded = mount(root, ctx);
  root.querySelector('.support h1')?.after(el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'primary', text: 'Back to where I was', dataset: { back: '' }, on: { click: backTo } })));
  // "Care for your body" opens in place too, so the way back still leads to the form.
  const care = root.querySelector('.support [data-nav="body-care"]');
  if (care) {
    delete care.dataset.nav;
    care.addEventListener('click', () => openBodyCare(root, ctx.api, { opener: care, signal: ctx.signal }));
  }
  focusHeading(root);
  return loaded;
}

export async function mount(root, { api, app, signal }) {
  const mine = el('ul', { class: 'contacts' });
  const picker = el('select', { name: 'region', 'aria-describedby': 'support-region-note' },
    el('option', { value: '', text: 'Show all' }),
    pairs(REGION).map(([value, label]) => el('option', { value, text: label })));
  const said = el('p', { class: 'fine', role: 'status' });
  const list = el('div', { class: 'resources' });
  const form = el('form', { class: 'stack card', novalidate: true },
    el('h2', { text: 'Add someone you trust' }),
    ...field('Name', el('input', { name: 'name', maxlength: 60 })),
    ...field('How to reach them', el('input', { name: 'how', maxlength: 200 })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Add' })));
  root.append(screen('support', 'Support',
    el('p', { text: 'Tend is a companion, not therapy. If low feelings stay, or something that happened weighs on you, these people can help.' }),
    el('p', {}, el('button', { type: 'button', dataset: { nav: 'body-care' }, text: 'Care for your body' })),
    el('h2', { text: 'People you trust' }), mine,
    el('h2', { text: 'Services' }),
    el('div', { class: 'stack support-region' },
      ...field('Where are you?', picker),
      el('p', { id: 'support-region-note', class: 'field-note', text: 'Tend never reads your location. Pick a region to see its services first; every other region stays one tap away.' })),
    said, list, form));

  let resources = [];
  let region = null;

  function show() {
    picker.value = region ?? '';
    if (!region) {
      said.textContent = 'Showing every region.';
      list.replaceChildren(...byRegion(resources));
      return;
    }
    const here = resources.filter((r) => r.region === region);
    const elsewhere = resources.filter((r) => r.region !== region);
    said.textContent = `Showing ${REGION[region] ?? region} first.`;
    list.replaceChildren(
      ...runs(here, 'category').map(([category, items]) =>
        el('section', { class: 'resource-group', dataset: { category } },
          el('h3', { text: SUPPORT[category] ?? category }),
          items.map((r) => service(r, { level: 4, withCategory: false })))),
      el('details', { class: 'all-regions' },
        el('summary', { text: 'Show all regions' }),
        byRegion(elsewhere)));
  }

  function showContacts(contacts) {
    mine.replaceChildren(...(contacts.length ? contacts.map((c) => el('li', {},
      el('span', { text: `${c.name}: ${c.how}` }),
      el('button', { type: 'button', class: 'quiet', text: 'Remove', 'aria-label': `Remove ${c.name}`,
        on: { click: async () => { await api.deleteContact(c.id).catch(() => {}); load(); } } })))
      : [el('li', { class: 'fine', text: 'No one added yet. You can add someone at the end of this page.' })]));
  }

  async function load() {
    try {
      const s = await api.support();
      if (signal.aborted) return;
      resources = s.resources;
      region = s.region ?? null;
      showContacts(s.contacts);
      show();
    } catch (error) {
      showError(list, error, () => app.show('support'));
    }
  }

  picker.addEventListener('change', async () => {
    region = picker.value || null;
    show();
    // Kept in settings while unlocked; while locked the choice lasts for this screen only.
    if (!app.unlocked) return;
    try {
      const settings = await api.getSettings();
      await api.saveSettings({ ...settings, region });
    } catch (error) {
      if (!signal.aborted) showError(list, error);
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.notice')?.remove();
    try {
      await api.saveContact({ id: null, name: form.elements.name.value, how: form.elements.how.value });
      form.reset();
      load();
    } catch (error) {
      showError(form, error);
    }
  });
  await load();
}
