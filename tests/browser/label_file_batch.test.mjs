// "Label the file" with a provider's chat model through its Batch API, on the demo data against the fake:
// the file's rows sent as a batch of the very requests the live path sends, its create answered with a 500
// (the batch is found by its client id, never made twice), the page reloaded while the batch runs (watched
// again from its saved record), and once it is done the file written again with the batch's answers by row.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  clickItem, fakeRequests, item, launchBrowser, openAtFake as openAtFakeServer, openAtFakeWithPicker, parseCsv,
  pickedFileText, screenshot, scrollToItem, settled, startFakeProvider, startSite, state, typeInto,
} from './harness.mjs';

const KEY = 'sk-fake-label-batch-7a21';
const MINI = 'gpt-4o-mini-2024-07-18';  // answers through the JSON schema

let site;
let browser;
const fakes = [];
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  site?.stop();
  for (const fake of fakes) fake.stop();
});

async function startFake() {
  const fake = await startFakeProvider([KEY]);
  fakes.push(fake);
  return fake;
}

const openAtFake = (fake, page) =>
  (page ? openAtFakeServer(browser, site, fake, KEY, page) : openAtFakeWithPicker(browser, site, fake, KEY));

// A page at `fake` with one zero-shot candidate chosen to label the file, its batches looked at every
// `checkSeconds`; the candidate's name.
async function chooseBatchLabeller(page, checkSeconds) {
  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Model', MINI);
  await clickItem(page, 'Add candidate');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 1);
  await typeInto(page, 'Check batches every (s)', String(checkSeconds));
  const { name } = (await state(page)).evaluations[0];
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Labelled by');
  await clickItem(page, 'Labelled by');
  await clickItem(page, `${name} · Batch API`);
  await page.waitForFunction(() => window.tuneboard.state().labelFile.source !== '');
  return name;
}

