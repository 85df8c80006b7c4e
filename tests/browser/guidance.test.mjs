// What guides a first-time user: the short introduction, each step's "Next" action, a status line without
// filler, and the cost of an evaluation shown before anything is spent. The estimate is checked against
// the requests the page then sends, counted here with js-tiktoken and priced from the bundled table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import {
  animationFrames, clickItem, item, launchBrowser, openAtFake, root, screenshot, startFakeProvider, startSite, state, typeInto,
} from './harness.mjs';

const KEY = 'sk-fake-guide-7c21e4';
const MINI = 'gpt-4o-mini-2024-07-18';  // o200k_base; answers through the JSON schema
let site;
let browser;
let fake;
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  fake = await startFakeProvider([KEY]);
});
after(async () => {
  await browser?.close();
  fake?.stop();
  site?.stop();
});

const o200kBase = new Tiktoken(o200k);
// As Tuneboard's BPE counts: special-token text is ordinary text.
const tokens = (text) => o200kBase.encode(text, [], []).length;

// The cookbook's count of a conversation: 3 per message, its role and content, and 3 to prime the reply.
const chatTokens = (messages) => 3 + messages.reduce((sum, m) => sum + 3 + tokens(m.role) + tokens(m.content), 0);

// How Tuneboard writes a cost: cents, with commas; under a cent, two significant digits.
function dollars(usd) {
  if (usd > 0 && usd < 0.00995) return `$${usd.toFixed(1 - Math.floor(Math.log10(usd)))}`;
  const [whole, cents] = usd.toFixed(2).split('.');
  return `$${Number(whole).toLocaleString('en-US')}.${cents}`;
}

function chatPrice(model) {
  const table = JSON.parse(readFileSync(path.join(root, 'assets', 'fine_tuning_prices.json'), 'utf8'));
  const entry = table.models.find((m) => m.provider === 'openai' && (m.model === model || (m.aliases ?? []).includes(model)));
  return { input: entry.input_usd_per_1m_tokens, output: entry.output_usd_per_1m_tokens };
}

const labelsOf = (body) => body.response_format.json_schema.schema.properties.label.enum;
const isStepFiller = (text) => /^(Data|Prompt|Fine-tune|Evaluate|Compare) step$/.test(text);

test('the status line offers each step\'s Next action, always in view, and says nothing of the step', async () => {
  const page = await openAtFake(browser, site, fake, KEY);
  await item(page, 'Hide');  // the introduction, with the steps that need a key
  await clickItem(page, 'Next: write the prompt');
  await page.waitForFunction(() => window.tuneboard.state().step === 'prompt');
  assert.ok(!isStepFiller((await state(page)).status.text), (await state(page)).status.text);
  await clickItem(page, 'Next: fine-tune, or train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().step === 'fine_tune');
  // Scrolled down, as a person reading the step would be...
  const viewport = page.viewportSize();
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await page.mouse.wheel(0, 5000);
  await animationFrames(page, 3);
  await clickItem(page, 'Next: evaluate the candidates');
  await page.waitForFunction(() => window.tuneboard.state().step === 'evaluate');
  // ...the next step opens at its top, where its first field is.
  const model = await item(page, 'Model');
  assert.ok(model.y > 0 && model.y + model.h < viewport.height, JSON.stringify(model));
  await clickItem(page, 'Next: compare the results');
  await page.waitForFunction(() => window.tuneboard.state().step === 'compare');
  // The last step has no Next.
  await page.waitForFunction(() => !window.tuneboard.items().some((it) => it.label.startsWith('Next: ')));
  assert.ok(!isStepFiller((await state(page)).status.text));
  // The introduction hides when asked.
  await clickItem(page, 'Hide');
  await page.waitForFunction(() => !window.tuneboard.items().some((it) => it.label === 'Hide'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('before Run, a chat candidate shows what its rows will cost, as the requests then sent bill it', async () => {
  const page = await openAtFake(browser, site, fake, KEY);
  await clickItem(page, 'Evaluate');
  await typeInto(page, 'Model', MINI);
  await clickItem(page, 'Add candidate');
  // Exact once the o200k_base tokenizer has arrived from the site.
  await page.waitForFunction(() => window.tuneboard.state().evaluations[0]?.estimate?.exact === true, null, { timeout: 60000 });
  const [evaluation] = (await state(page)).evaluations;
  assert.equal(evaluation.done, 0);
  const shownCost = await page.evaluate(() => window.tuneboard.items().map((it) => it.label).filter((l) => /^≈ \$/.test(l)));
  const runAll = await page.evaluate(() => window.tuneboard.items().map((it) => it.label).find((l) => l.startsWith('Run all costs')));
  assert.ok(!(await page.evaluate(() => window.tuneboard.items().some((it) => it.label === '$0.00'))), 'no $0.00 before running');
  await screenshot(page, 'guidance-estimate-before-run');

  // The rows as the page sends them.
  const bodies = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/chat/completions')) bodies.push(JSON.parse(request.postData()));
  });
  await clickItem(page, 'Run all');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.every((e) => e.done === e.rows && e.phase === 'idle'),
    null, { timeout: 120000 });
  const users = new Set(bodies.map((b) => b.messages.at(-1).content));
  assert.equal(users.size, evaluation.rows, 'each test row asked once');
  assert.equal(bodies.length, evaluation.rows);

  const promptTokens = bodies.reduce((sum, b) => sum + chatTokens(b.messages), 0);
  const answer = Math.max(...labelsOf(bodies[0]).map((label) => tokens(JSON.stringify({ label }))));
  const completionTokens = evaluation.rows * answer;
  const price = chatPrice(MINI);
  const expected = `≈ ${dollars((promptTokens * price.input + completionTokens * price.output) / 1e6)}`;
  assert.equal(evaluation.estimate.promptTokens, promptTokens);
  assert.equal(evaluation.estimate.completionTokens, completionTokens);
  assert.deepEqual(shownCost, [expected]);
  assert.equal(runAll, `Run all costs ${expected}`);
  // Once run, the row shows what was billed, and no estimate is left.
  const done = (await state(page)).evaluations[0];
  assert.equal(done.estimate, undefined);
  assert.equal((await state(page)).spending.runAll.text, '');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
