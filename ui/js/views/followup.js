// A follow-up check-in: how is each person today? Someone who is low is offered a
// grounding exercise, a place to note what they need, and support. If the session ended
// with "let's talk tomorrow", the reflection comes here too.
import { el, field, showError } from '../dom.js';
import { feelingGrid } from './feelings.js';

export async function mount(root, { api, app }, { due } = {}) {
  if (!due) return app.show('home');
  let words;
  try {
    words = await api.feelings();
  } catch (error) {
    showError(root, error, () => app.show('home'));
    return;
  }
  const f = due.followUp;
  for (const [person, name] of due.people) {
    const low = await askOne(root, api, f.id, person, name, words, due.people.length);
    if (low === 'stop') break;
    if (low) {
      const choice = await offerHelp(root, name);
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

function askOne(root, api, id, person, name, words, n) {
  const grid = feelingGrid(words, { withNeeds: false });
  const low = el('input', { type: 'checkbox', name: 'low' });
  const need = el('textarea', { name: 'need', rows: 2, maxlength: 1000 });
  const form = el('form', { class: 'stack', novalidate: true }, grid.node,
    el('label', { class: 'check' }, low, 'I\u2019m feeling low'),
    ...field('What would help you today? (just for you)', need),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save' }),
      el('button', { type: 'button', text: 'Skip', dataset: { action: 'skip' } }),
      el('button', { type: 'button', class: 'quiet', text: 'Not today', dataset: { action: 'stop' } })));
  root.replaceChildren(el('section', { class: 'screen followup', 'aria-labelledby': 'followup-title' },
    el('h1', { id: 'followup-title', text: n > 1 ? `${name}, how are you today?` : 'How are you today?' }),
    el('p', { class: 'fine', text: 'Feelings can arrive a day or two later. Whatever is here is welcome.' }), form));
  root.querySelector('h1').focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.querySelector('.notice')?.remove();
      try {
        resolve(await api.answerFollowUp(id, person, { ...grid.value(), need: null, no_touch: false }, low.checked, need.value));
      } catch (error) {
        showError(form, error);
      }
    });
    form.querySelector('[data-action="skip"]').addEventListener('click', () => resolve(false));
    form.querySelector('[data-action="stop"]').addEventListener('click', () => resolve('stop'));
  });
}

function offerHelp(root, name) {
  return new Promise((resolve) => {
    root.replaceChildren(el('section', { class: 'screen offer', 'aria-labelledby': 'offer-title' },
      el('h1', { id: 'offer-title', text: `Thank you for saying so, ${name}` }),
      el('p', { text: 'Feeling low after closeness is common and it passes. Would any of these help right now?' }),
      el('div', { class: 'actions stack' },
        el('button', { type: 'button', class: 'primary', text: 'A grounding exercise (5-4-3-2-1)', on: { click: () => resolve('grounding') } }),
        el('button', { type: 'button', text: 'Support and people to talk to', on: { click: () => resolve('support') } }),
        el('button', { type: 'button', class: 'quiet', text: 'Not now', on: { click: () => resolve('none') } }))));
    root.querySelector('h1').focus();
  });
}

const STEPS = [
  ['5', 'Name five things you can see around you.'],
  ['4', 'Notice four things you can touch, and how they feel.'],
  ['3', 'Listen for three sounds, near or far.'],
  ['2', 'Find two things you can smell, or two scents you like.'],
  ['1', 'Notice one thing you can taste, or take a sip of water.'],
];

/** The 5-4-3-2-1 grounding exercise, one calm step at a time. Resolves when done or stopped. */
export function grounding(root) {
  return new Promise((resolve) => {
    let i = 0;
    const count = el('p', { class: 'grounding-count', 'aria-hidden': 'true' });
    const text = el('p', { class: 'grounding-step', 'aria-live': 'polite' });
    const next = el('button', { type: 'button', class: 'primary', text: 'Next' });
    root.replaceChildren(el('section', { class: 'screen grounding', 'aria-labelledby': 'grounding-title' },
      el('h1', { id: 'grounding-title', text: 'Back to here and now' }),
      el('p', { class: 'fine', text: 'Go slowly. Breathe out a little longer than you breathe in.' }),
      count, text,
      el('div', { class: 'actions' }, next, el('button', { type: 'button', class: 'quiet', text: 'Stop', on: { click: resolve } }))));
    const draw = () => { count.textContent = STEPS[i][0]; text.textContent = STEPS[i][1]; next.textContent = i === STEPS.length - 1 ? 'Done' : 'Next'; };
    next.addEventListener('click', () => { if (++i >= STEPS.length) resolve(); else draw(); });
    draw();
    root.querySelector('h1').focus();
  });
}

export async function mountGrounding(root, { app }) {
  await grounding(root);
  app.show('home');
}
