// The embeddings candidate against the fake OpenAI server, whose vectors carry each text's words: the person
// picks "Embeddings + classifier", sees what it will embed before anything is sent, runs it; every text is
// embedded once, the classifier learns (well above the majority baseline), its cost is the answers' usage,
// and Compare pairs it with the baseline. A reload mid-way asks for no vector that had arrived, and a re-run
// or a run through 429s and 500s asks for none at all beyond the first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  clickItem, launchBrowser, screenshot, startFakeProvider, startSite, state, typeInto,
  fakeRequests, openAtFake as openAtFakeServer,
} from './harness.mjs';

const KEY = 'sk-fake-embed-7c21';
const EMBEDDER = 'text-embedding-3-small';
const PATH = '/v1/embeddings';
let site;
let browser;
const fakes = [];
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const fake of fakes) fake.stop();
  site?.stop();
});

async function startFake(flags = []) {
  const fake = await startFakeProvider([KEY], flags);
  fakes.push(fake);
  return fake;
}
const requests = fakeRequests;
const answered = async (fake) => (await requests(fake)).filter((r) => r.path === PATH && r.embeddings);
const setFaults = (fake, faults) => fetch(`${fake.url}/__fake/faults`, {
  method: 'POST', body: JSON.stringify({ path: PATH, faults }),
});

const openAtFake = (fake, page) => openAtFakeServer(browser, site, fake, KEY, page);

const embeddingsCandidate = (s) => s.evaluations.find((e) => e.candidate.startsWith('embeddings/'));

// Picks the kind, names the model, reads the estimate, adds it.
async function addEmbeddings(page, { requestsAtOnce, everyRow } = {}) {
  await clickItem(page, 'Evaluate');
  await clickItem(page, 'Embeddings + classifier');
  await typeInto(page, 'Model', EMBEDDER);
  if (everyRow) await clickItem(page, 'Every labelled row');
  // Before anything is sent: every text of the split's rows, exact tokens (cl100k_base), and their price.
  await page.waitForFunction((every) => {
    const embeddings = window.tuneboard.state().embeddings;
    const space = embeddings.spaces.find((s) => s.model === 'text-embedding-3-small');
    return space && space.cache === 'ready' && space.tokensExact && space.toAsk > 0 &&
      (!every || space.everyRow.toAsk === embeddings.allRows.texts);
  }, everyRow);
  const before = (await state(page)).embeddings;
  await clickItem(page, 'Add candidate');
  await clickItem(page, 'Add majority baseline');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 2);
  if (requestsAtOnce) await typeInto(page, 'Requests at once', String(requestsAtOnce));
  return before;
}

