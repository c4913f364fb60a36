// "Aftercare now", timers, reflection, follow-ups, history and support, with the core mocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

// People, cards and a session as Rust sends them (tests/contract/), renamed where a test
// reads better with plain names.
const profiles = reply('list_profiles').map((p) => (p.isMe ? { ...p, name: 'Me' } : p));
const [ME, SAM] = profiles.map((p) => p.id);
const card = reply('get_card');
const SID = reply('start_session').id;
/** A fresh session with nothing in it yet, as `start_session` answers, changed by `over`. */
const session = (over = {}) => ({ ...reply('start_session'), passDevice: false, plan: null, ...over });
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: { ok: profiles }, feelings: ok('feelings'),
  get_card: { ok: card }, list_cards: { ok: [card] },
  space_info: ok('space_info', { exists: false, answers: 0 }),
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);
const title = (page) => page.locator('h1').first().textContent();
/** Picks a feeling the way a person does: its corner of the grid first, then the word. */
const feel = async (page, corner, word) => {
  await page.getByRole('button', { name: new RegExp(`^${corner}`) }).click();
  await page.getByRole('button', { name: word, exact: true }).click();
};

test('home: one obvious Aftercare now, due check-ins, an open session and a running timer', async () => {
  const page = await h.open({ ...base,
    open_session: { ok: session({ step: 'cards' }) },
    current_timer: ok('current_timer', { label: 'Hand on the heart' }),
    due_follow_ups: { ok: reply('due_follow_ups').map((d) => ({ ...d, people: [[ME, 'Me'], [SAM, 'Sam']] })) },
    history: { ok: reply('history').map((s) => ({ ...s, people: ['Me', 'Sam'] })) } });
  await page.getByRole('button', { name: 'Aftercare now' }).waitFor();
  await page.getByRole('button', { name: /A gentle check-in is ready \(Me, Sam\)/ }).waitFor();
  await page.getByRole('button', { name: 'Continue where you left off' }).waitFor();
  await page.getByRole('button', { name: /A timer is running/ }).waitFor();
  assert.match(await page.locator('.home-recent').textContent(), /Me, Sam · Everyday, tender/);
});

test('two taps start a session with sensible defaults, and every check-in can be skipped', async () => {
  const page = await h.open({ ...base, start_session: { ok: session({ people: [{ person: ME, role: null }] }) },
    session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: ok('session_suggest', { plan: null, suggestions: [] }) });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  const started = (await callsTo(page, 'start_session'))[0].args;
  assert.deepEqual(started.start,
    { people: [{ person: ME, role: null }], context: 'tender', intensity: 2, passDevice: false, minutesAvailable: null },
    'no rush by default');
  assertSentShape(started, request('start_session'));
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  assert.deepEqual((await callsTo(page, 'session_step'))[0].args, { id: SID, step: 'cards' });
  assert.equal((await callsTo(page, 'session_check_in')).length, 0, 'a skipped check-in stores nothing');
});

test('pass the device: a hand-over screen between people, and sharing is each person\'s choice', async () => {
  const page = await h.open({ ...base, start_session: { ok: session({ passDevice: true }) },
    session_check_in: { ok: session() }, session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: ok('session_suggest', { plan: null, suggestions: [] }) });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByLabel('Sam').check();
  await page.getByLabel('Answer privately, one at a time (pass the device)').check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await feel(page, 'Soft, calm', 'calm');
  await page.getByLabel('I need space').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Please pass the device to Sam' }).waitFor();
  await page.getByRole('button', { name: 'I’m Sam, continue' }).click();
  await page.getByRole('heading', { name: 'Sam, how are you feeling right now?' }).waitFor();
  await feel(page, 'Low', 'sad');
  await page.getByLabel('Anything to add (optional)').fill('for me');
  assert.equal(await page.getByLabel('Only me, not kept').isChecked(), true, 'not kept unless Sam says otherwise');
  await page.getByText(/then forgotten when this ends or Tend locks/).waitFor();
  await page.getByLabel('Everyone here').check();
  await page.getByRole('button', { name: 'Next' }).click();
  const sent = (await callsTo(page, 'session_check_in')).map((c) => c.args);
  assert.deepEqual(sent[0], { id: SID, person: ME, stage: 'before', checkIn: { feelings: ['calm'], need: 'space', noTouch: false, body: [] }, note: '', privacy: 'kept' });
  assert.deepEqual(sent[1], { id: SID, person: SAM, stage: 'before', checkIn: { feelings: ['sad'], need: null, noTouch: false, body: [] }, note: 'for me', privacy: 'shared' });
  for (const s of sent) assertSentShape(s, request('session_check_in'));
});

