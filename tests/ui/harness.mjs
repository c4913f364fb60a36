// Serves ui/ on loopback and opens it in headless Chromium with Tauri's own IPC mock
// (the `mocks` module of the tauri crate's global script), so views run exactly as in
// the app but every `invoke` lands in a handler the test controls.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const uiDir = join(root, 'ui');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * Every view main.js can show, by name: its own table (the screens of a locked Tend) and
 * views/unlocked.js's (an open vault's). Read from the source, as importing runs the app.
 */
export function viewNames() {
  return ['js/main.js', 'js/views/unlocked.js'].flatMap((file) => {
    const source = readFileSync(join(uiDir, file), 'utf8');
    const body = source.match(/const views = \{([\s\S]*?)\n\};/)[1];
    return body.replace(/\{[^}]*\}/g, '').split(',')
      .map((s) => s.split(':')[0].replace(/'/g, '').trim()).filter(Boolean);
  });
}

function tauriGlobalScript() {
  const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1'],
    { cwd: root, maxBuffer: 64 << 20 }).toString());
  const tauri = meta.packages.find((p) => p.name === 'tauri');
  const file = join(dirname(tauri.manifest_path), 'scripts', 'bundle.global.js');
  if (!existsSync(file)) throw new Error(`no ${file}`);
  return readFileSync(file, 'utf8');
}

function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(uiDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(uiDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// Runs in the page before any of its scripts: answers from `window.__responses`
// (set per test) and records every call in `window.__calls`.
const mockHandler = `
  window.__calls = [];
  window.__responses = window.__responses || {};
  window.__TAURI__.mocks.mockIPC(async (cmd, args) => {
    window.__calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {})) });
    const answer = window.__responses[cmd];
    if (!answer) throw { code: 'internal', message: 'no mock for ' + cmd };
    if (answer.delay) await new Promise((r) => setTimeout(r, answer.delay));
    if ('error' in answer) throw answer.error;
    return answer.ok;
  }, { shouldMockEvents: true });
`;

export async function startHarness() {
  const script = tauriGlobalScript();
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const base = `http://127.0.0.1:${server.address().port}/`;

  /** A fresh page with `responses` ({ cmd: { ok } | { error } | { delay } }) mocked before load. */
  async function open(responses = {}, options = {}) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.addInitScript(script);
    const serialized = Object.entries(responses).map(([cmd, r]) =>
      `window.__responses[${JSON.stringify(cmd)}] = ${JSON.stringify(r)};`).join('\n');
    await page.addInitScript(`window.__responses = {}; ${serialized}\n${mockHandler}`);
    await page.goto(base);
    page.calls = () => page.evaluate(() => window.__calls);
    page.errors = errors;
    return page;
  }

  async function stop() {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
  return { open, stop };
}
