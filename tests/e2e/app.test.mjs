// End-to-end tests of the web app in real Chromium: sample, live edits, errors,
// reload, import and export. Serves dist/ (run `trunk build --release` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serveDist, launch, openApp, loadSample, waitForDraft, cut, paste, answerDialogs, nextPaint } from './harness.mjs';

const DRAFT_KEY = 'budget-form.draft.v1';
// The cell of seed row 2010301 行政运行 · 一般公共预算 · 基本 (rows[0]).
const CELL = '#f-rows-0-this_year';
const CELL_LABEL = '2010301 行政运行 一般公共预算 基本支出 本年预算数';

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

test('the sample shows every seed total', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  assert.equal(await text(page, '#sum-expense'), '11,906,397.06');
  assert.equal(await text(page, '#sum-basic'), '10,418,097.06');
  assert.equal(await text(page, '#sum-project'), '1,488,300.00');
  assert.equal(await text(page, '#sum-sangong'), '383,000.00');
  assert.equal(await text(page, '#sum-errors'), '0');

  await page.click('#tab-tables');
  const expect = {
    table1: ['11,906,397.06', '9,794,784.22', '1,301,627.58', '394,514.47'],
    table2: ['11,906,397.06', '10,418,097.06', '1,488,300.00', '14,760,813.18', '6,849,169.92', '150,000.00'],
    table3: ['10,418,097.06', '7,423,981.16', '2,994,115.90'],
    table4: ['383,000.00', '323,400.00', '59,600.00', '520,900.00', '446,300.00', '74,600.00'],
    table5: ['本单位无政府性基金收支，故此表无数据。'],
    table6: ['11,906,397.06'],
    table7: ['11,906,397.06'],
    table8: ['10,418,097.06', '1,488,300.00'],
    table9: ['1,207,500.00', '566,000.00', '641,500.00'],
    table10: ['1190.64'],
  };
  for (const [id, figures] of Object.entries(expect)) {
    const body = await text(page, `#table-${id}`);
    for (const f of figures) assert.ok(body.includes(f), `${id} shows ${f}`);
  }
  // Each table has its title with the unit name and a unit line.
  assert.match(await text(page, '#table-table2'), /重庆市大渡口区人民政府办公室/);
  assert.match(await text(page, '#table-table2'), /单位：元/);

  await page.click('#tab-report');

  await page.waitForSelector('#sec-report .report-title');
  // The worker writes the 情况说明: wait for its answer.
  await page.waitForSelector('#sec-report .report-title');
  const report = await text(page, '#sec-report');
  assert.match(report, /1190\.64/);
  assert.match(report, /重庆市大渡口区人民政府办公室/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('editing a cell changes the total, 表2 and the summary bar at once', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  const cell = page.getByLabel(CELL_LABEL, { exact: true });
  await cell.fill('6,849,269.92');
  assert.equal(await text(page, '#sum-income'), '11,906,497.06');
  assert.equal(await text(page, '#sum-basic'), '10,418,197.06');
  // What was typed is kept as typed.
  assert.equal(await cell.inputValue(), '6,849,269.92');
  await page.click('#tab-tables');
  const t2 = await text(page, '#table-table2');
  assert.ok(t2.includes('11,906,497.06'), '表2 合计 follows');
  assert.ok(t2.includes('6,849,269.92'), '表2 行政运行 follows');
  await context.close();
});

test('an error refuses export, says why, and leads to the cell', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, '12.345');
  assert.equal(await page.getAttribute(CELL, 'aria-invalid'), 'true');
  assert.match(await text(page, `${CELL}-msg`), /小数超过 2 位/);
  assert.notEqual(await text(page, '#sum-errors'), '0');

  await page.click('#btn-export');
  // The worker checks the form: wait for its answer.
  await page.waitForFunction(() => /不能导出/.test(document.querySelector('#notice')?.textContent ?? ''));
  const notice = await text(page, '#notice');
  assert.match(notice, /不能导出/);

  // From another section, the notice's link brings the cell back and focuses it.
  await page.click('#tab-unit');
  assert.equal(await page.isVisible(CELL), false);
  await page.locator('#notice button.link').first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-rows-0-this_year');
  assert.equal(await page.isVisible(CELL), true);

  // So does the finding in the checks panel.
  await page.click('#tab-sangong');
  await page.locator('.finding.error .finding-go').first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-rows-0-this_year');
  await context.close();
});

