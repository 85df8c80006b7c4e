// Every step as a person sees it, at 1280 × 800 and 1024 × 768: each widget drawn where the page can
// show it (not cut at the window's or a column's edge, not past the viewport) and no two widgets one over
// the other. Each step's screenshot is kept in build/test-artifacts (layout-<step>-<size>.png) to look at.
// One page walks through the steps and is resized in place, so the whole walk costs one evaluation.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  animationFrames, artifacts, clickItem, fakeRequests, item, openApp, openAtFake, resize, screenshot, siteAndBrowser, startFakeProvider, typeInto,
} from './harness.mjs';

const KEY = 'sk-fake-layout-3c9a1e';
const SMALL = 'tuneboard-fake-small';
const MINI = 'gpt-4o-mini-2024-07-18';
const SIZES = [{ width: 1280, height: 800 }, { width: 1024, height: 768 }];
// TB_LAYOUT_DPR=2 walks the steps on a screen of two device pixels per CSS pixel (screenshots end in -dpr2).
const DPR = Number(process.env.TB_LAYOUT_DPR || 1);
const DPR_SUFFIX = DPR === 1 ? '' : `-dpr${DPR}`;
const env = siteAndBrowser();

// What is wrong with the layout of the last frame drawn in a `width` × `height` page: widgets cut sideways
// (by the viewport, their window or their table column) and named widgets lying over each other. A widget
// scrolled out of view, above or below, is no fault; what is checked is what shows.
export function layoutFaults(items, width, height) {
  const faults = [];
  const shown = [];
  for (const it of items) {
    if (!it.clip || it.window || it.w <= 0 || it.h <= 0) continue;
    const clip = it.clip;
    const top = Math.max(it.y, clip.y, 0);
    const bottom = Math.min(it.y + it.h, clip.y + clip.h, height);
    if (bottom - top < 1) continue;  // scrolled away
    const left = Math.max(clip.x, 0);
    const right = Math.min(clip.x + clip.w, width);
    const name = JSON.stringify(it.label || `#${it.id}`);
    if (it.x < left - 1 || it.x + it.w > right + 1) {
      faults.push(`${name} is cut sideways: x ${Math.round(it.x)}–${Math.round(it.x + it.w)}, shown ${Math.round(left)}–${Math.round(right)}`);
    }
    if (it.named) shown.push({ it, name, top, bottom, left: Math.max(it.x, left), right: Math.min(it.x + it.w, right) });
  }
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i];
      const b = shown[j];
      if (a.it.root !== b.it.root || a.it.id === b.it.id) continue;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // A Selectable reaches half the item spacing (4 px) into its neighbours, so a list has no gap
      // between rows to miss; more than that is one widget over another.
      if (across > 4 && down > 4) faults.push(`${a.name} and ${b.name} overlap by ${Math.round(across)} × ${Math.round(down)} px`);
    }
  }
  return faults;
}


// Scrolls the step's panel with the wheel to its top (direction −1) or its end (+1), as a person would;
// one wheel turn far larger than any page, then the frames that apply it (as scrollToItem waits). The
// wheel goes to what lies under the page's middle: on the Data step that is the split's own row list.
async function scrollPanel(page, direction) {
  const viewport = page.viewportSize();
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await page.mouse.wheel(0, direction * 20000);
  await animationFrames(page, 4);
}

// Checks the step now shown, at each size, at the top of its panel and scrolled to its end; keeps a
// screenshot of each. `faults` collects what is wrong, so one run reports every step.
async function checkStep(page, step, faults) {
  for (const size of SIZES) {
    await resize(page, size);
    for (const [where, direction] of [['top', -1], ['end', 1]]) {
      await scrollPanel(page, direction);
      await screenshot(page, `layout-${step}-${size.width}x${size.height}-${where}${DPR_SUFFIX}`);
      const items = await page.evaluate(() => window.tuneboard.items());
      for (const fault of layoutFaults(items, size.width, size.height)) faults.push(`${step} at ${size.width}×${size.height} (${where}): ${fault}`);
    }
  }
  await resize(page, SIZES[0]);
  await scrollPanel(page, -1);
}

