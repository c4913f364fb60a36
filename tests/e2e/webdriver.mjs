// A small W3C WebDriver client over fetch, and the process plumbing to drive the real
// Tend binary through tauri-driver (which speaks to WebKitWebDriver) under Xvfb.
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Driver {
  constructor(base, id) { this.base = base; this.id = id; }

  async cmd(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${json.value?.message ?? res.status}`);
    return json.value;
  }

  title() { return this.cmd('GET', '/title'); }
  execute(script, args = []) { return this.cmd('POST', '/execute/sync', { script, args }); }

  async find(css) {
    const el = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return el[ELEMENT];
  }

  /** Waits until `css` matches a displayed element; returns its id. */
  async waitFor(css, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
      try {
        const id = await this.find(css);
        if (await this.cmd('GET', `/element/${id}/displayed`)) return id;
      } catch (e) { last = e; }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${css}${last ? `: ${last.message}` : ''}`);
  }

  /** Polls `script` (a function body returning a value) until it returns something truthy. */
  async waitUntil(script, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const value = await this.execute(script);
      if (value) return value;
      await sleep(100);
    }
    throw new Error(`timed out waiting until: ${script}`);
  }

  /**
   * Clicks `css` as a person would: scrolled to the middle of the screen first, where a row
   * of buttons that sticks to the bottom cannot cover it (WebDriver's own scroll puts it at
   * the very bottom, and ignores scroll-padding).
   */
  async click(css) {
    const id = await this.waitFor(css);
    await this.execute('arguments[0].scrollIntoView({ block: "center", inline: "nearest" })', [{ [ELEMENT]: id }]);
    await this.cmd('POST', `/element/${id}/click`, {});
  }
  async text(css) { return this.cmd('GET', `/element/${await this.waitFor(css)}/text`); }
  async type(css, text) {
    await this.cmd('POST', `/element/${await this.waitFor(css)}/value`, { text });
  }

  /**
   * A PNG of the window as the screen shows it (ImageMagick's `import`, as
   * scripts/screenshot.sh), once two frames have been drawn. Not WebDriver's screenshot:
   * WebKit never answers it when it draws without GPU compositing, as Tend asks on Linux.
   */
  async screenshot(file) {
    await this.cmd('POST', '/execute/async', {
      script: 'const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
      args: [],
    });
    await sleep(100);
    const window = this.pids().flatMap(windowsOf)[0];
    if (!window) throw new Error('screenshot: the app has no visible window');
    mkdirSync(join(file, '..'), { recursive: true });
    execFileSync('import', ['-window', window, file]);
    return file;
  }

  async quit() {
    await fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' }).catch(() => {});
  }
}

async function waitForStatus(base, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return;
    } catch { /* not up yet */ }
    await sleep(150);
  }
  throw new Error(`tauri-driver did not answer at ${base} within ${timeoutMs} ms`);
}

/**
 * Starts tauri-driver on a free port and opens a session on `application`.
 * `env` is passed to the app (tauri-driver hands its environment down).
 */
/** Processes (the app, its web processes) started with this launch's tag. */
function tagged(tag) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`TEND_E2E_TAG=${tag}`)) found.push(Number(pid));
    } catch { /* gone, or not ours */ }
  }
  return found.filter((pid) => pid !== process.pid);
}

export async function launch({ application, port = 4444 + Math.floor(Math.random() * 1000), env = {} }) {
  // The driver's output goes to a file, not a pipe: an app that outlives its session
  // would otherwise hold the pipe open and keep the test process from ever ending.
  const log = join(mkdtempSync(join(tmpdir(), 'tend-driver-')), 'stderr.log');
  const fd = openSync(log, 'w');
  const tag = randomUUID();
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1000)], {
    env: { ...process.env, ...env, TEND_E2E_TAG: tag },
    stdio: ['ignore', 'ignore', fd],
  });
  closeSync(fd);
  // Listened for from the start: a driver that exits on its signal before stop() looks
  // has a null exitCode, and a listener added then would wait forever.
  const exited = new Promise((r) => driver.once('exit', r));
  const stderr = () => { try { return readFileSync(log, 'utf8'); } catch { return ''; } };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(base, 15000);
    const res = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: { 'tauri:options': { application } } } }),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`new session: ${json.value?.message ?? res.status}`);
    const session = new Driver(base, json.value.sessionId);
    session.pids = () => tagged(tag);
    session.stop = async () => {
      await session.quit();
      driver.kill();
      await exited;
      // The session's end closes the app; if it has not gone within a few seconds, end it.
      for (let i = 0; i < 30 && tagged(tag).length; i++) await sleep(100);
      for (const pid of tagged(tag)) { try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ } }
    };
    /**
     * What `name` was in the environment each of the app's web processes started with
     * (where WebKit reads its settings): one entry per web process, undefined if unset.
     */
    session.webProcessSetting = (name) => tagged(tag).flatMap((pid) => {
      try {
        if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('WebKitWebProces')) return [];
        const line = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').find((l) => l.startsWith(`${name}=`));
        return [line?.slice(name.length + 1)];
      } catch { return []; }
    });
    return session;
  } catch (e) {
    driver.kill();
    throw new Error(`${e.message}\n${stderr()}`);
  }
}

/** Visible X windows found by xdotool's `search` arguments (none is not an error). */
function windows(...search) {
  try {
    return execFileSync('xdotool', ['search', '--onlyvisible', ...search])
      .toString().trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Visible X windows whose name matches `name` exactly. */
export const visibleWindows = (name) => windows('--name', `^${name}$`);
const windowsOf = (pid) => windows('--pid', String(pid));
