// Import of a large file and the autosave after it (issue 7): the draft is
// saved off the frames that show the import, but a reload straight after an
// import (or an edit) still finds the data; replacing a filled form still asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, newPage, gotoApp, openApp, loadSample, draftText, answerDialogs, nextPaint, syntheticUrl, SYNTHETIC_READY } from './harness.mjs';


let server;
let browser;
let file10k;

before(async () => {
  server = await serveDist();
  browser = await launch();
  // The 10,000-row submission file: the export of the synthetic form.
  const { context, page } = await openApp(browser, syntheticUrl(server.url, 10000), SYNTHETIC_READY);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#btn-export')]);
  file10k = join(mkdtempSync(join(tmpdir(), 'budget-import-speed-')), 'synthetic-10000.json');
  await download.saveAs(file10k);
  await context.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page, sel) => page.locator(sel).innerText();
const gridRows = async (page) => Number(await page.getAttribute('#grid-rows table', 'aria-rowcount')) - 2;

async function importBig(page) {
  await page.setInputFiles('#import-file', file10k);
  await page.waitForFunction(() => document.querySelector('#notice')?.textContent.includes('已导入'), null, { timeout: 60_000 });
  assert.equal(await gridRows(page), 10000);
}

test('a reload straight after a 10,000-row import keeps the imported form', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await importBig(page);
  const income = await text(page, '#sum-income');
  assert.notEqual(income, '0.00');
  // No wait for the autosave: the page goes away at once.
  await page.reload();
  await page.waitForSelector('#f-rows-0-this_year', { timeout: 60_000 });
  assert.equal(await gridRows(page), 10000);
  assert.equal(await text(page, '#sum-income'), income);
  assert.equal(await page.locator('#storage-banner').count(), 0);
  const draft = JSON.parse(await draftText(page));
  assert.equal(draft.format, 'budget-form-draft');
  assert.equal(draft.inputs.rows.length, 10000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an import builds the rows in view first, the rows for scrolling after the paint', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => {
    new MutationObserver((_, obs) => {
      if (document.getElementById('f-rows-0-this_year')) {
        window.__rowsFirst = document.querySelectorAll('#grid-rows tr.grid-row').length;
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await importBig(page);
  const first = await page.evaluate(() => window.__rowsFirst);
  await page.waitForFunction((n) => document.querySelectorAll('#grid-rows tr.grid-row').length > n, first);
  const later = await page.locator('#grid-rows tr.grid-row').count();
  // The view of this page holds about 20 rows; 6 more above and below follow.
  assert.ok(first >= 16 && first <= 32, `first ${first}`);
  assert.equal(later - first, 12);
  // They are the rows below the first ones.
  assert.equal(await page.locator(`#f-rows-${later - 1}-this_year`).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit followed at once by a reload is kept', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-unit');
  await page.fill('#f-unit-name', '刚改的名称');
  await page.reload();
  await page.waitForSelector('#sum-income');
  await page.click('#tab-unit');
  assert.equal(await page.inputValue('#f-unit-name'), '刚改的名称');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the autosave after an import comes after the import is shown', async () => {
  const { context, page } = await openApp(browser, server.url);
  // Record when the draft is written and when the import's notice appears.
  await page.evaluate(() => {
    window.__events = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      // The head, written after its pieces: the draft it lists.
      if (String(k) === 'budget-form.draft.v1') {
        const text = JSON.parse(v).pieces.map((p) => localStorage.getItem(`budget-form.draft.piece.${p}`)).join('');
        window.__events.push(['save', performance.now(), JSON.parse(text).inputs.rows.length]);
      }
      return setItem.call(this, k, v);
    };
    new MutationObserver((_, obs) => {
      if (document.querySelector('#notice')?.textContent.includes('已导入')) {
        window.__events.push(['shown', performance.now()]);
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await importBig(page);
  await page.waitForFunction(() => window.__events.some((e) => e[0] === 'save' && e[2] === 10000), null, { timeout: 10_000 });
  const events = await page.evaluate(() => window.__events);
  const shown = events.find((e) => e[0] === 'shown');
  const save = events.find((e) => e[0] === 'save' && e[2] === 10000);
  assert.ok(save[1] > shown[1], 'saved after the import was shown');
  assert.match(await text(page, '#saved-status'), /已保存/);
  await context.close();
});

test('importing over a filled form asks; accepting replaces it and says so', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  const before = await text(page, '#sum-income');
  // The question is the page's own dialog: 取消 declines, 不保留 replaces.
  const asked = [];
  await page.setInputFiles('#import-file', file10k);
  await page.waitForSelector('#replace-dialog', { timeout: 60_000 });
  asked.push(await text(page, '#replace-dialog'));
  await page.click('#btn-cancel-replace');
  await page.waitForSelector('#replace-dialog', { state: 'detached' });
  assert.equal(asked.length, 1);
  assert.match(asked[0], /导入“synthetic-10000\.json”将替换当前填写的全部内容/);
  assert.equal(await text(page, '#sum-income'), before, 'declined: unchanged');
  await page.setInputFiles('#import-file', file10k);
  await page.waitForSelector('#replace-dialog', { timeout: 60_000 });
  asked.push(await text(page, '#replace-dialog'));
  await page.click('#btn-discard');
  await page.waitForFunction(() => document.querySelector('#notice')?.textContent.includes('已导入'), null, { timeout: 60_000 });
  assert.equal(await gridRows(page), 10000);
  assert.equal(asked.length, 2);
  assert.notEqual(await text(page, '#sum-income'), before);
  // The rows come first; the comparison of the file's stated figures follows
  // and finds them all as recomputed.
  await page.waitForFunction(() => document.querySelector('#notice')?.textContent.includes('已导入“synthetic-10000.json”。'), null, { timeout: 10_000 });
  assert.equal(await page.locator('#notice.error').count(), 0);
  await context.close();
});
