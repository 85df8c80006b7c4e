// Evaluation against the fake OpenAI server, whose answers are known: three candidates on the demo split
// give exactly the fake's numbers; with faults injected every row still completes, no row is answered
// twice for a candidate, and the results equal the fault-free run; a reload mid-run goes on with only the
// rows still missing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifacts, assertChartPng, clickItem, item, launchBrowser, openApp, screenshot, scrollToItem, settled, startFakeProvider, startSite, state, typeInto, downloadFrom,
  fakeRequests, openAtFake as openAtFakeServer,
} from './harness.mjs';

const KEY = 'sk-fake-eval-51be07';
const SMALL = 'tuneboard-fake-small';   // free text, now and then sloppy or no label at all
const MINI = 'gpt-4o-mini-2024-07-18';  // answers through the JSON schema
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
const chatPath = '/v1/chat/completions';

const openAtFake = (fake, page) => openAtFakeServer(browser, site, fake, KEY, page);

// The fake learns each row's true label from the split the page offers for download, as a person gets it.
async function teachTruth(page, fake) {
  const button = await scrollToItem(page, 'Download split CSV');
  const csv = (await downloadFrom(page, button)).bytes.toString();
  const taught = await (await fetch(`${fake.url}/__fake/truth`, {
    method: 'POST', body: JSON.stringify({ csv, text: 'text', label: 'label' }),
  })).json();
  assert.equal(taught.texts, 300);
}

// The panel scrolled back to its top, as a person would with the wheel.
async function toTop(page) {
  const viewport = page.viewportSize();
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await page.mouse.wheel(0, -20000);
  // The panel's first buttons just under the step bar (which sits below the introduction while it is shown).
  await page.waitForFunction(() => {
    const items = window.tuneboard.items();
    const bar = items.find((it) => it.label === 'Compare');
    const csv = items.find((it) => it.label === 'Export predictions CSV');
    return bar && csv && csv.y > bar.y + bar.h;
  });
}

async function addCandidates(page) {
  await clickItem(page, 'Evaluate');
  // Each candidate is filled in and added; when none appears, the person looks and does it again. In CI one
  // such click in a few hundred went astray (cause not yet found): said in the log, with what the page said.
  const add = async (count, steps) => {
    for (let attempt = 1; ; attempt++) {
      await steps();
      const appeared = await page.waitForFunction((n) => window.tuneboard.state().evaluations.length === n, count,
        { timeout: 10000 }).then(() => true, () => false);
      if (appeared) return;
      const { status, evaluations } = await state(page);
      console.log(`addCandidates: candidate ${count} did not appear (attempt ${attempt}); status "${status.text}"; ` +
        `candidates ${JSON.stringify(evaluations.map((e) => e.candidate))}`);
      if (attempt === 2) throw new Error(`candidate ${count} was not added after two tries`);
    }
  };
  await add(1, async () => {
    await typeInto(page, 'Model', SMALL);
    await clickItem(page, 'Add candidate');
  });
  await add(2, async () => {
    await typeInto(page, 'Model', MINI);
    await clickItem(page, 'Few-shot');
    await clickItem(page, 'Add candidate');
  });
  await add(3, () => clickItem(page, 'Add majority baseline'));
}

// One zero-shot candidate added and run, as a person does it.
async function runCandidate(page, model) {
  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Model', model);
  await clickItem(page, 'Add candidate');
  await clickItem(page, 'Run all');
}

const allDone = () => window.tuneboard.state().evaluations.every((e) => e.done === e.rows && e.phase === 'idle');

// What the fake answered, per model: each row's (non-faulted) answers, by the hash of its user message.
function answersSeen(log) {
  const byModel = new Map();
  for (const entry of log) {
    if (entry.path !== chatPath || !entry.chat || entry.fault !== null) continue;
    const { model, text } = entry.chat;
    if (!byModel.has(model)) byModel.set(model, new Map());
    const rows = byModel.get(model);
    if (!rows.has(text)) rows.set(text, []);
    rows.get(text).push(entry.chat);
  }
  return byModel;
}

