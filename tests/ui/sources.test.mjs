// Sources: a card that reports a finding names its source, and About lists every source
// in full (authors, year, title, venue, the address to look it up), also while locked.
// The core is mocked with the replies Rust wrote (tests/contract/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ok, reply } from './contract.mjs';

const all = reply('sources');
const cuddle = reply('list_cards').find((c) => c.id === 'unhurried-cuddle');
const plain = reply('list_cards').find((c) => c.id === 'glass-of-water');

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

test('a card that reports a finding names its source; plain advice names none', async () => {
  assert.ok(cuddle.citations.length, 'the contract card cites');
  const page = await h.open({ vault_status: ok('vault_status', { exists: true, unlocked: true }),
    get_settings: ok('get_settings'), list_cards: { ok: [cuddle, plain] }, list_profiles: ok('list_profiles') });
  await page.getByRole('button', { name: 'Ritual cards' }).click();
  const cited = page.locator('.ritual-card[data-id="unhurried-cuddle"] .card-source');
  assert.equal(await cited.textContent(), `Source: ${cuddle.citations[0]} (About lists them in full)`);
  assert.equal(await page.locator('.ritual-card[data-id="glass-of-water"] .card-source').count(), 0);
});

test('About lists every source in full, while locked too', async () => {
  const page = await h.open({ vault_status: ok('vault_status'), about: ok('about'), sources: { ok: all } });
  await page.getByRole('button', { name: 'About' }).click();
  await page.getByRole('heading', { name: 'Sources' }).waitFor();
  await page.locator('.source').first().waitFor();
  assert.equal(await page.locator('.source').count(), all.length);
  const muise = await page.locator('.source[data-source="muise-2014"]').textContent();
  for (const part of ['Muise, A., Giang, E., & Impett, E. A. (2014).', 'Post sex affectionate exchanges promote sexual and relationship satisfaction',
    'Archives of Sexual Behavior, 43(7), 1391–1402', 'https://doi.org/10.1007/s10508-014-0305-3']) {
    assert.ok(muise.includes(part), `${part} in ${muise}`);
  }
  assert.match(await page.locator('.source[data-source="masters-sub-drop"]').textContent(), /\(undated\).*not research/);
});
