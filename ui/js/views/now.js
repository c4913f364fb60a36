// "Aftercare now": who is here → what kind of moment → each person's check-in → a few
// ritual cards → close (reflect now, talk tomorrow, or just finish). Every step can be
// skipped; each one is saved in Rust as it happens, so leaving and coming back resumes.
//
// "Something didn't feel OK" (from home, or on any step) is the stop path: it asks
// nothing, leads with Calm now, offers gentle cards without touch (unless closeness is
// asked for), lets the person name what happened if they want to (never kept), and at the
// close lets each person choose to talk now, later or not at all.
//
// The back gesture goes one step back (main.js's `app.onBack`): from a check-in to the one
// before (after a hand-over, when the device is passed) or to the start form as it was
// left; from the cards to the last check-in; from closing to the cards; from a reflection
// to the one before or to closing. A step shown again starts empty: what was sent stays
// unless it is sent again (Rust keeps one check-in per person and stage, one reflection per
// person), and nobody's private answers are shown to whoever holds the device next. A flow
// resumed from home goes back home, as does the stop path.
import { checked, el, field, focusHeading, screen as section, showError } from '../dom.js';
import { CONTEXT, MOMENT, VERDICT, kindOf, pairs, personLabel } from '../labels.js';
import { careButtons, careNote, careful } from '../widgets/care-note.js';
import { drawRoles } from '../widgets/roles.js';
import { feelingGrid } from '../widgets/feeling-grid.js';
import { privacyChoice } from '../widgets/privacy.js';
import { ritualCard } from '../widgets/ritual-card.js';
import { showSuggestions } from '../widgets/suggestions.js';

const screen = (title, ...children) => section('now', title, ...children);

function clear(root) {
  root.replaceChildren();
  return root;
}

/**
 * A hand-over screen for pass-the-device mode. Resolves when the right person is ready, or
 * with 'back' when the back gesture leaves it.
 */
function handOver(flow, name, note) {
  const { app, root } = flow;
  return new Promise((resolve) => {
    const section = screen(`Please pass the device to ${name}`,
      el('p', { text: note ?? 'You choose who can see what you answer next.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary',
          text: name === 'everyone' ? 'We\u2019re all here, continue' : `I\u2019m ${name}, continue`, on: { click: () => resolve('next') } })));
    clear(root).append(section);
    app.onBack(section, () => resolve('back'));
    focusHeading(root);
  });
}

/**
 * A way back that runs an earlier step again (`step`, a function); what fails there is shown
 * like any step's error. Without a step, back leaves the flow for home.
 */
function backTo(flow, step) {
  return () => Promise.resolve().then(step ?? (() => flow.app.refresh())).catch((error) => {
    clear(flow.root);
    showError(flow.root, error, () => flow.app.show('now'));
  });
}

/** Who a hand-over screen asks for: a partner by name; the owner by name or role. */
function handTo(flow, id) {
  return flow.isOwner(id) ? (flow.ownerName() ?? 'the device\u2019s owner') : flow.name(id);
}

export async function mount(root, ctx, params = {}) {
  const { api } = ctx;
  try {
    const [people, words] = await Promise.all([api.listProfiles(), api.feelings()]);
    const flow = { ...ctx, root, people, words };
    flow.person = (id) => flow.people.find((p) => p.id === id);
    flow.isOwner = (id) => Boolean(flow.person(id)?.isMe);
    // Names for sentences: the owner is "you" on their own screens; to the others, their
    // name, when they have given one (the profile made on the spot is just "Me").
    flow.name = (id) => flow.person(id)?.name ?? 'Someone';
    flow.ownerName = () => {
      const me = flow.people.find((p) => p.isMe);
      return me && me.name !== 'Me' ? me.name : null;
    };
    const chosen = params.session ?? (params.sessionId ? await api.getSession(params.sessionId) : null);
    const session = chosen ?? await api.openSession();
    if (params.stop) return await stopNow(flow, session);
    // The check-in brings the reflection to whoever chose to talk later (everyone, if the
    // session named nobody).
    const later = session?.talkLater?.length ? session.talkLater : null;
    if (params.reflectOnly && session) return await reflect(flow, session, { andEnd: false, only: later });
    if (!session) return await start(flow);
    // Chosen (from Home's "Continue where you left off", or back from its timer): carry on.
    // Found by "Aftercare now": ask.
    if (chosen) return await resume(flow, session, { afterTimer: params.from === 'timer' });
    return offerResume(flow, session);
  } catch (error) {
    showError(root, error, () => ctx.app.show('now'));
  }
}

