// Issue 28 point 1, nothing is lost by one click: one undo history for the
// whole form. Each test is a clerk's actions and what they then see: 删除项目
// and Ctrl+Z, a removed indicator / link / 政府采购 line and the 撤销 button,
// typing in a field and Ctrl+Z, and a grid edit and a field edit undone and
// redone in order. The grids' own undo tests are in grid.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, loadSample, waitForDraft } from './harness.mjs';

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

const value = (page, id) => page.inputValue(`#${id}`);
const text = (page, sel) => page.locator(sel).innerText();
/** Body rows of project `p`'s indicator grid. */
const indicatorRows = (page, p) =>
  page.evaluate((p) => Number(document.querySelector(`#grid-projects-${p}-indicators table`).getAttribute('aria-rowcount')) - 1, p);
/** The findings listed in the checks panel, as text. */
const findings = (page) => page.evaluate(() => [...document.querySelectorAll('.finding .finding-go')].map((f) => f.textContent).sort());
/** Waits until the status line of the form's history says `re`. */
const statusSays = (page, re) =>
  page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#undo-status')?.textContent ?? ''), re.source);

/** Dispatch a paste of `tsv` on `selector` (headless clipboard permissions are unreliable). */
async function paste(page, tsv, selector) {
  await page.evaluate(
    ({ tsv, selector }) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', tsv);
      document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { tsv, selector },
  );
}

