// The browser benchmark of issue 21's budgets (not a test: it prints figures
// and asserts nothing; `node --test tests/e2e/` does not pick it up). One
// table, in Markdown: figure, value, budget, ok/MISS, then notes on how each
// figure was taken. Run it through `scripts/bench.sh` (two builds + native
// core bench + this).
//
//   BUDGET_DIST=<hooks build> node tests/e2e/bench/bench.mjs --size-dist <clerk's build>
//       [--core-summary FILE] [--quick] [--vsync] [--template ID [--no-texts]]
//
// BUDGET_DIST      the release build WITH the `test-hooks` feature (served; every
//                  timing needs its `?synthetic=N` loader).
// --size-dist DIR  the clerk's release build (no test hooks): its wasm sizes are
//                  the size budget (default: BUDGET_DIST).
// --core-summary FILE  output of `cargo bench -p budget-core --bench derive_check`;
//                      its summary line for 10,000 rows becomes a row of the table.
// --quick              fewer edits and repetitions (for trying the script out;
//                      the issue asks for >= 50 edits per size).
// --vsync              also time 10,000-row keystrokes at 60 Hz (two minutes more).
// --template ID        every synthetic form laid out by template ID (e.g.
//                      shanghai-district-2025), and the core bench's figures of it.
// --no-texts           with --template: without the texts the template prints (a
//                      clerk's form before they are written; the core figure is
//                      still the bench's, with them).
//
// Figures (all in real Chromium, headless, through Playwright):
//   - keystroke -> paint at 100, 1,000 and 10,000 rows (`?synthetic=N`, the
//     synthetic form WITH its project forms): from the keydown event's time
//     stamp to the end of the next painted frame (a requestAnimationFrame
//     callback, then a task after it), checking in that frame that the grid's
//     totals row and the summary bar changed (digit edits) or the error count
//     and the checks panel changed (invalid edits); median and p95;
//   - load to interactive: the sample as the saved draft, from navigation start
//     (performance.timeOrigin) to the first amount cell in the DOM and the next
//     painted frame; also the fresh page (empty form) and the 加载示例 button;
//   - export (click -> file ready -> next painted frame) and import (file
//     input change -> 10,000 rows in the grid and the notice -> next painted
//     frame) of a 10,000-row submission file;
//   - JS heap (CDP Performance.getMetrics, after a GC) + wasm linear memory
//     after loading 10,000 rows (by importing the file, and by `?synthetic=`);
//   - paste of 10,000 rows of Excel TSV into the empty form's 预算明细 grid
//     (paste event -> 10,000 rows in the grid, its totals row and 收入合计 as in
//     the synthetic form, the checks panel updated -> next painted frame);
//   - cold load over 10 Mbit/s + 40 ms latency and warm load from the service
//     worker (pwa-load.mjs);
//   - wasm sizes in the clerk's build, raw and gzip -9 (node zlib, level 9), and
//     whether a fresh load or 加载示例 fetched the XLSX worker.
//
// Frame pacing: the browser runs with --disable-frame-rate-limit and
// --disable-gpu-vsync, so a frame is drawn as soon as the page has work done
// instead of at the next 60 Hz vsync; the keystroke figure is then the app's
// own latency (script + style + layout + paint), not the 0-16.7 ms wait for the
// display. The floor (a bare <input>, no app), the loads, the export and the
// import are printed at 60 Hz too as a note, and with --vsync the 10,000-row
// keystrokes.
import { gzipSync } from 'node:zlib';
import { readFile, readdir, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { serveDist, launch, ROOT, draftText, newPage as harnessPage, gotoApp, nextPaint, idle, pageTime, SYNTHETIC_READY } from '../harness.mjs';
import { importExportMarks } from './marks.mjs';
import { pwaLoads } from './pwa-load.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const VSYNC = args.includes('--vsync');
const coreIdx = args.indexOf('--core-summary');
const CORE_SUMMARY = coreIdx >= 0 ? args[coreIdx + 1] : null;
const DIST = process.env.BUDGET_DIST ? resolve(process.env.BUDGET_DIST) : join(ROOT, 'dist');
// `--template <id>`: every synthetic form laid out by that template (the
// second run of issue 22: the budgets under each template).
const templateIdx = args.indexOf('--template');
const TEMPLATE = templateIdx >= 0 ? args[templateIdx + 1] : null;
// `--no-texts` (with `--template`): the form without the texts the template
// prints, as a clerk's is before they are written (a warning for each).
const TEXTS = TEMPLATE && args.includes('--no-texts') ? '&texts=0' : '';
/** The address of the `?synthetic=N` form (under `--template`'s template). */
const syntheticAt = (url, n, extra = '') =>
  `${url}?synthetic=${n}${extra}${TEMPLATE ? `&template=${TEMPLATE}${TEXTS}` : ''}`;
const sizeIdx = args.indexOf('--size-dist');
const SIZE_DIST = sizeIdx >= 0 ? resolve(args[sizeIdx + 1]) : DIST;

const SIZES = [100, 1000, 10000];
const EDITS = QUICK ? 20 : 50; // measured edits per size (the issue: >= 50)
const WARMUP = 5; // edits before measuring (first-use costs)
const REPEATS = QUICK ? 2 : 5; // loads, imports, exports
const PASTES = 3; // pastes of 10,000 rows (a fresh page each)

// ---------------------------------------------------------------- helpers

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
const pct = (xs, p) => {
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
};
const median = (xs) => pct(xs, 0.5);
const ms = (x) => `${x.toFixed(1)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const int = (n) => n.toLocaleString('en-US');

// Runs in the page before any of its scripts: marks for load, the wasm
// memory, and the autosave's duration (import and export: marks.mjs).
function instrument() {
  window.__marks = {};
  // `name` at the current time, then `name:painted` after the next frame.
  const mark = (name) => {
    const marks = window.__marks;
    if (name in marks) return;
    marks[name] = performance.now();
    requestAnimationFrame(() => setTimeout(() => (marks[`${name}:painted`] = performance.now()), 0));
  };
  window.__mark = mark;
  // web/init.js: the wasm exports, for the linear memory's size.
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail.wasm.memory;
    mark('started');
  });
  // Load: first time the app is mounted, first amount cell of the grid.
  const load = new MutationObserver(() => {
    if (document.getElementById('btn-sample')) mark('mounted');
    if (document.getElementById('f-rows-0-this_year')) {
      mark('cell');
      load.disconnect();
    }
  });
  load.observe(document, { childList: true, subtree: true });
  window.__stopLoadMarks = () => load.disconnect();

  // Autosave: the app's 40 ms timer, then an idle callback; timed when it
  // wrote the draft (`__saveSpans`: its [start, end], to find keystrokes that
  // had to wait for it).
  window.__saves = [];
  window.__saveSpans = [];
  // Characters each save wrote (the draft's changed pieces and its head).
  window.__saveWrites = [];
  let wrote = 0;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).includes('draft') && !String(key).includes('lock')) wrote += String(value).length;
    return setItem.call(this, key, value);
  };
  // A callback that records its time when it wrote the draft.
  const timed = (f) =>
    function (...a) {
      wrote = 0;
      const t = performance.now();
      try {
        return f.apply(this, a);
      } finally {
        if (wrote) {
          const end = performance.now();
          window.__saves.push(end - t);
          window.__saveSpans.push([t, end]);
          window.__saveWrites.push(wrote);
        }
      }
    };
  const setTimeout0 = window.setTimeout;
  window.setTimeout = function (cb, delay, ...rest) {
    const f = delay === 40 && typeof cb === 'function' ? timed(cb) : cb;
    return setTimeout0.call(this, f, delay, ...rest);
  };
  // The autosave's timer hands the save to the next idle moment (src/storage.rs).
  const requestIdleCallback0 = window.requestIdleCallback;
  window.requestIdleCallback = function (cb, options) {
    return requestIdleCallback0.call(this, typeof cb === 'function' ? timed(cb) : cb, options);
  };
}

/** A new context with the instrumentation; a page in it. */
const newPage = (browser) => harnessPage(browser, { init: [instrument, importExportMarks] });

/** Resolves after the next painted frame (and a task after it). */
const nextFrame = nextPaint;

/**
 * The page's next idle moment, or 2 s: after an export the page gave no idle
 * callback for 5 s and more (seen on 83fed3d), which hung the run.
 */
function quiet(page) {
  return page.evaluate(() => new Promise((ok) => requestIdleCallback(() => ok(), { timeout: 2000 })));
}

/** Waits until `__marks[name]` is set; returns it. */
async function markOf(page, name, timeout = 60_000) {
  await page.waitForFunction((n) => window.__marks?.[n] !== undefined, name, { timeout });
  return page.evaluate((n) => window.__marks[n], name);
}

// ---------------------------------------------------------------- keystroke -> paint

/** Arm the keydown listener: every keystroke records its latency and what changed in its frame. */
function armKeystrokes() {
  const snap = () => ({
    total: document.querySelector('#grid-rows tr.totals td[aria-colindex="6"]')?.textContent,
    income: document.getElementById('sum-income')?.textContent,
    errors: document.getElementById('sum-errors')?.textContent,
    headline: document.querySelector('#checks-live .checks-headline')?.textContent,
    findings: document.querySelectorAll('#checks-live .findings > li').length,
  });
  window.__keys = [];
  document.addEventListener(
    'keydown',
    (e) => {
      if (!window.__armed) return;
      const now = performance.now();
      // The event's time stamp is when the browser received the key; fall back
      // to now if it is not in the same time base.
      const start = e.timeStamp > 0 && e.timeStamp <= now && now - e.timeStamp < 1000 ? e.timeStamp : now;
      const before = snap();
      requestAnimationFrame(() => {
        const frame = performance.now();
        const after = snap();
        setTimeout(() => window.__keys.push({ start, dispatch: now, frame, painted: performance.now(), before, after }), 0);
      });
    },
    true,
  );
}

/**
 * Edit amount cells of rows 0-19 (always rendered): a digit replaces the cell;
 * row 7 gets an invalid "x" every other pass (an AMT-001 error appears) and a
 * digit on the pass after (it goes).
 */
async function keystrokes(browser, query, { edits = EDITS } = {}) {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, query, SYNTHETIC_READY);
  const rowsInForm = await page.getAttribute('#grid-rows table', 'aria-rowcount');
  // An idle moment: the work the app defers after its load is done.
  await idle(page);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.evaluate(armKeystrokes);
  const results = [];
  for (let k = 0; k < WARMUP + edits; k++) {
    const row = k % 20;
    const invalid = row === 7 && Math.floor(k / 20) % 2 === 0;
    const key = invalid ? 'x' : String((k % 9) + 1);
    const saved = await page.evaluate(() => window.__saves.length);
    await page.focus(`#f-rows-${row}-this_year`);
    await nextFrame(page);
    await page.evaluate(() => (window.__armed = true));
    await page.keyboard.press(key);
    await page.waitForFunction((n) => window.__keys.length >= n, k + 1);
    await page.evaluate(() => (window.__armed = false));
    const r = await page.evaluate((n) => window.__keys[n], k);
    const changed = invalid
      ? r.after.errors !== r.before.errors && r.after.headline !== r.before.headline
      : r.after.total !== r.before.total && r.after.income !== r.before.income;
    if (k >= WARMUP) results.push({ ...r, invalid, changed });
    // The autosave of this edit (40 ms after it, at an idle moment) runs
    // before the next edit: it is not inside the keystroke figures.
    await page.waitForFunction((n) => window.__saves.length > n, saved);
  }
  const saves = await page.evaluate(() => window.__saves);
  const saveSpans = await page.evaluate(() => window.__saveSpans);
  const draftBytes = ((await draftText(page)) ?? '').length;
  const written = await page.evaluate(() => window.__saveWrites);
  await context.close();
  const total = results.map((r) => r.painted - r.start);
  return {
    rowsInForm: Number(rowsInForm) - 2,
    domNodes,
    n: results.length,
    median: median(total),
    p95: pct(total, 0.95),
    max: Math.max(...total),
    // keydown -> start of the next frame (script work, and waiting for the frame)
    toFrame: median(results.map((r) => r.frame - r.start)),
    // start of the frame -> after it was painted (style, layout, paint)
    frameToPaint: median(results.map((r) => r.painted - r.frame)),
    // input queueing: time stamp -> keydown listener
    queue: median(results.map((r) => r.dispatch - r.start)),
    unchanged: results.filter((r) => !r.changed).length,
    invalidEdits: results.filter((r) => r.invalid).length,
    saves,
    // measured edits that overlapped an autosave (waited for it, or it for them)
    waited: results.filter((r) => saveSpans.some(([a, b]) => a < r.painted && b > r.start)).length,
    draftBytes,
    written,
    errors,
  };
}

