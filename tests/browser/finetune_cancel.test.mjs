// The fine-tuning requests a person waits on each have a way to stop waiting, clicked where a person
// would while the fake provider holds that one request back: attaching a job by id, Check now, the
// answer to a cancel, and the job's creation. Each time the page's request is aborted, the status line
// says what happened, and nothing is lost: a job the provider made anyway is still found and followed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  animationFrames, clickItem, item, launchBrowser, openApp, pasteKey, screenshot, scrollToItem, settled, startFakeProvider, startSite, state,
  typeInto,
} from './harness.mjs';

const KEY = 'sk-fake-cancel-5e07a1';
// Longer than any test: the page gives up, never the fake.
const FOREVER = 300;
let site;
let fake;
let browser;
before(async () => {
  site = await startSite();
  // A training step a second: the jobs here are still running when they are checked or cancelled.
  fake = await startFakeProvider([KEY], ['--step-seconds', '1']);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  fake?.stop();
  site?.stop();
});

const requests = async () => (await (await fetch(`${fake.url}/__fake/requests`)).json()).requests;
const fault = (path, faults) => fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ path, faults }) });
const auth = { Authorization: `Bearer ${KEY}` };

// Until a request matching `wanted` has reached the fake, counted in the page's own frames.
async function untilFakeHas(page, wanted) {
  for (let turn = 0; turn < 600; turn++) {
    if ((await requests()).some(wanted)) return;
    await animationFrames(page, 2);
  }
  throw new Error('the request never reached the fake');
}

// The page's request to `path` (and `method`) that the browser aborts: to be awaited after the click.
const abortOf = (page, method, path) => page.waitForEvent('requestfailed', {
  predicate: (request) => request.method() === method && new URL(request.url()).pathname === path,
});

// A job started straight at the provider (60 steps: a minute at the fake's pace), not through the page.
async function jobElsewhere() {
  const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ messages: [
    { role: 'user', content: `complaint ${i}` }, { role: 'assistant', content: i % 2 ? 'Mortgage' : 'Debt collection' }] }));
  const form = new FormData();
  form.append('purpose', 'fine-tune');
  form.append('file', new Blob([lines.join('\n') + '\n']), 'elsewhere.jsonl');
  const file = await (await fetch(`${fake.url}/v1/files`, { method: 'POST', headers: auth, body: form })).json();
  return (await fetch(`${fake.url}/v1/fine_tuning/jobs`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id, hyperparameters: { n_epochs: 3, batch_size: 1 } }),
  })).json();
}

