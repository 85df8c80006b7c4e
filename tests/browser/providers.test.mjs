// Providers: a profile pointed at the fake OpenAI-compatible server, its models listed; a bad key's
// guidance; and the key kept out of storage, state and console unless the person opts in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  clickItem, launchBrowser, openApp, pasteKey as pasteKeyFor, screenshot, settled, startFakeProvider, startSite, state,
} from './harness.mjs';

const GOOD_KEY = 'sk-fake-good-4f1c9e';
const BAD_KEY = 'sk-fake-wrong-77aa01';
let site;
let fake;
let browser;
before(async () => {
  site = await startSite();
  fake = await startFakeProvider([GOOD_KEY]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  fake?.stop();
  site?.stop();
});

const profile = async (page, id) => (await state(page)).providers.profiles.find((p) => p.id === id);

async function fakeRequests() {
  return (await (await fetch(`${fake.url}/__fake/requests`)).json()).requests;
}

// Opens the app with a link that preselects the custom profile at the fake's address.
async function openAtFake(contextOptions = {}) {
  const page = await openApp(browser, `${site.url}#provider=custom&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'], ...contextOptions });
  await settled(page);
  const consoleText = [];
  page.on('console', (message) => consoleText.push(message.text()));
  page.consoleText = consoleText;
  return page;
}

const pasteKey = (page, key) => pasteKeyFor(page, 'custom', key);

async function testConnection(page) {
  await clickItem(page, 'Test connection');
  await page.waitForFunction(() => {
    const test = window.tuneboard.state().providers.profiles.find((p) => p.id === 'custom').test;
    return test && (test.phase === 'ok' || test.phase === 'failed');
  });
  return (await profile(page, 'custom')).test;
}

test('a link preselects the provider; a pasted key tests the connection and lists the models', async () => {
  const page = await openAtFake();
  const providers = (await state(page)).providers;
  assert.equal(providers.selected, 'custom');
  assert.equal(providers.open, true);
  assert.equal((await profile(page, 'custom')).baseUrl, fake.url + '/v1');

  await pasteKey(page, GOOD_KEY);
  const result = await testConnection(page);
  assert.equal(result.phase, 'ok', result.error);
  assert.deepEqual(result.models.map((m) => m.id),
    ['gpt-4o-mini-2024-07-18', 'gpt-4.1-mini-2025-04-14', 'tuneboard-fake-small']);
  assert.equal(result.models[0].shutdownDate, '2027-01-14');
  assert.equal(result.models[1].shutdownDate, null);
  const sent = (await fakeRequests()).filter((r) => r.path === '/v1/models' && r.authorised);
  assert.ok(sent.length >= 1);
  await screenshot(page, 'providers-models');

  // The key is in none of: storage, the state, the page's URL, what was logged.
  const everywhere = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage },
    state: window.tuneboard.state(), url: location.href }));
  assert.equal(everywhere.includes(GOOD_KEY), false);
  assert.equal(page.consoleText.some((text) => text.includes(GOOD_KEY)), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a bad key shows the provider\'s 401 with plain guidance', async () => {
  const page = await openAtFake();
  await pasteKey(page, BAD_KEY);
  const result = await testConnection(page);
  assert.equal(result.phase, 'failed');
  assert.match(result.error, /^HTTP 401: Incorrect API key provided/);
  assert.match(result.error, /request req_fake_\d+/);
  assert.match(result.error, /key was refused/);
  assert.match((await state(page)).status.text, /HTTP 401/);
  await screenshot(page, 'providers-bad-key');
  await page.context().close();
});

test('"Remember on this device" keeps the key over a reload, and Forget wipes it', async () => {
  const page = await openAtFake();
  await pasteKey(page, GOOD_KEY);
  await clickItem(page, 'Remember on this device');
  await page.waitForFunction((key) => Object.values({ ...localStorage }).includes(key), GOOD_KEY);

  await page.reload();
  await page.waitForFunction(() => window.tuneboard?.state().providers.profiles.find((p) => p.id === 'custom').hasKey);
  assert.equal((await profile(page, 'custom')).rememberKey, true);
  assert.equal((await testConnection(page)).phase, 'ok');

  await clickItem(page, 'Forget');
  await page.waitForFunction(() => !window.tuneboard.state().providers.profiles.find((p) => p.id === 'custom').hasKey);
  assert.equal(await page.evaluate((key) => JSON.stringify({ ...localStorage }).includes(key), GOOD_KEY), false);
  assert.equal((await profile(page, 'custom')).rememberKey, false);
  await page.context().close();
});

test('a 503 and a 429 with retry-after-ms are retried, and the list still arrives', async () => {
  await fetch(`${fake.url}/__fake/faults`, {
    method: 'POST',
    body: JSON.stringify({ path: '/v1/models', faults: [{ status: 503 }, { status: 429, headers: { 'retry-after-ms': '150' } }] }),
  });
  const before = (await fakeRequests()).length;
  const page = await openAtFake();
  await pasteKey(page, GOOD_KEY);
  const result = await testConnection(page);
  assert.equal(result.phase, 'ok', result.error);
  const sent = (await fakeRequests()).slice(before).filter((r) => r.path === '/v1/models');
  assert.deepEqual(sent.map((r) => r.fault), [503, 429, null]);
  assert.deepEqual(page.problems.filter((p) => !/status of (503|429)/.test(p)), []);
  await page.context().close();
});

test('no answer at all names the network, the base URL or CORS, with the local servers\' flags', async () => {
  // A port nothing listens on: the browser gets no HTTP answer, as with a server that refuses CORS.
  const page = await openApp(browser, `${site.url}#provider=ollama&base=${encodeURIComponent('http://127.0.0.1:9/v1')}`);
  await settled(page);
  await clickItem(page, 'Test connection');
  await page.waitForFunction(() => window.tuneboard.state().providers.profiles.find((p) => p.id === 'ollama').test?.phase === 'failed',
    null, { timeout: 60000 });
  const { error } = (await profile(page, 'ollama')).test;
  assert.match(error, /No answer from the server/);
  assert.match(error, /CORS/);
  assert.match(error, /OLLAMA_ORIGINS/);
  await page.context().close();
});
