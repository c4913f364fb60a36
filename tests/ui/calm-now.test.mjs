// "Calm now": one tap from the top bar on every screen, locked or not. It opens at once on
// slow breathing, walks the 5-4-3-2-1 grounding, then offers what may help (support read
// from the core, which answers while locked). It writes nothing, follows reduced motion
// and the sound setting, survives an auto-lock behind it, and Hide closes it. The core is
// mocked with the replies Rust wrote (tests/contract/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ok, reply } from './contract.mjs';
import { STEPS } from '../../ui/js/widgets/grounding.js';

const listed = reply('support'); // region "gb", Alex as a trusted contact
// While locked the core knows no region and no contacts: every region, nothing of the person.
const lockedSupport = { ...listed, region: null, contacts: [] };
const status = (over = {}) => ok('vault_status', { exists: true, hasPassphrase: true, ...over });
const locked = { vault_status: status(), support: { ok: lockedSupport } };
const unlocked = {
  vault_status: status({ unlocked: true }), get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: ok('list_profiles'), space_info: ok('space_info', { exists: false, answers: 0 }),
  report_activity: ok('report_activity'), lock: ok('lock'), support: { ok: listed },
};
/** Commands that only read (or report presence); anything else while open would be a write. */
const READ_ONLY = new Set(['support', 'get_settings', 'vault_status', 'report_activity', 'report_visibility']);

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);
const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const overlay = (page) => page.getByRole('dialog');
const inOverlay = (page, name) => overlay(page).getByRole('button', { name, exact: true });
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { id: a?.id, text: a?.textContent, inDialog: !!a?.closest('dialog'), inView: !!a?.closest('#view') };
});
const cue = (page) => page.locator('.calm-cue').textContent();

/** Opens a page on `heading` and opens "Calm now" from the top bar. */
async function openCalm(responses, heading, options) {
  const page = await h.open(responses, options);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.locator('.topbar').getByRole('button', { name: 'Calm now' }).click();
  await overlay(page).waitFor();
  return page;
}

test('the top bar offers "Calm now" on every screen, locked or not', async () => {
  for (const [responses, heading] of [[{ vault_status: ok('vault_status') }, 'Welcome to Tend'],
    [locked, 'Welcome back'], [unlocked, 'Hello']]) {
    const page = await h.open(responses);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    const button = page.locator('.topbar').getByRole('button', { name: 'Calm now' });
    assert.equal(await button.isVisible(), true, `on "${heading}"`);
  }
});

test('on the unlock screen it opens at once on the breathing, with the focus on its heading, over the screen', async () => {
  const page = await openCalm(locked, 'Welcome back');
  const title = overlay(page).getByRole('heading', { name: 'Breathe slowly' });
  assert.equal(await title.isVisible(), true, 'breathing first, no question before it');
  assert.deepEqual(await focused(page), { id: 'calm-now-title', text: 'Breathe slowly', inDialog: true, inView: false });
  const shape = await page.evaluate(() => {
    const d = document.querySelector('dialog.calm-now');
    return { modal: d.matches(':modal'), onBody: d.parentElement === document.body,
      labelledBy: document.getElementById(d.getAttribute('aria-labelledby'))?.textContent,
      live: document.querySelector('.calm-cue').getAttribute('aria-live') };
  });
  assert.deepEqual(shape, { modal: true, onBody: true, labelledBy: 'Breathe slowly', live: 'polite' });
  assert.equal(await cue(page), 'Breathe in');
  assert.equal(await page.locator('.calm-pacer').isVisible(), true);
  assert.equal(await inOverlay(page, 'Hide').isVisible(), false, 'nothing to hide while locked');
  assert.equal((await callsTo(page, 'get_settings')).length, 0, 'no settings while locked');
  // The fixed pattern: five seconds in, then out (the words change only then).
  await page.locator('.calm-cue', { hasText: 'Breathe out slowly' }).waitFor({ timeout: 7000 });
  assert.deepEqual(page.errors, []);
});

