// End-to-end tests of templates (issue 22), in real Chromium: the second
// sample (上海普陀区财政局 2025) loads with its 9 tables and its text; a form
// switched between the two templates in 单位信息 shows each layout, keeps
// every input across the switch (what one template does not show comes back
// when switching back), and the switch is one step of the form's undo.
// Serves dist/ (run `trunk build --release --features test-hooks` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, loadSample } from './harness.mjs';

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

/** Load the 上海 sample (answering the replace question if it is asked). */
async function loadShanghai(page) {
  await loadSample(page, { button: '#btn-sample-shanghai' });
  await page.waitForFunction(() => /上海市普陀区财政局/.test(document.querySelector('#notice')?.textContent ?? ''));
  await page.waitForFunction(() => /31,214,205\.80/.test(document.querySelector('#sum-income')?.textContent ?? ''));
}

const tableTitles = (page) => page.locator('.tables figure.dtable h3.ttitle').allInnerTexts();

test('the 上海 sample shows its 9 tables and its text, figure for figure', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadShanghai(page);
  await page.click('#tab-tables');
  await page.waitForSelector('#table-table9');
  const titles = await tableTitles(page);
  assert.deepEqual(titles, [
    '2025年部门财务收支预算总表',
    '2025年部门收入预算总表',
    '2025年部门支出预算总表',
    '2025年部门财政拨款收支预算总表',
    '2025年部门一般公共预算支出功能分类预算表',
    '2025年部门政府性基金预算支出功能分类预算表',
    '2025年部门国有资本经营预算支出功能分类预算表',
    '2025年部门一般公共预算基本支出部门预算经济分类预算表',
    '2025年部门“三公”经费和机关运行经费预算表',
  ]);
  // Codes printed 类/款/项 apart; the 合计 line last.
  const first = await page.locator('#table-table3 tbody tr').nth(2).locator('td').allInnerTexts();
  assert.deepEqual(first.slice(0, 4), ['201', '06', '01', '行政运行']);
  assert.match(await page.locator('#table-table3 tbody tr').last().innerText(), /^合计[\s\S]*31,214,205\.80[\s\S]*25,121,091\.00[\s\S]*6,093,114\.80/);
  // 表8 prints its zeros; 表9 is in 万元.
  assert.match(await page.locator('#table-table8 tbody tr').first().innerText(), /22,109,516\.00\s+22,109,516\.00\s+0\.00/);
  assert.equal(await page.locator('#table-table9 .tunit').innerText(), '单位：万元');
  assert.match(await page.locator('#table-table9 tbody').innerText(), /0\.95[\s\S]*229\.43/);
  // Its empty fund tables each carry their own note.
  assert.match(await page.locator('#table-table7').innerText(), /无国有资本经营预算财政拨款安排的预算/);
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  const report = await page.locator('article.report').innerText();
  assert.match(report, /职业年金缴费支出（项）”87\.36万元/);
  assert.match(report, /行政单位离退休（项）”87\.71万元/);
  assert.match(report, /比2024年预算增加107\.62万元/);
  // No error stands: the sample is a complete form.
  assert.doesNotMatch(await page.locator('#sum-errors').innerText(), /[1-9]/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching the template changes the layout and keeps every input', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadShanghai(page);
  await page.click('#tab-narrative');
  await page.waitForSelector('#disclosure-heading');
  const terms = await page.locator('[id^="f-disclosure-glossary-"][id$="-term"]').count();
  assert.equal(terms, 4);
  // To 重庆: 10 tables in its layout, the 上海 texts hidden but kept.
  await page.click('#tab-unit');
  await page.selectOption('#f-template', { label: '重庆市区县部门预算公开（2021年）' });
  await page.click('#tab-tables');
  await page.waitForSelector('#table-table10');
  const titles = await tableTitles(page);
  assert.equal(titles.length, 10);
  assert.equal(titles[0], '上海市普陀区财政局财政拨款收支总表');
  await page.click('#tab-narrative');
  assert.equal(await page.locator('#disclosure-heading').count(), 0);
  // Back to 上海: everything is still there.
  await page.click('#tab-unit');
  await page.selectOption('#f-template', { label: '上海市区级部门预算公开（2025年）' });
  await page.click('#tab-narrative');
  await page.waitForSelector('#disclosure-heading');
  assert.equal(await page.locator('[id^="f-disclosure-glossary-"][id$="-term"]').count(), 4);
  // The switch is a step of the form's undo.
  await page.click('#btn-undo');
  await page.click('#tab-tables');
  await page.waitForSelector('#table-table10');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 单位 document says 单位 in its titles and text', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadShanghai(page);
  await page.click('#tab-unit');
  await page.selectOption('#f-unit-document', { label: '单位（单位预算）' });
  await page.click('#tab-tables');
  await page.waitForSelector('#table-table1');
  const titles = await tableTitles(page);
  assert.equal(titles[0], '2025年单位财务收支预算总表');
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  assert.equal(await page.locator('h2.report-title').innerText(), '上海市普陀区财政局2025年单位预算');
  const headings = await page.locator('article.report h3').allInnerTexts();
  assert.ok(headings.includes('四、单位预算编制说明'), headings.join(' / '));
  assert.ok(headings.every((h) => !h.includes('部门')), headings.join(' / '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('公开说明: an edit shows in the 情况说明 at once, a list entry added and deleted is undone, a bad figure is explained', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadShanghai(page);
  await page.click('#tab-narrative');
  await page.waitForSelector('#disclosure-heading');
  // A 项's use, retyped: the text says it.
  const use = page.locator('#f-disclosure-purposes-2210203');
  await use.fill('职工购房补贴');
  await use.blur();
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  assert.match(await page.locator('article.report').innerText(), /购房补贴（项）”268\.78万元，主要用于职工购房补贴。/);
  // A unit added to 机构设置 counts in the text; deleting it, then 撤销, brings it back.
  await page.click('#tab-narrative');
  await page.click('#btn-add-member');
  const name = page.locator('#f-disclosure-members-1-name');
  await name.fill('信息中心');
  await name.blur();
  await page.selectOption('#f-disclosure-members-1-unit_type', { label: '事业' });
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  const report = await page.locator('article.report').innerText();
  assert.match(report, /包括财政局本部以及下属1家预算单位/);
  assert.match(report, /行政单位1家，事业单位1家/);
  await page.click('#tab-narrative');
  await page.click('text=删除第 2 个单位');
  assert.equal(await page.locator('#f-disclosure-members-1-name').count(), 0);
  await page.click('#btn-undo');
  await page.waitForSelector('#f-disclosure-members-1-name');
  assert.equal(await page.locator('#f-disclosure-members-1-name').inputValue(), '信息中心');
  // Last year's total in 万元 takes 2 decimals: a third is refused, the text kept and explained.
  const last = page.locator('#f-disclosure-last_year-fiscal');
  await last.fill('3013.805');
  await last.blur();
  assert.equal(await last.inputValue(), '3013.805');
  assert.equal(await last.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-disclosure-last_year-fiscal-msg').innerText(), /2 位小数/);
  assert.deepEqual(errors, []);
  await context.close();
});
