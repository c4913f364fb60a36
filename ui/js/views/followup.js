// A follow-up check-in: how is each person today? Each partner gets the device handed
// over first, and everyone chooses who can see their answer. It asks, plainly, about drop
// and whether anything did not sit right; someone who says so gets the care of the stop
// path, someone dropping gets the drop companion (self-care and a message to copy), and
// someone low is offered grounding and support. If the session ended with "let's talk
// tomorrow", the reflection comes here too.
import { el, field, focusHeading, screen, showError } from '../dom.js';
import { CARE_TEXT, bodyCareButton, careButtons, careNote, careful } from '../widgets/care-note.js';
import { dropCompanion } from '../widgets/drop.js';
import { feelingGrid } from '../widgets/feeling-grid.js';
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
    const said = await askOne(root, api, f.id, { person, name, isOwner }, words, due.people.length);
    if (said === 'stop') break;
    if (!said) continue;
    if (said.notRight) await notRight(root, { api, app, signal }, due.people.length > 1 ? name : null);
    if (said.drop === 'a_little' || said.drop === 'yes') await dropCompanion(root, due.people.length > 1 ? name : null);
    else if (said.low) {
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
  const radios = (name, legend, note, options) => el('fieldset', { class: 'checks' }, el('legend', { text: legend }),
    note ? el('p', { class: 'fine', text: note }) : null,
    options.map(([v, label]) => el('label', { class: 'check' }, el('input', { type: 'radio', name, value: v }), label)));
  const drop = radios('drop', 'Any drop today?',
    'Some people feel a dip a day or two after closeness: flat, tearful, raw or very tired. It is often called drop.',
    [['no', 'Not today'], ['a_little', 'A little'], ['yes', 'Yes']]);
  const sat = radios('not_right', 'Now that some time has passed, did anything not sit right?',
    'Answer only if you want to; who can see it is your choice below.',
    [['', 'I\u2019d rather not say'], ['no', 'No'], ['yes', 'Yes']]);
  sat.querySelector('input[value=""]').checked = true;
  const need = el('textarea', { name: 'need', rows: 2, maxlength: 1000 });
  const form = el('form', { class: 'stack', novalidate: true }, grid.node, care.node,
    el('label', { class: 'check' }, low, 'I\u2019m feeling low'), drop, sat,
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
      const chosen = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value || null;
      const notRight = { yes: true, no: false }[chosen('not_right')] ?? null;
      try {
        const isLow = await api.answerFollowUp(id, person, { ...grid.value(), need: null, noTouch: false }, low.checked,
          need.value, privacy.value(), { drop: chosen('drop'), notRight });
        resolve({ low: isLow, drop: chosen('drop'), notRight });
      } catch (error) {
        showError(form, error);
      }
    });
    form.querySelector('[data-action="skip"]').addEventListener('click', () => resolve(false));
    form.querySelector('[data-action="stop"]').addEventListener('click', () => resolve('stop'));
  });
}

/**
 * Something did not sit right: the care of the stop path. Not their fault, their choice
 * whether and with whom to talk, Calm now, body care and support in place.
 */
function notRight(root, ctx, name) {
  return new Promise((resolve) => {
    root.replaceChildren(screen('not-right', name ? `Thank you for saying so, ${name}` : 'Thank you for saying so',
      el('p', { text: CARE_TEXT }),
      el('p', { text: 'Freezing or going along is not the same as agreeing. You don\u2019t owe anyone a conversation about this; if and when you want one is up to you.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', text: 'Calm now', dataset: { action: 'calm-now' } }),
        careButtons(root, ctx)),
      el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Continue', dataset: { back: '' }, on: { click: resolve } }))));
    focusHeading(root);
  });
}

function offerHelp(root, api, name) {
  return new Promise((resolve) => {
    const care = bodyCareButton(root, api);
    root.replaceChildren(screen('offer', `Thank you for saying so, ${name}`,
      el('p', { text: 'Feeling low after closeness is common, and it often eases with time and care. If something happened that did not feel OK, that matters too, and it was not your fault. Would any of these help right now?' }),
      el('div', { class: 'actions stack' },
        el('button', { type: 'button', class: 'primary', text: 'Calm now', dataset: { action: 'calm-now' } }),
        el('button', { type: 'button', text: 'A grounding exercise (5-4-3-2-1)', on: { click: () => resolve('grounding') } }),
        care,
        el('button', { type: 'button', text: 'Support and people to talk to', on: { click: () => resolve('support') } }),
        el('button', { type: 'button', class: 'quiet', text: 'Not now', dataset: { back: '' }, on: { click: () => resolve('none') } }))));
    focusHeading(root);
  });
}

export async function mountGrounding(root, { app }) {
  await grounding(root);
  app.show('home');
}
