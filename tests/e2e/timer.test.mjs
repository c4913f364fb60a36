// Timers in the real window (WebKitGTK, which has no navigator.vibrate): in eyes-closed
// mode with the settings as they come, a soft tone marks the end; when the time is up or
// the timer is stopped, only what still applies is left, the screen says so, and "Back to
// the session" leads with the keyboard focus. Tones chosen in Settings also mark each
// change of breath.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { checkLabel, clickButton, createVault, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const { dir, env } = scratchEnv();
let app;
const shot = (name) => app.screenshot(join(shots, `timer-${name}.png`));

before(async () => {
  // Timers run 20 times faster (debug builds only): two minutes pass in six seconds.
  app = await launch({ application: process.env.TEND_APP, env: { ...env, TEND_TIMER_SCALE: '20' } });
  await createVault(app);
});
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Asks Rust for a timer, or a pause or resume, as the screens do; returns its view. */
async function invoke(cmd, args) {
  const answer = await app.execute(
    'return window.__TAURI__.core.invoke(arguments[0], arguments[1]).then((v) => ({ ok: v }), (e) => ({ error: e }));',
    [cmd, args]);
  assert.ok(answer && 'ok' in answer, `${cmd}: ${JSON.stringify(answer?.error)}`);
  return answer.ok;
}
const startTimer = (kind, minutes, label) =>
  invoke('start_timer', { timer: { kind, minutes, label, session: null, card: null } });
const act = (id, action) => invoke('timer_action', { id, action, minutes: null });

/** Opens the eyes, if an earlier test left them closed: tapping the dark screen, as a person would. */
async function eyesOpen() {
  if (await app.execute('const e = document.querySelector(".eyes-closed"); return !!e && !e.hidden;')) {
    await app.click('.eyes-closed');
  }
}

/** From home, opens the running timer through its banner. */
async function openTimer() {
  await eyesOpen();
  await app.click('[data-action="home"]');
  await app.waitFor('#home-title');
  await app.click('.banner');
  await app.waitFor('.timer-clock');
}

/** A real click (a user gesture, which WebAudio needs) on the visible button named `text`. */
async function tap(text) {
  const found = await app.waitUntil(`return [...document.querySelectorAll('button')]
    .find((b) => b.textContent === ${JSON.stringify(text)} && b.offsetParent && !b.disabled) ?? null`);
  const id = Object.values(found)[0];
  await app.cmd('POST', `/element/${id}/click`, {});
}

const signals = () => app.execute('return window.__tendSignals ? { ...window.__tendSignals } : null');
const visibleButtons = () => app.execute(
  'return [...document.querySelectorAll(".timer button")].filter((b) => b.offsetParent && !b.disabled).map((b) => b.textContent)');
const focused = () => app.execute('return document.activeElement?.textContent ?? null');
const status = () => app.execute('return document.querySelector(".timer")?.dataset.status ?? null');

test('eyes closed with the settings as they come: a soft tone when the time is up; then the way back leads', async (t) => {
  // Paused until eyes-closed mode is on, so a slow machine cannot miss the end.
  const timer = await startTimer({ kind: 'countdown' }, 2, 'Rest');
  await act(timer.id, 'pause');
  await openTimer();
  await app.waitUntil('return document.querySelector(".timer")?.dataset.status === "paused"');
  await tap('Eyes closed');
  await app.waitFor('.eyes-closed');
  await act(timer.id, 'resume');
  await app.waitUntil('return document.querySelector(".timer")?.dataset.status === "running"');
  await app.waitUntil('return document.querySelector(".timer")?.dataset.status === "finished"', 20000);
  await app.waitUntil('return window.__tendSignals?.endTones >= 1', 3000).catch(() => {});
  const s = await signals();
  assert.ok(s, 'the timer exposes what it signalled (window.__tendSignals)');
  t.diagnostic(`signals: ${JSON.stringify(s)}`);
  assert.equal(s.endTones, 1, `one soft tone at the end: ${JSON.stringify(s)}`);
  assert.equal(s.phaseTones, 0, 'no tones at phase changes unless chosen');
  assert.equal(s.audio, 'running', 'WebAudio is there and was woken by the tap on "Eyes closed"');
  assert.equal(s.vibrations, 0, 'WebKitGTK cannot vibrate; nothing pretends it did');
  assert.equal(await app.text('.eyes-cue'), 'Time is up.');
  await shot('1-eyes-closed-end');

  // Opening the eyes: the dark screen goes, the way back has the focus.
  await app.click('.eyes-closed');
  await app.waitUntil('return document.querySelector(".eyes-closed").hidden');
  assert.equal(await status(), 'finished');
  assert.match(await app.text('.timer-status'), /^Time is up\./);
  assert.equal(await app.text('.timer-clock'), '0:00');
  const left = await visibleButtons();
  for (const gone of ['Pause', 'Resume', 'Stop', 'Eyes closed']) {
    assert.ok(!left.includes(gone), `${gone} no longer applies: ${left}`);
  }
  // A timer started on its own leads home; one from a session leads back to it (below).
  assert.ok(left.includes('Home'), `${left}`);
  assert.equal(await focused(), 'Home');
  assert.equal(await app.execute('return document.activeElement.className'), 'primary');
  await shot('2-time-is-up');
});

