// The classifier trained in the browser, on the demo split, with no key and no provider: it trains while
// the page keeps drawing, its curves grow live and export, it is scored on the test rows beside the
// baseline, a reload restores it without training again, and it downloads and loads back elsewhere.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  animationFrames, artifacts, assertChartPng, clickItem, downloadFrom, item, openApp, parseCsv, plotView,
  resize, scoreBesideBaseline, screenshot, scrollToItem, settled, siteAndBrowser, state, typeInto,
} from './harness.mjs';

const env = siteAndBrowser();

// Epochs set by hand (the rows would give 200) and a wider vector than the default, so that on 100 rows
// training lasts seconds (the page draws a few frames a second while it works, every frame while the
// person moves); fewer buckets, so the model stays 17 MB.
const EPOCHS = 150;
const DIM = 200;
const BUCKETS = 20000;
// Validation checks: four an epoch up to 25 epochs, then about a hundred a run, at least one an epoch
// (workflow::validation_checks_per_epoch): at 150 epochs, one an epoch, and one at the start.
const CHECKS = EPOCHS * Math.min(4, Math.max(1, Math.floor(100 / EPOCHS))) + 1;

const localModel = () => window.tuneboard.state().localModel;

// Samples the training every animation frame until it ends: what the page showed, frame by frame.
function watchTraining(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    const tick = (at) => {
      const s = window.tuneboard.state().localModel;
      seen.push({ at, frames: window.tuneboard.frames(), phase: s.phase, stage: s.stage, progress: s.progress,
        curvePoints: s.curvePoints, checks: s.validation.length });
      if (s.phase === 'training') requestAnimationFrame(tick); else resolve(seen);
    };
    tick(performance.now());
  }));
}

// Reported, not asserted (a slow machine is slower): the longest the browser waited between two
// animation frames while training, the frame that ends it (saving the weights) included.
const longestFrameGap = (seen) => Math.max(...seen.slice(1).map((s, i) => s.at - seen[i].at));

