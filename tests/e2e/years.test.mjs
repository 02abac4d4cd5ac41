// Fiscal years (issue 23): a finance bureau's catalog loaded in the app decides
// which codes are valid, is kept in the browser for the form's year and
// recorded in the file; 从上年文件新建 makes next year's form from last
// year's file, asking before it replaces unsaved work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, serveDist, launch, openApp, openTab, loadSample } from './harness.mjs';

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
const CELL = '#f-rows-0-this_year';

/** The 2021 function catalog as a bureau issues it (code,name), without `drop`. */
function bureauCsv(drop) {
  const data = readFileSync(join(ROOT, 'crates/budget-core/data/2021/function.csv'), 'utf8');
  const rows = data
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split(',').slice(0, 2))
    .filter(([code]) => code !== drop)
    .map((cells) => cells.join(','));
  return Buffer.from(['科目编码,科目名称', ...rows].join('\n') + '\n');
}

/** Close the notice shown now, so the next one is waited for. */
async function closeNotice(page) {
  if ((await page.locator('#notice').count()) > 0) {
    await page.click('#notice .close');
    await page.waitForSelector('#notice', { state: 'detached' });
  }
}

const noticeSays = (page, pattern) =>
  page.waitForFunction((p) => new RegExp(p).test(document.querySelector('#notice')?.textContent ?? ''), pattern.source);

