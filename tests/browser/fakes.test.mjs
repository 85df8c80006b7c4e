// The fake providers themselves (no browser): the OpenAI fake's files, fine-tuning jobs, chat answers,
// embeddings and faults, and the Together fake's life and shapes. Everything waits by polling the fakes' state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, startFakeProvider, startServer } from './harness.mjs';

const KEY = 'sk-fake-good-4f1c9e';
const servers = [];
let openai; // started by the harness, default pace
let plain; // --plain-results --latency-ms
let together;

// Starts `python3 tests/fakes/SCRIPT ARGS…`; resolves with its origin once it says where it listens.
const startFake = (script, args) => startServer([`tests/fakes/${script}`, ...args]);

before(async () => {
  openai = await startFakeProvider([KEY]);
  servers.push(openai);
  plain = await startFake('openai_fake.py', ['--key', KEY, '--plain-results', '--latency-ms', '60', '--seed', '7',
    '--step-seconds', '0.01']);
  servers.push(plain);
  together = await startFake('together_fake.py', ['--key', KEY, '--step-seconds', '0.02']);
  servers.push(together);
});

after(() => {
  for (const server of servers) server.stop();
});

const auth = { Authorization: `Bearer ${KEY}` };

async function call(server, method, path, body) {
  const init = { method, headers: { ...auth } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(server.url + path, init);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') || '').startsWith('application/json');
  return { status: response.status, headers: response.headers, text, json: isJson && text ? JSON.parse(text) : null };
}

// Polls `read` until `done(value)` holds; returns every value seen (the last one satisfies `done`).
async function pollUntil(read, done, timeoutMs = 20000) {
  const seen = [];
  const start = Date.now();
  for (;;) {
    const value = await read();
    seen.push(value);
    if (done(value)) return seen;
    if (Date.now() - start > timeoutMs) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function trainingLines(count) {
  return Array.from({ length: count }, (_, i) => JSON.stringify({
    messages: [{ role: 'system', content: 'Labels: pos | neg' }, { role: 'user', content: `example ${i}` },
      { role: 'assistant', content: i % 2 ? 'pos' : 'neg' }],
  })).join('\n') + '\n';
}

function form(fields, content, filename = 'train.jsonl') {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  data.append('file', new Blob([content], { type: 'application/jsonl' }), filename);
  return data;
}

async function upload(server, lines) {
  const response = await call(server, 'POST', '/v1/files', form({ purpose: 'fine-tune' }, trainingLines(lines)));
  assert.equal(response.status, 200, response.text);
  return response.json;
}

function assertOpenAIError(response, status, param, code) {
  assert.equal(response.status, status, response.text);
  const { error } = response.json;
  assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'param', 'type']);
  assert.equal(typeof error.message, 'string');
  if (param !== undefined) assert.equal(error.param, param);
  if (code !== undefined) assert.equal(error.code, code);
}

test('files: upload, read back, and a wrong purpose is refused in OpenAI\'s shape', async () => {
  const content = trainingLines(12);
  const file = await upload(openai, 12);
  assert.match(file.id, /^file-/);
  assert.deepEqual({ ...file, id: undefined, created_at: undefined }, {
    id: undefined, created_at: undefined, object: 'file', bytes: Buffer.byteLength(content), filename: 'train.jsonl',
    purpose: 'fine-tune', status: 'processed',
  });
  assert.deepEqual((await call(openai, 'GET', `/v1/files/${file.id}`)).json, file);
  assert.equal((await call(openai, 'GET', `/v1/files/${file.id}/content`)).text, content);
  assertOpenAIError(await call(openai, 'POST', '/v1/files', form({ purpose: 'assistants' }, content)), 400, 'purpose');
  assertOpenAIError(await call(openai, 'GET', '/v1/files/file-nope'), 404);
});

test('a fine-tuning job lives through its statuses to success, with events, checkpoints and a result file', async () => {
  const file = await upload(openai, 12);
  const created = await call(openai, 'POST', '/v1/fine_tuning/jobs', {
    model: 'gpt-4o-mini-2024-07-18', training_file: file.id, suffix: 'tb', metadata: { experiment: 'e1' },
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 4, batch_size: 4, learning_rate_multiplier: 'auto' } } },
  });
  assert.equal(created.status, 200, created.text);
  const job = created.json;
  assert.match(job.id, /^ftjob-/);
  assert.equal(job.object, 'fine_tuning.job');
  assert.equal(job.status, 'validating_files');
  assert.deepEqual(job.metadata, { experiment: 'e1' });
  assert.equal(job.hyperparameters.n_epochs, 4);
  assert.equal(job.hyperparameters.batch_size, 4);
  for (const key of ['created_at', 'error', 'finished_at', 'fine_tuned_model', 'hyperparameters', 'id', 'model',
    'object', 'organization_id', 'result_files', 'status', 'trained_tokens', 'training_file', 'validation_file', 'seed']) {
    assert.ok(key in job, `job lacks ${key}`);
  }
  const totalSteps = 4 * Math.ceil(12 / 4);

  const eventCounts = [];
  const stepsSeen = [];
  const states = await pollUntil(async () => {
    const current = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}`)).json;
    const events = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/events?limit=100`)).json;
    eventCounts.push(events.data.length);
    const metrics = events.data.filter((e) => e.type === 'metrics');
    if (metrics.length) stepsSeen.push(metrics[0].data.step);
    return current;
  }, (current) => ['succeeded', 'failed', 'cancelled'].includes(current.status));
  const statuses = [...new Set(states.map((s) => s.status))];
  assert.deepEqual(statuses.filter((s) => s !== 'validating_files'), ['queued', 'running', 'succeeded'].filter((s) => statuses.includes(s)));
  assert.ok(statuses.includes('running'), `saw ${statuses}`);
  assert.equal(statuses.at(-1), 'succeeded');
  for (let i = 1; i < eventCounts.length; i++) assert.ok(eventCounts[i] >= eventCounts[i - 1], 'events only grow');
  assert.ok(eventCounts.at(-1) > eventCounts[0]);
  assert.ok(new Set(stepsSeen).size > 1, `metrics grew during the run: ${stepsSeen}`);

  const done = states.at(-1);
  assert.equal(done.fine_tuned_model, `ft:gpt-4o-mini-2024-07-18:fake:tb:${job.id.slice('ftjob-'.length)}`);
  assert.ok(done.trained_tokens > 0);
  assert.equal(done.result_files.length, 1);
  assert.ok(done.finished_at >= done.created_at);

  // Events: newest first, paged with has_more, ids stable.
  const all = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/events?limit=1000`)).json;
  assert.equal(all.has_more, false);
  assert.equal(all.data[0].message, 'The job has successfully completed');
  const metrics = all.data.filter((e) => e.type === 'metrics').reverse();
  assert.deepEqual(metrics.map((e) => e.data.step), Array.from({ length: totalSteps }, (_, i) => i + 1));
  assert.ok(metrics.every((e) => e.data.total_steps === totalSteps));
  assert.ok(metrics.at(-1).data.train_loss < metrics[0].data.train_loss, 'loss falls');
  assert.ok(metrics.at(-1).data.train_mean_token_accuracy > metrics[0].data.train_mean_token_accuracy, 'accuracy rises');
  assert.ok(metrics.some((e) => 'valid_loss' in e.data && !('full_valid_loss' in e.data)));
  assert.deepEqual(metrics.filter((e) => 'full_valid_loss' in e.data).map((e) => e.data.step), [3, 6, 9, 12]);
  const first = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/events?limit=5`)).json;
  assert.equal(first.has_more, true);
  assert.deepEqual(first.data.map((e) => e.id), all.data.slice(0, 5).map((e) => e.id));
  const next = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/events?limit=5&after=${first.data.at(-1).id}`)).json;
  assert.deepEqual(next.data.map((e) => e.id), all.data.slice(5, 10).map((e) => e.id));
  for (const e of all.data) assert.equal(e.object, 'fine_tuning.job.event');

  // Checkpoints: the last three epochs, newest first, each a callable model.
  const checkpoints = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/checkpoints`)).json;
  assert.deepEqual(checkpoints.data.map((c) => c.step_number), [12, 9, 6]);
  assert.equal(checkpoints.first_id, checkpoints.data[0].id);
  assert.equal(checkpoints.data[0].fine_tuned_model_checkpoint, `${done.fine_tuned_model}:ckpt-step-12`);
  assert.ok('full_valid_loss' in checkpoints.data[0].metrics);
  const chat = await call(openai, 'POST', '/v1/chat/completions', {
    model: checkpoints.data[1].fine_tuned_model_checkpoint,
    messages: [{ role: 'system', content: 'Labels: pos | neg' }, { role: 'user', content: 'fine' }],
  });
  assert.equal(chat.status, 200, chat.text);

  // The result file: base64 of the CSV.
  const resultId = done.result_files[0];
  const resultFile = (await call(openai, 'GET', `/v1/files/${resultId}`)).json;
  assert.equal(resultFile.purpose, 'fine-tune-results');
  const encoded = (await call(openai, 'GET', `/v1/files/${resultId}/content`)).text;
  assert.equal(resultFile.bytes, encoded.length);
  assert.match(encoded, /^[A-Za-z0-9+/]+=*$/);
  const csv = Buffer.from(encoded, 'base64').toString();
  const rows = csv.trim().split('\n');
  assert.equal(rows[0], 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
  assert.equal(rows.length, totalSteps + 1);
  assert.deepEqual(rows[1].split(',').slice(0, 3).map(Number),
    [1, metrics[0].data.train_loss, metrics[0].data.train_mean_token_accuracy]);
  assert.ok(rows.some((row) => row.endsWith(',,')), 'validation cells empty on steps without validation');

  // The list: newest first, limited, has_more.
  await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'tuneboard-fake-small', training_file: file.id });
  const list = (await call(openai, 'GET', '/v1/fine_tuning/jobs?limit=1')).json;
  assert.equal(list.object, 'list');
  assert.equal(list.data.length, 1);
  assert.equal(list.has_more, true);
  assert.notEqual(list.data[0].id, job.id);
  const rest = (await call(openai, 'GET', `/v1/fine_tuning/jobs?limit=10&after=${list.data[0].id}`)).json;
  assert.ok(rest.data.some((j) => j.id === job.id));
});

