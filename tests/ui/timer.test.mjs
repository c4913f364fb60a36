// The timer's signals and its end, with the core mocked: in eyes-closed mode a soft tone
// at the end by default, tones at each phase only when chosen, vibration where there is
// some; after the end or a stop, only what still applies, and the way back leads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings'),
  open_session: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  report_activity: ok('report_activity'),
};
/** A timer view as Rust sends it (tests/contract/timer_view.json), changed by `over`. */
const view = (over = {}) => ({ ...reply('timer_view'), id: 't', label: 'Box breathing', ...over });
const breathing = (index, over = {}) => view({ phase: { ...reply('timer_view').phase, breath: 'in', index }, ...over });
const finished = (over = {}) => view({ status: 'finished', remainingMs: 0, elapsedMs: 300000, phase: null, ...over });

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);
const signals = (page) => page.evaluate(() => ({ ...window.__tendSignals }));
const focused = (page) => page.evaluate(() => document.activeElement?.textContent);

/**
 * Opens the timer from home's banner. Every tone's loudness is recorded in
 * `window.__peaks`, and vibrations in `window.__buzz` (headless Chromium has no motor).
 */
async function openTimer(responses, first = breathing(0)) {
  const page = await h.open({ ...base, current_timer: { ok: first }, timer_view: { ok: first }, ...responses });
  await page.evaluate(() => {
    window.__peaks = [];
    window.__buzz = [];
    const ramp = AudioParam.prototype.exponentialRampToValueAtTime;
    AudioParam.prototype.exponentialRampToValueAtTime = function (value, at) {
      window.__peaks.push(value);
      return ramp.call(this, value, at);
    };
    navigator.vibrate = (pattern) => { window.__buzz.push(pattern); return true; };
  });
  await page.getByRole('button', { name: /A timer is running/ }).click();
  await page.getByRole('timer').waitFor();
  return page;
}

/** Lets a few of the screen's polls (every 250 ms) go by. */
const polls = (page) => page.waitForTimeout(700);

test('eyes closed, default settings: a soft tone at the end, none at each breath, and a vibration where there is one', async () => {
  const page = await openTimer({});
  await page.getByRole('button', { name: 'Eyes closed' }).click();
  assert.equal(await page.locator('.eyes-closed').isVisible(), true);
  await set(page, 'timer_view', { ok: breathing(1) });
  await polls(page);
  await set(page, 'timer_view', { ok: breathing(2) });
  await polls(page);
  let s = await signals(page);
  assert.equal(s.phaseTones, 0, 'tones at each breath only when chosen in Settings');
  assert.equal(s.endTones, 0);
  await set(page, 'timer_view', { ok: finished() });
  await page.waitForFunction(() => window.__tendSignals.endTones === 1);
  await page.locator('.eyes-cue', { hasText: 'Time is up.' }).waitFor();
  s = await signals(page);
  assert.equal(s.endTones, 1, 'one tone at the end, not one per poll');
  const peaks = await page.evaluate(() => window.__peaks);
  assert.ok(peaks.length > 0 && Math.max(...peaks) <= 0.1, `quiet: peaks ${peaks}`);
  assert.deepEqual((await page.evaluate(() => window.__buzz)).at(-1), [60, 80, 60], 'and a vibration, where the device has one');
  assert.equal(page.errors.length, 0, page.errors.join('\n'));
});

test('with eyes open and default settings, the end is silent; the screen says so instead', async () => {
  const page = await openTimer({});
  await set(page, 'timer_view', { ok: finished() });
  await page.getByText('Time is up. Take your time.').waitFor();
  await polls(page);
  assert.equal((await signals(page)).endTones, 0);
});

test('with tones chosen, a tone plays at each change of breath and at the end', async () => {
  const page = await openTimer({ get_settings: ok('get_settings', { sound: true, haptics: false }) });
  await page.getByRole('button', { name: 'Eyes closed' }).click();
  await set(page, 'timer_view', { ok: breathing(1) });
  await page.waitForFunction(() => window.__tendSignals.phaseTones === 1);
  await set(page, 'timer_view', { ok: breathing(2) });
  await page.waitForFunction(() => window.__tendSignals.phaseTones === 2);
  await set(page, 'timer_view', { ok: finished() });
  await page.waitForFunction(() => window.__tendSignals.endTones === 1);
  assert.deepEqual(await page.evaluate(() => window.__buzz), [], 'no vibration when it is turned off');
});

test('with both tones turned off, eyes-closed mode stays silent', async () => {
  const page = await openTimer({ get_settings: ok('get_settings', { sound: false, eyesClosedTone: false }) });
  await page.getByRole('button', { name: 'Eyes closed' }).click();
  await set(page, 'timer_view', { ok: breathing(1) });
  await polls(page);
  await set(page, 'timer_view', { ok: finished() });
  await page.locator('.eyes-cue', { hasText: 'Time is up.' }).waitFor();
  await polls(page);
  const s = await signals(page);
  assert.equal(s.endTones + s.phaseTones, 0);
});

