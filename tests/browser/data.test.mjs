// The Data step: files opened through the page's file input, read, counted and split.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { clickItem, frames, openApp, screenshot, settled, siteAndBrowser, state, typeInto } from './harness.mjs';

const env = siteAndBrowser();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tuneboard-data-'));

const HEADER = ['Date received', 'Product', 'Sub-product', 'Issue', 'Sub-issue', 'Consumer complaint narrative',
  'Company public response', 'Company', 'State', 'ZIP code', 'Tags', 'Consumer consent provided?', 'Submitted via',
  'Date sent to company', 'Company response to consumer', 'Timely response?', 'Consumer disputed?', 'Complaint ID'];

function quote(field) {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

// A CFPB-shaped file with the traps real exports have, and the counts it must give, worked out here
// from how it was made (not by parsing it back).
function makeCfpbFile() {
  const products = [
    ['Debt collection', 'Debt collection', 40],
    ['Mortgage', 'Mortgage', 25],
    // Three names of one class: the CFPB preset merges them.
    ['Credit reporting', 'Credit reporting or other personal consumer reports', 10],
    ['Credit reporting, credit repair services, or other personal consumer reports',
      'Credit reporting or other personal consumer reports', 12],
    ['Credit reporting or other personal consumer reports', 'Credit reporting or other personal consumer reports', 8],
    ['Student loan', 'Student loan', 5],
  ];
  const expected = new Map();
  const lines = [HEADER.map(quote).join(',')];
  let rows = 0;
  let withText = 0;
  for (const [product, family, count] of products) {
    for (let i = 0; i < count; i++) {
      rows++;
      let text;
      if (i % 10 === 3) text = '';                    // missing
      else if (i % 10 === 7) text = i % 20 === 7 ? 'None' : '   ';  // missing too
      else text = `Complaint ${rows} about ${product}, "quoted", with — a dash\nand a second line.`;
      if (text.trim() !== '' && text !== 'None') {
        withText++;
        expected.set(family, (expected.get(family) || 0) + 1);
      }
      const fields = HEADER.map((name) => name);
      fields[1] = product;
      fields[5] = text;
      fields[17] = String(1000 + rows);
      lines.push(fields.map(quote).join(','));
    }
  }
  // A UTF-8 byte order mark and CRLF line ends, as a copy re-saved by Excel has.
  const csv = '\ufeff' + lines.join('\r\n') + '\r\n';
  const classes = [...expected.entries()].map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return { csv, rows, withText, classes };
}

async function openFile(page, filePath) {
  await page.locator('input[type=file]').setInputFiles(filePath);
}

test('a CSV opened through the file input is counted and split as computed independently', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const file = makeCfpbFile();
  const filePath = path.join(scratch, 'complaints.csv');
  writeFileSync(filePath, file.csv);
  await openFile(page, filePath);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'complaints.csv' &&
                                   !window.tuneboard.state().reading);
  const { dataset, split } = await state(page);
  assert.equal(dataset.rows, file.rows);
  assert.equal(dataset.badRows, 0);
  assert.equal(dataset.rowsWithText, file.withText);
  assert.equal(dataset.textColumn, 'Consumer complaint narrative');
  assert.equal(dataset.labelColumn, 'Product');
  assert.equal(dataset.synthetic, false);
  assert.deepEqual(dataset.classes.map(({ label, count }) => ({ label, count })), file.classes);

  // Four classes, all smaller than the balanced quota: each gives everything it has.
  assert.equal(split.seed, 1);
  const all = [...split.train, ...split.validation, ...split.test];
  assert.equal(all.length, file.withText);
  assert.equal(new Set(all.map((r) => r.row)).size, all.length, 'no row in two splits');
  for (const row of all) assert.ok(row.row >= 1 && row.row <= file.rows);
  // First the split's sizes, smaller than asked; then each short class.
  assert.equal(split.warnings.length, 5);
  assert.match(split.warnings[0], /^The split has \d+ \/ \d+ \/ \d+ rows, not the 100 \/ 100 \/ 100 asked/);
  await screenshot(page, 'data-opened-file');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a file dropped anywhere on the page is opened like a picked one', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const csv = makeCfpbFile().csv;
  // A person's drop, as the browser delivers it: dragenter, dragover, then drop with the file.
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    const canvas = document.getElementById('canvas');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      canvas.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, clientX: 600, clientY: 400 }));
    }
  }, csv);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'dropped.csv');
  assert.equal((await state(page)).dataset.rows, makeCfpbFile().rows);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the same file and seed give the same split; a new seed another', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const first = (await state(page)).split;
  assert.equal(first.train.length, 100);
  assert.equal(first.validation.length, 100);
  assert.equal(first.test.length, 100);

  await clickItem(page, 'New seed');
  await page.waitForFunction(() => window.tuneboard.state().split?.seed === 2 && !window.tuneboard.state().reading);
  const second = (await state(page)).split;
  assert.notDeepEqual(second.test, first.test);

  const reloaded = await openApp(env.browser, env.site.url);
  await settled(reloaded);
  assert.deepEqual((await state(reloaded)).split.test, first.test);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  await reloaded.context().close();
});

