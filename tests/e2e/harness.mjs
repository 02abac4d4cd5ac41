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
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
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

/** The browser window of every test and benchmark page. */
export const VIEWPORT = { width: 1440, height: 1000 };

/**
 * A fresh context (empty localStorage). `init`: a list of scripts run in
 * each of its pages before the page's own, each a function or a
 * `[function, argument]` pair. Other options are the context's (viewport,
 * acceptDownloads…).
 */
export async function newContext(browser, { init = [], ...options } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, ...options });
  for (const script of init) {
    if (Array.isArray(script)) await context.addInitScript(script[0], script[1]);
    else await context.addInitScript(script);
  }
  return context;
}

/**
 * A new page in `context`: page errors are collected in `errors`; dialogs are
 * accepted unless `dialogs: false` (the caller answers them, e.g. with
 * `answerDialogs`).
 */
export async function pageIn(context, { dialogs = true } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (dialogs) page.on('dialog', (d) => d.accept());
  return { page, errors };
}

/** A fresh context (see `newContext`) and a page in it (see `pageIn`). */
export async function newPage(browser, { dialogs, ...options } = {}) {
  const context = await newContext(browser, options);
  return { context, ...(await pageIn(context, { dialogs })) };
}

/**
 * Go to `url` and wait until the app is mounted (`ready`: a selector that is
 * there once it is; the grid's first amount cell for a `?synthetic=N` form).
 */
export async function gotoApp(page, url, { ready = '#sum-income', timeout = 60_000 } = {}) {
  await page.goto(url);
  await page.waitForSelector(ready, { timeout });
}

/**
 * Open the app in a fresh context (see `newPage`) and wait until it is
 * mounted (see `gotoApp`: `ready`, `timeout`).
 */
export async function openApp(browser, url, { ready, timeout, ...options } = {}) {
  const opened = await newPage(browser, options);
  await gotoApp(opened.page, url, { ready, timeout });
  return opened;
}

/** Open the app in another page (tab) of `context` (see `pageIn`, `gotoApp`). */
export async function openTab(context, url, { ready, timeout, dialogs } = {}) {
  const opened = await pageIn(context, { dialogs });
  await gotoApp(opened.page, url, { ready, timeout });
  return opened;
}

/** The URL of the app showing a synthetic form of `rows` rows (src/grid/debug.rs). */
export const syntheticUrl = (url, rows, extra = '') => `${url}?synthetic=${rows}${extra}`;

/** Waits for a synthetic form (see `syntheticUrl`): its grid's first amount cell. */
export const SYNTHETIC_READY = { ready: '#f-rows-0-this_year', timeout: 120_000 };

/**
 * Load a built-in sample (`button`: the 重庆 one by default, or
 * #btn-sample-shanghai). Over a form that holds work kept nowhere else the
 * app first asks (#replace-dialog): `answer` is the button clicked then
 * (default 不保留，直接替换).
 */
export async function loadSample(page, { answer = '#btn-discard', button = '#btn-sample' } = {}) {
  // The sample's notice says when it is loaded: close the notice shown now.
  if ((await page.locator('#notice').count()) > 0) {
    await page.click('#notice .close');
    await page.waitForSelector('#notice', { state: 'detached' });
  }
  const shown = () => /已加载示例/.test(document.querySelector('#notice')?.textContent ?? '');
  await page.click(button);
  await page.waitForFunction(() => /已加载示例/.test(document.querySelector('#notice')?.textContent ?? '') || document.querySelector('#replace-dialog') !== null);
  if ((await page.locator('#replace-dialog').count()) > 0) {
    await page.click(answer);
    if (answer === '#btn-cancel-replace') return;
    await page.waitForFunction(shown);
  }
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent !== '0.00');
}

/**
 * Resolves after the next painted frame (a frame, then a task after it), to
 * the page's time then (`performance.now()`).
 */
export function nextPaint(page) {
  return page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 0))));
}

/**
 * Resolves at the page's next idle moment (`requestIdleCallback`: no frame,
 * task or input waiting), or after `within` ms at most, as the app's own idle
 * work (a browser drawing frames without a limit may have no idle moment).
 */
export function idle(page, within = 1000) {
  return page.evaluate((within) => new Promise((ok) => requestIdleCallback(() => ok(), { timeout: within })), within);
}