async function openFineTune() {
  const page = await openApp(browser, `${site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'] });
  await settled(page);
  await pasteKey(page, 'openai', KEY);
  await clickItem(page, 'Providers');  // closes the window the link opened
  await clickItem(page, 'Fine-tune');
  return page;
}

async function checkEvery(page, seconds) {
  await typeInto(page, 'Check every (s)', String(seconds));
  await page.waitForFunction((s) => window.tuneboard.state().fineTune.checkSeconds === s, seconds);
}

// Attaches job `id` and waits until its first check is over (the next one is scheduled).
async function attach(page, id) {
  await clickItem(page, 'Job id');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(id);
  await clickItem(page, 'Attach');
  await page.waitForFunction((jobId) => window.tuneboard.state().jobs.find((j) => j.id === jobId)?.nextCheckAt > 0, id)
    .catch(async (error) => {
      const { status, fineTune, jobs } = await state(page);
      throw new Error(`${error.message} Status line: ${status.text}; attaching: ${fineTune.attaching}; jobs: ` +
        JSON.stringify(jobs.map(({ series, ...job }) => job)));
    });
}

const jobOf = async (page, key) => (await state(page)).jobs.find((j) => j.key === key);

// Clicks the widget labelled `label` in the job view, below the fold at first.
async function clickInJobView(page, label) {
  const it = await scrollToItem(page, label);
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await animationFrames(page, 2);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
}

test('Cancel attach stops asking for a job by id: it is not followed, and attaching it again works', async () => {
  const created = await jobElsewhere();
  const page = await openFineTune();
  const path = `/v1/fine_tuning/jobs/${created.id}`;
  await fault(path, [{ hang: FOREVER }]);
  await clickItem(page, 'Job id');
  await page.keyboard.type(created.id);
  await clickItem(page, 'Attach');
  await page.waitForFunction((id) => window.tuneboard.state().fineTune.attaching === id, created.id);
  // Stopped before it reached the fake, the request would leave the hang to the next one.
  await untilFakeHas(page, (r) => r.method === 'GET' && r.path === path && r.fault === 'hang');
  await scrollToItem(page, 'Cancel attach');  // drawn in the frame after the state changed, under the Attach line
  await screenshot(page, 'cancel-attach');

  const aborted = abortOf(page, 'GET', path);
  await clickItem(page, 'Cancel attach');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.attaching === '');
  assert.match((await aborted).failure().errorText, /ABORTED/);
  const s = await state(page);
  assert.equal(s.status.text, `Stopped attaching job ${created.id}: it is not followed here. The job itself is untouched at the ` +
    'provider; attach it again any time.');
  assert.equal(s.jobs.length, 0);

  // The fake answers the next ask at once: the job is followed as if nothing had happened.
  await attach(page, created.id);
  assert.equal((await state(page)).status.text, `Attached job ${created.id}.`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Cancel check stops a Check now in flight, and watching goes on at its usual pace', async () => {
  const created = await jobElsewhere();
  const page = await openFineTune();
  // The longest interval: the watch's own checks cannot come between the fault and the click.
  await checkEvery(page, 600);
  await attach(page, created.id);

  const path = `/v1/fine_tuning/jobs/${created.id}`;
  await fault(path, [{ hang: FOREVER }]);
  await clickInJobView(page, 'Check now');
  await page.waitForFunction((id) => {
    const job = window.tuneboard.state().jobs.find((j) => j.id === id);
    return job.checking && job.nextCheckAt === null;
  }, created.id);
  await untilFakeHas(page, (r) => r.method === 'GET' && r.path === path && r.fault === 'hang');
  await scrollToItem(page, 'Cancel check');
  await screenshot(page, 'cancel-check');

  const aborted = abortOf(page, 'GET', path);
  const clickedAt = Date.now() / 1000;
  await clickInJobView(page, 'Cancel check');
  await page.waitForFunction((id) => window.tuneboard.state().jobs.find((j) => j.id === id).checking === false, created.id);
  assert.match((await aborted).failure().errorText, /ABORTED/);
  const job = await jobOf(page, created.id);
  assert.match((await state(page)).status.text, new RegExp(`^Stopped checking job ${created.id}; watching goes on, the next check in `));
  // The next regular check is due one interval on, as if Check now had not been pressed.
  assert.ok(job.nextCheckAt >= clickedAt + 590 && job.nextCheckAt <= Date.now() / 1000 + 600, String(job.nextCheckAt - clickedAt));
  assert.notEqual(job.status, 'creating');

  // Check now works again, and brings the job up to date.
  await clickInJobView(page, 'Check now');
  await page.waitForFunction(([id, before]) => {
    const j = window.tuneboard.state().jobs.find((x) => x.id === id);
    return !j.checking && j.nextCheckAt > before;
  }, [created.id, job.nextCheckAt]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Stop waiting for a cancel: the page stops waiting, and the cancel that reached the provider still counts', async () => {
  const created = await jobElsewhere();
  const page = await openFineTune();
  // No check of the watch's own comes until asked: none can change the status line or move the buttons
  // while this test reads and clicks them.
  await checkEvery(page, 600);
  await attach(page, created.id);

  // The fake cancels the job at once and holds its answer back.
  const path = `/v1/fine_tuning/jobs/${created.id}/cancel`;
  await fault(path, [{ hold: FOREVER }]);
  await clickInJobView(page, 'Cancel job…');
  await clickItem(page, 'Cancel the job');
  await page.waitForFunction((id) => window.tuneboard.state().jobs.find((j) => j.id === id).cancelling, created.id);
  await untilFakeHas(page, (r) => r.method === 'POST' && r.path === path && r.fault === 'hold');
  await scrollToItem(page, 'Stop waiting');
  await screenshot(page, 'stop-waiting-cancel');

  const aborted = abortOf(page, 'POST', path);
  await clickInJobView(page, 'Stop waiting');
  await page.waitForFunction((id) => !window.tuneboard.state().jobs.find((j) => j.id === id).cancelling, created.id);
  assert.match((await aborted).failure().errorText, /ABORTED/);
  assert.equal((await state(page)).status.text, `Stopped waiting for the provider's answer to cancelling job ${created.id}. The ` +
    'cancel was sent and cannot be taken back: the provider may still cancel the job, and watching shows what it does.');
  // The cancel had reached the provider: the next check shows the job cancelled.
  await clickInJobView(page, 'Check now');
  await page.waitForFunction((id) => {
    const job = window.tuneboard.state().jobs.find((j) => j.id === id);
    return job.status === 'cancelled' && !job.checking;
  }, created.id);
  assert.equal((await state(page)).status.text, `Job ${created.id} was cancelled.`);
  assert.equal((await requests()).filter((r) => r.method === 'POST' && r.path === path).length, 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Stop waiting for a create: the job the provider made anyway is found by its client id, and never created twice', async () => {
  const page = await openFineTune();
  await page.waitForFunction(() => window.tuneboard.state().fineTune.tokens === 'counted');

  const creates = async () => (await requests()).filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').length;
  const createsBefore = await creates();  // the other tests' jobs, started straight at the fake
  // The fake makes the job at once and holds its answer back.
  await fault('/v1/fine_tuning/jobs', [{ hold: FOREVER }]);
  await clickItem(page, 'Start fine-tuning…');
  await clickItem(page, 'Start');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.launch.phase === 'creating');
  await untilFakeHas(page, (r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs' && r.fault === 'hold');
  await item(page, 'Stop waiting');  // drawn in the frame after the state changed
  await screenshot(page, 'stop-waiting-create');

  const aborted = abortOf(page, 'POST', '/v1/fine_tuning/jobs');
  await clickItem(page, 'Stop waiting');
  await page.waitForFunction(() => window.tuneboard.state().fineTune.launch.phase === 'failed');
  assert.match((await aborted).failure().errorText, /ABORTED/);
  const stopped = await state(page);
  assert.equal(stopped.jobs.length, 1);
  const unconfirmed = stopped.jobs[0];
  assert.equal(unconfirmed.id, '');
  assert.equal(unconfirmed.status, 'creating');
  assert.match(unconfirmed.key, /^tb-[0-9a-f]{16}$/);
  const said = `Stopped waiting for the job to be created. The provider may have created it anyway: Check now on job ${unconfirmed.key} ` +
    'looks for it by that client id (so does opening this experiment again). This create is never sent again.';
  assert.equal(stopped.status.text, said);
  assert.equal(stopped.fineTune.launch.error, said);
  assert.match(unconfirmed.watchError, new RegExp(`client id ${unconfirmed.key}`));

  // Starting again while that create is unconfirmed could train, and bill, twice: the page says so first.
  await clickItem(page, 'Start fine-tuning…');
  await item(page, 'Start anyway');
  await screenshot(page, 'start-again-unconfirmed');
  assert.equal((await page.evaluate(() => window.tuneboard.items())).some((it) => it.label === 'Start'), false);
  await clickItem(page, 'Back');

  // Check now finds it by its client id and follows it.
  await clickInJobView(page, 'Check now');
  await page.waitForFunction(() => {
    const j = window.tuneboard.state().jobs[0];
    return j.id !== '' && j.status !== 'creating' && j.watchError === '';
  });
  const found = (await state(page)).jobs;
  assert.equal(found.length, 1);
  assert.equal((await state(page)).status.text, `Found job ${found[0].id}, whose creation was unconfirmed.`);
  await clickItem(page, 'Start fine-tuning…');
  await item(page, 'Start');  // confirmed now: nothing to warn of
  await clickItem(page, 'Back');

  // One create reached the provider, and its one job is the one followed.
  assert.equal(await creates(), createsBefore + 1);
  const listed = await (await fetch(`${fake.url}/v1/fine_tuning/jobs?limit=50`, { headers: auth })).json();
  const made = listed.data.filter((j) => j.metadata?.tuneboard_id === unconfirmed.key);
  assert.deepEqual(made.map((j) => j.id), [found[0].id]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
