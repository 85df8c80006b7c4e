// A fault soak: one chat candidate evaluated on 1,000 test rows against the fake OpenAI server while it
// answers a seeded fraction of requests with 429s (with retry-after) and 500s, after a random latency,
// and the page is reloaded once in the middle. Then the same rows and candidate again, cleanly (no
// faults, no latency, no reload). The fake's request log says how often each row was asked and answered;
// the two runs' exported predictions say whether the results are the same. Prints details, then:
// soak rows=<test rows> asked=<requests that reached the fake> duplicates=<rows answered 200 more than once> identical=<true|false>
// With --batch, the faulty run is a batch instead (issue 16's target: --batch --rows 5000): the candidate is run
// as a batch through the fake's Batch API, the fake makes the batch but answers its create with a 500 (an
// ambiguous create), and the page is reloaded while the batch is in progress. Then the clean live run as
// above. Ends with:
// batch_soak rows=<test rows> creates=<batch creates sent> batches=<batches the fake made> live=<rows asked live>
//            answered=<rows with an answer> identical=<true|false>
// usage: node bench/soak.mjs [--rows 1000] [--seed 1] [--rate-429 0.2] [--rate-500 0.05] [--latency-ms 150]
//                            [--retry-after-ms 50] [--concurrency 4] [--model gpt-4o-mini-2024-07-18] [--minutes 30]
//                            [--batch]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  animationFrames, clickItem, downloadFrom, item, launchBrowser, openApp, parseCsv, pasteKey, root, scrollToItem, settled,
  startFakeProvider, startSite, state, typeInto,
} from '../tests/browser/harness.mjs';

const { values: opts } = parseArgs({ options: {
  rows: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' },
  'rate-429': { type: 'string', default: '0.2' }, 'rate-500': { type: 'string', default: '0.05' },
  'latency-ms': { type: 'string', default: '150' }, 'retry-after-ms': { type: 'string', default: '50' },
  concurrency: { type: 'string', default: '4' }, model: { type: 'string', default: 'gpt-4o-mini-2024-07-18' },
  minutes: { type: 'string', default: '30' }, batch: { type: 'boolean', default: false },
} });
const TEST_ROWS = Number(opts.rows);
const SEED = Number(opts.seed);
const KEY = 'sk-fake-soak-6d2a91';
const CHAT = '/v1/chat/completions';
const started = Date.now();
const deadline = started + Number(opts.minutes) * 60000;
const seconds = (ms) => (ms / 1000).toFixed(1);

// The time left of the overall limit, for every wait; running out says what was awaited.
const remaining = () => Math.max(1, deadline - Date.now());
async function waitFor(page, what, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: remaining() });
  } catch (error) {
    const evaluations = await page.evaluate(() => window.tuneboard.state().evaluations).catch(() => 'page gone');
    throw new Error(`soak: gave up after ${seconds(Date.now() - started)} s (--minutes ${opts.minutes}) waiting for ` +
      `${what}; evaluations: ${JSON.stringify(evaluations)}\n${error.message}`);
  }
}

// A seeded draw in [0, 1) (an LCG: the same seed picks the same reload point on every machine).
let lcg = (SEED * 2654435761) % 2147483648;
const random = () => ((lcg = (lcg * 1103515245 + 12345) % 2147483648) / 2147483648);

// The data: the demo data's generator (synthetic, deterministic by seed), large enough that each of the
// six largest classes has a sixth of the test rows plus its training and validation rows.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tuneboard-soak-'));
const csvPath = path.join(scratch, 'soak-complaints.csv');
const generatedRows = Math.max(3600, Math.ceil(TEST_ROWS * 6));
execFileSync('python3', [path.join(root, 'assets/make_demo_data.py'), csvPath, '--rows', String(generatedRows),
  '--seed', String(SEED)]);

const site = await startSite();
const browser = await launchBrowser();
const fakes = [];
async function cleanUp() {
  await browser.close().catch(() => {});
  for (const fake of fakes) fake.stop();
  site.stop();
  rmSync(scratch, { recursive: true, force: true });
}

async function startFake(flags) {
  const fake = await startFakeProvider([KEY], flags);
  fakes.push(fake);
  return fake;
}
const fakeLog = async (fake) => (await fetch(`${fake.url}/__fake/requests`)).json();

// The key pasted and the Providers window (opened by the link) closed, as a person does after a reload too.
async function enterKey(page) {
  await pasteKey(page, 'openai', KEY);
  await clickItem(page, 'Providers');
}

