// Results belong to the split they were computed on: a new seed puts them aside (nothing is shown against
// the new rows, nothing is asked for them), and switching back brings them back, after a reload too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openApp, pasteKey, scrollToItem, settled, siteAndBrowser, startFakeProvider, state, typeInto,
} from './harness.mjs';

const KEY = 'sk-fake-split-results-7c1';
const MODEL = 'gpt-4o-mini-2024-07-18';
const env = siteAndBrowser();
const chats = async (fake) => (await (await fetch(`${fake.url}/__fake/requests`)).json()).requests
  .filter((entry) => entry.path === '/v1/chat/completions');

test('a new seed puts the results aside; switching back shows them again, also after a reload', async (t) => {
  const fake = await startFakeProvider([KEY]);
  t.after(() => fake.stop());
  const page = await openApp(env.browser, `${env.site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'] });
  await settled(page);
  await pasteKey(page, 'openai', KEY);
  await clickItem(page, 'Providers');
  const firstSplit = (await state(page)).split;

  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Model', MODEL);
  await clickItem(page, 'Add candidate');
  await clickItem(page, 'Run all');
  await page.waitForFunction(() => {
    const [e] = window.tuneboard.state().evaluations;
    return e && e.done === 100 && e.phase === 'idle';
  }, null, { timeout: 120000 });
  const before = (await state(page)).evaluations[0];
  const firstId = (await state(page)).splitResults.current.id;
  const asked = (await chats(fake)).length;

  // A new seed: other test rows. Before results had splits, the candidate stayed, showing its old
  // answers to whichever new test rows they happened to cover.
  await clickItem(page, 'Data');
  await clickItem(page, 'New seed');
  await page.waitForFunction(() => window.tuneboard.state().split?.seed === 2 && !window.tuneboard.state().reading);
  let now = await state(page);
  assert.notDeepEqual(now.split.test, firstSplit.test);
  assert.deepEqual(now.evaluations, []);
  assert.notEqual(now.splitResults.current.id, firstId);
  assert.equal(now.splitResults.others.length, 1);
  assert.equal(now.splitResults.others[0].id, firstId);
  assert.equal(now.splitResults.others[0].answers, 100);
  assert.match(now.splitResults.others[0].description, /^seed 1 · 100 \/ 100 \/ 100 rows · 6 classes$/);
  assert.equal(now.compare, null);

  // Listed in Evaluate, and switched back to with a click: the same split, the same results.
  await clickItem(page, 'Evaluate');
  await scrollToItem(page, 'Switch to this split');
  await clickItem(page, 'Switch to this split');
  await page.waitForFunction(() => window.tuneboard.state().split?.seed === 1 && !window.tuneboard.state().reading &&
    window.tuneboard.state().evaluations.length === 1);
  now = await state(page);
  assert.deepEqual(now.split.test, firstSplit.test);
  assert.equal(now.splitResults.current.id, firstId);
  assert.equal(now.evaluations[0].done, 100);
  assert.equal(now.evaluations[0].correct, before.correct);
  assert.equal(now.evaluations[0].accuracy, before.accuracy);
  assert.equal((await chats(fake)).length, asked, 'nothing may be asked without the person asking');

  // A split with no results is not listed; after a reload the results are still the split's.
  assert.equal(now.splitResults.others.length, 0);
  await page.reload();
  await settled(page);
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 1);
  now = await state(page);
  assert.equal(now.splitResults.current.id, firstId);
  assert.equal(now.evaluations[0].done, 100);
  assert.equal(now.evaluations[0].correct, before.correct);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