test('Label the file through Batch: four batches, one create unanswered, watched across a reload, written by row', async () => {
  const fake = await startFake();
  let page = await openAtFake(fake);
  const name = await chooseBatchLabeller(page, 1);
  const ready = (await state(page)).labelFile;
  assert.equal(ready.unavailable, '');
  assert.equal(ready.model, name);
  // 3,009 rows with a text at 1,000 a batch: four input files, each uploaded before the next is read.
  await scrollToItem(page, 'Rows per batch');
  await typeInto(page, 'Rows per batch', '1000');
  await page.waitForFunction(() => window.tuneboard.state().labelFile.rowsPerBatch === 1000);
  await scrollToItem(page, 'Send the file as batches…');
  await screenshot(page, 'label-batch-ready');
  // The provider makes the batch but its answer to the create is a 500: the page must find it by its
  // client id rather than make (and pay for) another.
  await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({
    path: '/v1/batches', faults: [{ after: true, status: 500 }] }) });
  await clickItem(page, 'Send the file as batches…');
  await clickItem(page, 'Send them');
  await page.waitForFunction(() => {
    const job = window.tuneboard.state().labelFile.batch;
    return job && job.allSent && job.parts.some((part) => part.status === 'in_progress');
  }, null, { timeout: 120000 });
  const sent = (await state(page)).labelFile.batch;
  assert.deepEqual(sent.parts.map((part) => part.rows), [1000, 1000, 1000, sent.asked - 3000]);
  const fileRows = (await state(page)).labelFile.fileRows;
  await scrollToItem(page, 'Cancel the batches…');
  await screenshot(page, 'label-batch-running');

  await page.reload();
  await settled(page);
  page = await openAtFake(fake, page);  // the key lives in memory only: the batch waits for it
  await page.waitForFunction(() => window.tuneboard.state().labelFile.batch?.done, null, { timeout: 120000 });
  const done = (await state(page)).labelFile.batch;
  assert.equal(done.answered, sent.asked, JSON.stringify(done));
  assert.equal(done.unanswered, 0);

  const log = await fakeRequests(fake);
  const creates = log.filter((entry) => entry.method === 'POST' && entry.path === '/v1/batches');
  assert.equal(creates.length, 4, 'a create was sent again instead of finding the batch it made');
  assert.equal(log.filter((entry) => entry.path === '/v1/chat/completions').length, 0, 'a row was asked live');

  // The batches' own output files, as the provider keeps them: each row's answer by custom_id.
  const headers = { Authorization: `Bearer ${KEY}` };
  const batches = (await (await fetch(`${fake.url}/v1/batches`, { headers })).json()).data;
  assert.equal(batches.length, 4);
  assert.equal(batches.reduce((n, batch) => n + batch.request_counts.total, 0), sent.asked);
  const answerOf = new Map();
  for (const batch of batches) {
    const output = await (await fetch(`${fake.url}/v1/files/${batch.output_file_id}/content`, { headers })).text();
    for (const line of output.trim().split('\n')) {
      const parsed = JSON.parse(line);
      answerOf.set(parsed.custom_id, JSON.parse(parsed.response.body.choices[0].message.content).label);
    }
  }
  assert.equal(answerOf.size, sent.asked);

  // A reload keeps only the split's rows: the file is opened again, as the section asks.
  assert.match((await state(page)).labelFile.unavailable, /^Open cfpb-demo-synthetic\.csv \(3\.\d MB, the file the batches asked about\) again/);
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Write the labelled file…');
  await screenshot(page, 'label-batch-reopen');
  await clickItem(page, 'Data');
  await clickItem(page, 'Load demo data');
  await page.waitForFunction(() => window.tuneboard.state().labelFile.unavailable === '', null, { timeout: 60000 });
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Write the labelled file…');
  await screenshot(page, 'label-batch-done');
  await clickItem(page, 'Write the labelled file…');
  await page.waitForFunction(() => {
    const { phase, output } = window.tuneboard.state().labelFile;
    return phase === 'failed' || (phase === 'done' && output !== '');
  }, null, { timeout: 120000 });
  const written = (await state(page)).labelFile;
  assert.equal(written.phase, 'done', written.message);
  const text = await pickedFileText(page);
  const demo = parseCsv(await page.evaluate(async () => (await fetch('demo/cfpb-demo-synthetic.csv')).text()))
    .filter((row) => row.length > 1 || row[0] !== '');
  const out = parseCsv(text).filter((row) => row.length > 1 || row[0] !== '');
  const [header, ...rows] = demo;
  assert.deepEqual(out[0], [...header, 'predicted_label', 'predicted_probability', 'model']);
  assert.equal(out.length, demo.length, 'every row is written');
  assert.equal(rows.length, fileRows);
  let labelled = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = out[r + 1];
    assert.deepEqual(row.slice(0, header.length), rows[r], `row ${r + 1}`);
    const [predicted, probability, model] = row.slice(header.length);
    const expected = answerOf.get(`row-${r + 1}`);
    assert.equal(predicted, expected ?? '', `row ${r + 1}: the batch's answer for it`);
    assert.equal(probability, '');
    if (predicted !== '') {
      labelled++;
      assert.equal(model, MINI);
    }
  }
  assert.equal(labelled, sent.asked);
  assert.equal(written.labelled, sent.asked);

  // Forgotten, the job is gone after a reload too.
  await scrollToItem(page, 'Forget the batches…');
  await screenshot(page, 'label-batch-written');
  await clickItem(page, 'Forget the batches…');
  await clickItem(page, 'Forget them');
  await page.waitForFunction(() => window.tuneboard.state().labelFile.batch === null);
  await settled(page);
  await page.reload();
  await settled(page);
  assert.equal((await state(page)).labelFile.batch, null, 'a forgotten job came back after a reload');
  assert.deepEqual(page.problems.filter((p) => !/status of 500/.test(p)), []);
  await page.context().close();
});