test('from home it opens the same way and reads the settings; Escape and "Back to where I was" return the focus', async () => {
  const page = await openCalm(unlocked, 'Hello');
  assert.equal((await focused(page)).id, 'calm-now-title');
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'get_settings').length >= 2);
  assert.equal(await inOverlay(page, 'Hide').isVisible(), true, 'Hide stays in reach over the screen');

  await page.keyboard.press('Escape');
  await page.locator('dialog.calm-now').waitFor({ state: 'detached' }); // removed, not only closed
  assert.equal(await page.locator('dialog').count(), 0);
  assert.deepEqual(await focused(page), { id: '', text: 'Calm now', inDialog: false, inView: false }, 'back on the opener');

  await page.locator('.topbar').getByRole('button', { name: 'Calm now' }).click();
  await inOverlay(page, 'Next: grounding').click();
  await inOverlay(page, 'Back to where I was').click();
  await page.locator('dialog.calm-now').waitFor({ state: 'detached' }); // removed, not only closed
  assert.equal((await focused(page)).text, 'Calm now');
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a "Calm now" button inside a screen opens it too, and only one overlay opens at a time', async () => {
  const page = await h.open(unlocked);
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
  // As another screen would place its own (the "We stopped" screen does).
  await page.evaluate(() => {
    const b = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Calm, here' });
    b.dataset.action = 'calm-now';
    document.querySelector('#view .screen').append(b);
  });
  await page.getByRole('button', { name: 'Calm, here' }).click();
  await overlay(page).waitFor();
  await inOverlay(page, 'Next: grounding').click();
  await page.evaluate(() => document.querySelector('.topbar [data-action="calm-now"]')
    .dispatchEvent(new MouseEvent('click', { bubbles: true })));
  assert.equal(await page.locator('dialog').count(), 1, 'a second open does not stack a second overlay');
  assert.equal((await focused(page)).id, 'calm-now-title', 'it brings the focus back to the open one');
  assert.equal(await overlay(page).getAttribute('data-step'), 'ground', 'where the person was inside it');
  await page.keyboard.press('Escape');
  assert.equal((await focused(page)).text, 'Calm, here', 'focus back on the button inside the screen');
});

test('the grounding walks the five prompts, one at a time, then asks what would help', async () => {
  const page = await openCalm(locked, 'Welcome back');
  await inOverlay(page, 'Next: grounding').click();
  assert.equal((await focused(page)).text, 'Back to here and now');
  assert.equal(await page.locator('.calm-pacer').count(), 0, 'the pacer stops with its step');
  const seen = [];
  for (const [count, prompt] of STEPS) {
    assert.equal(await page.locator('.calm-now .grounding-count').textContent(), count);
    seen.push(await page.locator('.calm-now .grounding-step').textContent());
    await inOverlay(page, count === '1' ? 'Done' : 'Next').click();
    if (count !== '1') assert.notEqual(await page.locator('.calm-now .grounding-step').textContent(), prompt);
  }
  assert.deepEqual(seen, STEPS.map(([, p]) => p), 'the same five prompts as the grounding screen');
  assert.deepEqual(await focused(page), { id: 'calm-now-title', text: 'What would help now?', inDialog: true, inView: false });
});

test('every step can be skipped or left, and breathing can start again', async () => {
  const page = await openCalm(locked, 'Welcome back');
  const step = () => overlay(page).getAttribute('data-step');
  const wayBack = async () => assert.equal(await inOverlay(page, 'Back to where I was').isVisible(), true,
    `a way back on "${await step()}"`);
  await wayBack();
  await inOverlay(page, 'Skip to what would help').click(); // breathing skipped
  assert.equal(await step(), 'help');
  await wayBack();
  await inOverlay(page, 'Breathe again').click();
  assert.equal(await step(), 'breathe');
  await inOverlay(page, 'Next: grounding').click();
  assert.equal(await step(), 'ground');
  await wayBack();
  await inOverlay(page, 'Skip to what would help').click(); // grounding skipped
  assert.equal(await step(), 'help');
  await inOverlay(page, 'Support').click();
  assert.equal(await step(), 'support');
  await wayBack();
  await inOverlay(page, 'Back to what would help').click();
  assert.equal(await step(), 'help');
  assert.equal((await focused(page)).text, 'What would help now?', 'each step takes the focus to its heading');
});

