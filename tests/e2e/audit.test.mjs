// 核对已公开文件 in real Chromium: a published disclosure's text chosen in the
// toolbar is audited in the XLSX worker and its known findings are listed
// (fixtures/audit/putuo-2025.expected) beside the tables read; the app's own
// XLSX export audits clean; a PDF is refused with what to do instead; the
// main wasm does not carry the audit (only the worker does).
// Serves dist/ (run `trunk build --release --features test-hooks` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, serveDist, launch, openApp, loadSample } from './harness.mjs';

let server;
let browser;
const tmp = mkdtempSync(join(tmpdir(), 'budget-audit-'));
// Screenshots for a person to look at (not compared).
const SHOTS = process.env.BUDGET_SHOTS || tmp;
const DIST = process.env.BUDGET_DIST ? resolve(process.env.BUDGET_DIST) : join(ROOT, 'dist');

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page, sel) => page.locator(sel).innerText();

/** `ID line printed expected` of an .expected file (`#` lines are comments). */
function expected(name) {
  return readFileSync(join(ROOT, 'fixtures/audit', name), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/).join(' '));
}

/** The findings listed in the dialog, as `ID line printed expected`. */
async function listed(page) {
  const rows = await page.locator('#audit-findings tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
  const figure = (t) => (t === '—' ? '0' : t.replaceAll(',', ''));
  return rows.map(([id, , place, printed, want]) => {
    const line = place.match(/第(\d+)行$/)?.[1];
    return `${id} ${line} ${figure(printed)} ${figure(want)}`;
  });
}

async function choose(page, file) {
  await page.setInputFiles('#audit-file', file);
  await page.waitForSelector('#audit-dialog');
}

test('核对已公开文件: the 普陀 2025 text gives its known findings beside its tables', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await choose(page, join(ROOT, 'fixtures/audit/putuo-2025.txt'));
  const want = expected('putuo-2025.expected');
  assert.match(await text(page, '#audit-summary'), new RegExp(`发现 ${want.length} 处问题`));
  assert.deepEqual((await listed(page)).sort(), [...want].sort());
  // Each finding names its page and line, and shows the line as printed.
  const five = page.locator('#audit-findings tbody tr[data-id="AUD-005"]').first();
  assert.match(await five.innerText(), /第7页第96行/);
  assert.match(await five.innerText(), /原文：.*887\.36/);
  // The tables read, with their coded lines.
  const captions = await page.locator('#audit-dialog .audit-table caption').allInnerTexts();
  assert.ok(captions.some((c) => /部门支出预算总表/.test(c)), captions.join('\n'));
  const line = page.locator('#audit-dialog .audit-table tr', { hasText: '2010601' }).first();
  assert.match(await line.innerText(), /行政运行[\s\S]*16,231,840\.80/);
  // Headers for the screen reader: the findings table and every table read.
  assert.equal(await page.locator('#audit-findings thead th[scope="col"]').count(), 7);
  await page.screenshot({ path: join(SHOTS, 'audit-putuo-2025.png') });
  // Escape closes.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#audit-dialog', { state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('核对已公开文件: the app’s own XLSX export shows no finding; a PDF is refused', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-xlsx')]);
  const own = join(tmp, download.suggestedFilename());
  await download.saveAs(own);
  await choose(page, own);
  assert.match(await text(page, '#audit-summary'), /读出 \d+ 张表，未发现问题/);
  assert.equal(await page.locator('#audit-findings').count(), 0);
  assert.ok((await page.locator('#audit-dialog .audit-table').count()) >= 8);
  await page.click('#audit-close');
  await page.waitForSelector('#audit-dialog', { state: 'detached' });

  await page.setInputFiles('#audit-file', {
    name: '公开.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7\n'),
  });
  await page.waitForSelector('#notice.error');
  assert.match(await text(page, '#notice'), /无法在浏览器中读取 PDF.*pdftotext/);
  assert.equal(await page.locator('#audit-dialog').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the audit is in the worker wasm, not in the main wasm', () => {
  const wasm = readdirSync(DIST).filter((f) => f.endsWith('_bg.wasm'));
  const main = wasm.find((f) => f.startsWith('budget-form'));
  const worker = wasm.find((f) => f.startsWith('xlsx_worker'));
  assert.ok(main && worker, wasm.join(', '));
  // A rule title of budget-audit (crates/budget-audit/src/finding.rs).
  const rule = Buffer.from('空表的说明写的是另一张表');
  assert.equal(readFileSync(join(DIST, main)).includes(rule), false);
  assert.equal(readFileSync(join(DIST, worker)).includes(rule), true);
});
