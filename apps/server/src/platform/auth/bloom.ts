import { createHash } from 'node:crypto';

/**
 * A Bloom filter: a compact set that answers "surely not in it" or "probably in it" (with a false-positive rate
 * chosen at build time), never a false "not in it". Used for the breached-password list shipped in catalogs/.
 *
 * File format (all integers big-endian): "MBF1", u32 bit count m, u8 hash count k, u32 entry count n, then m bits
 * (ceil(m/8) bytes, bit i of the filter is bit (i % 8) of byte floor(i / 8)). The k positions of an entry are
 * h1 + i·h2 mod m (i = 0…k-1), h1 and h2 the first two big-endian u32 of SHA-256 of its UTF-8 text.
 */
export interface BloomFilter {
  bits: Uint8Array;
  m: number;
  k: number;
  n: number;
}

const MAGIC = 'MBF1';
const HEADER = 13;

/** A filter sized for `n` entries at false-positive rate `p`. */
export function createBloom(n: number, p: number): BloomFilter {
  const m = Math.ceil((-n * Math.log(p)) / Math.LN2 ** 2);
  const k = Math.max(1, Math.round((m / n) * Math.LN2));
  return { bits: new Uint8Array(Math.ceil(m / 8)), m, k, n: 0 };
}

function* positions(f: BloomFilter, value: string): Generator<number> {
  const d = createHash('sha256').update(value, 'utf8').digest();
  const h1 = d.readUInt32BE(0);
  const h2 = d.readUInt32BE(4) | 1;
  for (let i = 0; i < f.k; i++) yield (h1 + i * h2) % f.m;
}

export function bloomAdd(f: BloomFilter, value: string): void {
  for (const i of positions(f, value)) f.bits[i >> 3]! |= 1 << (i & 7);
  f.n++;
}

export function bloomHas(f: BloomFilter, value: string): boolean {
  for (const i of positions(f, value)) if (!(f.bits[i >> 3]! & (1 << (i & 7)))) return false;
  return true;
}

/** The expected false-positive rate of a filter holding its `n` entries: (1 − e^(−k·n/m))^k. */
export const falsePositiveRate = (f: BloomFilter) => (1 - Math.exp((-f.k * f.n) / f.m)) ** f.k;

export function serializeBloom(f: BloomFilter): Buffer {
  const head = Buffer.alloc(HEADER);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32BE(f.m, 4);
  head.writeUInt8(f.k, 8);
  head.writeUInt32BE(f.n, 9);
  return Buffer.concat([head, Buffer.from(f.bits)]);
}

export function parseBloom(data: Buffer): BloomFilter {
  if (data.length < HEADER || data.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a Mamori Bloom filter file');
  const m = data.readUInt32BE(4);
  const k = data.readUInt8(8);
  const n = data.readUInt32BE(9);
  if (m === 0 || k === 0 || data.length !== HEADER + Math.ceil(m / 8)) throw new Error('truncated Bloom filter file');
  return { bits: new Uint8Array(data.subarray(HEADER)), m, k, n };
}
