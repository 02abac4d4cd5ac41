// End-to-end tests of the texts the clerk types in 说明文字 (issue 28 point 7,
// issue 23 point 4), each written as the clerk's action and what they see:
// the live sentence under a reason field, the same sentence in the 情况说明,
// the warnings for a reason that says nothing or points the wrong way, and
// one figure for the 项目支出 not under performance management.
// Serves dist/ (run `trunk build --release` first).
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

const INCOME = '#f-narrative-reasons-income';
const INCOME_PREVIEW = '#f-narrative-reasons-income-preview';
const text = (page, sel) => page.locator(sel).innerText();

/** The checks panel's findings of one check, as text, once one holds `part`. */
async function waitForFinding(page, check, part) {
  await page.waitForFunction(
    ([check, part]) =>
      [...document.querySelectorAll('.finding')].some((f) => f.textContent.includes(check) && f.textContent.includes(part)),
    [check, part],
  );
  return page.$$eval(
    '.finding',
    (fs, check) => fs.map((f) => f.textContent).filter((t) => t.includes(check)),
    check,
  );
}

test('the clerk types 主要是人员增加 as the 收入 reason: the sentence under the field and in the 情况说明 says 主要是 once', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-narrative');
  // The sample's own reason, already in its sentence.
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent.includes('主要是机构改革及职能调整'),
    INCOME_PREVIEW,
  );
  // The field is described by its sentence.
  assert.equal(await page.getAttribute(INCOME, 'aria-describedby'), INCOME_PREVIEW.slice(1));

  await page.fill(INCOME, '主要是人员增加');
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent.includes('主要是人员增加'),
    INCOME_PREVIEW,
  );
  const preview = await text(page, `${INCOME_PREVIEW} .clerk-preview-text`);
  assert.equal(preview, '收入较去年减少285.44万元，主要是人员增加，经费拨款减少285.44万元。');
  assert.equal(preview.split('主要是').length - 1, 1, preview);

  // The 情况说明 prints that very sentence.
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  await page.waitForFunction(
    (s) => document.querySelector('#sec-report')?.textContent.includes(s),
    preview,
  );
  assert.ok(!(await text(page, '#sec-report')).includes('主要是主要是'));

  // A doubled ending of the key work is said once too, live.
  await page.click('#tab-narrative');
  await page.fill('#f-narrative-key_work', '电子政务、对口支援等重点工作。');
  await page.waitForFunction(() =>
    document.querySelector('#f-narrative-key_work-preview')?.textContent.includes('主要包括：电子政务、对口支援等重点工作'),
  );
  assert.ok(!(await text(page, '#f-narrative-key_work-preview')).includes('等重点工作等重点工作'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the clerk types XX as the 收入 reason: the checks panel warns NAR-004 and names the field', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-narrative');
  await page.fill(INCOME, 'XX');
  const found = await waitForFinding(page, 'NAR-004', '收入（支出）总额');
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /收入（支出）总额比上年减少 2,854,416\.12 元，变动原因“XX”是占位文字，请写明变动的具体原因/);
  // The field is marked, and a real reason clears the warning.
  await page.waitForFunction((sel) => document.querySelector(sel)?.className.includes('flag-warning'), INCOME);
  await page.fill(INCOME, '机构改革，区大数据发展局账务独立核算');
  await page.waitForFunction(() => ![...document.querySelectorAll('.finding')].some((f) => f.textContent.includes('NAR-004')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the clerk types 增加 as the 收入 reason where 收入 fell: the checks panel warns NAR-005 with the figures', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-narrative');
  await page.fill(INCOME, '增加');
  const found = await waitForFinding(page, 'NAR-005', '收入（支出）总额');
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /收入（支出）总额比上年减少 2,854,416\.12 元，但变动原因写的是“增加”，请核对/);
  // A reason that explains the fall in its own words: no NAR-005.
  await page.fill(INCOME, '机构改革，人员调出，压减经费开支');
  await page.waitForFunction(() => ![...document.querySelectorAll('.finding')].some((f) => f.textContent.includes('NAR-005')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the clerk moves a 项目支出 row to 政府性基金: the 情况说明 and PRJ-005 give one uncovered amount', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  // 2010305, a 项目支出 of 414,600.00 with no project form.
  await page.dispatchEvent('#f-rows-4-source', 'mousedown');
  await page.selectOption('#f-rows-4-source', '政府性基金');
  const found = await waitForFinding(page, 'PRJ-005', '相差');
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /小于项目支出合计 1,488,300\.00 元，相差 1,188,300\.00 元/);
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  await page.waitForFunction(() => document.querySelector('#sec-report')?.textContent.includes('绩效目标设置情况'));
  const report = await text(page, '#sec-report');
  // Before, the narrative compared the forms with the 一般公共预算 项目支出
  // alone: 尚有77.37万元 against PRJ-005's 1,188,300.00 元.
  assert.match(report, /项目支出共148\.83万元（其中一般公共预算当年财政拨款107\.37万元），尚有118\.83万元未设置绩效目标/);
  assert.deepEqual(errors, []);
  await context.close();
});
