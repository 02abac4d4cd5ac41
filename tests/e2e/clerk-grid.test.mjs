// The clerk's grid habits (issue 28, points 4–6) and codes read however typed
// (issue 23), each written as what the clerk does and what they see.
// Serves dist/ (run `trunk build --release --features test-hooks` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, loadSample, paste } from './harness.mjs';

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

const active = (page) => page.evaluate(() => document.activeElement?.id);
const value = (page, id) => page.inputValue(`#${id}`);
const text = (page, sel) => page.locator(sel).innerText();
const rowCount = (page) => page.evaluate(() => Number(document.querySelector('#grid-rows table').getAttribute('aria-rowcount')) - 2);
const checks = (page) => page.evaluate(() => document.querySelector('#checks-live')?.textContent ?? '');
const picker = (page, id) => page.locator(`#${id}-picker`);

// 表2 as a clerk copies it from last year's sheet: its header, the 合计 line,
// 类/款 subtotal lines, 千分位, blank cells, a 项 with both types.
const TABLE2_WITH_HEADER = [
  '科目编码\t科目名称\t2024年预算数\t小计\t基本支出\t项目支出',
  '合计\t\t1,580,000.00\t1,650,000.00\t1,150,000.00\t500,000.00',
  '205\t教育支出\t1,580,000.00\t1,650,000.00\t1,150,000.00\t500,000.00',
  '20501\t教育管理事务\t1,580,000.00\t1,650,000.00\t1,150,000.00\t500,000.00',
  '2050101\t行政运行\t1,200,000.00\t1,150,000.00\t1,150,000.00\t',
  '2050102\t一般行政管理事务\t380,000.00\t500,000.00\t\t500,000.00',
].join('\r\n') + '\r\n';

