// "Only me" in the real window, answering beside each other (no passing of the device):
// a partner's reflection kept just for them is withheld from the owner's history.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launch } from './webdriver.mjs';
import { checkLabel, clickButton, createVault, scratchEnv } from './flows.mjs';

const { dir, env } = scratchEnv();
let app;
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function addPerson(name, isMe) {
  await clickButton(app, 'Add a person');
  await app.type('input[name="name"]', name);
  if (isMe) await checkLabel(app, 'This is me');
  await clickButton(app, 'Save');
  await app.waitUntil(`return [...document.querySelectorAll('.people-list .person')].some((b) => b.textContent.startsWith(${JSON.stringify(name)}))`);
}

test('answering beside each other, a partner\u2019s reflection kept just for them stays theirs', async () => {
  app = await launch({ application: process.env.TEND_APP, env });
  await createVault(app);
  await clickButton(app, 'People', '.home-grid');
  await addPerson('Robin', true);
  await addPerson('Sam', false);
  await clickButton(app, 'Tend', '.topbar');
  await app.click('.now-button');
  await app.waitFor('.now form');
  await checkLabel(app, 'Sam');
  await clickButton(app, 'Start');
  // Skip both check-ins and the cards, then reflect.
  await clickButton(app, 'Skip');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent.startsWith("Sam")');
  await clickButton(app, 'Skip');
  await clickButton(app, 'Close the session');
  await clickButton(app, 'Reflect now');
  await app.waitFor('textarea[name="felt_good"]');
  await app.type('textarea[name="felt_good"]', 'Being held');
  await checkLabel(app, 'Everyone here');
  await clickButton(app, 'Save');
  await app.waitUntil('return document.querySelector("#now-title")?.textContent.startsWith("Sam")');
  // Sam's default is "only me, not kept"; he answers that a limit was crossed.
  assert.equal(await app.execute('return document.querySelector(".privacy input:checked").value'), 'not_kept');
  await app.click('input[name="uncomfortable"][value="yes"]');
  await app.type('textarea[name="uncomfortable_note"]', 'A LIMIT WAS CROSSED');
  await clickButton(app, 'Save');
  await app.waitFor('.follow-ups li');
  await clickButton(app, 'Home');
  await clickButton(app, 'History', '.home-grid');
  await app.click('.history-list .history-item');
  await app.waitFor('.session-detail .reflection');
  const asOwner = await app.text('.session-detail');
  assert.match(asOwner, /Being held/);
  assert.doesNotMatch(asOwner, /A LIMIT WAS CROSSED|Anything uncomfortable: yes/);
  assert.match(asOwner, /Sam kept an answer private\./);
});