test('a reload restores everything, invalid text and explanations included', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill('#f-rows-1-this_year', '72万');
  await page.click('#tab-unit');
  await page.fill('#f-unit-contact_person', '张三');
  const explain = page.locator('.finding.warning textarea').first();
  await explain.fill('项目绩效目标表另行报送');
  // The draft is JSON with every non-ASCII character escaped: read it as JSON.
  await waitForDraft(page, (d) => JSON.stringify(d).includes('项目绩效目标表另行报送'));
  assert.match(await text(page, '#saved-status'), /已保存 \d\d:\d\d:\d\d/);

  await page.reload();
  await page.waitForSelector('#sum-income');
  assert.equal(await page.inputValue('#f-rows-1-this_year'), '72万');
  assert.equal(await page.getAttribute('#f-rows-1-this_year', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue(CELL), '6849169.92');
  assert.equal(await page.locator('.finding.warning textarea').first().inputValue(), '项目绩效目标表另行报送');
  // A section is built when first shown.
  await page.click('#tab-unit');
  assert.equal(await page.inputValue('#f-unit-contact_person'), '张三');
  await context.close();
});

test('a year or vehicle count that is not a whole number is kept, is an error, refuses export and survives a reload', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-unit');
  const year = '#f-unit-fiscal_year';
  await page.fill(year, '2022年');
  assert.equal(await page.getAttribute(year, 'aria-invalid'), 'true');
  assert.match(await text(page, `${year}-msg`), /“2022年”不是整数（应为 0–9999 之间的整数）/);
  assert.equal(await text(page, '#sum-errors'), '1');
  assert.match(await text(page, '#checks-live'), /INP-001[\s\S]*预算年度：“2022年”不是整数[\s\S]*各表仍按 2021 计算，改正后才能导出/);
  await page.click('#tab-narrative');
  const toBuy = '#f-narrative-vehicles_to_buy-general';
  await page.fill(toBuy, '一');
  assert.equal(await text(page, '#sum-errors'), '2');

  // Export is refused, and the notice leads back to the year.
  await page.click('#btn-export');
  await page.waitForFunction(() => /不能导出/.test(document.querySelector('#notice')?.textContent ?? ''));
  assert.match(await text(page, '#notice'), /不能导出/);
  await page.locator('#notice button.link').first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-unit-fiscal_year');

  // Nothing typed is lost on a reload.
  await waitForDraft(page, (d) => JSON.stringify(d).includes('"unparsed"') && JSON.stringify(d).includes('2022年') && JSON.stringify(d).includes('一'));
  await page.reload();
  await page.waitForSelector('#sum-income');
  assert.equal(await text(page, '#sum-errors'), '2');
  await page.click('#tab-unit');
  assert.equal(await page.inputValue(year), '2022年');
  await page.click('#tab-narrative');
  assert.equal(await page.inputValue(toBuy), '一');

  // Corrected (full-width digits read), the errors go; a blank count is 0.
  await page.fill(toBuy, '');
  await page.click('#tab-unit');
  await page.fill(year, '２０２１');
  assert.equal(await page.getAttribute(year, 'aria-invalid'), null);
  assert.equal(await text(page, '#sum-errors'), '0');
  await waitForDraft(page, (d) => !JSON.stringify(d).includes('"unparsed"'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupted draft is kept aside and reported; editing goes on', async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.evaluate((key) => localStorage.setItem(key, '{"unit": {"name": "半截'), DRAFT_KEY);
  await page.reload();
  await page.waitForSelector('#storage-banner');
  assert.match(await text(page, '#storage-banner'), /草稿已损坏/);
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('budget-form.draft.corrupt.')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(backups, ['{"unit": {"name": "半截']);
  await loadSample(page);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  await context.close();
});

test('a full storage shows a banner and editing continues', async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.evaluate(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  await loadSample(page);
  await page.waitForSelector('#storage-banner');
  assert.match(await text(page, '#storage-banner'), /自动保存失败/);
  await page.fill(CELL, '1');
  assert.equal(await text(page, '#sum-income'), '5,057,228.14');
  await context.close();
});

test('a corrupt or invalid import changes nothing and says where', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.setInputFiles('#import-file', {
    name: 'corrupt.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "budget-form", "version": 1, "inputs": {'),
  });
  await page.waitForSelector('#notice.error');
  assert.match(await text(page, '#notice'), /未导入/);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');

  await page.setInputFiles('#import-file', join(ROOT, 'fixtures', 'bad', 'bad-amounts.json'));
  await page.waitForFunction(() => document.querySelector('#notice')?.textContent.includes('bad-amounts.json'));
  const notice = await text(page, '#notice');
  assert.match(notice, /未导入/);
  assert.match(notice, /inputs\.\w+(\[\d+\])?\.\w+/, 'problems name their JSON paths');
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  assert.equal(await page.inputValue(CELL), '6849169.92');
  await context.close();
});

test('the exported file passes budget-check and imports back', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-export')]);
  assert.equal(download.suggestedFilename(), '103001001-2021-budget.json');
  const dir = mkdtempSync(join(tmpdir(), 'budget-e2e-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.format, 'budget-form');
  assert.match(json.exported_at, /^\d{4}-\d\d-\d\dT/);

  const run = spawnSync('cargo', ['run', '-q', '-p', 'budget-check', '--', 'check', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 900_000,
  });
  assert.equal(run.status, 0, `budget-check check failed:\n${run.stdout}\n${run.stderr}`);

  // Import it into an emptied form: the same totals come back.
  await page.click('#btn-new');
  assert.equal(await text(page, '#sum-income'), '0.00');
  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '11,906,397.06');
  assert.match(await text(page, '#notice'), /已导入/);
  await context.close();
});

test('a file dropped on the page is imported', async () => {
  const { context, page } = await openApp(browser, server.url);
  const content = readFileSync(join(ROOT, 'fixtures', 'dadukou-2021.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dadukou-2021.json', { type: 'application/json' }));
    return dt;
  }, content);
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '11,906,397.06');
  assert.match(await text(page, '#notice'), /已导入“dadukou-2021\.json”/);
  await context.close();
});

