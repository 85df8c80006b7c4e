// Fine-tuning against the fake OpenAI server: demo data → prompt → checked files with exact token counts
// → cost in the confirmation → upload → job → curves that grow while it runs → a reload mid-run resumes
// watching → succeeded, result file read, the fine-tuned model offered; a failed job, a cancelled one,
// and training_not_available.
import assert from 'node:assert/strict';
import { getEncoding } from 'js-tiktoken';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifacts, assertChartPng, clickItem, launchBrowser, openApp, pasteKey, resize, screenshot, scrollToItem, settled, startFakeProvider, startSite, state, typeInto, downloadFrom,
} from './harness.mjs';

const KEY = 'sk-fake-tune-8c21d0';
let site;
let fake;
let browser;
before(async () => {
  site = await startSite();
  // One training step every 0.3 s: a 10-step job runs for a few seconds.
  fake = await startFakeProvider([KEY], ['--step-seconds', '0.3']);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  fake?.stop();
  site?.stop();
});

const requests = async () => (await (await fetch(`${fake.url}/__fake/requests`)).json()).requests;
const fault = (path, faults) => fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ path, faults }) });

async function openAtFake() {
  const page = await openApp(browser, `${site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'] });
  await settled(page);
  await pasteKey(page, 'openai', KEY);
  await clickItem(page, 'Providers');  // closes the window the link opened
  return page;
}

// Small jobs: two epochs of batches of 5 (40 steps, about 13 s at the fake's pace), checked every second.
async function smallJobSettings(page) {
  await clickItem(page, 'Epochs: auto');
  await typeInto(page, 'Epochs', '2');
  await clickItem(page, 'Batch size: auto');
  await typeInto(page, 'Batch size', '5');
  await typeInto(page, 'Check every (s)', '1');
  await page.waitForFunction(() => {
    const f = window.tuneboard.state().fineTune;
    return f.settings.nEpochs === 2 && f.settings.batchSize === 5 && f.checkSeconds === 1;
  });
}

async function startJob(page) {
  await page.waitForFunction(() => window.tuneboard.state().fineTune.tokens === 'counted');
  const jobs = (await state(page)).jobs.length;
  await clickItem(page, 'Start fine-tuning…');
  await clickItem(page, 'Start');
  await page.waitForFunction((n) => window.tuneboard.state().jobs.length === n && window.tuneboard.state().jobs.at(-1).id !== '',
    jobs + 1);
  return (await state(page)).jobs.at(-1);
}

test('the prompt makes checked files with exact token counts, and the cost is stated before anything is sent', async () => {
  const page = await openAtFake();
  await clickItem(page, 'Prompt');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.tokens === 'counted');
  const fine = (await state(page)).fineTune;
  assert.equal(fine.training.examples, 100);
  assert.equal(fine.validation.examples, 100);
  assert.equal(fine.training.ok, true, JSON.stringify(fine.training.findings));
  assert.equal(fine.encoding, 'o200k_base');
  assert.match(fine.preview, /\S/);
  // 100 examples: the cookbook's rule gives 3 epochs.
  assert.equal(fine.cost.epochs, 3);
  assert.match(fine.cost.statement, /^3 epochs \(auto\) × [\d,]+ tokens = [\d,]+ billed tokens ≈ \$/);

  // The page's counts are js-tiktoken's, in the same words.
  const texts = ['Hello, world!', 'Ünïcödé — “quotes” and emoji 🎉🎉', '  leading spaces\r\n\r\ntrailing  ',
    'I\'VE been charged $1,234.56 on 2023-09-15!!!', '中文文本，日本語のテキスト', 'x'.repeat(5000)];
  for (const encoding of ['o200k_base', 'cl100k_base']) {
    const reference = getEncoding(encoding);
    for (const text of texts) {
      const count = await page.evaluate(([t, e]) => window.tuneboard.countTokens(t, e), [text, encoding]);
      assert.equal(count, reference.encode(text).length, `${encoding}: ${JSON.stringify(text.slice(0, 30))}`);
    }
  }
  // Nothing went to the provider but the key test-free model list: no file, no job.
  assert.equal((await requests()).filter((r) => r.path.startsWith('/v1/files') || r.path.startsWith('/v1/fine_tuning')).length, 0);
  await screenshot(page, 'prompt-checked');
  await page.context().close();
});

test('a job is uploaded, created once, watched live, survives a reload, and offers its model when it succeeds', async () => {
  const page = await openAtFake();
  await clickItem(page, 'Fine-tune');
  await smallJobSettings(page);
  const job = await startJob(page);
  assert.equal(job.provider, 'openai');
  assert.equal(job.model, 'gpt-4o-mini-2024-07-18');

  // The curves appear, then grow.
  await page.waitForFunction(() => (window.tuneboard.state().jobs[0].series.train_loss || []).length >= 2);
  const seen = (await state(page)).jobs[0].series.train_loss.length;
  await page.waitForFunction((n) => window.tuneboard.state().jobs[0].series.train_loss.length > n, seen);
  await scrollToItem(page, 'Train token accuracy');
  await screenshot(page, 'finetune-running');

  // A reload mid-run restores the job and what was read; with the key entered again, watching resumes.
  const before = (await state(page)).jobs[0];
  await page.reload();
  await page.waitForFunction(() => window.tuneboard?.state().jobs.length === 1);
  const restored = (await state(page)).jobs[0];
  assert.equal(restored.id, before.id);
  // What was saved comes back as it was. (Points that arrived in the instant before the reload may not
  // have reached IndexedDB yet: they are read again from the provider when watching resumes.)
  assert.ok(restored.series.train_loss.length >= 2);
  const seenBefore = new Map(before.series.train_loss.map(([step, value]) => [step, value]));
  for (const [step, value] of restored.series.train_loss) assert.equal(value, seenBefore.get(step));
  await pasteKey(page, 'openai', KEY);
  await clickItem(page, 'Providers');
  await clickItem(page, 'Fine-tune');
  await page.waitForFunction(() => window.tuneboard.state().jobs[0].status === 'succeeded' &&
    window.tuneboard.state().jobs[0].resultRead, null, { timeout: 60000 });
  const done = (await state(page)).jobs[0];
  assert.equal(done.series.train_loss.length, 40);
  assert.ok(done.series.valid_loss.length >= 2);
  assert.match(done.fineTunedModel, /^ft:gpt-4o-mini-2024-07-18:/);
  const candidates = (await state(page)).candidates;
  assert.ok(candidates.some((c) => c.model === done.fineTunedModel));
  // Its curves read in words. The fake's loss, 1.8·e^(−3.5·step/40) + 0.05 with ±0.06 of noise, falls
  // from about 1.8 to about 0.1: never flat nor rising, and no provider loss has a chance level. Whether
  // the fall over its last 30 % stands clear of that noise is for the rule (the validation loss decides:
  // a point every 5 steps); the numbers it quotes are checked against the series.
  const valid = done.series.valid_loss.map(([, value]) => value);
  const n = valid.length;
  assert.ok(n >= 5, `${n} validation points`);
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const quoted = (text, number) => Math.abs(Number(text) - number) <= 0.005 * Math.abs(number);  // 3 significant digits
  if (done.verdict.kind === 'still_improving') {
    const [, from, to] = done.verdict.text.match(
      /^Still improving at the end: the validation loss fell from ([\d.]+) to ([\d.]+) over the last 30 % of the run/);
    // The last 30 % (at least 4 points), in two halves.
    const tail = Math.min(n, Math.max(4, Math.ceil(0.3 * n))), half = tail >> 1;
    assert.ok(quoted(from, median(valid.slice(n - tail, n - tail + half))) && quoted(to, median(valid.slice(n - tail + half))),
      done.verdict.text);
  } else {
    assert.equal(done.verdict.kind, 'converged', done.verdict.text);
    // From the median of the first points (a tenth of them, 1 to 3) to the median of the last of (up to)
    // ten runs of points.
    const [, from, to] = done.verdict.text.match(/^Converged(?:, as far as the noise shows)?: the validation loss fell from ([\d.]+) to ([\d.]+)/);
    const windows = Math.min(10, n), head = Math.min(3, Math.max(1, Math.floor(n / 10)));
    assert.ok(quoted(from, median(valid.slice(0, head))) && quoted(to, median(valid.slice(Math.floor((windows - 1) * n / windows)))),
      done.verdict.text);
  }
  assert.ok(done.verdict.bestX === undefined && done.verdict.bestCheckpoint === undefined);
  console.log(`job verdict (${done.verdict.kind}): ${done.verdict.text}`);

  // Two uploads, one create: nothing paid for twice.
  const sent = await requests();
  assert.equal(sent.filter((r) => r.method === 'POST' && r.path === '/v1/files').length, 2);
  assert.equal(sent.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').length, 1);
  await scrollToItem(page, 'Train token accuracy');
  await screenshot(page, 'finetune-succeeded');
  // The sentence is drawn under the job's loss plot, and wraps inside the panel at 1024 × 768 too.
  await scrollToItem(page, done.verdict.text);
  await screenshot(page, 'finetune-verdict-1280x800');
  await resize(page, { width: 1024, height: 768 });
  const narrow = await scrollToItem(page, done.verdict.text);
  assert.ok(narrow.x + narrow.w <= 1024, `the sentence ends at ${narrow.x + narrow.w}`);
  await screenshot(page, 'finetune-verdict-1024x768');
  await resize(page, { width: 1280, height: 800 });

  // The fine-tuned model is a candidate in Evaluate, offered first, and answers every test row.
  const { fineTunedModel } = (await state(page)).jobs[0];
  await clickItem(page, 'Evaluate');
  await clickItem(page, 'Add');
  await page.waitForFunction((model) => window.tuneboard.state().evaluations.some((e) => e.name.startsWith(model)), fineTunedModel);
  await clickItem(page, 'Run all');
  await page.waitForFunction((model) => window.tuneboard.state().evaluations.some((e) => e.name.startsWith(model) && e.done === 100),
    fineTunedModel, { timeout: 60000 });
  const asked = (await requests()).filter((r) => r.path === '/v1/chat/completions' && r.chat);
  assert.equal(asked.length, 100);
  assert.ok(asked.every((r) => r.chat.model === fineTunedModel));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a failed job shows its error, a cancelled one stops, and training_not_available explains the way out', async () => {
  const page = await openAtFake();
  await clickItem(page, 'Fine-tune');
  await smallJobSettings(page);

  // The fake fails a model whose name contains "fail", halfway through.
  await typeInto(page, 'Model', 'gpt-4o-mini-fail');
  const failing = await startJob(page);
  await page.waitForFunction((id) => window.tuneboard.state().jobs.find((j) => j.id === id).status === 'failed', failing.id,
    { timeout: 60000 });
  const failed = (await state(page)).jobs.find((j) => j.id === failing.id);
  assert.match(failed.error, /Training failed at step/);

  // Cancel asks first.
  await typeInto(page, 'Model', 'gpt-4o-mini-2024-07-18');
  const running = await startJob(page);
  const cancel = await scrollToItem(page, 'Cancel job…');
  await page.mouse.click(cancel.x + cancel.w / 2, cancel.y + cancel.h / 2);
  await clickItem(page, 'Cancel the job');
  await page.waitForFunction((id) => window.tuneboard.state().jobs.find((j) => j.id === id).status === 'cancelled', running.id);
  await scrollToItem(page, 'Start fine-tuning…', -1);

  // No new fine-tuning for this account: said, with the alternatives, and no job left behind.
  await fault('/v1/fine_tuning/jobs', [{ code: 'training_not_available' }]);
  const jobs = (await state(page)).jobs.length;
  await clickItem(page, 'Start fine-tuning…');
  await clickItem(page, 'Start');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.launch.phase === 'failed');
  const launch = (await state(page)).fineTune.launch;
  assert.match(launch.error, /2027-01-06/);
  assert.match(launch.error, /Azure OpenAI, Nebius or Together/);
  assert.equal((await state(page)).jobs.length, jobs);
  await screenshot(page, 'finetune-not-available');
  await page.context().close();
});

test('a create that failed ambiguously is kept when the list that looks for it is refused, then looked for again', async () => {
  const page = await openAtFake();
  await clickItem(page, 'Fine-tune');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.tokens === 'counted');
  // The create gets a 503 (the job may exist), the list that looks for it a 401: neither says the job is not there.
  await fault('/v1/fine_tuning/jobs', [{ status: 503 }, { status: 401 }]);
  await clickItem(page, 'Start fine-tuning…');
  await clickItem(page, 'Start');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.launch.phase === 'failed');
  const s = await state(page);
  assert.match(s.fineTune.launch.error, /^The job's creation is unconfirmed: HTTP 401/);
  assert.equal(s.jobs.length, 1);
  assert.equal(s.jobs[0].status, 'creating');
  assert.match(s.jobs[0].watchError, new RegExp(`client id ${s.jobs[0].key}`));

  // Check now lists again; the provider has no such job (the 503 made none). Not being listed is not
  // proof (a create under way is not listed yet), so the start stays, saying so, until the person forgets it.
  const check = await scrollToItem(page, 'Check now');
  await page.mouse.click(check.x + check.w / 2, check.y + check.h / 2);
  await page.waitForFunction(() => /probably never created/.test(window.tuneboard.state().jobs[0]?.watchError));
  const looked = await state(page);
  assert.equal(looked.jobs.length, 1);
  assert.match(looked.status.text, new RegExp(`^The provider lists no job from this start \\(${looked.jobs[0].key}\\) as of `));
  await clickItem(page, 'Forget');
  await page.waitForFunction(() => window.tuneboard.state().jobs.length === 0);
  assert.equal((await state(page)).status.text, `Removed the unconfirmed start ${looked.jobs[0].key} from the list.`);
  await page.context().close();
});

test('a job started elsewhere is listed and attached by id, and its curves export as CSV and PNG', async () => {
  // Started straight at the provider, not through the page.
  const auth = { Authorization: `Bearer ${KEY}` };
  const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ messages: [
    { role: 'user', content: `complaint ${i}` }, { role: 'assistant', content: i % 2 ? 'Mortgage' : 'Debt collection' }] }));
  const form = new FormData();
  form.append('purpose', 'fine-tune');
  form.append('file', new Blob([lines.join('\n') + '\n']), 'elsewhere.jsonl');
  const file = await (await fetch(`${fake.url}/v1/files`, { method: 'POST', headers: auth, body: form })).json();
  const created = await (await fetch(`${fake.url}/v1/fine_tuning/jobs`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id, hyperparameters: { n_epochs: 1, batch_size: 2 } }),
  })).json();

  const page = await openAtFake();
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'List recent jobs');
  await page.waitForFunction((id) => window.tuneboard.state().fineTune.recent.jobs.some((j) => j.id === id), created.id);
  await clickItem(page, 'Job id');
  await page.keyboard.type(created.id);
  await clickItem(page, 'Attach');
  await page.waitForFunction((id) => window.tuneboard.state().jobs.some((j) => j.id === id && j.status === 'succeeded' && j.resultRead),
    created.id, { timeout: 60000 });
  const job = (await state(page)).jobs.find((j) => j.id === created.id);
  assert.equal(job.series.train_loss.length, 10);

  // Export CSV: every raw point of the loss plot, in long form.
  const csvButton = await scrollToItem(page, 'Export CSV');
  const text = (await downloadFrom(page, csvButton)).bytes.toString();
  const rows = text.trim().split('\n');
  assert.equal(rows[0], 'run,series,step,value');
  const points = ['train_loss', 'valid_loss', 'full_valid_loss'].reduce((n, s) => n + (job.series[s] || []).length, 0);
  assert.equal(rows.length - 1, points);
  assert.ok(rows.some((row) => row.includes(',Train loss,10,')));

  // Export PNG: a chart composed off screen (title, legend, axis titles, rows and date), 16:10.
  const pngButton = (await page.evaluate(() => window.tuneboard.items().find((it) => it.label === 'Export PNG')));
  const { download: png, bytes } = await downloadFrom(page, pngButton);
  assertChartPng(bytes, (await state(page)).display.devicePixelRatio);
  writeFileSync(path.join(artifacts, 'exported-loss-plot.png'), bytes);
  assert.equal(png.suggestedFilename(), `${job.fineTunedModel.replace(/[^A-Za-z0-9._-]/g, '-')}-loss.png`);
  await page.context().close();
});
