// The service worker: the app offline. scripts/sw-precache.mjs (a Trunk
// post-build hook) writes it into dist/ with VERSION (a digest of every file
// of the build) and PRECACHE (those files) filled in, so each build that
// changes a file is a new worker.
//
// Install fetches every file of the build into a cache of its own version;
// the page and its files are then served from that cache (the same build
// always, never a mix of two). A new worker waits until the page asks it to
// take over (web/init.js shows “新版本可用，刷新”), so a deploy never
// switches the app under a clerk who is typing. Activation drops the caches
// of other versions.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `budget-form-${VERSION}`;

self.addEventListener('install', (event) => {
  // `reload`: from the server, not an HTTP cache that may hold another build.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('budget-form-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
  if (event.data?.type === 'version') event.source?.postMessage({ type: 'version', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page itself, whatever its query (`?synthetic=N`): the cached index.html.
    event.respondWith(
      caches.open(CACHE).then(async (cache) => (await cache.match('./')) ?? fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(request, { ignoreSearch: true })) ?? fetch(request)),
  );
});
