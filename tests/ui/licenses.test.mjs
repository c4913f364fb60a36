// The open-source licences: About links to ui/licenses.html (written by scripts/licenses.sh),
// a static page inside the app window with a way back. The content security policy allows
// no inline script or style there either, and axe checks it in both themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startHarness } from './harness.mjs';
import { ok } from './contract.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGE = new URL('../../ui/licenses.html', import.meta.url);
const locked = { vault_status: ok('vault_status'), about: ok('about'), sources: ok('sources') };

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

test('the licences page needs no inline script, style or handler (the CSP allows none)', () => {
  const html = readFileSync(PAGE, 'utf8');
  assert.doesNotMatch(html, /<script\b/i, 'no script at all');
  assert.doesNotMatch(html, /<style\b/i, 'no <style>');
  assert.doesNotMatch(html, /\sstyle=/i, 'no style attribute');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline handler');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'nothing loaded from elsewhere');
  assert.match(html, /<link rel="stylesheet" href="styles.css">/);
});

test('About opens the licences in the window, every crate points at its text, and Back returns', async () => {
  const page = await h.open(locked);
  await page.getByRole('button', { name: 'About' }).click();
  await page.getByRole('link', { name: 'Open-source licences' }).click();
  await page.getByRole('heading', { name: 'Open-source licences', level: 1 }).waitFor();
  assert.match(page.url(), /\/licenses\.html$/);

  const crates = await page.locator('[data-crate]').evaluateAll((items) => items.map((li) => ({
    crate: li.dataset.crate, texts: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
  assert.ok(crates.length > 100, `lists the crates built in (${crates.length})`);
  for (const name of ['tauri', 'ring', 'rusqlite', 'zxcvbn']) {
    assert.ok(crates.some((c) => c.crate.startsWith(`${name}@`)), `${name} is listed`);
  }
  for (const { crate, texts } of crates) {
    assert.ok(texts.length > 0, `${crate} links to its licence text`);
    for (const href of texts) {
      assert.ok(await page.locator(`${href} pre.licence-text`).count(), `${crate}: ${href} holds a text`);
    }
  }
  assert.ok(!(await page.locator('[data-crate^="tend@"], [data-crate^="tend-core@"]').count()), 'not our own crates');

  await page.getByRole('link', { name: 'Back to Tend' }).last().click();
  await page.getByRole('heading', { name: 'Welcome to Tend', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the licences page passes axe in the dark theme and the light one', async () => {
  const page = await h.open(locked);
  await page.goto(new URL('licenses.html', page.url()).href);
  await page.addScriptTag({ path: AXE });
  for (const theme of ['dark', 'light']) {
    const violations = await page.evaluate(async (chosen) => {
      document.documentElement.dataset.theme = chosen;
      await Promise.allSettled(document.getAnimations().map((a) => a.finished)); // colours settle
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${chosen}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, theme);
    assert.deepEqual(violations, [], `axe on the licences page (${theme})`);
  }
});
