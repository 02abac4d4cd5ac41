// Developer aid (not a test, not run by CI): the import and export figures of
// bench.mjs alone, with more runs, and optionally where one import's time goes.
//
//   BUDGET_DIST=... node tests/e2e/bench/import-bench.mjs [runs] [--profile] [--trace FILE]
//
// The 10,000-row file is the export of `?synthetic=10000` (as in bench.mjs),
// made once per run of this script. Import: fresh page, empty form,
// setInputFiles on #import-file; from the input's change event to the next
// painted frame after the grid shows row 0 and the notice says 导入 (the same
// instrumentation as bench.mjs). Export: click 导出 -> blob -> next painted frame,
// on the `?synthetic=10000` page, the first export not counted.
//
// --profile      a CPU profile of one more import (sampled every 100 us):
//                self and inclusive time by function; build with
//                data-wasm-opt="0" for readable wasm names; PROFILE_OUT=FILE
//                also writes the profile (.cpuprofile, for DevTools).
// VSYNC=1        in a browser at 60 Hz (as a clerk's) instead of frame rate
//                unlimited (bench.mjs's browser).
// --trace FILE   a Chromium trace of one more import (devtools.timeline),
//                summarised by event (script, style, layout, paint, GC) and
//                written to FILE (open it in the Performance panel).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serveDist, launch, newPage as harnessPage, gotoApp, nextPaint, idle, pageTime, syntheticUrl, SYNTHETIC_READY } from '../harness.mjs';
import { importExportMarks } from './marks.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a)) ?? 9);
const PROFILE = args.includes('--profile');
const traceIdx = args.indexOf('--trace');
const TRACE = traceIdx >= 0 ? args[traceIdx + 1] : null;
const NO_EXPORT = args.includes('--no-export');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.5 * s.length) - 1)];
};

/** A fresh context with the import and export marks; a page in it. */
const newPage = (browser) => harnessPage(browser, { init: [importExportMarks] });

async function exportRuns(browser, url, file) {
  const { context, page } = await newPage(browser);
  await gotoApp(page, syntheticUrl(url, 10000), SYNTHETIC_READY);
  // An idle moment: the work the app defers after its load is done.
  await idle(page);
  const runs = [];
  const n = NO_EXPORT ? 1 : RUNS + 1;
  for (let k = 0; k < n; k++) {
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.click('#btn-export');
    const d = await download;
    if (k === 0) await d.saveAs(file);
    await page.waitForFunction((m) => window.__exports.length >= m, k + 1);
    runs.push(await page.evaluate((m) => window.__exports[m], k));
    // The download is written and the page is idle (or 2 s passed: after an
    // export the page gave no idle callback for 5 s and more) before the next run.
    await d.path();
    await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => ok(), { timeout: 2000 })));
  }
  await context.close();
  return runs.slice(1).map((r) => r.painted - r.click);
}

/**
 * One import into a fresh page of a fresh browser (as bench.mjs: in one
 * browser, each import after a closed 10,000-row page ran slower);
 * `around(browser, context, page, go)` may wrap the import (profile, trace).
 */
async function importOnce(url, file, around) {
  const browser = await launch({ unlimitedFrames: !process.env.VSYNC });
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, url, { ready: '#btn-sample' });
  const painted = await nextPaint(page);
  // As bench.mjs: the file is chosen 300 ms after the first paint (WAIT=ms),
  // as a clerk would (page time).
  await pageTime(page, painted + Number(process.env.WAIT ?? 300));
  const go = async () => {
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction(() => window.__importRun?.painted !== undefined && window.__importRun?.compared !== undefined, null, { timeout: 60_000 });
  };
  if (around) await around(browser, context, page, go);
  else await go();
  const run = await page.evaluate(() => window.__importRun);
  const rows = Number(await page.getAttribute('#grid-rows table', 'aria-rowcount')) - 2;
  await context.close();
  await browser.close();
  if (errors.length) console.error('page errors:', errors);
  return { total: run.painted - run.change, shown: run.shown - run.change, compared: run.compared - run.change, rows };
}

function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const t = profile.timeDeltas[i] / 1000;
    total += t;
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
    self.set(name, (self.get(name) ?? 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const nm = byId.get(cur).callFrame.functionName || '(anon)';
      if (seen.has(nm)) continue;
      seen.add(nm);
      incl.set(nm, (incl.get(nm) ?? 0) + t);
    }
  });
  const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log(`profile: ${total.toFixed(0)} ms sampled`);
  console.log('--- self ---');
  for (const [n, t] of top(self, 40)) console.log(`${t.toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`);
  console.log('--- inclusive ---');
  for (const [n, t] of top(incl, Number(process.env.TOP ?? 70))) console.log(`${t.toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`);
}

function summariseTrace(events, from, to) {
  const names = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const t0 = e.ts / 1000;
    if (t0 < from || t0 > to) continue;
    if (!/devtools\.timeline|v8/.test(e.cat ?? '')) continue;
    names.set(e.name, (names.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(`trace: complete events in the import window (inclusive, may nest), ms`);
  for (const [n, t] of [...names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${t.toFixed(1).padStart(8)} ms  ${n}`);
}

const server = await serveDist();
const browser = await launch({ unlimitedFrames: !process.env.VSYNC });
try {
  const work = await mkdtemp(join(tmpdir(), 'budget-import-bench-'));
  const file = join(work, 'synthetic-10000.json');
  const exports = await exportRuns(browser, server.url, file);
  const imports = [];
  for (let k = 0; k < RUNS; k++) imports.push(await importOnce(server.url, file));
  const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  console.log(`import 10,000 rows: median ${median(imports.map((r) => r.total)).toFixed(1)} ms of ${RUNS} (to shown ${median(imports.map((r) => r.shown)).toFixed(1)} ms, to compared ${median(imports.map((r) => r.compared)).toFixed(1)} ms); rows ${imports[0].rows}; runs ${fmt(imports.map((r) => r.total))}`);
  if (!NO_EXPORT) console.log(`export 10,000 rows: median ${median(exports).toFixed(1)} ms of ${exports.length}; runs ${fmt(exports)}`);
  if (PROFILE) {
    const r = await importOnce(server.url, file, async (_browser, context, page, go) => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await go();
      const { profile } = await cdp.send('Profiler.stop');
      if (process.env.PROFILE_OUT) await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile));
      summariseProfile(profile);
    });
    console.log(`(profiled import: ${r.total.toFixed(1)} ms)`);
  }
  if (TRACE) {
    await importOnce(server.url, file, async (browser, context, page, go) => {
      await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
      await go();
      const buf = await browser.stopTracing();
      const { traceEvents } = JSON.parse(buf.toString());
      summariseTrace(traceEvents, 0, Infinity);
    });
  }
} finally {
  await browser.close();
  await server.close();
}