test('cards: a plan comes first; accepting and setting aside are told to Rust', async () => {
  const page = await h.open({ ...base, open_session: { ok: session({ step: 'cards' }) }, get_session: { ok: session({ step: 'cards' }) },
    session_suggest: ok('session_suggest', { plan: { ...reply('session_suggest').plan, name: 'Friday' },
      suggestions: [{ card, reason: 'From your plan “Friday”.' },
        { card: { ...card, id: 'water', title: 'Water', timer: null, category: 'practical' }, reason: 'Something plain.' }] }),
    session_choose: ok('session_choose') });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Carry on' }).click();
  await page.getByText('Your plan “Friday” comes first.').waitFor();
  await set(page, 'get_session', { ok: session({ step: 'cards', accepted: ['hand-on-heart'] }) });
  await page.locator('.suggestions .ritual-card').first().getByRole('button', { name: 'I’ll do this' }).click();
  await page.locator('.accepted').getByRole('button', { name: 'Start the timer' }).waitFor();
  await page.getByText('Added to your plan for now.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Start the timer',
    'the next step has the keyboard');
  assert.equal(await page.locator('.accepted .card-title').first().evaluate((h) => h.tagName), 'H3', 'under its h2');
  await page.locator('.suggestions').getByRole('button', { name: 'Not now' }).click();
  const choices = (await callsTo(page, 'session_choose')).map((c) => c.args);
  assert.deepEqual(choices, [{ id: SID, card: 'hand-on-heart', accept: true }, { id: SID, card: 'water', accept: false }]);
});

