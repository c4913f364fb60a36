// A hard limit set in the real window holds in the suggestions that follow.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './webdriver.mjs';
import { checkLabel, clickButton, createVault, scratchEnv } from './flows.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'target', 'screenshots');
const { dir, env } = scratchEnv();
let app;
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('after setting "no touch" as a hard limit, no suggested card involves touch', async () => {
  app = await launch({ application: process.env.TEND_APP, env });
  await createVault(app);

  await clickButton(app, 'People', '.home-grid');
  await clickButton(app, 'Add a person');
  await app.type('input[name="name"]', 'Me');
  await checkLabel(app, 'This is me');
  await checkLabel(app, 'Touch', 'fieldset.limits');
  await app.execute('const s = document.querySelector("select[name=max_touch]"); s.value = "none"; s.dispatchEvent(new Event("change"));');
  await app.screenshot(join(shots, 'profile-limits.png'));
  await clickButton(app, 'Save');
  await app.waitFor('.people-list .person');

  await clickButton(app, 'Tend', '.topbar');
  await clickButton(app, 'Suggest a few rituals', '.home-grid');
  await app.waitFor('.suggest form');
  await clickButton(app, 'Suggest');
  await app.waitFor('.suggestions .reason');
  for (let round = 0; round < 4; round++) {
    const seen = await app.execute(`return [...document.querySelectorAll('.suggestions .ritual-card')]
      .map((c) => ({ category: c.dataset.category, meta: c.querySelector('.card-meta').textContent }));`);
    assert.equal(seen.length, 3, `round ${round}: three cards`);
    for (const c of seen) {
      assert.notEqual(c.category, 'touch', `round ${round}: ${JSON.stringify(c)}`);
      assert.match(c.meta, /No touch/, `round ${round}: ${JSON.stringify(c)}`);
    }
    if (round === 0) await app.screenshot(join(shots, 'suggestions.png'));
    await clickButton(app, 'Another one', '.suggestions');
    await app.waitUntil(`return document.querySelectorAll('.suggestions .ritual-card').length === 3`);
  }
});
