// The Compare step's map of the demo split, drawn by the map's own shaders: trained in the browser as a
// person would, then looked at, hovered and selected with the mouse.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  animationFrames, clickItem, openApp, screenshot, scrollToItem, settled, siteAndBrowser, state, trainInBrowser,
} from './harness.mjs';

const env = siteAndBrowser();

// The first six class colours of core/map/point_styles.cpp, as 8-bit sRGB.
const classColours = [[230, 159, 0], [86, 180, 233], [0, 158, 115], [240, 228, 66], [0, 114, 178], [213, 94, 0]];

// How many pixels of the canvas's rectangle, in a screenshot, are within 10 of each colour (decoded in the
// page: the browser decodes the PNG).
async function colourCounts(page, canvas, colours) {
  const png = await page.screenshot({ clip: { x: canvas[0] + 2, y: canvas[1] + 2, width: canvas[2] - 4, height: canvas[3] - 4 } });
  return page.evaluate(async ({ data, wanted }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));  // not fetched: the page's CSP allows no data: URL
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const context = new OffscreenCanvas(image.width, image.height).getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const counts = wanted.map(() => 0);
    for (let i = 0; i < pixels.length; i += 4) {
      wanted.forEach(([r, g, b], c) => {
        if (Math.abs(pixels[i] - r) <= 10 && Math.abs(pixels[i + 1] - g) <= 10 && Math.abs(pixels[i + 2] - b) <= 10) counts[c]++;
      });
    }
    return counts;
  }, { data: png.toString('base64'), wanted: colours });
}

