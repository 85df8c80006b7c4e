// Shared by the browser tests: serve build/web/ with serve.py on a free port, drive Debian's Chromium
// with playwright-core, and reach the app through window.tuneboard.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'build', 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

// Runs `python3 ARGS…` from the repository and resolves with the first http:// URL it prints (servers
// here listen on a port chosen at start and say where).
export async function startServer(args) {
  const child = spawn('python3', args, {
    cwd: root, env: { ...process.env, TUNEBOARD_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/http:\/\/[^\s]+?(?=\/?\s)/);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before listening: ${seen}`)));
  });
  return { url, stop: () => child.kill() };
}

// The site, served by serve.py as a person would; `url` ends with a slash.
export async function startSite() {
  const server = await startServer(['serve.py', '--no-build', '--port', '0']);
  return { ...server, url: server.url + '/' };
}

// The fake OpenAI-compatible provider, accepting `keys`; `url` is its origin (no trailing slash).
// `flags` go to the fake as they are (--step-seconds 0.3).
export async function startFakeProvider(keys, flags = []) {
  return startServer(['tests/fakes/openai_fake.py', ...keys.flatMap((key) => ['--key', key]), ...flags]);
}

// Pastes `key` into the Providers window's key field for `profile`, as a person would.
// The fake's request log (GET /__fake/requests).
export const fakeRequests = async (fake) => (await (await fetch(`${fake.url}/__fake/requests`)).json()).requests;

// The page opened (or `page` reloaded) by a link that points OpenAI's profile at `fake`, with `key` pasted,
// as a person starting against that server does.
export async function openAtFake(browser, site, fake, key, page) {
  page ??= await openApp(browser, `${site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'] });
  await settled(page);
  await pasteKey(page, 'openai', key);
  await clickItem(page, 'Providers');  // closes the window the link opened
  return page;
}

// The save-file picker's stand-in, for a browser context's init script (a headless browser shows no
// dialog): it hands back a writable that keeps what is written, in order, in window.labelledFile.
export const pickerStandIn = () => {
  window.labelledFile = { chunks: [], closed: false, aborted: false, suggestedName: '' };
  window.showSaveFilePicker = async (options) => {
    window.labelledFile.suggestedName = options.suggestedName;
    return {
      name: options.suggestedName,
      createWritable: async () => ({
        write: async (bytes) => { window.labelledFile.chunks.push(new Uint8Array(bytes)); },
        close: async () => { window.labelledFile.closed = true; },
        abort: async () => { window.labelledFile.aborted = true; },
      }),
    };
  };
};

// What the picker's stand-in was given, as text.
export const pickedFileText = (page) => page.evaluate(() => {
  const { chunks } = window.labelledFile;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return new TextDecoder().decode(bytes);
});

// A page at `fake` (as openAtFake) whose save-file picker is the stand-in above.
export async function openAtFakeWithPicker(browser, site, fake, key) {
  const page = await openApp(browser, `${site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
    { permissions: ['clipboard-read', 'clipboard-write'] }, (context) => context.addInitScript(pickerStandIn));
  return openAtFake(browser, site, fake, key, page);
}

export async function pasteKey(page, profile, key) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), key);
  await clickItem(page, 'API key');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((id) => window.tuneboard.state().providers.profiles.find((p) => p.id === id).hasKey, profile);
}

// The site and a browser for the tests of one file: started before them, stopped after them. Read
// `env.site` and `env.browser` inside the tests.
export function siteAndBrowser() {
  const env = {};
  before(async () => {
    env.site = await startSite();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    env.site?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

// Opens the app in a new page and waits for its first frame. Console errors and uncaught exceptions are
// collected in page.problems, which every test expects to stay empty. `prepare(context)` runs before the
// page loads (to route its requests).
export async function openApp(browser, url, contextOptions = {}, prepare = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  await prepare(context);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`exception: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.tuneboard && window.tuneboard.frames() > 0);
  return page;
}

// Waits until the app's start-up work is done: the demo data (or a saved experiment) read and split,
// so its status messages cannot race what a test checks next. Right after a reload the new page may not
// have created `window.tuneboard` yet, so its absence means "not yet", not an error.
export async function settled(page) {
  await page.waitForFunction(() => {
    if (!window.tuneboard || window.tuneboard.frames() === 0) return false;
    const s = window.tuneboard.state();
    return s.split !== null && !s.reading;
  }, null, { timeout: 60000 });
}

export const state = (page) => page.evaluate(() => window.tuneboard.state());
export const frames = (page) => page.evaluate(() => window.tuneboard.frames());

// The widget drawn in the last frame whose visible label is `label`; waits until one is drawn with a
// size (a tab bar's first frame places its tabs at nowhere, 0 × 0).
export async function item(page, label) {
  const handle = await page.waitForFunction(
    (wanted) => window.tuneboard.items().find((it) => it.label === wanted && it.w > 0 && it.h > 0), label);
  return handle.jsonValue();
}

// Like clickItem, for a widget that may be below the fold: scrolls the panel with the mouse wheel, as a
// person would, until the widget is drawn (ImGui reports only what it draws).
export async function scrollToItem(page, label, direction = 1) {
  const viewport = page.viewportSize();
  for (let turn = 0; turn < 60; turn++) {
    const found = await page.evaluate((wanted) => window.tuneboard.items().find((it) => it.label === wanted), label);
    // Inside the panel's clip rectangle (what it scrolls is hidden under the tabs above) and clear of the
    // status line at the bottom (the panel clips what it scrolls about 45 px above the page's bottom; the
    // last item of a panel scrolled to its end still fits).
    const top = Math.max(0, found?.clip?.y ?? 0);
    if (found && found.y >= top && found.y + found.h <= viewport.height - 45) return found;
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    // A widget scrolled past, above, is brought back down.
    await page.mouse.wheel(0, (found && found.y < top ? -1 : direction) * 240);
    await animationFrames(page, 3);
  }
  throw new Error(`no widget labelled ${JSON.stringify(label)} came into view`);
}

// As a person does: the pointer comes onto the widget, then the button goes down and up. (A tab is
// picked on the press, and only when the app saw the pointer over it in an earlier frame.)
export async function clickItem(page, label) {
  let it = await item(page, label);
  // The pointer goes where the widget was last drawn; the move draws a frame. Only when a frame drawn after
  // the move shows the widget where the pointer is (work finishing in the background, such as the tokenizer
  // arriving and adding a line above, can move it meanwhile) does the button go down.
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
    await animationFrames(page, 2);
    const now = await item(page, label);
    const same = Math.abs(now.x - it.x) < 0.5 && Math.abs(now.y - it.y) < 0.5 && Math.abs(now.w - it.w) < 0.5 && Math.abs(now.h - it.h) < 0.5;
    it = now;
    if (same) break;
  }
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  return it;
}

// Trains the in-browser classifier on the split as a person would (Fine-tune, In the browser, words alone
// for a quicker search, Train), and waits until its model is ready.
export async function trainInBrowser(page) {
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'Also try word pairs');
  await page.waitForFunction(() => window.tuneboard.state().localModel.linearSettings.ngrams.length === 1);
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'ready', null, { timeout: 120000 });
}

