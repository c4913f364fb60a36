// Pictures for the README at a phone's size (360×740 CSS px, touch, a phone's pixel
// ratio): home, a check-in and the cards (docs/phone-*.png). The app's own window cannot be
// made a phone, so these are the UI in headless Chromium with the core mocked by the replies
// Rust wrote (tests/contract/), as the UI tests run it; what they show is made-up data.
// Run by scripts/screenshot.sh, or on its own: node scripts/phone-pictures.mjs
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness } from '../tests/ui/harness.mjs';
import { ok, reply } from '../tests/ui/contract.mjs';

const docs = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs');
mkdirSync(docs, { recursive: true });

const profiles = reply('list_profiles'); // Robin (the device's owner) and Sam
const [ME, SAM] = profiles.map((p) => p.id);
const catalogue = reply('list_cards');
const started = { ...reply('start_session'), plan: null, passDevice: false,
  people: [{ person: ME, role: null }, { person: SAM, role: null }] };
const responses = {
  vault_status: ok('vault_status', { exists: true, hasPassphrase: true, unlocked: true }),
  get_settings: ok('get_settings'), open_session: { ok: null }, current_timer: { ok: null },
  due_follow_ups: ok('due_follow_ups'), history: ok('history'), list_profiles: ok('list_profiles'),
  feelings: ok('feelings'), list_cards: ok('list_cards'), get_card: ok('get_card'), list_plans: { ok: [] },
  space_info: ok('space_info', { exists: false, answers: 0 }), report_activity: ok('report_activity'),
  start_session: { ok: started }, get_session: { ok: started }, session_check_in: { ok: started },
  session_step: { ok: null }, session_choose: ok('session_choose'),
  session_suggest: ok('session_suggest', { suggestions: catalogue.slice(0, 3).map((card, i) => ({ card,
    reason: ['You both asked for closeness.', 'Quiet and warm, as Sam likes it.', 'Short, if there is little time.'][i] })) }),
};

const h = await startHarness();
try {
  const page = await h.open(responses, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2,
    isMobile: true, hasTouch: true, colorScheme: 'dark', reducedMotion: 'reduce' });
  const shot = async (name) => {
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: join(docs, `phone-${name}.png`) });
    console.log(`saved docs/phone-${name}.png`);
  };
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await page.locator('.home-recent li').first().waitFor();
  await shot('home');

  await page.getByRole('button', { name: 'Aftercare now' }).click();
  await page.getByLabel('Sam').check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { name: 'How are you feeling right now?' }).waitFor();
  await page.getByRole('button', { name: /^Soft, calm/ }).click();
  await page.getByRole('button', { name: 'calm', exact: true }).click();
  await page.getByLabel('I need closeness').check();
  await page.locator('main').evaluate((main) => { main.scrollTop = 0; });
  await shot('check-in');

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: 'A few rituals for now' }).waitFor();
  await page.locator('.reason').first().waitFor();
  await shot('cards');
} finally {
  await h.stop();
}