// The numbers the fake's answers make: correct, invalid, of how many rows.
function expected(rows) {
  let correct = 0;
  let invalid = 0;
  for (const [answer] of rows.values()) {
    if (answer.answer === null) invalid++;
    else if (answer.answer === answer.truth) correct++;
  }
  return { rows: rows.size, correct, invalid };
}

function checkAgainstFake(evaluations, seen) {
  const byModel = { [SMALL]: evaluations.find((e) => e.name.startsWith(SMALL)),
    [MINI]: evaluations.find((e) => e.name.startsWith(MINI)) };
  for (const [model, evaluation] of Object.entries(byModel)) {
    const rows = seen.get(model);
    assert.ok(rows, `the fake saw no question for ${model}`);
    // Each row asked once and answered once.
    for (const [text, answers] of rows) assert.equal(answers.length, 1, `${model} was asked row ${text} ${answers.length} times`);
    const want = expected(rows);
    assert.equal(want.rows, 100);
    assert.equal(evaluation.done, 100);
    assert.equal(evaluation.correct, want.correct, `${model} correct`);
    assert.equal(evaluation.invalid, want.invalid, `${model} invalid`);
    assert.equal(evaluation.accuracy, want.correct / 100);
    assert.ok(evaluation.ciLow < evaluation.accuracy && evaluation.accuracy < evaluation.ciHigh);
  }
  // The sloppy model's answers needed normalising, and one in twenty named no label.
  assert.ok(byModel[SMALL].invalid > 0 && byModel[SMALL].invalid < 20, `invalid ${byModel[SMALL].invalid}`);
  const majority = evaluations.find((e) => e.candidate === 'majority');
  assert.equal(majority.done, 100);
  assert.equal(majority.cost, 0);
}

const summary = (evaluations) => evaluations.map(({ candidate, done, correct, invalid, accuracy, ciLow, ciHigh, macroF1 }) =>
  ({ candidate, done, correct, invalid, accuracy, ciLow, ciHigh, macroF1 }));
let faultFree;

