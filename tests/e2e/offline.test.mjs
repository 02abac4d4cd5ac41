// Installable and offline (issue 27): the service worker (web/sw.js, written
// into the build by scripts/sw-precache.mjs) serves the app with no network,
// autosave works there, and a new deploy is offered, not forced.
//
// Serves a copy of dist/ (a new deploy is that copy with another sw.js),
// through the harness: BUDGET_DIST is read when it is imported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT_DIST = resolve(process.env.BUDGET_DIST ?? join(import.meta.dirname, '..', '..', 'dist'));
const COPY = mkdtempSync(join(tmpdir(), 'budget-offline-'));
cpSync(ROOT_DIST, COPY, { recursive: true });
process.env.BUDGET_DIST = COPY;
const { serveDist, launch, newPage, gotoApp, loadSample, waitForDraft } = await import('./harness.mjs');

const CELL = '#f-rows-0-this_year';
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  rmSync(COPY, { recursive: true, force: true });
});

/** Waits until the page is served by an active service worker whose cache is filled. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('budget-form-')));
}

test('the manifest and the worker are served and installable', async () => {
  const server = await serveDist();
  try {
    const manifest = await fetch(`${server.url}manifest.webmanifest`);
    assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
    const m = await manifest.json();
    assert.equal(m.name, '部门预算公开填报');
    assert.ok(m.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));
    for (const icon of m.icons) assert.equal((await fetch(`${server.url}${icon.src}`)).status, 200, icon.src);
    const sw = await fetch(`${server.url}sw.js`);
    assert.equal(sw.headers.get('content-type'), 'text/javascript');
    const text = await sw.text();
    // The build hook filled in a version and every file of the build.
    assert.doesNotMatch(text, /__VERSION__|__PRECACHE__/);
    const wasm = readFileSync(join(COPY, 'index.html'), 'utf8').match(/budget-form-[0-9a-f]+_bg\.wasm/)[0];
    for (const f of [wasm, 'xlsx_worker_bg.wasm', 'xlsx_worker.js', 'init.js', 'manifest.webmanifest']) {
      assert.ok(text.includes(`"${f}"`), `precaches ${f}`);
    }
  } finally {
    await server.close();
  }
});

test('offline: the page reloads from the worker, takes an edit, autosaves and restores it', async () => {
  const server = await serveDist();
  const { context, page, errors } = await newPage(browser);
  try {
    await gotoApp(page, server.url);
    const caches = await controlled(page);
    assert.equal(caches.length, 1);
    // No network at all: the DevTools protocol's offline mode, and the server gone.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await server.close();
    await page.reload();
    await page.waitForSelector('#sum-income', { timeout: 60_000 });
    // The sample is one of the cached files, so 加载示例 works offline too.
    await loadSample(page);
    await page.fill(CELL, '6849269.92');
    await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '11,906,497.06');
    await waitForDraft(page, (d) => d.inputs?.rows?.[0]?.this_year === '6849269.92');
    await page.reload();
    await page.waitForSelector(CELL, { timeout: 60_000 });
    assert.equal(await page.inputValue(CELL), '6849269.92');
    assert.equal(await page.locator('#sum-income').innerText(), '11,906,497.06');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close().catch(() => {});
  }
});

test('a new deploy is offered as “新版本可用，刷新”, never switched under the clerk', async () => {
  const server = await serveDist();
  const swPath = join(COPY, 'sw.js');
  const first = readFileSync(swPath, 'utf8');
  const { context, page, errors } = await newPage(browser);
  try {
    await gotoApp(page, server.url);
    const [oldCache] = await controlled(page);
    await loadSample(page);
    await page.fill(CELL, '6849269.92');
    await page.evaluate(() => {
      window.sameDocument = true;
    });
    // The second deploy: the same files, a worker of another version.
    const version = first.match(/const VERSION = '([0-9a-f]+)'/)[1];
    writeFileSync(swPath, first.replace(`const VERSION = '${version}'`, "const VERSION = 'second-deploy'"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('#update-banner', { timeout: 60_000 });
    assert.match(await page.locator('#update-banner').innerText(), /新版本可用，刷新/);
    // Offered, not forced: the same page, the clerk's figure still there, the old worker in charge.
    assert.equal(await page.evaluate(() => window.sameDocument), true);
    assert.equal(await page.inputValue(CELL), '6849269.92');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.state), 'activated');
    assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('budget-form-')).sort()), [
      'budget-form-second-deploy',
      oldCache,
    ].sort());
    // The click: the new worker takes over and the page reloads once, from it.
    await Promise.all([page.waitForEvent('load'), page.click('#btn-update')]);
    await page.waitForSelector(CELL, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.sameDocument), undefined);
    assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('budget-form-'))), [
      'budget-form-second-deploy',
    ]);
    // The draft was kept across the switch.
    assert.equal(await page.inputValue(CELL), '6849269.92');
    assert.equal(await page.locator('#update-banner').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    writeFileSync(swPath, first);
    await context.close();
    await server.close();
  }
});