test('the map of the demo file: every row, then the split only; every class drawn, a row under the pointer, a box and a lasso selected into the rows', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await trainInBrowser(page);
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'map');
  await page.waitForFunction(() => window.tuneboard.state().map.stage === 'done', null, { timeout: 120000 });
  let s = await state(page);
  const split = s.split;
  const rows = split.train.length + split.validation.length + split.test.length;
  assert.equal(s.map.error, '');
  assert.equal(s.map.source, 'local');

  // At first every row of the file: the file's eligible rows (what the split is drawn from), the split's
  // among them, are all on the map, laid out (not projected: under 50,000), none left out.
  const fileRows = s.dataset.classes.reduce((sum, c) => sum + c.eligible, 0);
  assert.ok(fileRows > rows, `${fileRows} eligible rows in the demo file`);
  assert.equal(s.map.everyRow, true);
  assert.equal(s.map.note, '');
  assert.equal(s.map.leftOut, 0, 'the demo rows all have a text');
  assert.equal(s.map.points, fileRows, 'every eligible row of the file is on the map');
  assert.equal(s.map.restRows, fileRows - rows);
  assert.equal(s.map.projected, false);
  await scrollToItem(page, 'map');
  s = await state(page);
  await animationFrames(page, 2);
  const everyCounts = await colourCounts(page, s.map.canvas, classColours.slice(0, s.split.classes.length));
  for (const [c, count] of everyCounts.entries()) assert.ok(count >= 20, `every row, class ${c}: ${count} pixels`);
  await screenshot(page, 'map-every-row');
  // The pointer on a row outside the split: a point of the rest, drawn where the pointer is, is under it.
  const other = s.map.onScreen.find((p) => p.role === 'other');
  await page.mouse.move(other.x, other.y);
  await page.waitForFunction(() => window.tuneboard.state().map.hovered !== null);
  s = await state(page);
  assert.ok(Math.hypot(s.map.hovered.x - other.x, s.map.hovered.y - other.y) <= 3,
    `the hovered point ${JSON.stringify(s.map.hovered)} is under the pointer at ${other.x}, ${other.y}`);
  await screenshot(page, 'map-every-row-hover');
  // Every row selected: all of them listed under the map, the test rows in the explorer too.
  {
    const [x, y, w, h] = s.map.canvas;
    await page.mouse.move(x + 3, y + 3);
    await page.keyboard.down('Shift');
    await page.mouse.down();
    await page.mouse.move(x + w - 3, y + h - 3, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
  }
  await page.waitForFunction((n) => { const m = window.tuneboard.state().map; return m.selected === n && m.selectedListed === n; }, fileRows);
  assert.equal((await state(page)).map.shownRows, split.test.length);
  await scrollToItem(page, 'Clear selection');
  await screenshot(page, 'map-every-row-selected');
  await clickItem(page, 'Clear selection');
  await page.waitForFunction(() => window.tuneboard.state().map.selected === 0);
  await scrollToItem(page, 'map', -1);
  s = await state(page);

  // Panned far to the right: most points leave the canvas. The split's rows only, a new layout, is then
  // fitted to the canvas again, whatever the view was.
  {
    const [x, y, w, h] = s.map.canvas;
    await page.mouse.move(x + w * 0.3, y + h * 0.5);
    await page.mouse.down();
    await page.mouse.move(x + w * 0.95, y + h * 0.5, { steps: 5 });
    await page.mouse.up();
  }
  await page.waitForFunction(() => { const m = window.tuneboard.state().map; return m.onScreen.some((p) => p.x > m.canvas[0] + m.canvas[2]); });
  await scrollToItem(page, 'Every row of the file');
  await clickItem(page, 'Every row of the file');
  await page.waitForFunction((n) => { const m = window.tuneboard.state().map; return m.stage === 'done' && m.points === n; }, rows,
    { timeout: 120000 });
  s = await state(page);
  assert.equal(s.map.everyRow, false);
  assert.equal(s.map.restRows, 0);
  assert.equal(s.map.points + s.map.leftOut, rows, 'every split row is on the map or said to be left out');
  {
    const [x, y, w, h] = s.map.canvas;
    const outside = s.map.onScreen.filter((p) => p.x < x || p.x > x + w || p.y < y || p.y > y + h);
    assert.deepEqual(outside, [], 'the new layout is fitted to the canvas');
  }
  await scrollToItem(page, 'map');  // the legend and the description came in above it
  s = await state(page);
  await animationFrames(page, 2);

  // Coloured by true label: each of the split's classes shows in the pixels.
  const counts = await colourCounts(page, s.map.canvas, classColours.slice(0, s.split.classes.length));
  for (const [c, count] of counts.entries()) assert.ok(count >= 20, `class ${c} (${s.split.classes[c]}): ${count} pixels`);
  await screenshot(page, 'map-by-label');

  // The pointer on a test row's point: the map says which row is under it.
  const target = s.map.onScreen.find((p) => p.role === 'test');
  await page.mouse.move(target.x, target.y);
  await page.waitForFunction((row) => window.tuneboard.state().map.hoveredRow === row, target.row);
  await screenshot(page, 'map-hover');

  // Shift and a drag over the whole canvas: every row selected, the row explorer lists the test rows.
  const [x, y, w, h] = s.map.canvas;
  await page.mouse.move(x + 3, y + 3);
  await page.keyboard.down('Shift');
  await page.mouse.down();
  await page.mouse.move(x + w / 2, y + h / 2, { steps: 4 });
  await page.mouse.move(x + w - 3, y + h - 3, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.waitForFunction((n) => window.tuneboard.state().map.selected === n, rows);
  s = await state(page);
  assert.equal(s.map.shownRows, split.test.length, 'the explorer lists every test row of the selection');
  assert.equal(s.map.selectedListed, rows, 'the table under the map lists every selected row');
  await screenshot(page, 'map-selected');

  // A box over the left half only (the layout is fitted to the canvas: its leftmost row is in it): fewer
  // rows, and the explorer follows.
  await page.keyboard.down('Shift');
  await page.mouse.move(x + 3, y + 3);
  await page.mouse.down();
  await page.mouse.move(x + w / 2, y + h - 3, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.waitForFunction((n) => { const m = window.tuneboard.state().map; return m.selected > 0 && m.selected < n; }, rows);
  s = await state(page);
  assert.ok(s.map.shownRows > 0 && s.map.shownRows < split.test.length, `${s.map.shownRows} test rows listed`);
  const leftHalf = s.map.selected;

  // A lasso, chosen under the map, drawn as a small loop around one test row's point: that row is taken,
  // and far fewer than the box took.
  await clickItem(page, 'lasso');
  await page.keyboard.down('Shift');
  const radius = 9;
  await page.mouse.move(target.x + radius, target.y);
  await page.mouse.down();
  for (let k = 1; k <= 16; k++) {
    const angle = (k / 16) * 2 * Math.PI;
    await page.mouse.move(target.x + radius * Math.cos(angle), target.y + radius * Math.sin(angle));
  }
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.waitForFunction((box) => { const m = window.tuneboard.state().map; return m.selected > 0 && m.selected !== box; }, leftHalf);
  s = await state(page);
  assert.ok(s.map.selectedRows.includes(target.row), `the lassoed row ${target.row} is selected: ${s.map.selectedRows}`);
  assert.ok(s.map.selected < leftHalf, `a lasso around one point took ${s.map.selected} rows`);
  await clickItem(page, 'Clear selection');
  await page.waitForFunction(() => window.tuneboard.state().map.selected === 0);
  assert.deepEqual(page.problems, []);
});

// A file of more rows than the refinement lays out (50,000): three products, each with its own words, and
// a number that makes every text distinct (duplicates are not eligible).
function makeBigFile(rows) {
  const products = [
    ['Mortgage', ['escrow', 'foreclosure', 'refinance', 'appraisal', 'lender', 'closing']],
    ['Debt collection', ['collector', 'calls', 'harassment', 'validation', 'owed', 'agency']],
    ['Student loan', ['servicer', 'forbearance', 'tuition', 'deferment', 'navient', 'repayment']],
  ];
  const lines = ['Product,Consumer complaint narrative'];
  for (let i = 0; i < rows; i++) {
    const [product, words] = products[i % 3];
    const text = `My ${words[i % 6]} and ${words[(i >> 2) % 6]} problem, case ${i}, ${words[(i >> 4) % 6]} again`;
    lines.push(`${product},"${text}"`);
  }
  return lines.join('\n') + '\n';
}

test('a file of 60,000 rows: every row on the map, each projected as it is read', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const rows = 60000;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tuneboard-map-')), 'many.csv');
  writeFileSync(file, makeBigFile(rows));
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'many.csv' && !window.tuneboard.state().reading,
    null, { timeout: 120000 });
  await trainInBrowser(page);
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'map');
  await page.waitForFunction(() => { const m = window.tuneboard.state().map; return m.stage === 'done' && m.points > 0; }, null,
    { timeout: 180000 });
  const s = await state(page);
  const fileRows = s.dataset.classes.reduce((sum, c) => sum + c.eligible, 0);
  assert.equal(fileRows, rows, 'every generated row is eligible');
  const splitRows = s.split.train.length + s.split.validation.length + s.split.test.length;
  assert.equal(s.map.projected, true, 'past 50,000 rows each row is projected');
  assert.equal(s.map.points + s.map.leftOut, rows);
  assert.equal(s.map.leftOut, 0);
  assert.equal(s.map.restRows, rows - splitRows);
  // A row outside the split under the pointer: its number and no text (a map this big keeps none).
  const other = s.map.onScreen.find((p) => p.role === 'other');
  await page.mouse.move(other.x, other.y);
  await page.waitForFunction(() => window.tuneboard.state().map.hovered !== null);
  const hovered = (await state(page)).map.hovered;
  assert.ok(Math.hypot(hovered.x - other.x, hovered.y - other.y) <= 3, JSON.stringify(hovered));
  await screenshot(page, 'map-60000-rows');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
