// Starts the app. Trunk's default loader is an inline <script>, which the page's
// Content-Security-Policy (index.html: script-src 'self' 'wasm-unsafe-eval', no
// 'unsafe-inline') forbids; Trunk.toml's pattern_script puts this file in its
// place, with the hashed names of the bindings and the wasm as data attributes.
const tag = document.querySelector('script[data-bindings][data-wasm]');
const { default: init } = await import(tag.dataset.bindings);
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
offline();

// The service worker (sw.js, written by scripts/sw-precache.mjs) keeps the app
// for offline use. Registered once the page has loaded, so its downloads do not
// slow the first load. A new version waits: the clerk is offered
// “新版本可用，刷新” and the page reloads only on that click.
function offline() {
  if (!('serviceWorker' in navigator)) return;
  // Set by the click on 刷新: only then does a new worker taking over reload the page.
  let asked = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (asked) location.reload();
  });
  const register = async () => {
    const reg = await navigator.serviceWorker.register('sw.js');
    const offer = (worker) => {
      if (!navigator.serviceWorker.controller || document.getElementById('update-banner')) return;
      const bar = document.createElement('div');
      bar.id = 'update-banner';
      bar.className = 'update-banner';
      bar.setAttribute('role', 'status');
      const text = document.createElement('span');
      text.textContent = '已填内容已自动保存。';
      const button = document.createElement('button');
      button.type = 'button';
      button.id = 'btn-update';
      button.textContent = '新版本可用，刷新';
      button.addEventListener('click', () => {
        button.disabled = true;
        asked = true;
        worker.postMessage({ type: 'skip-waiting' });
      });
      bar.append(button, text);
      document.body.append(bar);
    };
    const watch = (worker) =>
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    if (reg.waiting) offer(reg.waiting);
    if (reg.installing) watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  };
  const start = () => register().catch((e) => console.warn('service worker not registered', e));
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
