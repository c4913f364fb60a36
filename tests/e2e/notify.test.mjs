// The desktop notification, seen on the wire: when a follow-up falls due, Tend asks the
// desktop's notification service (org.freedesktop.Notifications, over the session bus the
// end-to-end tests run under) to show only "Tend" and "A gentle check-in is ready", and
// nothing of what was said in the session.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './webdriver.mjs';
import { PASS, clickButton, createVault, endQuickSession, scratchEnv } from './flows.mjs';

const { dir, env } = scratchEnv();
let app;
let monitor;
after(async () => {
  monitor?.kill();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a due check-in is announced with the neutral words alone', async () => {
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'this test needs a D-Bus session bus');
  app = await launch({ application: process.env.TEND_APP, env });
  await createVault(app);
  // Quiet hours off, so the notification is not held until morning.
  await app.execute(`return window.__TAURI__.core.invoke('get_settings').then((s) =>
    window.__TAURI__.core.invoke('save_settings', { settings: { ...s, quietHours: null } }))`);
  await endQuickSession(app);
  await app.stop();

  // Every Notify call on the bus, written down while Tend opens a day later.
  const log = join(dir, 'notify.log');
  const fd = openSync(log, 'w');
  monitor = spawn('dbus-monitor', ['--session',
    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"], { stdio: ['ignore', fd, 'ignore'] });
  closeSync(fd);
  app = await launch({ application: process.env.TEND_APP, env: { ...env, TEND_CLOCK_AHEAD_HOURS: '25' } });
  await app.waitFor('#unlock-secret');
  await app.type('#unlock-secret', PASS);
  await clickButton(app, 'Unlock');
  await app.waitFor('.home-due button');
  let seen = '';
  for (let i = 0; i < 150 && !seen.includes('A gentle check-in is ready'); i++) {
    await new Promise((r) => setTimeout(r, 200));
    seen = readFileSync(log, 'utf8');
  }
  assert.match(seen, /member=Notify/, 'Tend called Notify');
  const call = seen.slice(seen.indexOf('member=Notify'));
  const strings = [...call.matchAll(/string "([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, timeout)
  assert.deepEqual(strings.slice(0, 4), ['Tend', 'tend', 'Tend', 'A gentle check-in is ready']);
  assert.ok(!/feel|session|aftercare|drop/i.test(strings.join(' ')),
    `nothing more on the wire: ${strings.join(' | ')}`);
});
