// A profile passed between devices: "Share my profile" (a QR code, then a sealed text code
// on request) and "Add from a shared profile" (paste, picture or scan; a preview that says
// exactly what will be saved, and what changes; nothing saved without a yes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { assertSentShape, ok, reply, request } from './contract.mjs';

const [robin, sam] = reply('list_profiles');
const cards = reply('list_cards');
const base = {
  vault_status: ok('vault_status', { exists: true, unlocked: true }), get_settings: ok('get_settings'),
  open_session: { ok: null }, current_timer: { ok: null }, due_follow_ups: { ok: [] }, history: { ok: [] },
  list_cards: { ok: cards }, list_profiles: { ok: [robin, sam] },
  space_info: ok('space_info', { exists: false, answers: 0 }),
};
const preview = reply('preview_share');
const imported = reply('import_share');

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const people = async (page) => {
  await page.locator('.home-grid').getByRole('button', { name: 'People' }).click();
  await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
};
const sent = async (page, cmd) => (await page.calls()).filter((c) => c.cmd === cmd);

test('my profile is shown as a QR code at once, and as a sealed text code with its phrase on request', async () => {
  const page = await h.open({ ...base, share_profile: ok('share_profile'),
    share_text_code: { ...ok('share_text_code'), delay: 300 } });
  await people(page);
  await page.locator('.people-list .person', { hasText: 'Robin' }).click();
  await page.getByRole('button', { name: 'Share my profile' }).click();
  await page.getByRole('heading', { name: 'Share my profile', level: 1 }).waitFor();
  const qr = page.getByRole('img', { name: 'A QR code of your profile' });
  await qr.waitFor();
  assert.equal(await qr.locator('path').getAttribute('d'), reply('share_profile').path);
  const size = reply('share_profile').size;
  assert.equal(await qr.getAttribute('viewBox'), `0 0 ${size} ${size}`);
  assert.deepEqual((await sent(page, 'share_profile')).map((c) => c.args), [{ id: robin.id }]);
  assert.doesNotMatch(await page.locator('.share').textContent(), /null|undefined|stay here/);
  assert.equal((await sent(page, 'share_text_code')).length, 0, 'no text code until asked');

  await page.getByRole('button', { name: 'Send it as a text code instead' }).click();
  // The key derivation takes a moment: the screen says so at once.
  await page.getByText('Sealing the code…').waitFor();
  const code = page.getByLabel('The code');
  await code.waitFor();
  assert.equal(await code.inputValue(), reply('share_text_code').code);
  await page.getByText(reply('share_text_code').phrase, { exact: true }).waitFor();
  await page.getByText(/It is sealed: it opens only with the phrase below, so say the phrase aloud, or send it another way than the code\./).waitFor();
  assert.equal(await qr.isVisible(), false, 'the QR code makes room for the phrase');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'share-code');
  assert.doesNotMatch(await page.locator('.share').textContent(), /null|undefined/);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Robin', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('only my own profile offers sharing; a shared one says whose limits stay', async () => {
  const theirs = { ...sam, sharedLimits: { cards: [], categories: ['conversation'], maxTouch: null, items: [] } };
  const page = await h.open({ ...base, list_profiles: { ok: [robin, theirs] } });
  await people(page);
  await page.locator('.people-list .person', { hasText: 'Sam' }).click();
  await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Share my profile' }).count(), 0);
  await page.getByText(/Sam shared this profile from their device\. The hard limits they set stay as they are/).waitFor();
  const box = page.getByRole('checkbox', { name: 'Conversation' });
  assert.equal(await box.isChecked(), true);
  assert.equal(await box.isDisabled(), true, 'their own limit cannot be unticked here');
});