test('three candidates on the demo split give exactly the fake\'s numbers', async () => {
  const fake = await startFake();
  const page = await openAtFake(fake);
  await teachTruth(page, fake);
  await addCandidates(page);
  await clickItem(page, 'Run all');
  await page.waitForFunction(allDone, null, { timeout: 120000 });
  const { evaluations } = await state(page);
  const seen = answersSeen(await requests(fake));
  checkAgainstFake(evaluations, seen);
  faultFree = summary(evaluations);

  // The paired test between the first two candidates, and the row explorer's filters, from the fake's
  // own answers.
  let aOnly = 0;
  let bOnly = 0;
  let disagree = 0;
  for (const [text, [small]] of seen.get(SMALL)) {
    const [mini] = seen.get(MINI).get(text);
    const smallRight = small.answer === small.truth;
    const miniRight = mini.answer === mini.truth;
    if (smallRight && !miniRight) aOnly++;
    if (!smallRight && miniRight) bOnly++;
    if (small.answer !== mini.answer) disagree++;
  }
  const { compare } = await state(page);
  assert.equal(compare.a, evaluations[0].candidate);
  assert.equal(compare.b, evaluations[1].candidate);
  assert.equal(compare.aOnly, aOnly);
  assert.equal(compare.bOnly, bOnly);
  assert.match(compare.sentence, /^With 100 rows, /);
  assert.ok(compare.pValue < 0.05 && compare.sentence.includes('significantly better'), compare.sentence);
  await clickItem(page, 'Compare');
  await clickItem(await scrollToItem(page, 'A and B disagree') && page, 'A and B disagree');
  await page.waitForFunction((n) => window.tuneboard.state().compare.rowsShown === n, disagree);
  await clickItem(page, 'All rows');
  await page.waitForFunction(() => window.tuneboard.state().compare.rowsShown === 100);
  await screenshot(page, 'compare-rows');

  // Repeat over three splits: the zero-shot model is asked the new test rows (each once, whatever
  // number of splits holds it), the baseline needs none, the few-shot one is left out.
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Splits');
  await typeInto(page, 'Splits', '3');
  await clickItem(page, 'Evaluate');
  await clickItem(page, 'Run all');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.every((e) =>
    e.repeats && (e.repeats.excludedBecause || e.repeats.scored === 3) && e.phase === 'idle'), null, { timeout: 120000 });
  const repeated = (await state(page)).evaluations;
  const small = repeated.find((e) => e.name.startsWith(SMALL));
  assert.equal(small.repeats.accuracies[0], small.accuracy);
  assert.ok(small.repeats.sd >= 0 && small.repeats.mean > 0);
  assert.ok(repeated.find((e) => e.name.startsWith(MINI)).repeats.excludedBecause);
  assert.equal(repeated.find((e) => e.candidate === 'majority').repeats.scored, 3);
  const smallRows = answersSeen(await requests(fake)).get(SMALL);
  assert.ok(smallRows.size > 100, `${smallRows.size} rows`);
  for (const [text, answers] of smallRows) assert.equal(answers.length, 1, `row ${text} was asked ${answers.length} times`);
  assert.deepEqual(summary(repeated), faultFree);  // the main split's numbers are unchanged

  // The comparison: table, chart, per-class view and the paired test are drawn.
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Export chart PNG');
  await screenshot(page, 'compare-table');
  const chartButton = await scrollToItem(page, 'Export chart PNG');
  const { bytes } = await downloadFrom(page, chartButton);
  assertChartPng(bytes, (await state(page)).display.devicePixelRatio);
  writeFileSync(path.join(artifacts, 'exported-accuracy-chart.png'), bytes);

  await toTop(page);
  const csvButton = await item(page, 'Export predictions CSV');
  const predictions = (await downloadFrom(page, csvButton)).bytes.toString();
  assert.ok(predictions.startsWith('row,true_label,text,'));
  assert.equal(predictions.split('\r\n').filter((line) => /^\d+,/.test(line)).length >= 100, true);

  const jsonButton = await item(page, 'Export experiment JSON');
  const experimentText = (await downloadFrom(page, jsonButton)).bytes.toString();
  assert.ok(!experimentText.includes(KEY), 'the key is in the exported experiment');
  const experiment = JSON.parse(experimentText);
  assert.equal(experiment.evaluation.evaluations.length, 3);
  writeFileSync(path.join(artifacts, 'experiment.json'), experimentText);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // Opened elsewhere (a fresh browser profile, no key), the comparison is the same.
  const elsewhere = await openApp(browser, site.url);
  await settled(elsewhere);
  await clickItem(elsewhere, 'Compare');
  const [chooser] = await Promise.all([elsewhere.waitForEvent('filechooser'), clickItem(elsewhere, 'Import experiment…')]);
  await chooser.setFiles(path.join(artifacts, 'experiment.json'));
  await elsewhere.waitForFunction(() => window.tuneboard.state().evaluations.length === 3);
  assert.deepEqual(summary((await state(elsewhere)).evaluations), faultFree);
  assert.deepEqual(elsewhere.problems, []);
  await elsewhere.context().close();
});

test('with 429s, 500s and random latency every row completes once, with the same results', async () => {
  // One request in five is a 429 with retry-after, one in twenty a 500; up to 60 ms of latency each.
  const fake = await startFake(['--latency-ms', '60', '--seed', '3']);
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const faults = Array.from({ length: 3000 }, () => {
    const draw = random();
    if (draw < 0.20) return { status: 429, headers: { 'retry-after-ms': '40' }, code: 'rate_limit_exceeded' };
    if (draw < 0.25) return { status: 500 };
    return null;
  });
  await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ path: chatPath, faults }) });
  const page = await openAtFake(fake);
  await teachTruth(page, fake);
  await addCandidates(page);
  await clickItem(page, 'Run all');
  await page.waitForFunction(allDone, null, { timeout: 180000 });
  const { evaluations } = await state(page);
  const log = await requests(fake);
  const faulted = log.filter((entry) => entry.path === chatPath && entry.fault !== null).length;
  assert.ok(faulted > 20, `only ${faulted} faults were given`);
  checkAgainstFake(evaluations, answersSeen(log));
  assert.deepEqual(summary(evaluations), faultFree);
  // Chromium itself logs each failed load; nothing else may appear.
  assert.deepEqual(page.problems.filter((p) => !/Failed to load resource: the server responded with a status of (429|500)/.test(p)), []);
  await page.context().close();
});