const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** An unfinished session from the last few hours: carry on, or start fresh. */
function offerResume(flow, session) {
  const { api, root } = flow;
  const who = session.people.map((p) => (flow.isOwner(p.person) ? 'you' : flow.name(p.person)));
  clear(root).append(screen(`Carry on from ${clock(session.startedAtMs)}, or start fresh?`,
    el('p', { text: `${who.join(' and ').replace(/^you/, 'You')} \u00b7 ${kindOf(session)}` }),
    el('p', { class: 'fine', text: 'Starting fresh closes the earlier one as it is. It stays in your history, and its check-ins still come.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Carry on',
        on: { click: () => resume(flow, session, { back: backTo(flow, () => offerResume(flow, session)) }) } }),
      el('button', { type: 'button', text: 'Start fresh', on: { click: async () => {
        try {
          await api.endSession(session.id, false);
          await start(flow);
        } catch (error) {
          showError(root.querySelector('section'), error);
        }
      } } }))));
  focusHeading(root);
}

/** Carries on where `session` is. `back`: where the back gesture leads from its first step. */
function resume(flow, session, { afterTimer = false, back = null } = {}) {
  switch (session.step) {
    case 'check_in': return checkIns(flow, session, { back });
    case 'cards': return cards(flow, session, { afterTimer, back });
    case 'reflect': return session.stopped ? talkAboutIt(flow, session, { back }) : reflect(flow, session, { andEnd: true, back });
    default: return flow.app.show('home');
  }
}

// ---- 0. Something didn't feel OK ----

/**
 * The stop path: the open session (if any) stops; otherwise one starts for the device's
 * owner alone, asking nothing. Then its gentle cards, with Calm now first.
 */
async function stopNow(flow, open) {
  const { api, root } = flow;
  try {
    let session = open;
    if (!session) {
      await ensureMe(flow);
      const me = flow.people.find((p) => p.isMe);
      session = await api.startSession({ people: [{ person: me.id, role: null }], context: 'tender', intensity: 2,
        passDevice: false, minutesAvailable: null });
    }
    const stopped = await api.sessionStop(session.id);
    if (flow.signal.aborted) return;
    await cards(flow, stopped);
  } catch (error) {
    clear(root);
    showError(root, error, () => stopNow(flow, open));
  }
}

/** The way onto the stop path from a step of a session (or before one starts). */
function stopButton(onClick) {
  return el('button', { type: 'button', class: 'quiet stop-path', text: 'Something didn\u2019t feel OK',
    dataset: { action: 'stop' }, on: { click: onClick } });
}

// ---- 1. Who and what kind of moment ----

const INTENSITY = ['', 'gentle', 'mild', 'moderate', 'strong', 'very intense'];

/**
 * Two taps must be enough: a profile for the device's owner is made on the spot (named
 * later if they like); the screens call its owner "you".
 */
async function ensureMe(flow) {
  if (!flow.people.some((p) => p.isMe)) {
    flow.people = [await flow.api.saveProfile({ id: null, name: 'Me', isMe: true }), ...flow.people];
  }
}

/**
 * The session a start form began, when the person went back to the form and started again
 * with other answers: deleted while nothing is in it, else closed as "Start fresh" closes
 * one (it stays in the history, and its check-ins still come).
 */
async function putAside(api, id) {
  const s = await api.getSession(id);
  if (!s.checkIns.length && !s.accepted.length && !s.reflections.length) await api.deleteSession(id);
  else await api.endSession(id, false);
}

