// A follow-up check-in: how is each person today? Each partner gets the device handed
// over first, and everyone chooses who can see their answer. Someone who is low is offered
// a grounding exercise, a place to note what they need, and support. If the session ended
// with "let's talk tomorrow", the reflection comes here too.
import { el, field, focusHeading, screen, showError } from '../dom.js';
import { careNote, careful } from '../widgets/care-note.js';
import { feelingGrid } from '../widgets/feeling-grid.js';
import { openInPlace as openBodyCare } from './body-care.js';
import { grounding } from '../widgets/grounding.js';
import { privacyChoice } from '../widgets/privacy.js';

export async function mount(root, { api, app, signal }, { due } = {}) {
  if (!due) return app.show('home');
  let words;
  let owner;
  try {
    const [w, people] = await Promise.all([api.feelings(), api.listProfiles()]);
    words = w;
    owner = people.find((p) => p.isMe)?.id;
  } catch (error) {
    showError(root, error, () => app.show('home'));
    return;
  }
  const f = due.followUp;
  for (const [person, name] of due.people) {
    if (signal.aborted) return;
    const isOwner = person === owner;
    if (!isOwner) await handOver(root, name);
    const low = await askOne(root, api, f.id, { person, name, isOwner }, words, due.people.length);
    if (low === 'stop') break;
    if (low) {
      const choice = await offerHelp(root, api, name);
      if (choice === 'grounding') await grounding(root);
      if (choice === 'support') { app.show('support'); return; }
    }
  }
  try {
    await api.completeFollowUp(f.id);
  } catch (error) {
    showError(root, error, () => app.show('home'));
    return;
  }
  if (due.talkTomorrow) {
    const session = await api.getSession(f.session).catch(() => null);
    if (session && !session.reflections.length) return app.show('now', { session, reflectOnly: true });
  }
  app.show('home');
}

function handOver(root, name) {
  return new Promise((resolve) => {
    root.replaceChildren(screen('handover', `Please pass the device to ${name}`,
      el('p', { text: 'You choose who can see what you answer next.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', text: `I\u2019m ${name}, continue`, on: { click: resolve } }))));
    focusHeading(root);
  });
}

function askOne(root, api, id, who, words, n) {
  const { person, name } = who;
  const privacy = privacyChoice(api, who);
  const care = careNote(root, api);
  const grid = feelingGrid(words, { withNeeds: false, onChange: (v) => care.show(careful(v, words)) });
  const low = el('input', { type: 'checkbox', name: 'low' });
  const need = el('textarea', { name: 'need', rows: 2, maxlength: 1000 });
  const form = el('form', { class: 'stack', novalidate: true }, grid.node, care.node,
    el('label', { class: 'check' }, low, 'I\u2019m feeling low'),
    ...field('What would help you today?', need), privacy.node,
    el('div', { class: 'actions sticky-actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save' }),
      el('button', { type: 'button', text: 'Skip', dataset: { action: 'skip' } }),
      el('button', { type: 'button', class: 'quiet', text: 'Not today', dataset: { action: 'stop' } })));
  root.replaceChildren(screen('followup', n > 1 ? `${name}, how are you today?` : 'How are you today?',
    el('p', { class: 'fine', text: 'Feelings can arrive a day or two later. Whatever is here is welcome.' }), form));
  focusHeading(root);
  return new Promise((resolve) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.querySelector(':scope > .notice')?.remove();
      if (!privacy.check(form)) return;
      try {
        resolve(await api.answerFollowUp(id, person, { ...grid.value(), need: null, noTouch: false }, low.checked,
          need.value, privacy.value()));
      } catch (error) {
        showError(form, error);
      }
    });
    form.querySelector('[data-action="skip"]').addEventListener('click', () => resolve(false));
    form.querySelector('[data-action="stop"]').addEventListener('click', () => resolve('stop'));
  });
}

function offerHelp(root, api, name) {
  return new Promise((resolve) => {
    const care = el('button', { type: 'button', text: 'Care for your body',
      on: { click: () => openBodyCare(root, api, { opener: care }) } });
    root.replaceChildren(screen('offer', `Thank you for saying so, ${name}`,
      el('p', { text: 'Feeling low after closeness is common, and it often eases with time and care. If something happened that did not feel OK, that matters too, and it was not your fault. Would any of these help right now?' }),
      el('div', { class: 'actions stack' },
        el('button', { type: 'button', class: 'primary', text: 'Calm now', dataset: { action: 'calm-now' } }),
        el('button', { type: 'button', text: 'A grounding exercise (5-4-3-2-1)', on: { click: () => resolve('grounding') } }),
        care,
        el('button', { type: 'button', text: 'Support and people to talk to', on: { click: () => resolve('support') } }),
        el('button', { type: 'button', class: 'quiet', text: 'Not now', on: { click: () => resolve('none') } }))));
    focusHeading(root);
  });
}

export async function mountGrounding(root, { app }) {
  await grounding(root);
  app.show('home');
}
