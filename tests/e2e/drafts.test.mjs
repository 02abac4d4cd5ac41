// Drafts in the browser (issue 28): an edit is saved within 100 ms, a tab that
// died never locks its own draft, one tab edits at a time (Web Locks), and
// named drafts: nothing is replaced silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launch, openApp, loadSample, waitForDraft } from './harness.mjs';

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
// The amount cell of the sample's first row (rows[0]).
const CELL = '#f-rows-0-this_year';

/** A new page in `context`, mounted. */
async function open(context, path = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + path);
  await page.waitForSelector('#sum-income');
  return { page, errors };
}

/** Kill the page's renderer (as a crash does: no pagehide, no unload). */
async function crash(context, page) {
  const cdp = await context.newCDPSession(page);
  const crashed = new Promise((ok) => page.once('crash', ok));
  cdp.send('Page.crash').catch(() => {});
  await crashed;
}

const later = (ms) => new Promise((ok) => setTimeout(ok, ms));

test('typing, then the tab crashes 150 ms later: reopened at once, the edit is there and the form editable', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, '1');
  await waitForDraft(page, (d) => d.inputs.rows[0].this_year === '1');
  // The clerk types and the tab dies 150 ms later.
  await page.fill(CELL, '2468');
  await later(150);
  await crash(context, page);

  const { page: again, errors } = await open(context);
  assert.equal(await again.inputValue(CELL), '2468');
  // Its own lock died with it: no 只读 banner, the form takes edits and saves them.
  assert.equal(await again.locator('#tab-banner').count(), 0);
  assert.equal(await again.locator('.layout[inert]').count(), 0);
  await again.fill(CELL, '1357');
  await waitForDraft(again, (d) => d.inputs.rows[0].this_year === '1357');
  assert.equal(await again.locator('#tab-banner').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing, then the tab is closed 150 ms later without unload handlers: the edit is there', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-unit');
  await page.fill('#f-unit-name', '关闭前的名称');
  await later(150);
  await page.close({ runBeforeUnload: false });
  const { page: again } = await open(context);
  await again.click('#tab-unit');
  assert.equal(await again.inputValue('#f-unit-name'), '关闭前的名称');
  assert.equal(await again.locator('#tab-banner').count(), 0);
  await context.close();
});

test('two tabs: the second is read-only; when the first closes, the second edits', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const first = await open(context);
  await loadSample(first.page);
  const second = await open(context);
  await second.page.waitForSelector('#tab-banner');
  assert.match(await text(second.page, '#tab-banner'), /此草稿已在另一个标签页中打开/);
  assert.equal(await second.page.locator('.layout[inert]').count(), 1);
  // The first tab's edit, shown in the second.
  await first.page.fill(CELL, '4321');
  await second.page.waitForFunction((sel) => document.querySelector(sel)?.value === '4321', CELL);
  await first.page.close();
  // The lock passes to the second tab: editable, and its edits are saved.
  await second.page.waitForSelector('#tab-banner', { state: 'detached' });
  assert.equal(await second.page.locator('.layout[inert]').count(), 0);
  await second.page.fill(CELL, '8765');
  await waitForDraft(second.page, (d) => d.inputs.rows[0].this_year === '8765');
  assert.deepEqual(first.errors, []);
  assert.deepEqual(second.errors, []);
  await context.close();
});

test('a tab whose page hangs loses the lock to 在此标签页继续编辑', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const first = await open(context);
  await loadSample(first.page);
  await first.page.fill(CELL, '111');
  await waitForDraft(first.page, (d) => d.inputs.rows[0].this_year === '111');
  const second = await open(context);
  await second.page.waitForSelector('#tab-banner');
  // The first tab's page is stuck for 4 s (a long task): it cannot answer.
  await first.page.evaluate(() => {
    setTimeout(() => {
      const end = Date.now() + 4000;
      while (Date.now() < end);
    }, 0);
  });
  await second.page.click('#btn-take-over');
  await second.page.waitForSelector('#tab-banner', { state: 'detached' });
  await first.page.waitForSelector('#tab-banner');
  await second.page.fill(CELL, '222');
  await waitForDraft(second.page, (d) => d.inputs.rows[0].this_year === '222');
  await context.close();
});