async function start(flow) {
  const { api, app, root } = flow;
  await ensureMe(flow);
  const roles = el('div', { class: 'roles' });
  // Roughly how much time there is: the cards then fit it (no rush by default).
  const time = el('div', { class: 'time-available', role: 'radiogroup', 'aria-label': 'How much time is there' },
    [['5', 'A few minutes'], ['30', 'Up to half an hour'], ['', 'No rush']].map(([v, label]) => el('label', { class: 'check' },
      el('input', { type: 'radio', name: 'minutes', value: v, checked: v === '' }), label)));
  const together = el('label', { class: 'check', hidden: true },
    el('input', { type: 'checkbox', name: 'pass_device' }), 'Answer privately, one at a time (pass the device)');
  const moments = el('div', { class: 'moments', role: 'radiogroup', 'aria-label': 'What kind of moment' },
    pairs(CONTEXT).map(([v, label]) => el('label', { class: 'check' },
      el('input', { type: 'radio', name: 'context', value: v, checked: v === 'tender' }), label)));
  const personBox = (p, checked) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'people', value: p.id, checked }), personLabel(p));
  const who = el('div', { class: 'who' }, flow.people.map((p) => personBox(p, p.isMe)));
  const newName = el('input', { name: 'new_person', maxlength: 40, autocomplete: 'off', placeholder: 'A name' });
  const addPerson = el('div', { class: 'add-person', role: 'group', 'aria-label': 'Add someone' },
    ...field('Someone else here?', newName),
    el('button', { type: 'button', text: 'Add', dataset: { action: 'add-person' } }));
  const intensity = el('input', { name: 'intensity', type: 'range', min: 1, max: 5, value: 2 });
  const intensitySays = el('p', { class: 'fine intensity-says', 'aria-hidden': 'true' });
  const showIntensity = () => {
    const label = `${intensity.value}: ${INTENSITY[intensity.value]}`;
    intensity.setAttribute('aria-valuetext', label);
    intensitySays.textContent = label;
  };
  intensity.addEventListener('input', showIntensity);
  showIntensity();
  const form = el('form', { class: 'stack', novalidate: true },
    el('fieldset', { class: 'checks' }, el('legend', { text: 'Who is here' }), who, addPerson),
    el('fieldset', {}, el('legend', { text: 'What kind of moment' }), moments),
    roles,
    ...field('How intense (1 gentle, 5 very)', intensity), intensitySays,
    el('fieldset', {}, el('legend', { text: 'How much time is there?' }), time),
    together,
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Start' }),
      el('button', { type: 'button', text: 'Skip to cards', dataset: { action: 'skip' } }),
      el('button', { type: 'button', class: 'quiet', text: 'Not now', dataset: { back: '' }, on: { click: () => app.show('home') } })),
    el('div', { class: 'actions' }, stopButton(() => stopNow(flow, null))));
  const section = screen('Aftercare now', el('p', { text: 'Take your time. Every step can be skipped.' }), form);
  clear(root).append(section);
  focusHeading(root);
  // Back from the first step after this one: this form again, as it was left.
  const backHere = backTo(flow, () => {
    clear(root).append(section);
    focusHeading(root);
  });
  // The session this form started, and what it asked for: starting again with the same
  // answers carries on with it; with others, it is put aside first (see `putAside`).
  let begun = null;

  function update() {
    const here = checked(form, 'people');
    const context = form.querySelector('input[name="context"]:checked').value;
    together.hidden = here.length < 2;
    drawRoles(roles, context === 'scene' ? here.map((id) => flow.person(id)) : []);
  }
  form.addEventListener('change', update);
  update();

  async function add() {
    form.querySelector('.notice')?.remove();
    const name = newName.value.trim();
    if (!name) { newName.focus(); return; }
    try {
      const p = await api.saveProfile({ id: null, name, isMe: false });
      flow.people = [...flow.people, p];
      who.append(personBox(p, true));
      newName.value = '';
      update();
      who.querySelector(`input[value="${p.id}"]`)?.focus();
    } catch (error) {
      showError(form, error);
      newName.focus();
    }
  }
  addPerson.querySelector('[data-action="add-person"]').addEventListener('click', add);
  newName.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  });

  async function begin(skipCheckIn) {
    form.querySelector('.notice')?.remove();
    const f = form.elements;
    const context = form.querySelector('input[name="context"]:checked').value;
    const here = checked(form, 'people');
    try {
      const asked = {
        people: here.map((id) => ({ person: id, role: context === 'scene' ? f[`role-${id}`]?.value || null : null })),
        context,
        intensity: Number(f.intensity.value),
        passDevice: here.length > 1 && f.pass_device.checked,
        minutesAvailable: Number(form.querySelector('input[name="minutes"]:checked')?.value) || null,
      };
      const same = begun?.asked === JSON.stringify(asked);
      if (begun && !same) await putAside(api, begun.session.id);
      let session = same ? begun.session : await api.startSession(asked);
      begun = { session, asked: JSON.stringify(asked) };
      if (skipCheckIn) {
        await api.sessionStep(session.id, 'cards');
        session = { ...session, step: 'cards' };
      }
      // The person may have hidden Tend or moved on while Rust answered.
      if (flow.signal.aborted) return;
      resume(flow, session, { back: backHere });
    } catch (error) {
      showError(form, error);
    }
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); begin(false); });
  form.querySelector('[data-action="skip"]').addEventListener('click', () => begin(true));
}

