// The fresh-form walk of issue 28, at an office laptop's 1366×768: 新建 →
// 单位信息 → 预算明细 rows by the code picker and by a paste with its header →
// 经济分类 the same way → 整体绩效指标 typed into the blank row → 0 errors →
// 导出提交文件 gives a submission file. One test, as a clerk goes through it.
// Serves dist/ (run `trunk build --release --features test-hooks` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp, paste } from './harness.mjs';

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
const value = (page, id) => page.inputValue(`#${id}`);

/** Waits until the cell `id` has the focus (a row made from the blank row is rendered a moment later). */
const focusOn = (page, id) => page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 5000 }).catch(async (e) => { throw new Error(`focus on ${await page.evaluate(() => document.activeElement?.id)}, not ${id}: ${e.message}`); });

/** Press `key`, then wait until the focus is on `id`. */
async function press(page, key, id) {
  await page.keyboard.press(key);
  await focusOn(page, id);
}

// Last year's 表2 as the clerk copies it from the bureau's sheet: header,
// 合计, 类 and 款 lines, 千分位, a 项 with 项目支出 only.
const TABLE2 = [
  '科目编码\t科目名称\t2024年预算数\t小计\t基本支出\t项目支出',
  '合计\t\t560,000.00\t700,000.00\t200,000.00\t500,000.00',
  '205\t教育支出\t380,000.00\t500,000.00\t\t500,000.00',
  '2050102\t一般行政管理事务\t380,000.00\t500,000.00\t\t500,000.00',
  '208\t社会保障和就业支出\t110,000.00\t120,000.00\t120,000.00\t',
  '2080505\t机关事业单位基本养老保险缴费支出\t110,000.00\t120,000.00\t120,000.00\t',
  '2210201\t住房公积金\t70,000.00\t80,000.00\t80,000.00\t',
].join('\r\n') + '\r\n';

// 表3 as copied: header, 类 lines, 人员经费/公用经费 beside 合计.
const TABLE3 = [
  '科目编码\t科目名称\t合计\t人员经费\t公用经费',
  '301\t工资福利支出\t1,100,000.00\t1,100,000.00\t',
  '30101\t基本工资\t900,000.00\t900,000.00\t',
  '30108\t机关事业单位基本养老保险缴费\t120,000.00\t120,000.00\t',
  '30113\t住房公积金\t80,000.00\t80,000.00\t',
].join('\r\n') + '\r\n';

