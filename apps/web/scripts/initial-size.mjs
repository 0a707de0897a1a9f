// Prints the gzip size of the JS loaded before any lazy page chunk: the entry script and its modulepreloads.
// Usage (after `vite build`): node apps/web/scripts/initial-size.mjs [maxKB]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const f of files) {
  const size = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${f}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  initial JS (gzip)`);
const max = Number(process.argv[2] ?? 300);
if (total / 1024 > max) {
  console.error(`initial JS is over ${max} KB gzip`);
  process.exit(1);
}
