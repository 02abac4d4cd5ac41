// End-to-end tests of 万元 (issue 24) and two of issue 28's points, in real
// Chromium: the tables' 元 / 万元 switch (figures that add up, moved cells
// marked, the note under each table, exactly the golden 万元 files that the
// CLI and the XLSX export are checked against in crates/budget-check/tests),
// the print view in 万元, a 万元 input refused at 3 decimals, 机关运行经费's
// usual value taken by one click, and 三公's column order.
// Serves dist/ (run `trunk build --release --features test-hooks` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, loadSample } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'fixtures/golden/dadukou-2021/wan');
const SHOTS = process.env.BUDGET_SHOTS;

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

/** A golden 万元 file: its unit line, note lines and body lines (`kind: a | b*`). */
function golden(file) {
  const lines = readFileSync(join(GOLDEN, file), 'utf8').split('\n');
  const field = (name) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  // A row starts with its kind; a cell's text may go on over further lines.
  const body = [];
  for (const l of lines.slice(0, lines.at(-1) === '' ? -1 : undefined)) {
    if (/^(total|group|subgroup|detail): /.test(l)) body.push(l.slice(l.indexOf(': ') + 2));
    else if (body.length > 0) body[body.length - 1] += `\n${l}`;
  }
  return { id: field('id'), unit: field('unit'), note: field('note'), body };
}

/**
 * Body rows of the table under `root` as the golden files write them: each
 * cell's text (`~` when blank) with `*` after a cell marked as moved by 舍位平衡.
 */
function bodyRows(page, root) {
  return page.evaluate((root) => {
    const rows = [...document.querySelectorAll(`${root} tbody tr`)];
    return rows.map((tr) =>
      [...tr.children]
        .map((td) => {
          const t = td.textContent.trim() || '~';
          return td.classList.contains('wan-adjusted') ? `${t}*` : t;
        })
        .join(' | '),
    );
  }, root);
}

/** Cents of a printed 万元 figure (`1041.81` → 104181), 0 for a blank. */
const cents = (s) => (s === '' || s === '~' ? 0 : Math.round(Number(s.replace('*', '')) * 100));

async function tablesInWan(page) {
  await page.click('#tab-tables');
  await page.waitForSelector('#table-table3');
  await page.check('#table-unit-wan');
  await page.waitForFunction(() => document.querySelector('#table-table3 .tunit')?.textContent === '单位：万元');
}