/** The floor: the same measurement on a bare <input> with no app. */
async function bareInput(browser) {
  const page = await browser.newPage();
  await page.setContent('<input id=a>');
  await page.evaluate(() => {
    window.__lat = [];
    document.addEventListener(
      'keydown',
      (e) => {
        const now = performance.now();
        const start = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
        requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - start), 0));
      },
      true,
    );
  });
  await page.focus('#a');
  for (let k = 0; k < EDITS; k++) {
    await page.keyboard.press(String((k % 9) + 1));
    await page.waitForFunction((n) => window.__lat.length >= n, k + 1);
    await nextPaint(page);
  }
  const lat = await page.evaluate(() => window.__lat);
  await page.close();
  return { median: median(lat), p95: pct(lat, 0.95) };
}

// ---------------------------------------------------------------- load

/**
 * Fresh context: navigation -> app mounted (empty form); 加载示例 -> first
 * amount cell painted; then, with the sample saved as the draft, reload:
 * navigation -> first amount cell painted.
 */
async function loadOnce(browser, url) {
  const { context, page, errors } = await newPage(browser);
  // The XLSX worker stays out of the first load: its wasm or a worker, fetched or started.
  const xlsx = [];
  // The service worker caches it after the load (web/sw.js): not the page's load.
  context.on('request', (r) => /xlsx/i.test(r.url()) && !r.serviceWorker() && xlsx.push(r.url()));
  page.on('worker', (w) => xlsx.push(`worker ${w.url()}`));
  await page.goto(url);
  const started = await markOf(page, 'started');
  const mounted = await markOf(page, 'mounted:painted');
  // The clerk clicks 300 ms after the page is painted (page time).
  await pageTime(page, mounted + 300);
  // The sample, as a clerk loads it (the load observer is still waiting for the first amount cell).
  await page.evaluate(() => {
    document.getElementById('btn-sample').addEventListener('click', () => (window.__marks.click = performance.now()), {
      capture: true,
      once: true,
    });
  });
  await page.click('#btn-sample');
  const cellPainted = await markOf(page, 'cell:painted');
  const click = await page.evaluate(() => window.__marks.click);
  // Autosave (40 ms), then the page again: the sample is now the draft.
  await page.waitForFunction(() => window.__saves.length > 0, null, { timeout: 10_000 });
  await page.reload();
  const draftStarted = await markOf(page, 'started');
  const draftCell = await markOf(page, 'cell');
  const draftPainted = await markOf(page, 'cell:painted');
  const rows = Number(await page.getAttribute('#grid-rows table', 'aria-rowcount')) - 2;
  await context.close();
  return {
    xlsx,
    emptyStarted: started,
    emptyInteractive: mounted,
    sampleButton: cellPainted - click,
    draftStarted,
    draftCell,
    draftInteractive: draftPainted,
    sampleRows: rows,
    errors,
  };
}

