// Steps several end-to-end tests share.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PASS = 'copper lantern orbit meadow';
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/** Scratch data and export folders for one app, so no test sees a real vault. */
export function scratchEnv() {
  const dir = mkdtempSync(join(tmpdir(), 'tend-e2e-'));
  return { dir, env: { TEND_DATA_DIR: join(dir, 'data'), TEND_EXPORT_DIR: join(dir, 'exports') } };
}

/**
 * First run in the real window: passphrase, recovery code confirmed, the optional
 * aftercare profile (skipped unless `profile(app)` fills it), home. Returns the code.
 */
export async function createVault(app, passphrase = PASS, { profile = null } = {}) {
  await app.click('[data-nav="create"]');
  await app.type('#create-pass', passphrase);
  await app.type('#create-confirm', passphrase);
  await app.click('[data-action="create"]');
  const code = await app.text('.recovery-code');
  const groups = code.split('-');
  const labels = [await app.text('[data-field="label0"]'), await app.text('[data-field="label1"]')];
  const wanted = labels.map((l) => groups[ORDINALS.indexOf(l.split(' ')[1])]);
  await app.type('#recovery-g0', wanted[0]);
  await app.type('#recovery-g1', wanted[1]);
  await app.click('.recovery button[type="submit"]');
  // The optional aftercare profile comes next; most tests skip it.
  await app.waitFor('#profile-title');
  if (profile) await profile(app);
  else await app.click('.profile [data-action="skip"]');
  await app.waitFor('#home-title');
  return code;
}

/** From home: a session started and ended at once, with its follow-ups planned. */
export async function endQuickSession(app) {
  await app.click('.now-button');
  await clickButton(app, 'Start');
  await app.waitFor('.feeling-grid');
  await clickButton(app, 'End here');
  await clickButton(app, 'Just finish');
  await app.waitFor('.follow-ups li');
}

/** A feeling as a person picks it: its corner of the grid first, then the word. */
export async function pickFeeling(app, word) {
  const corner = await app.execute(
    `return document.querySelector('button.feeling[data-word="' + arguments[0] + '"]').closest('.feeling-group').dataset.quadrant`, [word]);
  await app.click(`button.feeling-corner[data-quadrant="${corner}"]`);
  await app.click(`button.feeling[data-word="${word}"]`);
}

/** Back home through the top bar's "Tend". */
export async function goHome(app) {
  await clickButton(app, 'Tend', '.topbar');
  await app.waitFor('#home-title');
}

/** Runs `script` until it returns true (screens appear after Rust answers), or fails. */
async function retry(app, script, args, what, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await app.execute(script, args)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(what);
}

/** Clicks the first visible button whose text is exactly `text` (optionally inside `scope`). */
export async function clickButton(app, text, scope = 'body') {
  await retry(app,
    `const b = [...document.querySelectorAll(arguments[0] + ' button')].find((x) => x.textContent.trim() === arguments[1] && x.offsetParent && !x.disabled);
     if (b) b.click(); return !!b;`, [scope, text], `no visible button "${text}" in ${scope}`);
}

/** Checks the checkbox whose label text is exactly `text` (optionally inside `scope`). */
export async function checkLabel(app, text, scope = 'body') {
  await retry(app,
    `const l = [...document.querySelectorAll(arguments[0] + ' label')].find((x) => x.textContent.trim() === arguments[1]);
     const i = l && (l.querySelector('input') || document.getElementById(l.htmlFor));
     if (i && !i.checked) i.click(); return !!i;`, [scope, text], `no checkbox labelled "${text}" in ${scope}`);
}
