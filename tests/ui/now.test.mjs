// "Aftercare now", timers, reflection, follow-ups, history and support, with the core mocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';

const ME = '1'.repeat(32);
const SAM = '2'.repeat(32);
const SID = 'a'.repeat(32);
const profile = (id, name, is_me) => ({ id, name, is_me, closeness: null, talk: null, touch_comfort: null, needs: [],
  hard_limits: { cards: [], categories: [], max_touch: null, items: [] }, favourites: [], trauma_sensitive: false });
const words = [
  { word: 'overwhelmed', energy: 2, pleasantness: -2 }, { word: 'calm', energy: -1, pleasantness: 1 },
  { word: 'tender', energy: -1, pleasantness: 2 }, { word: 'sad', energy: -1, pleasantness: -2 },
];
const card = { id: 'hand-on-heart', title: 'Hand on the heart', how: 'Rest a hand on the heart.', why: 'It may settle you.',
  category: 'touch', contexts: ['tender'], roles: [], touch: 'light', talk: 'quiet', energy: 'low', minutes: 3,
  items: [], timer: { kind: 'countdown', minutes: 3 }, needs_partner: true, predictable: true, custom: false };
const session = (over = {}) => ({ id: SID, startedAtMs: 1_700_000_000_000, endedAtMs: null,
  people: [{ person: ME, role: null }, { person: SAM, role: null }], context: 'tender', intensity: 2, passDevice: false,
  seed: 1, plan: null, checkIns: [], accepted: [], declined: [], reflections: [], talkTomorrow: false, step: 'check_in', ...over });
const base = {
  vault_status: { ok: { exists: true, unlocked: true, failures: 0, retryAfterMs: 0, recoveryPending: false } },
  get_settings: { ok: { auto_lock_minutes: 5, theme: 'dark', follow_up_hours: 24, follow_up_extra: true, sound: false, haptics: true } },
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: { ok: [profile(ME, 'Me', true), profile(SAM, 'Sam', false)] }, feelings: { ok: words },
  get_card: { ok: card }, list_cards: { ok: [card] },
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);
const title = (page) => page.locator('h1').first().textContent();

test('home: one obvious Aftercare now, due check-ins, an open session and a running timer', async () => {
  const page = await h.open({ ...base,
    open_session: { ok: session({ step: 'cards' }) },
    current_timer: { ok: { id: 't', label: 'Hand on the heart', status: 'running', remainingMs: 60000 } },
    due_follow_ups: { ok: [{ followUp: { id: 'f', session: SID, afterHours: 24, answers: [] }, people: [[ME, 'Me'], [SAM, 'Sam']], startedAtMs: 0, talkTomorrow: false }] },
    history: { ok: [{ id: SID, startedAtMs: 1_700_000_000_000, endedAtMs: 1, people: ['Me', 'Sam'], context: 'tender', rituals: 1 }] } });
  await page.getByRole('button', { name: 'Aftercare now' }).waitFor();
  await page.getByRole('button', { name: /A gentle check-in is ready \(Me, Sam\)/ }).waitFor();
  await page.getByRole('button', { name: 'Continue where you left off' }).waitFor();
  await page.getByRole('button', { name: /A timer is running/ }).waitFor();
  assert.match(await page.locator('.home-recent').textContent(), /Me, Sam · Everyday, tender/);
});