test('the timer shows what Rust says, pauses, and says when time is up; eyes-closed mode comes and goes', async () => {
  const view = (over) => ok('timer_view', { id: 't', label: 'Box breathing', totalMs: 240000, elapsedMs: 61000,
    remainingMs: 179000, phase: { ...reply('timer_view').phase, breath: 'in' }, ...over });
  const page = await h.open({ ...base, current_timer: { ok: view().ok }, timer_view: view(), timer_action: view({ status: 'paused' }) });
  await page.getByRole('button', { name: /A timer is running/ }).click();
  await page.getByRole('timer').waitFor();
  assert.equal(await page.getByRole('timer').textContent(), '2:59');
  assert.equal(await page.locator('.pacer-cue').textContent(), 'Breathe in');
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.deepEqual((await callsTo(page, 'timer_action'))[0].args, { id: 't', action: 'pause', minutes: null });
  await page.getByRole('button', { name: 'Eyes closed' }).click();
  assert.equal(await page.locator('.eyes-closed').isVisible(), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.eyes-closed').isVisible(), false);
  await set(page, 'timer_view', view({ status: 'finished', remainingMs: 0, phase: null }));
  await page.getByText('Time is up. Take your time.').waitFor();
  await page.getByRole('button', { name: '+5 min' }).click();
  assert.deepEqual((await callsTo(page, 'timer_action'))[1].args, { id: 't', action: 'extend', minutes: 5 });
});

test('reduced motion: the pacer stays still and its words carry the rhythm', async () => {
  const v = { ...reply('timer_view'), id: 't', kind: { kind: 'breathing', pattern: 'resonance' }, label: '',
    phase: { ...reply('timer_view').phase, breath: 'out', progress: 100 } };
  const page = await h.open({ ...base, current_timer: { ok: v }, timer_view: { ok: v } }, { reducedMotion: 'reduce' });
  await page.getByRole('button', { name: /A timer is running/ }).click();
  await page.locator('.pacer-cue', { hasText: 'Breathe out slowly' }).waitFor();
  assert.equal(await page.locator('.pacer-dot').evaluate((e) => getComputedStyle(e).transform), 'none');
});

test('reflection: a "yes" to discomfort gets a calm word, and a partner\'s answer is not kept by default', async () => {
  const s = session({ step: 'reflect', passDevice: true, people: [{ person: SAM, role: null }], accepted: ['hand-on-heart'] });
  const page = await h.open({ ...base, open_session: { ok: s }, get_session: { ok: s }, session_reflect: ok('session_reflect'),
    end_session: ok('end_session', { session: s }) });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Carry on' }).click();
  await page.getByLabel('What felt good?').fill('The quiet');
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByText(/Thank you for saying so\. If a limit of yours was crossed, that was not your fault/).waitFor();
  await page.getByLabel('If you like, a note about it').fill('too fast once');
  await page.getByLabel('Helped').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Thank you for taking care' }).waitFor();
  const args = (await callsTo(page, 'session_reflect'))[0].args;
  assertSentShape(args, request('session_reflect'));
  const r = args.reflection;
  assert.equal(r.uncomfortable, true);
  assert.equal(r.privacy, 'not_kept', 'only Sam, and not kept, unless Sam chooses otherwise');
  assert.equal(r.uncomfortableNote, 'too fast once');
  assert.equal(r.feltGood, 'The quiet');
  assert.deepEqual(r.rituals, [['hand-on-heart', 'helped']]);
});

test('answering beside the others, a partner can keep a reflection in a space made on the spot', async () => {
  const s = session({ step: 'reflect', passDevice: false, people: [{ person: SAM, role: null }] });
  const page = await h.open({ ...base, open_session: { ok: s }, get_session: { ok: s }, session_reflect: ok('session_reflect'),
    end_session: ok('end_session', { session: s }), make_space: ok('make_space'),
    assess_passphrase: ok('assess_passphrase') });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Carry on' }).click();
  await page.getByLabel('If you like, a note about it').fill('a limit was crossed');
  await page.getByLabel('Only me, kept').check();
  await page.getByText('There is no recovery code for a space.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/make your space first/).waitFor();
  assert.equal((await callsTo(page, 'session_reflect')).length, 0, 'nothing is sent before the space exists');
  await page.getByLabel('Your own passphrase').fill('amber willow gently hums');
  await page.getByLabel('The same again').fill('amber willow gently hums');
  await page.getByRole('button', { name: 'Make my space' }).click();
  await page.getByText(/Sealed in your own space/).waitFor();
  const made = (await callsTo(page, 'make_space'))[0].args;
  assert.deepEqual(made, { person: SAM, passphrase: 'amber willow gently hums', moveEarlier: false });
  assertSentShape(made, request('make_space'));
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Thank you for taking care' }).waitFor();
  const r = (await callsTo(page, 'session_reflect'))[0].args.reflection;
  assert.equal(r.privacy, 'kept');
  assert.equal(r.uncomfortableNote, 'a limit was crossed');
});

test('a low follow-up offers grounding, which walks through 5-4-3-2-1', async () => {
  const sample = reply('due_follow_ups')[0];
  const due = { ...sample, followUp: { ...sample.followUp, id: 'f' }, people: [[ME, 'Me']], talkTomorrow: false };
  const page = await h.open({ ...base, due_follow_ups: { ok: [due] }, answer_follow_up: { ok: true }, complete_follow_up: ok('complete_follow_up') });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
  await feel(page, 'Low', 'sad');
  await page.getByLabel('I’m feeling low').check();
  await page.getByRole('button', { name: 'Save' }).click();
  const answered = (await callsTo(page, 'answer_follow_up'))[0].args;
  assert.deepEqual(answered, { id: 'f', person: ME, checkIn: { feelings: ['sad'], need: null, noTouch: false, body: [] }, low: true, need: '', privacy: 'kept',
    drop: null, notRight: null });
  assertSentShape(answered, request('answer_follow_up'));
  await page.getByRole('button', { name: 'A grounding exercise (5-4-3-2-1)' }).click();
  for (const n of ['5', '4', '3', '2']) {
    assert.equal(await page.locator('.grounding-count').textContent(), n);
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.equal((await callsTo(page, 'complete_follow_up')).length, 1);
});

test('history shows what Rust allows and deletes only after a second yes', async () => {
  // As Rust shows Sam's session to the device's owner: Sam's private parts withheld.
  const seen = reply('get_session');
  const withheld = { ...seen, endedAtMs: 1, checkIns: [seen.checkIns[1]],
    reflections: [{ ...seen.reflections[0], feltGood: { text: 'Warmth', shared: true, withheld: false } }] };
  const listed = reply('session_follow_ups')[0];
  const followUp = { ...listed, doneAtMs: 5, answers: [listed.answers[0], { ...listed.answers[1], person: ME, held: null, withheld: false,
    checkIn: { ...listed.answers[1].checkIn, feelings: ['calm'] } }] };
  const page = await h.open({ ...base, history: { ok: reply('history').map((s) => ({ ...s, people: ['Me', 'Sam'] })) },
    get_session: { ok: withheld }, delete_session: ok('delete_session'), session_follow_ups: { ok: [followUp] } });
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await page.locator('.history-item').first().click();
  await page.getByText('Warmth').waitFor();
  assert.match(await page.locator('.check-ins').textContent(), /Sam kept an answer private\./);
  assert.match(await page.locator('.session-follow-ups').textContent(), /After 24 hours: done.*Sam kept an answer private\..*Me: calm/);
  assert.deepEqual((await callsTo(page, 'get_session')).at(-1).args, { id: SID }, 'Rust decides who is looking');
  await page.getByRole('button', { name: 'Delete' }).click();
  assert.equal((await callsTo(page, 'delete_session')).length, 0, 'not yet');
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  assert.deepEqual((await callsTo(page, 'delete_session'))[0].args, { id: SID });
});

test('support lists services offline and keeps trusted contacts; a refusal is shown', async () => {
  const listed = reply('support');
  const page = await h.open({ ...base, support: { ok: { ...listed, contacts: [] } },
    save_contact: { error: { code: 'invalid', message: 'A contact has a name (up to 60 characters) and how to reach them (up to 200).' } } });
  await page.locator('.home-grid').getByRole('button', { name: 'Support' }).click();
  await page.getByText(listed.resources[1].contact).first().waitFor();
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /A contact has a name/);
});

test('a running timer on screen keeps the idle lock away; a paused one does not', async () => {
  const running = { ...reply('timer_view'), id: 't', kind: { kind: 'countdown' }, label: 'Cuddle', phase: null };
  const page = await h.open({ ...base, current_timer: { ok: running }, timer_view: { ok: running }, report_activity: ok('report_activity') });
  // A programmatic click: no pointer or key event, so only the timer can report activity.
  await page.getByRole('button', { name: /A timer is running/ }).waitFor();
  await page.evaluate(() => document.querySelector('.banner').click());
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'report_activity'));
  const paused = await h.open({ ...base, current_timer: { ok: running }, timer_view: { ok: { ...running, status: 'paused' } }, report_activity: ok('report_activity') });
  await paused.getByRole('button', { name: /A timer is running/ }).waitFor();
  await paused.evaluate(() => document.querySelector('.banner').click());
  await paused.getByText('Paused.').waitFor();
  await paused.waitForTimeout(600);
  assert.equal((await callsTo(paused, 'report_activity')).length, 0);
});

