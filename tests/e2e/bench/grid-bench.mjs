// Timing script for the 10,000-row grid (not a test: it prints figures and
// asserts nothing). Opens the app with `?synthetic=10000` (src/grid/debug.rs:
// budget_core::synthetic::generate(10000, 42)) and measures
//   - load: navigation to the grid's first cell on screen;
//   - scroll: frame times while the grid scrolls 300 px per frame, then 100 px
//     per frame (a fast mouse wheel);
//   - keystroke → paint: from keydown to the frame after it (after derive,
//     checks and render), over 60 edits of amount cells;
//   - ArrowDown / ArrowUp → paint: 60 moves down the amount column from row 0
//     and back (past the first screen, so the grid scrolls as a clerk's does).
// Both with and without the synthetic project forms (`&projects=0`), which
// are about half of the page's elements. tests/e2e/bench/bench.mjs is the full
// benchmark of issue 7; this script adds the scroll frame times and the arrow
// keys. The browser is the harness's (60 Hz): each figure includes the wait
// for the display's next frame.
// Usage: BUDGET_DIST=dist node tests/e2e/bench/grid-bench.mjs [rows]
import { serveDist, launch, newPage, nextPaint } from '../harness.mjs';

const ROWS = Number(process.argv[2] ?? 10000);
const EDITS = 60;
const NAV = 60; // arrow-key moves each way

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`;
};

const server = await serveDist();
const browser = await launch();

/** Open `query` and print the figures. */
async function run(query, title) {
  const { context, page } = await newPage(browser);
  const t0 = Date.now();
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('#f-rows-0-this_year');
  const loadMs = Date.now() - t0;
  const rendered = await page.evaluate(() => document.querySelectorAll('#grid-rows tr.grid-row').length);

  const scroll = (step) => page.evaluate(async (step) => {
    const el = document.querySelector('#grid-rows');
    const out = [];
    let last = await new Promise(requestAnimationFrame);
    for (let k = 0; k < 150; k++) {
      el.scrollTop += step;
      const now = await new Promise(requestAnimationFrame);
      out.push(now - last);
      last = now;
    }
    el.scrollTop = 0;
    return out;
  }, step);
  // After a scroll back to the top: row 0 is in the window again, and painted.
  const backAtTop = async () => {
    await page.waitForSelector('#f-rows-0-this_year');
    await nextPaint(page);
  };
  const frames = await scroll(300);
  await backAtTop();
  // A fast mouse wheel: about three rows per frame.
  const wheel = await scroll(100);
  await backAtTop();

  // Keystroke → paint: a keydown listener stamps the key, the frame after the
  // input event (plus a task, so the frame has been painted) stamps the paint.
  await page.evaluate(() => {
    window.__lat = [];
    document.addEventListener(
      'keydown',
      (e) => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - start), 0));
      },
      true,
    );
  });
  for (let k = 0; k < EDITS; k++) {
    const row = k % 20;
    await page.focus(`#f-rows-${row}-this_year`);
    await page.keyboard.press(String((k % 9) + 1));
    await page.waitForFunction((n) => window.__lat.length >= n, k + 1);
  }
  const latencies = await page.evaluate(() => window.__lat);
  // Arrow keys → paint: down the amount column from row 0 (past the first
  // screenful, so the grid scrolls and rows come into the window), then back
  // up. Same stamps as the keystrokes.
  const arrows = async (key) => {
    await page.evaluate(() => {
      window.__lat = [];
    });
    for (let k = 0; k < NAV; k++) {
      await page.keyboard.press(key);
      await page.waitForFunction((n) => window.__lat.length >= n, k + 1);
    }
    return page.evaluate(() => window.__lat);
  };
  await page.focus('#f-rows-0-this_year');
  await nextPaint(page);
  const down = await arrows('ArrowDown');
  const up = await arrows('ArrowUp');
  console.log(`grid bench, ${ROWS} budget rows (synthetic seed 42), ${title}`);
  console.log(`load to first cell: ${loadMs} ms; rows in the DOM: ${rendered}`);
  console.log(`scroll frame time, 300 px per frame: ${stats(frames)}`);
  console.log(`scroll frame time, 100 px per frame: ${stats(wheel)}`);
  console.log(`keystroke → paint: ${stats(latencies)}`);
  console.log(`ArrowDown → paint, rows 0 → ${NAV}: ${stats(down)}`);
  console.log(`ArrowUp → paint, rows ${NAV} → 0: ${stats(up)}`);
  await context.close();
}

try {
  await run(`?synthetic=${ROWS}&projects=0`, 'without project forms (the grid alone)');
  await run(`?synthetic=${ROWS}`, 'with its 20 project forms');
} finally {
  await browser.close();
  await server.close();
}
