// Streams one CSV through Tuneboard's ingest (the real page, opened through its file input) and through
// uDSV and PapaParse doing the same counting, plus the bytes-only floor, all in one headless Chromium.
// usage: node bench/ingest/run.mjs FILE.csv [ROUNDS] [--app-only]
import { statSync } from 'node:fs';
import path from 'node:path';
import { startBenchServer } from '../static_server.mjs';
import { launchBrowser } from '../../tests/browser/harness.mjs';

const [csvPath, roundsArg, only] = process.argv.slice(2);
const parsers = only === '--app-only' ? [] : ['floor', 'udsv', 'papaparse'];
const rounds = Number(roundsArg || 3);
const megabytes = statSync(csvPath).size / 1e6;

const server = await startBenchServer();
const base = server.url;

const browser = await launchBrowser();
const best = {};
const note = (name, mbps) => { best[name] = Math.max(best[name] || 0, mbps); };

// Tuneboard: the app page, a file picked through its input, timed from the first byte asked for to the
// last one parsed (the app measures it).
const app = await browser.newPage();
await app.goto(base + '/');
await app.waitForFunction(() => window.tuneboard && window.tuneboard.state().dataset?.synthetic === true,
  null, { timeout: 60000 });
let peak = 0;
let rows = 0;
for (let round = 0; round < rounds; round++) {
  await app.locator('input[type=file]').setInputFiles([]);
  await app.locator('input[type=file]').setInputFiles(csvPath);
  // Polled every 100 ms, not every animation frame: state() builds JSON on the thread that is reading,
  // so polling each frame would slow down what it measures.
  await app.waitForFunction((name) => {
    const s = window.tuneboard.state();
    return !s.reading && s.dataset?.name === name && s.dataset.readSeconds > 0;
  }, path.basename(csvPath), { timeout: 600000, polling: 100 });
  const s = await app.evaluate(() => window.tuneboard.state());
  const mbps = s.dataset.bytes / 1e6 / s.dataset.readSeconds;
  rows = s.dataset.rowsWithText;
  peak = Math.max(peak, s.wasmMemoryBytes);
  console.log(JSON.stringify({ name: 'tuneboard', seconds: s.dataset.readSeconds, mbps, rows: s.dataset.rows, withText: rows }));
  note('tuneboard', mbps);
  // Open the demo again, so the next round reads the big file anew.
  await app.evaluate(() => window.tuneboard.state());
  await app.locator('input[type=file]').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from('text,label\na,b\n') });
  await app.waitForFunction(() => window.tuneboard.state().dataset?.name === 'tiny.csv');
}

const page = await browser.newPage();
await page.goto(base + '/bench/ingest/js_parsers.html');
await page.locator('#file').setInputFiles(csvPath);
for (let round = 0; round < rounds; round++) {
  for (const name of parsers) {
    const r = await page.evaluate((n) => window.measure(n), name);
    console.log(JSON.stringify(r));
    note(name, r.mbps);
  }
}
await browser.close();
server.close();

const f = (x) => (x === undefined ? 'NA' : x.toFixed(0));
console.log(`ingest mb=${f(megabytes)} tuneboard=${f(best.tuneboard)} udsv=${f(best.udsv)} ` +
  `papaparse=${f(best.papaparse)} floor=${f(best.floor)} ratio_udsv=${best.udsv ? (best.tuneboard / best.udsv).toFixed(2) : 'NA'} ` +
  `peak_wasm_mb=${f(peak / 1048576)}`);
