// The drop companion in a follow-up: drop asked about plainly, "did anything not sit
// right?" re-asked privately with the care of the stop path, self-care steps and a
// message to copy that Tend never sends. The core is mocked with the replies Rust wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

const profiles = reply('list_profiles').map((p) => (p.isMe ? { ...p, name: 'Me' } : p));
const [ME] = profiles.map((p) => p.id);
const due = reply('due_follow_ups').map((d) => ({ ...d, talkTomorrow: false, people: [[ME, 'Me']] }));
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }), get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, history: { ok: [] },
  list_profiles: { ok: profiles }, feelings: ok('feelings'), due_follow_ups: { ok: due },
  answer_follow_up: { ok: false }, complete_follow_up: ok('complete_follow_up'),
  support: ok('support'), body_care: ok('body_care'),
};

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);

async function open(responses = {}) {
  const page = await h.open({ ...base, ...responses });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
  return page;
}

test('drop is asked about plainly, and nothing is chosen for the person', async () => {
  const page = await open();
  await page.getByText('Any drop today?').waitFor();
  await page.getByText(/It is often called drop/).waitFor();
  assert.equal(await page.locator('input[name="drop"]:checked').count(), 0);
  assert.equal(await page.locator('input[name="not_right"]:checked').getAttribute('value'), '', 'rather not say');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  const args = (await callsTo(page, 'answer_follow_up'))[0].args;
  assert.equal(args.drop, null);
  assert.equal(args.notRight, null);
  assertSentShape(args, request('answer_follow_up'));
});

test('a little drop opens the companion: self-care, and a message to copy that Tend never sends', async () => {
  const page = await open();
  await page.getByLabel('A little').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Looking after a drop' }).waitFor();
  assert.equal((await callsTo(page, 'answer_follow_up'))[0].args.drop, 'a_little');
  assert.ok(await page.locator('.drop-steps li').count() >= 4, 'self-care steps');
  const message = page.getByLabel(/A message you could send someone/);
  assert.equal(await message.inputValue(), 'I\u2019m dropping a bit today. Could you check in with me?');
  await message.fill('Dropping a bit. A call tonight?');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy the message' }).click();
  await page.getByText(/Tend has sent nothing/).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Dropping a bit. A call tonight?');
  const sent = (await page.calls()).filter((c) => !/^(answer_follow_up|get_|list_|feelings|vault_status|open_session|current_timer|due_follow_ups|history|space_info|report_activity)/.test(c.cmd));
  assert.deepEqual(sent.map((c) => c.cmd), [], 'the message goes nowhere');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.equal((await callsTo(page, 'complete_follow_up')).length, 1);
});

test('something that did not sit right gets the care of the stop path, with support in place', async () => {
  const page = await open();
  await page.getByLabel('Yes', { exact: true }).nth(1).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Thank you for saying so' }).waitFor();
  assert.equal((await callsTo(page, 'answer_follow_up'))[0].args.notRight, true);
  const words = await page.locator('.not-right').textContent();
  assert.match(words, /it was not your fault/);
  assert.match(words, /Freezing or going along is not the same as agreeing/);
  assert.match(words, /You don\u2019t owe anyone a conversation about this/);
  await page.locator('.not-right').getByRole('button', { name: 'Calm now' }).waitFor();
  await page.locator('.not-right').getByRole('button', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Back to where I was' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
});
