// Every screen at phone size: 360×740 and 412×915, touch emulated (isMobile, hasTouch, a
// phone's pixel ratio) and a notch and a gesture bar emulated as safe-area insets (CDP's
// Emulation.setSafeAreaInsetsOverride, which feeds env(safe-area-inset-*)). On each screen:
//   - nothing scrolls sideways and nothing reaches past the screen's edges;
//   - every visible target (button, link, field, select, summary, a checkbox's or radio's
//     label) is at least 44×44 CSS px;
//   - nothing to tap sits under an inset: the top bar below the notch, targets clear of the
//     sides, and the end of a scrolled page, a bar that sticks to the bottom and a dialog
//     that fills the screen clear of the gesture bar;
//   - with an on-screen keyboard open (the page resized to what is left above it, as
//     Android does with interactive-widget=resizes-content), the focused field and the
//     button that sends its form are both in sight, and not covered.
// The screens are reached as a person reaches them, with the core mocked by replies Rust
// wrote (tests/contract/); the last test checks that every view main.js can show was seen.
// The back gesture has its own tests (history.back(), which is what Android's back does to
// the page): one step back in a flow, never out of the app mid-way, never into what a lock
// closed.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startHarness, viewNames } from './harness.mjs';
import { ok, reply } from './contract.mjs';
import { INSIGHTS } from './insights-sample.mjs';

/** The two phones; the keyboard leaves `typing` px of height (a keyboard of ~45%). */
const PHONES = [
  { name: '360×740', viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, typing: 400,
    insets: { top: 24, bottom: 34, left: 0, right: 0 } },
  { name: '412×915', viewport: { width: 412, height: 915 }, deviceScaleFactor: 2.625, typing: 500,
    insets: { top: 32, bottom: 24, left: 12, right: 12 } },
];
const TARGET = 44;

const profiles = reply('list_profiles'); // Robin (the device's owner) and Sam
const [ME, SAM] = profiles.map((p) => p.id);
const card = reply('get_card');
const catalogue = reply('list_cards');
const session = (over = {}) => ({ ...reply('start_session'), plan: null, ...over });
const status = (over = {}) => ok('vault_status', { exists: true, hasPassphrase: true, ...over });
const unlocked = {
  vault_status: status({ unlocked: true }), get_settings: ok('get_settings'), lock: ok('lock'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_profiles: ok('list_profiles'), feelings: ok('feelings'), get_card: { ok: card }, list_cards: ok('list_cards'),
  space_info: ok('space_info', { exists: false, answers: 0 }), report_activity: ok('report_activity'),
  report_visibility: ok('report_visibility'),
};

let h;
const pages = [];
before(async () => { h = await startHarness(); });
afterEach(() => Promise.all(pages.splice(0).map((page) => page.context().close())));
after(async () => { await h?.stop(); });

/**
 * A fresh page at phone size with `responses` mocked, its insets emulated and its history
 * starting with the app (as in the app's own window: nothing before its first page).
 */
async function open(phone, responses, options = {}) {
  const page = await h.open(responses, { viewport: phone.viewport, deviceScaleFactor: phone.deviceScaleFactor,
    isMobile: true, hasTouch: true, ...options });
  pages.push(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: phone.insets });
  await cdp.send('Page.resetNavigationHistory');
  page.phone = phone;
  return page;
}

const set = (page, cmd, r) => page.evaluate(([c, x]) => { window.__responses[c] = x; }, [cmd, r]);
const heading = (page, name) => page.getByRole('heading', { name, level: 1 }).waitFor();
const button = (page, name) => page.getByRole('button', { name, exact: true });
const title = (page) => page.locator('#view h1').first().textContent();

/** What was seen: the views (by main.js's names), the screens, the fields typed into. */
const seen = { views: new Set(), screens: 0, fields: 0 };

/**
 * Runs in the page: every way this screen fails on a phone, in words (empty when none).
 * Scrolls `main` (and an open dialog) to each end to look, then puts them back.
 */
function measure({ insets, size }) {
  const W = document.documentElement.clientWidth;
  const H = window.innerHeight;
  const problems = [];
  const say = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ');
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `<${el.tagName.toLowerCase()}${cls}>${text ? ` "${text.slice(0, 40)}"` : ''}`;
  };
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  const px = (n) => Math.round(n * 10) / 10;

  // No sideways scrolling: not the page, not any scrolling box, and nothing past an edge
  // (unless a box that clips it holds it in).
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth} px in ${page.clientWidth}`);
  const clippedInside = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible') {
        const r = a.getBoundingClientRect();
        return r.left >= -0.5 && r.right <= W + 0.5;
      }
    }
    return false;
  };
  const past = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const s = getComputedStyle(el);
    if (/auto|scroll/.test(s.overflowX) && !el.matches('input, textarea, select') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${say(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth}`);
    }
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    if ((r.right > W + 0.5 || r.left < -0.5) && !clippedInside(el) && !past.has(el.parentElement)) {
      problems.push(`${say(el)} reaches ${px(r.left)}…${px(r.right)} px, past the screen's ${W}`);
    }
    if (r.right > W + 0.5 || r.left < -0.5) past.add(el);
  }

  // Targets: what a finger can press. A checkbox or radio is pressed through its label.
  const targets = [...document.querySelectorAll(
    'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])')]
    .filter(shown)
    .map((el) => (el.matches('input[type="checkbox"], input[type="radio"]')
      ? el.closest('label') ?? (el.id && document.querySelector(`label[for="${el.id}"]`)) ?? el : el));
  for (const el of new Set(targets)) {
    const r = el.getBoundingClientRect();
    if (r.width < size - 0.01 || r.height < size - 0.01) problems.push(`${say(el)} is ${px(r.width)}×${px(r.height)} px, under ${size}×${size}`);
  }

  // Safe areas. A target that covers the whole screen (eyes-closed mode's "tap anywhere")
  // may reach under them.
  const whole = (r) => r.width >= W - 0.5 && r.height >= H - 0.5;
  const stuck = (el) => {
    for (let a = el; a; a = a.parentElement) if (/sticky|fixed/.test(getComputedStyle(a).position)) return a;
    return null;
  };
  for (const el of new Set(targets)) {
    const r = el.getBoundingClientRect();
    if (whole(r)) continue;
    if (r.left < insets.left - 0.5) problems.push(`${say(el)} starts at ${px(r.left)} px, inside the left inset (${insets.left})`);
    if (r.right > W - insets.right + 0.5) problems.push(`${say(el)} ends at ${px(r.right)} px, inside the right inset (${insets.right})`);
    if (el.closest('.topbar') && r.top < insets.top - 0.5) problems.push(`${say(el)} in the top bar starts at ${px(r.top)} px, under the top inset (${insets.top})`);
  }
  // A scrolling box at each end: at its start nothing sits under the top inset, at its end
  // nothing under the bottom one; what sticks to the bottom clears it at either end.
  const boxes = [document.querySelector('main'), document.querySelector('dialog[open]')].filter(Boolean);
  for (const box of boxes) {
    const kept = box.scrollTop;
    for (const end of ['start', 'end']) {
      box.scrollTop = end === 'start' ? 0 : box.scrollHeight;
      const b = box.getBoundingClientRect();
      for (const el of new Set(targets)) {
        if (!box.contains(el)) continue;
        const r = el.getBoundingClientRect();
        if (whole(r) || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) continue; // not (wholly) in sight
        const sticky = stuck(el) && stuck(el) !== box && box.contains(stuck(el));
        if (end === 'start' && r.top < insets.top - 0.5) problems.push(`${say(el)} starts at ${px(r.top)} px, under the top inset (${insets.top}), scrolled to the start`);
        if ((end === 'end' || sticky) && r.bottom > H - insets.bottom + 0.5) {
          problems.push(`${say(el)} ends at ${px(r.bottom)} px, under the bottom inset (${H - insets.bottom}), scrolled to the ${end}${sticky ? ' (it sticks)' : ''}`);
        }
      }
    }
    box.scrollTop = kept;
  }
  return [...new Set(problems)];
}