test('the same inputs give the same metrics', async () => {
  const file = await upload(plain, 12);
  const request = { model: 'gpt-4o-mini-2024-07-18', training_file: file.id, seed: 42,
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 6 } } } };
  const ids = [(await call(plain, 'POST', '/v1/fine_tuning/jobs', request)).json.id,
    (await call(plain, 'POST', '/v1/fine_tuning/jobs', request)).json.id];
  const csvs = [];
  for (const id of ids) {
    const done = (await pollUntil(async () => (await call(plain, 'GET', `/v1/fine_tuning/jobs/${id}`)).json,
      (j) => j.status === 'succeeded')).at(-1);
    csvs.push((await call(plain, 'GET', `/v1/files/${done.result_files[0]}/content`)).text);
  }
  assert.equal(csvs[0], csvs[1]);
  assert.match(csvs[0], /^step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,/, '--plain-results serves plain CSV');
});

test('failing jobs: too few examples, and a model whose name says fail', async () => {
  const small = await upload(openai, 5);
  const job = (await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'gpt-4o-mini-2024-07-18', training_file: small.id })).json;
  const failed = (await pollUntil(async () => (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}`)).json,
    (j) => j.status !== 'validating_files')).at(-1);
  assert.equal(failed.status, 'failed');
  assert.deepEqual(Object.keys(failed.error).sort(), ['code', 'message', 'param']);
  assert.equal(failed.error.param, 'training_file');
  assert.equal(failed.fine_tuned_model, null);

  const file = await upload(openai, 12);
  const job2 = (await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'tuneboard-fake-fail', training_file: file.id,
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 4 } } } })).json;
  const states = await pollUntil(async () => (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job2.id}`)).json,
    (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status));
  assert.ok(states.some((s) => s.status === 'running'));
  assert.equal(states.at(-1).status, 'failed');
  assert.equal(typeof states.at(-1).error.code, 'string');
  const events = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job2.id}/events?limit=100`)).json.data;
  assert.equal(events[0].level, 'error');
  assert.deepEqual((await call(openai, 'GET', `/v1/fine_tuning/jobs/${job2.id}/checkpoints`)).json.data, []);
});

test('cancelling a running job freezes it; cancelling it again is refused', async () => {
  const file = await upload(openai, 40);
  const job = (await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'gpt-4o-mini-2024-07-18', training_file: file.id,
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 10, batch_size: 1 } } } })).json;
  await pollUntil(async () => (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}`)).json, (j) => j.status === 'running');
  const cancelled = await call(openai, 'POST', `/v1/fine_tuning/jobs/${job.id}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.json.status, 'cancelled');
  const events = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/events?limit=1000`)).json.data;
  assert.equal(events[0].message, 'Fine-tuning job cancelled');
  const again = (await call(openai, 'GET', `/v1/fine_tuning/jobs/${job.id}/events?limit=1000`)).json.data;
  assert.deepEqual(again, events, 'nothing happens after a cancel');
  assertOpenAIError(await call(openai, 'POST', `/v1/fine_tuning/jobs/${job.id}/cancel`), 400);
});

test('job validation errors are OpenAI-shaped', async () => {
  const file = await upload(openai, 12);
  assertOpenAIError(await call(openai, 'POST', '/v1/fine_tuning/jobs', { training_file: file.id }), 400, 'model');
  assertOpenAIError(await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'gpt-4o-mini-2024-07-18' }), 400, 'training_file');
  assertOpenAIError(await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'no-such-model', training_file: file.id }),
    404, 'model', 'model_not_found');
  assertOpenAIError(await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'gpt-4o-mini-2024-07-18', training_file: 'file-nope' }),
    400, 'training_file');
  assertOpenAIError(await call(openai, 'GET', '/v1/fine_tuning/jobs/ftjob-nope'), 404);
  assertOpenAIError(await call(openai, 'POST', '/v1/chat/completions', { messages: [{ role: 'user', content: 'x' }] }), 400, 'model');
  assertOpenAIError(await call(openai, 'POST', '/v1/chat/completions', { model: 'tuneboard-fake-small' }), 400, 'messages');
  assertOpenAIError(await call(openai, 'POST', '/v1/chat/completions', { model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    404, 'model', 'model_not_found');
});

// The chat rule, as fake_sim.py states it.
function expectedAnswer(model, user, labels, accuracy) {
  const h = parseInt(createHash('sha256').update(`${model}\n${user}`).digest('hex').slice(0, 8), 16);
  const truth = user.match(/\[\[label:([^\]]*)\]\]/)[1].trim();
  if (h % 100 < accuracy) return truth;
  const others = labels.filter((l) => l !== truth);
  return others[Math.floor(h / 100) % others.length];
}

// How a sloppy model (tuneboard-fake-small) writes its answer: [content, the label it means or null].
function sloppyContent(model, user, label) {
  const h = parseInt(createHash('sha256').update(`${model}\n${user}`).digest('hex').slice(0, 8), 16);
  if (Math.floor(h / 7) % 20 === 0) return ['I cannot tell.', null];
  return [[label, `${label.toLowerCase()}.`, `**${label}**`, `Label: ${label}`][Math.floor(h / 10000) % 4], label];
}

