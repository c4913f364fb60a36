// Catalogue, people, plans and suggestions screens, with the core mocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

const unlocked = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings'),
};
const card = (id, category, over = {}) => ({
  ...reply('get_card'), id, title: `Card ${id}`, how: 'Do it slowly.', why: 'It may help.', category,
  contexts: ['tender'], roles: [], touch: 'none', talk: 'quiet', energy: 'low', minutes: 5, items: ['water'],
  timer: null, needsPartner: false, predictable: true, custom: false, ...over,
});
const cards = [card('a', 'touch', { touch: 'full' }), card('b', 'practical'), card('c', 'regulation'), card('d', 'conversation')];
const [me, sam] = reply('list_profiles');

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const home = async (page) => page.getByRole('heading', { name: 'Hello' }).waitFor();

test('the catalogue shows every card and filters through Rust', async () => {
  const page = await h.open({ ...unlocked, list_cards: { ok: cards }, list_profiles: { ok: [me] } });
  await home(page);
  await page.getByRole('button', { name: 'Ritual cards' }).click();
  await page.locator('.ritual-card').first().waitFor();
  assert.equal(await page.locator('.ritual-card').count(), 4);
  assert.match(await page.locator('.ritual-card').first().textContent(), /Do it slowly\..*It may help\./);
  await page.getByLabel('Kind').selectOption('touch');
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'list_cards').length === 2);
  assert.deepEqual((await callsTo(page, 'list_cards'))[1].args, { category: 'touch', context: null });
});

test('rating a card records feedback for the chosen person', async () => {
  const page = await h.open({ ...unlocked, list_cards: { ok: cards }, list_profiles: { ok: [me, sam] }, record_feedback: { ok: null } });
  await home(page);
  await page.getByRole('button', { name: 'Ritual cards' }).click();
  const first = page.locator('.ritual-card').first();
  await first.getByText('How did it land?').click();
  await first.getByLabel('For').selectOption(sam.id);
  await first.getByRole('button', { name: 'Not for me' }).click();
  await first.getByText('Noted: not for me.').waitFor();
  assert.deepEqual((await callsTo(page, 'record_feedback'))[0].args, { person: sam.id, card: 'a', verdict: 'not_for_me' });
});

test('adding my own card sends every attribute, and a refusal is shown', async () => {
  const page = await h.open({ ...unlocked, list_cards: { ok: cards }, list_profiles: { ok: [] },
    save_custom_card: { error: { code: 'invalid', message: 'Say why it may help in up to 110 characters.' } } });
  await home(page);
  await page.getByRole('button', { name: 'Ritual cards' }).click();
  await page.getByRole('button', { name: 'Add my own card' }).click();
  await page.getByLabel('Title').fill('Tea on the porch');
  await page.getByLabel('How to do it').fill('Make two cups and sit outside for a while.');
  await page.getByLabel('Timer', { exact: true }).selectOption('breathing');
  await page.getByLabel('Breathing pattern').selectOption('box');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /why it may help/);
  const sent = (await callsTo(page, 'save_custom_card'))[0].args.card;
  assert.equal(sent.title, 'Tea on the porch');
  assert.deepEqual(sent.timer, { kind: 'breathing', pattern: 'box', minutes: 5 });
  assertSentShape({ card: sent }, request('save_custom_card'));
  assert.equal(sent.id, null, 'a new card has no id yet');
});

