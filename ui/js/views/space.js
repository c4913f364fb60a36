// A person's own space, on a shared device. Its person makes it, opens it and deletes it
// with their own passphrase; the device's owner can only see that it exists and how many
// answers it holds, and can delete it unread after a warning. Earlier private answers the
// owner's key still holds can move in, or be deleted unread.
import { el, field, focusHeading, screen, showError } from '../dom.js';
import { makeSpaceForm } from '../widgets/make-space.js';
import { sections } from './insights.js';

const day = (ms) => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export async function mount(root, ctx, { person } = {}) {
  const { api, app, signal } = ctx;
  if (!person) return app.show('people');
  let name;
  let info;
  try {
    const people = await api.listProfiles();
    name = people.find((p) => p.id === person)?.name ?? 'Someone';
    info = await api.spaceInfo(person);
  } catch (error) {
    showError(root, error, () => app.show('people'));
    return;
  }
  if (signal.aborted) return;
  const reload = () => app.show('space', { person });
  root.replaceChildren(screen('space', `${name}\u2019s own space`,
    info.exists ? openPart(ctx, person, name, info, reload) : makePart(ctx, person, name, info, reload),
    earlierPart(ctx, person, name, info, reload),
    info.exists ? ownerPart(ctx, person, name, reload) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Back to people', dataset: { back: '' }, on: { click: () => app.show('people') } }))));
  focusHeading(root);
}

function makePart({ api }, person, name, info, reload) {
  return el('div', { class: 'stack' },
    el('p', { text: `${name} has no space yet. Hand the device to ${name} to make one.` }),
    makeSpaceForm(api, { person, name, earlier: info.earlierPrivate, done: reload }));
}

/** For the space's person: open it with their passphrase, read it, delete it. */
function openPart({ api, app }, person, name, info, reload) {
  const pass = el('input', { type: 'password', name: 'space-open', autocomplete: 'current-password',
    spellcheck: 'false', autocapitalize: 'off' });
  const open = el('button', { type: 'submit', class: 'primary', text: 'Open' });
  const shown = el('div', { class: 'space-entries' });
  const form = el('form', { class: 'stack', novalidate: true },
    el('p', { text: `${plural(info.answers, 'answer is', 'answers are')} kept here. Only ${name}\u2019s passphrase opens them.` }),
    ...field(`${name}\u2019s passphrase`, pass),
    el('div', { class: 'actions' }, open,
      el('button', { type: 'button', class: 'danger', text: 'Delete my space', dataset: { action: 'delete' } })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector(':scope > .notice')?.remove();
    open.disabled = true;
    open.textContent = 'Opening\u2026';
    try {
      const opened = await api.openSpace(person, pass.value);
      pass.value = '';
      show(shown, opened, () => { shown.replaceChildren(); pass.focus(); });
      shown.querySelector('h2')?.focus();
    } catch (error) {
      showError(form, error);
      pass.focus();
    } finally {
      open.disabled = false;
      open.textContent = 'Open';
    }
  });
  form.querySelector('[data-action="delete"]').addEventListener('click', async () => {
    form.querySelector(':scope > .notice')?.remove();
    if (!pass.value) {
      showError(form, { message: 'Type your passphrase first: deleting your space needs it too.' });
      pass.focus();
      return;
    }
    try {
      await api.deleteSpace(person, pass.value);
      pass.value = '';
      app.show('people');
    } catch (error) {
      showError(form, error);
      pass.focus();
    }
  });
  return el('div', {}, form, shown);
}

function words(checkIn) {
  return checkIn.feelings.join(', ') || 'no words chosen';
}

function entryLines(e) {
  if (e.what === 'check_in') {
    const c = e.checkIn;
    return [`Check-in ${e.stage === 'before' ? 'before' : 'after'}: ${words(c.checkIn)}`, c.note];
  }
  if (e.what === 'follow_up') {
    const a = e.answer;
    return [`Follow-up: ${words(a.checkIn)}${a.low ? ' (feeling low)' : ''}`, a.need.text && `What would help: ${a.need.text}`];
  }
  const r = e.reflection;
  return ['Reflection',
    r.feltGood.text && `What felt good: ${r.feltGood.text}`,
    r.change.text && `To change: ${r.change.text}`,
    r.uncomfortable === null ? null : `Anything uncomfortable: ${r.uncomfortable ? 'yes' : 'no'}`,
    r.uncomfortableNote.text && `About it: ${r.uncomfortableNote.text}`,
    r.appreciation.text && `Appreciation: ${r.appreciation.text}`];
}

function show(box, opened, close) {
  const items = [...opened.entries].reverse().map((e) => {
    const [head, ...rest] = entryLines(e);
    return el('li', { class: 'card' },
      el('p', { class: 'fine', text: day(e.atMs) }), el('p', {}, el('strong', { text: head })),
      rest.filter(Boolean).map((line) => el('p', { text: line })));
  });
  box.replaceChildren(
    el('h2', { text: 'What you kept', tabindex: '-1' }),
    opened.changed ? el('p', { class: 'notice', role: 'status',
      text: 'Something here was taken out or changed since you last opened your space. What is shown is what is still here.' }) : null,
    items.length ? el('ul', { class: 'space-list' }, items) : el('p', { class: 'fine', text: 'Nothing kept yet.' }),
    // Their own answers from here count too, for them alone; null when insights are hidden.
    opened.insights ? el('section', { class: 'space-insights' },
      el('h2', { text: 'What seems to help you' }), sections(opened.insights, () => 'you')) : null,
    el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Close my space', on: { click: close } })));
}

/** Earlier private answers, which the owner's key still holds: move them in, or delete them unread. */
function earlierPart({ api }, person, name, info, reload) {
  const n = info.earlierPrivate;
  if (!n) return null;
  const box = el('div', { class: 'stack earlier' },
    el('h2', { text: 'Earlier private answers' }),
    el('p', { text: `Tend holds ${plural(n, 'private answer', 'private answers')} from ${name} from before spaces, under the device owner\u2019s passphrase. They are not shown anywhere.` }));
  const act = async (fn) => {
    box.querySelector(':scope > .notice')?.remove();
    try { await fn(); reload(); } catch (error) { showError(box, error); }
  };
  const confirm = el('div', { class: 'confirm', hidden: true },
    el('p', { text: `Delete them without reading them? ${name}\u2019s answers will be gone for good.` }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'danger', text: 'Yes, delete them unread', on: { click: () => act(() => api.deleteEarlierPrivate(person)) } }),
      el('button', { type: 'button', text: 'Keep them', on: { click: () => { confirm.hidden = true; } } })));
  box.append(el('div', { class: 'actions' },
    info.exists ? el('button', { type: 'button', class: 'primary', text: `Move them into ${name}\u2019s space`,
      on: { click: () => act(() => api.moveEarlierPrivate(person)) } }) : null,
    el('button', { type: 'button', text: 'Delete them unread', on: { click: () => { confirm.hidden = false; } } })), confirm);
  return box;
}

/** The device owner's way: delete the space without opening it, after a warning. */
function ownerPart({ api, app }, person, name) {
  const confirm = el('div', { class: 'confirm', hidden: true },
    el('p', { text: `This deletes ${name}\u2019s space and everything kept in it, without opening it. It cannot be undone. ${name} may want to read or keep something first.` }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'danger', text: `Yes, delete ${name}\u2019s space`, on: { click: async () => {
        try { await api.deleteSpaceUnread(person); app.show('people'); } catch (error) { showError(confirm, error); }
      } } }),
      el('button', { type: 'button', text: 'Keep it', on: { click: () => { confirm.hidden = true; } } })));
  return el('details', { class: 'owner' },
    el('summary', { text: 'For the device\u2019s owner' }),
    el('p', { class: 'fine', text: `You cannot open ${name}\u2019s space. You can delete it unread.` }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'danger', text: 'Delete without opening', on: { click: () => { confirm.hidden = false; } } })),
    confirm);
}
