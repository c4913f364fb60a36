// The real app binary in a real window (under Xvfb), driven through tauri-driver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, visibleWindows } from './webdriver.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const application = process.env.TEND_APP;
const cargoVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8')
  .match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1];

// A scratch data folder, so the test never sees (or touches) a real vault.
const scratch = mkdtempSync(join(tmpdir(), 'tend-e2e-'));
let app;
before(async () => {
  assert.ok(application, 'TEND_APP must name the built binary');
  app = await launch({ application, env: { TEND_DATA_DIR: join(scratch, 'data') } });
});
after(async () => {
  await app?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('the window opens titled Tend and shows the welcome screen', async () => {
  assert.equal(await app.title(), 'Tend');
  assert.ok(visibleWindows('Tend').length >= 1, 'an X window named exactly "Tend" is visible');
  const heading = await app.text('#welcome-title');
  assert.equal(heading, 'Welcome to Tend');
  assert.match(await app.text('main'), /never goes online/i);
  await app.screenshot(join(shots, 'welcome.png'));
});

const COMPOSITING = 'WEBKIT_DISABLE_COMPOSITING_MODE';

test('WebKit draws the page without GPU compositing, as Tend asks on Linux', () => {
  const values = app.webProcessSetting(COMPOSITING);
  assert.ok(values.length >= 1, 'the app has a web process');
  assert.deepEqual(new Set(values), new Set(['1']), 'each web process was started with it');
});

test('the environment\'s own WEBKIT_DISABLE_COMPOSITING_MODE=0 brings compositing back', async () => {
  const other = await launch({ application, env: { TEND_DATA_DIR: join(scratch, 'other'), [COMPOSITING]: '0' } });
  try {
    await other.waitFor('#welcome-title');
    const values = other.webProcessSetting(COMPOSITING);
    assert.ok(values.length >= 1, 'the app has a web process');
    assert.deepEqual(new Set(values), new Set(['0']), 'Tend left it as it was');
  } finally {
    await other.stop();
  }
});

test('the about view shows the versions that came from Rust', async () => {
  await app.click('[data-nav="about"]');
  await app.waitFor('.versions');
  assert.equal(await app.text('[data-field="app"]'), cargoVersion, 'app version from Cargo.toml');
  const format = Number(await app.text('[data-field="vaultFormat"]'));
  const schema = Number(await app.text('[data-field="schema"]'));
  assert.ok(Number.isInteger(format) && format >= 1, `vault format ${format}`);
  assert.ok(Number.isInteger(schema) && schema >= 1, `schema ${schema}`);
  const fromRust = await app.execute(
    'return window.__TAURI__.core.invoke("about").then((v) => JSON.stringify(v));');
  const v = JSON.parse(await fromRust);
  assert.equal(format, v.vaultFormat);
  assert.equal(schema, v.schema);
  await app.screenshot(join(shots, 'about.png'));
});

test('About opens the open-source licences in the window, and that page leads back', async () => {
  await app.click('[data-nav="about"]');
  await app.click('a[href="licenses.html"]');
  assert.equal(await app.text('#licences-title'), 'Open-source licences');
  const listed = await app.execute('return document.querySelectorAll("[data-crate]").length;');
  assert.ok(listed > 100, `the crates built in are listed (${listed})`);
  await app.screenshot(join(shots, 'licences.png'));
  await app.click('header a[href="index.html"]');
  assert.equal(await app.text('#welcome-title'), 'Welcome to Tend');
});
