// "Label the file" with an embeddings candidate, on the demo data against the fake OpenAI server (whose
// vectors carry each text's words): the person runs the candidate, chooses it in "Labelled by", reads the
// price, confirms; every row's text is sent once for its vector, except those the page already holds (the
// split's), and the file is written as it goes with the classifier's answers, their calibrated probability
// and the embedding model's id. Stopped half-way, labelling again sends only the texts whose vectors never
// came: a vector that arrives after the stop is kept too.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  clickItem, fakeRequests, openAtFakeWithPicker, parseCsv, pickedFileText, screenshot, scrollToItem, siteAndBrowser,
  startFakeProvider, state, typeInto,
} from './harness.mjs';

const KEY = 'sk-fake-label-vectors-3e90';
const EMBEDDER = 'text-embedding-3-small';
const PATH = '/v1/embeddings';

const env = siteAndBrowser();
const fakes = [];
after(() => { for (const fake of fakes) fake.stop(); });

async function startFake() {
  const fake = await startFakeProvider([KEY]);
  fakes.push(fake);
  return fake;
}

// The embedding requests answered, and every text they sent, in the order sent.
const embeddingRequests = async (fake) => (await fakeRequests(fake)).filter((r) => r.path === PATH && r.embeddings);
const textsSent = async (fake) => (await embeddingRequests(fake)).flatMap((r) => r.embeddings.texts);
const rows = (text) => parseCsv(text).filter((row) => row.length > 1 || row[0] !== '');
const missing = (field) => field.trim() === '' || field.trim() === 'None';

// The embeddings candidate run on the split, then chosen to label the file; its name.
async function chooseVectorLabeller(page) {
  await clickItem(page, 'Evaluate');
  await clickItem(page, 'Embeddings + classifier');
  await typeInto(page, 'Model', EMBEDDER);
  await page.waitForFunction(() => window.tuneboard.state().embeddings.spaces.some((s) => s.cache === 'ready' && s.toAsk > 0));
  await clickItem(page, 'Add candidate');
  await clickItem(page, 'Run all');
  await page.waitForFunction(() => {
    const e = window.tuneboard.state().evaluations[0];
    return e && e.phase === 'idle' && e.done === e.rows;
  }, null, { timeout: 120_000 });
  const { name } = (await state(page)).evaluations[0];
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Labelled by');
  await clickItem(page, 'Labelled by');
  await clickItem(page, `${name} · in this tab`);
  await page.waitForFunction(() => window.tuneboard.state().labelFile.source !== '');
  return name;
}

async function labelTheFile(page) {
  await scrollToItem(page, 'Label the file…');
  await clickItem(page, 'Label the file…');
  await clickItem(page, 'Label the file');
}

const finished = (page) => page.waitForFunction(() => {
  const label = window.tuneboard.state().labelFile;
  return label.phase === 'failed' || (label.phase === 'done' && label.output !== '');
}, null, { timeout: 180_000 });