test('replacing a filled form asks first; declining changes nothing', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.fill(CELL, '1');
  // The question is the page's own dialog; 取消 declines.
  const asked = [];
  await page.click('#btn-new');
  await page.waitForSelector('#replace-dialog');
  asked.push(await text(page, '#replace-dialog'));
  await page.click('#btn-cancel-replace');
  await page.setInputFiles('#import-file', join(ROOT, 'fixtures', 'dadukou-2021.json'));
  await page.waitForSelector('#replace-dialog');
  asked.push(await text(page, '#replace-dialog'));
  await page.click('#btn-cancel-replace');
  await page.waitForSelector('#replace-dialog', { state: 'detached' });
  assert.equal(asked.length, 2, 'new and import both asked');
  assert.match(asked[0], /新建将清空当前填写的全部内容/);
  assert.match(asked[1], /导入“dadukou-2021\.json”将替换当前填写的全部内容/);
  assert.equal(await page.inputValue(CELL), '1');
  assert.equal(await text(page, '#sum-income'), '5,057,228.14');
  await context.close();
});

test('inputs have accessible names and the checks panel is a live region', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  assert.equal(await page.getAttribute('#checks-live', 'aria-live'), 'polite');
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=file]):not([type=checkbox]), select, textarea')]
      .filter((el) => !(el.getAttribute('aria-label') || '').trim())
      .map((el) => el.id),
  );
  assert.deepEqual(unnamed, []);
  // Keyboard only: Tab reaches the toolbar, Enter on 新建 asks (the question
  // takes the focus; Tab to 不保留，直接替换, Enter) and clears.
  await page.focus('#btn-new');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'btn-keep-draft');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'btn-discard');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '0.00');
  await context.close();
});

test('the keyboard moves between rows and between sections', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.focus(CELL);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-rows-1-this_year');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-rows-2-this_year');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-rows-0-this_year');
  // Typing then Enter commits the edit and moves on.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  assert.equal(await text(page, '#sum-income'), '5,057,228.14');

  await page.focus('#tab-rows');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-economic');
  assert.equal(await page.isVisible('#sec-economic'), true);
  assert.equal(await page.isVisible('#sec-rows'), false);
  await context.close();
});