test('a reload mid-run goes on with only the rows still missing', async () => {
  const fake = await startFake(['--latency-ms', '150', '--seed', '5']);
  const page = await openAtFake(fake);
  await serviceWorkerControls(page);
  await teachTruth(page, fake);
  await runCandidate(page, SMALL);
  await page.waitForFunction(() => window.tuneboard.state().evaluations[0].done >= 30);
  await page.reload();
  // Every question the page asked before it went away has reached the fake by now: it logs a request as
  // it arrives, and the row once it has answered (after its latency), so count both kinds.
  const logBefore = (await requests(fake)).filter((entry) => entry.path === chatPath && entry.fault === null);
  const askedBefore = new Set(logBefore.filter((entry) => entry.chat).map((entry) => entry.chat.text)).size +
    logBefore.filter((entry) => !entry.chat).length;
  await settled(page);
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 1);
  const restored = (await state(page)).evaluations[0];
  assert.ok(restored.done >= 25, `only ${restored.done} answers survived the reload`);
  await openAtFake(fake, page);
  await page.waitForFunction(allDone, null, { timeout: 120000 });
  const [evaluation] = (await state(page)).evaluations;
  assert.equal(evaluation.done, 100);
  const rows = answersSeen(await requests(fake)).get(SMALL);
  assert.equal(rows.size, 100);
  // A row is asked again only if the page had not kept its answer: it was in flight when the page went
  // away, or answered in the instant before (not yet in IndexedDB). No kept answer is asked again.
  const twice = [...rows.values()].filter((answers) => answers.length > 1).length;
  const notKept = askedBefore - restored.done;
  console.log(`reload: ${askedBefore} rows asked before, ${restored.done} answers kept, ${twice} asked again`);
  // The rows in flight at the reload were answered by the fake after the page had gone: the service
  // worker kept those answers and handed them to the page that asked again.
  assert.equal(twice, 0, `${twice} rows were asked again (${notKept} answers had not been kept by the page)`);
  assert.ok(notKept <= 8, `${notKept} answers were not kept`);
  const want = expected(rows);
  assert.equal(evaluation.correct, want.correct);
  assert.equal(evaluation.invalid, want.invalid);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// The page's service worker (web/service-worker.js) has started and answers for it.
const serviceWorkerControls = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test('a row whose answer comes after the page has gone is asked once: the service worker hands it over', async () => {
  const fake = await startFake();
  const page = await openAtFake(fake);
  await serviceWorkerControls(page);
  await teachTruth(page, fake);
  // The seventh question is answered at once but its answer held back 4 s: the page reloads meanwhile.
  await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({
    path: chatPath, faults: [{}, {}, {}, {}, {}, {}, { hold: 4 }] }) });
  await runCandidate(page, MINI);
  await page.waitForFunction(async ([url, path]) => (await (await fetch(`${url}/__fake/requests`)).json()).requests
    .some((entry) => entry.path === path && entry.fault === 'hold'), [fake.url, chatPath]);
  await page.reload();
  const { now: reloadedAt } = await (await fetch(`${fake.url}/__fake/requests`)).json();
  await settled(page);
  await openAtFake(fake, page);
  await page.waitForFunction(allDone, null, { timeout: 120000 });

  const log = (await requests(fake)).filter((entry) => entry.path === chatPath);
  const asked = new Map();
  for (const entry of log) {
    assert.ok(entry.chat, `request ${entry.id} was answered`);
    asked.set(entry.chat.text, (asked.get(entry.chat.text) ?? 0) + 1);
  }
  assert.equal(asked.size, 100);
  assert.deepEqual([...asked.values()].filter((times) => times > 1), [], 'no row was asked twice');
  const heldEntry = log.find((entry) => entry.fault === 'hold');
  assert.ok(heldEntry.answered > reloadedAt, 'the held answer was written after the page had gone');
  const [evaluation] = (await state(page)).evaluations;
  assert.equal(evaluation.done, 100);
  const rows = new Map(log.map((entry) => [entry.chat.text, [entry.chat]]));
  assert.equal(evaluation.correct, expected(rows).correct, 'the handed-over answer counts like any other');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Installed before the page's scripts: the page's frames can be held (as a browser holds them for a
// tab in the background), and its chat requests are counted as the browser completes them.
function holdableFramesAndCountedAnswers() {
  const requestFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => (window.holdFrames ? 0 : requestFrame(callback));
  window.chatRequests = { inFlight: 0, answered: 0 };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.chatUrl = String(url).endsWith('/chat/completions');
    return open.call(this, method, url, ...rest);
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.chatUrl) {
      window.chatRequests.inFlight++;
      // Added after the page's own handlers, so it runs once the page has been handed the answer.
      this.addEventListener('loadend', () => {
        window.chatRequests.inFlight--;
        if (this.status === 200) window.chatRequests.answered++;
      });
    }
    return send.apply(this, args);
  };
}

