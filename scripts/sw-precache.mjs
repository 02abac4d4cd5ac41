// Trunk post-build hook (Trunk.toml): writes the service worker into the
// build with the list of its files and a version that is a digest of their
// names and contents. Trunk hashes the app's file names, so the list is made
// here, after the build, not by hand; a build that changes any file gets a
// new worker version, which the open page offers as an update.
//
// Reads web/sw.js, writes $TRUNK_STAGING_DIR/sw.js (dist/ when run by hand:
// `node scripts/sw-precache.mjs dist`).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/sw-precache.mjs <dist dir> (or run by trunk with TRUNK_STAGING_DIR)');
  process.exit(2);
}

/** Every file under `d`, as paths relative to `dir` with forward slashes, sorted. */
function files(d) {
  return readdirSync(d)
    .flatMap((name) => {
      const path = join(d, name);
      return statSync(path).isDirectory() ? files(path) : [relative(dir, path).split(sep).join('/')];
    })
    .sort();
}

const list = files(dir).filter((f) => f !== 'sw.js');
const digest = createHash('sha256');
for (const f of list) {
  digest.update(f);
  digest.update('\0');
  digest.update(readFileSync(join(dir, f)));
}
const template = readFileSync(join(root, 'web', 'sw.js'), 'utf8');
digest.update(template);
const version = digest.digest('hex').slice(0, 16);
// `./` is the page (index.html) as it is navigated to.
const precache = ['./', ...list.filter((f) => f !== 'index.html')];
const sw = template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(precache, null, 2));
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`sw.js: version ${version}, ${precache.length} files precached`);