test('a fresh form: 新建, rows by picker and by paste with headers, 0 errors, 导出提交文件 gives a submission file (1366×768)', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1366, height: 768 } });
  await page.click('#btn-new');
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '0.00');

  // 单位信息.
  await page.click('#tab-unit');
  await page.fill('#f-unit-name', '某区教育局');
  await page.fill('#f-unit-short_name', '区教育局');
  await page.fill('#f-unit-code', '205001');
  await page.fill('#f-unit-fiscal_year', '2025');
  await page.fill('#f-unit-contact_phone', '023-68800000');

  // 预算明细: the first row by the code picker, in the blank row of the empty grid.
  await page.click('#tab-rows');
  await page.click('#grid-rows-new-0');
  await page.keyboard.type('教育行政运行');
  const pick = page.locator('#grid-rows-new-0-picker');
  await pick.locator('li.hi').waitFor();
  assert.match(await pick.locator('li.hi').innerText(), /^2050101\s+行政运行/);
  // The list fits in the window under the cell.
  const box = await pick.evaluate((ul) => ul.parentElement.getBoundingClientRect().toJSON());
  assert.ok(box.bottom <= 768 && box.right <= 1366 && box.top >= 0, JSON.stringify(box));
  await press(page, 'Tab', 'grid-rows-0-1');
  assert.equal(await value(page, 'f-rows-0-code'), '2050101');
  await press(page, 'Tab', 'f-rows-0-source');
  await press(page, 'Tab', 'f-rows-0-kind');
  await press(page, 'Tab', 'f-rows-0-this_year');
  await page.keyboard.type('1150000');
  await press(page, 'Tab', 'f-rows-0-last_year');
  await page.keyboard.type('1200000');
  // Enter goes down to the blank row, where last year's sheet is pasted with
  // its header: whole rows, whichever cell of the row is selected.
  await press(page, 'Enter', 'grid-rows-new-5');
  await paste(page, TABLE2);
  assert.match(await text(page, '#grid-rows-status'), /按表头对应列.*新增 3 行，跳过 2 行类\/款小计，跳过 1 行合计/);
  const rows = await page.evaluate(() =>
    [0, 1, 2, 3].map((r) => ['code', 'source', 'kind', 'this_year', 'last_year'].map((k) => document.querySelector(`#f-rows-${r}-${k}`)?.value).join(' ')),
  );
  assert.deepEqual(rows, [
    '2050101 一般公共预算 基本支出 1150000 1200000',
    '2050102 一般公共预算 项目支出 500,000.00 380,000.00',
    '2080505 一般公共预算 基本支出 120,000.00 110,000.00',
    '2210201 一般公共预算 基本支出 80,000.00 70,000.00',
  ]);
  assert.equal(await text(page, '#sum-income'), '1,850,000.00');

  // 经济分类: 表3 pasted with its header, then 办公费 by the picker.
  await page.click('#tab-economic');
  await page.click('#grid-economic-new-0');
  await paste(page, TABLE3);
  assert.match(await text(page, '#grid-economic-status'), /按表头对应列（科目编码→经济分类编码、合计→本年基本支出）.*新增 3 行，跳过 1 行类\/款小计/);
  await page.click('#grid-economic-new-0');
  await page.keyboard.type('办公费');
  await page.locator('#grid-economic-new-0-picker li.hi').waitFor();
  await press(page, 'Tab', 'grid-economic-3-1');
  assert.equal(await value(page, 'f-economic_rows-3-code'), '30201');
  await press(page, 'Tab', 'f-economic_rows-3-amount');
  await page.keyboard.type('250000');
  await press(page, 'Enter', 'grid-economic-new-2');

  // 整体绩效指标: one indicator typed into the blank row.
  await page.click('#tab-overall');
  await page.click('#grid-overall-new-0');
  await page.keyboard.type('义务教育巩固率');
  await press(page, 'Tab', 'f-overall_performance-indicators-0-weight');
  await page.keyboard.type('100');
  await press(page, 'Tab', 'f-overall_performance-indicators-0-unit');
  await page.keyboard.type('%');
  await press(page, 'Tab', 'f-overall_performance-indicators-0-operator');
  await press(page, 'Tab', 'f-overall_performance-indicators-0-value');
  await page.keyboard.type('99');
  await press(page, 'Enter', 'grid-overall-new-4');

  // 0 errors: the submission file is given.
  await page.waitForFunction(() => document.querySelector('#sum-errors')?.textContent === '0');
  assert.match(await text(page, '#checks-live'), /错误 0 项/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-export')]);
  assert.doesNotMatch(download.suggestedFilename(), /draft/);
  const file = join(mkdtempSync(join(tmpdir(), 'budget-walk-')), download.suggestedFilename());
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.notEqual(json.draft, true);
  assert.equal(json.inputs.unit.name, '某区教育局');
  assert.equal(json.inputs.unit.fiscal_year, 2025);
  assert.deepEqual(
    json.inputs.rows.map((r) => [r.code, r.kind, r.this_year]),
    [
      ['2050101', 'basic', '1150000.00'],
      ['2050102', 'project', '500000.00'],
      ['2080505', 'basic', '120000.00'],
      ['2210201', 'basic', '80000.00'],
    ],
  );
  assert.equal(json.inputs.economic_rows.length, 4);
  assert.equal(String(json.report.errors), '0');
  assert.deepEqual(errors, []);
  await context.close();
});
