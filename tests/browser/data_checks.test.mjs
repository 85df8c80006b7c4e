// What the Data step must say plainly: a header without the columns it needs, a split smaller than asked;
// and settings that cannot act (a split restored without its file) are locked, not silently ignored.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { animationFrames, clickItem, openApp, screenshot, settled, siteAndBrowser, state } from './harness.mjs';

const env = siteAndBrowser();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tuneboard-data-checks-'));

function writeCsv(name, lines) {
  const filePath = path.join(scratch, name);
  writeFileSync(filePath, lines.join('\n') + '\n');
  return filePath;
}

async function open(page, filePath) {
  await page.locator('input[type=file]').setInputFiles(filePath);
  const name = path.basename(filePath);
  await page.waitForFunction((wanted) => window.tuneboard.state().dataset?.name === wanted && !window.tuneboard.state().reading,
    name);
}

test('a header without the text and label columns says so, naming its own columns', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const lines = ['id,body,category'];
  for (let i = 0; i < 30; i++) lines.push(`${i},text number ${i},${i % 2 ? 'A' : 'B'}`);
  await open(page, writeCsv('other.csv', lines));
  const { status, split } = await state(page);
  assert.equal(split?.test.length ?? 0, 0);  // no split until the columns are picked
  assert.equal(status.level, 'error');
  assert.equal(status.text, 'other.csv: Its header has no column named "Consumer complaint narrative" for the text nor ' +
    '"Product" for the label (its columns: id, body, category). Pick the columns that hold the text and its label in ' +
    'the Data step.');
  await screenshot(page, 'data-missing-columns');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a split smaller than asked says so with its sizes, and a restored split is locked until the file is back', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  // Three classes, one with 30 rows: 100 / 100 / 100 balanced over them cannot be met.
  const lines = ['Product,Consumer complaint narrative'];
  for (const [product, count] of [['Mortgage', 200], ['Debt collection', 200], ['Student loan', 30]]) {
    for (let i = 0; i < count; i++) lines.push(`${product},complaint ${i} about a ${product.toLowerCase()} and more words`);
  }
  await open(page, writeCsv('short.csv', lines));
  const { split, status } = await state(page);
  const sizes = `${split.train.length} / ${split.validation.length} / ${split.test.length}`;
  assert.ok(split.test.length < 100, `the split has ${sizes} rows`);
  const warning = `The split has ${sizes} rows, not the 100 / 100 / 100 asked: some classes have too few rows. ` +
    'Ask for fewer rows or fewer classes.';
  assert.equal(split.warnings[0], warning);
  assert.equal(status.level, 'error');
  assert.ok(status.text.includes(warning), status.text);
  await screenshot(page, 'data-split-smaller');

  // After a reload the split is restored without its file: its settings can no longer act, so they are
  // locked (before, New seed went on to ask for the file in the status line, the split unchanged).
  await page.reload();
  await settled(page);
  assert.equal((await state(page)).dataset.name, 'short.csv');
  const before = await state(page);
  await clickItem(page, 'New seed');
  await animationFrames(page, 10);
  const after = await state(page);
  assert.deepEqual(after.status, before.status);
  assert.equal(after.split.seed, 1);
  assert.equal(after.reading, false);
  await screenshot(page, 'data-restored-locked');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