// ---- 2. Check-ins ----

/**
 * Each person's check-in, from the `from`th. Back from the first leads to `back` (or home);
 * from a later one, to the one before, handed over first when the device is passed.
 */
async function checkIns(flow, session, { from = 0, back = null } = {}) {
  const { api } = flow;
  // A plan agreed for these people and this moment is shown at the start, with its note.
  const plan = session.plan ? (await api.listPlans().catch(() => [])).find((p) => p.id === session.plan) : null;
  const last = session.people.length - 1;
  const again = (i) => checkIns(flow, session, { from: i, back });
  let i = from;
  // Coming back to someone's check-in, the device may be in someone else's hands.
  let returned = from > 0;
  while (i <= last) {
    const p = session.people[i];
    const handed = session.passDevice && (i > 0 || returned) ? await handOver(flow, handTo(flow, p.person)) : 'next';
    const done = handed === 'back' ? 'back' : await checkInOne(flow, session, p.person, 'before', i === 0 ? plan : null);
    if (done === 'back') {
      if (i === 0) return backTo(flow, back)();
      i -= 1;
      returned = true;
      continue;
    }
    if (done === 'end') return close(flow, session, { back: backTo(flow, () => again(i)) });
    if (done === 'stop') return stopNow(flow, session);
    i += 1;
  }
  if (session.passDevice && await handOver(flow, 'everyone', 'The next screen is for all of you.') === 'back') {
    return again(last);
  }
  await api.sessionStep(session.id, 'cards');
  return cards(flow, { ...session, step: 'cards' }, { back: backTo(flow, () => again(last)) });
}

/**
 * One person's check-in. Resolves 'next', 'end' when they chose to end here, or 'stop'
 * when something did not feel OK.
 */
function checkInOne(flow, session, person, stage, plan = null) {
  const { api, root } = flow;
  const me = flow.people.find((p) => p.id === person)?.isMe;
  let stop;
  const care = careNote(root, api, { signal: flow.signal, onStop: () => stop() });
  // "I'm not sure" answers the question in one tap: it sits with the corners, not after the form.
  const unsure = el('button', { type: 'button', class: 'feeling-unsure', text: 'I\u2019m not sure', dataset: { action: 'unsure' } });
  const grid = feelingGrid(flow.words, { unsure, onChange: (v) => care.show(careful(v, flow.words)) });
  const privacy = privacyChoice(api, { person, name: flow.name(person), isOwner: Boolean(me) },
    { together: !session.passDevice });
  const note = el('textarea', { name: 'note', rows: 2, maxlength: 1000 });
  const form = el('form', { class: 'stack', novalidate: true }, grid.node, care.node,
    ...field('Anything to add (optional)', note), privacy.node,
    el('div', { class: 'actions sticky-actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Next' }),
      el('button', { type: 'button', text: 'Skip', dataset: { action: 'skip' } }),
      el('button', { type: 'button', class: 'quiet', text: 'End here', dataset: { action: 'end' } })),
    el('div', { class: 'actions' }, stopButton(() => stop())));
  const title = stage === 'before'
    ? (me ? 'How are you feeling right now?' : `${flow.name(person)}, how are you feeling right now?`)
    : `${me ? 'And now' : `${flow.name(person)}, and now`}?`;
  const planNote = plan ? el('div', { class: 'notice plan-start', role: 'status' },
    el('p', { text: `Your plan \u201c${plan.name}\u201d comes first among the cards.` }),
    plan.note ? el('p', { class: 'plan-note-text', text: plan.note }) : null) : null;
  const section = screen(title, planNote, form);
  clear(root).append(section);
  focusHeading(root);
  return new Promise((resolve) => {
    stop = () => resolve('stop');
    flow.app.onBack(section, () => resolve('back'));
    const send = async (checkIn) => {
      form.querySelector(':scope > .notice')?.remove();
      if (!privacy.check(form)) return;
      try {
        await api.sessionCheckIn(session.id, person, stage, checkIn, note.value, privacy.value());
        resolve('next');
      } catch (error) {
        showError(form, error);
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(grid.value());
    });
    // One tap: an answer in itself, with no words chosen.
    form.querySelector('[data-action="unsure"]').addEventListener('click',
      () => send({ feelings: [], need: null, noTouch: false }));
    form.querySelector('[data-action="skip"]').addEventListener('click', () => resolve('next'));
    form.querySelector('[data-action="end"]').addEventListener('click', () => resolve('end'));
  });
}