test('loading the sample over a changed form asks; 保留 keeps it in the list, and it opens with its content', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-unit');
  await page.fill('#f-unit-name', '要保留的单位');
  await page.click('#tab-rows');
  await page.fill(CELL, '777');
  const kept = await waitForDraft(page, (d) => d.inputs.rows[0].this_year === '777');
  await page.click('#btn-sample');
  await page.waitForSelector('#replace-dialog');
  assert.match(await text(page, '#replace-dialog'), /当前表单尚未另存。/);
  assert.match(await text(page, '#replace-dialog'), /加载示例将替换当前填写的全部内容/);
  await page.click('#btn-keep-draft');
  await page.waitForSelector('#replace-dialog', { state: 'detached' });
  // The sample replaced the form; the notice names the kept draft.
  assert.equal(await page.inputValue(CELL), '6849169.92');
  assert.match(await text(page, '#notice'), /原表单已保留为草稿“要保留的单位 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d”/);

  await page.click('#btn-drafts');
  await page.waitForSelector('#drafts-dialog');
  const rows = await page.locator('#drafts-list tbody tr').allInnerTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /要保留的单位/);
  assert.match(rows[0], /\d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.match(rows[0], new RegExp(`\\s${kept.inputs.rows.length}\\s`));
  // The sample in the form is kept nowhere: opening the draft asks first.
  await page.click('#drafts-list .draft-open');
  await page.waitForSelector('#replace-dialog');
  assert.match(await text(page, '#replace-dialog'), /打开草稿“要保留的单位/);
  await page.click('#btn-discard');
  await page.waitForFunction((sel) => document.querySelector(sel)?.value === '777', CELL);
  await page.click('#tab-unit');
  assert.equal(await page.inputValue('#f-unit-name'), '要保留的单位');
  assert.match(await text(page, '#notice'), /已打开草稿“要保留的单位/);
  // Opened from the list and unchanged: 新建 replaces it without asking.
  await page.click('#btn-new');
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '0.00');
  assert.equal(await page.locator('#replace-dialog').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('新建 over a changed form asks; 不保留 replaces it, 取消 keeps it', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, '1');
  await page.click('#btn-new');
  await page.waitForSelector('#replace-dialog');
  assert.match(await text(page, '#replace-dialog'), /新建将清空当前填写的全部内容/);
  await page.click('#btn-cancel-replace');
  await page.waitForSelector('#replace-dialog', { state: 'detached' });
  assert.equal(await page.inputValue(CELL), '1');
  await page.click('#btn-new');
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-discard');
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '0.00');
  // Nothing was kept.
  await page.click('#btn-drafts');
  await page.waitForSelector('#drafts-empty');
  await context.close();
});

test('保存为草稿, then rename and delete (with confirmation) in 草稿列表', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#btn-save-draft');
  await page.waitForFunction(() => /已保存为草稿“重庆市大渡口区人民政府办公室 /.test(document.querySelector('#notice')?.textContent ?? ''));
  // Saved as a named draft and unchanged: loading the sample asks nothing.
  await loadSample(page);
  assert.equal(await page.locator('#replace-dialog').count(), 0);
  await page.click('#btn-drafts');
  await page.waitForSelector('#drafts-list');
  await page.click('#drafts-list .draft-rename');
  await page.fill('#drafts-list .draft-name-input', '第一稿');
  await page.press('#drafts-list .draft-name-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('#drafts-list .draft-name')?.textContent === '第一稿');
  // Delete asks to confirm; 取消 keeps it.
  await page.click('#drafts-list .draft-delete');
  assert.match(await text(page, '#drafts-list'), /删除此草稿？/);
  await page.click('#drafts-list .draft-delete-cancel');
  assert.equal(await page.locator('#drafts-list tbody tr').count(), 1);
  await page.click('#drafts-list .draft-delete');
  await page.click('#drafts-list .draft-delete-ok');
  await page.waitForSelector('#drafts-empty');
  // Its head is gone, and no piece is left that no head lists.
  const left = await page.evaluate(() => {
    const heads = Object.keys(localStorage).filter((k) => k === 'budget-form.draft.v1' || k.startsWith('budget-form.drafts.item.'));
    const listed = new Set(heads.flatMap((k) => JSON.parse(localStorage.getItem(k)).pieces));
    const pieces = Object.keys(localStorage).filter((k) => k.startsWith('budget-form.draft.piece.')).map((k) => k.slice('budget-form.draft.piece.'.length));
    return { heads: heads.length, unlisted: pieces.filter((p) => !listed.has(p)) };
  });
  assert.deepEqual(left, { heads: 1, unlisted: [] });
  await page.click('#drafts-close');
  await page.waitForSelector('#drafts-dialog', { state: 'detached' });
  await context.close();
});

test('a full storage: keeping the form as a draft says so and replaces nothing', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, '9');
  await page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (String(k).startsWith('budget-form.drafts.')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
  await page.click('#btn-new');
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-keep-draft');
  await page.waitForSelector('#replace-error');
  assert.match(await text(page, '#replace-error'), /未能保存为草稿：浏览器存储空间已满或不可写/);
  assert.equal(await page.inputValue(CELL), '9', 'nothing replaced');
  await page.click('#btn-cancel-replace');
  await page.click('#btn-save-draft');
  await page.waitForSelector('#notice.error');
  assert.match(await text(page, '#notice'), /未能保存为草稿：浏览器存储空间已满或不可写/);
  await context.close();
});

test('a version 1 draft saved whole still opens, and is then saved in pieces', async () => {
  const sample = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'dadukou-2021.json'), 'utf8'));
  const whole = JSON.stringify({ format: 'budget-form-draft', version: 1, saved_at: '2026-01-01T00:00:00Z', inputs: sample });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript((whole) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('budget-form.draft.v1', whole);
    }
  }, whole);
  const { page, errors } = await open(context);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  await page.fill(CELL, '5');
  await waitForDraft(page, (d) => d.inputs.rows[0].this_year === '5');
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('budget-form.draft.v1'))).version, 2);
  assert.deepEqual(errors, []);
  await context.close();
});