test('answers that reach the page just before a reload are kept, not asked again', async () => {
  const fake = await startFake(['--latency-ms', '300', '--seed', '8']);
  const page = await openAtFake(fake);
  await page.context().addInitScript(holdableFramesAndCountedAnswers);
  await page.reload();
  await openAtFake(fake, page);
  await runCandidate(page, MINI);
  await page.waitForFunction(() => window.tuneboard.state().evaluations[0].done >= 10);
  // No frame comes now, so the answers still on their way reach the page and wait for one that never
  // comes before the reload.
  const answeredAtHold = await page.evaluate(() => { window.holdFrames = true; return window.chatRequests.answered; });
  await page.waitForFunction(() => window.chatRequests.inFlight === 0, null, { polling: 20 });
  const answered = await page.evaluate(() => window.chatRequests.answered);
  const applied = (await state(page)).evaluations[0].done;
  assert.ok(answered > answeredAtHold && applied < answered, `answered ${answeredAtHold} → ${answered}, applied ${applied}`);
  await page.reload();
  await settled(page);
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 1);
  assert.equal((await state(page)).evaluations[0].done, answered, 'every answer the page had was kept');

  await openAtFake(fake, page);
  await page.waitForFunction(allDone, null, { timeout: 120000 });
  const rows = answersSeen(await requests(fake)).get(MINI);
  assert.equal(rows.size, 100);
  for (const [text, answers] of rows) assert.equal(answers.length, 1, `row ${text} was asked ${answers.length} times`);
  assert.equal((await state(page)).evaluations[0].done, 100);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// A page at `fake` with one zero-shot candidate, its batches first looked at after `checkSeconds`.
async function batchCandidate(fake, checkSeconds) {
  const page = await openAtFake(fake);
  await teachTruth(page, fake);
  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Model', MINI);
  await clickItem(page, 'Add candidate');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 1);
  await typeInto(page, 'Check batches every (s)', String(checkSeconds));
  return page;
}