test('a partner opens their own space with their passphrase; the owner can only delete it unread, after a warning', async () => {
  const opened = reply('open_space');
  const page = await h.open({ ...base, space_info: ok('space_info', { exists: true, answers: 1, earlierPrivate: 2 }),
    open_space: { ok: opened }, delete_space_unread: ok('delete_space_unread'), move_earlier_private: ok('move_earlier_private'),
    delete_earlier_private: ok('delete_earlier_private') });
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Sam’s own space' }).click();
  await page.getByRole('heading', { name: 'Sam’s own space' }).waitFor();
  await page.getByText('1 answer is kept here. Only Sam’s passphrase opens them.').waitFor();
  await page.getByText(/Tend holds 2 private answers from Sam from before spaces/).waitFor();
  await page.getByLabel('Sam’s passphrase').fill('amber willow gently hums');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('heading', { name: 'What you kept' }).waitFor();
  await page.getByText('To change: A slower start.').waitFor();
  const asked = (await callsTo(page, 'open_space'))[0].args;
  assert.deepEqual(asked, { person: SAM, passphrase: 'amber willow gently hums' });
  assert.equal(await page.getByLabel('Sam’s passphrase').inputValue(), '', 'the passphrase does not stay in the field');
  await page.getByRole('button', { name: 'Close my space' }).click();
  assert.equal(await page.getByText('To change: A slower start.').count(), 0);
  await page.getByRole('button', { name: 'Move them into Sam’s space' }).click();
  assert.deepEqual((await callsTo(page, 'move_earlier_private'))[0].args, { person: SAM });
  await page.getByText('For the device’s owner').click();
  await page.getByRole('button', { name: 'Delete without opening' }).click();
  assert.equal((await callsTo(page, 'delete_space_unread')).length, 0, 'a warning first');
  await page.getByText(/without opening it\. It cannot be undone/).waitFor();
  await page.getByRole('button', { name: 'Yes, delete Sam’s space' }).click();
  await page.getByRole('heading', { name: 'People' }).waitFor();
  assert.deepEqual((await callsTo(page, 'delete_space_unread'))[0].args, { person: SAM });
});