test('元 / 万元 switch: every table in 万元 as the golden files, adding up, moved cells marked with the exact figure', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1366, height: 768 } });
  await loadSample(page);
  await page.click('#tab-tables');
  await page.waitForSelector('#table-table3');
  assert.equal(await text(page, '#table-table3 .tunit'), '单位：元');
  await tablesInWan(page);

  const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.txt'));
  assert.ok(files.length >= 11, `golden 万元 files: ${files.length}`);
  for (const file of files) {
    const g = golden(file);
    const root = `#table-${g.id}`;
    assert.equal(await text(page, `${root} .tunit`), g.unit, g.id);
    assert.deepEqual(await bodyRows(page, root), g.body, `${g.id}: the screen prints the golden 万元 figures`);
    if (g.note) {
      const notes = await page.locator(`${root} .tnote`).allTextContents();
      assert.equal(notes.join('\\n'), g.note, `${g.id} note`);
    }
  }

  // 表3 adds up as printed: the 合计 line is the sum of its 类 lines, and each
  // line's 合计 column the sum of 人员经费 and 公用经费.
  const t3 = await bodyRows(page, '#table-table3');
  const cells = t3.map((r) => r.split(' | '));
  const groups = await page.locator('#table-table3 tbody tr').evaluateAll((trs) => trs.map((tr) => tr.className));
  const total = cells[0];
  for (const col of [2, 3, 4]) {
    const sum = cells.filter((_, i) => groups[i] === 'r-group').reduce((s, r) => s + cents(r[col]), 0);
    assert.equal(sum, cents(total[col]), `表3 column ${col}`);
  }
  for (const r of cells) assert.equal(cents(r[3]) + cents(r[4]), cents(r[2]), r.join(' | '));

  // Moved cells are marked and say why, with the exact figure.
  const moved = page.locator('#table-table3 td.wan-adjusted');
  assert.equal(await moved.count(), 4);
  assert.match(
    await moved.first().getAttribute('title'),
    /^舍位平衡调整：精确值 116\.856 万元（1,168,560\.00 元），四舍五入为 116\.86，调为 116\.85$/,
  );
  assert.match(await text(page, '#table-table3 .tnote'), /并经舍位平衡调整：30102 津贴补贴（合计）由 116\.86 调为 116\.85/);
  // 表10 prints its 支出预算总量 as published.
  assert.match(await text(page, '#table-table10 tbody tr:first-child'), /1190\.64/);
  if (SHOTS) {
    await page.screenshot({ path: join(SHOTS, 'wan-tables.png') });
    await page.locator('#table-table3 .tunit').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'wan-table3.png') });
  }

  // Back to 元.
  await page.check('#table-unit-yuan');
  await page.waitForFunction(() => document.querySelector('#table-table3 .tunit')?.textContent === '单位：元');
  assert.equal(await page.locator('#table-table3 td.wan-adjusted').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('print in 万元: the same figures, marks and notes as the screen', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => {
    window.__printCalls = 0;
    window.print = () => {
      window.__printCalls += 1;
    };
  });
  await loadSample(page);
  await tablesInWan(page);
  const ids = await page.locator('.tables figure.dtable').evaluateAll((fs) => fs.map((f) => f.id.replace(/^table-/, '')));
  const screen = {};
  for (const id of ids) screen[id] = await bodyRows(page, `#table-${id}`);
  await page.click('#btn-print');
  await page.waitForSelector('#print-doc #print-table10');
  await page.waitForFunction(() => window.__printCalls === 1);
  assert.equal(await page.isChecked('#print-unit-wan'), true);
  for (const id of ids) {
    assert.deepEqual(await bodyRows(page, `#print-${id}`), screen[id], `print ${id}`);
  }
  assert.equal(await text(page, '#print-table3 .p-unit'), '单位：万元');
  assert.match(await page.locator('#print-table3 .p-note').last().textContent(), /舍位平衡调整/);
  // The print view's own switch goes back to 元, for print and screen alike.
  await page.check('#print-unit-yuan');
  await page.waitForFunction(() => document.querySelector('#print-table3 .p-unit')?.textContent === '单位：元');
  assert.equal(await page.isChecked('#table-unit-yuan'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('机关运行经费 in 万元: switching converts, 3 decimals are refused with a message and kept, 2 are taken', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-narrative');
  const field = '#f-narrative-running_cost_this_year';
  assert.equal(await page.inputValue(field), '2814100.00');
  await page.selectOption('#f-narrative-running_cost_unit', 'wan');
  await page.waitForFunction(() => document.querySelector('#f-narrative-running_cost_this_year')?.value === '281.41');
  assert.equal(await page.inputValue('#f-narrative-running_cost_last_year'), '348.51');
  assert.match(await page.locator(field).locator('xpath=..').innerText(), /万元/);
  assert.equal(await text(page, '#sum-errors'), '0');

  await page.fill(field, '281.415');
  assert.equal(await page.getAttribute(field, 'aria-invalid'), 'true');
  assert.match(await text(page, `${field}-msg`), /“281\.415”的小数超过 2 位：以万元填写的金额按公开数填写，最多 2 位小数/);
  assert.equal(await page.inputValue(field), '281.415');
  assert.equal(await text(page, '#sum-errors'), '1');
  assert.match(await text(page, '#checks-live'), /AMT-001[\s\S]*以万元填写/);

  await page.fill(field, '281.41');
  assert.equal(await page.getAttribute(field, 'aria-invalid'), null);
  assert.equal(await text(page, '#sum-errors'), '0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('三公 in 万元 and its columns: 本年 before 上年, like every other section', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1366, height: 768 } });
  await loadSample(page);
  await page.click('#tab-sangong');
  await page.waitForSelector('#f-sangong-this_year-reception');
  const heads = await page.locator('#f-sangong-unit').locator('xpath=../following-sibling::table[1]//thead//th').allInnerTexts();
  assert.deepEqual(heads, ['项目', '本年预算数（元）', '上年预算数（元）']);
  const order = await page
    .locator('#f-sangong-this_year-vehicle_operation')
    .locator('xpath=ancestor::tr')
    .evaluate((tr) => [...tr.querySelectorAll('input')].map((i) => i.id));
  assert.deepEqual(order, ['f-sangong-this_year-vehicle_operation', 'f-sangong-last_year-vehicle_operation']);
  assert.equal(await page.inputValue('#f-sangong-this_year-vehicle_operation'), '323400.00');
  assert.equal(await page.inputValue('#f-sangong-last_year-vehicle_operation'), '446300.00');

  // In 万元 the figures convert and the total stays the same.
  await page.selectOption('#f-sangong-unit', 'wan');
  await page.waitForFunction(() => document.querySelector('#f-sangong-this_year-vehicle_operation')?.value === '32.34');
  assert.deepEqual(
    await page.locator('#f-sangong-unit').locator('xpath=../following-sibling::table[1]//thead//th').allInnerTexts(),
    ['项目', '本年预算数（万元）', '上年预算数（万元）'],
  );
  assert.equal(await text(page, '#sum-sangong'), '383,000.00');
  await page.fill('#f-sangong-this_year-reception', '5.961');
  assert.match(await text(page, '#f-sangong-this_year-reception-msg'), /小数超过 2 位：以万元填写/);
  await page.fill('#f-sangong-this_year-reception', '5.96');
  assert.equal(await text(page, '#sum-errors'), '0');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'wan-sangong.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('机关运行经费 offers its usual value with how it was computed; one click takes it, nothing is filled by itself', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-narrative');
  const field = '#f-narrative-running_cost_this_year';
  await page.waitForSelector('#running-cost-suggestion');
  const offer = await text(page, '#running-cost-suggestion');
  assert.match(offer, /本年机关运行经费通常为 2,994,115\.90 元/);
  assert.match(offer, /按表3一般公共预算财政拨款基本支出中的公用经费计算：302 商品和服务支出 2,814,115\.90 元 \+ 310 资本性支出 180,000\.00 元 = 2,994,115\.90 元/);
  assert.equal(await page.inputValue(field), '2814100.00', 'not filled by itself');
  await page.click('#btn-running-cost-take');
  await page.waitForFunction(() => document.querySelector('#f-narrative-running_cost_this_year')?.value === '2994115.90');
  await page.waitForSelector('#running-cost-suggestion', { state: 'detached' });
  // In 万元 the offer is in 万元 too; undo brings the figure back.
  await page.click('#btn-undo');
  await page.waitForFunction(() => document.querySelector('#f-narrative-running_cost_this_year')?.value === '2814100.00');
  await page.selectOption('#f-narrative-running_cost_unit', 'wan');
  await page.waitForFunction(() => /通常为 299\.41 万元/.test(document.querySelector('#running-cost-suggestion')?.textContent ?? ''));
  await page.click('#btn-running-cost-take');
  await page.waitForFunction(() => document.querySelector('#f-narrative-running_cost_this_year')?.value === '299.41');
  assert.deepEqual(errors, []);
  await context.close();
});
