// Prints the gzip size of the JS a signed-in reader loads before the home page renders, and fails over a budget:
//   - the entry script and its modulepreloads (index.html),
//   - the reader's language catalogue (i18n/index.ts loads one of ja/en before the first render: the larger counts),
//   - the home page's chunk and the chunks it imports that are not already counted.
// Everything else (other pages, the header menus, the toasts) loads later in chunks of its own.
// Usage (after `vite build`): node apps/web/scripts/initial-size.mjs [maxKB] [dist]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = process.argv[3] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const counted = new Set();
let total = 0;
const count = (f, why) => {
  if (counted.has(f)) return;
  counted.add(f);
  const size = gz(f);
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${f}  (${why})`);
};
/** A chunk and the chunks it imports statically (`import"./x.js"`, `from"./x.js"`; not `import("./x.js")`). */
const withImports = (f, why) => {
  if (counted.has(f)) return;
  count(f, why);
  const code = readFileSync(join(dist, f), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) withImports(`assets/${m[1]}`, why);
};

for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)) {
  withImports(m[1], 'index.html');
}
const one = (re, what) => {
  const found = assets.filter((f) => re.test(f));
  if (found.length === 0) throw new Error(`no ${what} chunk in dist/assets`);
  return found.map((f) => `assets/${f}`);
};
const [catalogue] = one(/^(ja|en)-[\w-]+\.js$/, 'language catalogue').sort((a, b) => gz(b) - gz(a));
count(catalogue, 'language catalogue, the larger of ja/en');
for (const f of one(/^HomePage-[\w-]+\.js$/, 'home page')) withImports(f, 'home page');

console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  initial JS (gzip)`);
const max = Number(process.argv[2] ?? 200);
if (total / 1024 > max) {
  console.error(`initial JS is over ${max} KB gzip`);
  process.exit(1);
}