// ---------------------------------------------------------------- export / import

/** Export the `?synthetic=rows` form REPEATS times; the first file is kept. */
async function exportRuns(browser, url, file) {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, url, SYNTHETIC_READY);
  const memory = await measureMemory(context, page);
  const runs = [];
  for (let k = 0; k < REPEATS + 1; k++) {
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.click('#btn-export');
    const d = await download;
    if (k === 0) await d.saveAs(file);
    await page.waitForFunction((n) => window.__exports.length >= n, k + 1);
    if (k > 0) runs.push(await page.evaluate((n) => window.__exports[n], k));
    else runs.push(await page.evaluate(() => window.__exports[0]));
    // The download is written and the page is idle before the next run.
    await d.path();
    await quiet(page);
  }
  await context.close();
  const measured = runs.slice(1); // the first export warms up
  return {
    first: runs[0].painted - runs[0].click,
    median: median(measured.map((r) => r.painted - r.click)),
    max: Math.max(...measured.map((r) => r.painted - r.click)),
    toBlob: median(measured.map((r) => r.blob - r.click)),
    bytes: runs[0].bytes,
    notice: runs[0].notice,
    memory,
    errors,
  };
}

/**
 * Import `file` into a fresh page (empty form: no confirmation) of a fresh
 * browser, REPEATS times; memory after the last. A browser per run: in one
 * browser each import after a closed 10,000-row page ran slower (third runs
 * 550-660 ms against 370-450 ms for the first, same build).
 */
