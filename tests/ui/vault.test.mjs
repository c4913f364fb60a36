// First run, unlock, hide now, auto-lock and settings, with the core mocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

const status = (over = {}) => ok('vault_status', { exists: true, hasPassphrase: true, ...over });
const CODE = 'AB12-CD34-EF56-GH78-JK9M-NP0Q-RS1T-VW2X';
const settings = ok('get_settings', { autoLockMinutes: 5 });
let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const callsTo = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);
const setResponse = (page, cmd, response) =>
  page.evaluate(([c, r]) => { window.__responses[c] = r; }, [cmd, response]);

test('first run: strength feedback from Rust, the vault is created, the code confirmed by two groups', async () => {
  const page = await h.open({
    vault_status: status({ exists: false }),
    assess_passphrase: ok('assess_passphrase', { score: 4, acceptable: true }),
    create_vault: ok('create_vault', { code: CODE, confirmGroups: [1, 4] }),
    confirm_recovery_code: ok('confirm_recovery_code'),
    list_profiles: { ok: [] }, list_cards: { ok: [] }, save_profile: ok('save_profile'),
  });
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill('copper lantern orbit meadow');
  await page.getByText('Very strong. Good to use.').waitFor();
  const assessed = await callsTo(page, 'assess_passphrase');
  assert.deepEqual(assessed.at(-1).args, { passphrase: 'copper lantern orbit meadow' });

  await page.getByLabel('The same passphrase again').fill('copper lantern orbit meadoW');
  await page.getByRole('button', { name: 'Create my vault' }).click();
  await page.getByText('The two passphrases are not the same yet.').waitFor();
  assert.equal((await callsTo(page, 'create_vault')).length, 0, 'nothing is created on a mismatch');

  await page.getByLabel('The same passphrase again').fill('copper lantern orbit meadow');
  await setResponse(page, 'vault_status', status({ unlocked: true }));
  await page.getByRole('button', { name: 'Create my vault' }).click();
  await page.getByRole('heading', { name: 'Your recovery code' }).waitFor();
  assert.deepEqual((await callsTo(page, 'create_vault'))[0].args, { passphrase: 'copper lantern orbit meadow' });
  assert.equal(await page.locator('.recovery-code').textContent(), CODE);
  await page.getByLabel('The second group').fill('cd34');
  await page.getByLabel('The fifth group').fill('JK9M');
  await page.getByRole('button', { name: 'Confirm' }).click();
  // Then, once, an optional aftercare profile for the owner: skippable at the top.
  await page.getByRole('heading', { name: 'Your aftercare profile' }).waitFor();
  assert.equal(await page.locator('.profile [data-action="skip"]').count(), 2, 'Skip at the top and the end');
  await page.getByLabel('What helps me (in your own words)').fill('Water, then a quiet minute.');
  await page.getByLabel('Water').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  const mine = (await callsTo(page, 'save_profile'))[0].args.profile;
  assert.equal(mine.isMe, true);
  assert.equal(mine.name, 'Me');
  assert.equal(mine.helps, 'Water, then a quiet minute.');
  assert.deepEqual(mine.needs, ['water']);
  assert.deepEqual((await callsTo(page, 'confirm_recovery_code'))[0].args, { answers: ['cd34', 'JK9M'] });
  assert.equal(await page.getByRole('button', { name: 'Hide' }).isVisible(), true, 'hide is in reach once unlocked');
});