/** Checks the screen as it stands at its phone size; `keyboard` also types into each field. */
async function check(page, screen, { keyboard = false } = {}) {
  await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
  const view = await page.evaluate(() => document.getElementById('view').dataset.view);
  seen.views.add(view);
  seen.screens += 1;
  const problems = await page.evaluate(measure, { insets: page.phone.insets, size: TARGET });
  assert.deepEqual(problems, [], `"${screen}" (view ${view}) at ${page.phone.name}:\n  ${problems.join('\n  ')}`);
  if (keyboard) await typeInEach(page, screen);
  assert.deepEqual(page.errors, [], `no script errors on "${screen}"`);
}

// Fields that bring up a phone's keyboard (a read-only one, such as a code to copy, does not).
const FIELDS = '#view input:not([type="checkbox"], [type="radio"], [type="range"], [type="file"], [type="hidden"], [readonly]), #view textarea:not([readonly])';

/** Waits two frames, so what a resize set off has run. */
const frames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/**
 * For each field on the screen: scrolled to the bottom of the screen and focused (a tap
 * there), then the keyboard "opens" (the page loses the keyboard's height). The field
 * and the button that sends its form (or the screen's next primary button) must both be
 * in the visual viewport, below the top bar, and not covered by anything.
 */
async function typeInEach(page, screen) {
  const { width, height } = page.phone.viewport;
  const fields = page.locator(FIELDS);
  const n = await fields.count();
  for (let i = 0; i < n; i++) {
    const field = fields.nth(i);
    if (!(await field.isVisible())) continue;
    await field.evaluate((f) => { f.scrollIntoView({ block: 'end' }); f.focus({ preventScroll: true }); });
    await page.setViewportSize({ width, height: page.phone.typing });
    await frames(page);
    // keyboard.js looks again 150 ms after a resize: a timer of the page's own, set later
    // for longer, runs after it.
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 200)));
    await frames(page);
    const problems = await page.evaluate(() => {
      const field = document.activeElement;
      const vv = window.visualViewport;
      const bar = document.querySelector('.topbar').getBoundingClientRect();
      const top = Math.max(vv.offsetTop, bar.bottom);
      const bottom = vv.offsetTop + vv.height;
      const screen = document.querySelector('#view > .screen:last-of-type') ?? document.getElementById('view');
      const after = (b) => field.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
      const primary = field.form?.querySelector('button[type="submit"]')
        ?? [...screen.querySelectorAll('button.primary')].find((b) => after(b) && b.checkVisibility());
      const name = (el) => `<${el.tagName.toLowerCase()}> "${(el.labels?.[0]?.textContent ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      const problems = [];
      for (const [what, el] of [['the focused field', field], ['its button', primary]]) {
        if (!el) continue;
        const r = el.getBoundingClientRect();
        if (r.top < top - 0.5 || r.bottom > bottom + 0.5) {
          problems.push(`${what} ${name(el)} is at ${Math.round(r.top)}…${Math.round(r.bottom)} px; in sight is ${Math.round(top)}…${Math.round(bottom)}`);
          continue;
        }
        const x = r.left + Math.min(r.width / 2, 24);
        for (const y of [r.top + 4, r.bottom - 4]) {
          const hit = document.elementFromPoint(x, y);
          if (hit !== el && !el.contains(hit)) problems.push(`${what} ${name(el)} is covered at ${Math.round(y)} px by <${hit?.tagName.toLowerCase()}${hit?.className ? `.${String(hit.className).split(' ').join('.')}` : ''}>`);
        }
      }
      if (document.activeElement !== field) problems.push('the field lost the focus');
      return { label: name(field), problems };
    });
    await page.setViewportSize({ width, height });
    await frames(page);
    seen.fields += 1;
    assert.deepEqual(problems.problems, [], `"${screen}" at ${page.phone.name}, keyboard open on ${problems.label}:\n  ${problems.problems.join('\n  ')}`);
  }
  await page.evaluate(() => document.activeElement?.blur());
}

/** Runs `journey(page-opener)` once per phone. */
function onPhones(name, journey) {
  test(name, async () => {
    for (const phone of PHONES) await journey((responses, options) => open(phone, responses, options));
  });
}

onPhones('first run: welcome, a passphrase, the recovery code, the aftercare profile, an empty home', async (openAt) => {
  const page = await openAt({ vault_status: ok('vault_status'), assess_passphrase: ok('assess_passphrase'),
    create_vault: { error: { code: 'invalid', message: 'That passphrase is too easy to guess.' } } });
  await heading(page, 'Welcome to Tend');
  await check(page, 'welcome');
  await button(page, 'Get started').click();
  await heading(page, 'Choose a passphrase');
  await page.getByLabel('Passphrase', { exact: true }).fill('copper lantern orbit meadow');
  await page.getByText('Very strong. Good to use.').waitFor();
  await page.getByLabel('The same passphrase again').fill('copper lantern');
  await button(page, 'Create my vault').click();
  await page.getByText('The two passphrases are not the same yet.').waitFor();
  await check(page, 'create, strength shown and a mismatch', { keyboard: true });
  await page.getByLabel('The same passphrase again').fill('copper lantern orbit meadow');
  await button(page, 'Create my vault').click();
  await page.getByRole('alert').waitFor();
  await check(page, 'create, refused');

  await set(page, 'create_vault', ok('create_vault'));
  await set(page, 'confirm_recovery_code', { error: { code: 'invalid', message: 'Those groups do not match the code.' } });
  await button(page, 'Create my vault').click();
  await heading(page, 'Your recovery code');
  await button(page, 'Confirm').click();
  await page.getByRole('alert').waitFor();
  await check(page, 'recovery code, wrong groups', { keyboard: true });

  for (const [cmd, r] of Object.entries(unlocked)) await set(page, cmd, r);
  await set(page, 'confirm_recovery_code', ok('confirm_recovery_code'));
  await set(page, 'list_profiles', { ok: [] });
  await set(page, 'list_cards', { ok: [] });
  await button(page, 'Confirm').click();
  await heading(page, 'Your aftercare profile');
  await check(page, 'first-run aftercare profile', { keyboard: true });
  await page.locator('.profile [data-action="skip"]').first().click();
  await heading(page, 'Hello');
  await check(page, 'home, new user');
});

onPhones('unlock, a wrong passphrase, the recovery code, a new passphrase; waiting; a damaged vault and restoring', async (openAt) => {
  const page = await openAt({ vault_status: status(), get_settings: ok('get_settings'),
    unlock: { error: { code: 'wrong_passphrase', message: 'That passphrase did not open the vault. Nothing has changed; try again.' } },
    assess_passphrase: ok('assess_passphrase', { score: 1, acceptable: false, warning: 'This is a very common password.', suggestions: ['Add another word or two.'] }) });
  await heading(page, 'Welcome back');
  await check(page, 'unlock', { keyboard: true });
  await page.getByLabel('Passphrase').fill('not it');
  await button(page, 'Unlock').click();
  await page.getByRole('alert').waitFor();
  await check(page, 'unlock, wrong passphrase');
  await button(page, 'Use my recovery code instead').click();
  await check(page, 'unlock with the recovery code', { keyboard: true });
  await page.getByLabel('Recovery code').fill(reply('create_vault').code);
  await set(page, 'unlock', { ok: null });
  await set(page, 'vault_status', status({ unlocked: true, passphraseNeeded: true }));
  await button(page, 'Unlock').click();
  await heading(page, 'Choose a new passphrase');
  await page.getByLabel('New passphrase', { exact: true }).fill('password1');
  await page.getByText('Weak. Tend needs a stronger one.').waitFor();
  await check(page, 'new passphrase after the recovery code', { keyboard: true });

  const waiting = await openAt({ vault_status: status({ failures: 6, retryAfterMs: 60000 }) });
  await waiting.getByText(/try again in \d+ s/).waitFor();
  await check(waiting, 'unlock, waiting after too many tries');

  const damaged = await openAt({ vault_status: status(),
    unlock: { error: { code: 'damaged', message: 'This vault was changed outside Tend. Nothing has been changed or deleted.' } } });
  await damaged.getByLabel('Passphrase').fill('copper lantern orbit meadow');
  await button(damaged, 'Unlock').click();
  await button(damaged, 'Restore a backup').waitFor();
  await check(damaged, 'unlock, damaged vault');
  await button(damaged, 'Restore a backup').click();
  await heading(damaged, 'Restore a backup');
  await check(damaged, 'restore over a damaged vault', { keyboard: true });
});

onPhones('messages and About', async (openAt) => {
  const twice = await openAt({ vault_status: { error: { code: 'in_use', message: 'Tend is already open in another window.' } } });
  await heading(twice, 'Tend is already open');
  await check(twice, 'message, already open');
  const about = await openAt({ vault_status: ok('vault_status'), about: ok('about'), sources: ok('sources') });
  await button(about, 'About').click();
  await about.locator('.versions:not([hidden])').waitFor();
  await about.locator('.source').first().waitFor();
  await check(about, 'about');
});

onPhones('home with everything going on, and hidden', async (openAt) => {
  const page = await openAt({ ...unlocked, open_session: { ok: session({ step: 'cards' }) }, current_timer: ok('current_timer'),
    due_follow_ups: ok('due_follow_ups'), history: ok('history') });
  await button(page, 'Continue where you left off').waitFor();
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).waitFor();
  await page.locator('.home-recent li').first().waitFor();
  await check(page, 'home with due check-ins, an open session, a timer and recent sessions');
  await button(page, 'Hide').click();
  await heading(page, 'Nothing new');
  await check(page, 'hidden (neutral)');
});

const two = [{ person: ME, role: null }, { person: SAM, role: null }];
const nowResponses = (started, over = {}) => ({ ...unlocked,
  end_session: ok('end_session'), start_session: { ok: started }, session_check_in: { ok: started },
  save_profile: ok('save_profile', { id: `${'0'.repeat(30)}99`, name: 'Alex', isMe: false }),
  session_step: { ok: null }, get_session: { ok: started }, session_choose: ok('session_choose'),
  delete_session: { ok: null }, list_plans: { ok: [] }, support: ok('support'), body_care: ok('body_care'),
  session_suggest: ok('session_suggest', { suggestions: [
    { card, reason: 'You chose closeness.' },
    ...catalogue.slice(1, 3).map((c, i) => ({ card: c, reason: `Reason ${i}.` }))] }),
  session_reflect: ok('session_reflect'), ...over });

onPhones('Aftercare now: resume offer, start, check-ins, pass the device, cards, closing, reflection, thank you', async (openAt) => {
  const started = session({ people: two, passDevice: true });
  const page = await openAt(nowResponses(started, {
    open_session: { ok: session({ step: 'cards', startedAtMs: new Date(2026, 10, 28, 21, 40).getTime(), people: two }) } }));
  await button(page, 'Aftercare now').click();
  await page.getByRole('heading', { name: /^Carry on from/ }).waitFor();
  await check(page, 'carry on or start fresh');
  await button(page, 'Start fresh').click();
  await heading(page, 'Aftercare now');
  await page.getByLabel('Sam').check();
  await page.getByLabel('A scene').check();
  await page.getByLabel('Someone else here?').fill('Alex');
  await button(page, 'Add').click();
  await page.getByRole('checkbox', { name: 'Alex' }).uncheck();
  await page.getByLabel('Your role').selectOption('top');
  await check(page, 'start form with a scene, roles and someone added', { keyboard: true });
  await page.getByLabel('Answer privately, one at a time (pass the device)').check();
  await button(page, 'Start').click();

  await heading(page, 'How are you feeling right now?');
  await check(page, 'check-in, the corners');
  await page.getByRole('button', { name: /^Soft, calm/ }).click();
  await button(page, 'calm').click();
  await page.getByLabel('I need closeness').check();
  await page.getByLabel('Anything to add (optional)').fill('x'.repeat(990));
  await page.locator('.char-count').waitFor();
  await check(page, 'check-in, words, a need and a counter', { keyboard: true });
  await button(page, 'Next').click();
  await heading(page, 'Please pass the device to Sam');
  await check(page, 'pass the device');
  await button(page, 'I’m Sam, continue').click();
  await heading(page, 'Sam, how are you feeling right now?');
  await page.getByLabel('Only me, kept').check();
  await page.getByLabel('Your own passphrase').waitFor();
  await check(page, 'check-in, a partner making a space of their own', { keyboard: true });
  await page.getByLabel('Everyone here').check();
  await button(page, 'Next').click();
  await heading(page, 'Please pass the device to everyone');
  await button(page, 'We’re all here, continue').click();

  await heading(page, 'A few rituals for now');
  await page.locator('.reason').first().waitFor();
  await page.locator('.suggestions .card-details summary').first().click();
  await check(page, 'cards, one opened');
  await set(page, 'get_session', { ok: { ...started, step: 'cards', accepted: [card.id] } });
  await page.locator('.suggestions .ritual-card').first().getByRole('button', { name: 'I’ll do this' }).click();
  await page.getByText('Added to your plan for now.').waitFor();
  await check(page, 'cards, one in the plan for now');
  await button(page, 'Close the session').click();
  await heading(page, 'How would you like to close?');
  await check(page, 'closing');

  await set(page, 'get_session', { ok: { ...started, step: 'reflect', accepted: [card.id] } });
  await button(page, 'Reflect now').click();
  await heading(page, 'A short reflection');
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByText(/If a limit of yours was crossed/).waitFor();
  await page.getByLabel('Helped').check();
  await check(page, 'reflection, the calm word after a "yes"', { keyboard: true });
  await button(page, 'Care for your body').click();
  await heading(page, 'Care for your body');
  await page.locator('.care-topic').first().waitFor();
  await check(page, 'care for your body, in place of the reflection');
  await button(page, 'Back to where I was').click();
  await button(page, 'Support').click();
  await page.getByRole('heading', { name: 'Support', exact: true }).waitFor();
  await page.locator('.resource').first().waitFor();
  await check(page, 'support, in place of the reflection');
  await button(page, 'Back to where I was').click();
  await button(page, 'Save').click();
  await heading(page, 'Please pass the device to Sam');
  await button(page, 'I’m Sam, continue').click();
  await heading(page, 'Sam, a short reflection');
  await button(page, 'Skip').click();
  await button(page, 'We’re all here, continue').click();
  await heading(page, 'Thank you for taking care');
  await check(page, 'thank you');
});

onPhones('the stop path: the gentle cards, what happened, talking about it', async (openAt) => {
  const stopped = reply('session_stop');
  const page = await openAt({ ...unlocked, session_stop: { ok: stopped }, get_session: { ok: stopped },
    session_step: { ok: null }, session_suggest: ok('session_suggest'), body_care: ok('body_care'), support: ok('support'),
    open_session: { ok: stopped } });
  await page.getByRole('button', { name: 'Something didn’t feel OK' }).click();
  await heading(page, 'Slowly, from here');
  await page.locator('.ritual-card').first().waitFor();
  await page.getByText('Say what happened, if you want to (not saved)').click();
  await check(page, 'the gentle cards, what happened open');
  await button(page, 'Close the session').click();
  await heading(page, 'Talking about it');
  await check(page, 'talking about it');
});

onPhones('the timer: running, eyes closed, time up', async (openAt) => {
  const view = (over = {}) => ({ ...reply('timer_view'), ...over });
  const page = await openAt({ ...unlocked, current_timer: ok('current_timer'), timer_view: { ok: view() },
    timer_action: { ok: view({ status: 'paused' }) } });
  await page.getByRole('button', { name: /A timer is running/ }).click();
  await page.getByRole('timer').waitFor();
  await page.locator('.pacer-cue', { hasText: 'Breathe out slowly' }).waitFor();
  await check(page, 'timer, running');
  await button(page, 'Eyes closed').click();
  await page.locator('.eyes-closed').waitFor();
  await check(page, 'timer, eyes closed');
  await page.keyboard.press('Escape');
  await set(page, 'timer_view', { ok: view({ status: 'finished', remainingMs: 0, elapsedMs: 300000, phase: null }) });
  await page.getByText('Time is up. Take your time.').waitFor();
  await check(page, 'timer, time is up');
});

onPhones('a follow-up: the check-in, feeling low, help, grounding; a drop; something not right', async (openAt) => {
  const due = { ...reply('due_follow_ups')[0], talkTomorrow: false };
  const page = await openAt({ ...unlocked, due_follow_ups: { ok: [due] }, answer_follow_up: { ok: true },
    complete_follow_up: ok('complete_follow_up') });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('heading', { name: /how are you today\?$/ }).waitFor();
  await page.getByRole('button', { name: /^Low/ }).click();
  await page.locator('button.feeling:visible').first().click();
  await page.getByLabel('I’m feeling low').check();
  await check(page, 'follow-up, words and feeling low', { keyboard: true });
  await button(page, 'Save').click();
  await page.getByRole('heading', { name: /^Thank you for saying so/ }).waitFor();
  await check(page, 'follow-up, help offered');
  await button(page, 'A grounding exercise (5-4-3-2-1)').click();
  await heading(page, 'Back to here and now');
  await check(page, 'grounding');

  const me = profiles.find((p) => p.isMe);
  const alone = { ...due, people: [[ME, me.name]] };
  const dropping = await openAt({ ...unlocked, due_follow_ups: { ok: [alone] }, answer_follow_up: { ok: false },
    complete_follow_up: ok('complete_follow_up'), support: ok('support'), body_care: ok('body_care') });
  await dropping.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await dropping.getByLabel('A little').check();
  await dropping.getByLabel('Yes', { exact: true }).nth(1).check();
  await button(dropping, 'Save').click();
  await dropping.getByRole('heading', { name: /^Thank you for saying so/ }).waitFor();
  await check(dropping, 'follow-up, something did not sit right');
  await button(dropping, 'Continue').click();
  await dropping.getByRole('heading', { name: /^Looking after a drop/ }).waitFor();
  await check(dropping, 'the drop companion', { keyboard: true });
});

onPhones('sharing a profile and adding one: the QR code, the text code, the form and the preview', async (openAt) => {
  const preview = reply('preview_share');
  const page = await openAt({ ...unlocked, share_profile: ok('share_profile'), share_text_code: ok('share_text_code'),
    preview_share: { ok: preview } });
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: /^Robin/ }).click();
  await button(page, 'Share my profile').click();
  await page.locator('svg.qr').waitFor();
  await check(page, 'share my profile, the QR code');
  await button(page, 'Send it as a text code instead').click();
  await page.getByLabel('The code').waitFor();
  await check(page, 'share my profile, a text code and its phrase', { keyboard: true });
  await button(page, 'Done').click();
  await heading(page, 'Robin');
  await button(page, 'Cancel').click();
  await button(page, 'Add from a shared profile').click();
  await heading(page, 'Add from a shared profile');
  await check(page, 'add from a shared profile', { keyboard: true });
  await button(page, 'Read the code').click();
  await heading(page, `${preview.profile.name}\u2019s profile`);
  await check(page, 'a shared profile, what will be saved');
});

onPhones('history, a session; people, a person, a partner\'s space; plans and a plan', async (openAt) => {
  const page = await openAt({ ...unlocked, history: ok('history'), get_session: ok('get_session'), insights: { ok: INSIGHTS },
    session_follow_ups: ok('session_follow_ups'), list_plans: ok('list_plans'),
    space_info: ok('space_info', { exists: true, answers: 1, earlierPrivate: 2 }), open_space: ok('open_space') });
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await page.locator('.history-list .history-item').first().waitFor();
  await check(page, 'history');
  await button(page, 'What seems to help').click();
  await page.locator('.insights figure').first().waitFor();
  await check(page, 'what seems to help');
  await button(page, 'Back to history').click();
  await page.locator('.history-list .history-item').first().click();
  await page.getByRole('heading', { name: 'Check-ins', exact: true }).waitFor();
  await button(page, 'Delete').click();
  await check(page, 'a past session, asked to delete');

  await page.locator('.topbar .brand').click();
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await button(page, 'Sam’s own space').waitFor();
  await check(page, 'people');
  await page.getByRole('button', { name: /^Robin/ }).click();
  await heading(page, 'Robin');
  await button(page, 'Show as a card').click();
  await heading(page, 'My aftercare');
  await check(page, 'a profile as a card');
  await button(page, 'Done').click();
  await heading(page, 'Robin');
  for (const summary of await page.locator('summary').all()) await summary.click();
  await check(page, 'a person, every part open', { keyboard: true });
  await button(page, 'Cancel').click();
  await button(page, 'Sam’s own space').click();
  await heading(page, 'Sam’s own space');
  await page.getByText('For the device’s owner').click();
  await button(page, 'Delete without opening').click();
  await check(page, 'a partner\'s space, a warning', { keyboard: true });
  await page.getByLabel('Sam’s passphrase').fill('amber willow gently hums');
  await button(page, 'Open').click();
  await page.getByRole('heading', { name: 'What you kept' }).waitFor();
  await check(page, 'a partner\'s space, opened');

  await page.locator('.topbar .brand').click();
  await page.locator('.home-grid').getByRole('button', { name: 'Plans' }).click();
  await button(page, reply('list_plans')[0].name).waitFor();
  await check(page, 'plans');
  await button(page, 'Make a plan').click();
  await heading(page, 'A new plan');
  for (const id of [catalogue[0].id, catalogue[1].id]) {
    await page.getByLabel('Add a card').selectOption(id);
    await button(page, 'Add').click();
  }
  await page.getByText('Anything to avoid').click();
  await check(page, 'a new plan with two cards', { keyboard: true });

  const none = await openAt({ ...unlocked, space_info: ok('space_info', { exists: false, answers: 0, earlierPrivate: 1 }),
    assess_passphrase: ok('assess_passphrase') });
  await none.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await button(none, 'Sam’s own space').click();
  await none.getByLabel('Your own passphrase').fill('amber willow gently hums');
  await none.getByText('Very strong. Good to use.').waitFor();
  await check(none, 'a partner\'s space, not made yet', { keyboard: true });
});

onPhones('ritual cards, one\'s own card, suggestions', async (openAt) => {
  const own = { ...card, id: 'mine', title: 'Tea on the porch', custom: true };
  const page = await openAt({ ...unlocked, list_cards: { ok: [own, ...catalogue] }, record_feedback: { ok: null },
    suggest: ok('suggest') });
  await page.getByRole('button', { name: 'Ritual cards' }).click();
  await page.locator('.ritual-card').nth(10).waitFor();
  const first = page.locator('.ritual-card').first();
  await first.getByText('How did it land?').click();
  await first.getByRole('button', { name: 'Helped' }).click();
  await first.getByText('Noted: helped.').waitFor();
  await check(page, 'the catalogue, one card rated');
  await button(page, 'Edit').click();
  await heading(page, 'Edit your card');
  await check(page, 'editing one\'s own card', { keyboard: true });
  await button(page, 'Cancel').click();
  await page.locator('.topbar .brand').click();
  await page.getByRole('button', { name: 'Suggest a few rituals' }).click();
  await heading(page, 'A few rituals');
  await page.getByLabel('Sam').check();
  await page.getByLabel('What kind of moment').selectOption('scene');
  await button(page, 'Suggest').click();
  await page.locator('.reason').first().waitFor();
  await check(page, 'suggest, a scene and the cards');
});

onPhones('support, care for your body, settings', async (openAt) => {
  const page = await openAt({ ...unlocked, support: ok('support'), save_settings: ok('save_settings'),
    body_care: ok('body_care'), exports_written: ok('exports_written'), assess_passphrase: ok('assess_passphrase') });
  await page.locator('.home-grid').getByRole('button', { name: 'Support' }).click();
  await page.locator('.resource').first().waitFor();
  await page.getByText('Show all regions').click();
  await check(page, 'support, all regions', { keyboard: true });
  await button(page, 'Care for your body').click();
  await heading(page, 'Care for your body');
  await page.locator('.care-topic').first().waitFor();
  await check(page, 'care for your body');
  await page.locator('.topbar .brand').click();
  await page.locator('.home-grid').getByRole('button', { name: 'Settings' }).click();
  await page.waitForFunction(() => document.querySelector('#set-autolock')?.value === '5');
  await check(page, 'settings', { keyboard: true });
  await page.locator('.topbar').getByRole('button', { name: 'About' }).waitFor();
});

onPhones('grounding on its own, and Calm now at each step, locked and unlocked', async (openAt) => {
  const page = await openAt(unlocked);
  await heading(page, 'Hello');
  await page.evaluate(() => {
    const go = Object.assign(document.createElement('button'), { type: 'button', hidden: true });
    go.dataset.nav = 'grounding';
    document.body.append(go);
    go.click();
    go.remove();
  });
  await heading(page, 'Back to here and now');
  await check(page, 'grounding (view)');

  const calm = (p, name) => p.getByRole('dialog').getByRole('button', { name, exact: true });
  const locked = await openAt({ vault_status: status(), support: ok('support', { region: null, contacts: [] }) });
  await heading(locked, 'Welcome back');
  await locked.locator('.topbar').getByRole('button', { name: 'Calm now' }).click();
  await locked.getByRole('dialog').waitFor();
  await check(locked, 'Calm now, breathing');
  await calm(locked, 'Next: grounding').click();
  await check(locked, 'Calm now, grounding');
  await calm(locked, 'Skip to what would help').click();
  await calm(locked, 'A blanket').click();
  await check(locked, 'Calm now, what would help');
  await calm(locked, 'Support').click();
  await locked.locator('.calm-region > summary', { hasText: 'Canada' }).click();
  await check(locked, 'Calm now, support, a region open');
});

onPhones('a long name without spaces wraps everywhere it is shown', async (openAt) => {
  const long = 'Wolfeschlegelsteinhausenbergerdorffvoral'; // 40 characters, the most a name may have
  const people = profiles.map((p) => (p.isMe ? p : { ...p, name: long }));
  const started = session({ people: two, passDevice: false });
  const page = await openAt({ ...nowResponses(started), list_profiles: { ok: people } });
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await button(page, `${long}’s own space`).waitFor();
  await check(page, 'people, a long name');
  await page.locator('.topbar .brand').click();
  await button(page, 'Aftercare now').click();
  await heading(page, 'Aftercare now');
  await page.getByLabel(long).check();
  await page.getByLabel('A scene').check();
  await check(page, 'start form, a long name with a role');
  await button(page, 'Start').click();
  await button(page, 'Next').click();
  await heading(page, `${long}, how are you feeling right now?`);
  await check(page, 'check-in, a long name');
});

test('the page asks for the whole screen, notch included, and to be resized by a keyboard', () => {
  const html = readFileSync(new URL('../../ui/index.html', import.meta.url), 'utf8');
  const meta = html.match(/<meta name="viewport" content="([^"]+)">/)?.[1] ?? '';
  const parts = meta.split(',').map((s) => s.trim());
  for (const want of ['width=device-width', 'initial-scale=1', 'viewport-fit=cover', 'interactive-widget=resizes-content']) {
    assert.ok(parts.includes(want), `the viewport meta says ${want} (it says "${meta}")`);
  }
  assert.ok(!parts.some((p) => /user-scalable=no|maximum-scale=1(\.0)?$/.test(p)), 'pinch-zoom stays allowed');
});

test('the safe-area insets pad the top bar, the page and a bar that sticks to the bottom', async () => {
  const phone = { ...PHONES[0], insets: { top: 47, bottom: 34, left: 20, right: 28 } };
  const page = await open(phone, { ...nowResponses(session({ people: [{ person: ME, role: null }] })) });
  await heading(page, 'Hello');
  const pad = (selector) => page.locator(selector).first().evaluate((el) => {
    const s = getComputedStyle(el);
    return { top: parseFloat(s.paddingTop), right: parseFloat(s.paddingRight), bottom: parseFloat(s.paddingBottom), left: parseFloat(s.paddingLeft) };
  });
  const bar = await pad('.topbar');
  assert.ok(bar.top >= 47, `the top bar is padded below the notch: ${bar.top}`);
  assert.ok(bar.left >= 20 && bar.right >= 28, `and from the sides: ${bar.left}, ${bar.right}`);
  const main = await pad('main');
  const end = await page.locator('main').evaluate((el) => parseFloat(getComputedStyle(el, '::after').height));
  assert.ok(end >= 34, `the page ends above the gesture bar: ${end}`);
  assert.ok(main.left >= 20 && main.right >= 28, `and keeps off the sides: ${main.left}, ${main.right}`);
  // Without insets (a desktop window) the same rules leave the usual spacing.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 0, bottom: 0, left: 0, right: 0 } });
  const flat = await pad('.topbar');
  assert.ok(flat.top > 0 && flat.top < 47, `without a notch the top bar keeps its own padding: ${flat.top}`);
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: phone.insets });
  await button(page, 'Aftercare now').click();
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  const sticky = await pad('.sticky-actions');
  assert.ok(sticky.bottom >= 34, `the check-in's buttons stick above the gesture bar: ${sticky.bottom}`);
  const next = await button(page, 'Next').boundingBox();
  assert.ok(next.y + next.height <= 740 - 34, `"Next" ends at ${next.y + next.height}, above ${740 - 34}`);
});

