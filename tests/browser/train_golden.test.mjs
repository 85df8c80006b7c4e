// The WebAssembly half of the classifier's cross-build check (tests/unit/train_golden_cases.h says what
// is computed): the web build's program, run under node, must print exactly the values in
// tests/unit/train_golden_expected.json, the file the native unit test holds the native build to. So
// fastText hashes, n-gram buckets and the trained model's bytes are the same in the browser as natively.
// TB_WEB_BUILD_DIR names another web build folder than build/web-build (the `web` preset's).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './harness.mjs';

const build = path.resolve(root, process.env.TB_WEB_BUILD_DIR || path.join('build', 'web-build'));
const program = path.join(build, 'tests', 'train_golden.cjs');
const expectedFile = path.join(root, 'tests', 'unit', 'train_golden_expected.json');

test('the WebAssembly build hashes and trains exactly as the expected values shared with the native build', () => {
  assert.ok(existsSync(program),
    `${program} is missing: build the web app first (emcmake cmake --preset web && cmake --build --preset web)`);
  const output = execFileSync(process.execPath, [program], { encoding: 'utf8', maxBuffer: 16 << 20 });
  const actual = JSON.parse(output);
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
  // Section by section, then entry by entry, so a failure names what differs.
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const section of Object.keys(expected)) {
    assert.deepEqual(Object.keys(actual[section]).sort(), Object.keys(expected[section]).sort(), section);
    for (const name of Object.keys(expected[section])) {
      assert.deepEqual(actual[section][name], expected[section][name], `${section} / ${name}`);
    }
  }
});