const LABELS = ['positive', 'negative', 'neutral'];
const PROMPTS = Array.from({ length: 200 }, (_, i) => {
  const truth = LABELS[i % 3];
  return { truth, user: `Review ${i}: the product was ${['great', 'awful', 'fine'][i % 3]} [[label:${truth}]]` };
});

for (const [model, accuracy] of [['tuneboard-fake-small', 50], ['gpt-4o-mini-2024-07-18', 80], ['ft:gpt-4o-mini-2024-07-18:fake:tb:x', 88]]) {
  test(`chat answers of ${model} are right for the rule's fraction (${accuracy}%)`, async () => {
    let right = 0;
    let expectedRight = 0;
    for (const { truth, user } of PROMPTS) {
      const response = await call(openai, 'POST', '/v1/chat/completions', {
        model, messages: [{ role: 'system', content: `Classify the review.\nLabels: ${LABELS.join(' | ')}` }, { role: 'user', content: user }],
      });
      assert.equal(response.status, 200, response.text);
      const content = response.json.choices[0].message.content;
      const expected = expectedAnswer(model, user, LABELS, accuracy);
      let answer = content;
      if (model === 'tuneboard-fake-small') {
        const [written, meant] = sloppyContent(model, user, expected);
        assert.equal(content, written);
        answer = meant;
        if (meant !== null) assert.equal(meant, expected);
      } else {
        assert.equal(content, expected);
      }
      if (answer === truth) right++;
      if (expected === truth) expectedRight++;
    }
    if (model !== 'tuneboard-fake-small') assert.equal(right, expectedRight);
    assert.ok(Math.abs(right / PROMPTS.length - accuracy / 100) < 0.1, `${right}/200 is near ${accuracy}%`);
  });
}

test('chat: true labels taught from a CSV, bullet-list labels, and every answer in the request log', async () => {
  const csv = 'split,row,label,text\r\ntest,1,Mortgage,"My escrow, again"\r\ntest,2,Student loan,Loan forgiveness denied\r\n';
  const taught = await call(openai, 'POST', '/__fake/truth', { csv, text: 'text', label: 'label' });
  assert.equal(taught.json.texts >= 2, true);
  const system = 'Classify the complaint into exactly one of these:\n- Mortgage\n- Student loan\nAnswer with one name.';
  for (const [text, truth] of [['My escrow, again', 'Mortgage'], ['Loan forgiveness denied', 'Student loan']]) {
    const response = await call(openai, 'POST', '/v1/chat/completions', {
      model: 'gpt-4.1-mini-2025-04-14', messages: [{ role: 'system', content: system }, { role: 'user', content: text }],
    });
    const content = response.json.choices[0].message.content;
    assert.ok(['Mortgage', 'Student loan'].includes(content), content);
    const logged = (await call(openai, 'GET', '/__fake/requests')).json.requests.findLast((r) => r.path === '/v1/chat/completions');
    assert.equal(logged.chat.truth, truth);
    assert.equal(logged.chat.answer, content);
    assert.equal(logged.chat.text, createHash('sha256').update(text).digest('hex').slice(0, 16));
  }
});

test('chat: json_schema labels give JSON answers; the completion is spec-shaped with usage', async () => {
  const labels = ['spam', 'ham'];
  const response = await call(openai, 'POST', '/v1/chat/completions', {
    model: 'gpt-4o-mini-2024-07-18', max_completion_tokens: 10, temperature: 0,
    messages: [{ role: 'system', content: 'Is it spam?' }, { role: 'user', content: 'win a prize now [[label:spam]]' }],
    response_format: { type: 'json_schema', json_schema: { name: 'label', strict: true,
      schema: { type: 'object', properties: { label: { type: 'string', enum: labels } }, required: ['label'], additionalProperties: false } } },
  });
  assert.equal(response.status, 200, response.text);
  const completion = response.json;
  assert.equal(completion.object, 'chat.completion');
  assert.match(completion.id, /^chatcmpl-/);
  assert.equal(completion.model, 'gpt-4o-mini-2024-07-18');
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.equal(completion.choices[0].message.role, 'assistant');
  const parsed = JSON.parse(completion.choices[0].message.content);
  assert.deepEqual(Object.keys(parsed), ['label']);
  assert.equal(parsed.label, expectedAnswer('gpt-4o-mini-2024-07-18', 'win a prize now [[label:spam]]', labels, 80));
  const { prompt_tokens, completion_tokens, total_tokens } = completion.usage;
  assert.ok(prompt_tokens > 0 && completion_tokens > 0);
  assert.equal(total_tokens, prompt_tokens + completion_tokens);
});