test('an on-screen keyboard laid over the page (as on iOS) leaves the page its visible height', async () => {
  const page = await open(PHONES[0], nowResponses(session({ people: [{ person: ME, role: null }] })));
  await button(page, 'Aftercare now').click();
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  const note = page.getByLabel('Anything to add (optional)');
  await note.evaluate((f) => { f.scrollIntoView({ block: 'end' }); f.focus({ preventScroll: true }); });
  // The layout keeps its height; only the visual viewport shrinks (Chromium here cannot
  // lay a keyboard over the page, so visualViewport says what a keyboard would).
  await page.evaluate(() => {
    Object.defineProperty(window.visualViewport, 'height', { configurable: true, get: () => 360 });
    window.visualViewport.dispatchEvent(new Event('resize'));
  });
  await frames(page);
  const seenNow = await page.evaluate(() => {
    const r = (el) => el.getBoundingClientRect();
    return { body: r(document.body).bottom, field: r(document.activeElement), next: r(document.querySelector('.sticky-actions .primary')) };
  });
  assert.ok(seenNow.body <= 360 + 0.5, `the page ends where the keyboard starts: ${seenNow.body}`);
  assert.ok(seenNow.field.bottom <= 360 && seenNow.field.top >= 0, `the field is above the keyboard: ${seenNow.field.top}…${seenNow.field.bottom}`);
  assert.ok(seenNow.next.bottom <= 360, `"Next" is above the keyboard: ${seenNow.next.bottom}`);
  await page.evaluate(() => {
    delete window.visualViewport.height;
    window.visualViewport.dispatchEvent(new Event('resize'));
  });
  await frames(page);
  assert.equal(await page.evaluate(() => document.body.getBoundingClientRect().bottom), 740, 'closed, the page has its height back');
});

