// The app a user installs: started from the .deb's desktop entry (scripts/package-test.sh
// installs it as root in CI and passes the Exec line), with a fresh home, in a real window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, visibleWindows } from '../e2e/webdriver.mjs';

const exec = process.env.TEND_INSTALLED_EXEC;
const home = mkdtempSync(join(tmpdir(), 'tend-home-'));
let app;

before(async () => {
  assert.ok(exec, 'TEND_INSTALLED_EXEC must carry the desktop entry\'s Exec line');
  // The Exec line names a command found on PATH, as a desktop would start it.
  const application = execFileSync('sh', ['-c', `command -v ${exec.split(' ')[0]}`]).toString().trim();
  assert.equal(application, '/usr/bin/tend', 'the desktop entry starts the installed binary');
  const xdg = (dir) => { mkdirSync(join(home, dir), { recursive: true, mode: 0o700 }); return join(home, dir); };
  app = await launch({
    application,
    env: {
      HOME: home,
      XDG_DATA_HOME: xdg('.local/share'),
      XDG_CONFIG_HOME: xdg('.config'),
      XDG_CACHE_HOME: xdg('.cache'),
      XDG_RUNTIME_DIR: xdg('run'),
    },
  });
});
after(async () => {
  await app?.stop();
  rmSync(home, { recursive: true, force: true });
});

test('the installed app opens a window titled Tend on the welcome screen', async () => {
  assert.equal(await app.title(), 'Tend');
  assert.ok(visibleWindows('Tend').length >= 1, 'an X window named exactly "Tend" is visible');
  assert.equal(await app.text('#welcome-title'), 'Welcome to Tend');
  assert.match(await app.text('main'), /never goes online/i);
});

test('the installed app draws its page without GPU compositing', () => {
  const values = app.webProcessSetting('WEBKIT_DISABLE_COMPOSITING_MODE');
  assert.ok(values.length >= 1, 'the app has a web process');
  assert.deepEqual(new Set(values), new Set(['1']), 'each web process was started with it');
});