async function importRuns(url, file, { unlimitedFrames = true } = {}) {
  const runs = [];
  let memory = null;
  let errors = [];
  for (let k = 0; k < REPEATS; k++) {
    const browser = await launch({ unlimitedFrames });
    const p = await newPage(browser);
    errors = errors.concat(p.errors);
    const { context, page } = p;
    await page.goto(url);
    const mounted = await markOf(page, 'mounted:painted');
    await page.evaluate(() => window.__stopLoadMarks());
    // The clerk chooses the file 300 ms after the page is painted (page time).
    await pageTime(page, mounted + 300);
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction(() => window.__importRun?.painted !== undefined && window.__importRun?.compared !== undefined, null, { timeout: 60_000 });
    const run = await page.evaluate(() => window.__importRun);
    const rows = Number(await page.getAttribute('#grid-rows table', 'aria-rowcount')) - 2;
    const notice = await page.textContent('#notice');
    runs.push({ ...run, rows, notice });
    if (k === REPEATS - 1) {
      // The imported form's autosave first.
      await page.waitForFunction(() => window.__saves.length > 0, null, { timeout: 30_000 });
      memory = await measureMemory(context, page);
    }
    await context.close();
    await browser.close();
  }
  return {
    median: median(runs.map((r) => r.painted - r.change)),
    max: Math.max(...runs.map((r) => r.painted - r.change)),
    toShown: median(runs.map((r) => r.shown - r.change)),
    toCompared: median(runs.map((r) => r.compared - r.change)),
    rows: runs[runs.length - 1].rows,
    notice: runs[runs.length - 1].notice,
    runs: runs.length,
    memory,
    errors,
  };
}

// ---------------------------------------------------------------- paste

/**
 * The `?synthetic=10000` form's 预算明细 as a clerk's Excel block: the grid's
 * own copy of every row (select all, copy: TSV in the grid's column order —
 * 功能科目编码, 科目名称, 收入来源, 支出类型, 本年, 上年 — labels and amounts as
 * shown), and the figures the form then shows.
 */
async function pasteBlock(browser, url) {
  const { context, page } = await newPage(browser);
  await gotoApp(page, url, SYNTHETIC_READY);
  await page.focus('#f-rows-0-code');
  await page.keyboard.press('Control+a');
  const { tsv } = await page.evaluate(() => {
    const dt = new DataTransfer();
    document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return { tsv: dt.getData('text/plain') };
  });
  const expected = await page.evaluate(() => ({
    total: document.querySelector('#grid-rows tr.totals td[aria-colindex="6"]')?.textContent,
    rows: Number(document.querySelector('#grid-rows table').getAttribute('aria-rowcount')) - 2,
  }));
  await context.close();
  return { tsv, ...expected, lines: tsv.split(/\r?\n/).filter((l) => l !== '').length };
}

/**
 * A fresh page (empty form); the 预算明细 grid focused; a paste event with
 * `block.tsv` as text/plain (as the e2e paste tests: headless clipboard
 * permissions are unreliable). Timed from the paste event to the frame painted
 * after the grid has every row, its totals row shows the block's total, 收入合计
 * is no longer 0.00 and the checks panel (#checks-live) changed.
 */
