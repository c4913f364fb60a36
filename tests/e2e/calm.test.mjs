// When something went wrong, in the real window (issue 12): "Calm now" opens at once from
// home, from the middle of a check-in and from the unlock screen, and leads back to where
// the person was; on the unlock screen it writes nothing (the vault's files keep every
// byte); an auto-lock while it is open locks behind it and leaves it on screen. "Something
// didn't feel OK" stops the session: Calm now comes first, and no card touches anyone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { PASS, clickButton, createVault, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const { dir, env } = scratchEnv();
let app;
const shot = (name) => app.screenshot(join(shots, `calm-${name}.png`));

before(async () => {
  app = await launch({ application: process.env.TEND_APP, env });
  await createVault(app);
});
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file in the data folder, with a hash of its bytes. */
function vaultBytes() {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(env.TEND_DATA_DIR);
  return out;
}

const invoke = (cmd, args = {}) => app.execute(
  'return window.__TAURI__.core.invoke(arguments[0], arguments[1]).then((v) => ({ ok: v }), (e) => ({ error: e }));',
  [cmd, args]);
const overlayOpen = () => app.execute('return Boolean(document.querySelector("dialog.calm-now[open]"))');
const overlayStep = () => app.execute('return document.querySelector("dialog.calm-now")?.dataset.step ?? null');
const focusInOverlay = () => app.execute('return Boolean(document.activeElement?.closest("dialog.calm-now"))');
const viewTitle = () => app.execute('return document.querySelector("#view h1")?.textContent ?? null');

/** Opens Calm now from the top bar and checks it opened at once on the breathing. */
async function openCalm() {
  await app.click('.topbar [data-action="calm-now"]');
  await app.waitFor('dialog.calm-now[open] #calm-now-title');
  assert.equal(await overlayStep(), 'breathe', 'breathing first, no question before it');
  assert.equal(await app.text('#calm-now-title'), 'Breathe slowly');
  assert.equal(await focusInOverlay(), true, 'the focus is in Calm now');
  await app.waitUntil('return ["Breathe in", "Breathe out slowly"].includes(document.querySelector(".calm-cue")?.textContent)');
}

async function closeCalm() {
  await clickButton(app, 'Back to where I was', 'dialog.calm-now');
  await app.waitUntil('return !document.querySelector("dialog.calm-now")');
}

test('from home: it opens at once and leads back home, focus on the button that opened it', async () => {
  await shot('0-home');
  await openCalm();
  await shot('1-breathing');
  await closeCalm();
  assert.equal(await viewTitle(), 'Hello');
  assert.equal(await app.execute('return document.activeElement?.dataset.action ?? null'), 'calm-now');
});

test('from the middle of a check-in: back to the same check-in, with the word still chosen', async () => {
  await app.click('.now-button');
  await clickButton(app, 'Start');
  await app.waitFor('.feeling-grid');
  await app.click('button.feeling-corner[data-quadrant="soft"]');
  await app.click('button.feeling[data-word="calm"]');
  await openCalm();
  await clickButton(app, 'Next: grounding', 'dialog.calm-now');
  await app.waitUntil('return document.querySelector("dialog.calm-now")?.dataset.step === "ground"');
  await closeCalm();
  assert.equal(await viewTitle(), 'How are you feeling right now?');
  assert.equal(await app.execute('return document.querySelector(\'button.feeling[data-word="calm"]\').getAttribute("aria-pressed")'), 'true');
});

test('"Something didn\'t feel OK" inside the check-in: Calm now first, and no card touches anyone', async () => {
  await app.click('.now form [data-action="stop"]');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent === "Slowly, from here"');
  const first = await app.execute('return document.querySelector(".now button")?.textContent');
  assert.equal(first, 'Calm now', 'the first thing offered');
  await app.waitFor('.suggestions .ritual-card');
  const ids = await app.execute('return [...document.querySelectorAll(".suggestions .ritual-card")].map((c) => c.dataset.id)');
  assert.equal(ids[0], 'after-a-stop', 'the card written for a stop leads');
  for (const id of ids) {
    const card = await invoke('get_card', { id });
    assert.equal(card.ok.touch, 'none', `${id} touches no one`);
  }
  await shot('2-stop');
  // Calm now from inside the stop path, then back.
  await clickButton(app, 'Calm now', '.now');
  await app.waitFor('dialog.calm-now[open]');
  await closeCalm();
  // Each person chooses whether to talk: here, not at all.
  await clickButton(app, 'Close the session');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent === "Talking about it"');
  assert.match(await app.text('.now'), /You don\u2019t owe anyone a conversation about this/);
  await app.click('.talk-choice input[value="never"]');
  await clickButton(app, 'Done');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent === "Thank you for taking care"');
  const session = (await invoke('history')).ok[0];
  assert.equal(session.stopped, true, 'history keeps that it stopped');
});

test('from the unlock screen: Calm now with support, and the vault\'s files keep every byte', async () => {
  await clickButton(app, 'Hide', '.topbar');
  await app.waitFor('.neutral');
  await clickButton(app, 'Tend', '.topbar');
  await app.waitFor('#unlock-title');
  const before = vaultBytes();
  assert.ok(Object.keys(before).length > 0, 'there is a vault to compare');
  await openCalm();
  await clickButton(app, 'Next: grounding', 'dialog.calm-now');
  for (let i = 0; i < 5; i += 1) {
    await app.waitUntil('return document.querySelector("dialog.calm-now")?.dataset.step === "ground"');
    await clickButton(app, i === 4 ? 'Done' : 'Next', 'dialog.calm-now');
  }
  await app.waitUntil('return document.querySelector("dialog.calm-now")?.dataset.step === "help"');
  await clickButton(app, 'Support', 'dialog.calm-now');
  await app.waitFor('dialog.calm-now .calm-service');
  const regions = await app.execute('return [...document.querySelectorAll("dialog.calm-now .calm-region")].map((r) => r.dataset.region)');
  assert.deepEqual(regions.sort(), ['au', 'ca', 'de', 'gb', 'ie', 'nz', 'us'], 'every region, bundled');
  await app.execute('document.querySelector("dialog.calm-now .calm-region[data-region=gb]").open = true');
  await shot('3-support');
  await closeCalm();
  assert.equal(await viewTitle(), 'Welcome back', 'back on the unlock screen');
  assert.equal((await invoke('vault_status')).ok.unlocked, false, 'still locked');
  assert.deepEqual(vaultBytes(), before, 'nothing was written');
});

test('an auto-lock while Calm now is open locks behind it and leaves it on screen', async () => {
  await app.type('#unlock-secret', PASS);
  await clickButton(app, 'Unlock');
  await app.waitFor('#home-title');
  await openCalm();
  // The window reports itself hidden; after the short grace the core locks by itself.
  await invoke('report_visibility', { hidden: true });
  await app.waitUntil('return document.querySelector("#view #unlock-title") !== null', 30000);
  assert.equal((await invoke('vault_status')).ok.unlocked, false, 'the vault locked');
  assert.equal(await overlayOpen(), true, 'Calm now is still there');
  assert.equal(await overlayStep(), 'breathe', 'and still breathing');
  assert.equal(await focusInOverlay(), true, 'with the focus');
  await invoke('report_visibility', { hidden: false });
  await closeCalm();
  assert.equal(await viewTitle(), 'Welcome back');
});
