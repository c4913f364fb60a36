// "What seems to help" in the real window: short solo sessions, each with a feeling before
// and after and its ritual rated; two are too few to say anything, three show the pictures
// (target/screenshots/insights.png, the README's picture).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { PASS, clickButton, createVault, goHome, pickFeeling, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const { dir, env } = scratchEnv();
let app;
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** From home: on my own, a feeling, the first ritual offered, then a reflection that rates it. */
async function soloSession(before, afterwards) {
  await app.click('.now-button');
  await app.waitFor('.now form');
  await app.click('input[name="context"][value="solo"]');
  await clickButton(app, 'Start');
  await app.waitFor('.feeling-grid');
  await pickFeeling(app, before);
  await clickButton(app, 'Next');
  await app.waitFor('.suggestions .ritual-card');
  const card = await app.execute('return document.querySelector(".suggestions .ritual-card").dataset.id');
  await clickButton(app, 'I\u2019ll do this', '.suggestions');
  await app.waitFor(`.accepted .ritual-card[data-id="${card}"]`);
  await clickButton(app, 'Close the session');
  await clickButton(app, 'Reflect now');
  await app.waitFor('textarea[name="felt_good"]');
  await pickFeeling(app, afterwards);
  await app.click(`input[name="rate-${card}"][value="helped"]`);
  await clickButton(app, 'Save');
  await app.waitFor('.follow-ups li');
  await goHome(app);
}

async function toInsights() {
  await clickButton(app, 'History', '.home-grid');
  await clickButton(app, 'What seems to help');
  await app.waitFor('#insights-title');
}

test('what seems to help: a plain note after two sessions, pictures with their words after three', async () => {
  app = await launch({ application: process.env.TEND_APP, env });
  await createVault(app, PASS, { profile: async (a) => {
    await a.type('textarea[name="helps"]', 'Water, then a quiet minute.');
    await clickButton(a, 'Save');
  } });
  await soloSession('tense', 'calm');
  await soloSession('drained', 'content');
  await toInsights();
  await app.waitFor('.too-few');
  assert.match(await app.text('.too-few'), /With 2 sessions so far there is not enough here/);

  await goHome(app);
  await soloSession('restless', 'safe');
  await toInsights();
  await app.waitFor('.insights figure');
  const figures = await app.execute(`return [...document.querySelectorAll('.insights figure')].map((f) => ({
    role: f.querySelector('svg').getAttribute('role'),
    named: document.getElementById(f.querySelector('svg').getAttribute('aria-labelledby'))?.textContent,
    words: f.querySelectorAll('.picture-words li').length }))`);
  assert.ok(figures.length >= 2, JSON.stringify(figures));
  for (const f of figures) {
    assert.equal(f.role, 'img');
    assert.ok(f.named && f.words > 0, JSON.stringify(f));
  }
  const words = await app.text('.insights');
  assert.match(words, /for you: helped [1-3]/);
  assert.equal((words.match(/, you: from unpleasant, [a-z ]+ to pleasant/g) ?? []).length, 3, words);
  assert.doesNotMatch(words, /score|streak|best/i);
  await app.screenshot(join(shots, 'insights.png'));
});