test('two taps start a session with sensible defaults, and every check-in can be skipped', async () => {
  const page = await h.open({ ...base, start_session: { ok: session({ people: [{ person: ME, role: null }] }) },
    session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: { ok: { plan: null, suggestions: [] } } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  assert.deepEqual((await callsTo(page, 'start_session'))[0].args.start,
    { people: [{ person: ME, role: null }], context: 'tender', intensity: 2, passDevice: false });
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  assert.deepEqual((await callsTo(page, 'session_step'))[0].args, { id: SID, step: 'cards' });
  assert.equal((await callsTo(page, 'session_check_in')).length, 0, 'a skipped check-in stores nothing');
});

test('pass the device: a hand-over screen between people, and sharing is each person\'s choice', async () => {
  const page = await h.open({ ...base, start_session: { ok: session({ passDevice: true }) },
    session_check_in: { ok: session() }, session_step: { ok: null }, get_session: { ok: session() },
    session_suggest: { ok: { plan: null, suggestions: [] } } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByLabel('Sam').check();
  await page.getByLabel('Answer privately, one at a time (pass the device)').check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: 'calm' }).click();
  await page.getByLabel('I need space').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Please pass the device to Sam' }).waitFor();
  await page.getByRole('button', { name: 'I’m Sam, continue' }).click();
  await page.getByRole('heading', { name: 'Sam, how are you feeling right now?' }).waitFor();
  await page.getByRole('button', { name: 'sad' }).click();
  await page.getByLabel('Anything to add (optional)').fill('for me');
  await page.getByLabel('Let the others see this').check();
  await page.getByRole('button', { name: 'Next' }).click();
  const sent = (await callsTo(page, 'session_check_in')).map((c) => c.args);
  assert.deepEqual(sent[0], { id: SID, person: ME, stage: 'before', checkIn: { feelings: ['calm'], need: 'space', no_touch: false }, note: '', shared: false });
  assert.deepEqual(sent[1], { id: SID, person: SAM, stage: 'before', checkIn: { feelings: ['sad'], need: null, no_touch: false }, note: 'for me', shared: true });
});

test('cards: a plan comes first; accepting and setting aside are told to Rust', async () => {
  const page = await h.open({ ...base, open_session: { ok: session({ step: 'cards' }) }, get_session: { ok: session({ step: 'cards' }) },
    session_suggest: { ok: { plan: { name: 'Friday' }, suggestions: [{ card, reason: 'From your plan “Friday”.', score: 1 },
      { card: { ...card, id: 'water', title: 'Water', timer: null, category: 'practical' }, reason: 'Something plain.', score: 1 }] } },
    session_choose: { ok: null } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByText('Your plan “Friday” comes first.').waitFor();
  await set(page, 'get_session', { ok: session({ step: 'cards', accepted: ['hand-on-heart'] }) });
  await page.locator('.suggestions .ritual-card').first().getByRole('button', { name: 'I’ll do this' }).click();
  await page.locator('.accepted').getByRole('button', { name: 'Start the timer' }).waitFor();
  await page.locator('.suggestions').getByRole('button', { name: 'Not now' }).click();
  const choices = (await callsTo(page, 'session_choose')).map((c) => c.args);
  assert.deepEqual(choices, [{ id: SID, card: 'hand-on-heart', accept: true }, { id: SID, card: 'water', accept: false }]);
});

test('the timer shows what Rust says, pauses, and says when time is up; eyes-closed mode comes and goes', async () => {
  const view = (over) => ({ ok: { id: 't', kind: { kind: 'breathing', pattern: 'box' }, label: 'Box breathing', status: 'running',
    totalMs: 240000, elapsedMs: 61000, remainingMs: 179000, phase: { breath: 'in', progress: 500, remainingMs: 2000, index: 3 }, ...over } });
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
  const v = { id: 't', kind: { kind: 'breathing', pattern: 'resonance' }, label: '', status: 'running', totalMs: 60000,
    elapsedMs: 0, remainingMs: 60000, phase: { breath: 'out', progress: 100, remainingMs: 4000, index: 1 } };
  const page = await h.open({ ...base, current_timer: { ok: v }, timer_view: { ok: v } }, { reducedMotion: 'reduce' });
  await page.getByRole('button', { name: /A timer is running/ }).click();
  await page.locator('.pacer-cue', { hasText: 'Breathe out slowly' }).waitFor();
  assert.equal(await page.locator('.pacer-dot').evaluate((e) => getComputedStyle(e).transform), 'none');
});

test('reflection: a "yes" to discomfort gets a calm word, private by default in pass-the-device mode', async () => {
  const s = session({ step: 'reflect', passDevice: true, people: [{ person: SAM, role: null }], accepted: ['hand-on-heart'] });
  const page = await h.open({ ...base, open_session: { ok: s }, get_session: { ok: s }, session_reflect: { ok: null },
    end_session: { ok: { session: s, followUps: [{ afterHours: 24, dueAtMs: 1_700_086_400_000 }] } } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByLabel('What felt good?').fill('The quiet');
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByText(/Thank you for saying so\. Nothing here is scored/).waitFor();
  await page.getByLabel('If you like, a note about it').fill('too fast once');
  await page.getByLabel('Helped').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Thank you for taking care' }).waitFor();
  const r = (await callsTo(page, 'session_reflect'))[0].args.reflection;
  assert.equal(r.uncomfortable, true);
  assert.equal(r.uncomfortableShared, false, 'private unless chosen');
  assert.deepEqual(r.uncomfortableNote, { text: 'too fast once', shared: false });
  assert.deepEqual(r.feltGood, { text: 'The quiet', shared: false }, 'private by default too');
  assert.deepEqual(r.rituals, [['hand-on-heart', 'helped']]);
});

test('a low follow-up offers grounding, which walks through 5-4-3-2-1', async () => {
  const due = { followUp: { id: 'f', session: SID, afterHours: 24, answers: [] }, people: [[ME, 'Me']], startedAtMs: 0, talkTomorrow: false };
  const page = await h.open({ ...base, due_follow_ups: { ok: [due] }, answer_follow_up: { ok: true }, complete_follow_up: { ok: null } });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
  await page.getByRole('button', { name: 'sad' }).click();
  await page.getByLabel('I’m feeling low').check();
  await page.getByRole('button', { name: 'Save' }).click();
  assert.deepEqual((await callsTo(page, 'answer_follow_up'))[0].args,
    { id: 'f', person: ME, checkIn: { feelings: ['sad'], need: null, no_touch: false }, low: true, need: '' });
  await page.getByRole('button', { name: 'A grounding exercise (5-4-3-2-1)' }).click();
  for (const n of ['5', '4', '3', '2']) {
    assert.equal(await page.locator('.grounding-count').textContent(), n);
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Hello again' }).waitFor();
  assert.equal((await callsTo(page, 'complete_follow_up')).length, 1);
});

test('history shows what Rust allows and deletes only after a second yes', async () => {
  const withheld = session({ endedAtMs: 1, passDevice: true, accepted: ['hand-on-heart'],
    checkIns: [{ person: SAM, atMs: 0, stage: 'before', checkIn: { feelings: [], need: null, no_touch: false }, note: '', shared: false, withheld: true }],
    reflections: [{ person: SAM, atMs: 0, feltGood: { text: 'Warmth', shared: true, withheld: false }, change: { text: '', shared: false, withheld: true },
      uncomfortable: null, uncomfortableShared: false, uncomfortableNote: { text: '', shared: false, withheld: true },
      appreciation: { text: '', shared: true, withheld: false }, rituals: [] }] });
  const page = await h.open({ ...base, history: { ok: [{ id: SID, startedAtMs: 1_700_000_000_000, endedAtMs: 1, people: ['Me', 'Sam'], context: 'tender', rituals: 1 }] },
    get_session: { ok: withheld }, delete_session: { ok: null },
    session_follow_ups: { ok: [{ id: 'f', session: SID, dueAtMs: 1_700_086_400_000, afterHours: 24, doneAtMs: 5, answers: [
      { person: SAM, atMs: 5, checkIn: { feelings: ['calm'], need: null, no_touch: false }, low: false, need: { text: '', shared: false, withheld: true } }] }] } });
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await page.locator('.history-item').first().click();
  await page.getByText('Warmth').waitFor();
  assert.match(await page.locator('.check-ins').textContent(), /private to Sam/);
  assert.match(await page.locator('.session-follow-ups').textContent(), /After 24 hours: done.*Sam: calm.*private to Sam/);
  assert.deepEqual((await callsTo(page, 'get_session')).at(-1).args, { id: SID }, 'Rust decides who is looking');
  await page.getByRole('button', { name: 'Delete' }).click();
  assert.equal((await callsTo(page, 'delete_session')).length, 0, 'not yet');
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  assert.deepEqual((await callsTo(page, 'delete_session'))[0].args, { id: SID });
});

test('support lists services offline and keeps trusted contacts; a refusal is shown', async () => {
  const page = await h.open({ ...base, support: { ok: { resources: [{ id: 'x', name: 'Samaritans', region: 'UK', contact: 'Call 116 123', about: 'Someone to talk to.', hours: 'Always', source: 'samaritans.org' }], contacts: [] } },
    save_contact: { error: { code: 'invalid', message: 'A contact has a name (up to 60 characters) and how to reach them (up to 200).' } } });
  await page.locator('.home-grid').getByRole('button', { name: 'Support' }).click();
  await page.getByText('Call 116 123').waitFor();
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /A contact has a name/);
});

test('a running timer on screen keeps the idle lock away; a paused one does not', async () => {
  const running = { id: 't', kind: { kind: 'countdown' }, label: 'Cuddle', status: 'running', totalMs: 600000,
    elapsedMs: 1000, remainingMs: 599000, phase: null };
  const page = await h.open({ ...base, current_timer: { ok: running }, timer_view: { ok: running }, report_activity: { ok: null } });
  // A programmatic click: no pointer or key event, so only the timer can report activity.
  await page.getByRole('button', { name: /A timer is running/ }).waitFor();
  await page.evaluate(() => document.querySelector('.banner').click());
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'report_activity'));
  const paused = await h.open({ ...base, current_timer: { ok: running }, timer_view: { ok: { ...running, status: 'paused' } }, report_activity: { ok: null } });
  await paused.getByRole('button', { name: /A timer is running/ }).waitFor();
  await paused.evaluate(() => document.querySelector('.banner').click());
  await paused.getByText('Paused.').waitFor();
  await paused.waitForTimeout(600);
  assert.equal((await callsTo(paused, 'report_activity')).length, 0);
});