test('demo data → trained in the page with live curves → scored on the test rows beside the baseline', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'fastText-style');
  await page.waitForFunction(() => window.tuneboard.state().localModel.kind === 'fasttext');
  // The provider tab has an "Epochs: auto" of its own: wait until the frame drawn is this tab's.
  await item(page, 'Train in the browser');
  await clickItem(page, 'Epochs: auto');  // a number instead of the one the rows give
  await typeInto(page, 'Epochs', String(EPOCHS));
  await typeInto(page, 'Dimensions', String(DIM));
  await typeInto(page, 'Buckets', String(BUCKETS));
  await page.waitForFunction((b) => window.tuneboard.state().localModel.settings.bucket === b, BUCKETS);

  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'training');
  const seen = await watchTraining(page);
  const training = seen.filter((s) => s.phase === 'training');
  // The page drew between slices: many frames while training, each a little further on, curves growing.
  const drawn = new Set(training.map((s) => s.frames));
  assert.ok(drawn.size >= 5, `only ${drawn.size} frames drawn while training`);
  for (let i = 1; i < training.length; i++) {
    assert.ok(training[i].progress >= training[i - 1].progress);
    assert.ok(training[i].curvePoints >= training[i - 1].curvePoints);
  }
  const longestGap = longestFrameGap(seen);
  const midway = training.filter((s) => s.stage === 'training' && s.checks > 1 && s.checks < CHECKS);
  assert.ok(midway.length >= 3, `the curves were seen part-drawn in ${midway.length} frames`);
  assert.ok(new Set(midway.map((s) => s.checks)).size >= 3, 'validation points arrived over several frames');

  const local = (await state(page)).localModel;
  assert.equal(local.phase, 'ready');
  assert.equal(local.error, '');
  assert.equal(local.model.origin, 'trained');
  assert.equal(local.model.trainRows, 100);
  assert.equal(local.model.validationRows, 100);
  assert.equal(local.model.hyperparameters.epochs, EPOCHS);
  assert.equal(local.validation.length, CHECKS);
  assert.ok(Math.abs(local.validation[0].loss - Math.log(6)) < 1e-6, 'before any update, every class is as likely');
  const last = local.validation.at(-1);
  assert.ok(last.loss < local.validation[0].loss, 'it learnt');
  assert.ok(local.curvePoints > 100);
  await page.waitForFunction(() => window.tuneboard.state().localModel.weights === 'saved');

  // Its curves: the CSV export holds every point the page plotted.
  const csvButton = await scrollToItem(page, 'Export CSV');
  const csv = (await downloadFrom(page, csvButton)).bytes.toString().trim().split('\n');
  assert.equal(csv[0], 'run,series,step,value');
  assert.equal(csv.filter((row) => row.includes(',Train loss,')).length, local.curvePoints);
  assert.equal(csv.filter((row) => row.includes(',Validation loss,')).length, local.validation.length);
  await item(page, 'Validation accuracy');  // the accuracy plot's legend
  await screenshot(page, 'local-model-trained');

  // Exported, the loss plot is a chart of its own: 16:10 at the page's pixel ratio, never a strip.
  const exported = await downloadFrom(page, await item(page, 'Export PNG'));
  assertChartPng(exported.bytes, (await state(page)).display.devicePixelRatio);
  assert.equal(exported.download.suggestedFilename(), 'in-browser-classifier-loss.png');
  writeFileSync(path.join(artifacts, 'exported-local-loss.png'), exported.bytes);

  // The wheel over a plot scrolls the page and leaves the plot as it was, saying how to zoom.
  const fitted = await plotView(page, 'Loss');
  assert.equal(fitted.autoFit, true);
  const plotAt = async () => item(page, 'Loss');
  const centre = (it) => [it.x + it.w / 2, it.y + it.h / 2];
  const hint = (shown) => page.waitForFunction((wanted) => window.tuneboard.state().plots
    .filter((p) => p.label === 'Loss').sort((a, b) => b.frame - a.frame)[0].wheelHint === wanted, shown);
  // Up the page, so there is page left to scroll both ways: the wheel scrolls it, over the plot or not.
  for (let turn = 0; turn < 40 && centre(await plotAt())[1] > 350; turn++) {
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, 120);
    await animationFrames(page, 3);
  }
  await hint(false);  // any hint of that scrolling gone
  const y0 = (await plotAt()).y;
  await page.mouse.move(...centre(await plotAt()));
  await page.mouse.wheel(0, 120);
  await hint(true);
  await animationFrames(page, 3);
  const y1 = (await plotAt()).y;
  await page.mouse.move(...centre(await plotAt()));
  await page.mouse.wheel(0, -120);
  await animationFrames(page, 3);
  const y2 = (await plotAt()).y;
  assert.ok(y1 !== y0 || y2 !== y1, `the page did not scroll (the plot stayed at y ${y0})`);  // one way, if not both
  await screenshot(page, 'plot-wheel-hint');
  const scrolled = await plotView(page, 'Loss');
  assert.equal(scrolled.autoFit, true);
  assert.deepEqual(scrolled.window, fitted.window);
  // With Ctrl, or ⌘ on a Mac, it zooms; Fit view fits again.
  for (const modifier of ['Control', 'Meta']) {
    await page.mouse.move(...centre(await plotAt()));
    await page.keyboard.down(modifier);
    await page.mouse.wheel(0, -120);
    await page.waitForFunction(() => window.tuneboard.state().plots.some((p) => p.label === 'Loss' && !p.autoFit));
    await page.keyboard.up(modifier);
    const zoomed = await plotView(page, 'Loss');
    assert.ok(zoomed.window[1] - zoomed.window[0] < fitted.window[1] - fitted.window[0], `${modifier}: ${zoomed.window}`);
    await clickItem(page, 'Fit view');
    await page.waitForFunction(() => window.tuneboard.state().plots.some((p) => p.label === 'Loss' && p.autoFit));
  }
  // Back to the top of the panel, as the steps share its scroll.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, -20000);
  // Its first tabs just under the step bar (which sits below the introduction while it is shown).
  await page.waitForFunction(() => {
    const items = window.tuneboard.items();
    const bar = items.find((it) => it.label === 'Fine-tune');
    const tab = items.find((it) => it.label === 'Through a provider');
    return bar && tab && tab.y > bar.y + bar.h && tab.y < bar.y + bar.h + 110;
  });

  // A candidate in Evaluate, beside the majority baseline, on the same 100 test rows.
  const { ours, baseline } = await scoreBesideBaseline(page, local.model.candidate);
  const { compare } = await state(page);
  assert.ok(ours, 'the in-browser classifier is a candidate');
  assert.equal(ours.name, `In-browser classifier · dim ${DIM} · ${EPOCHS} epochs · word 2-grams · ${BUCKETS} buckets`);
  assert.equal(ours.rows, 100);
  assert.equal(ours.accuracy, ours.correct / 100);
  assert.equal(ours.invalid, 0);
  assert.equal(ours.cost, 0);
  assert.equal(ours.promptTokens, 0);
  assert.ok(ours.accuracy > baseline.accuracy + 0.2, `${ours.accuracy} against the baseline's ${baseline.accuracy}`);
  assert.equal(compare.a, ours.candidate);
  assert.equal(compare.rows, 100);
  console.log(`in-browser classifier: test accuracy ${ours.accuracy} (baseline ${baseline.accuracy}), validation ` +
    `accuracy ${last.accuracy.toFixed(3)}, trained in ${local.model.seconds.toFixed(2)} s over ${drawn.size} drawn frames, ` +
    `${seen.length} animation frames, the longest ${longestGap.toFixed(0)} ms apart`);
  // The comparison holds it: its answers are in the predictions it exports, right where the state says.
  await clickItem(page, 'Compare');
  await screenshot(page, 'local-model-compare');
  const predictions = parseCsv((await downloadFrom(page, await scrollToItem(page, 'Export predictions CSV'))).bytes.toString());
  const correctColumn = predictions[0].indexOf(`${ours.name}: correct`);
  assert.ok(correctColumn > 0, predictions[0].join(' | '));
  assert.equal(predictions.length - 1, 100);
  assert.equal(predictions.slice(1).filter((row) => row[correctColumn] === '1').length, ours.correct);

  // Repeated over 3 splits: trained again on the other two splits' training rows, in the background.
  await scrollToItem(page, 'Splits');
  await typeInto(page, 'Splits', '3');
  await page.waitForFunction((id) => window.tuneboard.state().evaluations.find((e) => e.candidate === id)
    .repeats?.scored === 3, ours.candidate, { timeout: 60000 });
  const { repeats } = (await state(page)).evaluations.find((e) => e.candidate === ours.candidate);
  assert.equal(repeats.accuracies[0], ours.accuracy, 'the first split is the split itself');
  assert.ok(repeats.accuracies.every((a) => a > 0.4), repeats.accuracies.join(', '));
  const mean = repeats.accuracies.reduce((a, b) => a + b) / 3;
  const sd = Math.sqrt(repeats.accuracies.reduce((sum, a) => sum + (a - mean) ** 2, 0) / 2);  // sample sd
  assert.ok(Math.abs(repeats.mean - mean) < 1e-9 && Math.abs(repeats.sd - sd) < 1e-9, JSON.stringify(repeats));
  console.log(`over 3 splits: ${repeats.accuracies.join(', ')} (mean ${repeats.mean.toFixed(3)} ± ${repeats.sd.toFixed(3)})`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the default, TF-IDF + logistic regression: each setting listed as it finishes, the chosen one a candidate, the learning curve read', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  assert.equal((await state(page)).localModel.kind, 'linear');
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'training');
  // Sampled every animation frame: the trials arrive one by one while the page keeps drawing.
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const out = [];
    const tick = () => {
      const s = window.tuneboard.state().localModel;
      out.push({ trials: s.trials.length, frames: window.tuneboard.frames(), phase: s.phase });
      if (s.phase === 'training') requestAnimationFrame(tick); else resolve(out);
    };
    tick();
  }));
  const counts = new Set(seen.filter((s) => s.phase === 'training').map((s) => s.trials));
  assert.ok(counts.size >= 5, `trials were seen at only ${[...counts].join(', ')} while training`);
  const local = (await state(page)).localModel;
  assert.equal(local.phase, 'ready');
  assert.equal(local.kind, 'linear');
  assert.equal(local.model.kind, 'linear');
  assert.equal(local.trials.length, 10);  // words, words and pairs × C 1, 3, 10, 30, 100
  assert.deepEqual(local.trials.map((t) => t.strength), [1, 3, 10, 30, 100, 1, 3, 10, 30, 100]);
  assert.deepEqual(local.trials.map((t) => t.ngram), [1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  assert.ok(local.trials.every((t) => t.converged), JSON.stringify(local.trials));
  const best = local.trials.reduce((a, b) => (b.accuracy > a.accuracy || (b.accuracy === a.accuracy && b.loss < a.loss) ? b : a));
  assert.equal(local.model.name, `TF-IDF + logistic regression · ${best.ngram === 2 ? 'words and pairs' : 'words'} · C ${best.strength}`);
  // A quarter and a half of each class's rows (rounded per class, so within a row per class of 25 and 50).
  const [quarter, half, all] = local.learningCurve.map((p) => p.rows);
  assert.ok(Math.abs(quarter - 25) <= 6 && Math.abs(half - 50) <= 6 && all === 100, `${quarter}, ${half}, ${all}`);
  assert.equal(local.learningCurve[2].accuracy, best.accuracy);
  // What more labelled rows would bring, in one sentence read off that curve.
  // Every point of the plot, in its order.
  const [q, h, a] = local.learningCurve;
  assert.ok(local.learningCurveReading.startsWith(`Validation accuracy was ${q.accuracy.toFixed(3)} on ${q.rows} ` +
    `training rows, ${h.accuracy.toFixed(3)} on ${h.rows} and ${a.accuracy.toFixed(3)} on 100`), local.learningCurveReading);
  await scrollToItem(page, 'Download model');
  await screenshot(page, 'local-linear-trained');

  const { ours, baseline } = await scoreBesideBaseline(page, local.model.candidate);
  assert.equal(ours.name, `In-browser classifier · ${local.model.name}`);
  assert.equal(ours.rows, 100);
  assert.ok(ours.accuracy > baseline.accuracy + 0.3, `${ours.accuracy} against the baseline's ${baseline.accuracy}`);
  console.log(`TF-IDF + logistic regression: test accuracy ${ours.accuracy} (baseline ${baseline.accuracy}), chosen ` +
    `${local.model.name} at validation accuracy ${best.accuracy}, in ${local.model.seconds.toFixed(2)} s`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('character n-grams, ticked by the person: every trial has them, and the model is named for them', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'Also try word pairs');
  await clickItem(page, 'Learning curve');
  await clickItem(page, 'Character n-grams');
  await page.waitForFunction(() => window.tuneboard.state().localModel.linearSettings.chars[1] === 5);
  const settings = (await state(page)).localModel.linearSettings;
  assert.deepEqual(settings.chars, [2, 5]);
  assert.deepEqual(settings.ngrams, [1]);
  assert.equal(settings.learningCurve, false);
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'ready');
  const local = (await state(page)).localModel;
  assert.equal(local.trials.length, 5);
  assert.ok(local.trials.every((t) => t.chars[0] === 2 && t.chars[1] === 5), JSON.stringify(local.trials));
  // More terms than words alone: the words' block plus the characters'.
  assert.ok(local.trials[0].features > 3 * 1000, `${local.trials[0].features} terms`);
  assert.match(local.model.name, /^TF-IDF \+ logistic regression · words \+ characters 2–5 · C /);
  const { ours, baseline } = await scoreBesideBaseline(page, local.model.candidate);
  assert.ok(ours.accuracy > baseline.accuracy + 0.3, `${ours.accuracy} against the baseline's ${baseline.accuracy}`);
  console.log(`with character n-grams: test accuracy ${ours.accuracy} (baseline ${baseline.accuracy}), ${local.model.name}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a reload does not train again; the model downloads and loads back in another browser', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'fastText-style');  // its defaults: the TF-IDF model has its own test above
  await page.waitForFunction(() => window.tuneboard.state().localModel.kind === 'fasttext');
  await item(page, 'Epochs: auto');  // drawn in the fastText-style layout, so Train is where it now is
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'training');
  const seen = await watchTraining(page);
  await page.waitForFunction(() => window.tuneboard.state().localModel.weights === 'saved', null, { timeout: 60000 });
  const trained = (await state(page)).localModel;
  const answered = (await state(page)).evaluations.find((e) => e.candidate === trained.model.candidate);
  assert.equal(answered.done, 100);
  // At the defaults, epochs follow the rows: ⌈20,000 updates / 100 rows⌉ = 200, and the model learns
  // (at fastText's 5 its loss stayed at ln 6 = 1.792, and so did its verdict).
  assert.equal(trained.settings.epochs, 'auto');
  assert.equal(trained.autoEpochs, 200);
  assert.equal(trained.model.hyperparameters.epochs, 200);
  assert.ok(trained.trainLoss < Math.log(6) / 2, `training loss ${trained.trainLoss}`);
  assert.ok(trained.validation.at(-1).loss < Math.log(6) * 0.97, `validation loss ${trained.validation.at(-1).loss}`);
  assert.notEqual(trained.verdict.kind, 'at_chance');
  console.log(`default settings: trained in ${trained.model.seconds.toFixed(2)} s, a ` +
    `${(trained.model.modelBytes / 1e6).toFixed(1)} MB model; ${seen.length} animation frames, the longest ` +
    `${longestFrameGap(seen).toFixed(0)} ms apart; training loss ${trained.trainLoss.toFixed(4)}, validation ` +
    `accuracy ${trained.validation.at(-1).accuracy.toFixed(2)}, answered ${answered.correct} of 100 test rows; ` +
    `"${trained.verdict.text}"`);

  await page.reload();
  await page.waitForFunction(() => window.tuneboard?.frames() > 0);
  await settled(page);
  // The weights and the answers come back from the browser's storage, each in its own time.
  await page.waitForFunction((id) => window.tuneboard.state().localModel.weights === 'saved' &&
    window.tuneboard.state().evaluations.some((e) => e.candidate === id), trained.model.candidate);
  const restored = await state(page);
  assert.equal(restored.localModel.phase, 'ready');
  assert.equal(restored.localModel.model.checksum, trained.model.checksum);
  assert.equal(restored.localModel.model.seconds, trained.model.seconds, 'the same training, not a new one');
  assert.deepEqual(restored.localModel.validation, trained.validation);
  assert.equal(restored.evaluations.find((e) => e.candidate === trained.model.candidate).correct, answered.correct);

  // Downloaded, then loaded into a browser that never saw it.
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  const { download, bytes } = await downloadFrom(page, await item(page, 'Download model'));
  assert.equal(bytes.length, trained.model.modelBytes);
  const file = path.join(artifacts, download.suggestedFilename());
  assert.match(download.suggestedFilename(), /\.tbmodel$/);
  writeFileSync(file, bytes);
  await page.context().close();

  const elsewhere = await openApp(env.browser, env.site.url);
  await settled(elsewhere);
  await clickItem(elsewhere, 'Fine-tune');
  await clickItem(elsewhere, 'In the browser (no key)');
  assert.equal((await state(elsewhere)).localModel.phase, 'none');
  const [chooser] = await Promise.all([elsewhere.waitForEvent('filechooser'), clickItem(elsewhere, 'Load model…')]);
  await chooser.setFiles(file);
  await elsewhere.waitForFunction(() => window.tuneboard.state().localModel.phase === 'ready');
  const loaded = await state(elsewhere);
  assert.equal(loaded.localModel.model.origin, download.suggestedFilename());
  assert.equal(loaded.localModel.model.checksum, trained.model.checksum);
  const again = loaded.evaluations.find((e) => e.candidate === loaded.localModel.model.candidate);
  assert.equal(again.done, 100);
  assert.equal(again.correct, answered.correct, 'the same weights give the same answers');

  // Not a model at all: said so, and the model in hand stays.
  const junk = path.join(artifacts, 'not-a-model.tbmodel');
  writeFileSync(junk, 'hello');
  const [picker] = await Promise.all([elsewhere.waitForEvent('filechooser'), clickItem(elsewhere, 'Load model…')]);
  await picker.setFiles(junk);
  await elsewhere.waitForFunction(() => /not-a-model\.tbmodel is not a Tuneboard model/.test(window.tuneboard.state().status.text));
  assert.equal((await state(elsewhere)).localModel.model.checksum, trained.model.checksum);
  assert.deepEqual(elsewhere.problems, []);
  await elsewhere.context().close();
});

test('a model that cannot learn says so under its loss curve, in words', async () => {
  const page = await openApp(env.browser, env.site.url);
  await settled(page);
  await clickItem(page, 'Fine-tune');
  await clickItem(page, 'In the browser (no key)');
  await clickItem(page, 'fastText-style');
  await page.waitForFunction(() => window.tuneboard.state().localModel.kind === 'fasttext');
  // One pass at the smallest rate the field takes: the output layer starts at zero and barely moves.
  await item(page, 'Train in the browser');  // this tab's frame (the provider tab has an "Epochs: auto" too)
  await clickItem(page, 'Epochs: auto');
  await typeInto(page, 'Epochs', '1');
  await typeInto(page, 'Learning rate', '0.0001');
  await page.waitForFunction(() => {
    const s = window.tuneboard.state().localModel.settings;
    return s.epochs === 1 && Math.abs(s.lr - 1e-4) < 1e-9;
  });
  await clickItem(page, 'Train in the browser');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'training');
  await page.waitForFunction(() => window.tuneboard.state().localModel.phase === 'ready', null, { timeout: 60000 });
  const local = (await state(page)).localModel;
  assert.ok(Math.abs(local.trainLoss - Math.log(6)) < 0.01 * Math.log(6), `training loss ${local.trainLoss}`);
  // 6 classes: chance level is ln 6 = 1.79.
  assert.equal(local.verdict.kind, 'at_chance');
  assert.equal(local.verdict.text, `The loss never left chance level (ln 6 = ${Math.log(6).toPrecision(3)}): the model ` +
    'learnt nothing — more epochs, a higher learning rate or more rows needed.');

  // Drawn under the loss plot (its legend above it), above the accuracy plot's legend.
  const sentence = await scrollToItem(page, local.verdict.text);
  const items = await page.evaluate(() => window.tuneboard.items());
  const lossLegend = items.find((it) => it.label === 'Train loss');
  const accuracyLegend = items.find((it) => it.label === 'Validation accuracy');
  assert.ok(sentence.w > 0 && sentence.h > 0);
  assert.ok(lossLegend && sentence.y > lossLegend.y + lossLegend.h, 'below the loss plot');
  if (accuracyLegend) assert.ok(sentence.y + sentence.h <= accuracyLegend.y, 'above the accuracy plot');
  await screenshot(page, 'local-model-at-chance-1280x800');
  // Narrower, the sentence wraps inside the panel instead of running off it.
  await resize(page, { width: 1024, height: 768 });
  const narrow = await scrollToItem(page, local.verdict.text);
  assert.ok(narrow.x + narrow.w <= 1024, `the sentence ends at ${narrow.x + narrow.w}`);
  await screenshot(page, 'local-model-at-chance-1024x768');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
