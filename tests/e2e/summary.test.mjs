// `budget-check check --html REPORT.html` (issue 25): the generated page opens
// in Chromium from the file system, shows one row per file with its figures,
// and sorts by any column. Needs only the CLI (built here with cargo, or given
// as BUDGET_CHECK), not the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, newPage } from './harness.mjs';

/** Run budget-check with `args`; the binary is built first unless BUDGET_CHECK names one. */
function budgetCheck(args) {
  const [cmd, pre] = process.env.BUDGET_CHECK
    ? [process.env.BUDGET_CHECK, []]
    : ['cargo', ['run', '-q', '-p', 'budget-check', '--']];
  const run = spawnSync(cmd, [...pre, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.error) throw run.error;
  return run;
}

const FILES = [
  'fixtures/units/dadukou-2021-office.json',
  'fixtures/units/dadukou-2021-center.json',
  'fixtures/dadukou-2021.json',
  'fixtures/bad/duplicate-rows.inputs.json',
  'fixtures/bad/bad-amounts.json',
  'fixtures/bad/empty.json',
];

let browser;
let report;
before(async () => {
  report = join(mkdtempSync(join(tmpdir(), 'summary-')), 'report.html');
  const run = budgetCheck(['check', '--html', report, ...FILES]);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stdout, /：6 个文件，3 个通过，2 个有错误，1 个无法读取/);
  browser = await launch();
});
after(() => browser?.close());

/** The body rows as { file, unit, spending, errors, result } in page order. */
const rows = (page) =>
  page.$$eval('#summary tbody tr', (trs) =>
    trs.map((tr) => {
      const c = [...tr.cells].map((td) => td.textContent);
      return { file: c[0], unit: c[1], template: c[3], spending: c[5], errors: c[7], result: c[9] };
    }));

test('the summary page shows a row per file and sorts by any column', async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(pathToFileURL(report).href);
  await page.waitForSelector('#summary tbody tr');
  assert.equal(await page.title(), '预算填报文件审核汇总（6 个文件）');
  let shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.file), FILES);
  assert.deepEqual(shown[1], {
    file: 'fixtures/units/dadukou-2021-center.json',
    unit: '大渡口区政府信息公开服务中心',
    template: '重庆市2021',
    spending: '416,470.79',
    errors: '0',
    result: '通过',
  });
  assert.equal(shown[4].errors, '6');
  assert.equal(shown[4].result, '有错误：含不符合格式的值');
  assert.match(shown[5].result, /^无法读取：文件为空/);
  const foot = await page.$eval('#summary tfoot tr', (tr) => [...tr.cells].map((td) => td.textContent));
  assert.equal(foot[0], '合计（6 个文件）');
  // 11,489,926.27 + 416,470.79 + 11,906,397.06 + 150.00
  assert.equal(foot[5], '23,812,944.12');

  // 支出合计 ascending: the files that could not be read first, then by amount.
  const spending = page.locator('#summary thead th', { hasText: '支出合计' });
  await spending.click();
  await page.waitForSelector('#summary thead th[aria-sort="ascending"]');
  shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.spending), [
    '', '', '150.00', '416,470.79', '11,489,926.27', '11,906,397.06',
  ]);
  await spending.click();
  await page.waitForSelector('#summary thead th[aria-sort="descending"]');
  shown = await rows(page);
  assert.equal(shown[0].spending, '11,906,397.06');
  assert.equal(shown[0].file, 'fixtures/dadukou-2021.json');

  // 错误 descending: the file with six bad values first.
  const errorsHeader = page.locator('#summary thead th', { hasText: '错误' });
  await errorsHeader.click();
  await errorsHeader.click();
  await page.waitForFunction(() =>
    document.querySelector('#summary thead th:nth-child(8)').getAttribute('aria-sort') === 'descending');
  shown = await rows(page);
  assert.equal(shown[0].file, 'fixtures/bad/bad-amounts.json');
  // The totals stay under the table, whatever the order.
  assert.equal(await page.$eval('#summary tfoot td', (td) => td.textContent), '合计（6 个文件）');

  // Each file's findings are on the page, escaped as text.
  const details = await page.$$eval('details', (ds) => ds.map((d) => d.textContent));
  assert.equal(details.length, 6);
  assert.ok(details[3].includes('ROW-001'), details[3]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page holds everything it shows: no file or network fetched', () => {
  const html = readFileSync(report, 'utf8');
  for (const outside of ['src=', 'href=', '@import', 'url(']) {
    assert.ok(!html.includes(outside), outside);
  }
});
