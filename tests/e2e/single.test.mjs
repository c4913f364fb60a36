// One Tend at a time: a second launch on the same data folder brings the open window to
// the front and leaves, instead of opening a second window. Debug builds name the instance
// after the data folder, so a launch on another folder opens beside it. Needs a D-Bus
// session bus (scripts/test.sh runs the end-to-end tests under dbus-run-session).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, visibleWindows } from './webdriver.mjs';

const application = process.env.TEND_APP;
const scratch = mkdtempSync(join(tmpdir(), 'tend-e2e-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let app;

before(async () => {
  assert.ok(application, 'TEND_APP must name the built binary');
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'these tests need a D-Bus session bus');
  app = await launch({ application, env: { TEND_DATA_DIR: join(scratch, 'a') } });
  await app.waitFor('#welcome-title');
});
after(async () => {
  await app?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts the binary directly (no driver), on the given data folder. */
function start(folder) {
  const child = spawn(application, [], {
    env: { ...process.env, TEND_DATA_DIR: join(scratch, folder) },
    stdio: 'ignore',
  });
  child.exited = new Promise((r) => child.once('exit', (code) => r(code)));
  return child;
}

const focused = () => execFileSync('xdotool', ['getwindowfocus']).toString().trim();

/** The X window that has the focus, and its ancestors up to the root. */
function focusChain() {
  const chain = [];
  let id = focused();
  for (let i = 0; i < 10 && id && id !== '0'; i++) {
    chain.push(id);
    const tree = execFileSync('xwininfo', ['-children', '-id', id]).toString();
    const parent = tree.match(/Parent window id: (0x[0-9a-f]+)/);
    if (!parent) break;
    id = String(parseInt(parent[1], 16));
  }
  return chain;
}

test('a second launch on the same folder brings the open window to the front and leaves', async () => {
  const [win] = visibleWindows('Tend');
  assert.ok(win, 'the first Tend window is visible');
  // Something else has the focus first: a plain X window from x11-utils.
  const other = spawn('xmessage', ['-name', 'elsewhere', 'elsewhere'], { stdio: 'ignore' });
  try {
    let away;
    for (let i = 0; i < 50 && !away; i++) {
      await sleep(100);
      try { away = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^elsewhere$']).toString().trim().split('\n')[0]; } catch { /* not yet */ }
    }
    assert.ok(away, 'the other window appeared');
    execFileSync('xdotool', ['windowfocus', '--sync', away]);
    assert.ok(!focusChain().includes(win), 'Tend does not have the focus before the second launch');

    const second = start('a');
    const code = await Promise.race([second.exited, sleep(15000).then(() => 'still running')]);
    if (code === 'still running') second.kill();
    assert.equal(code, 0, 'the second launch leaves quietly');
    assert.equal(visibleWindows('Tend').length, 1, 'still one Tend window');
    let front = false;
    for (let i = 0; i < 30 && !front; i++) { front = focusChain().includes(win); if (!front) await sleep(100); }
    assert.ok(front, 'the open Tend window has the focus again');
    assert.equal(await app.text('#welcome-title'), 'Welcome to Tend', 'the open window is as it was');
  } finally {
    other.kill();
  }
});

test('a launch on another data folder opens beside it (debug builds)', async () => {
  const beside = start('b');
  try {
    let windows = 0;
    for (let i = 0; i < 100 && windows < 2; i++) { await sleep(100); windows = visibleWindows('Tend').length; }
    assert.equal(windows, 2, 'two Tend windows, one per data folder');
    assert.equal(beside.exitCode, null, 'the launch on another folder keeps running');
  } finally {
    beside.kill();
    await beside.exited;
  }
});