// ---- The back gesture ----
// Android's back (the button or the gesture) makes the WebView go back one history entry,
// as history.back() does here; the page's history starts with the app, as in its window.

const PHONE = PHONES[0];
/** Back, as Android does it; resolves once the page has answered. */
async function back(page) {
  await page.evaluate(() => new Promise((ok) => {
    window.addEventListener('popstate', () => setTimeout(ok, 100), { once: true });
    setTimeout(ok, 1000); // at the first entry there is nothing to go back to: no popstate
    history.back();
  }));
  await frames(page);
}
const viewName = (page) => page.evaluate(() => document.getElementById('view').dataset.view);
const pressed = (page) => page.locator('#view [aria-pressed="true"]').count();

/** Back at a root screen: still Tend, the same page, the same screen. */
async function staysAt(page, name) {
  const url = page.url();
  await back(page);
  assert.equal(page.url(), url, 'back at a root screen does not leave the page');
  assert.equal(await title(page), name, 'the same screen');
  // No entry of Tend's own is left to go back to: Android's back leaves the app here, as
  // at any app's first screen, instead of walking back through screens that are gone.
  assert.equal(await page.evaluate(() => Number(history.state?.tend) || 0), 0, 'at the first entry');
  assert.deepEqual(page.errors, []);
}

