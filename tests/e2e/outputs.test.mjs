// End-to-end tests of the official outputs in real Chromium: the print view as a
// PDF (page count, titles and figures read back with pdftotext), the XLSX export
// from the XLSX worker (fetched only on first use), and the spreadsheet import
// preview (confirm replaces or appends rows; cancel changes nothing).
// Serves dist/ (run `trunk build --release` first); needs poppler-utils.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp, loadSample } from './harness.mjs';

let server;
let browser;
const tmp = mkdtempSync(join(tmpdir(), 'budget-outputs-'));
// Screenshots for a person to look at (not compared).
const SHOTS = process.env.BUDGET_SHOTS || tmp;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page, sel) => page.locator(sel).innerText();

/** Open the app with window.print() recorded instead of opening a dialog. */
async function openRecordingPrint() {
  const opened = await openApp(browser, server.url);
  await opened.page.evaluate(() => {
    window.__printCalls = 0;
    window.print = () => {
      window.__printCalls += 1;
      // Whether the worker's document and 图表 page were there to print.
      window.__printedDrawn = ['#print-narrative', '#print-table10', '#print-charts'].every((s) => document.querySelector(s) !== null);
    };
  });
  return opened;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.error, undefined, `${cmd} could not run (install poppler-utils): ${r.error}`);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('print view of the sample: a PDF with the narrative, every table on its own page, figures and page numbers', async () => {
  const { context, page, errors } = await openRecordingPrint();
  await loadSample(page);
  await page.click('#btn-print');
  await page.waitForSelector('#print-doc #print-table10');
  await page.waitForFunction(() => window.__printCalls === 1);
  assert.equal(await page.evaluate(() => window.__printedDrawn), true, 'print() once the document is drawn');
  // The editor is hidden behind the print layer.
  assert.equal(await page.locator('.app').isVisible(), false);
  const titles = await page.locator('#print-doc .p-title').allInnerTexts();
  assert.ok(titles.length >= 11, `tables in the print view: ${titles.length}`);
  for (const name of ['财政拨款收支总表', '一般公共预算财政拨款支出预算表', '政府性基金预算支出表', '部门收入总表', '部门支出总表']) {
    assert.ok(titles.some((t) => t === `重庆市大渡口区人民政府办公室${name}`), `title for ${name}: ${titles}`);
  }
  // 表10 is in 万元, the others in 元; 表5 is empty with its note.
  assert.equal(await text(page, '#print-table10 .p-unit'), '单位：万元');
  assert.equal(await text(page, '#print-table1 .p-unit'), '单位：元');
  assert.equal(await page.locator('#print-table5 tbody tr').count(), 0);
  assert.ok((await text(page, '#print-table5 .p-note')).length > 0);
  // Merged header cells come from the table model.
  assert.ok((await page.locator('#print-doc th[colspan]:not([colspan="1"])').count()) > 0);

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(SHOTS, 'print-view.png'), fullPage: false });
  const pdfPath = join(SHOTS, 'sample.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });

  const info = run('pdfinfo', [pdfPath]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const projects = await page.locator('#print-doc .p-sheet[id^="print-project"]').count();
  assert.ok(projects >= 1, 'a project form is printed');
  assert.ok(pages >= 12, `pages: ${pages}`);
  assert.ok(pages >= 11 + projects, `pages: ${pages} for 11 sheets and ${projects} project forms`);
  // Some pages are landscape (wide tables), the narrative is portrait.
  const sizes = run('pdfinfo', ['-f', '1', '-l', String(pages), pdfPath]);
  assert.match(sizes, /Page\s+1 size:\s+594\.\d+ x 841\.\d+/);
  assert.match(sizes, /size:\s+841\.\d+ x 594\.\d+/);

  const raw = run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
  const flat = raw.replace(/\s+/g, '');
  for (const t of titles) assert.ok(flat.includes(t.replace(/\s+/g, '')), `PDF lacks title ${t}`);
  for (const fig of ['11,906,397.06', '10,418,097.06', '1,488,300.00', '7,423,981.16', '2,994,115.90', '383,000.00', '1,207,500.00', '1190.64']) {
    assert.ok(flat.includes(fig), `PDF lacks ${fig}`);
  }
  assert.ok(flat.includes('情况说明'), 'narrative title');
  assert.ok(flat.indexOf('情况说明') < flat.indexOf(titles[0].replace(/\s+/g, '')), 'narrative comes first');
  assert.ok(flat.includes(`第${pages}页`), 'page numbers in the footer');
  for (const chrome of ['审核结果', '加载示例', '返回编辑', '打印/存为PDF', '导入表格', '填报栏目']) {
    assert.ok(!flat.includes(chrome), `web chrome on paper: ${chrome}`);
  }

  // Back to the form.
  await page.emulateMedia({ media: 'screen' });
  await page.click('#btn-print-close');
  await page.waitForSelector('#print-doc', { state: 'detached' });
  assert.equal(await page.locator('.app').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('XLSX export: the worker is fetched only on first use and the download is a workbook', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await loadSample(page);
  assert.ok(!fetched.some((u) => u.includes('xlsx_worker')), 'worker fetched before use');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-xlsx')]);
  const file = join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.ok(bytes.length > 10_000, `xlsx bytes: ${bytes.length}`);
  // A zip's central directory names its members in clear: 情况说明 + 表1–表10 + the project forms.
  const names = bytes.toString('latin1');
  for (const n of [1, 11, 12]) assert.ok(names.includes(`xl/worksheets/sheet${n}.xml`), `sheet${n}.xml`);
  assert.ok(fetched.some((u) => u.endsWith('xlsx_worker_bg.wasm')));
  await page.waitForSelector('#notice.ok');
  assert.match(await text(page, '#notice'), /已导出“.*\.xlsx”/);
  // A second export reuses the running worker.
  const before = fetched.filter((u) => u.endsWith('xlsx_worker_bg.wasm')).length;
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('#btn-xlsx')]);
  assert.equal(again.suggestedFilename(), download.suggestedFilename());
  assert.equal(fetched.filter((u) => u.endsWith('xlsx_worker_bg.wasm')).length, before);
  // Named like the submission file: <unit code>-<year>-budget.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#btn-export')]);
  assert.match(json.suggestedFilename(), /-2021-budget\.json$/);
  assert.equal(download.suggestedFilename(), json.suggestedFilename().replace(/\.json$/, '.xlsx'));
  assert.deepEqual(errors, []);
  await context.close();
});