test('"What would help now?" offers five choices, each with a short line that promises nothing', async () => {
  const page = await openCalm(locked, 'Welcome back');
  await inOverlay(page, 'Skip to what would help').click();
  const names = await overlay(page).locator('.calm-choice').allTextContents();
  assert.deepEqual(names, ['Space', 'Closeness', 'Water', 'A blanket', 'Support']);
  const lines = [];
  for (const name of names.slice(0, 4)) {
    await inOverlay(page, name).click();
    assert.equal(await inOverlay(page, name).getAttribute('aria-pressed'), 'true');
    assert.equal(await overlay(page).locator('.calm-choice[aria-pressed="true"]').count(), 1, 'one at a time');
    lines.push(await page.locator('.calm-say').textContent());
  }
  assert.equal(new Set(lines).size, 4, 'each choice has its own line');
  assert.match(lines[2], /water/i);
  for (const line of lines) {
    assert.ok(line.length > 20 && line.length < 200, `short: ${line}`);
    assert.doesNotMatch(line, /\b(will|always|must|should|next time|he|she|his|her|him|husband|wife|boyfriend|girlfriend|shoulders?|hands?)\b/i,
      `no promise, no assumed body, gender, role or next time: ${line}`);
  }
  assert.equal(await page.locator('.calm-say').getAttribute('aria-live'), 'polite');
});

test('support while locked lists every region, folded, from the core, with nothing of the person', async () => {
  const page = await openCalm(locked, 'Welcome back');
  await inOverlay(page, 'Skip to what would help').click();
  await inOverlay(page, 'Support').click();
  await overlay(page).getByRole('heading', { name: 'Support' }).waitFor();
  assert.equal((await focused(page)).text, 'Support');
  await page.locator('.calm-region').first().waitFor();
  const regions = await page.locator('.calm-region > summary').allTextContents();
  assert.deepEqual(regions, ['United Kingdom', 'United States', 'Canada', 'Ireland', 'Australia', 'New Zealand', 'Germany'],
    'every region, in the order the core sent');
  assert.equal(await page.locator('.calm-region[open]').count(), 0, 'no region is assumed');
  assert.equal(await page.locator('.calm-service').count(), listed.resources.length, 'every service is there');
  assert.equal(await overlay(page).getByRole('heading', { name: 'People you trust' }).count(), 0, 'no contacts while locked');
  await page.locator('.calm-region > summary', { hasText: 'Ireland' }).click();
  const irish = await page.locator('.calm-region[data-region="ie"] .calm-service-name').allTextContents();
  assert.deepEqual(irish, listed.resources.filter((r) => r.region === 'ie').map((r) => r.name));
  assert.equal(await page.locator('.calm-region[data-region="ie"] .calm-service').first().isVisible(), true);
  const calls = await callsTo(page, 'support');
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].args, {});
});

