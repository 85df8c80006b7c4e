// The map's drawing in headless Chromium: the page opened at #bench-map=N draws N random points (six
// seeded clusters) every frame, through the map's shaders in one instanced call, or, with &draw=imgui,
// through ImGui's draw list as eight-segment discs (the yardstick: how everything else on the page is
// drawn). The app times each frame from ImGui's new frame to the GPU's last pixel (it reads one back) and
// reports the median after the first three; the 1280 × 800 canvas, DPR 1.
// Prints one line per count and way: `map points=<n> draw=<shaders|imgui> ms_per_frame=<x> frames=<n>`.
// usage: node bench/map_wasm.mjs [counts, comma-separated]     (the site from build/web)
import { startBenchServer } from './static_server.mjs';
import { launchBrowser } from '../tests/browser/harness.mjs';

const counts = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
const server = await startBenchServer();
const browser = await launchBrowser();
try {
  for (const points of counts) {
    for (const draw of ['shaders', 'imgui']) {
      // Slow frames (ImGui's million discs take seconds under SwiftShader) are counted fewer times.
      const wanted = draw === 'imgui' && points >= 1000000 ? 6 : 20;
      // Not the tests' openApp: its 30 s wait for the first frame is shorter than ImGui's first million discs.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const problems = [];
      page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${server.url}#bench-map=${points}${draw === 'imgui' ? '&draw=imgui' : ''}`);
      await page.waitForFunction((n) => (window.tuneboard?.state().map.bench?.frames ?? 0) >= n, wanted,
        { timeout: 0, polling: 200 });
      const bench = await page.evaluate(() => window.tuneboard.state().map.bench);
      if (problems.length > 0) throw new Error(problems.join('\n'));
      console.log(`map points=${points} draw=${draw} ms_per_frame=${bench.msPerFrame.toFixed(2)} frames=${bench.frames}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