// A numeric field with -/+ buttons: brought into its pane's view with the wheel over that pane (the Data
// step's settings scroll apart from the split's rows), clicked at its left end, where its text is, then
// typed into.
async function typeIntoStepper(page, label, text) {
  const shown = (it) => it && it.y >= it.clip.y && it.y + it.h <= it.clip.y + it.clip.h;
  for (let turn = 0; turn < 40; turn++) {
    const it = await item(page, label);
    if (shown(it)) break;
    await page.mouse.move(it.x + 8, Math.min(it.y, it.clip.y + it.clip.h) - 20);
    await page.mouse.wheel(0, 120);
    await animationFrames(page, 3);
  }
  const it = await item(page, label);
  await page.mouse.move(it.x + 8, it.y + it.h / 2);
  await animationFrames(page, 2);
  await page.mouse.click(it.x + 8, it.y + it.h / 2);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

// A fresh browser profile at the fake: the generated file opened, TEST_ROWS test rows, the fake taught
// the split's true labels, one candidate added. Returns the page and the split's test rows.
async function prepare(fake) {
  const page = await openApp(browser, `${site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
  await settled(page);
  await enterKey(page);
  await page.locator('input[type=file]').setInputFiles(csvPath);
  await waitFor(page, 'the generated file to be read', (name) => {
    const s = window.tuneboard.state();
    return s.dataset?.name === name && !s.reading && s.split !== null;
  }, path.basename(csvPath));
  await typeIntoStepper(page, 'Test', String(TEST_ROWS));
  await waitFor(page, `a split with ${TEST_ROWS} test rows`, (n) => window.tuneboard.state().split?.test.length === n, TEST_ROWS);
  const { split } = await state(page);
  const csv = (await downloadFrom(page, await scrollToItem(page, 'Download split CSV'))).bytes.toString();
  await fetch(`${fake.url}/__fake/truth`, { method: 'POST', body: JSON.stringify({ csv, text: 'text', label: 'label' }) });
  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Model', opts.model);
  await clickItem(page, 'Add candidate');
  await waitFor(page, 'the candidate', () => window.tuneboard.state().evaluations.length === 1);
  if (opts.concurrency !== '4') await typeIntoStepper(page, 'Requests at once', opts.concurrency);
  return { page, test: split.test };
}

const allDone = () => window.tuneboard.state().evaluations.every((e) => e.done === e.rows && e.phase === 'idle');

// Each test row's answer as the page exports it (row → [true label, answer, right, the model's words]).
async function predictions(page) {
  await clickItem(page, 'Compare');
  const csv = (await downloadFrom(page, await scrollToItem(page, 'Export predictions CSV', -1))).bytes.toString();
  const [header, ...rows] = parseCsv(csv).filter((fields) => fields.length > 1);
  const at = (name) => header.indexOf(name);
  const byRow = new Map();
  for (const fields of rows) byRow.set(fields[at('row')], [fields[at('true_label')], ...fields.slice(3)]);
  return byRow;
}

// Per test row (by the hash of its user message, as the fake logs it): its requests' outcomes.
function perRow(requests) {
  const rows = new Map();
  for (const entry of requests) {
    if (entry.path !== CHAT || !entry.chat) continue;
    if (!rows.has(entry.chat.text)) rows.set(entry.chat.text, []);
    rows.get(entry.chat.text).push(entry);
  }
  return rows;
}

// The most requests the fake was answering at one time.
function mostAtOnce(requests) {
  const edges = requests.flatMap((entry) => [[entry.arrived, 1], [entry.answered, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

// The chat requests of a page as its browser saw them, each row named as the fake names it (the hash of
// the request's last user message): `received` the rows whose 200 answer arrived, `aborted` the
// requests that ended without an answer (in flight when the page went away). `onAnswer(count)` after
// each 200.
function watchRequests(page, onAnswer) {
  const seen = { received: new Set(), aborted: 0 };
  const rowOf = (request) => {
    const users = JSON.parse(request.postData()).messages.filter((m) => m.role === 'user');
    return createHash('sha256').update(users.at(-1).content).digest('hex').slice(0, 16);
  };
  page.on('requestfinished', async (request) => {
    if (!request.url().endsWith(CHAT) || (await request.response())?.status() !== 200) return;
    seen.received.add(rowOf(request));
    onAnswer(seen.received.size);
  });
  page.on('requestfailed', (request) => {
    if (request.url().endsWith(CHAT)) seen.aborted++;
  });
  return seen;
}

let failed = false;
try {
  if (opts.batch) await batchSoak(); else await faultSoak();
} catch (error) {
  console.error(error.message);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);

async function faultSoak() {
  // --- the faulty run ------------------------------------------------------------------------------------
  const faulty = await startFake(['--rate-429', opts['rate-429'], '--rate-500', opts['rate-500'],
    '--latency-ms', opts['latency-ms'], '--retry-after-ms', opts['retry-after-ms'], '--seed', String(SEED)]);
  let { page, test } = await prepare(faulty);
  // The reload comes at the worst moment: the instant the browser has the reloadAt-th answer, before the
  // page has had a frame to keep it.
  const reloadAt = Math.floor(TEST_ROWS * (0.25 + 0.5 * random()));
  let answerArrived;
  const reloadPoint = new Promise((resolve) => { answerArrived = resolve; });
  const oldPage = watchRequests(page, (count) => { if (count === reloadAt) answerArrived(); });
  const runStarted = Date.now();
  await clickItem(page, 'Run all');
  const timeLimit = new Promise((resolve, reject) => setTimeout(() => reject(new Error(
    `soak: gave up after ${seconds(Date.now() - started)} s (--minutes ${opts.minutes}) waiting for answer ${reloadAt}`)), remaining()));
  await Promise.race([reloadPoint, timeLimit]);
  await page.reload();
  await settled(page);
  await waitFor(page, 'the evaluation restored after the reload', () => window.tuneboard.state().evaluations.length === 1);
  const restored = (await state(page)).evaluations[0];
  page.removeAllListeners('requestfinished');  // what the old page received and lost is known now
  page.removeAllListeners('requestfailed');
  await enterKey(page);
  await waitFor(page, 'every row answered after the reload', allDone);
  const faultySeconds = (Date.now() - runStarted) / 1000;
  const faultyEvaluation = (await state(page)).evaluations[0];
  const faultyAnswers = await predictions(page);
  const problems = page.problems.filter((p) => !/status of (429|500)/.test(p));
  await page.context().close();

  // --- the clean run -------------------------------------------------------------------------------------
  const clean = await startFake(['--seed', String(SEED)]);
  ({ page } = await prepare(clean));
  assertSame(test, (await state(page)).split.test, 'the clean run\'s test rows differ from the faulty run\'s');
  const cleanStarted = Date.now();
  await clickItem(page, 'Run all');
  await waitFor(page, 'every row answered in the clean run', allDone);
  const cleanSeconds = (Date.now() - cleanStarted) / 1000;
  const cleanEvaluation = (await state(page)).evaluations[0];
  const cleanAnswers = await predictions(page);
  problems.push(...page.problems);
  await page.context().close();

  // --- what the fake saw ---------------------------------------------------------------------------------
  const log = (await fakeLog(faulty)).requests.filter((entry) => entry.path === CHAT);
  const count = (fault) => log.filter((entry) => entry.fault === fault).length;
  const rows = perRow(log);
  const paid = (entries) => entries.filter((entry) => entry.fault === null);
  const answeredRows = [...rows.values()].filter((entries) => paid(entries).length > 0).length;
  const duplicateRows = [...rows.values()].filter((entries) => paid(entries).length > 1);
  // A duplicate whose first answer had reached the page was the page's to keep; else it was in flight at
  // the reload (written by the fake, never received).
  const lostAnswers = duplicateRows.filter((entries) => oldPage.received.has(entries[0].chat.text)).length;
  const inFlightAnswers = duplicateRows.length - lostAnswers;
  const unanswered = log.filter((entry) => !entry.chat && entry.fault === null).length;  // dropped connections
  const cleanLog = (await fakeLog(clean)).requests.filter((entry) => entry.path === CHAT);

  let differing = 0;
  for (const [row, answer] of cleanAnswers) {
    if (JSON.stringify(faultyAnswers.get(row)) !== JSON.stringify(answer)) differing++;
  }
  const summary = ({ done, correct, invalid, failed: rowsFailed, accuracy, macroF1 }) =>
    JSON.stringify({ done, correct, invalid, failed: rowsFailed, accuracy, macroF1 });
  const identical = differing === 0 && cleanAnswers.size === TEST_ROWS && faultyAnswers.size === TEST_ROWS &&
    summary(faultyEvaluation) === summary(cleanEvaluation);

  console.log(`data: ${generatedRows} generated rows (seed ${SEED}), ${test.length} test rows; model ${opts.model}; ` +
    `${opts.concurrency} requests at once`);
  console.log(`faults: 429 ${opts['rate-429']} (retry-after-ms ${opts['retry-after-ms']}), 500 ${opts['rate-500']}, ` +
    `latency 0–${opts['latency-ms']} ms`);
  console.log(`faulty run: ${log.length} requests, ${count(429)} × 429, ${count(500)} × 500, ${paid(log).length} answered 200, ` +
    `${answeredRows} rows answered, ${TEST_ROWS - answeredRows} rows never answered, ${unanswered} unanswered; ` +
    `${seconds(faultySeconds * 1000)} s`);
  console.log(`at most ${mostAtOnce(log)} requests at once at the fake`);
  console.log(`reload the instant answer ${reloadAt} reached the browser: it had ${oldPage.received.size} answers, the page ` +
    `kept ${restored.done}; ${oldPage.aborted} requests in flight were cut off`);
  console.log(`duplicates: ${duplicateRows.length} rows answered 200 more than once: ${inFlightAnswers} in flight at the ` +
    `reload (answer never received), ${lostAnswers} received by the browser and not kept`);
  console.log(`clean run: ${cleanLog.length} requests; ${seconds(cleanSeconds * 1000)} s`);
  console.log(`results: faulty ${summary(faultyEvaluation)}`);
  console.log(`         clean  ${summary(cleanEvaluation)}; ${differing} rows answered differently`);
  if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
  console.log(`time: ${seconds(Date.now() - started)} s in all`);
  console.log(`soak rows=${test.length} asked=${log.length} duplicates=${duplicateRows.length} identical=${identical}`);
}

// The candidate run as a batch with an ambiguous create and a reload mid-batch, then cleanly and live.
async function batchSoak() {
  const fake = await startFake(['--seed', String(SEED)]);
  let { page, test } = await prepare(fake);
  await typeIntoStepper(page, 'Check batches every (s)', '1');
  // The fake makes the batch, then answers the create with a 500: the page must find it, not make another.
  await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({
    path: '/v1/batches', faults: [{ after: true, status: 500 }] }) });
  const runStarted = Date.now();
  await clickItem(page, 'Run as batch');
  await waitFor(page, 'the batch in progress', () => window.tuneboard.state().evaluations[0].batches[0]?.status === 'in_progress');
  await page.reload();
  await settled(page);
  await enterKey(page);
  await waitFor(page, 'every row answered through the batch', () => {
    const [e] = window.tuneboard.state().evaluations;
    return e && e.done === e.rows && e.batches.length === 0;
  });
  const batchSeconds = (Date.now() - runStarted) / 1000;
  const batchEvaluation = (await state(page)).evaluations[0];
  const batchAnswers = await predictions(page);
  const problems = page.problems.filter((p) => !/status of 500/.test(p));
  await page.context().close();
  const log = (await fakeLog(fake)).requests;
  const creates = log.filter((entry) => entry.method === 'POST' && entry.path === '/v1/batches').length;
  const live = new Set(log.filter((entry) => entry.path === CHAT && entry.chat).map((entry) => entry.chat.text)).size;
  const listed = await (await fetch(`${fake.url}/v1/batches?limit=100`, { headers: { Authorization: `Bearer ${KEY}` } })).json();

  const clean = await startFake(['--seed', String(SEED)]);
  ({ page } = await prepare(clean));
  assertSame(test, (await state(page)).split.test, 'the clean run\'s test rows differ from the batch run\'s');
  await clickItem(page, 'Run all');
  await waitFor(page, 'every row answered in the clean run', allDone);
  const cleanEvaluation = (await state(page)).evaluations[0];
  const cleanAnswers = await predictions(page);
  problems.push(...page.problems);
  await page.context().close();

  let differing = 0;
  for (const [row, answer] of cleanAnswers) {
    if (JSON.stringify(batchAnswers.get(row)) !== JSON.stringify(answer)) differing++;
  }
  const summary = ({ done, correct, invalid, failed: rowsFailed, accuracy, macroF1 }) =>
    JSON.stringify({ done, correct, invalid, failed: rowsFailed, accuracy, macroF1 });
  const identical = differing === 0 && batchAnswers.size === TEST_ROWS && summary(batchEvaluation) === summary(cleanEvaluation);
  console.log(`data: ${generatedRows} generated rows (seed ${SEED}), ${test.length} test rows; model ${opts.model}`);
  console.log(`batch run: ${creates} creates sent (the first answered 500 after the batch was made), ` +
    `${listed.data.length} batches made, ${live} rows asked live; reload while in progress; ${seconds(batchSeconds * 1000)} s`);
  console.log(`cost: batch ${batchEvaluation.cost}, live ${cleanEvaluation.cost}`);
  console.log(`results: batch ${summary(batchEvaluation)}`);
  console.log(`         live  ${summary(cleanEvaluation)}; ${differing} rows answered differently`);
  if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
  console.log(`time: ${seconds(Date.now() - started)} s in all`);
  console.log(`batch_soak rows=${test.length} creates=${creates} batches=${listed.data.length} live=${live} ` +
    `answered=${batchEvaluation.done} identical=${identical}`);
}

function assertSame(a, b, message) {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`soak: ${message}`);
}
