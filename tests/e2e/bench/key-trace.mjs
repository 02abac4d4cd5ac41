// Developer aid (not a test, not run by CI): a Chromium trace of 20 amount
// keystrokes, as bench.mjs makes them (focus, a frame, the key), and per
// keystroke the browser's own work: forced and frame layout, paint (and how
// many layers were repainted), layerize, commit, our input handler.
// Found with it (stop 16): an amount turning invalid repainted every layer of
// the page (78 paint events, ~10 ms) because its message widened the grid's
// scroll area.
// Usage: BUDGET_DIST=... node tests/e2e/bench/key-trace.mjs [rows] [trace.json]
//   XFIX=1  type "x" and "5" in turn into row 7 (an error appears and goes)
//   CSS=... a style sheet added after the load, for what-if experiments
//           (e.g. CSS='table.grid.sheet .frozen{position:static}')
//   LAYERS=1 also list the composited layers after the keystrokes (CDP
//           LayerTree): how many, by Chromium's reason and size
import { writeFile } from 'node:fs/promises';
import { serveDist, launch, openApp, nextPaint, draftHead, waitForSave, syntheticUrl, SYNTHETIC_READY, idle } from '../harness.mjs';

const ROWS = Number(process.argv[2] ?? 100);
const OUT = process.argv[3];
const KEYS = 20;
const server = await serveDist();
const browser = await launch({ unlimitedFrames: true });
try {
  const { context, page } = await openApp(browser, syntheticUrl(server.url, ROWS), SYNTHETIC_READY);
  // An idle moment: the work the app defers after its load is done.
  await idle(page);
  if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
  const cdp = process.env.LAYERS ? await context.newCDPSession(page) : null;
  let layers = [];
  if (cdp) {
    cdp.on('LayerTree.layerTreeDidChange', (e) => e.layers && (layers = e.layers));
    await cdp.send('LayerTree.enable');
  }
  const nextFrame = () => nextPaint(page);
  const key = (k) => (process.env.XFIX ? (k % 2 ? '5' : 'x') : String((k % 9) + 1));
  const row = (k) => (process.env.XFIX ? 7 : k % 20);
  for (let k = 0; k < 4; k++) {
    await page.focus(`#f-rows-${row(k)}-this_year`);
    await page.keyboard.press(key(k));
    await nextFrame();
  }
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel'],
  });
  for (let k = 0; k < KEYS; k++) {
    await page.focus(`#f-rows-${row(k)}-this_year`);
    await nextFrame();
    const head = await draftHead(page);
    await page.keyboard.press(key(k));
    await nextFrame();
    await waitForSave(page, head); // past the autosave (250 ms after the key), which is not counted
  }
  const buf = await browser.stopTracing();
  if (OUT) await writeFile(OUT, buf);
  summarise(JSON.parse(buf.toString()).traceEvents);
  if (cdp) await listLayers(cdp, layers);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

/** Sums per keystroke over the 200 ms after each keydown, main thread of the renderer. */
function summarise(events) {
  const main = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const evs = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const keydowns = evs.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const names = ['RunTask', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'Commit'];
  const sum = Object.fromEntries([...names, 'input handler', 'paint events'].map((n) => [n, 0]));
  for (const kd of keydowns) {
    const inWindow = evs.filter((e) => e.ts >= kd.ts - 1000 && e.ts < kd.ts + 200_000);
    for (const e of inWindow) {
      if (names.includes(e.name)) sum[e.name] += e.dur / 1000;
      if (e.name === 'Paint') sum['paint events'] += 1;
      if (e.name === 'EventDispatch' && e.args?.data?.type === 'input') sum['input handler'] += e.dur / 1000;
    }
  }
  const n = keydowns.length;
  console.log(`${n} keystrokes, ${ROWS} rows${process.env.XFIX ? ' (x and 5 in turn)' : ''}: per keystroke (ms; paint events: count)`);
  for (const [k, v] of Object.entries(sum)) console.log(`${(v / n).toFixed(2).padStart(8)}  ${k}`);
}

/** The composited layers (the last tree Chromium reported), counted by reason and size. */
async function listLayers(cdp, layers) {
  const count = new Map();
  for (const l of layers) {
    const r = await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId }).catch(() => ({}));
    const key = `${(r.compositingReasonIds ?? []).join(',') || '-'} ${l.width}x${l.height}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  console.log(`${layers.length} composited layers (reason, size):`);
  for (const [k, n] of [...count].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(8)}  ${k}`);
}