async function setFaults(server, path, faults) {
  const response = await fetch(`${server.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ path, faults }) });
  assert.equal(response.status, 200);
}

const requestLog = async (server) => (await (await fetch(`${server.url}/__fake/requests`)).json()).requests;

test('faults: status, quota, training not available, hang, malformed, drop — then normal again; all counted', async () => {
  const before = (await requestLog(openai)).length;
  await setFaults(openai, '/v1/models', [{ status: 503 }, { status: 429, headers: { 'retry-after-ms': '100' }, code: 'rate_limit_exceeded' },
    { code: 'insufficient_quota' }, { hang: 1 }, { malformed: true }, { drop: true }]);
  const r503 = await call(openai, 'GET', '/v1/models');
  assertOpenAIError(r503, 503, undefined, 'server_error');
  const r429 = await call(openai, 'GET', '/v1/models');
  assertOpenAIError(r429, 429, undefined, 'rate_limit_exceeded');
  assert.equal(r429.headers.get('retry-after-ms'), '100');
  const quota = await call(openai, 'GET', '/v1/models');
  assertOpenAIError(quota, 429, undefined, 'insufficient_quota');
  assert.equal(quota.json.error.type, 'insufficient_quota');
  await assert.rejects(fetch(`${openai.url}/v1/models`, { headers: auth, signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
  const malformed = await fetch(`${openai.url}/v1/models`, { headers: auth });
  assert.equal(malformed.status, 200);
  await assert.rejects(malformed.json(), SyntaxError);
  await assert.rejects(fetch(`${openai.url}/v1/models`, { headers: auth }), TypeError);
  const normal = await call(openai, 'GET', '/v1/models');
  assert.equal(normal.status, 200);
  assert.equal(normal.json.data.length, 4);

  const file = await upload(openai, 12);
  await setFaults(openai, '/v1/fine_tuning/jobs', [{ code: 'training_not_available' }]);
  const refused = await call(openai, 'POST', '/v1/fine_tuning/jobs', { model: 'gpt-4o-mini-2024-07-18', training_file: file.id });
  assertOpenAIError(refused, 403, undefined, 'training_not_available');

  const sent = (await requestLog(openai)).slice(before).filter((r) => r.path === '/v1/models');
  assert.deepEqual(sent.map((r) => r.fault), [503, 429, 429, 'hang', 'malformed', 'drop', null]);
  assert.ok(sent.every((r) => r.method === 'GET' && r.authorised));
  const jobs = (await requestLog(openai)).slice(before).filter((r) => r.path === '/v1/fine_tuning/jobs');
  assert.deepEqual(jobs.map((r) => [r.method, r.fault]), [['POST', 403]]);
});

test('a hang with a status answers late with that status; a bad key gets 401 and is counted', async () => {
  await setFaults(openai, '/v1/models', [{ hang: 0.2, status: 500 }]);
  const start = Date.now();
  const late = await call(openai, 'GET', '/v1/models');
  assert.ok(Date.now() - start >= 190);
  assertOpenAIError(late, 500);
  const bad = await fetch(`${openai.url}/v1/models`, { headers: { Authorization: 'Bearer wrong' } });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).error.code, 'invalid_api_key');
  assert.equal((await requestLog(openai)).at(-1).authorised, false);
});

test('a hold does the work at once and answers late: a create the client gave up on has made its job', async () => {
  const file = await upload(openai, 12);
  await setFaults(openai, '/v1/fine_tuning/jobs', [{ hold: 30 }]);
  const before = (await requestLog(openai)).length;
  const aborter = new AbortController();
  const held = fetch(`${openai.url}/v1/fine_tuning/jobs`, {
    method: 'POST', signal: aborter.signal, headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id, metadata: { tuneboard_id: 'tb-held' } }),
  });
  // Listing goes to the same path: only once the create has taken the fault may it be asked.
  await pollUntil(() => requestLog(openai), (log) => log.slice(before).some((r) => r.method === 'POST' && r.fault === 'hold'));
  await pollUntil(() => call(openai, 'GET', '/v1/fine_tuning/jobs?limit=50'),
    (listed) => listed.json.data.some((job) => job.metadata?.tuneboard_id === 'tb-held'));
  aborter.abort();
  await assert.rejects(held, { name: 'AbortError' });
});

test('--rate-429 and --rate-500: seeded random faults on chat requests, none on other paths, answers unchanged, times logged', async () => {
  const flags = ['--key', KEY, '--rate-429', '0.2', '--rate-500', '0.05', '--retry-after-ms', '30', '--seed', '11'];
  const twins = [await startFake('openai_fake.py', flags), await startFake('openai_fake.py', flags)];
  servers.push(...twins);
  const labels = ['spam', 'ham'];
  const ask = (server, i) => call(server, 'POST', '/v1/chat/completions', {
    model: 'gpt-4o-mini-2024-07-18', messages: [{ role: 'system', content: 'Labels: spam | ham' },
      { role: 'user', content: `message ${i} [[label:${labels[i % 2]}]]` }] });
  const statuses = [[], []];
  for (let i = 0; i < 300; i++) {
    for (const [t, server] of twins.entries()) {
      const response = await ask(server, i);
      statuses[t].push(response.status);
      if (response.status === 429) {
        assertOpenAIError(response, 429, undefined, 'rate_limit_exceeded');
        assert.equal(response.headers.get('retry-after-ms'), '30');
        assert.equal(response.headers.get('retry-after'), '1');
      } else if (response.status === 500) {
        assertOpenAIError(response, 500, undefined, 'server_error');
      } else {
        assert.equal(response.status, 200, response.text);
        assert.equal(response.json.choices[0].message.content,
          expectedAnswer('gpt-4o-mini-2024-07-18', `message ${i} [[label:${labels[i % 2]}]]`, labels, 80));
      }
    }
  }
  // The same seed gives the same faults; their numbers are those of the rates (within 3.5 sd of 300 draws).
  assert.deepEqual(statuses[0], statuses[1]);
  const count = (status) => statuses[0].filter((s) => s === status).length;
  assert.ok(count(429) >= 36 && count(429) <= 84, `${count(429)} × 429`);
  assert.ok(count(500) >= 2 && count(500) <= 28, `${count(500)} × 500`);
  assert.equal(count(200) + count(429) + count(500), 300);

  // A queued fault comes first; other paths get no random faults.
  await setFaults(twins[0], '/v1/chat/completions', [{ status: 503 }]);
  assert.equal((await ask(twins[0], 0)).status, 503);
  for (let i = 0; i < 20; i++) assert.equal((await call(twins[0], 'GET', '/v1/models')).status, 200);

  const { requests, now } = await (await fetch(`${twins[0].url}/__fake/requests`)).json();
  const chats = requests.filter((r) => r.path === '/v1/chat/completions');
  assert.deepEqual(chats.map((r) => r.fault), [...statuses[0].map((s) => (s === 200 ? null : s)), 503]);
  for (const r of requests) assert.ok(r.arrived <= r.answered && r.answered <= now, JSON.stringify(r));
});

test('--latency-ms delays every request (seeded)', async () => {
  const start = Date.now();
  for (let i = 0; i < 10; i++) assert.equal((await call(plain, 'GET', '/v1/models')).status, 200);
  assert.ok(Date.now() - start >= 100, `10 requests with up to 60 ms latency each took ${Date.now() - start} ms`);
});

test('CORS preflight is answered', async () => {
  const response = await fetch(`${together.url}/v1/fine-tunes`, { method: 'OPTIONS' });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('access-control-allow-headers'), /Authorization/);
});

test('the Together fake: upload, a job\'s life, events, metrics, checkpoints, models, chat, cancel, errors', async () => {
  const models = (await call(together, 'GET', '/v1/models')).json;
  assert.ok(Array.isArray(models));
  assert.ok(models.every((m) => typeof m.id === 'string' && m.object === 'model'));

  const wrong = await call(together, 'POST', '/v1/files/upload', form({ purpose: 'batch', file_name: 'x.jsonl' }, trainingLines(12)));
  assertOpenAIError(wrong, 400, 'purpose');
  const upload = await call(together, 'POST', '/v1/files/upload', form({ purpose: 'fine-tune', file_name: 'reviews.jsonl' }, trainingLines(12)));
  assert.equal(upload.status, 200, upload.text);
  assert.equal(upload.json.filename, 'reviews.jsonl');
  assert.equal(upload.json.purpose, 'fine-tune');
  assert.match(upload.json.id, /^file-/);

  const created = await call(together, 'POST', '/v1/fine-tunes', { model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    training_file: upload.json.id, n_epochs: 3, n_checkpoints: 2, batch_size: 4, learning_rate: 0.0001, suffix: 'tb', training_type: { type: 'Lora' } });
  assert.equal(created.status, 200, created.text);
  const job = created.json;
  assert.match(job.id, /^ft-/);
  assert.equal(job.status, 'pending');
  const metricCounts = [];
  const states = await pollUntil(async () => {
    metricCounts.push((await call(together, 'GET', `/v1/fine-tunes/${job.id}/metrics`)).json.metrics.length);
    return (await call(together, 'GET', `/v1/fine-tunes/${job.id}`)).json;
  }, (j) => ['completed', 'error', 'cancelled'].includes(j.status));
  const statuses = [...new Set(states.map((s) => s.status))];
  assert.ok(statuses.includes('running'), `saw ${statuses}`);
  assert.equal(statuses.at(-1), 'completed');
  assert.deepEqual(statuses, ['pending', 'queued', 'running', 'completed'].filter((s) => statuses.includes(s)));
  for (let i = 1; i < metricCounts.length; i++) assert.ok(metricCounts[i] >= metricCounts[i - 1]);
  assert.ok(new Set(metricCounts).size > 1);

  const events = (await call(together, 'GET', `/v1/fine-tunes/${job.id}/events`)).json.data;
  assert.ok(events.every((e) => e.object === 'fine-tune-event' && !Number.isNaN(Date.parse(e.created_at)) && e.message && e.type));
  assert.equal(events.at(-1).type, 'job_complete');
  const metrics = (await call(together, 'GET', `/v1/fine-tunes/${job.id}/metrics`)).json.metrics;
  assert.deepEqual(metrics.map((m) => m['train/global_step']), Array.from({ length: 9 }, (_, i) => i + 1));
  assert.ok(metrics.every((m) => typeof m['train/loss'] === 'number'));
  assert.ok(metrics.some((m) => typeof m['eval/loss'] === 'number'));
  const checkpoints = (await call(together, 'GET', `/v1/fine-tunes/${job.id}/checkpoints`)).json.data;
  assert.deepEqual(checkpoints.map((c) => [c.step, c.checkpoint_type]), [[9, 'Final'], [6, 'Intermediate']]);

  const done = states.at(-1);
  const chat = await call(together, 'POST', '/v1/chat/completions', { model: done.model_output_name,
    messages: [{ role: 'system', content: 'Labels: pos | neg' }, { role: 'user', content: 'nice [[label:pos]]' }] });
  assert.equal(chat.status, 200, chat.text);
  assert.equal(chat.json.choices[0].message.content, expectedAnswer(done.model_output_name, 'nice [[label:pos]]', ['pos', 'neg'], 88));

  const list = (await call(together, 'GET', '/v1/fine-tunes')).json;
  assert.ok(list.data.some((j) => j.id === job.id));

  // A failing job (too few examples) and a cancelled one.
  const small = await call(together, 'POST', '/v1/files/upload', form({ purpose: 'fine-tune', file_name: 's.jsonl' }, trainingLines(3)));
  const bad = (await call(together, 'POST', '/v1/fine-tunes', { model: 'Qwen/Qwen2.5-7B-Instruct', training_file: small.json.id })).json;
  const failed = (await pollUntil(async () => (await call(together, 'GET', `/v1/fine-tunes/${bad.id}`)).json, (j) => j.status !== 'pending')).at(-1);
  assert.equal(failed.status, 'error');
  assert.equal(failed.events.at(-1).type, 'job_error');

  const long = await call(together, 'POST', '/v1/files/upload', form({ purpose: 'fine-tune', file_name: 'l.jsonl' }, trainingLines(40)));
  const slow = (await call(together, 'POST', '/v1/fine-tunes', { model: 'Qwen/Qwen2.5-7B-Instruct', training_file: long.json.id, n_epochs: 10, batch_size: 1 })).json;
  await pollUntil(async () => (await call(together, 'GET', `/v1/fine-tunes/${slow.id}`)).json, (j) => j.status === 'running');
  const cancelled = await call(together, 'POST', `/v1/fine-tunes/${slow.id}/cancel`);
  assert.equal(cancelled.json.status, 'cancelled');
  assert.equal(cancelled.json.events.at(-1).type, 'job_cancelled');

  assertOpenAIError(await call(together, 'POST', '/v1/fine-tunes', { model: 'no/such', training_file: upload.json.id }), 404, 'model');
  assertOpenAIError(await call(together, 'POST', '/v1/fine-tunes', { training_file: upload.json.id }), 400, 'model');
  const log = await requestLog(together);
  assert.equal(log.filter((r) => r.path === '/v1/files/upload').length, 4);
});

// --- embeddings -------------------------------------------------------------------------------------------

const EMBEDDER = 'text-embedding-3-small';
const embed = (server, body) => call(server, 'POST', '/v1/embeddings', { model: EMBEDDER, ...body });
const sha16 = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const dot = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const norm = (v) => Math.sqrt(dot(v, v));
const mean = (values) => values.reduce((sum, x) => sum + x, 0) / values.length;
const words = (count) => Array(count).fill('word').join(' ');

// A base64 embedding as the spec has it: little-endian float32s.
function float32s(text) {
  const bytes = Buffer.from(text, 'base64');
  assert.equal(bytes.length % 4, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(4 * i, true));
}

// The vectors of `input`, in order, as arrays of numbers whichever the encoding.
async function vectors(server, input, extra = {}) {
  const response = await embed(server, { input, ...extra });
  assert.equal(response.status, 200, response.text);
  return response.json.data.map((d) => (typeof d.embedding === 'string' ? float32s(d.embedding) : d.embedding));
}

// Non-empty narratives of the demo data (assets/make_demo_data.py: synthetic, the same every time) by product;
// Python's csv module reads the file the generator wrote.
function demoNarratives(rows) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tuneboard-fakes-'));
  try {
    const csvPath = path.join(scratch, 'demo.csv');
    execFileSync('python3', [path.join(root, 'assets/make_demo_data.py'), csvPath, '--rows', String(rows)]);
    const read = 'import csv, json, sys\n' +
      'rows = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))\n' +
      'print(json.dumps([[r["Product"], r["Consumer complaint narrative"]] for r in rows]))';
    const byProduct = new Map();
    for (const [product, text] of JSON.parse(execFileSync('python3', ['-c', read, csvPath], { maxBuffer: 64 << 20 }))) {
      if (!text.trim() || text.trim() === 'None') continue; // the app counts these as missing text
      if (!byProduct.has(product)) byProduct.set(product, []);
      byProduct.get(product).push(text);
    }
    return byProduct;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

test('embeddings: a CreateEmbeddingResponse in the inputs\' order, unit vectors, usage; every input form of the spec', async () => {
  assert.ok((await call(openai, 'GET', '/v1/models')).json.data.some((m) => m.id === EMBEDDER));
  const inputs = ['My escrow payment went up again', 'Loan forgiveness denied', 'fees'];
  const response = await embed(openai, { input: inputs, user: 'tester-1' });
  assert.equal(response.status, 200, response.text);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const body = response.json;
  assert.deepEqual(Object.keys(body).sort(), ['data', 'model', 'object', 'usage']);
  assert.equal(body.object, 'list');
  assert.equal(body.model, EMBEDDER);
  assert.deepEqual(body.usage, { prompt_tokens: 6 + 3 + 1, total_tokens: 10 }, 'tokens are words, as for chat prompts');
  assert.deepEqual(body.data.map((d) => d.index), [0, 1, 2]);
  for (const item of body.data) {
    assert.deepEqual(Object.keys(item).sort(), ['embedding', 'index', 'object']);
    assert.equal(item.object, 'embedding');
    assert.equal(item.embedding.length, 1536);
    assert.ok(item.embedding.every(Number.isFinite));
    assert.ok(Math.abs(norm(item.embedding) - 1) < 1e-6, `norm ${norm(item.embedding)}`);
  }
  // One string is one input, with the vector it has in an array; the large model's vectors are longer.
  assert.deepEqual(await vectors(openai, inputs[1]), [body.data[1].embedding]);
  assert.equal((await vectors(openai, ['fees'], { model: 'text-embedding-3-large' }))[0].length, 3072);
  // Token ids: an array of arrays is one input each, an array of integers one input; each id a token.
  const tokens = await embed(openai, { input: [[1212, 318, 257], [1332]] });
  assert.equal(tokens.status, 200, tokens.text);
  assert.equal(tokens.json.data.length, 2);
  assert.deepEqual(tokens.json.usage, { prompt_tokens: 4, total_tokens: 4 });
  assert.deepEqual(await vectors(openai, [1212, 318, 257]), [tokens.json.data[0].embedding]);
});

test('embeddings: base64 holds the float answer\'s float32s; a text keeps its vector, other texts differ', async () => {
  const inputs = ['The collector called my work', 'My card was charged twice', 'the collector called MY work!'];
  const floats = await vectors(openai, inputs);
  const singles = await vectors(openai, inputs, { encoding_format: 'base64' });
  assert.equal(singles.length, 3);
  for (const [i, vector] of singles.entries()) {
    assert.equal(vector.length, 1536);
    assert.deepEqual(vector, floats[i].map(Math.fround));
  }
  // Asked again, in another batch and at another place in it: the very same vector.
  const again = await vectors(openai, ['something else', inputs[1]]);
  assert.deepEqual(again[1], floats[1]);
  assert.ok(dot(floats[0], floats[1]) < 0.5, `different words: cosine ${dot(floats[0], floats[1])}`);
  // The same words (case and punctuation aside) in another text: close, yet that text's own vector.
  assert.ok(dot(floats[0], floats[2]) > 0.97, `same words: cosine ${dot(floats[0], floats[2])}`);
  assert.notDeepEqual(floats[0], floats[2]);
});

test('embeddings: dimensions cuts a text-embedding-3 vector and normalises it again; other models refuse it', async () => {
  const text = 'I was charged a late fee although I paid on time';
  const [full] = await vectors(openai, [text]);
  for (const dimensions of [1, 256, 1536]) {
    for (const encoding of ['float', 'base64']) {
      const [short] = await vectors(openai, [text], { dimensions, encoding_format: encoding });
      assert.equal(short.length, dimensions);
      assert.ok(Math.abs(norm(short) - 1) < 1e-5, `norm ${norm(short)}`);
      const start = full.slice(0, dimensions);
      const scale = norm(start);
      assert.ok(start.every((x, i) => Math.abs(short[i] - x / scale) < 1e-6), `${dimensions} ${encoding}: the start, rescaled`);
    }
  }
  assert.equal((await vectors(openai, [text], { model: 'text-embedding-3-large', dimensions: 1024 }))[0].length, 1024);
  assert.equal((await vectors(openai, [text], { model: 'text-embedding-ada-002' }))[0].length, 1536);
  const unsupported = await embed(openai, { model: 'text-embedding-ada-002', input: [text], dimensions: 256 });
  assertOpenAIError(unsupported, 400);
  assert.equal(unsupported.json.error.message, 'This model does not support specifying dimensions.');
  for (const dimensions of [0, -3, 2.5, '256', 1537]) {
    assertOpenAIError(await embed(openai, { input: [text], dimensions }), 400, 'dimensions', 'invalid_value');
  }
});

test('embeddings: texts of one product of the demo data lie closer together than texts of two, and a linear rule learns', async () => {
  const byProduct = demoNarratives(600);
  const within = (vs) => mean(vs.flatMap((a, i) => vs.slice(i + 1).map((b) => dot(a, b))));
  const across = (as, bs) => mean(as.flatMap((a) => bs.map((b) => dot(a, b))));
  for (const [first, second] of [['Mortgage', 'Student loan'], ['Debt collection', 'Checking or savings account']]) {
    const a = await vectors(openai, byProduct.get(first).slice(0, 20), { encoding_format: 'base64' });
    const b = await vectors(openai, byProduct.get(second).slice(0, 20), { encoding_format: 'base64' });
    const [withinA, withinB, between] = [within(a), within(b), across(a, b)];
    assert.ok(withinA > between && withinB > between, `${first} ${withinA}, ${second} ${withinB}, across ${between}`);
  }

  // Nearest centroid (a linear rule) on the vectors less their mean: trained on two thirds of each product's
  // texts, it names the product of most of the others (the demo data is built so that none is perfect).
  const train = [];
  const held = [];
  for (const [product, texts] of byProduct) {
    const vs = await vectors(openai, texts, { encoding_format: 'base64', dimensions: 512 });
    const cut = Math.ceil((vs.length * 2) / 3);
    train.push(...vs.slice(0, cut).map((v) => [product, v]));
    held.push(...vs.slice(cut).map((v) => [product, v]));
  }
  const centre = train[0][1].map((_, j) => mean(train.map(([, v]) => v[j])));
  const centroids = [...byProduct.keys()].map((product) => {
    const own = train.filter(([p]) => p === product).map(([, v]) => v);
    return [product, centre.map((c, j) => mean(own.map((v) => v[j])) - c)];
  });
  const named = (v) => {
    const centred = v.map((x, j) => x - centre[j]);
    return centroids.reduce((best, c) => (dot(centred, c[1]) / norm(c[1]) > dot(centred, best[1]) / norm(best[1]) ? c : best))[0];
  };
  const right = held.filter(([product, v]) => named(v) === product).length;
  const largest = Math.max(...[...byProduct.values()].map((texts) => texts.length));
  assert.ok(right / held.length > 0.6, `${right} of ${held.length} held-out texts named right`);
  assert.ok(right / held.length > (2 * largest) / [...byProduct.values()].flat().length, 'well above the largest class\'s share');
});

test('embeddings: OpenAI\'s limits and the spec\'s forms, enforced with 400s that name the input', async () => {
  const before = (await requestLog(openai)).length;
  const refused = async (body, param, code, message) => {
    const response = await embed(openai, body);
    assertOpenAIError(response, 400, param, code);
    if (message) assert.match(response.json.error.message, message);
  };
  await refused({ input: Array(2049).fill('x') }, 'input', 'array_above_max_length', /maximum length 2048, but got an array with length 2049/);
  assert.equal((await vectors(openai, Array(2048).fill('x'), { encoding_format: 'base64', dimensions: 8 })).length, 2048);
  await refused({ input: ['fine', ''] }, 'input[1]', 'empty_string', /^Invalid 'input\[1\]': empty string/);
  await refused({ input: ['a', 'b', words(8193)] }, 'input[2]', 'context_length_exceeded', /^Invalid 'input\[2\]': maximum context length is 8192 tokens.* 8193 tokens/);
  assert.equal((await vectors(openai, ['a', words(8192)], { dimensions: 8 })).length, 2);
  const overRequest = await embed(openai, { input: Array(37).fill(words(8192)) });
  assertOpenAIError(overRequest, 400, null, 'max_tokens_per_request');
  assert.equal(overRequest.json.error.message, `Requested ${37 * 8192} tokens, max 300000 tokens per request`);
  await refused({ input: [] }, 'input', 'empty_array');
  await refused({ input: [[1, 2], []] }, 'input[1]', 'empty_array', /'input\[1\]'/);
  await refused({ input: [[5, -1]] }, 'input[0]', 'invalid_value', /'input\[0\]'/);
  for (const input of [42, ['a', 1], [null], [true], [[1, 'a']], { text: 'a' }]) await refused({ input }, 'input', 'invalid_type');
  await refused({ input: Array(2049).fill(7) }, 'input', 'array_above_max_length');
  await refused({}, 'input', 'missing_required_parameter');
  await refused({ model: '', input: ['a'] }, 'model', 'missing_required_parameter');
  await refused({ input: ['a'], encoding_format: 'hex' }, 'encoding_format', 'invalid_value');
  await refused({ input: ['a'], user: 7 }, 'user', 'invalid_type');
  await refused({ input: ['a'], temperature: 0 }, null, null, /^Unrecognized request argument supplied: temperature$/);
  // What was refused gave no vectors: only the two answered requests name inputs in the log.
  const answered = (await requestLog(openai)).slice(before).filter((r) => r.path === '/v1/embeddings' && r.embeddings);
  assert.deepEqual(answered.map((r) => r.embeddings.inputs), [2048, 2]);
});

test('embeddings: queued faults are served and counted as for chat; the log names every input of each answer', async () => {
  const before = (await requestLog(openai)).length;
  await setFaults(openai, '/v1/embeddings', [
    { status: 429, code: 'rate_limit_exceeded', headers: { 'retry-after-ms': '20', 'retry-after': '1' } },
    { status: 500 }, { hang: 0.1 }]);
  const inputs = ['first complaint', 'second complaint here', 'first complaint'];
  const limited = await embed(openai, { input: inputs });
  assertOpenAIError(limited, 429, undefined, 'rate_limit_exceeded');
  assert.equal(limited.headers.get('retry-after-ms'), '20');
  assert.equal(limited.headers.get('retry-after'), '1');
  assertOpenAIError(await embed(openai, { input: inputs }), 500, undefined, 'server_error');
  const start = Date.now();
  assert.equal((await embed(openai, { input: inputs })).status, 200);
  assert.ok(Date.now() - start >= 90, 'the hang delayed the answer');
  assert.equal((await embed(openai, { input: [[7, 8]], dimensions: 4, encoding_format: 'base64' })).status, 200);

  const sent = (await requestLog(openai)).slice(before).filter((r) => r.path === '/v1/embeddings');
  assert.deepEqual(sent.map((r) => r.fault), [429, 500, 'hang', null]);
  assert.ok(sent.every((r) => r.method === 'POST' && r.authorised && r.arrived <= r.answered));
  assert.deepEqual(sent.map((r) => r.embeddings === undefined), [true, true, false, false], 'faults gave no vectors');
  assert.deepEqual(sent[2].embeddings, { model: EMBEDDER, inputs: 3, texts: inputs.map(sha16), tokens: 7,
    dimensions: 1536, encoding_format: 'float' });
  assert.deepEqual(sent[3].embeddings, { model: EMBEDDER, inputs: 1, texts: [sha16('7,8')], tokens: 2,
    dimensions: 4, encoding_format: 'base64' });
});

test('embeddings: --rate-429 and --rate-500 fault them as they do chat requests, seeded', async () => {
  const flags = ['--key', KEY, '--rate-429', '0.3', '--rate-500', '0.1', '--retry-after-ms', '40', '--seed', '5'];
  const fake = await startFake('openai_fake.py', flags);
  servers.push(fake);
  const statuses = [];
  for (let i = 0; i < 100; i++) {
    const response = await embed(fake, { input: [`complaint ${i}`], dimensions: 8 });
    statuses.push(response.status);
    if (response.status === 429) {
      assertOpenAIError(response, 429, undefined, 'rate_limit_exceeded');
      assert.equal(response.headers.get('retry-after-ms'), '40');
      assert.equal(response.headers.get('retry-after'), '1');
    } else if (response.status === 500) {
      assertOpenAIError(response, 500, undefined, 'server_error');
    } else {
      assert.equal(response.status, 200, response.text);
    }
  }
  // Their numbers are those of the rates (within 3.5 sd of 100 draws); the log counts each.
  const count = (status) => statuses.filter((s) => s === status).length;
  assert.ok(count(429) >= 14 && count(429) <= 46, `${count(429)} × 429`);
  assert.ok(count(500) >= 1 && count(500) <= 21, `${count(500)} × 500`);
  const sent = (await requestLog(fake)).filter((r) => r.path === '/v1/embeddings');
  assert.deepEqual(sent.map((r) => r.fault), statuses.map((s) => (s === 200 ? null : s)));
  assert.equal(sent.filter((r) => r.embeddings).length, count(200));
});

test('the Together fake serves /v1/embeddings in OpenAI\'s shape and lists its embedding model', async () => {
  const embedder = (await call(together, 'GET', '/v1/models')).json.find((m) => m.type === 'embedding');
  assert.equal(embedder?.id, 'BAAI/bge-base-en-v1.5');
  const inputs = ['My loan servicer lost my payment', 'hello'];
  const response = await call(together, 'POST', '/v1/embeddings', { model: embedder.id, input: inputs });
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json.object, 'list');
  assert.equal(response.json.model, embedder.id);
  assert.deepEqual(response.json.usage, { prompt_tokens: 7, total_tokens: 7 });
  assert.deepEqual(response.json.data.map((d) => [d.object, d.index, d.embedding.length]), [['embedding', 0, 768], ['embedding', 1, 768]]);
  assert.ok(response.json.data.every((d) => Math.abs(norm(d.embedding) - 1) < 1e-6));
  assertOpenAIError(await call(together, 'POST', '/v1/embeddings', { model: embedder.id, input: inputs, dimensions: 100 }), 400);
  // One rule for both fakes: the same model name gives the same vectors.
  assert.deepEqual(await vectors(together, inputs), await vectors(openai, inputs));
  const logged = (await requestLog(together)).filter((r) => r.path === '/v1/embeddings' && r.embeddings);
  assert.deepEqual(logged[0].embeddings.texts, inputs.map(sha16));
});

// --- the Batch API ---------------------------------------------------------------------------------------

// Batch input lines (BatchRequestInput) for `count` chat requests of `model`; Together's carry no method or url.
function batchLines(count, { model = 'gpt-4o-mini-2024-07-18', withUrl = true, first = 0 } = {}) {
  return Array.from({ length: count }, (_, i) => {
    const body = { model, messages: [{ role: 'system', content: 'Labels: Mortgage | Credit card' },
      { role: 'user', content: `[[label:${i % 2 ? 'Mortgage' : 'Credit card'}]] complaint ${first + i}` }], temperature: 0 };
    const line = { custom_id: `row-${first + i}`, body };
    return JSON.stringify(withUrl ? { custom_id: line.custom_id, method: 'POST', url: '/v1/chat/completions', body } : line);
  }).join('\n') + '\n';
}

async function uploadBatch(server, content, { path = '/v1/files', purpose = 'batch' } = {}) {
  const response = await call(server, 'POST', path, form({ purpose }, content, 'batch.jsonl'));
  assert.equal(response.status, 200, response.text);
  assert.equal(response.json.purpose, purpose);
  return response.json;
}

async function createBatch(server, fileId, clientId) {
  const response = await call(server, 'POST', '/v1/batches', {
    input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h',
    metadata: { tuneboard_client_id: clientId },
  });
  assert.equal(response.status, 200, response.text);
  return response.json;
}

const BATCH_KEYS = ['cancelled_at', 'cancelling_at', 'completed_at', 'completion_window', 'created_at', 'endpoint',
  'error_file_id', 'errors', 'expired_at', 'expires_at', 'failed_at', 'finalizing_at', 'id', 'in_progress_at',
  'input_file_id', 'metadata', 'model', 'object', 'output_file_id', 'request_counts', 'status'];

const jsonlOf = (text) => text.split('\n').filter((line) => line).map((line) => JSON.parse(line));

test('batch: created from a purpose=batch file, one status a retrieve, output lines are the live chat answers', async () => {
  const input = batchLines(5);
  const file = await uploadBatch(openai, input);
  const created = await createBatch(openai, file.id, 'tb-life');
  assert.deepEqual(Object.keys(created).sort(), BATCH_KEYS);
  assert.equal(created.object, 'batch');
  assert.equal(created.status, 'validating');
  assert.equal(created.expires_at - created.created_at, 86400);
  assert.deepEqual(created.metadata, { tuneboard_client_id: 'tb-life' });
  const statuses = [];
  let batch = created;
  while (batch.status !== 'completed') {
    batch = (await call(openai, 'GET', `/v1/batches/${created.id}`)).json;
    statuses.push(batch.status);
  }
  assert.deepEqual(statuses, ['in_progress', 'finalizing', 'completed']);
  assert.deepEqual(batch.request_counts, { total: 5, completed: 5, failed: 0 });
  assert.equal(batch.model, 'gpt-4o-mini-2024-07-18');
  assert.equal(batch.error_file_id, null);
  const outputFile = (await call(openai, 'GET', `/v1/files/${batch.output_file_id}`)).json;
  assert.equal(outputFile.purpose, 'batch_output');
  const output = jsonlOf((await call(openai, 'GET', `/v1/files/${batch.output_file_id}/content`)).text);
  // Not in input order: matched by custom_id.
  assert.deepEqual(output.map((line) => line.custom_id), ['row-4', 'row-3', 'row-2', 'row-1', 'row-0']);
  for (const line of output) {
    assert.deepEqual(Object.keys(line).sort(), ['custom_id', 'error', 'id', 'response']);
    assert.equal(line.error, null);
    assert.deepEqual(Object.keys(line.response).sort(), ['body', 'request_id', 'status_code']);
    assert.equal(line.response.status_code, 200);
    const request = jsonlOf(input).find((r) => r.custom_id === line.custom_id);
    const live = (await call(openai, 'POST', '/v1/chat/completions', request.body)).json;
    assert.equal(line.response.body.choices[0].message.content, live.choices[0].message.content);
    assert.deepEqual(line.response.body.usage, live.usage);
  }
  // Listed newest first, paged with limit and after; a finished batch cannot be cancelled.
  const newer = await createBatch(openai, file.id, 'tb-life-2');
  const firstPage = (await call(openai, 'GET', '/v1/batches?limit=1')).json;
  assert.deepEqual(firstPage.data.map((b) => b.id), [newer.id]);
  assert.equal(firstPage.has_more, true);
  assert.equal(firstPage.object, 'list');
  const secondPage = (await call(openai, 'GET', `/v1/batches?limit=1&after=${newer.id}`)).json;
  assert.deepEqual(secondPage.data.map((b) => b.id), [created.id]);
  assertOpenAIError(await call(openai, 'POST', `/v1/batches/${created.id}/cancel`), 400);
  assertOpenAIError(await call(openai, 'GET', '/v1/batches/batch_nope'), 404);
});

test('batch: expired with part answered, failed on request or by a bad input file, cancelled halfway', async () => {
  const file = await uploadBatch(openai, batchLines(4));
  const retrieveUntil = async (id, status) => (await pollUntil(() => call(openai, 'GET', `/v1/batches/${id}`),
    (r) => r.json.status === status, 5000)).at(-1).json;

  await fetch(`${openai.url}/__fake/batch`, { method: 'POST', body: JSON.stringify({ outcome: 'expired', answered: 1 }) });
  const expiring = await createBatch(openai, file.id, 'tb-expired');
  const expired = await retrieveUntil(expiring.id, 'expired');
  assert.deepEqual(expired.request_counts, { total: 4, completed: 1, failed: 3 });
  assert.equal(typeof expired.expired_at, 'number');
  const answered = jsonlOf((await call(openai, 'GET', `/v1/files/${expired.output_file_id}/content`)).text);
  assert.deepEqual(answered.map((l) => l.custom_id), ['row-0']);
  const notRun = jsonlOf((await call(openai, 'GET', `/v1/files/${expired.error_file_id}/content`)).text);
  assert.deepEqual(notRun.map((l) => l.custom_id).sort(), ['row-1', 'row-2', 'row-3']);
  for (const line of notRun) {
    assert.equal(line.response, null);
    assert.equal(line.error.code, 'batch_expired');
  }

  const failing = await createBatch(openai, file.id, 'tb-failed');
  await fetch(`${openai.url}/__fake/batch`, { method: 'POST', body: JSON.stringify({ id: failing.id, outcome: 'failed' }) });
  const failed = await retrieveUntil(failing.id, 'failed');
  assert.equal(failed.output_file_id, null);
  assert.equal(failed.errors.object, 'list');
  assert.equal(failed.errors.data.length, 1);

  const mixed = batchLines(2) + batchLines(1, { model: 'gpt-4.1-mini-2025-04-14', first: 2 }) + 'not json\n';
  const bad = await createBatch(openai, (await uploadBatch(openai, mixed)).id, 'tb-bad');
  const refused = await retrieveUntil(bad.id, 'failed');
  assert.deepEqual(refused.errors.data.map((e) => [e.code, e.line]), [['invalid_json_line', 4], ['mismatched_model', null]]);

  const cancelling = await createBatch(openai, file.id, 'tb-cancel');
  await retrieveUntil(cancelling.id, 'in_progress');
  const asked = await call(openai, 'POST', `/v1/batches/${cancelling.id}/cancel`);
  assert.equal(asked.json.status, 'cancelling');
  const cancelled = await retrieveUntil(cancelling.id, 'cancelled');
  assert.deepEqual(cancelled.request_counts, { total: 4, completed: 2, failed: 2 });
  const stopped = jsonlOf((await call(openai, 'GET', `/v1/files/${cancelled.error_file_id}/content`)).text);
  assert.deepEqual(stopped.map((l) => l.error.code), ['batch_cancelled', 'batch_cancelled']);
});

test('batch: the spec\'s limits on a create, and an ambiguous create made but answered 500 or dropped', async () => {
  const file = await uploadBatch(openai, batchLines(2));
  const create = (extra) => call(openai, 'POST', '/v1/batches', {
    input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', ...extra });
  assertOpenAIError(await create({ completion_window: '1h' }), 400, 'completion_window');
  assertOpenAIError(await create({ endpoint: '/v1/fine_tuning/jobs' }), 400, 'endpoint');
  const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
  assertOpenAIError(await create({ metadata: tooMany }), 400, 'metadata');
  assertOpenAIError(await create({ metadata: { tuneboard_client_id: 7 } }), 400, 'metadata');
  const training = await upload(openai, 12);
  assertOpenAIError(await create({ input_file_id: training.id }), 400, 'input_file_id');
  assertOpenAIError(await call(openai, 'POST', '/v1/batches', { endpoint: '/v1/chat/completions', completion_window: '24h' }),
    400, 'input_file_id');

  await setFaults(openai, '/v1/batches', [{ after: true, status: 500 }, { after: true, drop: true }]);
  const before = (await requestLog(openai)).length;
  const failed = await create({ metadata: { tuneboard_client_id: 'tb-ambiguous-500' } });
  assert.equal(failed.status, 500);
  await assert.rejects(create({ metadata: { tuneboard_client_id: 'tb-ambiguous-drop' } }));
  const listed = (await call(openai, 'GET', '/v1/batches?limit=100')).json.data.map((b) => b.metadata?.tuneboard_client_id);
  assert.ok(listed.includes('tb-ambiguous-500'));
  assert.ok(listed.includes('tb-ambiguous-drop'));
  const log = (await requestLog(openai)).slice(before).filter((r) => r.path === '/v1/batches' && r.method === 'POST');
  assert.deepEqual(log.map((r) => r.fault), [500, 'drop']);
});

test('batch on the Together fake: purpose batch-api, {job} on create, capital statuses, a bare array listed', async () => {
  const input = batchLines(3, { model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', withUrl: false });
  const file = await uploadBatch(together, input, { path: '/v1/files/upload', purpose: 'batch-api' });
  const created = await call(together, 'POST', '/v1/batches', { input_file_id: file.id, endpoint: '/v1/chat/completions' });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.json.job.status, 'VALIDATING');
  assert.match(created.json.job.created_at, /^\d{4}-\d\d-\d\dT/);
  const id = created.json.job.id;
  const statuses = [];
  let batch;
  do {
    batch = (await call(together, 'GET', `/v1/batches/${id}`)).json;
    statuses.push(batch.status);
  } while (batch.status !== 'COMPLETED');
  assert.deepEqual(statuses, ['IN_PROGRESS', 'FINALIZING', 'COMPLETED']);
  assert.equal(batch.progress, 100);
  assert.equal(batch.model_id, 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo');
  const output = jsonlOf((await call(together, 'GET', `/v1/files/${batch.output_file_id}/content`)).text);
  assert.deepEqual(output.map((l) => l.custom_id).sort(), ['row-0', 'row-1', 'row-2']);
  assert.equal(output[0].response.status_code, 200);
  const listed = (await call(together, 'GET', '/v1/batches')).json;
  assert.ok(Array.isArray(listed));
  assert.equal(listed[0].id, id);
  const refused = await call(together, 'POST', '/v1/batches', { input_file_id: 'file-nope', endpoint: '/v1/chat/completions' });
  assert.equal(refused.status, 400);
});