test('a bureau catalog loaded for the year decides the codes, is kept in the browser, recorded in the file and can be removed', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  assert.match(await text(page, '#catalog-status'), /内置 2021 年科目目录/);
  assert.doesNotMatch(await text(page, '#checks-live'), /COD-001/);

  // A file with bad lines is refused whole, each line named.
  await closeNotice(page);
  await page.setInputFiles('#catalog-file', {
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('科目编码,科目名称\n201,一般公共服务支出\n2019,错\n20101,\n'),
  });
  await page.waitForSelector('#notice.error');
  const refused = await text(page, '#notice');
  assert.match(refused, /科目表“bad\.csv”有 2 行无法读取/);
  assert.match(refused, /第 3 行：科目编码“2019”应为 3、5 或 7 位数字/);
  assert.match(refused, /第 4 行：科目“20101”缺少名称/);
  assert.match(await text(page, '#catalog-status'), /内置 2021 年科目目录/);

  // The bureau's list without 2010301: the sample's first row is refused.
  await closeNotice(page);
  await page.setInputFiles('#catalog-file', { name: '财政局2021科目.csv', mimeType: 'text/csv', buffer: bureauCsv('2010301') });
  await noticeSays(page, /已载入财政局科目表“财政局2021科目\.csv”/);
  assert.match(await text(page, '#catalog-status'), /财政局科目表“财政局2021科目\.csv”（\d+ 个科目）/);
  await page.waitForFunction(() => /COD-001[\s\S]*2010301/.test(document.querySelector('#checks-live')?.textContent ?? ''));

  // The draft file records the catalog it was checked against.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-save-draft-file')]);
  const dir = mkdtempSync(join(tmpdir(), 'budget-years-'));
  const saved = join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  const json = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(json.catalog.name, '财政局2021科目.csv');
  assert.match(json.catalog.sha256, /^[0-9a-f]{64}$/);

  // Kept in the browser: another tab of the same browser has it in force.
  await page.close();
  const { page: again } = await openTab(context, server.url);
  assert.match(await text(again, '#catalog-status'), /财政局科目表“财政局2021科目\.csv”/);
  await again.waitForFunction(() => /COD-001/.test(document.querySelector('#checks-live')?.textContent ?? ''));

  // Removed: the built-in catalog again, and the code is valid.
  await again.click('#btn-catalog-remove');
  await noticeSays(again, /已移除 2021 年的财政局科目表/);
  assert.match(await text(again, '#catalog-status'), /内置 2021 年科目目录/);
  await again.waitForFunction(() => !/COD-001/.test(document.querySelector('#checks-live')?.textContent ?? ''));
  assert.equal(await again.locator('#btn-catalog-remove').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('从上年文件新建 asks before replacing unsaved work, then gives next year with last year as 上年', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, '1');
  await closeNotice(page);

  // Unsaved work: asked first; declining changes nothing.
  const sample = join(ROOT, 'fixtures', 'dadukou-2021.json');
  await page.setInputFiles('#next-year-file', sample);
  await page.waitForSelector('#replace-dialog');
  assert.match(await text(page, '#replace-dialog'), /从上年文件“dadukou-2021\.json”新建 2022 年的表将替换当前填写的全部内容/);
  await page.click('#btn-cancel-replace');
  await page.waitForSelector('#replace-dialog', { state: 'detached' });
  assert.equal(await page.inputValue(CELL), '1');

  await page.setInputFiles('#next-year-file', sample);
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-discard');
  await noticeSays(page, /已从“dadukou-2021\.json”新建 2022 年的表：上年数取自 2021 年的本年数/);
  // 本年 blank, the sample's 2021 figures as 上年.
  assert.equal(await page.inputValue(CELL), '');
  assert.equal(await page.inputValue('#f-rows-0-last_year'), '6849169.92');
  assert.equal(await text(page, '#sum-income'), '0.00');
  // No 2022 catalog: the 2021 one, and the clerk is told.
  assert.match(await text(page, '#catalog-status'), /内置 2021 年科目目录；未找到2022年的科目目录，按2021年目录核对/);
  await page.click('#tab-unit');
  assert.equal(await page.inputValue('#f-unit-fiscal_year'), '2022');

  // A code the next catalog dropped is listed with its amount, its row kept.
  const last = JSON.parse(readFileSync(sample, 'utf8'));
  last.unit.fiscal_year = 2024;
  last.rows[0].code = '2130510';
  const dir = mkdtempSync(join(tmpdir(), 'budget-years-'));
  const file2024 = join(dir, 'unit-2024.json');
  writeFileSync(file2024, JSON.stringify(last));
  await closeNotice(page);
  await page.setInputFiles('#next-year-file', file2024);
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-discard');
  await noticeSays(page, /新建 2025 年的表/);
  const notice = await text(page, '#notice');
  assert.match(notice, /以下 1 处科目在 2025 年目录中没有对应科目/);
  assert.match(notice, /2130510 扶贫事业机构（上年 6,849,169\.92 元）/);
  assert.match(await text(page, '#catalog-status'), /内置 2025 年科目目录/);
  await page.locator('#notice button.link').first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-rows-0-code');

  // A file that is not JSON: its problem said, nothing replaced.
  await closeNotice(page);
  await page.setInputFiles('#next-year-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await page.waitForSelector('#notice.error');
  assert.match(await text(page, '#notice'), /“bad\.json”无法读取，未新建：/);
  await page.click('#tab-unit');
  assert.equal(await page.inputValue('#f-unit-fiscal_year'), '2025');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the next-year file budget-check writes opens in the app', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-years-'));
  const out = join(dir, 'dadukou-2022.json');
  const run = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'budget-check', '--', 'next-year', join(ROOT, 'fixtures', 'dadukou-2021.json'), '--year', '2022', '-o', out],
    { cwd: ROOT, encoding: 'utf8', timeout: 900_000 },
  );
  assert.equal(run.status, 0, `budget-check next-year failed:\n${run.stdout}\n${run.stderr}`);
  const { context, page, errors } = await openApp(browser, server.url);
  await page.setInputFiles('#import-file', out);
  await noticeSays(page, /已打开草稿文件“dadukou-2022\.json”/);
  assert.equal(await page.inputValue('#f-rows-0-last_year'), '6849169.92');
  assert.equal(await page.inputValue(CELL), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('with a bureau catalog loaded the picker and the 科目名称 column use its codes and names; removed, the built-in ones again', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  // The sample's rows are 2010301 行政运行, 2010302, 2010303 机关服务, …
  const nameCell = (row) => page.locator(`#grid-rows-${row}-1`).innerText();
  assert.equal(await nameCell(0), '行政运行');
  assert.equal(await nameCell(2), '机关服务');
  const nameIs = (row, name) =>
    page.waitForFunction(([r, n]) => document.querySelector(`#grid-rows-${r}-1`)?.textContent.trim() === n, [row, name]);
  /** The picker's lines (code and name) for `typed` in row 0's code cell; the edit is then cancelled. */
  async function pickerLines(typed) {
    await page.click('#f-rows-0-code');
    await page.keyboard.type(typed);
    const list = page.locator('#f-rows-0-code-picker');
    await list.locator('li').first().waitFor();
    const lines = await list.locator('li').evaluateAll((lis) =>
      lis.map((li) => `${li.querySelector('.pk-code').textContent} ${li.querySelector('.pk-name').textContent}`),
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('#f-rows-0-code').value === '2010301');
    return lines;
  }
  const builtinLines = await pickerLines('201030');
  assert.ok(builtinLines.includes('2010301 行政运行') && builtinLines.includes('2010303 机关服务'), builtinLines.join(' | '));

  // The bureau names 2010301 otherwise and lists no 2010303.
  await closeNotice(page);
  const csv = bureauCsv('2010303').toString('utf8').replace('\n2010301,行政运行\n', '\n2010301,机关行政运行\n');
  assert.match(csv, /\n2010301,机关行政运行\n/);
  await page.setInputFiles('#catalog-file', { name: '财政局改名.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await noticeSays(page, /已载入财政局科目表“财政局改名\.csv”/);
  await nameIs(0, '机关行政运行');
  await nameIs(2, '支出功能分类目录中无此编码');
  await page.waitForFunction(() => /COD-001[\s\S]*2010303/.test(document.querySelector('#checks-live')?.textContent ?? ''));
  const bureauLines = await pickerLines('201030');
  assert.ok(bureauLines.includes('2010301 机关行政运行'), bureauLines.join(' | '));
  assert.ok(!bureauLines.some((l) => l.startsWith('2010303') || l === '2010301 行政运行'), bureauLines.join(' | '));

  // Removed: the built-in names and codes again.
  await page.click('#btn-catalog-remove');
  await noticeSays(page, /已移除 2021 年的财政局科目表/);
  await nameIs(0, '行政运行');
  await nameIs(2, '机关服务');
  assert.deepEqual(await pickerLines('201030'), builtinLines);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the catalog reader and next-year run in the worker wasm, not in the main wasm', () => {
  const dist = process.env.BUDGET_DIST ? resolve(process.env.BUDGET_DIST) : join(ROOT, 'dist');
  const wasm = readdirSync(dist).filter((f) => f.endsWith('_bg.wasm'));
  const main = wasm.find((f) => f.startsWith('budget-form'));
  const worker = wasm.find((f) => f.startsWith('xlsx_worker'));
  assert.ok(main && worker, wasm.join(', '));
  // A catalog line's message (catalog/bureau.rs) and a code not carried (next_year.rs).
  for (const said of ['应为 3、5 或 7 位数字', '新年度目录中没有对应科目']) {
    assert.equal(readFileSync(join(dist, main)).includes(Buffer.from(said)), false, said);
    assert.equal(readFileSync(join(dist, worker)).includes(Buffer.from(said)), true, said);
  }
});