test('back: from a screen to home, and at home or welcome it stays in Tend', async () => {
  const page = await open(PHONE, { ...unlocked, history: ok('history'), get_session: ok('get_session'),
    session_follow_ups: ok('session_follow_ups') });
  await heading(page, 'Hello');
  await staysAt(page, 'Hello');
  await page.locator('.home-grid').getByRole('button', { name: 'History' }).click();
  await heading(page, 'History');
  await page.locator('.history-list .history-item').first().click();
  await page.getByRole('heading', { name: 'Check-ins', exact: true }).waitFor();
  await back(page);
  await heading(page, 'History');
  await back(page);
  await heading(page, 'Hello');
  await staysAt(page, 'Hello');
  await page.locator('.topbar').getByRole('button', { name: 'Settings' }).click();
  await heading(page, 'Settings');
  await back(page);
  await heading(page, 'Hello');

  const first = await open(PHONE, { vault_status: ok('vault_status'), about: ok('about'), sources: ok('sources'),
    assess_passphrase: ok('assess_passphrase') });
  await heading(first, 'Welcome to Tend');
  await staysAt(first, 'Welcome to Tend');
  await button(first, 'Get started').click();
  await heading(first, 'Choose a passphrase');
  await back(first);
  await heading(first, 'Welcome to Tend');
  await button(first, 'About').click();
  await heading(first, 'About Tend');
  await back(first);
  await heading(first, 'Welcome to Tend');
  await staysAt(first, 'Welcome to Tend');
});

