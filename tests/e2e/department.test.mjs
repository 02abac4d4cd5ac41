// 部门汇总 (issue 25): unit files added side by side with their totals and
// error counts, a unit re-added replacing its earlier version after the
// question, the department's texts and then the whole form being edited added, a unit with errors refused with its
// errors named, and the department file exported with its units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launch, openApp, loadSample, answerDialogs } from './harness.mjs';

const UNITS = join(ROOT, 'fixtures', 'units');
const OFFICE = join(UNITS, 'dadukou-2021-office.json');
const CENTER = join(UNITS, 'dadukou-2021-center.json');

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

/** The unit rows: [name, code, type, year, 支出合计, 三公合计, 错误, 提示, 来源]. */
const rows = (page) =>
  page.$$eval('#dept-units tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 9).map((td) => td.textContent)));
const total = (page) => page.$eval('#dept-total', (tr) => tr.textContent);

test('the split sample sums back in the 部门汇总 view and exports the department file', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const dialogs = answerDialogs(page, () => true);
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  // The department's own texts: the sample's (being edited).
  await loadSample(page);
  // The sum runs in the XLSX worker, fetched once the panel is opened.
  assert.ok(!fetched.some((u) => u.includes('xlsx_worker')), 'worker fetched before use');
  await page.click('#department > summary');
  await page.waitForFunction(() => /没有单位的填报文件/.test(document.querySelector('#dept-total')?.textContent ?? ''));
  assert.ok(fetched.some((u) => u.endsWith('xlsx_worker_bg.wasm')));
  await page.click('#dept-texts');
  assert.equal(await page.inputValue('#dept-code'), '103001001');
  assert.equal(await page.inputValue('#dept-name'), '重庆市大渡口区人民政府办公室');
  await page.setInputFiles('#dept-files', [OFFICE, CENTER]);
  await page.waitForFunction(() => document.querySelectorAll('#dept-units tbody tr').length === 2);
  const shown = await rows(page);
  const center = shown.find((r) => r[1] === '103001002');
  assert.deepEqual(center, [
    '大渡口区政府信息公开服务中心', '103001002', '事业', '2021', '416,470.79', '33,000.00', '0', '3',
    'dadukou-2021-center.json',
  ]);
  await page.waitForFunction(() => document.querySelector('#dept-total')?.textContent.includes('部门合计'));
  assert.match(await total(page), /11,906,397\.06.*383,000\.00/);

  // The same unit again: asked, then replaced (still two units).
  await page.setInputFiles('#dept-files', [CENTER]);
  await dialogs.seen(1);
  assert.match(dialogs.asked[0], /“大渡口区政府信息公开服务中心”已在汇总中/);
  assert.equal((await rows(page)).length, 2);

  // The department file, with its units.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dept-export')]);
  assert.equal(download.suggestedFilename(), '103001001-2021-department.json');
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.units.length, 2);
  assert.equal(file.derived.totals.total, '11906397.06');
  assert.equal(file.inputs.unit.name, '重庆市大渡口区人民政府办公室');
  assert.deepEqual(file.inputs.unit.duties.slice(0, 1), ['负责区政府会议的准备工作，协助区政府领导同志组织会议决定事项的实施。']);
  await page.waitForFunction(() => /已导出部门文件“103001001-2021-department\.json”/.test(document.querySelector('#dept-message')?.textContent ?? ''));

  // The form being edited replaces the office (the same code): the sample in full.
  await page.click('#dept-add-current');
  await dialogs.seen(2);
  await page.waitForFunction(() => document.querySelector('#dept-total')?.textContent.includes('12,322,867.85'));
  assert.ok((await rows(page)).some((r) => r[8] === '正在填写的表'));

  // A unit with errors: the sum is refused and the unit's errors named.
  await page.setInputFiles('#dept-files', [join(ROOT, 'fixtures', 'bad', 'duplicate-rows.inputs.json')]);
  await dialogs.seen(3);
  await page.waitForFunction(() => /1 个单位的填报有错误/.test(document.querySelector('#dept-total')?.textContent ?? ''));
  assert.match(await total(page), /“测试单位”（103001001）：3 个错误/);
  const broken = (await rows(page)).find((r) => r[0] === '测试单位');
  assert.equal(broken[6], '3');

  // A file that is not JSON: named, not added.
  await page.setInputFiles('#dept-files', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await page.waitForFunction(() => /“bad\.json”未加入汇总：/.test(document.querySelector('#dept-message')?.textContent ?? ''));
  assert.equal((await rows(page)).length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});
