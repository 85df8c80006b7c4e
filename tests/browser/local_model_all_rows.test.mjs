// The in-browser classifier trained on every labelled row of the file outside the split's validation and
// test rows: the count shown before anything is read, the file read again, the model learnt from exactly
// that many rows and scored on the test rows; after a reload, the page says the file must be opened again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openApp, scoreBesideBaseline, screenshot, scrollToItem, settled, siteAndBrowser, state,
} from './harness.mjs';

const env = siteAndBrowser();

// The demo data, dropped on the page as a person's own file (the demo itself is fetched again after a reload).
async function dropDemoAs(page, name) {
  await page.evaluate(async (fileName) => {
    const text = await (await fetch('demo/cfpb-demo-synthetic.csv')).text();
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], fileName, { type: 'text/csv' }));
    const canvas = document.getElementById('canvas');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      canvas.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, clientX: 600, clientY: 400 }));
    }
  }, name);
  await page.waitForFunction((fileName) => window.tuneboard.state().dataset?.name === fileName, name);
  await settled(page);
}

const everyRowLabel = (rows) => `every labelled row outside validation and test (${rows.toLocaleString('en-US')})`;

test('every labelled row outside validation and test: counted first, read again, learnt from, scored', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await dropDemoAs(page, 'complaints.csv');
  const { dataset, split } = await state(page);
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  const before = (await state(page)).localModel.allRows;
  assert.equal(before.on, false);
  assert.equal(before.unavailable, '');
  // Every eligible row of the split's classes but the 200 held out: fewer than the file's rows with a text
  // (other products, duplicates), far more than the split's 100 training rows.
  assert.ok(before.rows > 1000 && before.rows < dataset.rowsWithText - 200, `${before.rows} of ${dataset.rowsWithText}`);
  assert.equal(before.sampled, false);
  await clickItem(page, "the split's 100 training rows");
  await clickItem(page, everyRowLabel(before.rows));
  await page.waitForFunction(() => window.tuneboard.state().localModel.allRows.on);
  await clickItem(page, 'Also try word pairs');  // words alone: five settings, a quicker test
  await page.waitForFunction(() => window.tuneboard.state().localModel.linearSettings.ngrams.length === 1);
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'ready', null, { timeout: 120000 });
  const local = (await state(page)).localModel;
  assert.equal(local.error, '');
  assert.equal(local.model.allRows, true);
  assert.equal(local.model.trainRows, before.rows);
  assert.equal(local.learningCurve.at(-1).rows, before.rows, 'the learning curve ends at every row');
  assert.match(local.model.name, new RegExp(` · every labelled row \\(${before.rows.toLocaleString('en-US')}\\)$`));
  await scrollToItem(page, 'Download model');
  await screenshot(page, 'local-linear-all-rows');

  const { ours, baseline } = await scoreBesideBaseline(page, local.model.candidate);
  assert.equal(ours.rows, split.test.length);
  assert.ok(ours.accuracy > baseline.accuracy + 0.3, `${ours.accuracy} against the baseline's ${baseline.accuracy}`);
  console.log(`every labelled row: ${before.rows} training rows, test accuracy ${ours.accuracy} (baseline ` +
    `${baseline.accuracy}), ${local.model.name}, trained in ${local.model.seconds.toFixed(2)} s`);

  // After a reload the page keeps only the split's rows: the choice stays, and says the file is needed.
  await page.reload();
  await page.waitForFunction(() => window.tuneboard?.frames() > 0);
  await settled(page);
  await page.waitForFunction(() => window.tuneboard.state().localModel.weights === 'saved');
  const reloaded = (await state(page)).localModel.allRows;
  assert.equal(reloaded.on, true);
  assert.equal(reloaded.unavailable,
    "Open complaints.csv again to learn from every labelled row: after a reload the page keeps only the split's rows.");
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction((why) => window.tuneboard.state().status.text === why, reloaded.unavailable);
  assert.equal((await state(page)).localModel.phase, 'ready', 'the model in hand stays');
  await screenshot(page, 'local-linear-all-rows-reloaded');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
