// Starts the app. Trunk's default loader is an inline <script>, which the page's
// Content-Security-Policy (index.html: script-src 'self' 'wasm-unsafe-eval', no
// 'unsafe-inline') forbids; Trunk.toml's pattern_script puts this file in its
// place, with the hashed names of the bindings and the wasm as data attributes.
const tag = document.querySelector('script[data-bindings][data-wasm]');
const { default: init } = await import(tag.dataset.bindings);
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
