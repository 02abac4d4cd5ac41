// Shared test harness: serve dist/ on a free 127.0.0.1 port and launch the system Chromium.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// BUDGET_DIST lets parallel work serve its own build; default is the trunk output.
const DIST = process.env.BUDGET_DIST ? resolve(process.env.BUDGET_DIST) : join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serve dist/ on 127.0.0.1 at a free port; resolves to { url, close }. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const rel = normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, '');
      const file = join(DIST, rel);
      if (!file.startsWith(DIST)) throw new Error('outside dist');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Launch headless Chromium from the system (no browser download).
 * `unlimitedFrames`: frames are drawn as soon as there is work, not at the
 * next vsync (the benchmarks' browser; the figures are then the app's work).
 * CHROMIUM_ARGS (space-separated) adds flags, for experiments such as
 * `--js-flags=--no-wasm-dynamic-tiering`.
 */
export function launch({ unlimitedFrames = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(unlimitedFrames ? ['--disable-frame-rate-limit', '--disable-gpu-vsync'] : []),
      ...(process.env.CHROMIUM_ARGS ? process.env.CHROMIUM_ARGS.split(' ') : []),
    ],
  });
}

/** Open the app in a fresh context (empty localStorage) and wait until it is mounted. */
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await page.goto(url);
  await page.waitForSelector('#sum-income');
  return { context, page, errors };
}

/**
 * Load the built-in sample. Over a form that holds work kept nowhere else the
 * app first asks (#replace-dialog): `answer` is the button clicked then
 * (default 不保留，直接替换).
 */
export async function loadSample(page, { answer = '#btn-discard' } = {}) {
  // The sample's notice says when it is loaded: close the notice shown now.
  if ((await page.locator('#notice').count()) > 0) {
    await page.click('#notice .close');
    await page.waitForSelector('#notice', { state: 'detached' });
  }
  const shown = () => /已加载示例/.test(document.querySelector('#notice')?.textContent ?? '');
  await page.click('#btn-sample');
  await page.waitForFunction(() => /已加载示例/.test(document.querySelector('#notice')?.textContent ?? '') || document.querySelector('#replace-dialog') !== null);
  if ((await page.locator('#replace-dialog').count()) > 0) {
    await page.click(answer);
    if (answer === '#btn-cancel-replace') return;
    await page.waitForFunction(shown);
  }
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent !== '0.00');
}

/**
 * The autosaved draft as the app reads it, or null when there is none: the
 * head under `budget-form.draft.v1` lists the pieces (src/storage/pieces.rs),
 * put together here; a draft saved whole (before the pieces) is its own text.
 */
export async function draftText(page) {
  return page.evaluate(() => {
    const head = localStorage.getItem('budget-form.draft.v1');
    if (head === null) return null;
    let parsed = null;
    try {
      parsed = JSON.parse(head);
    } catch {
      return head;
    }
    if (!Array.isArray(parsed?.pieces)) return head;
    return parsed.pieces.map((k) => localStorage.getItem(`budget-form.draft.piece.${k}`) ?? '').join('');
  });
}

/** Waits until the autosaved draft (parsed) satisfies `accept`; returns it. */
export async function waitForDraft(page, accept, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const text = await draftText(page);
    const draft = text === null ? null : JSON.parse(text);
    if (draft !== null && accept(draft)) return draft;
    if (Date.now() > until) throw new Error('the draft was not saved as expected in time');
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
