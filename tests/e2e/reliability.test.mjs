// Reliability and security in real Chromium (issue 8): the Content-Security-Policy,
// hostile text in every view, storage faults (corrupted, newer, full, unavailable),
// two tabs on one draft, the crash banner, and hostile files through the import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveDist, launch, newContext, gotoApp, openApp, openTab, loadSample, draftText, waitForDraft, nextPaint } from './harness.mjs';

const DRAFT_KEY = 'budget-form.draft.v1';
const BACKUP_PREFIX = 'budget-form.draft.corrupt.';

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

/** Fill the input `sel` after showing its section (`#f-unit-…` → the 单位信息 tab). */
async function fillOn(page, sel, value) {
  const tab = sel.startsWith('#f-unit-')
    ? 'unit'
    : sel.startsWith('#f-projects-')
      ? 'projects'
      : sel.startsWith('#f-overall_performance-')
        ? 'overall'
        : 'narrative';
  await page.click(`#tab-${tab}`);
  await page.fill(sel, value);
}

/** Wait for the autosave of the current inputs (the toolbar says 已保存). */
async function autosaved(page) {
  await page.waitForFunction(() => /已保存/.test(document.querySelector('#saved-status')?.textContent ?? ''));
}

/** A context whose pages start with `entries` in localStorage (before the app runs). */
function seededContext(entries, extraInit) {
  const seed = (entries) => {
    // Seed once per context (a reload must see what the app wrote).
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }
  };
  return newContext(browser, { init: [[seed, entries], ...(extraInit ? [extraInit] : [])] });
}

/** Open the app (at `path`) in a new page of `context`. */
const open = (context, path = '') => openTab(context, server.url + path);

test('the page mounts under a CSP that allows no inline script', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script in the page');
  await loadSample(page);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  // An injected inline script is refused and reported as a CSP violation.
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window.__violation = e.violatedDirective), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  // The violation is reported (asynchronously); the script has not run by then.
  await page.waitForFunction(() => window.__violation !== undefined);
  const outcome = await page.evaluate(() => ({ blocked: window.__violation, ran: window.__ran === true }));
  assert.equal(outcome.ran, false);
  assert.match(outcome.blocked ?? '', /script-src/);
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleLines.filter((l) => /Content Security Policy/.test(l) && !/window.__ran|inline script/.test(l)), []);
  await context.close();
});

test('hostile text is shown as text in every view and nothing runs', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const dialogs = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await loadSample(page);
  const hostile = {
    '#f-unit-name': '<script>alert(1)</script>单位',
    '#f-unit-duties': '<img src=x onerror=alert(1)>职责',
    '#f-projects-0-name': 'javascript:alert(1)',
    '#f-projects-0-overview': '\u202e0001 项目概述',
    '#f-overall_performance-indicators-0-name': '<img src=x onerror=alert(2)>指标',
    '#f-projects-0-indicators-0-level3': '<script>alert(3)</script>',
  };
  for (const [sel, value] of Object.entries(hostile)) {
    await fillOn(page, sel, value);
  }
  const tabs = await page.locator('[role="tab"]').all();
  for (const tab of tabs) {
    await tab.click();
    // Its panel is shown, and painted.
    await page.locator(`[role="tabpanel"][aria-labelledby="${await tab.getAttribute('id')}"]`).waitFor();
    // The views the worker draws (表格, 情况说明): once they are drawn.
    await page.waitForFunction(() => ![...document.querySelectorAll('[role="tabpanel"] p.hint')].some((p) => p.textContent === '正在生成…'));
    await nextPaint(page);
    assert.equal(await page.locator('img[src="x"]').count(), 0, `no <img src=x> after ${await tab.innerText()}`);
    assert.equal(await page.locator('body script:not([src])').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  }
  // The texts appear literally where they are shown as text.
  await page.click('#tab-tables');
  await page.waitForSelector('#sec-tables figure.dtable');
  const tables = await page.locator('#sec-tables').innerText();
  assert.ok(tables.includes('<script>alert(1)</script>单位'), 'unit name in the tables view');
  await page.click('#tab-report');
  await page.waitForSelector('#sec-report .report-title');
  const report = await page.locator('#sec-report').innerText();
  assert.ok(report.includes('<script>alert(1)</script>单位'), 'unit name in the narrative');
  assert.ok(report.includes('<img src=x onerror=alert(1)>职责'), 'duty in the narrative');
  const body = await page.locator('body').innerText();
  assert.ok(body.includes('<img src=x onerror=alert(2)>指标') || tables.includes('<img src=x onerror=alert(2)>指标'));
  assert.equal(await page.inputValue('#f-projects-0-name'), 'javascript:alert(1)');
  assert.equal(await page.inputValue('#f-projects-0-overview'), '\u202e0001 项目概述');
  // The checks panel and notices quote clerk text as text too: an empty phone
  // plus a hostile name gives findings; none of them created elements.
  assert.equal(await page.locator('.checks img, #notice img').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleLines.filter((l) => /Content Security Policy/.test(l)), []);
  await context.close();
});