test('Cancelling the file\'s batches asks first, keeps what they answered; the rest asked again in a new batch', async () => {
  const fake = await startFake();
  const page = await openAtFake(fake);
  // The fake moves a batch one status a look: looks 2 s apart leave time to cancel while it runs.
  await chooseBatchLabeller(page, 2);
  await scrollToItem(page, 'Send the file as batches…');
  await clickItem(page, 'Send the file as batches…');
  // Nothing is sent until the person says so.
  await item(page, 'Not now');
  assert.equal((await fakeRequests(fake)).filter((entry) => entry.path.startsWith('/v1/files')).length, 0);
  await clickItem(page, 'Send them');
  await page.waitForFunction(() => window.tuneboard.state().labelFile.batch?.parts[0]?.status === 'in_progress',
    null, { timeout: 120000 });
  const { asked } = (await state(page)).labelFile.batch;
  await scrollToItem(page, 'Cancel the batches…');
  await clickItem(page, 'Cancel the batches…');
  await item(page, 'Keep them');
  assert.equal((await fakeRequests(fake)).filter((entry) => entry.path.endsWith('/cancel')).length, 0);
  await clickItem(page, 'Cancel the batches');
  await page.waitForFunction(() => window.tuneboard.state().labelFile.batch?.done, null, { timeout: 60000 });
  const job = (await state(page)).labelFile.batch;
  // The fake answers the first half of a batch cancelled while in progress; the rest were never run.
  const half = Math.floor(asked / 2);
  assert.equal(job.answered, half, JSON.stringify(job));
  assert.equal(job.unanswered, asked - half);
  assert.equal(job.parts[0].status, 'cancelled');
  assert.equal((await fakeRequests(fake)).filter((entry) => entry.path.endsWith('/cancel')).length, 1);
  const { status } = await state(page);
  assert.equal(status.level, 'info', `a cancel the person asked for is not an error: ${status.text}`);

  await scrollToItem(page, 'Write the labelled file…');
  await clickItem(page, 'Write the labelled file…');
  // The first pass, which only read the file, ended 'done' too, with no output.
  await page.waitForFunction(() => {
    const { phase, output } = window.tuneboard.state().labelFile;
    return phase === 'done' && output !== '';
  }, null, { timeout: 120000 });
  const out = parseCsv(await pickedFileText(page)).filter((row) => row.length > 1 || row[0] !== '');
  const added = out[0].indexOf('predicted_label');
  assert.equal(out.slice(1).filter((row) => row[added] !== '').length, half);
  assert.equal((await state(page)).labelFile.labelled, half);

  // The rows the cancel left are asked again, in a new batch of them alone; then every row is written.
  await scrollToItem(page, 'Ask the unanswered rows again…');
  await screenshot(page, 'label-batch-cancelled');
  await clickItem(page, 'Ask the unanswered rows again…');
  await clickItem(page, 'Ask them again');
  await page.waitForFunction(() => {
    const job = window.tuneboard.state().labelFile.batch;
    return job?.parts.length === 2 && job.done;
  }, null, { timeout: 120000 });
  const again = (await state(page)).labelFile.batch;
  assert.equal(again.parts[1].rows, asked - half);
  assert.equal(again.answered, asked);
  assert.equal(again.unanswered, 0);
  const creates = (await fakeRequests(fake)).filter((entry) => entry.method === 'POST' && entry.path === '/v1/batches');
  assert.equal(creates.length, 2);
  await page.evaluate(() => { window.labelledFile.chunks = []; });
  await scrollToItem(page, 'Write the labelled file…');
  await clickItem(page, 'Write the labelled file…');
  await page.waitForFunction((n) => {
    const { phase, labelled } = window.tuneboard.state().labelFile;
    return phase === 'done' && labelled === n;
  }, asked, { timeout: 120000 });
  const all = parseCsv(await pickedFileText(page)).filter((row) => row.length > 1 || row[0] !== '');
  assert.equal(all.slice(1).filter((row) => row[added] !== '').length, asked);
  // The rows the first batch answered keep their answers: only the others were asked again.
  for (let r = 1; r < out.length; r++) {
    if (out[r][added] !== '') assert.equal(all[r][added], out[r][added], `row ${r}`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
