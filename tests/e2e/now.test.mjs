// The main journey in the real window: first run, a partner, a plan, "Aftercare now" with
// both check-ins passed between them, a ritual and its timer counting down to the end,
// reflections where Sam keeps his in a space of his own made on the spot, follow-ups
// scheduled, lock and unlock, and the session in history with Sam's private answers
// hidden from Me's view; then Sam opens his space with his passphrase.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { PASS, checkLabel, clickButton, createVault, goHome, pickFeeling, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const { dir, env } = scratchEnv();
const SAMS = 'amber willow gently hums';
const shot = (name) => app.screenshot(join(shots, `now-${name}.png`));
let app;
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function addPerson(name, isMe) {
  await clickButton(app, 'Add a person');
  await app.type('input[name="name"]', name);
  if (isMe) await checkLabel(app, 'This is me');
  await clickButton(app, 'Save');
  // The owner's own profile is listed as "You" while it is still called "Me".
  const shown = isMe && name === 'Me' ? 'You' : name;
  await app.waitUntil(`return [...document.querySelectorAll('.people-list .person')].some((b) => b.textContent.startsWith(${JSON.stringify(shown)}))`);
}

test('aftercare now, end to end', async () => {
  // A 3-minute ritual timer runs in 3 s: debug builds only (see README).
  app = await launch({ application: process.env.TEND_APP, env: { ...env, TEND_TIMER_SCALE: '60' } });
  await createVault(app);

  await clickButton(app, 'People', '.home-grid');
  await addPerson('Me', true);
  await addPerson('Sam', false);

  // A plan for the two of us puts a ritual with a timer first.
  await goHome(app);
  await clickButton(app, 'Plans', '.home-grid');
  await clickButton(app, 'Make a plan');
  await app.type('input[name="name"]', 'After a long day');
  await checkLabel(app, 'You');
  await checkLabel(app, 'Sam');
  await app.execute('const s = document.querySelector("select[name=add_card]"); s.value = "hand-on-heart";');
  await clickButton(app, 'Add', 'form');
  await clickButton(app, 'Save plan');
  await app.waitFor('.plan-list button');

  // Aftercare now with Sam, answering privately in turn.
  await goHome(app);
  await shot('1-home');
  await app.click('.now-button');
  await app.waitFor('.now form');
  await checkLabel(app, 'Sam');
  await app.click('input[name="context"][value="intense"]');
  await checkLabel(app, 'Answer privately, one at a time (pass the device)');
  await clickButton(app, 'Start');
  await app.waitFor('.feeling-grid');
  assert.equal(await app.text('#now-title'), 'How are you feeling right now?');
  await pickFeeling(app, 'calm');
  await shot('2-check-in');
  await clickButton(app, 'Next');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent === "Please pass the device to Sam"');
  await clickButton(app, 'I\u2019m Sam, continue');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent.startsWith("Sam, how")');
  await pickFeeling(app, 'tender');
  await app.type('textarea[name="note"]', 'only mine');
  await clickButton(app, 'Next');
  await clickButton(app, 'We\u2019re all here, continue');

  // The plan's ritual comes first; accept it and start its timer.
  await app.waitFor('.suggestions .reason');
  assert.match(await app.text('.plan-note'), /After a long day/);
  await shot('3-cards');
  const first = await app.execute('return document.querySelector(".suggestions .ritual-card").dataset.id');
  assert.equal(first, 'hand-on-heart');
  await clickButton(app, 'I\u2019ll do this', '.suggestions');
  await app.waitFor('.accepted .ritual-card[data-id="hand-on-heart"]');
  await clickButton(app, 'Start the timer', '.accepted');
  await app.waitFor('.timer-clock');
  const startText = await app.text('.timer-clock');
  await shot('4-timer');
  await app.waitUntil(`return document.querySelector('.timer-clock')?.textContent !== ${JSON.stringify(startText)}`);
  await app.waitUntil('return document.querySelector(".timer")?.dataset.status === "finished"', 15000);
  assert.equal(await app.text('.timer-clock'), '0:00');
  await shot('5-timer-done');
  await clickButton(app, 'Back to the session');

  // Close with a reflection each; Sam keeps his in a space of his own.
  await app.waitFor('.accepted');
  await clickButton(app, 'Close the session');
  await clickButton(app, 'Reflect now');
  await app.waitFor('textarea[name="felt_good"]');
  await app.type('textarea[name="felt_good"]', 'Slowing down together');
  await clickButton(app, 'Save');
  await clickButton(app, 'I\u2019m Sam, continue');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent.startsWith("Sam")');
  await app.type('textarea[name="felt_good"]', 'The warm hand');
  await checkLabel(app, 'Only me, kept');
  await app.waitFor('input[name="space-pass"]');
  await app.type('input[name="space-pass"]', SAMS);
  await app.type('input[name="space-again"]', SAMS);
  await clickButton(app, 'Make my space');
  await app.waitUntil('return document.querySelector(".privacy-say")?.textContent.startsWith("Sealed in your own space")');
  await app.click('input[name="uncomfortable"][value="yes"]');
  await app.waitUntil('return !document.querySelector(".crossed-limit").hidden');
  const crossedButtons = await app.execute('return [...document.querySelectorAll(".crossed-limit button")].map((b) => b.textContent)');
  assert.deepEqual(crossedButtons, ["Care for your body", "Support"], "the crossed-limit answer leads to body care and support");
  assert.match(await app.text(".crossed-limit .calm"), /not your fault/);
  await app.type('textarea[name="uncomfortable_note"]', 'A private worry');
  await app.click('input[name="rate-hand-on-heart"][value="helped"]');
  await shot('6-reflection');
  await clickButton(app, 'Save');
  await clickButton(app, 'We\u2019re all here, continue');

  // Follow-ups are scheduled: tomorrow, and two and three days on after something intense.
  await app.waitFor('.follow-ups li');
  const hours = await app.execute('return [...document.querySelectorAll(".follow-ups li")].map((li) => li.dataset.hours)');
  assert.deepEqual(hours, ['24', '48', '72']);
  await shot('7-follow-ups');
  await clickButton(app, 'Home');

  // Lock, unlock, and read the history as Me, then as Sam.
  await app.click('[data-action="hide"]');
  await app.waitFor('#neutral-title');
  await app.click('[data-action="continue"]');
  await app.type('#unlock-secret', PASS);
  await app.click('[data-action="unlock"]');
  await app.waitFor('#home-title');
  await clickButton(app, 'History', '.home-grid');
  await app.click('.history-list .history-item');
  await app.waitFor('.session-detail .reflection');
  const asMe = await app.text('.session-detail');
  assert.match(asMe, /Slowing down together/);
  assert.doesNotMatch(asMe, /A private worry|only mine|The warm hand/, 'Sam\'s private answers are hidden from Me');
  assert.match(asMe, /Sam kept an answer private\./);
  await shot('8-history-as-me');

  // Sam opens his space with his own passphrase.
  await goHome(app);
  await clickButton(app, 'People', '.home-grid');
  await clickButton(app, 'Sam\u2019s own space');
  await app.waitFor('input[name="space-open"]');
  await app.type('input[name="space-open"]', SAMS);
  await clickButton(app, 'Open');
  await app.waitFor('.space-list');
  const kept = await app.text('.space-list');
  assert.match(kept, /A private worry/);
  assert.match(kept, /The warm hand/);
  assert.doesNotMatch(kept, /only mine/, 'what was not kept was never saved');
  await shot('9-sams-space');
});
