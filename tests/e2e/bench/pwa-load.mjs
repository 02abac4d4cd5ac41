// Cold and warm loads (issue 27): a first visit over a throttled network
// (10 Mbit/s, 40 ms latency: the DevTools protocol's
// Network.emulateNetworkConditions) and, in the same browser context once the
// service worker has cached the build, a reload served by the worker (network
// still throttled). "Interactive": the app mounted (the 加载示例 button in the
// DOM) and the next frame painted, from navigation start.
//
// Served twice: as the harness serves dist/ (no compression), and gzip-encoded
// as any static host or intranet web server sends it.
//
//   BUDGET_DIST=<dist> node tests/e2e/bench/pwa-load.mjs [N]   (prints the medians)
//   or imported by bench.mjs (`pwaLoads`).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { launch, newPage, ROOT, serveDist } from '../harness.mjs';

export const THROTTLE = {
  offline: false,
  latency: 40,
  downloadThroughput: 10e6 / 8,
  uploadThroughput: 10e6 / 8,
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/** Serve `dist` gzip-encoded (level 9, compressed once per file); resolves to { url, close }. */
export async function serveGzip(dist) {
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const rel = normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, '');
      const file = join(dist, rel);
      if (!file.startsWith(dist)) throw new Error('outside dist');
      if (!cache.has(file)) cache.set(file, gzipSync(await readFile(file), { level: 9 }));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-encoding': 'gzip' });
      res.end(cache.get(file));
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

// In the page, before its scripts: the app mounted, then painted.
function marks() {
  window.__load = {};
  new MutationObserver((_, obs) => {
    if (document.getElementById('btn-sample')) {
      window.__load.mounted = performance.now();
      requestAnimationFrame(() => setTimeout(() => (window.__load.painted = performance.now())));
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

const painted = async (page) => {
  await page.waitForFunction(() => window.__load?.painted !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => ({ ...window.__load, fromWorker: performance.getEntriesByType('navigation')[0]?.workerStart > 0 }));
};

/** One cold load and one warm load in a fresh context: { cold, warm, transferred, fromWorker }. */
async function once(browser, url) {
  const { context, page, errors } = await newPage(browser, { init: [marks] });
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', THROTTLE);
    await page.goto(url);
    const cold = await painted(page);
    const transferred = await page.evaluate(() =>
      performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, performance.getEntriesByType('navigation')[0].transferSize),
    );
    // The worker installed (every file of the build cached) and in charge.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 120_000 });
    await page.reload();
    const warm = await painted(page);
    return { cold: cold.painted, warm: warm.painted, transferred, fromWorker: warm.fromWorker, errors };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * `repeats` cold + warm loads, served plain (the harness) and gzip-encoded:
 * { plain: {cold, warm, transferred}, gzip: {...}, repeats, errors } (medians, ms / bytes).
 */
export async function pwaLoads(browser, dist, repeats) {
  const out = { repeats, errors: [] };
  for (const [name, serve] of [
    ['plain', () => serveDist()],
    ['gzip', () => serveGzip(dist)],
  ]) {
    const server = await serve();
    try {
      const runs = [];
      for (let k = 0; k < repeats; k++) runs.push(await once(browser, server.url));
      runs.forEach((r) => out.errors.push(...r.errors));
      out[name] = {
        cold: median(runs.map((r) => r.cold)),
        warm: median(runs.map((r) => r.warm)),
        transferred: median(runs.map((r) => r.transferred)),
        fromWorker: runs.every((r) => r.fromWorker),
      };
    } finally {
      await server.close();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.env.BUDGET_DIST ? resolve(process.env.BUDGET_DIST) : join(ROOT, 'dist');
  const n = Number(process.argv[2] ?? 5);
  const browser = await launch();
  try {
    const r = await pwaLoads(browser, dist, n);
    for (const name of ['plain', 'gzip']) {
      const f = r[name];
      console.log(
        `${name.padEnd(5)} cold ${f.cold.toFixed(1)} ms (${(f.transferred / 1e6).toFixed(2)} MB over the network), ` +
          `warm ${f.warm.toFixed(1)} ms (${f.fromWorker ? 'page from the service worker' : 'NOT from the service worker'}); median of ${n}`,
      );
    }
    if (r.errors.length) console.log('page errors:', r.errors);
  } finally {
    await browser.close();
  }
}