// ---- 3. Cards ----

/** The cards. `back`: where the back gesture leads (the stop path's gentle cards: home). */
async function cards(flow, session, { afterTimer = false, back = null } = {}) {
  const { api, root } = flow;
  const fresh = await api.getSession(session.id);
  const accepted = el('div', { class: 'accepted' });
  const announce = el('p', { class: 'visually-hidden', role: 'status' });
  const box = el('div', { class: 'suggestions' });
  const gentle = fresh.stopped ? stopped(flow, fresh, () => suggestCards()) : null;
  const again = backTo(flow, () => cards(flow, fresh, { back }));
  clear(root).append(screen(gentle ? 'Slowly, from here' : 'A few rituals for now',
    gentle ? gentle.intro : el('p', { class: 'fine', text: 'Choose what suits you. Go at the pace of whoever needs more space.' }),
    fresh.forgotten ? el('p', { class: 'notice', role: 'status',
      text: 'Tend locked since the check-ins, so answers kept only for this moment are gone. The cards now go without them.' }) : null,
    gentle ? gentle.choices : null,
    helpsNote(flow, fresh),
    box,
    el('h2', { text: 'Your plan for now' }), announce, accepted,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Close the session', dataset: { action: 'close' },
        on: { click: () => close(flow, fresh, { back: again }) } })),
    gentle ? null : el('div', { class: 'actions' }, stopButton(() => stopNow(flow, fresh)))));
  if (back && !gentle) flow.app.onBack(root.lastElementChild, back);
  focusHeading(root);

  /** Draws the plan for now; a card just added shows that it was, and takes the focus. */
  async function drawAccepted(added = null) {
    const s = await api.getSession(session.id);
    fresh.accepted = s.accepted;
    const cards = await Promise.all(s.accepted.map((id) => api.getCard(id)));
    accepted.replaceChildren();
    if (!cards.length) accepted.append(el('p', { class: 'fine', text: 'Nothing chosen yet.' }));
    for (const card of cards) {
      const timer = card.timer ? el('button', { type: 'button', class: 'primary', text: 'Start the timer',
        on: { click: () => startCardTimer(flow, session, card) } }) : null;
      const node = ritualCard(card, { heading: 'h3', compact: true }, el('div', { class: 'actions' }, timer));
      if (card.id === added) {
        node.classList.add('just-added');
        node.prepend(el('p', { class: 'added-note', text: 'Added to your plan for now.' }));
      }
      accepted.append(node);
    }
    if (added) {
      const node = accepted.querySelector('.just-added');
      announce.textContent = `${node?.querySelector('.card-title')?.textContent ?? 'The card'} is in your plan for now.`;
      const target = node?.querySelector('button') ?? node?.querySelector('.card-title');
      if (target && !target.matches('button')) target.tabIndex = -1;
      target?.scrollIntoView({ block: 'center', behavior: 'instant' });
      target?.focus();
    }
  }
  await drawAccepted();
  const suggestCards = () => showSuggestions(box, (more) => api.sessionSuggest(session.id, more.exclude,
    more.shownCategories, more.count, gentle?.moments() ?? []), {
    onAccept: async (card) => { await api.sessionChoose(session.id, card.id, true); await drawAccepted(card.id); },
    onDecline: (card) => api.sessionChoose(session.id, card.id, false),
  });
  await suggestCards();
  // Back from a ritual's timer, closing is the likely next step: the focus waits on it
  // (once the cards above are drawn, so it stays in view), unless it has moved on.
  const closeButton = root.querySelector('[data-action="close"]');
  const idle = [document.body, root.querySelector('h1')];
  if (afterTimer && closeButton && !flow.signal.aborted && idle.includes(document.activeElement)) {
    closeButton.scrollIntoView({ block: 'center', behavior: 'instant' });
    closeButton.focus();
  }
}

/** What helps each person here, in their own words from their profile (if they wrote any). */
function helpsNote(flow, session) {
  const said = session.people.map((p) => flow.person(p.person)).filter((p) => p?.helps?.trim());
  if (!said.length) return null;
  return el('ul', { class: 'helps-note fine' }, said.map((p) => el('li', {},
    el('strong', { text: `What helps ${p.isMe ? 'you' : p.name}: ` }), p.helps.trim())));
}