test('a weak passphrase is refused with the advice Rust gives, and nothing moves on', async () => {
  const page = await h.open({
    vault_status: status({ exists: false }),
    assess_passphrase: ok('assess_passphrase', { score: 1, acceptable: false, warning: 'This is a very common password.', suggestions: ['Add another word or two.'] }),
    create_vault: { error: { code: 'invalid', message: 'That passphrase is too easy to guess. This is a very common password.' } },
  });
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill('password1');
  await page.getByText('Weak. Tend needs a stronger one.').waitFor();
  assert.match(await page.locator('.advice').textContent(), /Add another word or two/);
  await page.getByLabel('The same passphrase again').fill('password1');
  await page.getByRole('button', { name: 'Create my vault' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /too easy to guess/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Choose a passphrase');
});

test('unlock: a wrong passphrase says so; the recovery code is sent as a recovery code', async () => {
  const page = await h.open({
    vault_status: status(),
    unlock: { error: { code: 'wrong_passphrase', message: 'That passphrase did not open the vault. Nothing has changed; try again.' } },
  });
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
  await page.getByLabel('Passphrase').fill('not it');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /did not open the vault/);
  assert.deepEqual((await callsTo(page, 'unlock'))[0].args, { secret: { kind: 'passphrase', value: 'not it' } });

  await page.getByRole('button', { name: 'Use my recovery code instead' }).click();
  await setResponse(page, 'unlock', ok('unlock'));
  await setResponse(page, 'vault_status', status({ unlocked: true }));
  await setResponse(page, 'get_settings', settings);
  await page.getByLabel('Recovery code').fill(CODE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.deepEqual((await callsTo(page, 'unlock'))[1].args, { secret: { kind: 'recovery_code', value: CODE } });
});

test('after too many tries the screen says how long to wait and the button waits too', async () => {
  const page = await h.open({ vault_status: status({ failures: 6, retryAfterMs: 42000 }) });
  await page.getByText(/try again in 42 s/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Unlock' }).isDisabled(), true);
});

test('hide now (button or Ctrl+Shift+H) locks and shows a neutral screen', async () => {
  for (const how of ['button', 'keys']) {
    const page = await h.open({ vault_status: status({ unlocked: true }), get_settings: settings, lock: ok('lock') });
    await page.getByRole('heading', { name: 'Hello' }).waitFor();
    if (how === 'button') await page.getByRole('button', { name: 'Hide' }).click();
    else await page.keyboard.press('Control+Shift+H');
    await page.getByRole('heading', { name: 'Nothing new' }).waitFor();
    assert.equal((await callsTo(page, 'lock')).length, 1, how);
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, /intima|aftercare|partner|vault|passphrase/i, `${how}: the neutral screen is neutral`);
    assert.equal(await page.title(), 'Tend');
    assert.equal(await page.getByRole('button', { name: 'Settings' }).isVisible(), false);
  }
});

test('the core locking by itself brings back the unlock screen', async () => {
  const page = await h.open({ vault_status: status({ unlocked: true }), get_settings: settings });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await setResponse(page, 'vault_status', status());
  await page.evaluate(() => window.__TAURI__.event.emit('vault-locked'));
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
});

test('activity and a hidden window are reported to the core', async () => {
  const page = await h.open({
    vault_status: status({ unlocked: true }), get_settings: settings,
    report_activity: ok('report_activity'), report_visibility: ok('report_visibility'),
  });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await page.mouse.click(5, 300);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'report_visibility'));
  assert.equal((await callsTo(page, 'report_activity')).length, 1);
  assert.deepEqual((await callsTo(page, 'report_visibility'))[0].args, { hidden: true });
});

test('settings: saving sends the values and applies the theme; errors stay beside their card', async () => {
  const page = await h.open({
    vault_status: status({ unlocked: true }), get_settings: settings, save_settings: ok('save_settings'),
    export_backup: ok('export_backup'), exports_written: ok('exports_written', { backups: 1, readable: 1 }),
    wipe_everything: { error: { code: 'invalid', message: 'To wipe everything, type "wipe everything".' } },
  });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).first().click();
  const minutes = page.getByLabel('Lock after this many idle minutes');
  await page.waitForFunction(() => document.querySelector('#set-autolock')?.value === '5');
  await minutes.fill('10');
  await page.getByLabel('Theme').selectOption('light');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  const saved = (await callsTo(page, 'save_settings'))[0].args;
  assertSentShape(saved, request('save_settings'));
  assert.deepEqual(saved.settings, { ...reply('get_settings'), autoLockMinutes: 10, theme: 'light' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');

  // Quiet hours: shown as stored (22:00 to 08:00), changed, then off.
  assert.deepEqual(reply('get_settings').quietHours, { from: 22, until: 8 });
  assert.equal(await page.getByLabel(/No notifications at night/).isChecked(), true);
  assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '22');
  await page.getByLabel('Until', { exact: true }).selectOption('7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'save_settings').length === 2);
  assert.deepEqual((await callsTo(page, 'save_settings'))[1].args.settings.quietHours, { from: 22, until: 7 });
  await page.getByLabel(/No notifications at night/).uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'save_settings').length === 3);
  assert.equal((await callsTo(page, 'save_settings'))[2].args.settings.quietHours, null);

  await page.getByRole('button', { name: 'Save a backup' }).click();
  await page.getByText(`Saved to ${reply('export_backup')}`).waitFor();

  const exports = page.getByLabel(/Also delete what Tend saved to your Downloads folder: 1 readable copy \(not encrypted\) and 1 encrypted backup/);
  assert.equal(await exports.isChecked(), true, 'a readable copy left behind is offered for deletion');
  await page.getByLabel(/to confirm/).last().fill('yes');
  await page.getByRole('button', { name: 'Wipe everything' }).click();
  const alert = page.locator('[data-form="wipe"] [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /type "wipe everything"/);
  assert.deepEqual((await callsTo(page, 'wipe_everything'))[0].args, { confirmation: 'yes', removeExports: true });
});

