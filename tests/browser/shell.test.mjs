// The page shell: first frame, steps, clipboard, HiDPI, idle frames, keys left to the browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  animationFrames, clickItem, frames, openApp, screenshot, settled, siteAndBrowser, state,
} from './harness.mjs';

const env = siteAndBrowser();

test('the page loads without console errors and draws its first frame', async () => {
  const page = await openApp(env.browser, env.site.url);
  assert.ok(await frames(page) > 0);
  assert.equal(await page.locator('#loading').isHidden(), true, 'the loading message is gone');
  assert.equal(await page.locator('input[type=file]').count(), 1, 'exactly one file input');
  const labels = (await page.evaluate(() => window.tuneboard.items())).map((it) => it.label);
  for (const step of ['Data', 'Prompt', 'Fine-tune', 'Evaluate', 'Compare']) assert.ok(labels.includes(step), step);
  await screenshot(page, 'shell-first-frame');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('clicking a step by its label changes the state, with no filler in the status line', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  assert.equal((await state(page)).step, 'data');
  await clickItem(page, 'Fine-tune');
  await page.waitForFunction(() => window.tuneboard.state().step === 'fine_tune');
  // The step bar shows the step: the status line and its announcement add no "Fine-tune step" filler.
  assert.notEqual(await page.evaluate(() => document.getElementById('live').textContent), 'Fine-tune step');
  assert.notEqual((await state(page)).status.text, 'Fine-tune step');
  await clickItem(page, 'Compare');
  await page.waitForFunction(() => window.tuneboard.state().step === 'compare');
  await screenshot(page, 'shell-compare-step');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('pasting text into a field inserts it, and copying puts it on the clipboard', async () => {
  const page = await openApp(env.browser, env.site.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  const pasted = 'CFPB products — 6 classes';
  await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  await clickItem(page, 'Experiment name');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((text) => window.tuneboard.state().experimentName === text, pasted);

  await page.evaluate(() => navigator.clipboard.writeText('something else'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction((text) => navigator.clipboard.readText().then((got) => got === text), pasted);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('at device scale factor 2 the canvas backing store is twice its CSS size, and follows resizes', async () => {
  const page = await openApp(env.browser, env.site.url, { deviceScaleFactor: 2 });
  const canvas = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
  });
  assert.equal(canvas.cssWidth, 1280);
  assert.equal(canvas.width, 2 * canvas.cssWidth);
  assert.equal(canvas.height, 2 * canvas.cssHeight);
  const display = (await state(page)).display;
  assert.equal(display.devicePixelRatio, 2);
  assert.equal(display.backingWidth, 2 * display.cssWidth);

  // Widgets are reported in CSS pixels, so clicking by label works at any scale.
  await clickItem(page, 'Evaluate');
  await page.waitForFunction(() => window.tuneboard.state().step === 'evaluate');
  await screenshot(page, 'shell-hidpi');

  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1800);
  assert.equal(await page.evaluate(() => document.getElementById('canvas').height), 1200);
  await page.waitForFunction(() => window.tuneboard.state().display.backingWidth === 1800);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an idle page draws no frames, and a mouse move draws again', async () => {
  const page = await openApp(env.browser, env.site.url);
  await page.waitForFunction(() => window.tuneboard.state().idle === true, null, { timeout: 10000 });
  const idleFrames = await frames(page);
  await animationFrames(page, 90);  // about 1.5 s of display refreshes
  assert.equal(await frames(page), idleFrames, 'no frame drawn while idle');
  await page.mouse.move(200, 200);
  await page.waitForFunction((n) => window.tuneboard.frames() > n, idleFrames);
  assert.equal((await state(page)).idle, false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('browser shortcuts the app does not use stay with the browser', async () => {
  const page = await openApp(env.browser, env.site.url);
  await page.evaluate(() => {
    window.prevented = [];
    window.addEventListener('keydown', (e) => window.prevented.push([e.key, e.ctrlKey, e.defaultPrevented]));
  });
  await page.mouse.click(5, 5);  // focus the canvas, as a person would
  for (const key of ['F11', 'F12', 'Control+W', 'Control+T', 'Control+R', 'Control+V']) await page.keyboard.press(key);
  const seen = await page.evaluate(() => window.prevented);
  assert.equal(seen.filter(([key]) => key !== 'Control').length, 6);
  for (const [key, , prevented] of seen) assert.equal(prevented, false, `${key} was kept from the browser`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the keyboard moves between widgets and activates them', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'Data');
  // From the Data step, two steps to the right, then Space, as a keyboard user would.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.tuneboard.state().step === 'fine_tune');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