test('a pasted code and phrase show exactly what will be saved, and saving needs a yes', async () => {
  const page = await h.open({ ...base, preview_share: { ok: preview, delay: 200 }, import_share: { ok: imported } });
  await people(page);
  await page.getByRole('button', { name: 'Add from a shared profile' }).click();
  await page.getByRole('heading', { name: 'Add from a shared profile', level: 1 }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Scan a QR code' }).count(), 0, 'no camera on a desktop');
  await page.getByLabel('A text code').fill('  tend:abc\n');
  await page.getByLabel('Its phrase (ten letters and digits)').fill('7kq4m d9tx2');
  await page.getByRole('button', { name: 'Read the code' }).click();
  await page.getByText('Reading the code…').waitFor();
  await page.getByRole('heading', { name: `${preview.profile.name}’s profile`, level: 1 }).waitFor();
  const [call] = await sent(page, 'preview_share');
  assert.deepEqual(call.args, { code: '  tend:abc\n', phrase: '7kq4m d9tx2' });
  assertSentShape(call.args, request('preview_share'));
  await page.getByText('This is exactly what will be saved. Their hard limits stay as they set them.').waitFor();
  const shown = await page.locator('.profile-card-body').textContent();
  assert.match(shown, new RegExp(preview.profile.helps.replace(/[.]/g, '\\.')));
  assert.match(shown, /Anything that needsice/);
  assert.equal((await sent(page, 'import_share')).length, 0, 'nothing saved before the yes');

  await page.getByRole('button', { name: `Save ${preview.profile.name}’s profile` }).click();
  await page.getByRole('heading', { name: imported.name, level: 1 }).waitFor();
  const [save] = await sent(page, 'import_share');
  assert.deepEqual(save.args, { code: preview.code });
  assertSentShape(save.args, request('import_share'));
});

test('a code that cannot be read says why, keeps what was typed, and saves nothing', async () => {
  const page = await h.open({ ...base,
    preview_share: { error: { code: 'invalid', message: 'That phrase does not open this code. Checking it with the person who shared it may help.' } } });
  await people(page);
  await page.getByRole('button', { name: 'Add from a shared profile' }).click();
  await page.getByLabel('A text code').fill('TEND:ABC');
  await page.getByLabel('Its phrase (ten letters and digits)').fill('00000-00000');
  await page.getByRole('button', { name: 'Read the code' }).click();
  await page.getByRole('alert').getByText(/That phrase does not open this code/).waitFor();
  assert.equal(await page.getByLabel('A text code').inputValue(), 'TEND:ABC');
  assert.equal(await page.getByRole('button', { name: 'Read the code' }).isDisabled(), false);
  assert.equal((await sent(page, 'import_share')).length, 0);
});

test('a later share from the same person shows what changes before replacing', async () => {
  const before = { ...imported, helps: 'Tea first.', needs: ['water'], hardLimits: { ...imported.hardLimits, items: ['ice', 'candles'] } };
  const after = { ...preview.profile, hardLimits: { ...preview.profile.hardLimits, items: ['candles'] } };
  const page = await h.open({ ...base, preview_share: { ok: { ...preview, before, profile: after } } });
  await people(page);
  await page.getByRole('button', { name: 'Add from a shared profile' }).click();
  await page.getByLabel('A text code').fill('TEND:ABC');
  await page.getByRole('button', { name: 'Read the code' }).click();
  await page.getByRole('heading', { name: `An update from ${after.name}`, level: 1 }).waitFor();
  await page.getByText(`This replaces what is saved for ${before.name}.`, { exact: false }).waitFor();
  const changes = await page.getByRole('region', { name: 'What changes' }).textContent();
  assert.match(changes, /What helps themBefore: Tea first\.Now: /);
  assert.match(changes, /Likes to haveBefore: WaterNow: Water, Warmth/);
  assert.match(changes, /Hard limitsBefore: anything that needs ice, anything that needs candlesNow: anything that needs candles/);
  assert.doesNotMatch(changes, /Name|Talking/, 'only what differs');
  await page.getByRole('heading', { name: 'As it will be saved' }).waitFor();
});

test('a picture of a QR code is read by Rust, then previewed', async () => {
  const page = await h.open({ ...base, read_share_picture: ok('read_share_picture'),
    preview_share: { ok: preview } });
  await people(page);
  await page.getByRole('button', { name: 'Add from a shared profile' }).click();
  await page.getByLabel('Or open a picture of a QR code').setInputFiles({ name: 'code.png', mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) });
  await page.getByRole('heading', { name: `${preview.profile.name}’s profile`, level: 1 }).waitFor();
  const [picture] = await sent(page, 'read_share_picture');
  assert.deepEqual(Object.values(picture.args).slice(0, 4), [0x89, 0x50, 0x4e, 0x47]);
  const [call] = await sent(page, 'preview_share');
  assert.deepEqual(call.args, { code: reply('read_share_picture'), phrase: null });
});

test('on a phone, scanning asks for the camera only when tapped, and a "no" leaves the other ways', async () => {
  const scanning = { 'plugin:barcode-scanner|check_permissions': { ok: { camera: 'prompt' } },
    'plugin:barcode-scanner|request_permissions': { ok: { camera: 'granted' } },
    'plugin:barcode-scanner|scan': { ok: { content: 'TEND:SCANNED', format: 'QR_CODE' } } };
  const phone = async (answers) => {
    const page = await h.open({ ...base, ...answers, preview_share: { ok: preview } });
    await page.evaluate(() => { window.__TAURI__.barcodeScanner = {}; });
    await people(page);
    await page.getByRole('button', { name: 'Add from a shared profile' }).click();
    return page;
  };
  const page = await phone(scanning);
  assert.equal((await page.calls()).filter((c) => c.cmd.startsWith('plugin:')).length, 0, 'nothing asked on opening');
  await page.getByRole('button', { name: 'Scan a QR code' }).click();
  await page.getByRole('heading', { name: `${preview.profile.name}’s profile`, level: 1 }).waitFor();
  const asked = (await page.calls()).filter((c) => c.cmd.startsWith('plugin:')).map((c) => c.cmd);
  assert.deepEqual(asked, ['plugin:barcode-scanner|check_permissions', 'plugin:barcode-scanner|request_permissions',
    'plugin:barcode-scanner|scan']);
  const [scan] = await sent(page, 'plugin:barcode-scanner|scan');
  assert.deepEqual(scan.args.formats, ['QR_CODE']);
  assert.deepEqual((await sent(page, 'preview_share'))[0].args, { code: 'TEND:SCANNED', phrase: null });

  const denied = await phone({ ...scanning, 'plugin:barcode-scanner|request_permissions': { ok: { camera: 'denied' } } });
  await denied.getByRole('button', { name: 'Scan a QR code' }).click();
  await denied.getByRole('alert').getByText(/Tend may not use the camera\. Pasting the text code or opening a picture/).waitFor();
  assert.equal((await sent(denied, 'plugin:barcode-scanner|scan')).length, 0);
  await denied.getByLabel('A text code').waitFor();
});