test('a broken file is named with what to do, and what was open stays usable', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const binary = path.join(scratch, 'photo.csv');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
  await openFile(page, binary);
  await page.waitForFunction(() => window.tuneboard.state().dataError !== '');
  const after = await state(page);
  assert.match(after.dataError, /photo\.csv/);
  assert.match(after.dataError, /not a text file|binary/i);
  assert.equal(after.status.level, 'error');
  assert.equal(after.dataset.synthetic, true, 'the demo data is still there');
  await page.waitForFunction(() => document.getElementById('live').textContent.includes('photo.csv'));

  // A file with a malformed quote and a row with too few fields: counted, listed, reading goes on.
  const broken = path.join(scratch, 'broken.csv');
  writeFileSync(broken, 'text,label\n"fine text",A\nbad "quote" here,B\nonly one field\n"more",A\n"cut off');
  await openFile(page, broken);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'broken.csv');
  const { dataset } = await state(page);
  assert.equal(dataset.textColumn, '', 'not a CFPB file: the person picks the columns');
  assert.ok(dataset.problems.length >= 2);
  const kinds = dataset.problems.map((p) => p.kind);
  assert.ok(kinds.some((k) => /field/.test(k)), kinds.join());
  assert.ok(dataset.problems.every((p) => p.row >= 1 && p.byte > 0));

  await clickItem(page, 'Compare');
  await page.waitForFunction(() => window.tuneboard.state().step === 'compare');
  await screenshot(page, 'data-broken-file');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a reload restores the experiment without the file, and a different file under its name is said', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'New seed');
  await page.waitForFunction(() => window.tuneboard.state().split?.seed === 2 && !window.tuneboard.state().reading);
  const before = (await state(page)).split;

  await page.reload();
  await page.waitForFunction(() => window.tuneboard?.state().split?.seed === 2);
  const restored = await state(page);
  assert.match(restored.status.text, /Restored/);
  assert.deepEqual(restored.split, before);
  assert.equal(restored.dataset.name, 'cfpb-demo-synthetic.csv');
  await screenshot(page, 'data-restored');

  // Another file under the same name: read, split anew, and said.
  const impostor = path.join(scratch, 'cfpb-demo-synthetic.csv');
  writeFileSync(impostor, makeCfpbFile().csv);
  await openFile(page, impostor);
  await page.waitForFunction(() => window.tuneboard.state().dataNotice !== '');
  assert.match((await state(page)).dataNotice, /not the file the previous split came from/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Cancel stops a read, even one waiting on a stalled source, and keeps what was open', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const block = makeCfpbFile().csv.split('\r\n').slice(1).join('\n');
  const big = path.join(scratch, 'big.csv');
  writeFileSync(big, HEADER.join(',') + '\n' + block.repeat(Math.ceil(24e6 / block.length)));
  // A slow network drive: big.csv gives its first 8 MB, then no more bytes until the read is cancelled.
  // The read is then certainly in progress when Cancel is clicked, however fast the machine.
  await page.evaluate(() => {
    const stream = Blob.prototype.stream;
    Blob.prototype.stream = function () {
      if (this.name !== 'big.csv') return stream.call(this);
      const source = stream.call(this).getReader();
      let given = 0;
      return new ReadableStream({
        async pull(controller) {
          if (given >= 8 << 20) return new Promise(() => {});
          const { done, value } = await source.read();
          if (done) { controller.close(); return; }
          given += value.length;
          controller.enqueue(value);
        },
        cancel() { window.bigReadCancelled = true; return source.cancel(); },
      });
    };
  });
  await openFile(page, big);
  await page.waitForFunction(() => window.tuneboard.state().reading === true);
  await clickItem(page, 'Cancel');
  await page.waitForFunction(() => window.tuneboard.state().reading === false);
  const after = await state(page);
  assert.match(after.status.text, /Stopped reading big\.csv/);
  assert.equal(await page.evaluate(() => window.bigReadCancelled), true);
  assert.equal(after.dataset.name, 'cfpb-demo-synthetic.csv');
  assert.equal(after.split.train.length, 100);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a file opened while the demo is still loading is the one read, though the demo arrives after it', async () => {
  // The demo's download is held until the person's file has been read, then let through: the order of
  // arrivals that used to replace the person's file by the demo, made certain.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked;
  const demoAsked = new Promise((resolve) => { asked = resolve; });
  const page = await openApp(env.browser, env.site.url, {}, (context) => context.route('**/demo/cfpb-demo-synthetic.csv', async (route) => {
    asked();
    await held;
    await route.continue();
  }));
  await demoAsked;
  const file = makeCfpbFile();
  const mine = path.join(scratch, 'mine.csv');
  writeFileSync(mine, file.csv);
  await openFile(page, mine);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'mine.csv' && !window.tuneboard.state().reading);
  assert.equal((await state(page)).siteFilesLoading, 1, 'the demo is still on its way');

  release();
  await page.waitForFunction(() => window.tuneboard.state().siteFilesLoading === 0);
  // Had the demo been taken, its read would start at the next frame: let frames pass, then let any read end.
  const seen = await frames(page);
  await page.mouse.move(20, 20);
  await page.mouse.move(30, 30);
  await page.waitForFunction((n) => window.tuneboard.frames() >= n + 3, seen);
  await page.waitForFunction(() => !window.tuneboard.state().reading);
  const { dataset, split } = await state(page);
  assert.equal(dataset.name, 'mine.csv');
  assert.equal(dataset.synthetic, false);
  assert.equal(dataset.rows, file.rows);
  assert.equal([...split.train, ...split.validation, ...split.test].length, file.withText);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('lines before the header are skipped and said, and "Header on line" reads the file again from the line given', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  const file = makeCfpbFile();
  // A row with too few fields at the end: its row number and byte offset must be the file's own.
  const body = file.csv.slice(1) + 'Mortgage,too few\r\n';
  const plainPath = path.join(scratch, 'plain.csv');
  writeFileSync(plainPath, '\ufeff' + body);
  const preamble = 'Consumer complaints\r\nExported on 2026-11-30 09:00\r\n';
  const withTitle = '\ufeff' + preamble + body;
  const titledPath = path.join(scratch, 'titled.csv');
  writeFileSync(titledPath, withTitle);

  await openFile(page, plainPath);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'plain.csv' && !window.tuneboard.state().reading);
  const plain = await state(page);
  assert.equal(plain.dataset.headerLine, 1);

  await openFile(page, titledPath);
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'titled.csv' && !window.tuneboard.state().reading);
  const titled = await state(page);
  assert.equal(titled.dataset.headerLine, 3);
  assert.equal(titled.dataset.headerLineByHand, false);
  assert.match(titled.status.text, /Lines 1–2 were skipped: the header is on line 3\./);
  assert.equal(titled.dataset.rows, file.rows + 1);
  assert.equal(titled.dataset.rowsWithText, file.withText);
  assert.equal(titled.dataset.textColumn, 'Consumer complaint narrative');
  // The lines before the header are no rows: the same rows, numbered alike, make the same split.
  assert.deepEqual(titled.split, plain.split);
  const bad = titled.dataset.problems.find((p) => /field/.test(p.kind));
  assert.equal(bad.row, file.rows + 1);
  assert.equal(bad.byte, Buffer.byteLength(withTitle) - Buffer.byteLength('Mortgage,too few\r\n'));
  await screenshot(page, 'data-header-skipped');

  // By hand: line 4 is the first data row's, taken as the header.
  await typeInto(page, 'Header on line', '4');
  await page.waitForFunction(() => window.tuneboard.state().dataset?.headerLine === 4 && !window.tuneboard.state().reading);
  const byHand = (await state(page)).dataset;
  assert.equal(byHand.headerLineByHand, true);
  assert.equal(byHand.rows, file.rows);
  assert.equal(byHand.textColumn, '', 'the header is a data row now: no CFPB columns by name');
  await clickItem(page, 'Find the header automatically');
  await page.waitForFunction(() => window.tuneboard.state().dataset?.headerLine === 3 && !window.tuneboard.state().reading);
  assert.equal((await state(page)).dataset.headerLineByHand, false);

  // More lines before the header than are looked through: the error says what to do, and the setting
  // is there to do it.
  const longPreamble = Array.from({ length: 20 }, (_, i) => `Note ${i + 1} of the export`).join('\n') + '\n';
  const longPath = path.join(scratch, 'long-preamble.csv');
  writeFileSync(longPath, longPreamble + body);
  await openFile(page, longPath);
  await page.waitForFunction(() => window.tuneboard.state().dataError.includes('long-preamble.csv'));
  assert.match((await state(page)).dataError, /Header on line/);
  await typeInto(page, 'Header on line', '21');
  await page.waitForFunction(() => window.tuneboard.state().dataset?.name === 'long-preamble.csv' && !window.tuneboard.state().reading);
  const rescued = await state(page);
  assert.equal(rescued.dataError, '');
  assert.equal(rescued.dataset.headerLine, 21);
  assert.equal(rescued.dataset.rowsWithText, file.withText);
  assert.deepEqual(rescued.split, plain.split);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