test('a project links 项目支出 rows through a search box, by keyboard, and unlinks them', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-projects');
  const links = page.locator('#f-projects-0-links .link-list li');
  // The seed's one project (政务公开专项) is funded by 2010306.
  assert.equal(await links.count(), 1);
  assert.match(await links.first().innerText(), /^2010306 /);

  // By code: the other four 项目支出 rows of 20103 are offered, the linked one is not.
  await page.focus('#f-projects-0-links-add');
  await page.keyboard.type('20103');
  const options = page.locator('#f-projects-0-links-picks li[role=option]');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links-picks li[role=option]').length === 4);
  assert.deepEqual(
    (await options.allInnerTexts()).map((t) => t.slice(0, 7)),
    ['2010302', '2010303', '2010304', '2010305'],
  );
  // Arrow down, Enter: the second one is linked; the project's budget no longer
  // equals its rows, and PRJ-001 says so.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links .link-list li').length === 2);
  assert.match(await links.nth(1).innerText(), /^2010303 /);
  assert.equal(await page.inputValue('#f-projects-0-links-add'), '');
  await page.waitForFunction(() => [...document.querySelectorAll('.finding.error')].some((f) => f.textContent.includes('PRJ-001')));

  // By name; a basic-expenditure row (2010301 行政运行) is never offered.
  await page.keyboard.type('行政运行');
  await page.waitForFunction(() => document.querySelector('#f-projects-0-links-picks li.hint') !== null);
  assert.equal(await options.count(), 0);
  await page.fill('#f-projects-0-links-add', '');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links-picks li[role=option]').length === 3);
  // 机关服务 (2010303) is linked now, so it is no longer offered.
  await page.keyboard.type('机关服务');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links-picks li[role=option]').length === 0);
  assert.equal(await page.locator('#f-projects-0-links-picks li.hint').count(), 1);

  // Unlink 2010303 again: the project is consistent again.
  await page.click('#f-projects-0-links-1-code');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links .link-list li').length === 1);
  await page.waitForFunction(() => ![...document.querySelectorAll('.finding.error')].some((f) => f.textContent.includes('PRJ-001')));
  await context.close();
});

test('every grid cell lines up with its column header, frozen columns included', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  for (const tab of ['rows', 'economic']) {
    await page.click(`#tab-${tab}`);
    const off = await page.evaluate((id) => {
      const g = document.querySelector(`#grid-${id}`);
      const heads = [...g.querySelectorAll('thead th')];
      const bad = [];
      for (const row of [...g.querySelectorAll('tbody tr.grid-row')].slice(0, 3)) {
        [...row.children].forEach((cell, k) => {
          const a = heads[k].getBoundingClientRect();
          const b = cell.getBoundingClientRect();
          if (Math.abs(a.x - b.x) > 1 || Math.abs(a.width - b.width) > 1) {
            bad.push(`${row.getAttribute('aria-rowindex')}:${k} ${b.x}/${b.width} vs ${a.x}/${a.width}`);
          }
        });
      }
      return bad;
    }, tab);
    assert.deepEqual(off, [], `${tab}: cells out of line with their headers`);
  }
  await context.close();
});

test('Ctrl+X in the grid copies the selection as TSV and clears it, one undo step', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.focus('#f-rows-1-this_year');
  await page.keyboard.press('Shift+ArrowDown');
  const tsv = await cut(page);
  assert.equal(tsv, '723700.00\r\n50000.00\r\n');
  await page.waitForFunction(() => document.querySelector('#f-rows-1-this_year').value === '' && document.querySelector('#f-rows-2-this_year').value === '');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#f-rows-1-this_year').value === '723700.00' && document.querySelector('#f-rows-2-this_year').value === '50000.00');
  await context.close();
});

test('an amount edit re-renders its own grid row and the totals, no other row', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  await page.focus('#f-rows-1-this_year');
  await page.evaluate(() => {
    window.__touched = new Set();
    const body = document.querySelector('#grid-rows tbody');
    window.__observer = new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        window.__touched.add(node?.closest('tr')?.getAttribute('aria-rowindex') ?? 'tbody');
      }
    });
    window.__observer.observe(body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  // Row 2 (2010302, 项目支出): typing replaces the amount; the totals follow.
  await page.keyboard.type('7');
  await page.waitForFunction(() => document.querySelector('#sum-income').textContent === '11,182,704.06');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('#sum-income').textContent === '11,906,397.06');
  const touched = await page.evaluate(() => {
    window.__observer.disconnect();
    return [...window.__touched];
  });
  // aria-rowindex 3 is the second body row (1 is the header).
  assert.deepEqual(touched.filter((t) => t !== '3'), []);
  await context.close();
});