test('time is up: pause and stop are gone, the clock shows 0:00, and "Back to the session" leads with the focus', async () => {
  const page = await openTimer({ timer_action: { ok: view({ status: 'running', remainingMs: 60000 }) } });
  assert.equal(await page.getByRole('button', { name: 'Back to the session' }).getAttribute('class'), 'quiet');
  await set(page, 'timer_view', { ok: finished() });
  await page.getByRole('status').filter({ hasText: 'Time is up.' }).waitFor();
  assert.equal(await page.getByRole('timer').textContent(), '0:00');
  for (const name of ['Pause', 'Stop', 'Eyes closed']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `${name} no longer applies`);
  }
  const back = page.getByRole('button', { name: 'Back to the session' });
  assert.equal(await back.getAttribute('class'), 'primary');
  assert.equal(await focused(page), 'Back to the session');
  assert.equal(await page.locator('.pacer').isVisible(), false);
  // A little more time can still be given.
  await page.getByRole('button', { name: '+1 min' }).click();
  assert.deepEqual((await callsTo(page, 'timer_action'))[0].args, { id: 't', action: 'extend', minutes: 1 });
  await set(page, 'timer_view', { ok: view({ remainingMs: 60000 }) });
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Back to the session' }).getAttribute('class'), 'quiet');
});

test('stopped: only the way back is left, with the time it ran', async () => {
  const stopped = view({ status: 'stopped', elapsedMs: 83400, remainingMs: 216600, phase: null });
  const page = await openTimer({ timer_action: { ok: stopped } });
  await page.getByRole('button', { name: 'Stop' }).click();
  // As Rust would: once stopped, every later view says so (a poll answered "running" in
  // between could otherwise redraw the old controls on a busy machine).
  await set(page, 'timer_view', { ok: stopped });
  await polls(page);
  await page.getByRole('status').filter({ hasText: 'Stopped after 1:23.' }).waitFor();
  assert.deepEqual((await callsTo(page, 'timer_action'))[0].args, { id: 't', action: 'stop', minutes: null });
  assert.equal(await page.getByRole('timer').textContent(), '1:23', 'the time reached, not the old time left');
  for (const name of ['Pause', 'Resume', '+1 min', '+5 min', 'Stop', 'Eyes closed']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `${name} no longer applies`);
  }
  assert.equal(await page.getByRole('button', { name: 'Back to the session' }).getAttribute('class'), 'primary');
  assert.equal(await focused(page), 'Back to the session');
  await polls(page);
  assert.equal(await focused(page), 'Back to the session', 'the focus stays, polls do not move it');
});

test('with eyes closed at the end, the dark screen stays; leaving it puts the focus on the way back', async () => {
  const page = await openTimer({});
  await page.getByRole('button', { name: 'Eyes closed' }).click();
  await set(page, 'timer_view', { ok: finished() });
  await page.locator('.eyes-cue', { hasText: 'Time is up.' }).waitFor();
  await polls(page);
  assert.equal(await page.locator('.eyes-closed').isVisible(), true, 'no sudden light');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.eyes-closed').isVisible(), false);
  assert.equal(await focused(page), 'Back to the session');
});

test('leaving eyes-closed mode while the timer runs returns the focus to its button', async () => {
  const page = await openTimer({});
  await page.getByRole('button', { name: 'Eyes closed' }).click();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.eyes-closed').isVisible(), false);
  assert.equal(await focused(page), 'Eyes closed');
});

test('disabled buttons look disabled and stay readable', async () => {
  const page = await h.open({ ...base, current_timer: { ok: null } });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  const style = await page.evaluate(() => {
    const b = document.createElement('button');
    b.className = 'primary';
    b.textContent = 'x';
    b.disabled = true;
    document.querySelector('main').append(b);
    const s = getComputedStyle(b);
    return { opacity: Number(s.opacity), cursor: s.cursor, color: s.color, text: getComputedStyle(document.body).color };
  });
  assert.ok(style.opacity < 1 && style.opacity >= 0.7, `opacity ${style.opacity}`);
  assert.equal(style.cursor, 'not-allowed');
  assert.equal(style.color, style.text, 'the full text colour, so the dimmed text keeps its contrast');
});

test('settings say in plain words which signals timers give, and save the eyes-closed tone', async () => {
  const page = await h.open({ ...base, current_timer: { ok: null }, save_settings: ok('save_settings') });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).first().click();
  const eyesTone = page.getByLabel('In eyes-closed mode, a soft tone when the time is up');
  await page.waitForFunction(() => document.querySelector('#set-autolock')?.value === '5');
  assert.equal(await eyesTone.isChecked(), true, 'on by default');
  assert.equal(await page.getByLabel(/A soft tone at each change of breath/).isChecked(), false);
  await page.getByText('Most computers cannot vibrate, so there a tone is the only signal.', { exact: false }).waitFor();
  await eyesTone.uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  const saved = (await callsTo(page, 'save_settings'))[0].args;
  assertSentShape(saved, request('save_settings'));
  assert.equal(saved.settings.eyesClosedTone, false);
  assert.equal(saved.settings.sound, false);
});

test('settings from a core that does not send the eyes-closed tone show it on', async () => {
  const older = reply('get_settings');
  delete older.eyesClosedTone;
  const page = await h.open({ ...base, current_timer: { ok: null }, get_settings: { ok: older } });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await page.waitForFunction(() => document.querySelector('#set-autolock')?.value === '5');
  assert.equal(await page.getByLabel('In eyes-closed mode, a soft tone when the time is up').isChecked(), true);
});
