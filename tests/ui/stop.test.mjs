// "Something didn't feel OK": the stop path from home and from inside a session, the words
// for hard moments in a check-in, talk now / later / not at all, and the crossed-limit
// answer in a reflection with support and body care in place. The core is mocked with the
// replies Rust wrote (tests/contract/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ok, reply } from './contract.mjs';

const profiles = reply('list_profiles').map((p) => (p.isMe ? { ...p, name: 'Me' } : p));
const [ME, SAM] = profiles.map((p) => p.id);
const card = reply('get_card');
const stopped = reply('session_stop'); // Me and Sam, stopped, at the cards
const SID = stopped.id;
const fresh = { ...reply('start_session'), id: SID, passDevice: false, plan: null };
const gentle = reply('session_suggest').suggestions.map((s) => ({ ...s,
  card: { ...s.card, touch: 'none' } }));
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: { ok: profiles }, feelings: ok('feelings'),
  get_card: { ok: card }, list_cards: { ok: [card] },
  space_info: ok('space_info', { exists: false, answers: 0 }),
  session_stop: { ok: stopped }, get_session: { ok: stopped }, session_step: { ok: null },
  session_suggest: { ok: { plan: null, suggestions: gentle } },
  body_care: ok('body_care'), support: ok('support'),
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);
const feel = async (page, corner, word) => {
  await page.getByRole('button', { name: new RegExp(`^${corner}`) }).click();
  await page.getByRole('button', { name: word, exact: true }).click();
};

test('from home it asks nothing: a session for the owner alone stops, and Calm now leads', async () => {
  const alone = { ...stopped, people: [{ person: ME, role: null }] };
  const page = await h.open({ ...base, start_session: { ok: { ...fresh, people: alone.people } },
    session_stop: { ok: alone }, get_session: { ok: alone } });
  await page.getByRole('button', { name: 'Something didn\u2019t feel OK' }).click();
  await page.getByRole('heading', { name: 'Slowly, from here' }).waitFor();
  const started = (await callsTo(page, 'start_session'))[0].args.start;
  assert.deepEqual(started.people, [{ person: ME, role: null }], 'only the owner, nobody asked');
  assert.deepEqual((await callsTo(page, 'session_stop'))[0].args, { id: SID });
  // The first thing after the words is Calm now; no question comes before it.
  const first = await page.locator('.now button').first().textContent();
  assert.equal(first, 'Calm now');
  assert.equal(await page.locator('.now input:checked').count(), 0, 'nothing is chosen for the person');
  await page.getByText('Stopping is always OK, whoever asked for it.', { exact: false }).waitFor();
  assert.deepEqual((await callsTo(page, 'session_suggest'))[0].args.moments, [], 'nothing said yet');
  await page.locator('.ritual-card').first().waitFor();
});