/**
 * Waits until the page's clock (`performance.now()`) reaches `time`: for
 * benchmarks that act as a clerk does, a moment after something was shown.
 */
export function pageTime(page, time) {
  return page.waitForFunction((t) => performance.now() >= t, time, { polling: 10 });
}

/**
 * Dispatch a clipboard event (`paste`, `copy`, `cut`) on the focused element
 * (or `selector`), with a DataTransfer holding `text` as text/plain (headless
 * clipboard permissions are unreliable); resolves to what the page put on it.
 */
export function clipboard(page, type, { text, selector } = {}) {
  return page.evaluate(
    ({ type, text, selector }) => {
      const target = selector ? document.querySelector(selector) : document.activeElement;
      const dt = new DataTransfer();
      if (text !== undefined) dt.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent(type, { clipboardData: dt, bubbles: true, cancelable: true }));
      return { tsv: dt.getData('text/plain'), html: dt.getData('text/html') };
    },
    { type, text, selector },
  );
}

/** Paste `tsv` on the focused element (or `selector`). */
export async function paste(page, tsv, selector) {
  await clipboard(page, 'paste', { text: tsv, selector });
}

/** Copy on the focused element: the TSV and the HTML the grid put on the clipboard. */
export const copy = (page) => clipboard(page, 'copy');

/** Cut on the focused element: the TSV the grid put on the clipboard. */
export const cut = async (page) => (await clipboard(page, 'cut')).tsv;

/**
 * Answer the page's dialogs with `answer(message)` (true accepts) instead of
 * accepting them all. `asked`: their messages; `seen(n)` resolves once `n`
 * were asked and answered (and fails after `timeout` ms).
 */
export function answerDialogs(page, answer) {
  page.removeAllListeners('dialog');
  const asked = [];
  const waiting = [];
  page.on('dialog', async (d) => {
    asked.push(d.message());
    await (answer(d.message()) ? d.accept() : d.dismiss());
    for (const w of waiting.filter((w) => asked.length >= w.n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.ok();
    }
  });
  const seen = (n, timeout = 10_000) => {
    if (asked.length >= n) return Promise.resolve();
    return new Promise((ok, fail) => {
      const late = setTimeout(() => fail(new Error(`${asked.length} dialogs, not ${n}, within ${timeout} ms`)), timeout);
      waiting.push({ n, ok: () => (clearTimeout(late), ok()) });
    });
  };
  return { asked, seen };
}

const DRAFT_KEY = 'budget-form.draft.v1';

/**
 * In the page: the draft's head and its text as the app reads it (null when
 * there is none): the head under `budget-form.draft.v1` lists the pieces
 * (src/storage/pieces.rs), put together here; a draft saved whole (before the
 * pieces) is its own text.
 */
function readDraft(key) {
  const head = localStorage.getItem(key);
  if (head === null) return { head, text: null };
  let parsed = null;
  try {
    parsed = JSON.parse(head);
  } catch {
    return { head, text: head };
  }
  if (!Array.isArray(parsed?.pieces)) return { head, text: head };
  const text = parsed.pieces.map((k) => localStorage.getItem(`budget-form.draft.piece.${k}`) ?? '').join('');
  return { head, text };
}

/** The autosaved draft as the app reads it, or null when there is none. */
export async function draftText(page) {
  return (await page.evaluate(readDraft, DRAFT_KEY)).text;
}

/**
 * Waits until the autosaved draft (parsed) satisfies `accept`; returns it.
 * Each save writes a new head (it holds the time of the save): the draft is
 * read again at each.
 */
export async function waitForDraft(page, accept, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const { head, text } = await page.evaluate(readDraft, DRAFT_KEY);
    const draft = text === null ? null : JSON.parse(text);
    if (draft !== null && accept(draft)) return draft;
    const left = until - Date.now();
    if (left <= 0) throw new Error('the draft was not saved as expected in time');
    await page
      .waitForFunction(([key, head]) => localStorage.getItem(key) !== head, [DRAFT_KEY, head], { timeout: left })
      .catch(() => {});
  }
}

/** Waits until the app autosaves after `since` (the draft head then, from `draftHead`). */
export async function waitForSave(page, since, timeout = 10_000) {
  await page.waitForFunction(([key, head]) => localStorage.getItem(key) !== head, [DRAFT_KEY, since], { timeout });
}

/** The draft's head now (for `waitForSave`). */
export const draftHead = (page) => page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY);
