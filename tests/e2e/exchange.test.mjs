// A profile passed between two installs in the real window, each on its own data folder:
// shared as a QR code and a sealed text code on one; on the other, the text code and its
// phrase imported after the preview and shown as a card, then a screenshot of the first
// one's QR code opened as a picture (read by Rust), which shows nothing has changed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { PASS, clickButton, createVault, goHome, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const sharer = scratchEnv();
const receiver = scratchEnv();
let app;
after(async () => {
  await app?.stop();
  rmSync(sharer.dir, { recursive: true, force: true });
  rmSync(receiver.dir, { recursive: true, force: true });
});

async function toPeople() {
  await clickButton(app, 'People', '.home-grid');
  await app.waitFor('#people-title');
}

test('shared from one data folder, previewed and imported in another', async () => {
  app = await launch({ application: process.env.TEND_APP, env: sharer.env });
  await createVault(app, PASS, { profile: async (a) => {
    await a.execute('document.querySelector("input[name=name]").value = ""');
    await a.type('input[name="name"]', 'Robin');
    await a.type('textarea[name="helps"]', 'Water, then a quiet minute.');
    await a.type('input[name="limit_items"]', 'ice');
    await clickButton(a, 'Save');
  } });
  await toPeople();
  await clickButton(app, 'Robin (you)', '.people-list');
  await clickButton(app, 'Share my profile');
  await app.waitFor('svg.qr path');
  const qr = await app.screenshot(join(shots, 'share-qr.png'));
  await clickButton(app, 'Send it as a text code instead');
  await app.waitFor('#share-code');
  const code = await app.execute('return document.getElementById("share-code").value');
  const phrase = await app.text('.share-phrase');
  assert.match(code, /^TEND:[A-Z2-7]+$/);
  assert.match(phrase, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await app.screenshot(join(shots, 'share-code.png'));
  await app.stop();

  app = await launch({ application: process.env.TEND_APP, env: receiver.env });
  await createVault(app);
  await toPeople();
  await clickButton(app, 'Add from a shared profile');
  await app.type('#receive-code', code);
  await app.type('#receive-phrase', phrase.toLowerCase());
  await clickButton(app, 'Read the code');
  await app.waitUntil('return document.querySelector("h1")?.textContent === "Robin\u2019s profile"', 20000);
  const shown = await app.text('.profile-card-body');
  assert.match(shown, /Water, then a quiet minute\./);
  assert.match(shown, /ice/);
  await app.screenshot(join(shots, 'share-preview.png'));
  await clickButton(app, 'Save Robin\u2019s profile');
  await app.waitUntil('return document.querySelector("h1")?.textContent === "Robin"');
  assert.match(await app.text('.profile'), /Robin shared this profile from their device/);
  // What arrived, as a card to look at together.
  await clickButton(app, 'Show as a card');
  await app.waitUntil('return document.querySelector("h1")?.textContent === "Robin\u2019s aftercare"');
  const card = await app.text('.profile-card');
  assert.match(card, /Water, then a quiet minute\./);
  assert.match(card, /Never/);
  assert.match(card, /Anything that needs\s*ice/);
  await app.screenshot(join(shots, 'profile-card.png'));
  await clickButton(app, 'Done');
  await app.waitUntil('return document.querySelector("h1")?.textContent === "Robin"');

  // The same person again, from a picture of their QR code: nothing has changed.
  await goHome(app);
  await toPeople();
  await clickButton(app, 'Add from a shared profile');
  await app.execute(`
    const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
    const input = document.querySelector('input[name="picture"]');
    const files = new DataTransfer();
    files.items.add(new File([bytes], 'code.png', { type: 'image/png' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));`, [readFileSync(qr).toString('base64')]);
  await app.waitUntil('return document.querySelector("h1")?.textContent === "An update from Robin"', 20000);
  assert.match(await app.text('.receive'), /Nothing has changed since what is saved now\./);
  await clickButton(app, 'Not now');
  await app.waitFor('#people-title');
  const people = await app.execute('return [...document.querySelectorAll(".people-list .person")].map((b) => b.textContent)');
  assert.equal(people.filter((p) => /Robin/.test(p)).length, 1, JSON.stringify(people));
});