test('a corrupted draft is kept under a backup key, offered for download, and editing goes on', async () => {
  const corrupt = '{"unit": {"name": "半截草稿", "code": "1';
  const context = await seededContext({ [DRAFT_KEY]: corrupt });
  const { page, errors } = await open(context);
  const banner = await text(page, '#storage-banner');
  assert.match(banner, /本地草稿已损坏/);
  assert.match(banner, /另存为备份/);
  const keys = await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)), BACKUP_PREFIX);
  assert.equal(keys.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), keys[0]), corrupt);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-download-backup')]);
  assert.match(download.suggestedFilename(), /^budget-form-draft-backup-.*\.json$/);
  assert.equal(readFileSync(await download.path(), 'utf8'), corrupt);
  // Editing continues and is saved in the new (versioned) draft format.
  await loadSample(page);
  await autosaved(page);
  const draft = JSON.parse(await draftText(page));
  assert.equal(draft.format, 'budget-form-draft');
  assert.equal(draft.version, 1);
  assert.match(draft.saved_at, /^\d{4}-/);
  assert.equal(draft.inputs.unit.code, '103001001');
  // The backup is never overwritten: a second corrupted draft gets its own key.
  await page.evaluate((k) => localStorage.setItem(k, 'not json'), DRAFT_KEY);
  await page.reload();
  await page.waitForSelector('#storage-banner');
  const after = await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).map((k) => localStorage.getItem(k)), BACKUP_PREFIX);
  assert.deepEqual(after.sort(), [corrupt, 'not json'].sort());
  assert.deepEqual(errors, []);
  await context.close();
});

/** The draft's pieces in storage: key (without the prefix) → text. */
const PIECE_PREFIX = 'budget-form.draft.piece.';
const storedPieces = (page) =>
  page.evaluate(
    (p) => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(p)).map((k) => [k.slice(p.length), localStorage.getItem(k)])),
    PIECE_PREFIX,
  );
const headOf = async (page) => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY));

test('the draft is saved in pieces: an amount typed rewrites a small part of a large draft, and a reload reads it', async () => {
  const { context, page, errors } = await openApp(browser, `${server.url}?synthetic=3000`);
  await page.waitForSelector('#f-rows-5-this_year');
  await page.fill('#f-rows-4-this_year', '1000');
  const first = await waitForDraft(page, (d) => d.inputs.rows[4].this_year === '1000');
  const before = await storedPieces(page);
  const size = Object.values(before).reduce((n, t) => n + t.length, 0);
  assert.ok(Object.keys(before).length >= 10, `${Object.keys(before).length} pieces of ${size} characters`);
  assert.deepEqual(Object.keys(before).sort(), [...new Set((await headOf(page)).pieces)].sort());

  await page.fill('#f-rows-5-this_year', '4321');
  await waitForDraft(page, (d) => d.inputs.rows[5].this_year === '4321');
  const head = await headOf(page);
  assert.equal(head.format, 'budget-form-draft');
  assert.equal(head.version, 2);
  const after = await storedPieces(page);
  const written = Object.keys(after).filter((k) => !(k in before));
  const writtenSize = written.reduce((n, k) => n + after[k].length, 0);
  // The piece with the time of the save, and the piece with the amount.
  assert.ok(written.length >= 1 && written.length <= 3, `${written.length} pieces written`);
  assert.ok(writtenSize * 10 < size, `${writtenSize} of ${size} characters written`);
  // Only the listed pieces are kept.
  assert.deepEqual(Object.keys(after).sort(), [...new Set(head.pieces)].sort());
  assert.equal(JSON.parse(await draftText(page)).inputs.rows.length, first.inputs.rows.length);

  // The address without ?synthetic: the draft is what opens.
  await gotoApp(page, server.url, { ready: '#f-rows-5-this_year' });
  assert.equal(await page.inputValue('#f-rows-5-this_year'), '4321');
  assert.equal(await page.inputValue('#f-rows-4-this_year'), '1000');
  assert.equal(await page.locator('#storage-banner').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a piece of the draft missing: reported, every piece found is kept as a backup, editing goes on', async () => {
  const { context, page, errors } = await openApp(browser, `${server.url}?synthetic=300`);
  await page.fill('#f-rows-0-this_year', '1000');
  await waitForDraft(page, (d) => d.inputs.rows[0].this_year === '1000');
  const head = await headOf(page);
  assert.ok(head.pieces.length >= 2, `${head.pieces.length} pieces`);
  const pieces = await storedPieces(page);
  await page.evaluate((k) => localStorage.removeItem(k), PIECE_PREFIX + head.pieces[1]);
  await gotoApp(page, server.url, { ready: '#storage-banner' });
  const banner = await text(page, '#storage-banner');
  assert.match(banner, new RegExp(`本地草稿已损坏（草稿分段不完整：缺少第 2 段（共 ${head.pieces.length} 段））`));
  assert.match(banner, /另存为备份/);
  const backups = await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).map((k) => localStorage.getItem(k)), BACKUP_PREFIX);
  assert.deepEqual(backups, [head.pieces.filter((_, k) => k !== 1).map((k) => pieces[k]).join('')]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-download-backup')]);
  assert.equal(readFileSync(await download.path(), 'utf8'), backups[0]);
  // A new form is begun and saved; the old pieces go.
  assert.equal(await text(page, '#sum-income'), '0.00');
  await loadSample(page);
  await waitForDraft(page, (d) => d.inputs.unit.code === '103001001');
  const now = await headOf(page);
  assert.deepEqual(Object.keys(await storedPieces(page)).sort(), [...new Set(now.pieces)].sort());
  assert.deepEqual(errors, []);
  await context.close();
});