test('support while unlocked puts trusted contacts first, then the person\'s region, open', async () => {
  const page = await openCalm({ ...unlocked, support: { ok: { ...listed, region: 'ie' } } }, 'Hello');
  await inOverlay(page, 'Skip to what would help').click();
  await inOverlay(page, 'Support').click();
  await page.locator('.calm-region').first().waitFor();
  await overlay(page).getByText('Text any evening').waitFor();
  assert.equal(await overlay(page).getByRole('heading', { name: 'People you trust' }).isVisible(), true);
  const order = await page.evaluate(() => {
    const contact = document.querySelector('.calm-contacts li');
    const service = document.querySelector('.calm-service');
    return !!(contact.compareDocumentPosition(service) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'the trusted contact comes before any service');
  assert.equal(await page.locator('.calm-contacts li').textContent(), 'Alex: Text any evening');
  const first = page.locator('.calm-region').first();
  assert.equal(await first.getAttribute('data-region'), 'ie', 'the person\'s region first');
  assert.equal(await first.evaluate((d) => d.open), true);
  assert.equal(await page.locator('.calm-region[open]').count(), 1, 'the others folded');
  assert.equal(await first.locator('.calm-service').first().isVisible(), true);
});

test('support that cannot be read says so calmly, and the rest still works', async () => {
  const page = await openCalm({ ...locked, support: { error: { code: 'internal', message: 'x' } } }, 'Welcome back');
  await inOverlay(page, 'Skip to what would help').click();
  await inOverlay(page, 'Support').click();
  await overlay(page).getByText('The list could not be shown just now. Everything else here still works.').waitFor();
  await set(page, 'support', { ok: lockedSupport });
  await inOverlay(page, 'Try again').click();
  await page.locator('.calm-region').first().waitFor();
  await inOverlay(page, 'Back to what would help').click();
  await inOverlay(page, 'Water').click();
  await inOverlay(page, 'Breathe again').click();
  assert.equal(await cue(page), 'Breathe in');
  assert.deepEqual(page.errors, []);
});

test('it writes nothing: only reading commands are called while it is open', async () => {
  const page = await openCalm({ ...unlocked, get_settings: ok('get_settings', { sound: true }) }, 'Hello');
  const before = (await page.calls()).length;
  await inOverlay(page, 'Next: grounding').click();
  for (let i = 0; i < STEPS.length; i += 1) await inOverlay(page, i === STEPS.length - 1 ? 'Done' : 'Next').click();
  for (const name of ['Space', 'Closeness', 'Water', 'A blanket']) await inOverlay(page, name).click();
  await inOverlay(page, 'Support').click();
  await page.locator('.calm-region').first().waitFor();
  await page.locator('.calm-region > summary', { hasText: 'Canada' }).click();
  await inOverlay(page, 'Back to what would help').click();
  await inOverlay(page, 'Breathe again').click();
  await page.keyboard.press('Escape');
  await page.locator('dialog.calm-now').waitFor({ state: 'detached' }); // removed, not only closed
  const during = (await page.calls()).slice(before).map((c) => c.cmd);
  assert.ok(during.includes('support'), `it did read: ${during}`);
  const writes = during.filter((cmd) => cmd === 'save_settings' || /^(session_|save_|delete_)/.test(cmd));
  assert.deepEqual(writes, [], 'no command that changes data');
  assert.deepEqual(during.filter((cmd) => !READ_ONLY.has(cmd)), [], `only reading: ${during}`);
  const all = (await page.calls()).map((c) => c.cmd);
  assert.equal(all.filter((cmd) => /^(save_|delete_|session_)|^lock$/.test(cmd)).length, 0, `nothing at all: ${all}`);
});

test('an auto-lock while it is open locks behind it: the unlock screen comes, the overlay stays, breathing and focused', async () => {
  const page = await openCalm(unlocked, 'Hello');
  await page.locator('.calm-cue', { hasText: 'Breathe in' }).waitFor();
  await set(page, 'vault_status', status());
  await page.evaluate(() => window.__TAURI__.event.emit('vault-locked'));
  await page.locator('#view h1', { hasText: 'Welcome back' }).waitFor();
  assert.equal(await page.locator('dialog[open]').count(), 1, 'the overlay stays open');
  assert.equal(await page.locator('#view dialog').count(), 0);
  assert.deepEqual(await focused(page), { id: 'calm-now-title', text: 'Breathe slowly', inDialog: true, inView: false },
    'the unlock screen does not take the focus from it');
  assert.equal(await inOverlay(page, 'Hide').isVisible(), false, 'Hide goes with the lock');
  await page.locator('.calm-cue', { hasText: 'Breathe out slowly' }).waitFor({ timeout: 7000 });
  await inOverlay(page, 'Next: grounding').click();
  await page.keyboard.press('Escape');
  await page.locator('dialog.calm-now').waitFor({ state: 'detached' }); // removed, not only closed
  assert.equal((await focused(page)).text, 'Calm now', 'back to the top bar, which is still there');
  await page.getByLabel('Passphrase').waitFor();
  assert.deepEqual(page.errors, []);
});

test('closing after the screen behind has gone sends the focus to the new screen\'s heading', async () => {
  const page = await h.open(unlocked);
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
  await page.evaluate(() => {
    const b = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Calm, here' });
    b.dataset.action = 'calm-now';
    document.querySelector('#view .screen').append(b);
  });
  await page.getByRole('button', { name: 'Calm, here' }).click();
  await overlay(page).waitFor();
  await set(page, 'vault_status', status());
  await page.evaluate(() => window.__TAURI__.event.emit('vault-locked'));
  await page.locator('#view h1', { hasText: 'Welcome back' }).waitFor();
  await inOverlay(page, 'Back to where I was').click();
  assert.deepEqual(await focused(page), { id: 'unlock-title', text: 'Welcome back', inDialog: false, inView: true });
});

test('Hide (Ctrl+Shift+H, or its button over the screen) closes it, locks and shows the neutral screen', async () => {
  for (const how of ['keys', 'button']) {
    const page = await openCalm(unlocked, 'Hello');
    if (how === 'keys') await page.keyboard.press('Control+Shift+H');
    else await inOverlay(page, 'Hide').click();
    await page.getByRole('heading', { name: 'Nothing new', level: 1 }).waitFor();
    assert.equal(await page.locator('dialog').count(), 0, `${how}: the overlay is gone`);
    assert.equal((await callsTo(page, 'lock')).length, 1, how);
    assert.equal((await focused(page)).text, 'Nothing new', `${how}: the focus is on the neutral screen`);
  }
});

test('reduced motion keeps the circle still and a count carries the rhythm; otherwise it grows and shrinks', async () => {
  const sample = (page) => page.locator('.calm-pacer-dot').evaluate((d) => getComputedStyle(d).transform);
  const still = await openCalm(locked, 'Welcome back', { reducedMotion: 'reduce' });
  const a = await sample(still);
  const countA = await still.locator('.calm-count').textContent();
  await still.waitForTimeout(1300);
  assert.equal(await sample(still), a, 'the circle does not move');
  assert.equal(await still.locator('.calm-count').isVisible(), true, 'a count instead');
  assert.match(countA, /^[1-5]$/);
  assert.notEqual(await still.locator('.calm-count').textContent(), countA, 'the count steps on');
  assert.equal(await still.locator('.calm-count').getAttribute('aria-hidden'), 'true', 'not read out every second');

  const moving = await openCalm(locked, 'Welcome back', { reducedMotion: 'no-preference' });
  const b = await sample(moving);
  await moving.waitForTimeout(700);
  assert.notEqual(await sample(moving), b, 'the circle grows on the in-breath');
  assert.equal(await moving.locator('.calm-count').isVisible(), false);
});

test('with sound on in settings a soft tone marks each change of breath; sound off, or locked, it is silent', async () => {
  const tones = (page) => page.evaluate(() => window.__tendSignals?.calmTones ?? 0);
  const [on, off, lockedPage] = await Promise.all([
    openCalm({ ...unlocked, get_settings: ok('get_settings', { sound: true }) }, 'Hello'),
    openCalm({ ...unlocked, get_settings: ok('get_settings', { sound: false }) }, 'Hello'),
    openCalm(locked, 'Welcome back'),
  ]);
  await on.waitForFunction(() => window.__tendSignals?.calmTones >= 1, null, { timeout: 8000 });
  assert.equal(await on.locator('.calm-cue').textContent(), 'Breathe out slowly', 'the tone came with the change');
  await off.locator('.calm-cue', { hasText: 'Breathe out slowly' }).waitFor({ timeout: 7000 });
  await lockedPage.locator('.calm-cue', { hasText: 'Breathe out slowly' }).waitFor({ timeout: 7000 });
  assert.equal(await tones(off), 0, 'sound off: silent');
  assert.equal(await tones(lockedPage), 0, 'locked: no settings, silent');
  assert.equal(await tones(on), 1, 'one tone per change, not one per frame');
});
