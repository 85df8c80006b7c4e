// "Label the file" in the app, in headless Chromium: the CSV given as the person's file (through the
// page's file input), the in-browser classifier trained on the split the app draws from it (TF-IDF +
// logistic regression, words only), then Label the file… on every row, written through a stand-in for the
// File System Access API's writable that counts the bytes and keeps none (a headless browser shows no
// picker). Clicks go where a person's would (tests/browser/harness.mjs).
// Prints `tuneboard rows=<n> seconds=<s> rows_s=<x> out_mb=<x> peak_wasm_mb=<x>`.
// usage: node bench/label_file_wasm.mjs FILE.csv     (the site from build/web)
import path from 'node:path';
import { startBenchServer } from './static_server.mjs';
import { clickItem, launchBrowser, openApp, scrollToItem, settled } from '../tests/browser/harness.mjs';

const file = path.resolve(process.argv[2] ?? '');
const server = await startBenchServer();
const browser = await launchBrowser();
try {
  const page = await openApp(browser, server.url, {}, (context) => context.addInitScript(() => {
    window.labelledBytes = 0;
    window.showSaveFilePicker = async (options) => ({
      name: options.suggestedName,
      createWritable: async () => ({
        write: async (bytes) => { window.labelledBytes += bytes.byteLength; },
        close: async () => {},
        abort: async () => {},
      }),
    });
  }));
  await settled(page);
  await page.setInputFiles('#file-input', file);
  const name = path.basename(file);
  await page.waitForFunction((n) => {
    const s = window.tuneboard.state();
    return s.dataset?.name === n && !s.reading && s.split !== null;
  }, name, { timeout: 0, polling: 1000 });
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'Also try word pairs');
  await page.waitForFunction(() => window.tuneboard.state().localModel.linearSettings.ngrams.length === 1);
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'ready', null, { timeout: 0, polling: 500 });
  await clickItem(page, 'Compare');
  await scrollToItem(page, 'Label the file…');
  await clickItem(page, 'Label the file…');
  await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(window.tuneboard.state().labelFile.phase),
    null, { timeout: 0, polling: 1000 });
  const s = await page.evaluate(() => ({ ...window.tuneboard.state(), out: window.labelledBytes }));
  const label = s.labelFile;
  if (label.phase !== 'done') throw new Error(`labelling ended ${label.phase}: ${label.message}`);
  if (page.problems.length > 0) throw new Error(page.problems.join('\n'));
  console.log(`tuneboard rows=${label.rows} labelled=${label.labelled} seconds=${label.seconds.toFixed(2)} ` +
    `rows_s=${Math.round(label.rowsPerSecond)} out_mb=${(s.out / 1e6).toFixed(1)} ` +
    `peak_wasm_mb=${(s.wasmMemoryBytes / 1048576).toFixed(1)}`);
} finally {
  await browser.close();
  server.close();
}
