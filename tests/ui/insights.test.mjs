// "What seems to help": pictures with their words, the too-few note, and hiding it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';
import { INSIGHTS } from './insights-sample.mjs';

const profiles = reply('list_profiles').map((p) => (p.isMe ? { ...p, name: 'Me' } : p));
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] },
  history: { ok: reply('history').map((s) => ({ ...s, people: ['Me', 'Sam'] })) },
  list_profiles: { ok: profiles },
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const toInsights = async (page) => {
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'What seems to help' }).click();
  await page.getByRole('heading', { name: 'What seems to help' }).waitFor();
};

test('with enough sessions: four pictures, each an image named by its caption and told again in words', async () => {
  const page = await h.open({ ...base, insights: { ok: INSIGHTS } });
  await toInsights(page);
  await page.locator('figure').first().waitFor();
  const figures = await page.locator('figure').all();
  assert.equal(figures.length, 4);
  for (const f of figures) {
    const picture = f.locator('svg');
    assert.equal(await picture.getAttribute('role'), 'img');
    const caption = await f.locator('figcaption').textContent();
    assert.equal(await page.locator(`#${await picture.getAttribute('aria-labelledby')}`).textContent(), caption);
    assert.ok((await f.locator('.picture-words li').count()) > 0, `${caption}: words follow the picture`);
  }
  const words = await page.locator('.insights').textContent();
  assert.match(words, /Hold each other, for Sam: helped 2, neutral 1, not for me 0; chosen 3 times\./);
  assert.match(words, /A glass of water, for you: helped 1, neutral 0, not for me 1; chosen 4 times\./);
  assert.match(words, /, you: from unpleasant, more energy to pleasant, low energy\./);
  assert.match(words, /A scene, about 45 minutes \(touch, practical care\): you felt pleasant, low energy the next day\./);
  assert.match(words, /Everyday, tender, about 5 minutes: Sam felt low the next day\./);
  assert.match(words, /After 24 hours: 1 of 3 answers mentioned some drop; 1 felt low\./);
  assert.doesNotMatch(words, /score|streak|best|points|%/i, 'what seems to help, never a score');
  // One arrow per move that went somewhere; a move that stayed put is its dot alone.
  assert.equal(await page.locator('.plane .move').count(), 1);
  assert.equal(await page.locator('.plane .from').count(), 2);
  assert.deepEqual(page.errors, []);
});

test('fewer than three sessions: a plain note and no pictures', async () => {
  const page = await h.open({ ...base, insights: ok('insights') });
  await toInsights(page);
  await page.locator('.too-few').waitFor();
  assert.match(await page.locator('.too-few').textContent(), /With one session so far there is not enough here to say what seems to help/);
  assert.equal(await page.locator('figure').count(), 0);
});

test('hidden in settings: no way in from the history, and the screen says how to bring it back', async () => {
  const hidden = ok('get_settings', { insights: false });
  let page = await h.open({ ...base, get_settings: hidden, insights: { ok: null } });
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await page.locator('.history-item').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'What seems to help' }).count(), 0);
  page = await h.open({ ...base, insights: { ok: null } });
  await toInsights(page);
  await page.getByText('Insights are hidden. You can show them again in Settings.').waitFor();
  assert.equal(await page.locator('figure').count(), 0);
});

test('settings: hiding insights is one checkbox, sent as Rust reads it', async () => {
  const page = await h.open({ ...base, save_settings: ok('save_settings'), exports_written: ok('exports_written') });
  await page.locator('.home-grid').getByRole('button', { name: 'Settings' }).click();
  await page.waitForFunction(() => document.querySelector('#set-autolock')?.value === '5');
  const box = page.getByLabel('Show “What seems to help” in the history');
  assert.equal(await box.isChecked(), true);
  await box.uncheck();
  await page.locator('form').filter({ has: box }).getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'save_settings'));
  const sent = (await page.calls()).find((c) => c.cmd === 'save_settings').args;
  assert.equal(sent.settings.insights, false);
  assertSentShape(sent, request('save_settings'));
});

test('a person\'s opened space shows what seems to help them, from their own answers', async () => {
  const opened = { ...reply('open_space'), insights: { ...INSIGHTS, rituals: [INSIGHTS.rituals[0]], moves: [], nextDay: [], drop: [] } };
  const page = await h.open({ ...base, space_info: ok('space_info', { exists: true, answers: 1 }), open_space: { ok: opened },
    list_plans: ok('list_plans') });
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Sam’s own space' }).click();
  await page.getByLabel('Sam’s passphrase').fill('amber willow gently hums');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { name: 'What seems to help you' }).waitFor();
  assert.match(await page.locator('.space-insights').textContent(), /Hold each other, for you: helped 2/);
});
