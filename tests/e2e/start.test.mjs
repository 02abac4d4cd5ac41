// The page's start: the catalogs (catalogs.txt) are fetched once, while the
// wasm compiles, before the form is shown; without them the form is not
// shown and the clerk is told why, the saved draft untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, openApp, loadSample, waitForDraft } from './harness.mjs';

const DRAFT_KEY = 'budget-form.draft.v1';

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

test('the catalogs are fetched once (the preload serves the fetch) and the picker knows their names', async () => {
  const { context, page } = await newPage(browser);
  const asked = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/catalogs.txt')) asked.push(r.url());
  });
  await page.goto(server.url);
  await page.waitForSelector('#sum-income');
  assert.equal(asked.length, 1, asked.join(', '));
  // A name comes from the fetched catalogs: the sample's first row's code.
  await loadSample(page);
  assert.match(await page.locator('#grid-rows tbody tr.grid-row').first().innerText(), /行政运行/);
  await context.close();
});

for (const [what, answer, said] of [
  ['missing (HTTP 404)', { status: 404, body: 'not found' }, /无法下载科目目录（HTTP 404），无法开始填报。请检查网络后刷新页面；本机保存的草稿不受影响。/],
  ['not a catalog', { status: 200, body: '<html>proxy login</html>' }, /科目目录文件第1行格式不对：应为“@年度 function”或“@年度 economic”，依年度排列，无法开始填报。/],
  ['cut short', { status: 200, body: '@2021 function\n201,一般公共服务支出,v\n' }, /科目目录文件第3行格式不对/],
]) {
  test(`catalogs ${what}: the form is not shown, the clerk is told why, the draft is kept`, async () => {
    // A draft saved earlier in this browser. (No service worker: it would
    // answer from its cache, before the route below.)
    const { context, page } = await openApp(browser, server.url, { serviceWorkers: 'block' });
    await loadSample(page);
    const saved = await waitForDraft(page, (d) => JSON.stringify(d).includes('大渡口'));
    const head = await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
    await page.close();

    const next = await context.newPage();
    const errors = [];
    next.on('pageerror', (e) => errors.push(String(e)));
    await next.route('**/catalogs.txt', (route) =>
      route.fulfill({ status: answer.status, contentType: 'text/plain; charset=utf-8', body: answer.body }),
    );
    await next.goto(server.url);
    const alert = next.locator('#start-failure[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), said);
    assert.equal(await next.locator('#sum-income').count(), 0);
    assert.equal(await next.evaluate((k) => localStorage.getItem(k), DRAFT_KEY), head);
    assert.ok(saved.inputs);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
