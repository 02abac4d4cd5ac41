// Developer aid (not a test): where a fresh page's load goes. For N fresh
// browser contexts (no HTTP or wasm code cache), prints from navigation start:
// wasm response end, init.js done (TrunkApplicationStarted), 加载示例 button in
// the DOM. Usage: BUDGET_DIST=... node tests/e2e/bench/fresh-load.mjs [N]
import { serveDist, launch, newPage } from '../harness.mjs';

// In the page, before its scripts: wasm started, app mounted, and painted.
function marks() {
  window.__marks = {};
  addEventListener('TrunkApplicationStarted', () => (window.__marks.started = performance.now()));
  new MutationObserver((_, obs) => {
    if (document.getElementById('btn-sample')) {
      window.__marks.mounted = performance.now();
      requestAnimationFrame(() => setTimeout(() => (window.__marks.painted = performance.now())));
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

const N = Number(process.argv[2] ?? 5);
const server = await serveDist();
const browser = await launch();
const rows = [];
try {
  for (let k = 0; k < N; k++) {
    const { context, page } = await newPage(browser, { init: [marks] });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__marks.painted !== undefined);
    const m = await page.evaluate(() => {
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      const js = performance.getEntriesByType('resource').find((e) => e.name.includes('budget-form') && e.name.endsWith('.js'));
      return { wasmStart: wasm?.startTime, wasmEnd: wasm?.responseEnd, jsEnd: js?.responseEnd, ...window.__marks };
    });
    rows.push(m);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const med = (k) => {
  const v = rows.map((r) => r[k]).filter((x) => x !== undefined).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)].toFixed(1) : '-';
};
for (const k of ['jsEnd', 'wasmStart', 'wasmEnd', 'mounted', 'painted', 'started']) console.log(`${k.padEnd(10)} ${med(k)} ms`);