test('stopped: the screen says so with the time it ran, and only the way back is left, focused', async () => {
  // A timer from a session, as a card's "Start the timer" makes one.
  const me = await invoke('save_profile', { profile: { id: null, name: 'Me', isMe: true } });
  const session = await invoke('start_session', { start: { people: [{ person: me.id, role: null }],
    context: 'tender', intensity: 2, passDevice: false } });
  const timer = await invoke('start_timer', { timer: { kind: { kind: 'countdown' }, minutes: 5, label: 'Quiet',
    session: session.id, card: null } });
  await openTimer();
  const first = await app.text('.timer-clock');
  await app.waitUntil(`return document.querySelector('.timer-clock')?.textContent !== ${JSON.stringify(first)}`);
  await clickButton(app, 'Stop', '.timer');
  await app.waitUntil('return document.querySelector(".timer")?.dataset.status === "stopped"');
  const said = await app.text('.timer-status');
  const clock = await app.text('.timer-clock');
  assert.equal(said, `Stopped after ${clock}.`, 'the clock shows the time reached, and says what it is');
  const view = await invoke('timer_view', { id: timer.id });
  assert.equal(clock, `${Math.floor(view.elapsedMs / 60000)}:${String(Math.floor(view.elapsedMs / 1000) % 60).padStart(2, '0')}`);
  assert.deepEqual(await visibleButtons(), ['Back to the session'], 'pause, extend, stop and eyes-closed no longer apply');
  assert.equal(await focused(), 'Back to the session');
  assert.equal(await app.execute('return document.activeElement.className'), 'primary');
  await shot('3-stopped');
  // It leads where it says.
  await app.execute('document.activeElement.click()');
  await app.waitFor('#now-title');
});

test('tones chosen in Settings: one at each change of breath as well as at the end', async () => {
  await eyesOpen();
  await app.click('[data-nav="settings"]');
  await app.waitFor('input[name="eyesClosedTone"]');
  await app.waitUntil('return document.querySelector("#set-autolock")?.value === "5"');
  assert.equal(await app.execute('return document.querySelector("input[name=eyesClosedTone]").checked'), true,
    'the eyes-closed tone is on in a new vault');
  assert.equal(await app.execute('return document.querySelector("input[name=sound]").checked'), false);
  await checkLabel(app, 'A soft tone at each change of breath and when the time is up, eyes open or closed');
  await clickButton(app, 'Save', '[data-form="prefs"]');
  await app.waitUntil('return document.querySelector("[data-form=prefs] [data-field=status]")?.textContent === "Saved."');
  const stored = await invoke('get_settings', {});
  assert.equal(stored.sound, true);
  assert.equal(stored.eyesClosedTone, true);

  const before = await signals();
  assert.ok(before, 'the timer exposes what it signalled (window.__tendSignals)');
  const timer = await startTimer({ kind: 'breathing', pattern: 'box' }, 1, 'Box breathing');
  await act(timer.id, 'pause');
  await openTimer();
  await tap('Eyes closed');
  await app.waitFor('.eyes-closed');
  await act(timer.id, 'resume');
  await app.waitUntil('return document.querySelector(".timer")?.dataset.status === "finished"', 20000);
  await app.waitUntil(`return window.__tendSignals.endTones > ${before.endTones}`, 3000).catch(() => {});
  const s = await signals();
  assert.ok(s.phaseTones - before.phaseTones >= 3, `a tone at the changes of breath: ${JSON.stringify(s)}`);
  assert.equal(s.endTones - before.endTones, 1, 'and one at the end');
});