test('back: a form with something typed asks first, and staying keeps every answer', async () => {
  const page = await open(PHONE, unlocked);
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await heading(page, 'People');
  await page.getByRole('button', { name: /^Robin/ }).click();
  await heading(page, 'Robin');
  await back(page);
  await heading(page, 'People');
  await button(page, 'Add a person').click();
  await heading(page, 'A new person');
  await page.getByLabel('Name', { exact: true }).fill('Alex');
  await back(page);
  const asked = page.getByRole('dialog', { name: 'Go back?' });
  await asked.waitFor();
  assert.match(await asked.textContent(), /not been saved yet/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Stay here', 'staying is the first choice');
  await check(page, 'the question before going back');
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, [], 'axe finds nothing wrong with the question');
  await asked.getByRole('button', { name: 'Stay here' }).click();
  await asked.waitFor({ state: 'detached' });
  assert.equal(await title(page), 'A new person');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Alex', 'the answer is still there');
  await back(page);
  await asked.waitFor();
  await back(page); // back again while asked: stays, as "Stay here" does
  await asked.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Alex');
  await back(page);
  await asked.getByRole('button', { name: 'Go back' }).click();
  await heading(page, 'People');
  await back(page);
  await heading(page, 'Hello');
  assert.equal((await page.calls()).filter((c) => c.cmd === 'save_profile').length, 0, 'nothing was saved on the way');
});

