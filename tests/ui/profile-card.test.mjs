// A profile shown as a card: what helps, what to leave out, and "Never", in plain words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ok, reply } from './contract.mjs';

const [robin, sam] = reply('list_profiles');
const cards = reply('list_cards');
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }), get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_cards: { ok: cards }, space_info: ok('space_info', { exists: false, answers: 0 }),
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const openCard = async (page, who) => {
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await page.locator('.people-list .person', { hasText: who }).click();
  await page.getByRole('button', { name: 'Show as a card' }).click();
};

test('my card: what helps in my words, how I lean, what I like to have, and what never to suggest', async () => {
  const favourite = cards.find((c) => c.id === robin.favourites[0]);
  const me = { ...robin, closeness: 2, talk: -1, traumaSensitive: true,
    hardLimits: { cards: [cards[1].id], categories: ['touch'], maxTouch: 'light', items: ['ice'] } };
  const page = await h.open({ ...base, list_profiles: { ok: [me, sam] } });
  await openCard(page, 'Robin');
  await page.getByRole('heading', { name: 'My aftercare' }).waitFor();
  const text = await page.locator('.profile-card').textContent();
  assert.match(text, /Water, and a minute of quiet before talking\./);
  assert.match(text, /AfterwardsMuch more closeness/);
  assert.match(text, /TalkingA bit more quiet/);
  assert.doesNotMatch(text, /null|undefined/);
  assert.match(text, /Touch that is usually welcomeFull touch/);
  assert.match(text, /Likes to haveWater, Warmth/);
  assert.match(text, new RegExp(`Favourite rituals${favourite.title}`));
  assert.match(text, /PrefersCalm, predictable rituals, no surprises/);
  const never = await page.getByRole('region', { name: 'Never' }).textContent();
  assert.match(never, /Kinds of ritualTouch/);
  assert.match(never, /TouchNo more than: light touch/);
  assert.match(never, /Anything that needsice/);
  assert.match(never, new RegExp(`These rituals${cards[1].title}`));
  assert.equal((await page.calls()).filter((c) => /^(save|delete)_/.test(c.cmd)).length, 0, 'showing writes nothing');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Robin' }).waitFor();
});

test('a partner\'s card with little written says so, and a new person has no card yet', async () => {
  const empty = { ...sam, hardLimits: { cards: [], categories: [], maxTouch: null, items: [] } };
  const page = await h.open({ ...base, list_profiles: { ok: [robin, empty] } });
  await openCard(page, 'Sam');
  await page.getByRole('heading', { name: 'Sam’s aftercare' }).waitFor();
  const text = await page.locator('.profile-card').textContent();
  assert.match(text, /AfterwardsA bit more space/);
  assert.doesNotMatch(text, /null|undefined|Never/);
  assert.equal(await page.getByRole('region', { name: 'Never' }).count(), 0);
  const blank = { ...empty, closeness: null };
  const bare = await h.open({ ...base, list_profiles: { ok: [robin, blank] } });
  await openCard(bare, 'Sam');
  await bare.getByText('Nothing is written down for Sam yet. Edit the profile to add what helps.').waitFor();
  await bare.locator('.topbar .brand').click();
  await bare.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await bare.getByRole('button', { name: 'Add a person' }).click();
  await bare.getByRole('heading', { name: 'A new person' }).waitFor();
  assert.equal(await bare.getByRole('button', { name: 'Show as a card' }).count(), 0);
});