// Replaces the text of the field labelled `label` with `text` and presses Enter, as a person would.
export async function typeInto(page, label, text) {
  await clickItem(page, label);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

// Clicks the widget `it` (an item() result) and resolves with the download it starts and its bytes.
export async function downloadFrom(page, it) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.mouse.click(it.x + it.w / 2, it.y + it.h / 2)]);
  return { download, bytes: Buffer.concat(await (await download.createReadStream()).toArray()) };
}

// Resolves after `count` animation frames of the page (frames the browser would paint, whether or not
// the app draws in them): a wait measured in the browser's own ticks, not in wall-clock sleeps.
// An exported chart's PNG: its size from the header, checked against what plot::image_size gives for the
// page's pixel ratio (64 lines of 15 px text wide, 16:10), never a strip cut from the screen.
export function assertChartPng(bytes, devicePixelRatio) {
  if (bytes.subarray(1, 4).toString() !== 'PNG') throw new Error('not a PNG');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const expected = Math.round(64 * Math.round(15 * devicePixelRatio));
  if (width !== expected || height !== Math.round(expected * 10 / 16)) {
    throw new Error(`chart image is ${width}×${height}, not ${expected}×${Math.round(expected * 10 / 16)}`);
  }
  return { width, height };
}

// The plot labelled `label` as last drawn (window.tuneboard.state().plots): its view and whether the
// wheel hint shows.
export async function plotView(page, label) {
  const { plots } = await state(page);
  return plots.filter((p) => p.label === label).sort((a, b) => b.frame - a.frame)[0];
}

export function animationFrames(page, count) {
  return page.evaluate((n) => new Promise((resolve) => {
    const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), count);
}

// The page at `size`, once a frame has been drawn for it (the workspace window spans the new width).
export async function resize(page, size) {
  await page.setViewportSize(size);
  await page.waitForFunction((width) => window.tuneboard.items().some((it) => it.label === 'Tuneboard' &&
    Math.abs(it.w - width) < 1), size.width);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

// Rows of an RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks), as arrays of fields.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

// Evaluate beside the majority baseline, as a person would: opens Evaluate, adds the baseline, waits
// until both have answered every test row, and gives both evaluations.
export async function scoreBesideBaseline(page, candidate) {
  await clickItem(page, 'Evaluate');
  await clickItem(page, 'Add majority baseline');
  await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 2 &&
    window.tuneboard.state().evaluations.every((e) => e.rows > 0 && e.done === e.rows));
  const { evaluations } = await state(page);
  return {
    ours: evaluations.find((e) => e.candidate === candidate),
    baseline: evaluations.find((e) => e.candidate === 'majority'),
  };
}