test('a new person needs only a name; hard limits go to Rust as chosen', async () => {
  const page = await h.open({ ...unlocked, list_profiles: { ok: [me] }, list_cards: { ok: cards },
    save_profile: { ok: sam } });
  // (Sam in the sample has limits of his own; the screen sends what is chosen here.)
  await home(page);
  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByLabel('Name').fill('Sam');
  await page.locator('fieldset.limits').getByLabel('Touch', { exact: true }).check();
  await page.getByLabel('No more touch than').selectOption('light');
  await page.getByLabel('What helps me (in your own words)').fill('A hand to hold, then quiet.');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'People' }).waitFor();
  const sent = (await callsTo(page, 'save_profile'))[0].args.profile;
  assert.equal(sent.name, 'Sam');
  assert.equal(sent.helps, 'A hand to hold, then quiet.');
  assert.equal(sent.closeness, null, 'unset stays unset');
  assert.equal(sent.id, null, 'someone new has no id yet');
  assert.deepEqual(sent.hardLimits, { cards: [], categories: ['touch'], maxTouch: 'light', items: [] });
  assertSentShape({ profile: sent }, request('save_profile'));
});

test('an invalid profile stays on screen with the reason', async () => {
  const page = await h.open({ ...unlocked, list_profiles: { ok: [me] }, list_cards: { ok: cards },
    save_profile: { error: { code: 'invalid', message: 'There is already a profile called "Me".' } } });
  await home(page);
  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByLabel('Name').fill('me');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /already a profile/);
  assert.equal(await page.getByLabel('Name').inputValue(), 'me', 'what was typed is kept');
});

test('suggestions show three cards with reasons; another one asks Rust for the next best', async () => {
  const three = ['a', 'b', 'c'].map((id, i) => ({ card: cards[i], reason: `Reason ${id}.` }));
  const page = await h.open({ ...unlocked, list_profiles: { ok: [me, sam] },
    suggest: { ok: { plan: null, suggestions: three } } });
  await home(page);
  await page.getByRole('button', { name: 'Suggest a few rituals' }).click();
  await page.getByLabel('Sam').check();
  await page.getByRole('button', { name: 'Suggest' }).click();
  await page.locator('.reason').first().waitFor();
  assert.deepEqual(await page.locator('.reason').allTextContents(), ['Reason a.', 'Reason b.', 'Reason c.']);
  const ask = (await callsTo(page, 'suggest'))[0].args.ask;
  assert.deepEqual(ask.people.map((p) => p.id), [me.id, sam.id]);
  assertSentShape({ ask }, request('suggest'));
  assert.equal(ask.context, 'tender');

  await page.evaluate((d) => { window.__responses.suggest = { ok: { plan: null, suggestions: [{ card: d, reason: 'Reason d.' }] } }; }, cards[3]);
  await page.getByRole('button', { name: 'Another one' }).nth(1).click();
  await page.getByText('Reason d.').waitFor();
  const again = (await callsTo(page, 'suggest'))[1].args.ask;
  assert.equal(again.count, 1);
  assert.deepEqual(again.exclude.sort(), ['a', 'b', 'c']);
  assert.deepEqual(again.shownCategories, ['touch', 'regulation']);
  assert.equal(again.seed, ask.seed, 'the same session seed');
  assert.deepEqual(await page.locator('.reason').allTextContents(), ['Reason a.', 'Reason d.', 'Reason c.']);
});

test('a plan keeps the chosen order of cards', async () => {
  const page = await h.open({ ...unlocked, list_profiles: { ok: [me, sam] }, list_cards: { ok: cards },
    list_plans: { ok: [] }, save_plan: ok('save_plan') });
  await home(page);
  await page.getByRole('button', { name: 'Plans' }).click();
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await page.getByLabel('Name').fill('Saturday');
  await page.getByLabel(`${me.name} (you)`).check();
  await page.getByLabel('Sam').check();
  for (const id of ['c', 'a']) {
    await page.getByLabel('Add a card').selectOption(id);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
  }
  await page.getByRole('button', { name: 'Move Card a up' }).click();
  await page.getByRole('button', { name: 'Save plan' }).click();
  await page.getByRole('heading', { name: 'Plans' }).waitFor();
  const sent = (await callsTo(page, 'save_plan'))[0].args.plan;
  assert.deepEqual(sent.cards, ['a', 'c']);
  assert.deepEqual(sent.people, [me.id, sam.id]);
  assertSentShape({ plan: sent }, request('save_plan'));
});
