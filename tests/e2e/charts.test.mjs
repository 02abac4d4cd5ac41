// The 图表 tab (src/sections/charts.rs): the sample's figures in 万元, each
// chart named for screen readers with its figures as a table, a live edit,
// and the 图表 page of the print view.
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

/** The hidden figures table of a chart: one array of cell texts per body row. */
const figures = (page, id) =>
  page.$$eval(`#${id} table.chart-data tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

/** The drawn labels (<text>) of a chart, in document order. */
const drawn = (page, id) => page.$$eval(`#${id} svg text`, (ts) => ts.map((t) => t.textContent));

test('the charts show the sample in 万元, named and with their figures as tables', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-charts');
  await page.waitForSelector('#chart-class');

  // 支出 by 类, largest first: the 情况说明's figures (fixtures/golden/dadukou-2021/narrative.txt).
  assert.deepEqual(await figures(page, 'chart-class'), [
    ['201 一般公共服务支出', '979.48'],
    ['208 社会保障和就业支出', '130.16'],
    ['221 住房保障支出', '41.55'],
    ['210 卫生健康支出', '39.45'],
  ]);
  const classes = await drawn(page, 'chart-class');
  assert.ok(classes.includes('979.48') && classes.includes('201 一般公共服务支出'));
  // The longest bar is 979.48, the others in proportion.
  const widths = await page.$$eval('#chart-class rect', (rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.ok(widths[0] > widths[1] && widths[1] > widths[2] && widths[2] > widths[3], String(widths));
  assert.ok(Math.abs(widths[1] / widths[0] - 130.16 / 979.48) < 0.002, String(widths));

  // 基本 10,418,097.06 / 项目 1,488,300.00; 人员 / 公用 from 表3.
  assert.deepEqual(await figures(page, 'chart-kind'), [
    ['基本支出', '1041.81', '87.5%'],
    ['项目支出', '148.83', '12.5%'],
  ]);
  assert.deepEqual(await figures(page, 'chart-cost'), [
    ['人员经费', '742.4', '71.3%'],
    ['公用经费', '299.41', '28.7%'],
  ]);
  // This year against last by 类; the changes add up to the narrative's 减少285.44万元.
  const years = await figures(page, 'chart-years');
  assert.deepEqual(years[0], ['201 一般公共服务支出', '979.48', '1255.74', '-276.26']);
  assert.equal(years.length, 4);
  // 三公 (表4 and the narrative): 38.3 this year, 52.09 last.
  assert.deepEqual(await figures(page, 'chart-sangong'), [
    ['因公出国（境）费', '0', '0', '0'],
    ['公务用车购置费', '0', '0', '0'],
    ['公务用车运行维护费', '32.34', '44.63', '-12.29'],
    ['公务接待费', '5.96', '7.46', '-1.5'],
  ]);
  assert.deepEqual(await figures(page, 'chart-income'), [['一般公共预算拨款', '1190.64']]);

  // Each chart: an image named by its own title and description.
  const named = await page.$$eval('#sec-charts svg[role="img"]', (svgs) =>
    svgs.map((s) => {
      const ids = s.getAttribute('aria-labelledby').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '');
    }),
  );
  assert.equal(named.length, 6);
  for (const [title, desc] of named) {
    assert.ok(title.length > 0, 'a title');
    assert.match(desc, /^单位：万元。/);
  }
  assert.match(named[0][1], /201 一般公共服务支出979\.48万元/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the charts follow an edit, and follow it live while they are shown', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-sangong');
  await page.fill('#f-sangong-this_year-reception', '79600');
  await page.click('#tab-charts');
  await page.waitForSelector('#chart-sangong');
  assert.deepEqual((await figures(page, 'chart-sangong'))[3], ['公务接待费', '7.96', '7.46', '+0.5']);
  // Undo (Ctrl+Z, or the 撤销 button) with the charts on screen: they redraw at once.
  await page.click('#btn-undo');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#chart-sangong table.chart-data tbody tr')].at(-1)?.textContent.includes('5.96'),
  );
  assert.deepEqual((await figures(page, 'chart-sangong'))[3], ['公务接待费', '5.96', '7.46', '-1.5']);
  assert.ok((await drawn(page, 'chart-sangong')).includes('5.96'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the print view ends with the 图表 page', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.click('#btn-print');
  await page.waitForSelector('#print-charts');
  const last = await page.$$eval('#print-doc .p-sheet', (s) => s.at(-1).id);
  assert.equal(last, 'print-charts');
  assert.deepEqual(await figures(page, 'print-chart-income'), [['一般公共预算拨款', '1190.64']]);
  await context.close();
});
