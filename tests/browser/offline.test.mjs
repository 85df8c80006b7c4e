// The self-contained page works opened straight from disk.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { frames, launchBrowser, openApp, root, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('tuneboard-offline.html opened from disk draws the app', async () => {
  const url = pathToFileURL(path.join(root, 'build', 'web', 'tuneboard-offline.html')).href;
  const page = await openApp(browser, url);
  assert.ok(await frames(page) > 0);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await screenshot(page, 'offline-first-frame');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