async function pasteOnce(browser, url, block) {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, url);
  await idle(page);
  await page.focus('#grid-rows');
  const run = await page.evaluate(
    ({ tsv, rows, total }) =>
      new Promise((ok) => {
        const checks = () => document.getElementById('checks-live')?.textContent;
        const before = checks();
        const run = {};
        const done = () =>
          Number(document.querySelector('#grid-rows table')?.getAttribute('aria-rowcount')) - 2 === rows &&
          document.querySelector('#grid-rows tr.totals td[aria-colindex="6"]')?.textContent === total &&
          document.getElementById('sum-income')?.textContent !== '0.00';
        const check = () => {
          if (run.shown === undefined && done()) {
            run.shown = performance.now();
            // The checks panel did not change within 5 s of the rows: say so, time to the rows.
            setTimeout(() => {
              if (run.checked !== undefined) return;
              obs.disconnect();
              run.checksUnchanged = true;
              ok({ ...run, painted: NaN });
            }, 5000);
          }
          if (run.shown !== undefined && run.checked === undefined && checks() !== before) {
            run.checked = performance.now();
            obs.disconnect();
            requestAnimationFrame(() => setTimeout(() => ok({ ...run, painted: performance.now() }), 0));
          }
        };
        const obs = new MutationObserver(check);
        // Not done in a minute: give up, say so (and what was reached).
        setTimeout(() => {
          obs.disconnect();
          ok({ ...run, timedOut: true, painted: NaN });
        }, 60_000);
        obs.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
        const dt = new DataTransfer();
        dt.setData('text/plain', tsv);
        run.start = performance.now();
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        run.dispatched = performance.now();
        check();
      }),
    block,
  );
  const status = await page.textContent('#grid-rows-status');
  await context.close();
  return { ...run, status, errors };
}

async function pasteRuns(browser, url) {
  const block = await pasteBlock(browser, syntheticAt(url, 10000));
  const runs = [];
  for (let k = 0; k < PASTES; k++) runs.push(await pasteOnce(browser, url, block));
  const of = (f) => median(runs.map(f));
  return {
    block,
    median: of((r) => r.painted - r.start),
    max: Math.max(...runs.map((r) => r.painted - r.start)),
    inEvent: of((r) => r.dispatched - r.start),
    toShown: of((r) => r.shown - r.start),
    toChecked: of((r) => r.checked - r.start),
    status: runs[runs.length - 1].status,
    timedOut: runs.filter((r) => r.timedOut || r.checksUnchanged).length,
    checksUnchanged: runs.filter((r) => r.checksUnchanged).length,
    errors: runs.flatMap((r) => r.errors),
  };
}

// ---------------------------------------------------------------- memory

/** JS heap after a GC (CDP) and the wasm linear memory, once the page is quiet. */
async function measureMemory(context, page) {
  // An idle moment: the work the app defers after its load is done.
  await quiet(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? NaN);
  await cdp.detach();
  return { heapUsed: m.JSHeapUsedSize, heapTotal: m.JSHeapTotalSize, wasm, nodes: m.Nodes, total: m.JSHeapUsedSize + wasm };
}

// ---------------------------------------------------------------- sizes, core

