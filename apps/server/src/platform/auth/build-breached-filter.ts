/**
 * Builds catalogs/breached-passwords.bloom, the breached-password filter of the password policy.
 *
 * Source: the password list of the npm package @zxcvbn-ts/language-common 4.1.3 (MIT licence, © Dan Wheeler,
 * Dropbox Inc. and @zxcvbn-ts; `src/passwords.json`, 49,233 passwords ranked by frequency in leaked password
 * dumps), plus catalogs/common-passwords.txt. To rebuild:
 *
 *   cd /tmp && npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz
 *   node --import tsx apps/server/src/platform/auth/build-breached-filter.ts /tmp/package/src/passwords.json
 *
 * Entries are lower-cased (the policy compares lower-cased). False-positive rate: FALSE_POSITIVE_RATE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bloomAdd, createBloom, falsePositiveRate, serializeBloom } from './bloom';

export const FALSE_POSITIVE_RATE = 1e-4;

const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: build-breached-filter.ts <path to @zxcvbn-ts/language-common/src/passwords.json>\n');
  process.exit(2);
}
const catalogs = fileURLToPath(new URL('../../../../../catalogs/', import.meta.url));
const listed = JSON.parse(readFileSync(source, 'utf8')) as unknown;
if (!Array.isArray(listed) || !listed.every((p) => typeof p === 'string'))
  throw new Error(`${source}: not a JSON array of strings`);
const curated = readFileSync(`${catalogs}common-passwords.txt`, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const entries = new Set([...listed, ...curated].map((p) => p.toLowerCase()));

const filter = createBloom(entries.size, FALSE_POSITIVE_RATE);
for (const e of entries) bloomAdd(filter, e);
writeFileSync(`${catalogs}breached-passwords.bloom`, serializeBloom(filter));
process.stdout.write(
  `${entries.size} passwords, ${filter.m} bits (${filter.bits.length} bytes), k=${filter.k}, false positives ≈ ${falsePositiveRate(filter).toExponential(2)}\n`,
);