test('a second window of Tend gets a clear message instead of a broken screen', async () => {
  const page = await h.open({ vault_status: { error: { code: 'in_use', message: 'Tend is already open in another window.' } } });
  await page.getByRole('heading', { name: 'Tend is already open' }).waitFor();
  assert.match(await page.locator('main').textContent(), /already open in another window/);
});

test('unlocking says "Opening…" at once while the key is stretched', async () => {
  const page = await h.open({ vault_status: status(), unlock: { ok: null, delay: 800 }, get_settings: settings });
  await page.getByLabel('Passphrase').fill('copper lantern orbit meadow');
  // In the same task as the tap, before any answer from Rust: no frame shows the old screen
  // (a wall-clock timeout here would measure this machine's load, not the screen).
  const atOnce = await page.evaluate(() => {
    const unlock = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Unlock');
    unlock.click();
    return { opening: document.body.textContent.includes('Opening…'), disabled: unlock.disabled };
  });
  assert.deepEqual(atOnce, { opening: true, disabled: true });
  await page.evaluate(() => { window.__responses.vault_status = { ok: { ...window.__responses.vault_status.ok, unlocked: true } }; });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
});

test('a locked Tend loads only the screens it can show; an open vault\'s load while the key is stretched', async () => {
  const page = await h.open({ vault_status: status(), unlock: { ok: null, delay: 5000 }, get_settings: settings });
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  const locked = await loaded();
  assert.ok(locked.includes('/js/views/unlock.js'), `loaded: ${locked}`);
  for (const later of ['/js/views/unlocked.js', '/js/views/home.js', '/js/views/now.js', '/js/widgets/calm-now.js']) {
    assert.ok(!locked.includes(later), `${later} is not loaded while locked`);
  }
  await page.getByLabel('Passphrase').fill('copper lantern orbit meadow');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/js/views/now.js')));
  assert.ok(await page.getByText('Opening…').isVisible(), 'loaded before the unlock answered');
  await page.evaluate(() => { window.__responses.vault_status = { ok: { ...window.__responses.vault_status.ok, unlocked: true } }; });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a vault changed outside Tend says so and offers to restore a backup, asking for its passphrase', async () => {
  const page = await h.open({
    vault_status: status(),
    unlock: { error: { code: 'damaged', message: 'This vault was changed outside Tend: records were removed, replaced or added. Nothing has been changed or deleted. If you saved an encrypted backup, you can restore it.' } },
    stage_backup: ok('stage_backup'), import_backup: ok('import_backup'),
  });
  await page.getByLabel('Passphrase').fill('copper lantern orbit meadow');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByRole('button', { name: 'Restore a backup' }).click();
  await page.getByRole('heading', { name: 'Restore a backup' }).waitFor();
  await page.getByLabel('Backup file').setInputFiles({ name: 'tend-backup.tend', mimeType: 'application/octet-stream', buffer: Buffer.from('SQLite format 3\0 and the rest') });
  await page.getByLabel('Your passphrase, for what Tend holds now').fill('copper lantern orbit meadow');
  await setResponse(page, 'vault_status', status({ unlocked: true }));
  await setResponse(page, 'get_settings', settings);
  await page.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  const staged = (await callsTo(page, 'stage_backup'))[0].args;
  assert.deepEqual(Object.keys(staged).length > 0, true, 'the file\'s bytes go first, alone');
  const restored = (await callsTo(page, 'import_backup'))[0].args;
  assertSentShape(restored, request('import_backup'));
  assert.deepEqual(restored, {
    current: { kind: 'passphrase', value: 'copper lantern orbit meadow' },
    backup: { kind: 'passphrase', value: 'copper lantern orbit meadow' },
  }, 'the backup\'s secret defaults to the same');
});

