// Token counting speed and agreement: every text of the demo data counted by Tuneboard's BPE (through
// window.tuneboard.countTokens, in the real page) and by js-tiktoken, in the same page of one headless
// Chromium. Prints per-round lines, then:
// tokenizer rows=<n> mismatches=<n> tuneboard=<tokens/s> js_tiktoken=<tokens/s> ratio=<x>
// usage: node bench/tokenizer/run.mjs DEMO.csv [ROUNDS] [ENCODING]
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { startBenchServer } from '../static_server.mjs';
import { launchBrowser } from '../../tests/browser/harness.mjs';

const [csvPath, roundsArg, encodingArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 3);
const encoding = encodingArg || 'o200k_base';
const parsed = Papa.parse(readFileSync(csvPath, 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
const texts = parsed.data.map((row) => row['Consumer complaint narrative']).filter((text) => text && text.trim());

// The site as built, with js-tiktoken added to its page (an import map for its one dependency, which
// is CommonJS: its browser build is loaded first and re-exported).
const injected = `<script src="/node_modules/base64-js/base64js.min.js"></script>
<script type="importmap">{"imports": {"base64-js": "/bench/tokenizer/base64_shim.mjs"}}</script>
<script type="module">
import { Tiktoken } from '/node_modules/js-tiktoken/dist/lite.js';
import ranks from '/node_modules/js-tiktoken/dist/ranks/${encoding}.js';
window.jsTiktoken = new Tiktoken(ranks);
</script>`;
const server = await startBenchServer((html) => html.replace('<head>', '<head>' + injected));

const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(server.url + '/');
await page.waitForFunction(() => window.tuneboard && window.jsTiktoken, null, { timeout: 60000 });
// The tokenizer loads on first use: count once before timing.
await page.evaluate(([t, e]) => window.tuneboard.countTokens(t, e), ['warm up', encoding]);

const best = { tuneboard: 0, js: 0 };
let mismatches = 0;
let tokens = 0;
for (let round = 0; round < rounds; round++) {
  const r = await page.evaluate(async ([all, e]) => {
    let started = performance.now();
    const ours = [];
    for (const text of all) ours.push(await window.tuneboard.countTokens(text, e));
    const tuneboardMs = performance.now() - started;
    started = performance.now();
    const theirs = all.map((text) => window.jsTiktoken.encode(text).length);
    const jsMs = performance.now() - started;
    let mismatches = 0;
    ours.forEach((n, i) => { if (n !== theirs[i]) mismatches++; });
    return { tuneboardMs, jsMs, mismatches, tokens: theirs.reduce((a, b) => a + b, 0) };
  }, [texts, encoding]);
  console.log(JSON.stringify(r));
  tokens = r.tokens;
  mismatches = Math.max(mismatches, r.mismatches);
  best.tuneboard = Math.max(best.tuneboard, r.tokens / (r.tuneboardMs / 1000));
  best.js = Math.max(best.js, r.tokens / (r.jsMs / 1000));
}
await browser.close();
server.close();
console.log(`(${encoding}, ${tokens} tokens in ${texts.length} texts; best of ${rounds} rounds)`);
console.log(`tokenizer rows=${texts.length} mismatches=${mismatches} tuneboard=${best.tuneboard.toFixed(0)} ` +
  `js_tiktoken=${best.js.toFixed(0)} ratio=${(best.tuneboard / best.js).toFixed(2)}`);