test('an edit keeps the other findings in place, a 说明 being typed included, and re-sets no totals attribute', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  const explain = page.locator('.finding.warning textarea').first();
  await explain.fill('另行报送');
  await page.evaluate(() => {
    window.__warning = document.querySelector('.finding.warning');
    window.__attrs = [];
    window.__footObserver = new MutationObserver((records) => {
      for (const r of records) if (r.type === 'attributes') window.__attrs.push(r.attributeName);
    });
    window.__footObserver.observe(document.querySelector('#grid-rows tfoot'), { subtree: true, attributes: true });
  });
  const errors = await text(page, '#sum-errors');
  // An invalid amount adds an error to the list: the warning item stays the
  // same node with the text being typed.
  await page.focus('#f-rows-1-this_year');
  await page.keyboard.type('7x');
  await page.waitForFunction((before) => document.querySelector('#sum-errors').textContent !== before, errors);
  await page.keyboard.press('Escape');
  await page.waitForFunction((before) => document.querySelector('#sum-errors').textContent === before, errors);
  const kept = await page.evaluate(() => ({
    connected: window.__warning.isConnected,
    same: document.querySelector('.finding.warning') === window.__warning,
    text: window.__warning.querySelector('textarea').value,
    attrs: (window.__footObserver.disconnect(), window.__attrs),
  }));
  assert.deepEqual(kept, { connected: true, same: true, text: '另行报送', attrs: [] });
  await context.close();
});

test('each grid row\'s fields form a form of their own (autofill reads one row, not the page)', async () => {
  const { context, page } = await openApp(browser, server.url);
  await loadSample(page);
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('#grid-rows tbody tr.grid-row')].map((tr) => {
      const fields = [...tr.querySelectorAll('input, select')];
      const form = fields[0]?.form;
      return {
        fields: fields.length,
        sameForm: fields.every((f) => f.form === form),
        formHoldsOnlyThem: form ? [...form.elements].every((e) => tr.contains(e)) : false,
      };
    }),
  );
  assert.ok(rows.length > 5);
  for (const r of rows) assert.deepEqual(r, { fields: r.fields, sameForm: true, formHoldsOnlyThem: true });
  // Enter in a cell moves down and submits nothing (no reload).
  await page.evaluate(() => (window.__stay = true));
  await page.focus('#f-rows-0-this_year');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-rows-1-this_year');
  assert.equal(await page.evaluate(() => window.__stay), true);
  await context.close();
});

test('hundreds of findings: errors first, 200 listed, the rest one click away, nothing of the form lost', async () => {
  const { context, page } = await openApp(browser, `${server.url}?synthetic=300`, { ready: CELL, timeout: 120_000 });
  // 300 amounts that are not amounts: one AMT-001 error each.
  await page.focus(CELL);
  await paste(page, '7x\r\n'.repeat(300));
  await page.waitForFunction(() => Number(document.querySelector('#sum-errors').textContent) >= 300, null, { timeout: 30_000 });
  const headline = await text(page, '.checks-headline');
  const [, errors, warnings] = headline.match(/错误 (\d+) 项，提示 (\d+) 项/).map(Number);
  const classes = () => page.locator('.findings > li').evaluateAll((lis) => lis.map((li) => li.className));
  const listed = await classes();
  assert.equal(listed.length, 200);
  assert.ok(listed.every((c) => c === 'finding error'), 'the errors come first');
  assert.match(await text(page, '.findings-more'), new RegExp(`另有 ${errors + warnings - 200} 项未列出`));
  await page.locator('.findings-more button').click();
  const all = await classes();
  assert.equal(all.length, errors + warnings);
  assert.equal(all.findIndex((c) => c !== 'finding error'), warnings ? errors : -1, 'then the warnings');
  assert.equal(await page.locator('.findings-more').count(), 0);
  // The last AMT-001, far below the first 200, still jumps to its cell,
  // which holds what was pasted.
  const amt = page.locator('.finding.error').filter({ has: page.locator('.fid', { hasText: /^AMT-001$/ }) });
  assert.equal(await amt.count(), 300);
  await amt.last().locator('.finding-go').click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-rows-299-this_year');
  assert.equal(await page.evaluate(() => document.activeElement.value), '7x');
  await context.close();
});
