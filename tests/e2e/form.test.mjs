// Issue 28 points 8 and 9, as a clerk meets them: a form that is empty where
// it matters is an error, 表10 names the unit of 单位信息, an invalid amount is
// left out of the totals visibly; the project indicator table fits a 1366 px
// window, offers the usual 指标 and 项目类型, reads dates as clerks write them,
// and weights show as typed. (The axe-core audit is a11y.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, loadSample } from './harness.mjs';

const LAPTOP = { viewport: { width: 1366, height: 768 } };

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
const checks = (page) => text(page, '#checks-live');
const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg);

test('a new form without 单位名称 and 预算年度 shows both as errors by the fields; the checks list leads there; the 情况说明 prints no 0年', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  // The page opens on an empty form.
  await page.click('#tab-unit');
  await waitFor(page, () => /UNT-002/.test(document.querySelector('#unit-findings')?.textContent ?? ''));
  const listed = await text(page, '#unit-findings');
  assert.match(listed, /UNT-001 部门（单位）名称未填写/);
  assert.match(listed, /UNT-002 预算年度未填写：请填写 2000–2100 之间的年份/);
  assert.match(await page.getAttribute('#f-unit-name', 'class'), /flag-error/);
  assert.match(await page.getAttribute('#f-unit-fiscal_year', 'class'), /flag-error/);
  assert.equal(await text(page, '#sum-errors'), '2');

  // The 情况说明 says the year is missing instead of computing with 0.
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  await waitFor(page, () => document.querySelector('#sec-report .report-title') !== null);
  const report = await text(page, '#sec-report');
  assert.match(report, /（预算年度未填写）部门预算情况说明/);
  assert.match(report, /与上年持平/);
  assert.doesNotMatch(report, /(^|[^0-9])0年|-1年/);

  // The checks list leads to the field.
  await page.locator('#checks-live .finding-go', { hasText: 'UNT-001' }).click();
  await waitFor(page, () => document.activeElement?.id === 'f-unit-name');
  await page.keyboard.type('测试区教育局');
  await page.locator('#checks-live .finding-go', { hasText: 'UNT-002' }).click();
  await waitFor(page, () => document.activeElement?.id === 'f-unit-fiscal_year');
  await page.fill('#f-unit-fiscal_year', '1025');
  await waitFor(page, () => /预算年度 1025 不是有效的年份/.test(document.querySelector('#checks-live')?.textContent ?? ''));
  await page.fill('#f-unit-fiscal_year', '2025');
  await waitFor(page, () => document.querySelector('#sum-errors')?.textContent === '0');
  assert.doesNotMatch(await checks(page), /UNT-00/);
  // Only the (empty) contact phone's warning is left under the form.
  assert.doesNotMatch(await text(page, '#unit-findings'), /UNT-00/);

  await page.click('#tab-report');

  await page.waitForSelector('#sec-report .report-title');
  assert.match(await text(page, '#sec-report'), /测试区教育局2025年部门预算情况说明/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('表10 names the unit typed in 单位信息 until the clerk types another name for it', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  await page.click('#tab-unit');
  await page.fill('#f-unit-name', '测试区教育局');
  await page.click('#tab-overall');
  assert.equal(await page.inputValue('#f-overall_performance-unit_name'), '');
  assert.match(await text(page, '#table10-name-hint'), /表10 使用单位信息中的名称“测试区教育局”/);
  await page.click('#tab-tables');
  await waitFor(page, () => document.querySelector('#table-table10') !== null);
  assert.match(await text(page, '#table-table10'), /部门（单位）名称\s+测试区教育局/);

  await page.click('#tab-overall');
  await page.fill('#f-overall_performance-unit_name', '区教育局');
  assert.match(await text(page, '#table10-name-hint'), /表10 使用此处的名称；清空则使用单位信息中的“测试区教育局”/);
  await page.click('#tab-tables');
  assert.match(await text(page, '#table-table10'), /部门（单位）名称\s+区教育局/);
  assert.doesNotMatch(await text(page, '#table-table10'), /测试区教育局/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an amount that is not valid is left out of the totals, and the summary says so', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  await loadSample(page);
  assert.equal(await page.locator('#sum-invalid').count(), 0);
  await page.click('#tab-rows');
  const cell = '#f-rows-0-this_year';
  const typed = await page.inputValue(cell);
  await page.fill(cell, '6,849,16O.92');
  await waitFor(page, () => document.querySelector('#sum-invalid')?.textContent === '不含 1 个无效金额');
  // 收入合计 without row 1's 6,849,169.92: 11,906,397.06 − 6,849,169.92.
  assert.equal(await text(page, '#sum-income'), '5,057,227.14');
  assert.match(await checks(page), /AMT-001/);
  await page.click('#tab-sangong');
  await page.fill('#f-sangong-this_year-reception', '一万');
  await waitFor(page, () => document.querySelector('#sum-invalid')?.textContent === '不含 2 个无效金额');
  await page.fill('#f-sangong-this_year-reception', '');
  await page.click('#tab-rows');
  await page.fill(cell, typed);
  await page.waitForSelector('#sum-invalid', { state: 'detached' });
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the project indicator table fits a 1366 px window, and its 一级指标 stays in view when a narrower one scrolls', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  await loadSample(page);
  await page.click('#tab-projects');
  const grid = '#grid-projects-0-indicators';
  await page.waitForSelector(grid);
  const fits = () => page.$eval(grid, (g) => ({ scroll: g.scrollWidth, client: g.clientWidth }));
  const wide = await fits();
  assert.ok(wide.scroll <= wide.client, `sideways scroll at 1366 px: ${JSON.stringify(wide)}`);
  assert.ok(await page.$eval('body', (b) => b.scrollWidth <= window.innerWidth), 'the page scrolls sideways');

  // A narrower window: the grid scrolls, 一级指标 stays where it was.
  await page.setViewportSize({ width: 1200, height: 768 });
  const narrow = await fits();
  assert.ok(narrow.scroll > narrow.client, JSON.stringify(narrow));
  const first = '#f-projects-0-indicators-0-level1';
  const before = await page.$eval(first, (e) => e.getBoundingClientRect().left);
  await page.$eval(grid, (g) => { g.scrollLeft = g.scrollWidth; });
  await waitFor(page, (g) => document.querySelector(g).scrollLeft > 0, grid);
  const after = await page.$eval(first, (e) => e.getBoundingClientRect().left);
  assert.equal(after, before);
  assert.equal(await page.inputValue(first), '投入与目标管理');
  assert.deepEqual(errors, []);
  await context.close();
});

test('一级指标, 二级指标 and 项目类型 offer the usual values and still take any text', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  await loadSample(page);
  await page.click('#tab-projects');
  const options = (sel) =>
    page.$eval(sel, (input) => [...(input.list?.options ?? [])].map((o) => o.value));
  const level1 = '#f-projects-0-indicators-0-level1';
  await page.waitForSelector(level1);
  assert.deepEqual(await options(level1), ['产出指标', '效益指标', '满意度指标', '成本指标']);
  const level2 = await options('#f-projects-0-indicators-0-level2');
  for (const v of ['数量指标', '质量指标', '时效指标', '经济成本指标', '社会成本指标', '生态环境成本指标', '可持续影响指标', '服务对象满意度指标']) {
    assert.ok(level2.includes(v), `${v} in ${level2}`);
  }
  assert.ok((await options('#f-projects-0-project_type')).includes('一般性项目'));

  // The sample's own 指标 (a district's template) stay; a clerk's text is kept.
  assert.equal(await page.inputValue(level1), '投入与目标管理');
  await page.focus(level1);
  await page.keyboard.type('产出指标');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(level1), '产出指标');
  await page.fill('#f-projects-0-project_type', '信息化建设项目');
  assert.equal(await page.inputValue('#f-projects-0-project_type'), '信息化建设项目');
  assert.doesNotMatch(await checks(page), /PRJ-004/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('project dates read as 2021/3/1 and 2021年12月31日 too; a date that does not exist is named and kept as typed', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  await loadSample(page);
  await page.click('#tab-projects');
  const start = '#f-projects-0-start_date';
  const end = '#f-projects-0-end_date';
  await page.fill(start, '2021/3/1');
  await page.fill(end, '2021年12月31日');
  assert.doesNotMatch(await checks(page), /PRJ-002/);
  assert.equal(await text(page, '#sum-errors'), '0');

  await page.fill(start, '2021/13/1');
  await waitFor(page, () => /PRJ-002/.test(document.querySelector('#checks-live')?.textContent ?? ''));
  assert.match(await checks(page), /计划开始日期“2021\/13\/1”的月份 13 不存在（应为 1–12）/);
  assert.match(await page.getAttribute(start, 'class'), /flag-error/);
  assert.equal(await page.inputValue(start), '2021/13/1');
  await page.fill(start, '2021年7月1日');
  await page.fill(end, '2021/6/30');
  await waitFor(page, () => /计划开始日期 2021年7月1日 晚于计划完成日期 2021\/6\/30/.test(document.querySelector('#checks-live')?.textContent ?? ''));
  assert.deepEqual(errors, []);
  await context.close();
});

test('整体绩效指标 weights show as the clerk typed them', async () => {
  const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
  await loadSample(page);
  await page.click('#tab-overall');
  const weight = '#f-overall_performance-indicators-0-weight';
  await page.waitForSelector(weight);
  assert.equal(await page.inputValue(weight), '10');
  // No money display (it showed 10.00) over the input.
  assert.equal(await page.$eval(weight, (e) => e.closest('td').innerText.trim()), '');
  await page.fill(weight, '12.5');
  await page.locator('#grid-overall').press('Enter');
  assert.equal(await page.inputValue(weight), '12.5');
  await waitFor(page, () => /权重合计为 102.5/.test(document.querySelector('#checks-live')?.textContent ?? ''));
  assert.deepEqual(errors, []);
  await context.close();
});
