// Developer aid (not a test): keystroke -> paint split into script (keydown ->
// next frame) and frame (frame start -> painted), frames unlimited as in
// bench.mjs, after first showing the given sections (each is built when first
// shown). Found in stop 11: with only 预算明细 built the frame part is ~3x
// longer than after 经济分类 or 项目绩效目标 has been shown once. Cause
// (stop 12): Chromium's autofill rescanned the page's ~160 formless fields on
// each keystroke and gave up above 200 fields; each grid row is now a form.
// Usage: BUDGET_DIST=... node tests/e2e/bench/frame-split.mjs
import { serveDist, launch, openApp, syntheticUrl, SYNTHETIC_READY, idle } from '../harness.mjs';
const server = await serveDist();
const browser = await launch({ unlimitedFrames: true });
for (const visit of [[], ['unit'], ['economic'], ['sangong'], ['procurement'], ['overall'], ['projects'], ['narrative']]) {
  const { context, page } = await openApp(browser, syntheticUrl(server.url, 100), SYNTHETIC_READY);
  if (visit) {
    for (const t of [...visit, 'rows']) await page.click(`#tab-${t}`);
  }
  // An idle moment: the work the app defers after its load is done.
  await idle(page);
  await page.evaluate(() => {
    window.__f = [];
    document.addEventListener('keydown', (e) => {
      const t0 = performance.now();
      requestAnimationFrame(() => { const f = performance.now(); setTimeout(() => window.__f.push([f - t0, performance.now() - f]), 0); });
    }, true);
  });
  for (let k = 0; k < 25; k++) {
    await page.focus(`#f-rows-${k % 20}-this_year`);
    await page.keyboard.press(String(k % 9 + 1));
    await page.waitForFunction((n) => window.__f.length >= n, k + 1);
  }
  const f = await page.evaluate(() => window.__f);
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)].toFixed(1);
  console.log(`sections shown first: ${visit.join(', ') || '(none)'}: script ${med(f.map((x) => x[0]))} ms, frame ${med(f.map((x) => x[1]))} ms`);
  await context.close();
}
await browser.close(); await server.close();