async function wasmSizes() {
  const files = await readdir(SIZE_DIST);
  const pick = (re) => files.find((f) => re.test(f));
  const out = {};
  for (const [key, re] of [
    ['main', /^budget-form-.*_bg\.wasm$/],
    ['worker', /^xlsx_worker_bg\.wasm$/],
  ]) {
    const name = pick(re);
    if (!name) continue;
    const buf = await readFile(join(SIZE_DIST, name));
    out[key] = { name, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  }
  return out;
}

/**
 * The 10,000-row lines of the derive_check summary tables: `10000  12.345 ms  0.180 ms  68.6x`
 * under "summary (median wall time per run)" (derive + check), and, when the
 * bench prints it, under "per edit in the web app" (totals + check_live); with
 * `--template`, under that template's two tables.
 */
async function coreFigure() {
  if (!CORE_SUMMARY) return null;
  const text = await readFile(CORE_SUMMARY, 'utf8');
  const line = (heading) => {
    const i = text.indexOf(heading);
    const m = i >= 0 && /^\s*10000\s+([\d.]+) ms\s+([\d.]+) ms\s+([\d.]+)x/m.exec(text.slice(i));
    return m ? { ms: Number(m[1]), bare: Number(m[2]), ratio: Number(m[3]) } : null;
  };
  // Under `--template`: the bench's tables of the same forms in that template.
  const [summary, perEdit] = TEMPLATE
    ? [`\ntemplate ${TEMPLATE} (`, `\ntemplate ${TEMPLATE}, per edit`]
    : ['\nsummary (', '\nper edit in the web app'];
  const full = line(summary) ?? { ms: NaN };
  return { ...full, perEdit: line(perEdit) };
}

// ---------------------------------------------------------------- run

const server = await serveDist();
const url = server.url;
const notes = [];
const table = [];
const row = (figure, value, budget, ok) => table.push({ figure, value, budget, ok: ok === null ? '—' : ok ? 'ok' : 'MISS' });
const allErrors = [];
const work = await mkdtemp(join(tmpdir(), 'budget-bench-'));
const file10k = join(work, 'synthetic-10000.json');
const T0 = Date.now();
const LOAD_START = loadavg();
const log = (s) => process.stderr.write(`[bench ${((Date.now() - T0) / 1000).toFixed(0)} s] ${s}\n`);

let browser = await launch({ unlimitedFrames: true });
const browserVersion = browser.version();
try {
  // Keystroke -> paint.
  const keys = {};
  for (const n of SIZES) {
    log(`keystroke -> paint, ${n} rows`);
    keys[n] = await keystrokes(browser, syntheticAt(url, n));
    allErrors.push(...keys[n].errors);
  }
  log('keystroke -> paint, 10000 rows without project forms');
  const noProjects = await keystrokes(browser, syntheticAt(url, 10000, '&projects=0'));
  log('bare input');
  const floor = await bareInput(browser);

  log('load');
  const loads = [];
  for (let k = 0; k < REPEATS; k++) loads.push(await loadOnce(browser, url));
  loads.forEach((l) => allErrors.push(...l.errors));

  log('export 10000');
  const exp = await exportRuns(browser, syntheticAt(url, 10000), file10k);
  allErrors.push(...exp.errors);
  log('import 10000');
  const imp = await importRuns(url, file10k);
  allErrors.push(...imp.errors);
  log('paste 10000');
  const paste = await pasteRuns(browser, url);
  allErrors.push(...paste.errors);
  const memSynthetic = exp.memory;
  await browser.close();

  // At 60 Hz (the harness's browser): the wait for the vsync is in the figure.
  log('60 Hz');
  browser = await launch();
  const keys60 = VSYNC ? await keystrokes(browser, syntheticAt(url, 10000)) : null;
  const floor60 = await bareInput(browser);
  // Loads, export and import again at 60 Hz, as a clerk's Chrome draws: with
  // the frame rate unlimited, Chromium draws a frame whenever the page has
  // changed, also between the steps of a load, which on this 2-core machine
  // competes with the wasm compile and the app (fresh page mounted ~50-130 ms
  // later, an import ~25 ms later in A/B runs, stop 18). Printed as a note;
  // the table keeps the figures of the unlimited browser, as in earlier runs.
  log('60 Hz: load, export, import');
  const loads60 = [];
  for (let k = 0; k < REPEATS; k++) loads60.push(await loadOnce(browser, url));
  loads60.forEach((l) => allErrors.push(...l.errors));
  const exp60 = await exportRuns(browser, syntheticAt(url, 10000), join(work, 'synthetic-10000-60hz.json'));
  allErrors.push(...exp60.errors);
  log('60 Hz: cold load (10 Mbit/s, 40 ms) and warm load (service worker)');
  const pwa = await pwaLoads(browser, DIST, REPEATS);
  allErrors.push(...pwa.errors);
  await browser.close();
  browser = null;
  const imp60 = await importRuns(url, file10k, { unlimitedFrames: false });
  allErrors.push(...imp60.errors);

  const sizes = await wasmSizes();
  const core = await coreFigure();

  // ---- the table (issue 21's budgets; a figure without a budget: —)
  const k10 = keys[10000];
  for (const n of SIZES) {
    const k = keys[n];
    row(`keystroke → paint, ${int(n)} rows (median / p95, ${k.n} edits)`, `${ms(k.median)} / ${ms(k.p95)}`, '—', null);
  }
  row(`floor: bare <input>, same browser (median / p95, ${EDITS} keys)`, `${ms(floor.median)} / ${ms(floor.p95)}`, '—', null);
  const vsFloor = k10.p95 / floor.p95;
  row(
    'keystroke → paint p95, 10,000 rows ÷ floor p95',
    `${vsFloor.toFixed(2)}×`,
    `≤ 2.5× (p95 ≤ ${ms(2.5 * floor.p95)})`,
    vsFloor <= 2.5,
  );
  const ratio = k10.p95 / keys[100].p95;
  row('keystroke → paint p95, 10,000 rows ÷ 100 rows', `${ratio.toFixed(2)}×`, `≤ 1.5× (p95 ≤ ${ms(1.5 * keys[100].p95)})`, ratio <= 1.5);
  row(`import 10,000 rows → painted (median of ${REPEATS})`, ms(imp.median), '≤ 300 ms', imp.median <= 300);
  row('import 10,000 rows → stated figures compared (notice final; median)', ms(imp.toCompared), '—', null);
  row(`export 10,000 rows → painted (median of ${REPEATS})`, ms(exp.median), '≤ 150 ms', exp.median <= 150);
  const mem = imp.memory;
  row(
    'memory after loading 10,000 rows (import): JS heap + wasm',
    `${mb(mem.heapUsed)} + ${mb(mem.wasm)} = ${mb(mem.total)}`,
    '≤ 64 MB',
    mem.total <= 64e6,
  );
  row(
    `paste 10,000 Excel rows into the empty grid → checked and painted (median of ${PASTES})`,
    paste.timedOut
      ? `not done: ${paste.checksUnchanged} of ${PASTES} without a change in the checks panel, ${paste.timedOut - paste.checksUnchanged} without every row in 60 s`
      : ms(paste.median),
    '≤ 1 s',
    !paste.timedOut && paste.median <= 1000,
  );
  if (sizes.main) {
    row(`main wasm, clerk's build, gzip -9 (raw ${int(sizes.main.raw)} B)`, `${int(sizes.main.gzip)} B`, '≤ 600 KB (600,000 B)', sizes.main.gzip <= 600_000);
  } else {
    row('main wasm, gzip -9', 'not found', '≤ 600 KB (600,000 B)', false);
  }
  const xlsxFetched = loads.flatMap((l) => l.xlsx);
  row(
    `XLSX worker out of the first load (fresh page, 加载示例, reload; ${loads.length} loads)` +
      (sizes.worker ? `; its wasm ${int(sizes.worker.gzip)} B gzip / ${int(sizes.worker.raw)} B raw` : ''),
    xlsxFetched.length ? `fetched: ${[...new Set(xlsxFetched)].join(', ')}` : 'not fetched',
    'not fetched',
    xlsxFetched.length === 0,
  );
  row(
    `cold load to interactive, 10 Mbit/s + 40 ms, gzip-encoded as a web server sends it (${int(pwa.gzip.transferred)} B; median of ${pwa.repeats})`,
    ms(pwa.gzip.cold),
    '< 1.5 s',
    pwa.gzip.cold < 1500,
  );
  row(
    `cold load to interactive, 10 Mbit/s + 40 ms, uncompressed (the harness's server, ${int(pwa.plain.transferred)} B)`,
    ms(pwa.plain.cold),
    '< 1.5 s',
    pwa.plain.cold < 1500,
  );
  row(
    `warm load to interactive from the service worker (reload, network still throttled; median of ${pwa.repeats})`,
    pwa.gzip.fromWorker && pwa.plain.fromWorker ? ms(Math.max(pwa.gzip.warm, pwa.plain.warm)) : 'not served by the worker',
    '< 300 ms',
    pwa.gzip.fromWorker && pwa.plain.fromWorker && Math.max(pwa.gzip.warm, pwa.plain.warm) < 300,
  );
  const li = median(loads.map((l) => l.draftInteractive));
  row(`load the sample to interactive (saved draft; median of ${loads.length})`, ms(li), '—', null);
  const emptyPlusButton = median(loads.map((l) => l.emptyInteractive + l.sampleButton));
  row(`fresh page + 加载示例 button (median of ${loads.length})`, ms(emptyPlusButton), '—', null);
  if (core) {
    row('core derive + check, 10,000 rows, native (median)', Number.isNaN(core.ms) ? 'not found' : `${core.ms.toFixed(2)} ms`, '≤ 5 ms', core.ms <= 5);
  } else {
    row('core derive + check, 10,000 rows, native', 'not run (see scripts/bench.sh)', '≤ 5 ms', null);
  }

  // ---- notes
  notes.push(
    `paste: ${int(paste.block.lines)} lines of TSV (${int(paste.block.tsv.length)} chars), the grid's own copy of the \`?synthetic=10000\` form's ${int(paste.block.rows)} rows; ` +
      `medians: paste event handled ${ms(paste.inEvent)}, rows + totals shown ${ms(paste.toShown)}, checks panel updated ${ms(paste.toChecked)}, painted ${ms(paste.median)} (max ${ms(paste.max)}); status line: ${paste.status?.trim()}`,
  );
  notes.push(
    `keystroke → paint, where the time goes (medians, keydown → start of next frame / frame start → painted): ` +
      SIZES.map((n) => `${int(n)} rows ${ms(keys[n].toFrame)} / ${ms(keys[n].frameToPaint)}`).join('; ') +
      `; input queueing (time stamp → keydown listener) at 10,000 rows ${ms(k10.queue)}.`,
  );
  notes.push(
    `DOM elements on the page: ` + SIZES.map((n) => `${int(n)} rows ${int(keys[n].domNodes)}`).join(', ') + `, 10,000 rows without project forms ${int(noProjects.domNodes)}.`,
  );
  notes.push(
    `keystroke → paint, 10,000 rows WITHOUT project forms (&projects=0): median ${ms(noProjects.median)}, p95 ${ms(noProjects.p95)} (${noProjects.n} edits).`,
  );
  notes.push(
    `floor (a bare <input>, no app, same browser): median ${ms(floor.median)}, p95 ${ms(floor.p95)}; ` +
      `at 60 Hz vsync (harness browser): bare <input> median ${ms(floor60.median)}, p95 ${ms(floor60.p95)}` +
      (keys60 ? `, 10,000 rows median ${ms(keys60.median)}, p95 ${ms(keys60.p95)} (${keys60.n} edits).` : ' (10,000 rows at 60 Hz: run with --vsync).'),
  );
  const bad = SIZES.reduce((s, n) => s + keys[n].unchanged, 0) + noProjects.unchanged + (keys60?.unchanged ?? 0);
  notes.push(
    `every measured edit was checked in its frame (digit: grid totals row + 收入合计 changed; "x" on row 7 every other pass, ${k10.invalidEdits} of ${k10.n} at each size: 错误 count + checks headline changed): ${bad === 0 ? 'all updated in that frame' : `${bad} edit(s) NOT updated in that frame`}.`,
  );
  const saves = k10.saves;
  notes.push(
    `autosave (40 ms after the last change, then an idle moment within 30 ms; not inside the keystroke figures, each edit waits for the autosave of the one before): ` +
      SIZES.map((n) =>
        keys[n].saves.length
          ? `${int(n)} rows median ${ms(median(keys[n].saves))}, ${keys[n].waited} of ${keys[n].n} measured keystrokes overlapped one`
          : `${int(n)} rows —`,
      ).join('; ') +
      (saves.length ? ` (10,000-row draft ${int(k10.draftBytes)} chars, of which a save wrote ${int(median(k10.written))} (median): its changed pieces and head).` : '.'),
  );
  notes.push(
    `load (median of ${loads.length}, ms since navigation start): fresh page, empty form: init.js done ${ms(median(loads.map((l) => l.emptyStarted)))}, mounted and painted ${ms(median(loads.map((l) => l.emptyInteractive)))}; ` +
      `加载示例 click → first amount cell painted ${ms(median(loads.map((l) => l.sampleButton)))}; ` +
      `reload with the sample (${loads[0].sampleRows} rows) as the draft: init.js done ${ms(median(loads.map((l) => l.draftStarted)))}, first amount cell ${ms(median(loads.map((l) => l.draftCell)))}, painted ${ms(li)}.`,
  );
  notes.push(
    `at 60 Hz (the harness's browser, vsync; medians of ${loads60.length}): fresh page + 加载示例 button ${ms(median(loads60.map((l) => l.emptyInteractive + l.sampleButton)))} ` +
      `(mounted and painted ${ms(median(loads60.map((l) => l.emptyInteractive)))}, click → first amount cell painted ${ms(median(loads60.map((l) => l.sampleButton)))}); ` +
      `saved draft → first amount cell painted ${ms(median(loads60.map((l) => l.draftInteractive)))}; ` +
      `import 10,000 rows → painted ${ms(imp60.median)} (to shown ${ms(imp60.toShown)}); export 10,000 rows ${ms(exp60.median)}. ` +
      `Each includes the wait for the display's next frame (0-16.7 ms).`,
  );
  notes.push(
    `cold and warm loads (tests/e2e/bench/pwa-load.mjs, 60 Hz browser): a fresh context throttled by Network.emulateNetworkConditions (10 Mbit/s down and up, 40 ms latency), ` +
      `navigation start → app mounted and painted; then, once the service worker is active, a reload: warm gzip ${ms(pwa.gzip.warm)}, uncompressed ${ms(pwa.plain.warm)}. ` +
      `The other loads above register the worker too: their reload with the draft may be served by it.`,
  );
  notes.push(
    `export: click → file (blob) ready ${ms(exp.toBlob)}, → painted ${ms(exp.median)} (max ${ms(exp.max)}; first export ${ms(exp.first)}); file ${int(exp.bytes)} bytes; notice: ${exp.notice.trim()}`,
  );
  notes.push(
    `import (fresh page, empty form, so no confirmation): change → ${int(imp.rows)} rows in the grid + notice ${ms(imp.toShown)}, → painted ${ms(imp.median)} (max ${ms(imp.max)}), → stated figures compared ${ms(imp.toCompared)}; notice: ${imp.notice.replace('×', '').trim()} (the file is chosen 300 ms after the first paint).`,
  );
  notes.push(
    `memory (after a forced GC): after import JS heap used ${mb(mem.heapUsed)} (allocated ${mb(mem.heapTotal)}), wasm ${mb(mem.wasm)}, DOM nodes ${int(mem.nodes)}; ` +
      `after ?synthetic=10000: JS heap ${mb(memSynthetic.heapUsed)}, wasm ${mb(memSynthetic.wasm)} = ${mb(memSynthetic.total)}, DOM nodes ${int(memSynthetic.nodes)}. MB = 10^6 bytes; wasm memory only grows (it is the high-water mark).`,
  );
  if (core && !Number.isNaN(core.ms)) {
    notes.push(
      `core (cargo bench -p budget-core --bench derive_check, summary): 10,000 rows derive + check ${core.ms} ms, bare sum ${core.bare} ms, ratio ${core.ratio}×` +
        (core.perEdit ? `; per edit in the web app (totals + check_live) ${core.perEdit.ms} ms.` : '.'),
    );
  }
  notes.push(
    `keystroke rows: the synthetic form (budget_synthetic::generate(N, 42)) WITH its project forms; ${REPEATS} repetitions for loads/imports/exports; ${WARMUP} warm-up edits not counted.`,
  );
} finally {
  if (browser) await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}

// ---- print
const cpu = cpus();
const la = loadavg();
const la0 = LOAD_START;
console.log(`# Browser benchmark (issue 21's budgets)`);
console.log();
console.log(
  `${new Date().toISOString()} · ${TEMPLATE ? `template ${TEMPLATE}${TEXTS ? ' without its texts' : ''} · ` : ''}Chromium ${browserVersion} headless (frame rate unlimited) · ` +
    `${cpu.length} × ${cpu[0]?.model ?? '?'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · timings: ${DIST} (test-hooks build), sizes: ${SIZE_DIST} · load average ${la0.map((x) => x.toFixed(2)).join(', ')} at the start, ${la.map((x) => x.toFixed(2)).join(', ')} at the end`,
);
console.log();
const head = ['figure', 'value', 'budget', 'ok'];
const lines = [head, ...table.map((r) => [r.figure, r.value, r.budget, r.ok])];
console.log(`| ${head.join(' | ')} |`);
console.log('|---|---:|---|:-:|');
for (const l of lines.slice(1)) console.log(`| ${l.join(' | ')} |`);
console.log();
for (const n of notes) console.log(`- ${n}`);
if (allErrors.length) {
  console.log();
  console.log(`page errors (${allErrors.length}): ${[...new Set(allErrors)].slice(0, 5).join(' | ')}`);
}
const misses = table.filter((r) => r.ok === 'MISS').length;
console.log();
console.log(misses ? `${misses} figure(s) outside budget.` : 'every figure within budget.');