test('back: Aftercare now goes one step at a time, and the start form comes back as it was left', async () => {
  const started = session({ people: two, passDevice: false });
  const empty = { ...started, checkIns: [], accepted: [], reflections: [] };
  const page = await open(PHONE, nowResponses(started, { get_session: { ok: empty } }));
  await button(page, 'Aftercare now').click();
  await heading(page, 'Aftercare now');
  await page.getByLabel('Sam').check();
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  await back(page);
  await heading(page, 'Aftercare now');
  assert.equal(await page.getByLabel('Sam').isChecked(), true, 'the start form is as it was left');
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  const count = async (cmd) => (await page.calls()).filter((c) => c.cmd === cmd).length;
  assert.equal(await count('start_session'), 1, 'the same answers carry on with the same session');

  await button(page, 'Next').click();
  await heading(page, 'Sam, how are you feeling right now?');
  await back(page);
  await heading(page, 'How are you feeling right now?');
  assert.equal(await pressed(page), 0, 'a check-in shown again starts empty');
  await button(page, 'Skip').click();
  await heading(page, 'Sam, how are you feeling right now?');
  await button(page, 'Skip').click();
  await heading(page, 'A few rituals for now');
  await back(page);
  await heading(page, 'Sam, how are you feeling right now?');
  await button(page, 'Skip').click();
  await heading(page, 'A few rituals for now');
  await button(page, 'Close the session').click();
  await heading(page, 'How would you like to close?');
  await back(page);
  await heading(page, 'A few rituals for now');
  await button(page, 'Close the session').click();
  await set(page, 'get_session', { ok: { ...empty, step: 'reflect' } });
  await button(page, 'Reflect now').click();
  await heading(page, 'A short reflection');
  await back(page);
  await heading(page, 'How would you like to close?');
  const steps = (await page.calls()).filter((c) => c.cmd === 'session_step').map((c) => c.args.step);
  assert.deepEqual(steps.slice(-2), ['reflect', 'cards'], 'Rust is told the session is back at the cards');
  await button(page, 'Just finish').click();
  await heading(page, 'Thank you for taking care');
  await back(page);
  await heading(page, 'Hello');
  await staysAt(page, 'Hello');

  // Back to the start form and on with other answers: the session it began, empty, goes.
  await button(page, 'Aftercare now').click();
  await heading(page, 'Aftercare now');
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  await back(page);
  await page.getByLabel('Sam').check();
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  assert.equal(await count('delete_session'), 1, 'the empty session that form began is deleted');
  assert.equal(await count('start_session'), 3);
});

