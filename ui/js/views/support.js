// Support: a short offline list of long-standing services, and the person's own trusted
// contacts. Tend is a companion, not therapy.
import { el, field, screen, showError } from '../dom.js';

export async function mount(root, { api, app, signal }) {
  const list = el('div', { class: 'resources' });
  const mine = el('ul', { class: 'contacts' });
  const form = el('form', { class: 'stack card', novalidate: true },
    el('h2', { text: 'Add someone you trust' }),
    ...field('Name', el('input', { name: 'name', maxlength: 60 })),
    ...field('How to reach them', el('input', { name: 'how', maxlength: 200 })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Add' })));
  root.append(screen('support', 'Support',
    el('p', { text: 'Tend is a companion, not therapy. If low feelings stay, or something that happened weighs on you, these people can help.' }),
    el('h2', { text: 'Services' }), list, el('h2', { text: 'People you trust' }), mine, form));
  async function load() {
    try {
      const s = await api.support();
      if (signal.aborted) return;
      list.replaceChildren(...s.resources.map((r) => el('article', { class: 'card resource' },
        el('h3', { text: r.name }),
        el('p', { class: 'resource-contact', text: r.contact }),
        el('p', { text: r.about }),
        el('p', { class: 'fine', text: `${r.region} · ${r.hours} · details from ${r.source}` }))));
      mine.replaceChildren(...(s.contacts.length ? s.contacts.map((c) => el('li', {},
        el('span', { text: `${c.name}: ${c.how}` }),
        el('button', { type: 'button', class: 'quiet', text: 'Remove', 'aria-label': `Remove ${c.name}`,
          on: { click: async () => { await api.deleteContact(c.id).catch(() => {}); load(); } } })))
        : [el('li', { class: 'fine', text: 'No one added yet.' })]));
    } catch (error) {
      showError(list, error, () => app.show('support'));
    }
  }
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
