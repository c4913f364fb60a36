// "Care for your body", with the core mocked by the page Rust wrote (tests/contract/): it
// renders every fact with its source, opens from Support and while locked, goes nowhere
// online, and opens from a reflection without losing what was written there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ok, reply } from './contract.mjs';

const care = reply('body_care');
const profiles = reply('list_profiles');
const SAM = profiles.find((p) => !p.isMe).id;
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }),
  get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: { ok: profiles }, feelings: ok('feelings'),
  get_card: ok('get_card'), list_cards: { ok: [reply('get_card')] },
  space_info: ok('space_info', { exists: false, answers: 0 }),
  support: ok('support'), body_care: { ok: care },
};

/** Every fact in reading order, as Rust sends them. */
const facts = (page) => [...page.intro, ...page.sections.flatMap((s) =>
  [...s.intro, ...s.list, ...s.topics.flatMap((t) => t.facts)])];

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);

/** Opens a view the way a [data-nav] button does. */
const nav = (page, name) => page.evaluate((n) => {
  const go = Object.assign(document.createElement('button'), { type: 'button', hidden: true });
  go.dataset.nav = n;
  document.body.append(go);
  go.click();
  go.remove();
}, name);

/** What the page shows: headings with their levels, and each fact's text, time and source. */
const shown = (page) => page.evaluate(() => ({
  headings: [...document.querySelectorAll('#view h1, #view h2, #view h3')]
    .map((hd) => [Number(hd.tagName[1]), hd.textContent]),
  facts: [...document.querySelectorAll('#view [data-fact]')].map((f) => ({
    id: f.dataset.fact,
    text: f.querySelector('.care-text')?.textContent,
    window: f.querySelector('.care-window')?.textContent ?? null,
    source: f.querySelector('.care-source')?.textContent ?? null,
    url: f.querySelector('.care-url')?.textContent ?? null,
  })),
  links: document.querySelectorAll('#view a[href], #view [onclick]').length,
}));

test('the sample page has sourced facts and each time window (what the UI is checked against)', () => {
  const all = facts(care);
  assert.ok(all.length > 20, 'a page of facts');
  assert.ok(all.some((f) => f.advice) && all.some((f) => !f.advice));
  assert.equal(care.sections[0].heading, 'Get urgent care now if…');
  const time = care.sections.find((s) => s.id === 'time');
  assert.deepEqual(time.topics.map((t) => t.id), ['pep', 'emergency-contraception', 'sti-testing', 'forensic-exam']);
});

test('reached from Support, the page renders from the contract: every fact with its source, headings in order, no links', async () => {
  const page = await h.open(base);
  await page.locator('.home-grid').getByRole('button', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Care for your body' }).click();
  await page.getByRole('heading', { name: 'Care for your body', level: 1 }).waitFor();
  await page.locator('.care-topic').first().waitFor();
  const got = await shown(page);

  // h1, then an h2 per section, then an h3 per topic: never a level skipped.
  assert.deepEqual(got.headings.filter(([l]) => l <= 2), [[1, 'Care for your body'],
    ...care.sections.map((s) => [2, s.heading])]);
  for (const [i, [level]] of got.headings.entries()) {
    if (i) assert.ok(level <= got.headings[i - 1][0] + 1, `heading ${got.headings[i][1]} skips a level`);
  }
  assert.deepEqual(got.headings.filter(([l]) => l === 3).map(([, t]) => t),
    care.sections.flatMap((s) => s.topics.map((t) => t.title)));

  const expected = facts(care);
  assert.deepEqual(got.facts.map((f) => f.id), expected.map((f) => f.id), 'every fact, in order');
  for (const [i, f] of expected.entries()) {
    const g = got.facts[i];
    assert.equal(g.text, f.text, f.id);
    if (f.advice) {
      assert.equal(g.source, null, `${f.id}: advice shows no source`);
    } else {
      assert.match(g.source, new RegExp(`^Source: ${f.publisher.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `${f.id}: its publisher`);
      assert.equal(g.url, f.source, `${f.id}: its page's address, as text`);
    }
    assert.equal(g.window, f.window ? `Time: ${f.window}` : null, `${f.id}: its time window`);
  }
  assert.equal(got.links, 0, 'nothing on the page opens the network');
  assert.deepEqual(page.errors, []);

  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
});

test('the page opens while Tend is locked, and Back goes to the unlock screen', async () => {
  const page = await h.open({ vault_status: ok('vault_status', { exists: true, unlocked: false, hasPassphrase: true }),
    body_care: { ok: care } });
  await page.getByRole('heading', { name: 'Welcome back', level: 1 }).waitFor();
  await nav(page, 'body-care');
  await page.getByRole('heading', { name: 'Care for your body', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Time can matter', level: 2 }).waitFor();
  const cmds = (await page.calls()).map((c) => c.cmd);
  assert.deepEqual([...new Set(cmds)].sort(), ['body_care', 'vault_status']);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('heading', { name: 'Welcome back', level: 1 }).waitFor();
});

test('a page that cannot be read says so, and trying again shows it', async () => {
  const page = await h.open({ ...base, body_care: { error: { code: 'internal', message: 'The page could not be read.' } } });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await nav(page, 'body-care');
  await page.getByRole('alert').getByText('The page could not be read.').waitFor();
  await set(page, 'body_care', { ok: care });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Get urgent care now if…', level: 2 }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
});

test('from a reflection\'s "yes", the page opens and Back returns to the form with every answer kept', async () => {
  const s = { ...reply('start_session'), passDevice: true, plan: null, step: 'reflect',
    people: [{ person: SAM, role: null }], accepted: [] };
  const page = await h.open({ ...base, open_session: { ok: s }, get_session: { ok: s },
    session_reflect: ok('session_reflect'), end_session: ok('end_session', { session: s }) });
  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByRole('button', { name: 'Carry on' }).click();
  const link = page.getByRole('button', { name: 'Care for your body' });
  assert.equal(await link.isVisible(), false, 'offered only after a "yes"');
  await page.getByLabel('What felt good?').fill('The quiet');
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByLabel('If you like, a note about it').fill('too fast once');
  await link.click();

  await page.getByRole('heading', { name: 'Care for your body', level: 1 }).waitFor();
  await page.locator('.care-topic').first().waitFor();
  assert.equal(await page.locator('#view form').count(), 0, 'the form is set aside, not underneath');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Care for your body', 'focus on the new heading');
  await page.getByRole('button', { name: 'Back to where I was' }).click();

  await page.getByLabel('If you like, a note about it').waitFor();
  assert.equal(await page.getByLabel('What felt good?').inputValue(), 'The quiet');
  assert.equal(await page.getByLabel('If you like, a note about it').inputValue(), 'too fast once');
  assert.ok(await page.getByLabel('Yes', { exact: true }).isChecked());
  assert.ok(await page.evaluate(() => document.activeElement?.textContent === 'Care for your body'
    && document.activeElement.tagName === 'BUTTON'), 'focus back on the button that opened it');

  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Thank you for taking care' }).waitFor();
  const r = (await page.calls()).find((c) => c.cmd === 'session_reflect').args.reflection;
  assert.equal(r.uncomfortable, true);
  assert.equal(r.feltGood, 'The quiet');
  assert.equal(r.uncomfortableNote, 'too fast once');
  assert.deepEqual(page.errors, []);
});