test('embeddings + classifier: estimate first, every text embedded once, learns, cost from usage, Compare', async () => {
  const fake = await startFake();
  const page = await openAtFake(fake);
  const estimate = await addEmbeddings(page);
  const space = estimate.spaces.find((s) => s.model === EMBEDDER);
  assert.equal(estimate.texts, space.toAsk, 'nothing kept yet: every text is to be embedded');
  assert.ok(space.toAsk >= 290 && space.toAsk <= 300, `the split's 300 rows' distinct texts: ${space.toAsk}`);
  assert.equal((await answered(fake)).length, 0, 'nothing sent before Run');
  assert.ok(Math.abs(space.costToAsk - space.tokensToAsk * 0.02 / 1e6) < 1e-12, 'priced at $0.02 per 1M tokens');

  await clickItem(page, 'Run all');
  await page.waitForFunction(() => {
    const e = window.tuneboard.state().evaluations.find((c) => c.candidate.startsWith('embeddings/'));
    return e && e.phase === 'idle' && e.done === e.rows;
  }, null, { timeout: 120_000 });
  const s = await state(page);
  const e = embeddingsCandidate(s);
  const majority = s.evaluations.find((c) => c.candidate === 'majority');
  const sent = await answered(fake);
  const texts = sent.flatMap((r) => r.embeddings.texts);
  assert.equal(new Set(texts).size, texts.length, 'no text embedded twice');
  assert.equal(texts.length, space.toAsk, 'every text the estimate named, and no other');
  assert.ok(sent.every((r) => r.embeddings.inputs <= 128), 'batches of at most 128 texts');
  const billed = sent.reduce((sum, r) => sum + r.embeddings.tokens, 0);
  assert.equal(e.promptTokens, billed, "tokens are the answers' usage");
  assert.ok(Math.abs(e.cost - billed * 0.02 / 1e6) < 1e-12);
  assert.equal(e.rows, 100);
  assert.ok(e.accuracy > majority.accuracy + 0.3, `learns: ${e.accuracy} against the baseline's ${majority.accuracy}`);
  assert.equal(e.trials.length, 5, 'one trial per strength C');
  assert.ok(e.trials.every((t) => t.features === 1536 && t.accuracy >= 0 && t.accuracy <= 1 && t.loss > 0));
  assert.equal(e.trials[e.bestTrial].accuracy, Math.max(...e.trials.map((t) => t.accuracy)), 'the best C is kept');
  const kept = s.embeddings.spaces.find((x) => x.model === EMBEDDER);
  assert.equal(kept.vectors, texts.length);
  assert.equal(kept.bytes, texts.length * 1536 * 4, 'float32, one block');
  await page.waitForFunction((n) => window.tuneboard.state().embeddings.spaces.some((x) => x.cached === n), texts.length);
  assert.ok(s.compare && s.compare.rows === 100, 'Compare pairs it with the baseline on the same rows');
  await screenshot(page, 'embeddings-evaluate');

  // Re-run: trained again from the vectors kept, nothing asked.
  await clickItem(page, 'Re-run…');
  await clickItem(page, 'Train again from the kept vectors');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.some((c) => c.candidate.startsWith('embeddings/') &&
    c.done < c.rows));
  await page.waitForFunction(() => {
    const c = window.tuneboard.state().evaluations.find((x) => x.candidate.startsWith('embeddings/'));
    return c.phase === 'idle' && c.done === c.rows;
  }, null, { timeout: 60_000 });
  assert.equal((await state(page)).evaluations.find((x) => x.candidate.startsWith('embeddings/')).accuracy, e.accuracy,
    'deterministic');
  assert.equal((await answered(fake)).length, sent.length, 'a re-run embeds nothing again');
  await page.close();
});

test('embeddings: a reload mid-way asks for no vector that had arrived nor any paid for after, and the result equals a clean run', async () => {
  const fake = await startFake();
  let page = await openAtFake(fake);
  await addEmbeddings(page, { requestsAtOnce: 1 });
  // The second request is held past the reload: the first one's vectors arrive and are kept, the second's never.
  await setFaults(fake, [{}, { hold: 30 }]);
  await clickItem(page, 'Run all');
  await page.waitForFunction(() => window.tuneboard.state().embeddings.spaces.some((x) => x.cached === 128 && x.asked > 0),
    null, { timeout: 60_000 });
  const before = (await answered(fake)).flatMap((r) => r.embeddings.texts);
  assert.equal(before.length, 128);
  await page.reload();
  page = await openAtFake(fake, page);
  await page.waitForFunction(() => {
    const e = window.tuneboard.state().evaluations.find((c) => c.candidate.startsWith('embeddings/'));
    return e && e.phase === 'idle' && e.done === e.rows;
  }, null, { timeout: 120_000 });
  const after = (await answered(fake)).flatMap((r) => r.embeddings.texts).slice(128);
  const again = after.filter((t) => before.includes(t));
  assert.deepEqual(again, [], 'no vector that had arrived is asked for again');
  // The answer held past the reload reached the service worker, which handed it to the reloaded page.
  const all = (await answered(fake)).flatMap((r) => r.embeddings.texts);
  assert.equal(new Set(all).size, all.length, 'a text was embedded twice: the answer held past the reload was paid for again');
  const s = await state(page);
  assert.equal(s.embeddings.spaces.find((x) => x.model === EMBEDDER).vectors, s.embeddings.texts);
  await page.close();
});

