// Support by region: trusted contacts on top, the chosen region's services first (grouped by
// what they are for), every other region behind "Show all regions", and the region kept in
// settings. The core is mocked with the replies Rust wrote (tests/contract/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

const listed = reply('support'); // region "gb", Alex as a trusted contact
const settings = reply('get_settings');
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings', { region: 'gb' }), save_settings: ok('save_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: ok('list_profiles'), space_info: ok('space_info', { exists: false, answers: 0 }),
  support: { ok: listed },
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);

async function openSupport(responses = {}) {
  const page = await h.open({ ...base, ...responses });
  await page.locator('.home-grid').getByRole('button', { name: 'Support' }).click();
  await page.locator('.resource').first().waitFor();
  return page;
}

/** Names of the services a person can see now (closed <details> hide theirs). */
const visibleServices = (page) => page.locator('.resource').evaluateAll((nodes) =>
  nodes.filter((n) => n.checkVisibility()).map((n) => ({ region: n.dataset.region, category: n.dataset.category,
    name: n.querySelector('.resource-name').textContent })));

test('the chosen region comes first, grouped by what each service is for; trusted contacts stay on top', async () => {
  const page = await openSupport();
  assert.equal(await page.getByLabel('Where are you?').inputValue(), 'gb', 'the region from settings');
  await page.getByText('Showing United Kingdom first.').waitFor();

  const headings = await page.locator('.support h2').allTextContents();
  assert.deepEqual(headings.slice(0, 2), ['People you trust', 'Services'], 'contacts before services');
  const order = await page.evaluate(() => {
    const contact = document.querySelector('.contacts li');
    const service = document.querySelector('.resource');
    return contact.compareDocumentPosition(service) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the trusted contact comes before any service');
  await page.getByText('Alex: Text any evening').waitFor();

  const shown = await visibleServices(page);
  const uk = listed.resources.filter((r) => r.region === 'gb');
  assert.deepEqual(shown.map((s) => s.name), uk.map((r) => r.name), 'only the United Kingdom until asked');
  assert.equal(shown[0].category, 'emergency', 'the emergency number first');
  const groups = await page.locator('.resources > .resource-group > h3').allTextContents();
  assert.deepEqual(groups.slice(0, 3), ['Emergency', 'Someone to talk to', 'After sexual violence']);

  const first = page.locator('.resource').first();
  assert.match(await first.textContent(), /Call 999/);
  assert.match(await first.locator('.resource-checked').textContent(), /^Checked .*2026 · wmas\.nhs\.uk$/);
  assert.match(await first.textContent(), /Hours: Any time/);

  await page.getByText('Show all regions').click();
  const all = await visibleServices(page);
  assert.equal(all.length, listed.resources.length, 'every region, one tap away');
  const regions = await page.locator('.all-regions h3').allTextContents();
  assert.deepEqual(regions, ['United States', 'Canada', 'Ireland', 'Australia', 'New Zealand', 'Germany']);
  assert.equal((await callsTo(page, 'save_settings')).length, 0, 'looking saves nothing');
});

test('picking a region shows its services and keeps the choice in settings', async () => {
  const page = await openSupport();
  await page.getByLabel('Where are you?').selectOption('ie');
  await page.getByText('Showing Ireland first.').waitFor();
  const shown = await visibleServices(page);
  assert.ok(shown.length > 0 && shown.every((s) => s.region === 'ie'), JSON.stringify(shown));
  assert.deepEqual(shown.map((s) => s.name), listed.resources.filter((r) => r.region === 'ie').map((r) => r.name));

  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'save_settings'));
  const saved = (await callsTo(page, 'save_settings'))[0].args;
  assertSentShape(saved, request('save_settings'));
  assert.deepEqual(saved.settings, { ...settings, region: 'ie' }, 'only the region changes');
});

test('"Show all" lists every region under its own heading and clears the stored region', async () => {
  const page = await openSupport();
  await page.getByLabel('Where are you?').selectOption({ label: 'Show all' });
  await page.getByText('Showing every region.').waitFor();
  assert.equal(await page.locator('.all-regions').count(), 0, 'nothing left to open');
  const shown = await visibleServices(page);
  assert.equal(shown.length, listed.resources.length);
  const regions = await page.locator('.resources > .resource-group > h3').allTextContents();
  assert.deepEqual(regions, ['United Kingdom', 'United States', 'Canada', 'Ireland', 'Australia', 'New Zealand', 'Germany'],
    'in the order the core sent');
  assert.match(await page.locator('.resource').first().textContent(), /Emergency/, 'each says what it is for');
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'save_settings'));
  assert.equal((await callsTo(page, 'save_settings'))[0].args.settings.region, null);
});

test('with no region chosen yet, every region is shown', async () => {
  const page = await openSupport({ support: { ok: { ...listed, region: null, contacts: [] } } });
  assert.equal(await page.getByLabel('Where are you?').inputValue(), '');
  await page.getByText('Showing every region.').waitFor();
  await page.getByText('No one added yet. You can add someone at the end of this page.').waitFor();
  assert.equal((await visibleServices(page)).length, listed.resources.length);
});

test('no screen reads a location: the person picks their region', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../ui/js');
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'));
  assert.ok(files.length > 10);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /geolocation|getCurrentPosition|watchPosition|timeZone\(\)|resolvedOptions/, f);
  }
});

test('saving other settings keeps the region chosen on the support page', async () => {
  const page = await h.open({ ...base, get_settings: ok('get_settings', { region: 'nz' }), exports_written: ok('exports_written') });
  await page.locator('.home-grid').getByRole('button', { name: 'Settings' }).click();
  await page.waitForFunction(() => document.querySelector('#set-autolock')?.value === '5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  const saved = (await callsTo(page, 'save_settings'))[0].args;
  assertSentShape(saved, request('save_settings'));
  assert.equal(saved.settings.region, 'nz');
});
