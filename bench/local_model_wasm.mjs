// The local classifiers' benchmarks in WebAssembly, in headless Chromium: a native benchmark program as
// the web build makes it, on the same files and flags as the native run. By default the fastText-style
// model's (bench/local_model_native.cpp, target tb_local_model_bench_web); with PROGRAM=linear, the TF-IDF
// + logistic regression's (bench/linear_native.cpp, tb_linear_bench_web, three files); with
// PROGRAM=vectors, the vector classifier's (bench/vectors_native.cpp, no file). It builds nothing:
// bench/local_model.sh builds the targets first.
//
// What is timed: each round runs the program's main() once (bench/local_model_wasm.html, a fresh module
// instance per round) and takes the program's own total_s — for the fastText-style model reading the
// training file (from the page's in-memory file system), preparing, training and saving the blob (in
// memory); for the linear model reading the texts, the features and the whole grid: the same span as
// the native figure. Not in it: fetching the files into the page, compiling the module, and scoring the
// test file (done after total_s).
//
// Prints each round's `tuneboard ...` line (the program's own), then `wasm_s=<x>`, the best total_s.
// usage: node bench/local_model_wasm.mjs TRAIN.txt TEST.txt [fastText flags...]
//        PROGRAM=linear node bench/local_model_wasm.mjs TRAIN.txt VALIDATION.txt TEST.txt [linear flags...]
//        PROGRAM=vectors node bench/local_model_wasm.mjs [vector flags...]
//   (-output FILE is dropped: the blob is saved to /model.bin in the page's in-memory file system)
// env: ROUNDS (default 3); TB_WEB_BUILD_DIR, the web build folder (default build/web-build); PROGRAM.
// Exits non-zero, saying why, when the build or a file is missing or a run fails.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { root, startBenchServer } from './static_server.mjs';
import { launchBrowser } from '../tests/browser/harness.mjs';

function fail(message) {
  console.error(`local_model_wasm: ${message}`);
  process.exit(1);
}

// PROGRAM=vectors: the vector classifier's benchmark (bench/vectors_native.cpp, tb_vector_bench_web),
// which makes its own data and takes no file, only its flags.
const linear = process.env.PROGRAM === 'linear';
const vectors = process.env.PROGRAM === 'vectors';
const fileCount = linear ? 3 : vectors ? 0 : 2;
const inputs = process.argv.slice(2, 2 + fileCount);
const flags = process.argv.slice(2 + fileCount);
if (inputs.length < fileCount) {
  fail('usage: node bench/local_model_wasm.mjs TRAIN.txt TEST.txt [fastText flags...], or PROGRAM=linear with ' +
    'TRAIN.txt VALIDATION.txt TEST.txt [flags...]');
}
const [name, factory] = linear ? ['tb_linear_bench_web', 'createLinearBench']
  : vectors ? ['tb_vector_bench_web', 'createVectorBench'] : ['tb_local_model_bench_web', 'createLocalModelBench'];
const rounds = Number(process.env.ROUNDS || 3);
if (!Number.isInteger(rounds) || rounds < 1) fail(`ROUNDS must be a positive integer, not ${process.env.ROUNDS}`);
const build = path.resolve(root, process.env.TB_WEB_BUILD_DIR || path.join('build', 'web-build'));
const program = path.join(build, 'bench', `${name}.js`);
if (!existsSync(program)) {
  fail(`${program} is missing: build it with \`cmake --build --preset web --target ${name}\` (bench/local_model.sh does)`);
}
for (const file of inputs) if (!existsSync(file)) fail(`${file} does not exist`);

const args = [];
if (linear || vectors) {
  args.push(...flags);
} else {
  for (let i = 0; i < flags.length; i += 2) {
    if (flags[i] !== '-output') args.push(...flags.slice(i, i + 2));
  }
  args.push('-output', '/model.bin');
}

// The page from bench/, the program from the build folder, each file from its folder.
const folders = { '/bench-build/': path.dirname(program) };
inputs.forEach((file, i) => { folders[`/file${i}/`] = path.dirname(path.resolve(file)); });
const server = await startBenchServer(undefined, folders);
const browser = await launchBrowser();
const problems = [];
let best = Infinity;
let failure;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  await page.goto(`${server.url}/bench/local_model_wasm.html?program=${name}&factory=${factory}`);
  if (!await page.evaluate((f) => typeof window[f] === 'function' && typeof window.runOnce === 'function', factory)) {
    throw new Error('the page did not load the benchmark module');
  }
  const urls = inputs.map((file, i) => `/file${i}/${path.basename(file)}`);
  for (let round = 0; round < rounds; round++) {
    const run = await page.evaluate(([u, a]) => window.runOnce(u, a), [urls, args]);
    const line = run.out.find((text) => text.startsWith('tuneboard '));
    const total = Number(line?.match(/\btotal_s=([0-9.]+)/)?.[1]);
    if (run.status !== 0 || !Number.isFinite(total)) {
      throw new Error(`round ${round + 1}: exit status ${run.status}\n${[...run.out, ...run.err].join('\n')}`);
    }
    console.log(line);
    best = Math.min(best, total);
  }
} catch (error) {
  failure = error;
} finally {
  await browser.close();
  server.close();
}
if (failure) fail(`${failure.message}${problems.length ? `\n${problems.join('\n')}` : ''}`);
console.log(`wasm_s=${best.toFixed(3)}`);