test('every step fits 1280 × 800 and 1024 × 768: nothing cut sideways, no widget over another', async () => {
  const fake = await startFakeProvider([KEY]);
  try {
    const page = await openAtFake(env.browser, env.site, fake, KEY, DPR === 1 ? undefined : await openApp(env.browser,
      `${env.site.url}#provider=openai&base=${encodeURIComponent(fake.url + '/v1')}`,
      { permissions: ['clipboard-read', 'clipboard-write'], deviceScaleFactor: DPR }));
    const faults = [];
    await checkStep(page, 'data', faults);
    await clickItem(page, 'Prompt');
    await checkStep(page, 'prompt', faults);

    // Evaluate with one candidate scored on every row, the baseline, and one stopped by a long error.
    await clickItem(page, 'Evaluate');
    await typeInto(page, 'Model', SMALL);
    await clickItem(page, 'Add candidate');
    await clickItem(page, 'Add majority baseline');
    await clickItem(page, 'Run all');
    await page.waitForFunction(() => window.tuneboard.state().evaluations.every((e) => e.rows > 0 && e.done === e.rows && e.phase === 'idle'),
      null, { timeout: 60000 });
    await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST', body: JSON.stringify({ path: '/v1/chat/completions', faults: [{ code: 'insufficient_quota' }] }),
    });
    await typeInto(page, 'Model', MINI);
    await clickItem(page, 'Add candidate');
    await clickItem(page, 'Run all');
    await page.waitForFunction(() => window.tuneboard.state().evaluations.some((e) => e.stoppedBecause.length > 80 && e.phase !== 'running'),
      null, { timeout: 60000 });
    await checkStep(page, 'evaluate', faults);

    await clickItem(page, 'Compare');
    await checkStep(page, 'compare', faults);
    await clickItem(page, 'Fine-tune');
    await checkStep(page, 'fine-tune', faults);
    await clickItem(page, 'In the browser (no key)');
    await checkStep(page, 'in-browser-model', faults);
    await clickItem(page, 'Providers');
    await item(page, 'API key');
    await checkStep(page, 'providers', faults);

    writeFileSync(path.join(artifacts, `layout-faults${DPR_SUFFIX}.txt`), faults.join('\n') + '\n');
    assert.deepEqual(faults, []);
    assert.deepEqual(page.problems.filter((p) => !/status of 429/.test(p)), []);  // the injected fault
    await page.context().close();
  } finally {
    fake.stop();
  }
});

// The issue's own case: a long error under a candidate never pushes its buttons off a 1024 px page.
test('an Evaluate row with a long error keeps its buttons visible and clickable at 1024 × 768', async () => {
  const fake = await startFakeProvider([KEY]);
  try {
    const page = await openAtFake(env.browser, env.site, fake, KEY);
    await resize(page, SIZES[1]);
    await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST', body: JSON.stringify({ path: '/v1/chat/completions', faults: Array(20).fill({ code: 'insufficient_quota' }) }),
    });
    await clickItem(page, 'Evaluate');
    await typeInto(page, 'Model', SMALL);
    await clickItem(page, 'Add candidate');
    await clickItem(page, 'Run all');
    // Stopped for good (no credit): paused, to be resumed once the account has some.
    await page.waitForFunction(() => window.tuneboard.state().evaluations[0]?.stoppedBecause.length > 80 &&
      window.tuneboard.state().evaluations[0].phase === 'paused', null, { timeout: 60000 });
    for (const label of ['Resume', 'Remove']) {
      const button = await item(page, label);
      assert.ok(button.x >= 0 && button.x + button.w <= 1024, `${label} at x ${button.x}–${button.x + button.w}`);
      assert.ok(button.h >= 20, `${label} is ${button.h} px tall`);
    }
    await screenshot(page, 'layout-evaluate-long-error-1024x768');
    // Clickable: Remove opens its question, whose answer removes the candidate.
    await clickItem(page, 'Remove');
    await clickItem(page, 'Remove it');
    await page.waitForFunction(() => window.tuneboard.state().evaluations.length === 0);
    assert.ok((await fakeRequests(fake)).length > 0);
    assert.deepEqual(page.problems.filter((p) => !/status of 429/.test(p)), []);  // the injected fault
    await page.context().close();
  } finally {
    fake.stop();
  }
});