// Learning from every labelled row, so that over 2,000 texts (21 requests) are embedded, as in a real run.
test('embeddings: through 20 % 429s and 5 % 500s every text is embedded once, with the clean run\'s accuracy', async () => {
  const clean = await startFake();
  let page = await openAtFake(clean);
  await addEmbeddings(page, { everyRow: true });
  await clickItem(page, 'Run all');
  const done = () => page.waitForFunction(() => {
    const e = window.tuneboard.state().evaluations.find((c) => c.candidate.startsWith('embeddings/'));
    return e && e.phase === 'idle' && e.done === e.rows;
  }, null, { timeout: 180_000 });
  await done();
  const cleanAccuracy = embeddingsCandidate(await state(page)).accuracy;
  await page.close();

  // Another server (another base URL): another space, nothing kept for it. Seed 24 draws a 429 and a 500
  // among the first six requests (the fake's faults:<seed> stream), so both are met on these 300 texts.
  const faulty = await startFake(['--rate-429', '0.2', '--rate-500', '0.05', '--seed', '24']);
  page = await openAtFake(faulty);
  await addEmbeddings(page, { everyRow: true });
  await clickItem(page, 'Run all');
  await done();
  const log = (await requests(faulty)).filter((r) => r.path === PATH);
  const texts = log.filter((r) => r.embeddings).flatMap((r) => r.embeddings.texts);
  assert.ok(log.some((r) => r.fault === 429) && log.some((r) => r.fault === 500),
    `faults were met: ${JSON.stringify(log.map((r) => r.fault))}`);
  assert.equal(new Set(texts).size, texts.length, 'every text embedded once');
  assert.ok(texts.length > 2000, `${texts.length} texts`);
  assert.equal(embeddingsCandidate(await state(page)).accuracy, cleanAccuracy);
  await page.close();
});

test('embeddings: learning from every labelled row reads the file again, states the cost first, learns from them', async () => {
  const fake = await startFake();
  const page = await openAtFake(fake);
  await clickItem(page, 'Evaluate');
  await clickItem(page, 'Embeddings + classifier');
  await typeInto(page, 'Model', EMBEDDER);
  await clickItem(page, 'Every labelled row');
  // The file is read again (locally, nothing sent), then what embedding its rows would take is shown.
  await page.waitForFunction(() => {
    const embeddings = window.tuneboard.state().embeddings;
    const space = embeddings.spaces.find((s) => s.model === 'text-embedding-3-small');
    return embeddings.allRows.rows > 0 && space && space.cache === 'ready' && space.tokensExact &&
      space.everyRow.toAsk === embeddings.allRows.texts;
  }, null, { timeout: 60_000 });
  const estimate = (await state(page)).embeddings;
  const space = estimate.spaces.find((s) => s.model === EMBEDDER);
  assert.ok(estimate.allRows.rows > 2000, `the demo's labelled rows outside validation and test: ${estimate.allRows.rows}`);
  assert.ok(space.everyRow.toAsk > space.toAsk, 'more to embed than the split\'s rows');
  assert.equal((await answered(fake)).length, 0, 'nothing sent before Run');
  await clickItem(page, 'Add candidate');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 1);
  const added = (await state(page)).evaluations[0];
  assert.ok(added.candidate.endsWith('/every-row'));
  await clickItem(page, 'Run all');
  await page.waitForFunction(() => {
    const e = window.tuneboard.state().evaluations[0];
    return e.phase === 'idle' && e.done === e.rows;
  }, null, { timeout: 180_000 });
  const texts = (await answered(fake)).flatMap((r) => r.embeddings.texts);
  assert.equal(new Set(texts).size, texts.length, 'no text embedded twice');
  assert.equal(texts.length, space.everyRow.toAsk, 'the texts the estimate named');
  const e = (await state(page)).evaluations[0];
  assert.ok(e.trials.every((t) => t.rows === estimate.allRows.rows), 'every read row learnt from');
  assert.ok(e.accuracy > 0.5, `learns: ${e.accuracy}`);
  await page.close();
});
