// The draft file (issue 28): saved at any moment, errors and all, and opened
// back as it was left. Serves dist/ (run `trunk build --release --features test-hooks` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp, loadSample } from './harness.mjs';

// The cell of seed row 2010301 行政运行 · 一般公共预算 · 基本 (rows[0]).
const CELL = '#f-rows-0-this_year';
const BAD = '12,3a4';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page, sel) => page.locator(sel).innerText();

test('a draft file is saved with an error standing and opens with the invalid text back', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, BAD);
  await page.waitForFunction((cell) => document.querySelector(cell)?.getAttribute('aria-invalid') === 'true', CELL);
  const errors = await text(page, '#sum-errors');
  assert.notEqual(errors, '0');

  // The submission file is still refused.
  assert.equal(await page.textContent('#btn-export'), '导出提交文件');
  await page.click('#btn-export');
  await page.waitForFunction(() => /不能导出/.test(document.querySelector('#notice')?.textContent ?? ''));

  // The draft file is not.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-save-draft-file')]);
  assert.equal(download.suggestedFilename(), '103001001-2021-draft.json');
  await page.waitForFunction(() => /已保存草稿文件/.test(document.querySelector('#notice')?.textContent ?? ''));
  const notice = await text(page, '#notice');
  assert.match(notice, new RegExp(`含 ${errors} 个错误，不能作为提交文件`));
  const file = join(mkdtempSync(join(tmpdir(), 'budget-e2e-')), download.suggestedFilename());
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.draft, true);
  assert.equal(json.inputs.rows[0].this_year, BAD);
  assert.equal(String(json.report.errors), errors);
  await context.close();

  // A fresh page (empty storage): opening the draft file brings everything back.
  const fresh = await openApp(browser, server.url);
  await fresh.page.setInputFiles('#import-file', file);
  await fresh.page.waitForFunction(
    () => document.querySelector('#replace-dialog') !== null || /草稿文件/.test(document.querySelector('#notice')?.textContent ?? ''),
  );
  if ((await fresh.page.locator('#replace-dialog').count()) > 0) await fresh.page.click('#btn-discard');
  await fresh.page.waitForFunction(() => /已打开草稿文件/.test(document.querySelector('#notice')?.textContent ?? ''));
  assert.match(await text(fresh.page, '#notice'), /不是提交文件/);
  await fresh.page.waitForSelector(CELL);
  assert.equal(await fresh.page.inputValue(CELL), BAD);
  assert.equal(await fresh.page.getAttribute(CELL, 'aria-invalid'), 'true');
  assert.match(await text(fresh.page, `${CELL}-msg`), /不是有效的金额/);
  assert.equal(await text(fresh.page, '#sum-errors'), errors);
  await fresh.context.close();
});