// A 表2-shaped CSV as another budgeting system writes it: a 类 subtotal, two
// detail lines and one line whose figure cannot be read (sheet row 5).
const TABLE2_CSV = [
  '科目编码,科目名称,上年预算数,小计,基本支出,项目支出',
  '201,一般公共服务支出,"1,000.00","2,500.50","2,000.50",500.00',
  '2010301,行政运行,"1,000.00","2,000.50","2,000.50",',
  '2010350,事业运行,,500.00,,500.00',
  '2010302,一般行政管理事务,,12O.00,,12O.00',
].join('\r\n');

async function pickSheet(page, name, body) {
  const path = join(tmp, name);
  writeFileSync(path, body);
  await page.setInputFiles('#sheet-file', path);
  await page.waitForSelector('#sheet-import-dialog');
}

test('sheet import: preview lists rows and problems; 替换 replaces the rows in one step', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await pickSheet(page, 'table2.csv', TABLE2_CSV);
  assert.match(await text(page, '#sheet-import-shape'), /表2/);
  assert.match(await text(page, '#sheet-import-count'), /可导入 2 行到预算明细/);
  assert.match(await text(page, '#sheet-import-count'), /已跳过 1 行/);
  assert.match(await text(page, '#sheet-import-problems'), /第 5 行/);
  const cells = await page.locator('#sheet-import-dialog .preview-rows tbody tr').allInnerTexts();
  assert.equal(cells.length, 2);
  assert.match(cells[0], /2010301\s+行政运行\s+一般公共预算拨款\s+基本支出\s+2,000.50\s+1,000.00/);
  assert.match(cells[1], /2010350\s+事业运行/);
  await page.screenshot({ path: join(SHOTS, 'sheet-import-preview.png') });
  // Nothing has changed while the preview is open.
  assert.equal(await text(page, '#sum-expense'), '11,906,397.06');

  await page.click('#sheet-import-replace');
  await page.waitForSelector('#sheet-import-dialog', { state: 'detached' });
  assert.equal(await text(page, '#sum-expense'), '2,500.50');
  assert.equal(await page.inputValue('#f-rows-0-code'), '2010301');
  assert.equal(await page.inputValue('#f-rows-1-code'), '2010350');
  assert.equal(await page.locator('#f-rows-2-code').count(), 0);
  assert.equal(await page.getAttribute('#tab-rows', 'aria-selected'), 'true');
  assert.match(await text(page, '#notice'), /已从表格导入 2 行，替换了预算明细/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('sheet import: 追加 appends; 取消 and Escape change nothing; a .xls file is refused with a reason', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  const rowsBefore = await page.locator('[id^="f-rows-"][id$="-code"]').count();

  await pickSheet(page, 'cancel.csv', TABLE2_CSV);
  await page.click('#sheet-import-cancel');
  await page.waitForSelector('#sheet-import-dialog', { state: 'detached' });
  assert.equal(await page.locator('[id^="f-rows-"][id$="-code"]').count(), rowsBefore);
  assert.equal(await text(page, '#sum-expense'), '11,906,397.06');

  await pickSheet(page, 'escape.csv', TABLE2_CSV);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#sheet-import-dialog', { state: 'detached' });
  assert.equal(await text(page, '#sum-expense'), '11,906,397.06');

  await pickSheet(page, 'append.csv', TABLE2_CSV);
  await page.click('#sheet-import-append');
  await page.waitForSelector('#sheet-import-dialog', { state: 'detached' });
  assert.equal(await page.locator('[id^="f-rows-"][id$="-code"]').count(), rowsBefore + 2);
  assert.equal(await page.inputValue(`#f-rows-${rowsBefore}-code`), '2010301');
  assert.equal(await text(page, '#sum-expense'), '11,908,897.56');

  const xls = join(tmp, 'old.xls');
  writeFileSync(xls, 'not really');
  await page.setInputFiles('#sheet-file', xls);
  await page.waitForSelector('#notice.error');
  assert.match(await text(page, '#notice'), /旧版 \.xls/);
  assert.equal(await page.locator('#sheet-import-dialog').count(), 0);

  // A sheet the worker cannot read gives its reason, and changes nothing.
  await page.setInputFiles('#sheet-file', { name: 'nothing.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await page.waitForFunction(() => /未导入/.test(document.querySelector('#notice')?.textContent ?? ''));
  assert.match(await text(page, '#notice'), /找不到表头/);
  assert.equal(await page.locator('[id^="f-rows-"][id$="-code"]').count(), rowsBefore + 2);
  assert.deepEqual(errors, []);
  await context.close();
});