test('an old unversioned draft is still read, and a newer-version draft is backed up, not lost', async () => {
  const sample = readFileSync(join(ROOT, 'fixtures', 'dadukou-2021.json'), 'utf8');
  let context = await seededContext({ [DRAFT_KEY]: sample });
  let { page } = await open(context);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  assert.equal(await page.locator('#storage-banner').count(), 0);
  await context.close();

  const newer = JSON.stringify({ format: 'budget-form-draft', version: 3, saved_at: '2030-01-01T00:00:00Z', inputs: {} });
  context = await seededContext({ [DRAFT_KEY]: newer });
  ({ page } = await open(context));
  assert.match(await text(page, '#storage-banner'), /更新版本的程序保存（草稿第 3 版，本程序最高只能读取第 2 版）/);
  const kept = await page.evaluate((p) => Object.entries(localStorage).filter(([k]) => k.startsWith(p)).map(([, v]) => v), BACKUP_PREFIX);
  assert.deepEqual(kept, [newer]);
  await fillOn(page, '#f-unit-name', '新的填写');
  await autosaved(page);
  await context.close();
});

test('storage full or unavailable: a banner, and editing continues', async () => {
  // Full: every write throws QuotaExceededError.
  let context = await seededContext({}, () => {
    const orig = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'budget-form.draft.v1') throw new DOMException('full', 'QuotaExceededError');
      return orig.call(this, k, v);
    };
  });
  let { page, errors } = await open(context);
  await loadSample(page);
  await page.waitForSelector('#storage-banner');
  assert.match(await text(page, '#storage-banner'), /自动保存失败：浏览器存储空间已满/);
  // The pieces written before the head could not be are removed again.
  assert.deepEqual(await storedPieces(page), {});
  await fillOn(page, '#f-unit-name', '照常填写');
  assert.equal(await page.inputValue('#f-unit-name'), '照常填写');
  assert.deepEqual(errors, []);
  await context.close();

  // Unavailable: touching localStorage throws (storage blocked by policy).
  context = await newContext(browser, {
    init: [
      () => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('denied', 'SecurityError');
          },
        });
      },
    ],
  });
  ({ page, errors } = await open(context));
  assert.match(await text(page, '#storage-banner'), /浏览器本地存储不可用/);
  await loadSample(page);
  assert.equal(await text(page, '#sum-income'), '11,906,397.06');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second tab on the same draft is read-only until it takes over', async () => {
  const context = await newContext(browser);
  const first = await open(context);
  await loadSample(first.page);
  await autosaved(first.page);
  const second = await open(context);
  await second.page.waitForSelector('#tab-banner');
  assert.match(await text(second.page, '#tab-banner'), /此草稿已在另一个标签页中打开/);
  assert.equal(await second.page.locator('.layout[inert]').count(), 1, 'the form is inert');
  assert.equal(await first.page.locator('#tab-banner').count(), 0, 'the first tab keeps editing');
  // An edit in the first tab is saved and mirrored in the second (on the
  // section it shows: an inert page cannot switch sections); the second never writes.
  await first.page.fill('#f-rows-0-this_year', '1234.5');
  await second.page.waitForFunction(() => document.querySelector('#f-rows-0-this_year')?.value === '1234.5', null, { timeout: 5000 });
  await fillOn(first.page, '#f-unit-name', '第一个标签页');
  await autosaved(first.page);
  // The second takes over: the first becomes read-only and is told.
  await second.page.click('#btn-take-over');
  await second.page.waitForSelector('#tab-banner', { state: 'detached' });
  await first.page.waitForSelector('#tab-banner', { timeout: 5000 });
  assert.equal(await first.page.locator('.layout[inert]').count(), 1);
  await fillOn(second.page, '#f-unit-name', '第二个标签页');
  await autosaved(second.page);
  await first.page.waitForFunction(() => document.querySelector('#f-unit-name')?.value === '第二个标签页', null, { timeout: 5000 });
  const draft = JSON.parse(await draftText(first.page));
  assert.equal(draft.inputs.unit.name, '第二个标签页');
  // The first tab, read-only, never wrote over it.
  await fillOn(second.page, '#f-unit-name', '第二个标签页又改');
  await waitForDraft(first.page, (d) => d.inputs.unit.name === '第二个标签页又改');
  await first.page.waitForFunction(() => document.querySelector('#f-unit-name')?.value === '第二个标签页又改');
  assert.deepEqual(first.errors, []);
  assert.deepEqual(second.errors, []);
  await context.close();
});