test('a new device restores from the welcome screen with the backup\'s own secret only', async () => {
  const page = await h.open({ vault_status: ok('vault_status'), stage_backup: ok('stage_backup'), import_backup: ok('import_backup') });
  await page.getByRole('button', { name: 'Restore a backup' }).click();
  assert.equal(await page.getByLabel('Your passphrase, for what Tend holds now').count(), 0, 'no vault here yet');
  await page.getByLabel('Backup file').setInputFiles({ name: 'b.tend', mimeType: 'application/octet-stream', buffer: Buffer.from('bytes') });
  await page.getByLabel('The backup’s passphrase or recovery code').fill(CODE);
  await page.getByLabel('That is a recovery code').check();
  await setResponse(page, 'vault_status', status({ unlocked: true }));
  await setResponse(page, 'get_settings', settings);
  await page.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.deepEqual((await callsTo(page, 'import_backup'))[0].args, { current: null, backup: { kind: 'recovery_code', value: CODE } });
});

test('after opening with the recovery code, a new passphrase is chosen before anything else', async () => {
  const page = await h.open({
    vault_status: status({ unlocked: true, passphraseNeeded: true }), get_settings: settings,
    assess_passphrase: ok('assess_passphrase'), choose_new_passphrase: ok('choose_new_passphrase'),
  });
  await page.getByRole('heading', { name: 'Choose a new passphrase' }).waitFor();
  await page.getByLabel('New passphrase', { exact: true }).fill('velvet harbour quietly sings');
  await page.getByLabel('The same again').fill('velvet harbour quietly sings');
  await setResponse(page, 'vault_status', status({ unlocked: true }));
  await page.getByRole('button', { name: 'Use this passphrase' }).click();
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  assert.deepEqual((await callsTo(page, 'choose_new_passphrase'))[0].args, { passphrase: 'velvet harbour quietly sings' });
});

test('a vault with no passphrase yet opens on the recovery code', async () => {
  const page = await h.open({ vault_status: status({ hasPassphrase: false }) });
  await page.getByLabel('Recovery code').waitFor();
  await page.getByText(/Open Tend with your recovery code this time/).waitFor();
});

test('settings: a new code and a backup each ask for a secret again', async () => {
  const page = await h.open({
    vault_status: status({ unlocked: true }), get_settings: settings,
    new_recovery_code: ok('new_recovery_code', { reason: 'replaced' }), export_backup: ok('export_backup'),
  });
  await page.getByRole('heading', { name: 'Hello' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await page.locator('[data-form="backup"]').getByLabel('Your passphrase').fill('copper lantern orbit meadow');
  await page.getByRole('button', { name: 'Save a backup' }).click();
  await page.getByText(`Saved to ${reply('export_backup')}`).waitFor();
  const backup = (await callsTo(page, 'export_backup'))[0].args;
  assertSentShape(backup, request('export_backup'));
  assert.deepEqual(backup, { secret: { kind: 'passphrase', value: 'copper lantern orbit meadow' } });
  await page.locator('[data-form="recovery"]').getByLabel('Your passphrase').fill('copper lantern orbit meadow');
  await page.getByRole('button', { name: 'Make a new recovery code' }).click();
  await page.getByRole('heading', { name: 'Your recovery code' }).waitFor();
  assert.match(await page.locator('main').textContent(), /replaces the old one/);
  const asked = (await callsTo(page, 'new_recovery_code'))[0].args;
  assertSentShape(asked, request('new_recovery_code'));
  assert.deepEqual(asked, { passphrase: 'copper lantern orbit meadow' });
});

test('after an upgrade the new recovery code says why it changed', async () => {
  const page = await h.open({ vault_status: status({ unlocked: true, recoveryPending: true }), get_settings: settings,
    pending_recovery_code: ok('pending_recovery_code', { reason: 'upgraded' }) });
  await page.getByRole('heading', { name: 'Your recovery code' }).waitFor();
  assert.match(await page.locator('main').textContent(), /the old one no longer opens Tend/);
});