test('run as a batch: a create whose answer is lost is adopted, a reload goes on watching, one batch, every row once, at half the price', async () => {
  const fake = await startFake();
  let page = await batchCandidate(fake, 1);
  // The provider makes the batch but its answer to the create is a 500: the page must find the batch by its
  // client id rather than create (and pay for) another.
  await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({
    path: '/v1/batches', faults: [{ after: true, status: 500 }] }) });
  await clickItem(page, 'Run as batch');
  await page.waitForFunction(() => {
    const [batch] = window.tuneboard.state().evaluations[0].batches;
    return batch && batch.batchId !== '' && batch.status === 'in_progress';
  }, null, { timeout: 60000 });
  await page.reload();
  await settled(page);
  // The key lives in memory only: the batch waits for it, then is watched again from its saved record.
  page = await openAtFake(fake, page);
  await page.waitForFunction(() => {
    const [e] = window.tuneboard.state().evaluations;
    return e && e.done === e.rows && e.batches.length === 0;
  }, null, { timeout: 120000 });

  const log = await requests(fake);
  const creates = log.filter((entry) => entry.method === 'POST' && entry.path === '/v1/batches');
  assert.equal(creates.length, 1, 'the create was sent again instead of finding the batch it made');
  assert.equal(log.filter((entry) => entry.path === chatPath).length, 0, 'a row was asked live');
  const listed = await (await fetch(`${fake.url}/v1/batches`, { headers: { Authorization: `Bearer ${KEY}` } })).json();
  assert.equal(listed.data.length, 1);
  assert.equal(listed.data[0].request_counts.total, 100);
  const [batchRun] = (await state(page)).evaluations;
  assert.equal(batchRun.done, 100);
  // gpt-4o-mini at $0.15 / $0.60 per million tokens live (assets/fine_tuning_prices.json), half as a batch.
  const live = (batchRun.promptTokens * 0.15 + batchRun.completionTokens * 0.60) / 1e6;
  assert.ok(batchRun.promptTokens > 0 && Math.abs(batchRun.cost - live / 2) < 1e-12, `cost ${batchRun.cost}, live ${live}`);
  assert.deepEqual(page.problems.filter((p) => !/status of 500/.test(p)), []);
  await page.context().close();

  // Asked live of a fresh fake, the same candidate answers the same: the batch asked the same questions.
  const other = await startFake();
  const livePage = await openAtFake(other);
  await teachTruth(livePage, other);
  await runCandidate(livePage, MINI);
  await livePage.waitForFunction(allDone, null, { timeout: 120000 });
  assert.deepEqual(summary((await state(livePage)).evaluations), summary([batchRun]));
  await livePage.context().close();
});

test('cancelling a batch asks first, keeps what it answered, and leaves the rest to ask', async () => {
  const fake = await startFake();
  // The fake moves a batch one status a look: looks 2 s apart leave time to cancel while it runs.
  const page = await batchCandidate(fake, 2);
  await clickItem(page, 'Run as batch');
  await page.waitForFunction(() => window.tuneboard.state().evaluations[0].batches[0]?.status === 'in_progress',
    null, { timeout: 60000 });
  await clickItem(page, 'Cancel batch…');
  // Nothing is cancelled until the person says so.
  await item(page, 'Keep it');
  assert.equal((await requests(fake)).filter((entry) => entry.path.endsWith('/cancel')).length, 0);
  await clickItem(page, 'Cancel the batch');
  await page.waitForFunction(() => window.tuneboard.state().evaluations[0].batches.length === 0, null, { timeout: 60000 });
  const [cancelled] = (await state(page)).evaluations;
  // The fake answers the first half of a batch cancelled while in progress; the rest were never run.
  assert.equal(cancelled.done, 50);
  assert.equal(cancelled.failed, 0);
  assert.equal((await requests(fake)).filter((entry) => entry.path.endsWith('/cancel')).length, 1);
  const { status } = await state(page);
  assert.match(status.text, /50 rows answered, 50 not run/);
  assert.equal(status.level, 'info', 'a cancel the person asked for is not reported as an error');
  await clickItem(page, 'Run');
  await page.waitForFunction(allDone, null, { timeout: 120000 });
  const live = (await requests(fake)).filter((entry) => entry.path === chatPath && entry.chat);
  assert.equal(new Set(live.map((entry) => entry.chat.text)).size, 50, 'only the rows the batch did not run are asked live');
  assert.equal((await state(page)).evaluations[0].done, 100);
  await page.context().close();
});