/**
 * What the stop path adds to the cards: Calm now first, words without blame, and two
 * optional choices that change the cards: what happened (said for this screen only, never
 * kept) and who would like closeness (kept as a shared need, so touch may come back).
 * `refresh()` asks for the cards again.
 */
function stopped(flow, session, refresh) {
  const { api, root } = flow;
  const intro = [
    el('p', { text: 'Stopping is always OK, whoever asked for it. Nothing more has to happen now, and nobody is to blame for needing it.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Calm now', dataset: { action: 'calm-now' } }),
      careButtons(root, flow)),
  ];
  const what = el('details', { class: 'stop-choices' },
    el('summary', { text: 'Say what happened, if you want to (not saved)' }),
    el('fieldset', { class: 'checks' }, el('legend', { class: 'visually-hidden', text: 'What happened' }),
      pairs(MOMENT).map(([v, label]) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'moment', value: v }), label))));
  what.addEventListener('change', () => refresh());
  const closeness = el('fieldset', { class: 'checks stop-closeness' },
    el('legend', { text: 'Closeness, only if it would help' }),
    session.people.map((p) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'closeness', value: p.person,
        checked: session.checkIns.some((c) => c.person === p.person && c.checkIn.need === 'closeness') }),
      flow.isOwner(p.person) ? 'I would like closeness' : `${flow.name(p.person)} would like closeness`)));
  closeness.addEventListener('change', async (event) => {
    const box = event.target;
    closeness.querySelector('.notice')?.remove();
    try {
      await api.sessionCheckIn(session.id, box.value, 'after',
        { feelings: [], need: box.checked ? 'closeness' : null, noTouch: false, body: [] }, '', 'shared');
      refresh();
    } catch (error) {
      box.checked = !box.checked;
      showError(closeness, error);
    }
  });
  return { intro, choices: el('div', { class: 'stack' }, what, closeness), moments: () => checked(what, 'moment') };
}

async function startCardTimer(flow, session, card) {
  const { api, app } = flow;
  const kind = card.timer.kind === 'breathing' ? { kind: 'breathing', pattern: card.timer.pattern } : { kind: 'countdown' };
  try {
    const view = await api.startTimer({ kind, minutes: card.timer.minutes, label: card.title, session: session.id, card: card.id });
    app.show('timer', { id: view.id, session: session.id });
  } catch (error) {
    showError(flow.root.querySelector('.accepted'), error);
  }
}

// ---- 4. Close and reflect ----

/** How to close. `back`: where the back gesture leads (the cards). */
function close(flow, session, { back = null } = {}) {
  const { api, root } = flow;
  if (session.stopped) return talkAboutIt(flow, session, { back });
  // Back from the reflection: this screen again, and Rust's step with it.
  const again = backTo(flow, async () => {
    await api.sessionStep(session.id, 'cards');
    close(flow, session, { back });
  });
  clear(root).append(screen('How would you like to close?',
    el('p', { text: 'You can reflect now, or come back to it tomorrow. A gentle check-in will follow either way.' }),
    el('div', { class: 'actions stack' },
      el('button', { type: 'button', class: 'primary', text: 'Reflect now',
        on: { click: async () => {
          try {
            await api.sessionStep(session.id, 'reflect');
            await reflect(flow, session, { andEnd: true, back: again });
          } catch (error) {
            showError(root.querySelector('section'), error);
          }
        } } }),
      el('button', { type: 'button', text: 'Let\u2019s talk tomorrow', on: { click: () => finish(flow, session, true) } }),
      el('button', { type: 'button', class: 'quiet', text: 'Just finish', on: { click: () => finish(flow, session, false) } }))));
  if (back) flow.app.onBack(root.lastElementChild, back);
  focusHeading(root);
}

/**
 * After a stop, each person chooses to talk about it now (the reflection, here), later (it
 * comes to the check-in), or not at all. Nothing is chosen for anyone.
 */