test('a panic shows the crash banner, and 下载当前数据 gives the last autosave', async () => {
  const context = await newContext(browser);
  const { page } = await open(context, '?panic-test=1');
  const console = [];
  page.on('console', (m) => console.push(m.text()));
  await loadSample(page);
  await fillOn(page, '#f-unit-name', '崩溃前的填写');
  await autosaved(page);
  await waitForDraft(page, (d) => d.inputs?.unit?.name === '崩溃前的填写');
  // Saved with every non-ASCII character escaped (one byte a character in
  // JavaScript and in storage), and read back as typed.
  const stored = await draftText(page);
  assert.match(stored, /^[\x00-\x7f]*$/);
  assert.ok(stored.includes('\\u5d29'), '崩 is written as an escape');
  await page.click('#panic-test');
  await page.waitForSelector('#crash-banner');
  assert.match(await text(page, '#crash-banner'), /程序出错，您的数据已自动保存/);
  assert.ok(console.some((l) => /panic-test/.test(l)), 'the panic is still logged');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-crash-download')]);
  assert.equal(download.suggestedFilename(), '103001001-2021-draft.json');
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.unit.name, '崩溃前的填写');
  assert.equal(saved.rows.length > 0, true);
  await page.screenshot({ path: '/tmp/crash-banner.png' });
  await context.close();
});

test('hostile files from fixtures/bad are refused and the form is unchanged', async () => {
  const manifest = readFileSync(join(ROOT, 'fixtures', 'bad', 'expected.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const pick = ['huge-number-amount.json', 'nan-amount.json', 'version-zero.json', 'array-for-object.json', 'utf16.json'];
  const { context, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  for (const name of pick) {
    const [, exit, message] = manifest.find(([f]) => f === name);
    assert.equal(exit, '2');
    await page.setInputFiles('#import-file', join(ROOT, 'fixtures', 'bad', name));
    await page.waitForFunction((n) => document.querySelector('#notice')?.textContent.includes(n), name);
    const notice = await text(page, '#notice');
    assert.ok(notice.includes(message.split(': ').pop()), `${name}: ${notice}`);
    assert.equal(await text(page, '#sum-income'), '11,906,397.06');
    await page.click('#tab-unit');
    assert.equal(await page.inputValue('#f-unit-name'), '重庆市大渡口区人民政府办公室');
    await page.click('#tab-rows');
  }
  // The hand-edited file is read, and IMP-001 names the edited figure.
  await page.setInputFiles('#import-file', join(ROOT, 'fixtures', 'bad', 'edited-total.json'));
  // The sample in the form is kept nowhere else: the import asks first.
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-discard');
  await page.waitForFunction(() => document.body.innerText.includes('IMP-001') || document.body.innerText.includes('derived.totals.total'));

  // Stated figures that are not JSON are found by the comparison after the
  // imported rows are shown: the file is taken back out, the edit before it stays.
  await page.fill('#f-rows-0-this_year', '100');
  await page.keyboard.press('Enter');
  await page.setInputFiles('#import-file', join(ROOT, 'fixtures', 'bad', 'derived-not-json.json'));
  await page.waitForSelector('#replace-dialog');
  await page.click('#btn-discard');
  await page.waitForFunction(() => /“derived-not-json\.json”未导入/.test(document.querySelector('#notice')?.textContent ?? ''));
  assert.match(await text(page, '#notice'), /第 573 行第 30 列：此处应为逗号/);
  assert.equal(await page.inputValue('#f-rows-0-this_year'), '100');
  assert.deepEqual(errors, []);
  await context.close();
});