test('删除项目, then Ctrl+Z: the project form is back whole, with no new finding, and saved', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-projects');
  await page.locator('#grid-projects-0-indicators').waitFor();
  const before = {
    overview: await value(page, 'f-projects-0-overview'),
    findings: await findings(page),
    errors: await text(page, '#sum-errors'),
    warnings: await text(page, '#sum-warnings'),
  };
  assert.equal(await value(page, 'f-projects-0-name'), '政务公开专项');

  // One click: the form is gone at once, and the status line says how to get it back.
  await page.click('#sec-projects fieldset.project button.del:has-text("删除项目 1")');
  await page.locator('#f-projects-0-name').waitFor({ state: 'detached' });
  assert.match(await text(page, '#undo-status'), /已删除项目「政务公开专项」 — 按 Ctrl\+Z 或点“撤销”恢复/);
  await waitForDraft(page, (d) => d.inputs.projects.length === 0);

  // Ctrl+Z (the focus is nowhere in particular): the project is back.
  await page.keyboard.press('Control+z');
  await page.locator('#f-projects-0-name').waitFor();
  assert.equal(await value(page, 'f-projects-0-name'), '政务公开专项');
  assert.equal(await value(page, 'f-projects-0-budget_this_year'), '300000.00');
  assert.equal(await value(page, 'f-projects-0-overview'), before.overview);
  assert.equal(await indicatorRows(page, 0), 19);
  assert.match(await page.locator('#f-projects-0-links .link-list li').first().innerText(), /^2010306 /);
  assert.match(await text(page, '#undo-status'), /已撤销：删除项目「政务公开专项」/);
  assert.equal(await text(page, '#sum-errors'), before.errors);
  assert.equal(await text(page, '#sum-warnings'), before.warnings);
  assert.deepEqual(await findings(page), before.findings, 'no new finding');
  // Autosave keeps the project that came back.
  const draft = await waitForDraft(page, (d) => d.inputs.projects.length === 1);
  assert.equal(draft.inputs.projects[0].indicators.length, 19);

  // Ctrl+Y deletes it again; the 撤销 button brings it back again.
  await page.keyboard.press('Control+y');
  await page.locator('#f-projects-0-name').waitFor({ state: 'detached' });
  await page.click('#btn-undo');
  await page.locator('#f-projects-0-name').waitFor();
  assert.equal(await indicatorRows(page, 0), 19);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a removed indicator, link and 政府采购 line each come back with the 撤销 button', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-projects');
  await page.locator('#grid-projects-0-indicators').waitFor();

  // An indicator row, by its row's 删除 button.
  const fourth = await value(page, 'f-projects-0-indicators-3-level3');
  const fifth = await value(page, 'f-projects-0-indicators-4-level3');
  await page.click('button[aria-label="删除项目1 指标第4行"]');
  assert.equal(await indicatorRows(page, 0), 18);
  assert.equal(await value(page, 'f-projects-0-indicators-3-level3'), fifth);
  await page.click('#btn-undo');
  assert.equal(await indicatorRows(page, 0), 19);
  assert.equal(await value(page, 'f-projects-0-indicators-3-level3'), fourth);
  assert.match(await text(page, '#undo-status'), /已撤销：删除行/);

  // The project's one link.
  const links = page.locator('#f-projects-0-links .link-list li');
  await page.click('#f-projects-0-links-0-code');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links .link-list li').length === 0);
  await page.click('#btn-undo');
  await page.waitForFunction(() => document.querySelectorAll('#f-projects-0-links .link-list li').length === 1);
  assert.match(await links.first().innerText(), /^2010306 /);
  assert.match(await text(page, '#undo-status'), /已撤销：移除项目1的关联 2010306/);

  // A 政府采购 line.
  await page.click('#tab-procurement');
  await page.locator('#grid-procurement').waitFor();
  const sum = await text(page, '#grid-procurement tfoot td.num');
  await page.click('button[aria-label="删除政府采购第1行"]');
  assert.notEqual(await text(page, '#grid-procurement tfoot td.num'), sum);
  await page.click('#btn-undo');
  assert.equal(await text(page, '#grid-procurement tfoot td.num'), sum);
  assert.equal(await value(page, 'f-procurement-0-amount'), '566000.00');
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing in a field, then Ctrl+Z: the old text, in one step however many keys', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-unit');
  const name = await value(page, 'f-unit-name');
  await page.focus('#f-unit-name');
  await page.keyboard.press('End');
  await page.keyboard.type('（测试）');
  assert.equal(await value(page, 'f-unit-name'), `${name}（测试）`);
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'f-unit-name'), name);
  assert.match(await text(page, '#undo-status'), /已撤销：修改“部门（单位）名称”/);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await value(page, 'f-unit-name'), `${name}（测试）`);

  // An amount of a project form: typed, undone, and the summary follows.
  await page.click('#tab-projects');
  await page.focus('#f-projects-0-budget_this_year');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('12');
  assert.equal(await value(page, 'f-projects-0-budget_this_year'), '12');
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'f-projects-0-budget_this_year'), '300000.00');
  await waitForDraft(page, (d) => d.inputs.projects[0].budget_this_year === '300000.00' && d.inputs.unit.name === `${name}（测试）`);

  // The link search box keeps the browser's own undo: Ctrl+Z there leaves the form alone.
  await page.focus('#f-projects-0-links-add');
  await page.keyboard.type('2010');
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'f-unit-name'), `${name}（测试）`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a grid edit then a field edit: Ctrl+Z twice undoes both in reverse order, Ctrl+Y redoes', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.focus('#f-rows-0-this_year');
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await page.click('#tab-unit');
  const phone = await value(page, 'f-unit-contact_phone');
  await page.fill('#f-unit-contact_phone', '023-12345678');

  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'f-unit-contact_phone'), phone);
  assert.equal(await value(page, 'f-rows-0-this_year'), '100');
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'f-rows-0-this_year'), '6849169.92');
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  assert.match(await text(page, '#undo-status'), /已撤销：编辑（/);
  await page.keyboard.press('Control+z');
  assert.match(await text(page, '#undo-status'), /没有可撤销的操作/);

  await page.keyboard.press('Control+y');
  assert.equal(await value(page, 'f-rows-0-this_year'), '100');
  assert.equal(await value(page, 'f-unit-contact_phone'), phone);
  await page.keyboard.press('Control+y');
  assert.equal(await value(page, 'f-unit-contact_phone'), '023-12345678');
  // The grid's own 撤销 button is the form's too: it undoes the field edit.
  await page.click('#tab-rows');
  await page.click('#sec-rows .grid-tools button:has-text("撤销")');
  assert.equal(await value(page, 'f-unit-contact_phone'), phone);
  assert.match(await text(page, '#grid-rows-status'), /已撤销：修改“联系电话”/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a project\'s grid steps find their project after a project before it is deleted and restored', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.click('#tab-projects');
  await page.click('#sec-projects > button.add');
  await page.locator('#grid-projects-1-indicators').waitFor();
  await page.fill('#f-projects-1-name', '新项目');
  await paste(page, '产出指标\t数量指标\t培训次数\t≥4\t\t\r\n效益指标\t满意度指标\t群众满意度\t≥90%\t\t\r\n', '#grid-projects-1-indicators');
  assert.equal(await indicatorRows(page, 1), 2);

  // Delete project 1: 新项目 is now project 1; edit its grid there.
  await page.click('#sec-projects fieldset.project button.del:has-text("删除项目 1")');
  await statusSays(page, /已删除项目「政务公开专项」/);
  assert.equal(await value(page, 'f-projects-0-name'), '新项目');
  await page.locator('#grid-projects-1-indicators').waitFor({ state: 'detached' });
  await page.focus('#f-projects-0-indicators-1-target');
  await page.keyboard.type('≥95%');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'f-projects-0-indicators-1-target'), '≥95%');

  // Undo the edit, then the deletion: each project has its own indicators back.
  await page.click('#btn-undo');
  assert.equal(await value(page, 'f-projects-0-indicators-1-target'), '≥90%');
  await page.click('#btn-undo');
  await page.locator('#grid-projects-1-indicators').waitFor();
  assert.equal(await value(page, 'f-projects-0-name'), '政务公开专项');
  assert.equal(await value(page, 'f-projects-1-name'), '新项目');
  assert.equal(await indicatorRows(page, 0), 19);
  assert.equal(await indicatorRows(page, 1), 2);
  // The paste into 新项目's grid, undone from there: that grid, not project 1's.
  await page.click('#btn-undo');
  assert.equal(await indicatorRows(page, 1), 0);
  assert.equal(await indicatorRows(page, 0), 19);
  // And all of it redone.
  for (let k = 0; k < 3; k++) await page.click('#btn-redo');
  assert.equal(await value(page, 'f-projects-0-name'), '新项目');
  assert.equal(await value(page, 'f-projects-0-indicators-1-target'), '≥95%');
  assert.equal(await page.locator('#f-projects-1-name').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('loading the sample or 新建 leaves nothing to undo', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.click('#tab-unit');
  await page.fill('#f-unit-name', '某单位');
  await loadSample(page);
  await page.click('#btn-undo');
  assert.match(await text(page, '#undo-status'), /没有可撤销的操作/);
  assert.equal(await value(page, 'f-unit-name'), '重庆市大渡口区人民政府办公室');
  await page.fill('#f-unit-name', '某单位');
  await page.click('#btn-new');
  // 新建 over a form kept nowhere else asks first (the in-page question).
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-discard');
  await page.waitForFunction(() => document.querySelector('#sum-income')?.textContent === '0.00');
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'f-unit-name'), '');
  assert.match(await text(page, '#undo-status'), /没有可撤销的操作/);
  assert.deepEqual(errors, []);
  await context.close();
});