function talkAboutIt(flow, session, { back = null } = {}) {
  const { api, root } = flow;
  const again = backTo(flow, async () => {
    await api.sessionStep(session.id, 'cards');
    talkAboutIt(flow, session, { back });
  });
  const TALK = [['now', 'Now'], ['later', 'Later, with a check-in'], ['never', 'Not at all']];
  const form = el('form', { class: 'stack', novalidate: true },
    session.people.map((p) => el('fieldset', { class: 'checks talk-choice', dataset: { person: p.person } },
      el('legend', { text: flow.isOwner(p.person) ? 'You' : flow.name(p.person) }),
      TALK.map(([v, label]) => el('label', { class: 'check' },
        el('input', { type: 'radio', name: `talk-${p.person}`, value: v }), label)))),
    el('p', { class: 'fine', text: 'Leaving it unanswered is fine too, and anyone can change their mind.' }),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Done' })));
  clear(root).append(screen('Talking about it',
    el('p', { text: 'You don\u2019t owe anyone a conversation about this. Each of you can choose to talk now, later, or not at all.' }),
    form));
  if (back) flow.app.onBack(root.lastElementChild, back);
  focusHeading(root);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chose = (v) => session.people.map((p) => p.person)
      .filter((id) => form.querySelector(`input[name="talk-${id}"]:checked`)?.value === v);
    try {
      const now = chose('now');
      if (now.length) {
        await api.sessionStep(session.id, 'reflect');
        if (await reflect(flow, session, { andEnd: false, only: now, thenHome: false, back: again }) === 'back') return;
      }
      await finish(flow, session, false, chose('later'));
    } catch (error) {
      showError(root.querySelector('section'), error);
    }
  });
}

/**
 * Each person's reflection (only those in `only`, when given), then the end or home. Back
 * from the first leads to `back` (or home), and resolves 'back'; from a later one, to the
 * one before, handed over first when the device is passed.
 */
async function reflect(flow, session, { andEnd, only = null, thenHome = true, back = null }) {
  const s = await flow.api.getSession(session.id);
  const who = only ? s.people.filter((p) => only.includes(p.person)) : s.people;
  let i = 0;
  let returned = false;
  for (;;) {
    if (i >= who.length) {
      if (!(s.passDevice && s.people.length > 1)) break;
      if (await handOver(flow, 'everyone', 'The next screen is for all of you.') !== 'back' || !who.length) break;
      i = who.length - 1;
      returned = true;
      continue;
    }
    const p = who[i];
    const handed = s.passDevice && (i > 0 || returned) ? await handOver(flow, handTo(flow, p.person)) : 'next';
    const result = handed === 'back' ? 'back' : await reflectOne(flow, s, p.person);
    if (result === 'back') {
      if (i === 0) {
        await backTo(flow, back)();
        return 'back';
      }
      i -= 1;
      returned = true;
      continue;
    }
    if (result === 'end') break;
    i += 1;
  }
  if (andEnd) return finish(flow, s, false);
  if (thenHome) flow.app.show('home');
}

