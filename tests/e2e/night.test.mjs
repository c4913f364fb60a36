// "Aftercare now" as a tired person meets it at night, in the real window (issue 11): a
// new user is greeted as new and the start screen takes the focus; a partner is added in
// place; roles start as none and keep what was chosen; the owner is "you" in every
// sentence; the check-in offers five corners first with Next in view and a one-tap "not
// sure"; three cards carry three different reasons; an accepted card moves into the plan
// with the timer button in view and focused; an unfinished session is offered, with its
// time, to carry on or start fresh; and unlocking shows "Opening…" within one frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { PASS, clickButton, createVault, goHome, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const { dir, env } = scratchEnv();
let app;
const shot = (name) => app.screenshot(join(shots, `night-${name}.png`));

before(async () => {
  app = await launch({ application: process.env.TEND_APP, env });
  await createVault(app);
});
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const focused = () => app.execute(
  'const a = document.activeElement; return a ? (a.id || a.textContent.trim() || a.tagName) : null');
/** Whether the element is wholly inside the window, top to bottom. */
const inView = (css) => app.execute(`const e = document.querySelector(arguments[0]); if (!e) return null;
  const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;`, [css]);
const visibleTexts = (css) => app.execute(
  'return [...document.querySelectorAll(arguments[0])].filter((e) => e.offsetParent).map((e) => e.textContent.trim())', [css]);
const heading = () => app.text('#now-title');

async function openNow() {
  await app.click('.now-button');
  await app.waitUntil('return !!document.querySelector("#now-title")');
}

test('a brand-new user is greeted as new, not "again"', async () => {
  const title = await app.text('#home-title');
  assert.equal(title, 'Hello');
});

test('the start screen takes the focus, and a partner is added by name without leaving it', async () => {
  await openNow();
  await app.waitFor('.now form');
  assert.equal(await focused(), 'now-title', 'focus starts on the heading');
  assert.deepEqual(await visibleTexts('.who label'), ['You'], 'the owner is "You", not "Me" or "Someone"');
  await app.type('input[name="new_person"]', 'Sam');
  await clickButton(app, 'Add', '.add-person');
  await app.waitUntil('return [...document.querySelectorAll(".who label")].some((l) => l.textContent.trim() === "Sam")');
  assert.ok(await app.execute('return !!document.querySelector(".now form")'), 'still on the start screen');
  assert.deepEqual(await visibleTexts('.who label'), ['You', 'Sam']);
  assert.equal(await app.execute(
    'return [...document.querySelectorAll(".who input")].every((i) => i.checked)'), true, 'Sam is ticked as here');
  assert.equal(await app.execute('return document.querySelector("input[name=new_person]").value'), '');
});

test('roles start as none and keep what was chosen when the form changes', async () => {
  await app.click('input[name="context"][value="scene"]');
  await app.waitFor('.roles select');
  const labels = await visibleTexts('.roles label');
  assert.deepEqual(labels, ['Your role', 'Sam\u2019s role']);
  const values = () => app.execute('return [...document.querySelectorAll(".roles select")].map((s) => s.value)');
  assert.deepEqual(await values(), ['', ''], 'no role until one is chosen');
  // Choose as a person does: the menu changes and tells the form.
  await app.execute(`const s = document.querySelectorAll('.roles select')[0]; s.value = 'top';
    s.dispatchEvent(new Event('change', { bubbles: true }));`);
  // Anything else on the form changes: answering one at a time, then the intensity.
  await app.click('input[name="pass_device"]');
  await app.click('input[name="pass_device"]');
  await app.execute(`const r = document.querySelector('input[name=intensity]'); r.value = 4;
    r.dispatchEvent(new Event('input', { bubbles: true })); r.dispatchEvent(new Event('change', { bubbles: true }));`);
  assert.deepEqual(await values(), ['top', ''], 'the top is still the top');
  assert.equal(await app.execute('return document.querySelector("input[name=intensity]").getAttribute("aria-valuetext")'),
    '4: strong', 'the slider says its value');
  await shot('1-start');
  await clickButton(app, 'Start');
});

test('the check-in offers five corners first, keeps Next in view, and "not sure" is one tap', async () => {
  await app.waitFor('.feeling-corners');
  assert.equal(await heading(), 'How are you feeling right now?');
  assert.equal((await visibleTexts('.feeling-corner')).length, 5, 'five choices to read');
  assert.deepEqual(await visibleTexts('button.feeling'), [], 'no word shows before its corner is chosen');
  assert.equal(await inView('.sticky-actions button[type="submit"]'), true, 'Next is in view');
  await app.click('button.feeling-corner[data-quadrant="soft"]');
  const words = await visibleTexts('button.feeling');
  assert.ok(words.length > 0 && words.includes('calm'), `the soft corner's words: ${words}`);
  assert.equal(await focused(), words[0], 'focus moves to the first word');
  await app.click('button.feeling[data-word="calm"]');
  assert.equal(await inView('.sticky-actions button[type="submit"]'), true, 'Next is still in view');
  await shot('2-check-in');
  await clickButton(app, 'Next');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent.startsWith("Sam, how")');
  // Sam answers with one tap.
  await clickButton(app, 'I\u2019m not sure');
  await app.waitFor('.suggestions .reason');
});