test('a follow-up for a partner starts with a hand-over and offers the same three answers', async () => {
  const sample = reply('due_follow_ups')[0];
  const due = { ...sample, followUp: { ...sample.followUp, id: 'f' }, people: [[ME, 'Me'], [SAM, 'Sam']], talkTomorrow: false };
  const page = await h.open({ ...base, due_follow_ups: { ok: [due] }, answer_follow_up: { ok: false }, complete_follow_up: ok('complete_follow_up') });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('heading', { name: 'Me, how are you today?' }).waitFor();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('heading', { name: 'Please pass the device to Sam' }).waitFor();
  await page.getByRole('button', { name: 'I’m Sam, continue' }).click();
  await page.getByRole('heading', { name: 'Sam, how are you today?' }).waitFor();
  for (const label of ['Everyone here', 'Only me, kept', 'Only me, not kept']) await page.getByLabel(label).waitFor();
  await page.getByLabel('What would help you today?').fill('a quiet call');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  const answered = (await callsTo(page, 'answer_follow_up'))[0].args;
  assert.equal(answered.person, SAM);
  assert.equal(answered.privacy, 'not_kept');
  assertSentShape(answered, request('answer_follow_up'));
});

test('an unfinished session from earlier tonight is offered, not resumed silently; starting fresh closes it', async () => {
  const earlier = session({ step: 'cards', startedAtMs: new Date(2026, 10, 28, 21, 40).getTime(),
    people: [{ person: ME, role: null }, { person: SAM, role: null }] });
  const page = await h.open({ ...base, open_session: { ok: earlier }, end_session: ok('end_session'),
    start_session: { ok: session() } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  const asked = await page.getByRole('heading', { level: 1 }).textContent();
  assert.match(asked, /^Carry on from (21:40|09:40 PM), or start fresh\?$/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the question');
  await page.getByText('You and Sam · Everyday, tender').waitFor();
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await page.getByRole('heading', { name: 'Aftercare now' }).waitFor();
  assert.deepEqual((await callsTo(page, 'end_session'))[0].args, { id: SID, talkTomorrow: false, talkLater: [] });
});

test('the start screen: roles keep what was chosen, someone can be added by name, and intensity says its value', async () => {
  const page = await h.open({ ...base, save_profile: ok('save_profile', { id: '0'.repeat(30) + '99', name: 'Alex', isMe: false }),
    start_session: { ok: session() }, session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: ok('session_suggest', { plan: null, suggestions: [] }) });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('heading', { name: 'Aftercare now' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  await page.getByLabel('You', { exact: true }).waitFor();
  await page.getByLabel('Sam').check();
  await page.getByLabel('A scene').check();
  assert.equal(await page.getByLabel('Your role').inputValue(), '', 'no role until one is chosen');
  await page.getByLabel('Your role').selectOption('top');
  await page.getByLabel('Sam’s role').selectOption('bottom');
  await page.getByLabel('Someone else here?').fill('Alex');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const alex = page.getByRole('checkbox', { name: 'Alex' });
  await alex.waitFor();
  assert.equal(await alex.isChecked(), true, 'added and here');
  assert.equal(await page.getByLabel('Your role').inputValue(), 'top', 'a change elsewhere keeps the roles');
  assert.equal(await page.getByLabel('Sam’s role').inputValue(), 'bottom');
  assert.deepEqual((await callsTo(page, 'save_profile'))[0].args.profile, { id: null, name: 'Alex', isMe: false });
  const slider = page.getByLabel('How intense (1 gentle, 5 very)');
  await slider.fill('4');
  assert.equal(await slider.getAttribute('aria-valuetext'), '4: strong');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const started = (await callsTo(page, 'start_session'))[0].args.start;
  assert.deepEqual(started.people.slice(0, 2), [{ person: ME, role: 'top' }, { person: SAM, role: 'bottom' }]);
});

test('a check-in shows five corners first, the words of one, a one-tap "not sure", and Next in view', async () => {
  const page = await h.open({ ...base, start_session: { ok: session({ people: [{ person: ME, role: null }] }) },
    session_check_in: { ok: session() }, session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: ok('session_suggest', { plan: null, suggestions: [] }) }, { viewport: { width: 390, height: 700 } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  assert.equal(await page.locator('.feeling-corner').count(), 5);
  assert.equal(await page.locator('button.feeling:visible').count(), 0, 'no words until a corner is chosen');
  await page.getByRole('button', { name: /^Wound up/ }).click();
  const shown = await page.locator('button.feeling:visible').count();
  assert.ok(shown > 0 && shown < 12, `only that corner's words: ${shown}`);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('feeling')), true, 'focus moves to its words');
  const next = page.getByRole('button', { name: 'Next' });
  assert.equal(await next.isVisible(), true);
  const box = await next.boundingBox();
  assert.ok(box.y + box.height <= 700, `Next is in view: ${JSON.stringify(box)}`);
  await page.getByRole('button', { name: 'I’m not sure' }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  const sent = (await callsTo(page, 'session_check_in'))[0].args;
  assert.deepEqual(sent.checkIn, { feelings: [], need: null, noTouch: false });
});

test('the body check is folded away, says to get care for strong pain, and is sent with the check-in', async () => {
  const page = await h.open({ ...base, start_session: { ok: session({ people: [{ person: ME, role: null }] }) },
    session_check_in: { ok: session() }, session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: ok('session_suggest', { plan: null, suggestions: [] }) });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  assert.equal(await page.getByLabel('Thirsty').isVisible(), false, 'folded away until asked for');
  await page.getByText('Your body (optional)').click();
  const note = page.getByText('If pain is strong, sudden or does not ease, please get medical care.');
  assert.equal(await note.isVisible(), false);
  await page.getByLabel('Pain').check();
  assert.equal(await note.isVisible(), true);
  await page.getByLabel('Thirsty').check();
  await page.getByRole('button', { name: /^Mixed/ }).click();
  await page.locator('button.feeling[data-word="floaty"]').click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  const sent = (await callsTo(page, 'session_check_in'))[0].args;
  assert.deepEqual(sent.checkIn, { feelings: ['floaty'], need: null, noTouch: false, body: ['pain', 'thirsty'] });
  assertSentShape(sent, request('session_check_in'));
});