test('the cards say what helps each person, in their own words from their profile', async () => {
  const people = profiles.map((p) => (p.isMe ? { ...p, helps: '' } : { ...p, helps: 'A hand to hold, then quiet.' }));
  const cardsNow = { ...fresh, step: 'cards' };
  const page = await h.open({ ...base, list_profiles: { ok: people }, open_session: { ok: cardsNow },
    get_session: { ok: cardsNow } });
  await page.getByRole('button', { name: 'Continue where you left off' }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  assert.deepEqual(await page.locator('.helps-note li').allTextContents(), ['What helps Sam: A hand to hold, then quiet.'],
    'only who wrote something');
});

test('a plan agreed for these people is shown at the start, with its note', async () => {
  const plan = { ...reply('list_plans')[0], note: 'Blanket first, then tea.' };
  const withPlan = { ...fresh, plan: plan.id };
  const page = await h.open({ ...base, start_session: { ok: withPlan }, get_session: { ok: withPlan },
    list_plans: { ok: [plan] } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  const note = page.locator('.plan-start');
  await note.waitFor();
  assert.match(await note.textContent(), new RegExp(`Your plan \u201c${plan.name}\u201d comes first among the cards\.Blanket first, then tea\.`));
});

test('the start asks roughly how much time there is, and sends it', async () => {
  const page = await h.open({ ...base, start_session: { ok: fresh }, get_session: { ok: fresh } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByText('How much time is there?').waitFor();
  assert.equal(await page.getByLabel('No rush').isChecked(), true);
  await page.getByLabel('A few minutes').check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  assert.equal((await callsTo(page, 'start_session'))[0].args.start.minutesAvailable, 5);
});

test('inside a check-in, "Something didn\'t feel OK" stops the session instead of going on', async () => {
  const page = await h.open({ ...base, start_session: { ok: fresh }, get_session: { ok: stopped } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  await page.locator('.now form [data-action="stop"]').click();
  await page.getByRole('heading', { name: 'Slowly, from here' }).waitFor();
  assert.deepEqual((await callsTo(page, 'session_stop'))[0].args, { id: SID });
  assert.equal((await callsTo(page, 'session_check_in')).length, 0, 'nothing was saved for the check-in');
});

test('on the cards step too, "Something didn\'t feel OK" stops the session and the screen turns gentle', async () => {
  const cardsNow = { ...fresh, step: 'cards' };
  const page = await h.open({ ...base, open_session: { ok: cardsNow }, get_session: { ok: cardsNow } });
  await page.getByRole('button', { name: 'Continue where you left off' }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  await set(page, 'get_session', { ok: stopped });
  await page.locator('.now [data-action="stop"]').click();
  await page.getByRole('heading', { name: 'Slowly, from here' }).waitFor();
  assert.deepEqual((await callsTo(page, 'session_stop'))[0].args, { id: SID });
  assert.equal(await page.locator('.now [data-action="stop"]').count(), 0, 'already on the stop path');
});

test('naming what happened (not saved) and asking for closeness change the cards', async () => {
  const page = await h.open({ ...base, open_session: { ok: stopped }, session_check_in: { ok: stopped } });
  await page.getByRole('button', { name: 'Continue where you left off' }).click();
  await page.getByRole('heading', { name: 'Slowly, from here' }).waitFor();
  await page.getByText('Say what happened, if you want to (not saved)').click();
  await page.getByLabel('A flashback or panic').check();
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'session_suggest').length === 2);
  const asked = await callsTo(page, 'session_suggest');
  assert.deepEqual(asked[1].args.moments, ['panic']);
  const writes = (await page.calls()).filter((c) => !/^(session_suggest|get_|list_|open_session|feelings|vault_status|current_timer|due_follow_ups|history|space_info|report_activity)/.test(c.cmd));
  assert.deepEqual(writes.map((c) => c.cmd), [], 'what happened is never sent to be kept');

  await page.getByLabel('Sam would like closeness').check();
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'session_suggest').length === 3);
  const need = (await callsTo(page, 'session_check_in'))[0].args;
  assert.equal(need.person, SAM);
  assert.equal(need.checkIn.need, 'closeness');
  assert.equal(need.privacy, 'shared', 'a need the others must know to meet');
  assert.deepEqual((await callsTo(page, 'session_suggest'))[2].args.moments, ['panic'], 'what was said still counts');
});

test('at the close each person chooses to talk now, later or not at all; nothing is chosen for them', async () => {
  const page = await h.open({ ...base, open_session: { ok: stopped }, session_reflect: ok('session_reflect'),
    end_session: ok('end_session', { session: stopped }) });
  await page.getByRole('button', { name: 'Continue where you left off' }).click();
  await page.getByRole('button', { name: 'Close the session' }).click();
  await page.getByRole('heading', { name: 'Talking about it' }).waitFor();
  await page.getByText('You don\u2019t owe anyone a conversation about this.', { exact: false }).waitFor();
  assert.equal(await page.locator('.talk-choice input:checked').count(), 0);
  await page.locator(`.talk-choice[data-person="${ME}"]`).getByLabel('Now').check();
  await page.locator(`.talk-choice[data-person="${SAM}"]`).getByLabel('Later, with a check-in').check();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'A short reflection' }).waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Thank you for taking care' }).waitFor();
  const reflections = await callsTo(page, 'session_reflect');
  assert.deepEqual(reflections.map((c) => c.args.reflection.person), [ME], 'only who chose now reflects now');
  assert.deepEqual((await callsTo(page, 'end_session'))[0].args, { id: SID, talkTomorrow: false, talkLater: [SAM] });
  await page.getByText('The first check-in will include a short reflection for whoever chose later.').waitFor();
});

test('the check-in brings the reflection only to whoever chose later', async () => {
  const later = { ...stopped, endedAtMs: stopped.startedAtMs + 1000, step: 'done', talkTomorrow: true, talkLater: [SAM] };
  const due = reply('due_follow_ups').map((d) => ({ ...d, talkTomorrow: true, people: [[ME, 'Me']],
    followUp: { ...d.followUp, session: SID } }));
  const page = await h.open({ ...base, due_follow_ups: { ok: due }, get_session: { ok: later },
    answer_follow_up: { ok: false }, complete_follow_up: ok('complete_follow_up'), session_reflect: ok('session_reflect') });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await page.getByRole('heading', { name: 'Sam, a short reflection' }).waitFor();
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.equal((await callsTo(page, 'session_reflect')).length, 0, 'skipped, nothing kept');
});

test('a hard word or pain in a check-in gets words without blame, Calm now and body care, in place', async () => {
  const page = await h.open({ ...base, start_session: { ok: fresh }, get_session: { ok: fresh } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const note = page.locator('.care-note');
  await feel(page, 'Soft, calm', 'calm');
  assert.equal(await note.isVisible(), false, 'a calm word needs nothing more');
  await feel(page, 'Wound up', 'scared');
  await note.waitFor();
  assert.match(await note.textContent(), /it was not your fault/);
  await note.getByRole('button', { name: 'Calm now' }).waitFor();
  await page.getByRole('button', { name: 'scared', exact: true }).click();
  await note.waitFor({ state: 'hidden' });
  await page.getByText('Your body (optional)').click();
  await page.getByLabel('Pain', { exact: true }).check();
  await note.waitFor();
  await page.getByLabel('Anything to add (optional)').fill('left wrist');
  await note.getByRole('button', { name: 'Care for your body' }).click();
  await page.getByRole('heading', { name: 'Care for your body' }).waitFor();
  await page.getByRole('button', { name: 'Back to where I was' }).click();
  assert.equal(await page.getByLabel('Anything to add (optional)').inputValue(), 'left wrist', 'the form kept its words');
});

test('a crossed limit in a reflection: not their fault, their choice, with support and body care in place', async () => {
  const s = { ...fresh, step: 'reflect' };
  const page = await h.open({ ...base, open_session: { ok: s }, get_session: { ok: s } });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Carry on' }).click();
  const crossed = page.locator('.crossed-limit');
  assert.equal(await crossed.isVisible(), false);
  await page.getByLabel('Yes', { exact: true }).check();
  await crossed.waitFor();
  const words = await crossed.textContent();
  for (const said of [/not your fault/, /freezing or going along is not the same as agreeing/,
    /yours to choose/, /you don\u2019t owe anyone that conversation/, /who can see this answer/]) {
    assert.match(words, said);
  }
  assert.doesNotMatch(words, /next time/i, 'no other time is assumed');
  await page.getByLabel('If you like, a note about it').fill('too fast');
  await crossed.getByRole('button', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support', exact: true }).waitFor();
  await page.locator('.resource').first().waitFor();
  await page.getByRole('button', { name: 'Back to where I was' }).click();
  await crossed.getByRole('button', { name: 'Care for your body' }).waitFor();
  assert.equal(await page.getByLabel('If you like, a note about it').inputValue(), 'too fast');
  assert.equal(await page.getByLabel('Yes', { exact: true }).isChecked(), true);
  await crossed.getByRole('button', { name: 'Care for your body' }).click();
  await page.getByRole('heading', { name: 'Care for your body' }).waitFor();
  await page.getByRole('button', { name: 'Back to where I was' }).click();
  assert.equal(await page.getByLabel('If you like, a note about it').inputValue(), 'too fast');
  assert.equal((await callsTo(page, 'save_settings')).length, 0);
});

test('a low follow-up offers Calm now and body care, and leaves room for something having happened', async () => {
  const due = reply('due_follow_ups').map((d) => ({ ...d, people: [[ME, 'Me']] }));
  const page = await h.open({ ...base, due_follow_ups: { ok: due }, answer_follow_up: { ok: true },
    complete_follow_up: ok('complete_follow_up') });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByLabel('I\u2019m feeling low').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: /^Thank you for saying so/ }).waitFor();
  const words = await page.locator('.offer').textContent();
  assert.match(words, /often eases/);
  assert.doesNotMatch(words, /it passes/);
  assert.match(words, /If something happened that did not feel OK, that matters too, and it was not your fault/);
  await page.locator('.offer').getByRole('button', { name: 'Calm now' }).waitFor();
  await page.locator('.offer').getByRole('button', { name: 'Care for your body' }).click();
  await page.getByRole('heading', { name: 'Care for your body' }).waitFor();
});

test('home and history say which sessions stopped', async () => {
  const past = reply('history').map((s) => ({ ...s, people: ['Me', 'Sam'], stopped: true }));
  const page = await h.open({ ...base, history: { ok: past } });
  assert.match(await page.locator('.home-recent').textContent(), /Me, Sam · Everyday, tender, stopped/);
  await set(page, 'history', { ok: past.map((s) => ({ ...s, stopped: false })) });
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await page.locator('.history-list .who, .who').first().waitFor();
  assert.doesNotMatch(await page.locator('.who').first().textContent(), /stopped/);
});