test('three cards carry three different reasons, and an accepted card moves into the plan with the timer in view and focused', async () => {
  const reasons = await visibleTexts('.suggestions .reason');
  assert.equal(reasons.length, 3, `three cards: ${reasons}`);
  assert.equal(new Set(reasons).size, 3, `three different reasons: ${reasons.join(' | ')}`);
  assert.ok(!reasons.some((r) => /Going at the pace/.test(r)), 'no generic reason stands in');
  await shot('3-cards');

  // "Another one" keeps the focus in the list, not on <body>.
  await clickButton(app, 'Another one', '.suggestions');
  await app.waitUntil('return document.activeElement && document.activeElement !== document.body');
  assert.ok(await app.execute('return !!document.activeElement.closest(".suggestions")'), 'focus stays with the cards');

  // Accept the first card that has a timer.
  const id = await app.execute(`const b = [...document.querySelectorAll('.suggestions .ritual-card')]
      .find((c) => /min/.test(c.textContent)) ?? document.querySelector('.suggestions .ritual-card');
    b.querySelector('button').click(); return b.dataset.id;`);
  await app.waitFor(`.accepted .ritual-card[data-id="${id}"]`);
  assert.equal(await app.text('.accepted .added-note'), 'Added to your plan for now.');
  assert.ok(!(await app.execute(`return !!document.querySelector('.suggestions .ritual-card[data-id="${id}"]')`)),
    'it left the suggestions');
  const timed = await app.execute(`return !!document.querySelector('.accepted .ritual-card[data-id="${id}"] button')`);
  if (timed) {
    assert.equal(await focused(), 'Start the timer', 'focus lands on the timer');
    assert.equal(await app.execute('return document.activeElement.getBoundingClientRect().bottom <= window.innerHeight'),
      true, 'the timer button is in view');
  } else {
    assert.notEqual(await focused(), 'BODY');
  }
  await shot('4-accepted');
});

test('an unfinished session from tonight is offered with its time: carry on, or start fresh', async () => {
  await goHome(app);
  await openNow();
  const asked = await heading();
  const at = asked.match(/^Carry on from (\d{1,2}):(\d{2})\s?([AP]M)?, or start fresh\?$/);
  assert.ok(at, `asked with the time it started: ${asked}`);
  const hh = (Number(at[1]) % (at[3] ? 12 : 24)) + (at[3] === 'PM' ? 12 : 0);
  const mm = Number(at[2]);
  const minutes = (new Date().getHours() * 60 + new Date().getMinutes() - (hh * 60 + mm) + 1440) % 1440;
  assert.ok(minutes <= 10, `the time shown is when it started (${asked})`);
  await shot('5-resume');
  await clickButton(app, 'Carry on');
  await app.waitFor('.accepted .ritual-card');

  // Reflection speaks to the owner as "you" and names the partner.
  await clickButton(app, 'Close the session');
  await clickButton(app, 'Reflect now');
  await app.waitFor('textarea[name="felt_good"]');
  const page = await app.text('main');
  assert.match(page, /Something you appreciated about Sam/);
  assert.doesNotMatch(page, /Someone|\bMe\b|Me\u2019s|\(me\)/, 'the owner is never "Someone" or "Me"');

  // Leave it unfinished, and start fresh instead.
  await goHome(app);
  await openNow();
  assert.match(await heading(), /^Carry on from/);
  await clickButton(app, 'Start fresh');
  await app.waitFor('.now form');
  assert.equal(await heading(), 'Aftercare now');
  assert.equal(await focused(), 'now-title');
  assert.deepEqual(await app.execute('return [...document.querySelectorAll(".roles select")].length'), 0,
    'a fresh start has no scene chosen');
  await clickButton(app, 'Not now');
  await app.waitFor('#home-title');
  await openNow();
  assert.equal(await heading(), 'Aftercare now', 'the fresh start closed the old session: nothing to resume');
  await clickButton(app, 'Not now');
  await app.waitFor('#home-title');
});

test('unlocking says "Opening…" within one frame of the tap', async () => {
  await app.click('[data-action="hide"]');
  await app.waitFor('#neutral-title');
  await app.click('[data-action="continue"]');
  await app.type('#unlock-secret', PASS);
  const seen = await app.execute(`
    const before = document.querySelector('.busy');
    const wasHidden = before.hidden;
    document.querySelector('[data-action="unlock"]').click();
    return new Promise((done) => requestAnimationFrame(() => {
      const b = document.querySelector('.busy');
      done({ wasHidden, shown: !!b && !b.hidden && b.offsetParent !== null, text: b?.textContent,
        disabled: document.querySelector('[data-action="unlock"]')?.disabled });
    }));`);
  assert.deepEqual(seen, { wasHidden: true, shown: true, text: 'Opening\u2026', disabled: true });
  await app.waitFor('#home-title');
});
