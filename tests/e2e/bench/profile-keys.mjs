// Developer aid (not a test, not run by CI): CPU profile of amount edits in the
// grid, aggregated by function (self time). Use a build that keeps wasm names
// (data-wasm-opt="0"). Usage: BUDGET_DIST=... node tests/e2e/bench/profile-keys.mjs [rows] [query-extra]
// PROFILE_OUT=FILE also writes the profile (.cpuprofile, for DevTools or a script of callers).
import { writeFileSync } from 'node:fs';
import { serveDist, launch, newPage, gotoApp, nextPaint, syntheticUrl, SYNTHETIC_READY, idle } from '../harness.mjs';

const ROWS = Number(process.argv[2] ?? 10000);
const EXTRA = process.argv[3] ?? '';
// MODE=load: one fresh page, navigation -> app mounted and painted (the whole
// profile is one "edit"); MODE=sample: then the 加载示例 button -> painted.
const LOAD = process.env.MODE === 'load' || process.env.MODE === 'sample';
const EDITS = LOAD ? 1 : 30;
const server = await serveDist();
const browser = await launch();
try {
  const { context, page } = await newPage(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (LOAD) {
    const painted = () => nextPaint(page);
    if (process.env.MODE === 'load') await cdp.send('Profiler.start');
    await gotoApp(page, server.url, { ready: '#btn-sample' });
    await painted();
    if (process.env.MODE === 'sample') {
      await cdp.send('Profiler.start');
      await page.click('#btn-sample');
      await page.waitForSelector('#f-rows-0-this_year');
      await painted();
    }
  } else {
    await gotoApp(page, syntheticUrl(server.url, ROWS, EXTRA), SYNTHETIC_READY);
    // An idle moment: the work the app defers after its load is done.
    await idle(page);
    await cdp.send('Profiler.start');
  }
  if (LOAD) {
    // profiled above
  } else if (process.env.MODE === 'scroll') {
    // MODE=scroll: 30 frames of scrolling the grid by STEP px each (300 by
    // default; "per edit" = per frame).
    await page.evaluate(async ([n, step]) => {
      const el = document.querySelector('#grid-rows');
      for (let k = 0; k < n; k++) {
        el.scrollTop += step;
        await new Promise(requestAnimationFrame);
      }
    }, [EDITS, Number(process.env.STEP ?? 300)]);
  } else {
    for (let k = 0; k < EDITS; k++) {
      // SAME=1: keep typing into row 0 (no focus change inside the profile).
      // XFIX=1: type "x" and "5" in turn (an error appears and goes each time).
      if (!process.env.SAME) await page.focus(`#f-rows-${k % 20}-this_year`);
      else if (k === 0) await page.focus('#f-rows-0-this_year');
      await page.keyboard.press(process.env.XFIX ? (k % 2 ? '5' : 'x') : String((k % 9) + 1));
      await nextPaint(page);
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
    self.set(name, (self.get(name) ?? 0) + dt[i] / 1000);
    total += dt[i] / 1000;
  });
  // Inclusive time: walk parents.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur).callFrame.functionName || '(anon)';
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + dt[i] / 1000);
    }
  });
  const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log(`total sampled ${total.toFixed(0)} ms over ${EDITS} edits`);
  console.log('--- self ---');
  for (const [n, t] of top(self, 45)) console.log(`${(t / EDITS).toFixed(2).padStart(8)} ms/edit  ${n.slice(0, 150)}`);
  console.log('--- inclusive ---');
  for (const [n, t] of top(incl, Number(process.env.TOP) || 60)) console.log(`${(t / EDITS).toFixed(2).padStart(8)} ms/edit  ${n.slice(0, 150)}`);
  // CALLERS=substring: who calls the functions whose name contains it (up to 4 frames).
  if (process.env.CALLERS) {
    const chains = new Map();
    profile.samples.forEach((id, i) => {
      let cur = id;
      const chain = [];
      let hit = false;
      while (cur !== undefined) {
        const name = byId.get(cur).callFrame.functionName;
        if (hit) { chain.push(name.slice(0, 90)); if (chain.length >= (Number(process.env.DEPTH) || 6)) break; }
        else if (process.env.CALLERS === '()' ? (cur === id && !name && !byId.get(cur).callFrame.url) : name.includes(process.env.CALLERS)) hit = true;
        cur = parent.get(cur);
      }
      if (hit) chains.set(chain.join(' <- '), (chains.get(chain.join(' <- ')) ?? 0) + dt[i] / 1000);
    });
    console.log(`--- callers of ${process.env.CALLERS} ---`);
    for (const [c, t] of top(chains, 8)) console.log(`${(t / EDITS).toFixed(2).padStart(8)} ms/edit  ${c}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