function reflectOne(flow, s, person) {
  const { api, root } = flow;
  const me = flow.people.find((p) => p.id === person)?.isMe;
  const privacy = privacyChoice(api, { person, name: flow.name(person), isOwner: Boolean(me) },
    { together: !s.passDevice });
  const care = careNote(root, api, { signal: flow.signal });
  const after = feelingGrid(flow.words, { withNeeds: false, onChange: (v) => care.show(careful(v, flow.words)) });
  const calm = el('p', { class: 'notice calm', role: 'status',
    text: 'Thank you for saying so. If a limit of yours was crossed, that was not your fault, and freezing or going along is not the same as agreeing. Whether, when and with whom to talk about it is yours to choose, and you don\u2019t owe anyone that conversation. The choice below says who can see this answer.' });
  // Care for the body and support open in place of the form, which keeps every answer.
  const crossed = el('div', { class: 'crossed-limit', hidden: true }, calm,
    el('div', { class: 'actions' }, careButtons(root, flow)));
  const rituals = s.accepted.length ? el('fieldset', {}, el('legend', { text: 'How did each ritual land?' }),
    s.accepted.map((id) => el('div', { class: 'ritual-rating', dataset: { card: id } },
      el('p', { class: 'ritual-title', text: id }),
      el('div', { role: 'radiogroup' }, pairs(VERDICT).map(([v, label]) => el('label', { class: 'check' },
        el('input', { type: 'radio', name: `rate-${id}`, value: v }), label)))))) : null;
  // Whom the appreciation is about: partners by name; the owner by name if they gave one.
  const others = s.people.filter((p) => p.person !== person)
    .map((p) => (flow.isOwner(p.person) ? flow.ownerName() : flow.name(p.person))).filter(Boolean);
  const appreciate = others.length ? `Something you appreciated about ${others.join(' and ')}` : 'Something you appreciated';
  const form = el('form', { class: 'stack', novalidate: true },
    el('fieldset', {}, el('legend', { text: 'How are you feeling now? (optional)' }), after.node, care.node),
    ...field('What felt good?', el('textarea', { name: 'felt_good', rows: 2, maxlength: 1000 })),
    ...field('Anything you would want to be different?', el('textarea', { name: 'change', rows: 2, maxlength: 1000 })),
    el('fieldset', {}, el('legend', { text: 'Did anything feel uncomfortable or go past a limit?' }),
      el('p', { class: 'fine', text: 'Answer only if you want to. Who can see it is your choice below.' }),
      ...[['', 'I\u2019d rather not say'], ['no', 'No'], ['yes', 'Yes']].map(([v, label]) => el('label', { class: 'check' },
        el('input', { type: 'radio', name: 'uncomfortable', value: v, checked: v === '' }), label)),
      crossed,
      ...field('If you like, a note about it', el('textarea', { name: 'uncomfortable_note', rows: 2, maxlength: 1000 }))),
    s.people.length > 1 ? field(appreciate, el('textarea', { name: 'appreciation', rows: 2, maxlength: 1000 })) : null,
    rituals, privacy.node,
    el('div', { class: 'actions sticky-actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save' }),
      el('button', { type: 'button', text: 'Skip', dataset: { action: 'skip' } })));
  const section = screen(me ? 'A short reflection' : `${flow.name(person)}, a short reflection`, form);
  clear(root).append(section);
  focusHeading(root);
  // Ritual titles come from Rust too.
  for (const row of form.querySelectorAll('.ritual-rating')) {
    api.getCard(row.dataset.card).then((c) => { row.querySelector('.ritual-title').textContent = c.title; }).catch(() => {});
  }
  form.addEventListener('change', () => {
    crossed.hidden = form.querySelector('input[name="uncomfortable"]:checked')?.value !== 'yes';
  });
  return new Promise((resolve) => {
    flow.app.onBack(section, () => resolve('back'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.querySelector(':scope > .notice.error')?.remove();
      if (!privacy.check(form)) return;
      const f = form.elements;
      const text = (name) => f[name]?.value ?? '';
      const answer = form.querySelector('input[name="uncomfortable"]:checked')?.value;
      const reflection = {
        person,
        feltGood: text('felt_good'),
        change: text('change'),
        uncomfortable: answer === 'yes' ? true : answer === 'no' ? false : null,
        uncomfortableNote: text('uncomfortable_note'),
        appreciation: text('appreciation'),
        rituals: s.accepted.map((id) => [id, form.querySelector(`input[name="rate-${id}"]:checked`)?.value])
          .filter(([, v]) => v),
        privacy: privacy.value(),
      };
      try {
        const now = after.value();
        if (now.feelings.length) {
          await api.sessionCheckIn(s.id, person, 'after', now, '', privacy.value());
        }
        await api.sessionReflect(s.id, reflection);
        resolve('next');
      } catch (error) {
        showError(form, error);
      }
    });
    form.querySelector('[data-action="skip"]').addEventListener('click', () => resolve('next'));
  });
}

async function finish(flow, session, talkTomorrow, talkLater = []) {
  const { api, app, root } = flow;
  try {
    const ended = await api.endSession(session.id, talkTomorrow, talkLater);
    const when = (ms) => new Date(ms).toLocaleString([], { weekday: 'long', hour: '2-digit', minute: '2-digit' });
    const next = talkLater.length ? 'The first check-in will include a short reflection for whoever chose later.'
      : talkTomorrow ? 'Tomorrow\u2019s check-in will include a short reflection.' : 'Rest well.';
    clear(root).append(screen('Thank you for taking care',
      el('p', { text: next }),
      el('h2', { text: 'Gentle check-ins' }),
      el('ul', { class: 'follow-ups' }, ended.followUps.map((f) =>
        el('li', { dataset: { hours: f.afterHours }, text: `${when(f.dueAtMs)} (after ${f.afterHours} hours)` }))),
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', text: 'Home', dataset: { back: '' }, on: { click: () => app.show('home') } }))));
    focusHeading(root);
  } catch (error) {
    showError(root, error, () => finish(flow, session, talkTomorrow, talkLater));
  }
}