test('Label the file with an embeddings candidate: each text sent once, the split\'s not again, every row written', async () => {
  const fake = await startFake();
  const page = await openAtFakeWithPicker(env.browser, env.site, fake, KEY);
  await chooseVectorLabeller(page);
  const evaluated = await textsSent(fake);
  const evaluatedRequests = (await embeddingRequests(fake)).length;
  const ready = (await state(page)).labelFile;
  assert.equal(ready.unavailable, '');
  assert.equal(ready.model.startsWith(EMBEDDER), true, ready.model);
  await scrollToItem(page, 'Label the file…');
  await screenshot(page, 'label-file-vectors-ready');
  assert.equal((await textsSent(fake)).length, evaluated.length, 'nothing sent before the person confirms');
  await labelTheFile(page);
  await finished(page);
  const done = (await state(page)).labelFile;
  assert.equal(done.phase, 'done', done.message);
  await scrollToItem(page, 'Label the file…');
  await screenshot(page, 'label-file-vectors-done');

  // Every distinct text of the file sent once in all, the evaluation's and the labelling's together.
  const all = await textsSent(fake);
  const labelling = all.slice(evaluated.length);
  assert.equal(new Set(all).size, all.length, 'a text was sent twice');
  const demo = rows(await page.evaluate(async () => (await fetch('demo/cfpb-demo-synthetic.csv')).text()));
  const [header, ...data] = demo;
  const text = header.indexOf('Consumer complaint narrative');
  const label = header.indexOf('Product');
  const distinct = new Set(data.map((row) => row[text]).filter((t) => !missing(t)));
  assert.equal(all.length, distinct.size, 'every text of the file has its vector');
  assert.equal(done.vectors.textsAsked, labelling.length);
  assert.ok(done.vectors.fromHeld >= 290, `the split's rows answered by the vectors the page held: ${done.vectors.fromHeld}`);
  const billed = (await embeddingRequests(fake)).slice(evaluatedRequests).reduce((n, r) => n + r.embeddings.tokens, 0);
  assert.equal(done.vectors.tokens, billed, "the tokens shown are the answers' usage");

  // The file as it was, every row, with the classifier's answers added.
  const out = rows(await pickedFileText(page));
  assert.deepEqual(out[0], [...header, 'predicted_label', 'predicted_probability', 'model']);
  assert.equal(out.length, demo.length);
  const classes = new Set((await state(page)).split.classes);
  let right = 0;
  let scored = 0;
  let probabilities = 0;
  let answered = 0;
  for (let r = 0; r < data.length; r++) {
    const row = out[r + 1];
    assert.deepEqual(row.slice(0, header.length), data[r], `row ${r + 1}`);
    const [predicted, probability, model] = row.slice(header.length);
    assert.equal(predicted !== '', !missing(data[r][text]), `row ${r + 1} answered`);
    if (predicted === '') continue;
    answered++;
    assert.ok(classes.has(predicted), predicted);
    assert.ok(Number(probability) > 0 && Number(probability) <= 1, probability);
    assert.equal(model, EMBEDDER);
    // Scored where the file's label is one of the classes as it is (not one a label family renames).
    if (!classes.has(data[r][label].trim())) continue;
    scored++;
    probabilities += Number(probability);
    right += predicted === data[r][label].trim() ? 1 : 0;
  }
  assert.equal(done.labelled, answered);
  // The fake's vectors carry the texts' words: the classifier is right far more often than the largest
  // class's share (about a third in the demo), and its calibrated probability says about how often.
  // Here 0.81 and 0.81 over 1,706 rows (the split's among them, so right a little more often).
  assert.ok(right / scored > 0.6, `right on ${right} of ${scored}`);
  assert.ok(Math.abs(probabilities / scored - right / scored) < 0.08,
    `mean probability ${probabilities / scored} against right on ${right / scored}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Label the file with vectors: stopped half-way, labelling again sends only the texts whose vectors never came', async () => {
  const fake = await startFake();
  const page = await openAtFakeWithPicker(env.browser, env.site, fake, KEY);
  await chooseVectorLabeller(page);
  const evaluated = (await textsSent(fake)).length;
  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Requests at once', '1');
  await clickItem(page, 'Compare');
  // The labelling's second request is answered only after the stop: its vectors are kept all the same.
  await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ path: PATH, faults: [{}, { hang: 3 }] }) });
  await labelTheFile(page);
  await page.waitForFunction(() => window.tuneboard.state().labelFile.vectors.textsAsked >= 256);
  await clickItem(page, 'Cancel labelling');
  await page.waitForFunction(() => window.tuneboard.state().labelFile.phase === 'cancelled');
  assert.match((await state(page)).labelFile.message, /The vectors that came are kept: labelling again sends only the texts/);
  await page.waitForFunction((n) => window.tuneboard.state().embeddings.spaces.some((s) => s.vectors === n), evaluated + 256,
    { timeout: 30_000 });
  const firstRun = (await textsSent(fake)).slice(evaluated);
  assert.equal(firstRun.length, 256, 'two requests of 128 texts went out');

  await labelTheFile(page);
  await finished(page);
  const done = (await state(page)).labelFile;
  assert.equal(done.phase, 'done', done.message);
  const all = await textsSent(fake);
  assert.equal(new Set(all).size, all.length, 'a vector that came before or after the stop was paid for again');
  assert.equal(done.vectors.textsAsked, all.length - evaluated - 256);
  assert.equal(rows(await pickedFileText(page)).length - 1, (await state(page)).dataset.rows);
  await page.close();
});