test('point 4: a block pasted with its header lands in its columns; 合计, 类 and 款 lines are skipped', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => document.querySelector('#sec-rows').scrollIntoView());
  // The empty grid has a blank row: the clerk clicks into it and pastes.
  await page.click('#grid-rows-new-0');
  await paste(page, TABLE2_WITH_HEADER);
  assert.equal(await rowCount(page), 2);
  assert.match(await text(page, '#grid-rows-status'), /按表头对应列（科目编码→功能科目编码、2024年预算数→上年预算数、小计→本年预算数、基本支出→支出类型（基本支出）、项目支出→支出类型（项目支出））/);
  assert.match(await text(page, '#grid-rows-status'), /跳过 2 行类\/款小计，跳过 1 行合计/);
  assert.equal(await value(page, 'f-rows-0-code'), '2050101');
  assert.equal(await page.inputValue('#f-rows-0-source'), '一般公共预算');
  assert.equal(await page.inputValue('#f-rows-0-kind'), '基本支出');
  assert.equal(await value(page, 'f-rows-0-this_year'), '1,150,000.00');
  assert.equal(await value(page, 'f-rows-0-last_year'), '1,200,000.00');
  assert.equal(await value(page, 'f-rows-1-code'), '2050102');
  assert.equal(await page.inputValue('#f-rows-1-kind'), '项目支出');
  assert.equal(await value(page, 'f-rows-1-this_year'), '500,000.00');
  assert.equal(await value(page, 'f-rows-1-last_year'), '380,000.00');
  assert.equal(await text(page, '#grid-rows tfoot td.num >> nth=0'), '1,650,000.00');
  // Nothing pasted is unreadable: no header row became data, no figure landed in 收入来源.
  const found = await checks(page);
  assert.doesNotMatch(found, /INP-001|AMT-001|无法识别|不在科目目录中/);
  // The blank row is still there below, for the next line.
  assert.equal(await value(page, 'grid-rows-new-0'), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('point 4: the hint says the column order and points to 导入表格 for whole sheets', async () => {
  const { context, page } = await openApp(browser, server.url);
  const hint = await text(page, '#sec-rows .hint');
  assert.match(hint, /列的顺序：功能科目编码、科目名称、收入来源、支出类型、本年预算数、上年预算数/);
  assert.match(hint, /带表头.*按表头对应/);
  assert.match(hint, /整张表请用工具栏的“导入表格”/);
  await context.close();
});

test('point 4: an empty grid takes typing at once, and Tab leaves it from the blank row', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  assert.equal(await rowCount(page), 0);
  // Reached by keyboard, the empty grid takes what the clerk types.
  await page.focus('#grid-rows');
  await page.keyboard.type('2010301');
  assert.equal(await active(page), 'grid-rows-new-0');
  assert.equal(await value(page, 'grid-rows-new-0'), '2010301');
  assert.equal(await rowCount(page), 0, 'a row only once the code is entered');
  // Enter takes the picker's code: the blank row is now row 1, a new blank row below.
  await page.keyboard.press('Enter');
  assert.equal(await rowCount(page), 1);
  assert.equal(await text(page, '#grid-rows-0-1'), '行政运行');
  assert.equal(await active(page), 'f-rows-0-code');
  assert.equal(await value(page, 'grid-rows-new-0'), '');
  // Enter goes down to the blank row; typing an amount there makes row 2.
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'grid-rows-new-0');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'grid-rows-new-4');
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  assert.equal(await rowCount(page), 2);
  assert.equal(await value(page, 'f-rows-1-this_year'), '100');
  // One Ctrl+Z takes the typed row away whole.
  await page.keyboard.press('Control+z');
  assert.equal(await rowCount(page), 1);
  // Tab from the blank row's last cell leaves the grid, and adds no row.
  await page.focus('#grid-rows-new-5');
  await page.keyboard.press('Tab');
  const inGrid = await page.evaluate(() => document.querySelector('#grid-rows').contains(document.activeElement));
  assert.equal(inGrid, false);
  assert.equal(await rowCount(page), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('point 5: 行政运行 lists every 类, says how many more and scrolls; 教育行政运行 finds 2050101', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.click('#grid-rows-new-0');
  await page.keyboard.type('行政运行');
  const list = picker(page, 'grid-rows-new-0');
  await list.waitFor();
  const items = list.locator('li');
  assert.equal(await items.count(), 50);
  assert.match(await text(page, '#grid-rows-new-0-picker + .picker-more'), /另有 12 项未列出/);
  const codes = await items.evaluateAll((lis) => lis.map((li) => li.querySelector('.pk-code').textContent));
  assert.ok(codes.includes('2050101') && codes.includes('2080101'), codes.join(' '));
  // The list scrolls: arrowing down far keeps the highlight in view.
  for (let k = 0; k < 40; k++) await page.keyboard.press('ArrowDown');
  const hi = await list.locator('li.hi').innerText();
  assert.match(hi, /^2082801/);
  // (scrolled at the next frame)
  await page.waitForFunction(() => {
    const ul = document.querySelector('#grid-rows-new-0-picker');
    const li = ul.querySelector('li.hi');
    const a = ul.getBoundingClientRect();
    const b = li.getBoundingClientRect();
    return ul.scrollTop > 0 && b.top >= a.top - 1 && b.bottom <= a.bottom + 1;
  }, null, { timeout: 5000 });
  // While the clerk types in the picker, no 不在科目目录中 error.
  assert.doesNotMatch(await checks(page), /不在科目目录中/);
  assert.equal(await page.getAttribute('#grid-rows-new-0', 'class').then((c) => /flag-error/.test(c)), false);
  // 教育 + 行政运行 in one word: 教育支出 / 教育管理事务 / 行政运行.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.type('教育行政运行');
  await list.locator('li.hi').waitFor();
  assert.match(await list.locator('li.hi').innerText(), /^2050101\s+行政运行/);
  assert.equal(await list.locator('li').count(), 1);
  assert.equal(await page.locator('.picker-more:visible').count(), 0);
  // Tab takes the code and goes on to the next cell.
  await page.keyboard.press('Tab');
  assert.equal(await value(page, 'f-rows-0-code'), '2050101');
  assert.equal(await active(page), 'grid-rows-0-1');
  assert.match(await text(page, '#grid-rows-0-1'), /行政运行/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('issue 23: a code typed as 201 03 01, 201.03.01 or ２０１０３０１ is stored as 2010301', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  const typed = ['201 03 02', '201.03.03', '２０１０３０５'];
  const want = ['2010302', '2010303', '2010305'];
  // Enter goes down a row, the next code cell selected: typing replaces it.
  await page.click('#f-rows-0-code');
  for (const [k, code] of typed.entries()) {
    assert.equal(await active(page), `f-rows-${k}-code`);
    await page.keyboard.type(code);
    // The picker reads the code as typed.
    assert.match(await picker(page, `f-rows-${k}-code`).locator('li.hi').innerText(), new RegExp(`^${want[k]}`));
    await page.keyboard.press('Escape');
    // Committed without the picker (Enter), the cell holds the plain code.
    await page.keyboard.press('Enter');
    assert.equal(await value(page, `f-rows-${k}-code`), want[k], code);
  }
  // A pasted grouped code too.
  await page.click('#f-rows-3-code');
  await paste(page, '201 03 06\r\n');
  assert.equal(await value(page, 'f-rows-3-code'), '2010306');
  assert.doesNotMatch(await checks(page), /不在科目目录中/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('point 6: Ctrl+= and Ctrl+- stay the browser\'s zoom; Ctrl+Alt+= and Ctrl+Alt+- insert and delete rows', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.evaluate(() => {
    window.__prevented = [];
    window.addEventListener('keydown', (ev) => window.__prevented.push(`${ev.key}:${ev.defaultPrevented}`));
  });
  await page.focus('#f-rows-2-code');
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+-');
  assert.equal(await rowCount(page), 16, 'no row inserted or deleted');
  assert.deepEqual(await page.evaluate(() => window.__prevented.filter((k) => /^[=-]:/.test(k))), ['=:false', '-:false']);
  await page.keyboard.press('Control+Alt+=');
  assert.equal(await rowCount(page), 17);
  assert.equal(await value(page, 'f-rows-2-code'), '');
  assert.equal(await value(page, 'f-rows-3-code'), '2010303');
  await page.keyboard.press('Control+Alt+-');
  assert.equal(await rowCount(page), 16);
  assert.equal(await value(page, 'f-rows-2-code'), '2010303');
  assert.match(await page.getAttribute('#sec-rows .grid-tools button:has-text("上方插入行")', 'title'), /Ctrl\+Alt\+=/);
  assert.match(await page.getAttribute('#sec-rows .grid-tools button:has-text("删除所选行")', 'title'), /Ctrl\+Alt\+-/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('point 6: ArrowDown on 收入来源 and 支出类型 moves down as in Excel; Alt+ArrowDown is the list\'s', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  for (const col of ['source', 'kind']) {
    await page.focus(`#f-rows-0-${col}`);
    const before = [await page.inputValue(`#f-rows-0-${col}`), await page.inputValue(`#f-rows-1-${col}`)];
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(page), `f-rows-1-${col}`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(page), `f-rows-2-${col}`);
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(page), `f-rows-1-${col}`);
    assert.deepEqual([await page.inputValue(`#f-rows-0-${col}`), await page.inputValue(`#f-rows-1-${col}`)], before, 'no value changed');
  }
  // Alt+ArrowDown stays on the cell (the browser opens its list).
  await page.focus('#f-rows-3-kind');
  const prevented = await page.evaluate(() => {
    const ev = new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true, cancelable: true });
    document.activeElement.dispatchEvent(ev);
    return document.activeElement.id;
  });
  assert.equal(prevented, 'f-rows-3-kind');
  assert.equal(await active(page), 'f-rows-3-kind');
  assert.deepEqual(errors, []);
  await context.close();
});
