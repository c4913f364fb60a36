// The shell and the first screens: welcome, about, errors, keyboard and themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ok, reply } from './contract.mjs';

const versions = reply('about');
const noVault = { vault_status: ok('vault_status'), sources: ok('sources') };
let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

test('the welcome screen says what Tend is and that it never goes online', async () => {
  const page = await h.open({ ...noVault, about: { ok: versions } });
  const heading = page.getByRole('heading', { level: 1 });
  assert.equal(await heading.textContent(), 'Welcome to Tend');
  const text = await page.locator('main').textContent();
  assert.match(text, /never goes online/i);
  assert.match(text, /passphrase/i);
  assert.equal(await page.title(), 'Tend');
  assert.deepEqual(page.errors, []);
});

test('opening About calls the about command once, with no arguments, and shows its versions', async () => {
  const page = await h.open({ ...noVault, about: { ok: { ...versions, app: '7.7.7', schema: 42 } } });
  await page.getByRole('button', { name: 'About' }).click();
  await page.locator('.versions:not([hidden])').waitFor();
  const calls = (await page.calls()).filter((c) => c.cmd === 'about');
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].args, {});
  assert.equal(await page.locator('[data-field="app"]').textContent(), '7.7.7');
  assert.equal(await page.locator('[data-field="schema"]').textContent(), '42');
  assert.equal(await page.locator('[data-field="vaultFormat"]').textContent(), String(versions.vaultFormat));
});

test('an error from Rust is shown as its readable message, and Try again recovers', async () => {
  const page = await h.open({
    ...noVault,
    about: { error: { code: 'internal', message: 'The versions could not be read.' } },
  });
  await page.getByRole('button', { name: 'About' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.locator('p').textContent(), 'The versions could not be read.');
  assert.equal(await page.locator('.versions').isHidden(), true);

  await page.evaluate((v) => { window.__responses.about = { ok: v }; }, versions);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.versions:not([hidden])').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal((await page.calls()).filter((c) => c.cmd === 'about').length, 2);
});

test('a refusal from Tauri itself (plain text) becomes a calm message, not a raw string', async () => {
  const page = await h.open({ ...noVault, about: { error: 'invalid args `x` for command `about`' } });
  await page.getByRole('button', { name: 'About' }).click();
  const message = await page.getByRole('alert').locator('p').textContent();
  assert.doesNotMatch(message, /invalid args/);
  assert.match(message, /try again/i);
});

test('everything is reachable by keyboard and a new screen moves focus to its heading', async () => {
  const page = await h.open({ ...noVault, about: { ok: versions } });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Calm now', 'one step from the top');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'About');
  await page.keyboard.press('Enter');
  await page.locator('.versions:not([hidden])').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'about-title');
});

test('reduced motion stops transitions', async () => {
  const calm = await h.open(noVault, { reducedMotion: 'reduce' });
  const duration = await calm.evaluate(() =>
    getComputedStyle(document.querySelector('button')).transitionDuration);
  assert.equal(duration, '0s');
});

test('dark by default even on a light system; light when chosen; "match this device" follows it', async () => {
  const bg = () => getComputedStyle(document.body).backgroundColor;
  const page = await h.open(noVault, { colorScheme: 'light' });
  await page.getByRole('heading', { name: 'Welcome to Tend' }).waitFor();
  assert.equal(await page.evaluate(bg), 'rgb(20, 22, 27)', 'dark by default');
  const unlocked = (theme) => ({
    vault_status: ok('vault_status', { exists: true, unlocked: true }),
    get_settings: ok('get_settings', { theme }),
  });
  const system = await h.open(unlocked('system'), { colorScheme: 'light' });
  await system.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.equal(await system.evaluate(bg), 'rgb(246, 243, 238)', 'following a light device');
  await system.emulateMedia({ colorScheme: 'dark' });
  await system.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  const chosen = await h.open(unlocked('light'), { colorScheme: 'dark' });
  await chosen.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.equal(await chosen.evaluate(bg), 'rgb(246, 243, 238)', 'a chosen light theme beats a dark device');
});