test('back: with the device passed, a step back hands the device over and shows nobody\'s answers', async () => {
  const started = session({ people: two, passDevice: true });
  const page = await open(PHONE, nowResponses(started));
  await button(page, 'Aftercare now').click();
  await page.getByLabel('Sam').check();
  await page.getByLabel('Answer privately, one at a time (pass the device)').check();
  await button(page, 'Start').click();
  await heading(page, 'How are you feeling right now?');
  await page.getByRole('button', { name: /^Soft, calm/ }).click();
  await button(page, 'calm').click();
  await button(page, 'Next').click();
  await heading(page, 'Please pass the device to Sam');
  await button(page, 'I’m Sam, continue').click();
  await heading(page, 'Sam, how are you feeling right now?');
  await back(page);
  await page.getByRole('heading', { name: /^Please pass the device to / }).waitFor();
  assert.notEqual(await title(page), 'Please pass the device to Sam', 'handed back to the one before');
  await page.getByRole('button', { name: /, continue$/ }).click();
  await heading(page, 'How are you feeling right now?');
  assert.equal(await pressed(page), 0, 'what was chosen before is not shown again');
});

test('back: the timer leaves eyes-closed mode first, then goes back to the session\'s cards', async () => {
  const withTimer = { ...session({ step: 'cards', people: [{ person: ME, role: null }] }), accepted: [card.id] };
  const view = reply('timer_view');
  const page = await open(PHONE, { ...nowResponses(withTimer), open_session: { ok: withTimer },
    start_timer: ok('start_timer'), timer_view: { ok: { ...view, session: withTimer.id } } });
  await button(page, 'Continue where you left off').click();
  await heading(page, 'A few rituals for now');
  await button(page, 'Start the timer').click();
  await page.getByRole('timer').waitFor();
  await button(page, 'Eyes closed').click();
  await page.locator('.eyes-closed').waitFor();
  await back(page);
  await page.locator('.eyes-closed').waitFor({ state: 'hidden' });
  assert.equal(await viewName(page), 'timer', 'still the timer');
  await back(page);
  await heading(page, 'A few rituals for now');
  await back(page);
  await heading(page, 'Hello');
});

test('back: Calm now closes and the screen behind stays; care for your body goes back to the form', async () => {
  const s = { ...session({ step: 'reflect', people: [{ person: SAM, role: null }] }), accepted: [] };
  const page = await open(PHONE, { ...nowResponses(s), open_session: { ok: s }, get_session: { ok: s } });
  await heading(page, 'Hello');
  await page.locator('.topbar').getByRole('button', { name: 'Calm now' }).click();
  await page.getByRole('dialog').waitFor();
  await back(page);
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await staysAt(page, 'Hello');

  await button(page, 'Continue where you left off').click();
  await page.getByRole('heading', { name: /a short reflection$/ }).waitFor();
  await page.getByLabel('What felt good?').fill('The tea afterwards.');
  await page.getByLabel('Yes', { exact: true }).check();
  await button(page, 'Care for your body').click();
  await heading(page, 'Care for your body');
  await back(page);
  await page.getByRole('heading', { name: /a short reflection$/ }).waitFor();
  assert.equal(await page.getByLabel('What felt good?').inputValue(), 'The tea afterwards.', 'the answer is kept');
  await page.locator('.crossed-limit').getByRole('button', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support', exact: true }).waitFor();
  await page.locator('.topbar').getByRole('button', { name: 'Calm now' }).click();
  await page.getByRole('dialog').waitFor();
  await back(page);
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await title(page), 'Support', 'Calm now closed; support in place still there');
  await back(page);
  await page.getByRole('heading', { name: /a short reflection$/ }).waitFor();
  assert.equal(await page.getByLabel('What felt good?').inputValue(), 'The tea afterwards.');
});

test('back: after Hide or a lock, neither back nor forward shows anything from before', async () => {
  const page = await open(PHONE, unlocked);
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: /^Robin/ }).click();
  await heading(page, 'Robin');
  await button(page, 'Hide').click();
  await heading(page, 'Nothing new');
  await staysAt(page, 'Nothing new');
  await page.evaluate(() => history.forward());
  await page.waitForTimeout(300);
  assert.equal(await title(page), 'Nothing new', 'forward again shows nothing from before');
  assert.equal(await page.getByText('Robin').count(), 0);

  const locked = await open(PHONE, unlocked);
  await locked.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await locked.getByRole('button', { name: /^Robin/ }).click();
  await heading(locked, 'Robin');
  await set(locked, 'vault_status', status());
  await locked.evaluate(() => window.__TAURI__.event.emit('vault-locked'));
  await heading(locked, 'Welcome back');
  await staysAt(locked, 'Welcome back');
  await locked.evaluate(() => history.forward());
  await locked.waitForTimeout(300);
  assert.equal(await title(locked), 'Welcome back');
  assert.equal(await locked.getByText('Robin').count(), 0, 'nothing private after a lock');
  await back(locked);
  assert.equal(await title(locked), 'Welcome back');
});

test('back: a follow-up\'s grounding stops as its Stop does; its question goes home, still ready', async () => {
  const due = { ...reply('due_follow_ups')[0], talkTomorrow: false, people: [[ME, 'Robin']] };
  const page = await open(PHONE, { ...unlocked, due_follow_ups: { ok: [due] }, answer_follow_up: { ok: true },
    complete_follow_up: ok('complete_follow_up') });
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
  await back(page);
  await heading(page, 'Hello');
  await page.getByRole('button', { name: /A gentle check-in is ready/ }).click();
  await page.getByLabel('I’m feeling low').check();
  await button(page, 'Save').click();
  await page.getByRole('heading', { name: /^Thank you for saying so/ }).waitFor();
  await button(page, 'A grounding exercise (5-4-3-2-1)').click();
  await heading(page, 'Back to here and now');
  await back(page);
  await heading(page, 'Hello');
  assert.equal((await page.calls()).filter((c) => c.cmd === 'complete_follow_up').length, 1, 'finished as Stop finishes it');
});

test('every view main.js can show was seen at both sizes', (t) => {
  const names = viewNames();
  assert.ok(names.length > 20, `read the views from main.js: ${names}`);
  assert.deepEqual(names.filter((n) => !seen.views.has(n)), [], 'views no test here opened');
  assert.ok(seen.fields > 40, `typed into ${seen.fields} fields with the keyboard open`);
  t.diagnostic(`${seen.screens} screens (${seen.views.size} views) at ${PHONES.length} sizes; the keyboard opened on ${seen.fields} fields`);
});
