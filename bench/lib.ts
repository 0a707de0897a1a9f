/** Small helpers shared by the bench scripts (generator and runner). */

export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/mamori_bench';

export const benchUrl = (): string => process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;

/** The same server, database `postgres`: used to create or drop the bench database. */
export function adminUrl(url: string): { admin: string; dbName: string } {
  const u = new URL(url);
  const dbName = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`Unsupported database name in ${url}: use letters, digits and _`);
  u.pathname = '/postgres';
  return { admin: u.toString(), dbName };
}

/** `--name value` or `--name=value`; `--flag` alone gives 'true'. */
export function argValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) {
      const next = argv[i + 1];
      return next === undefined || next.startsWith('--') ? 'true' : next;
    }
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** Seconds with one decimal, for progress lines. */
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Deterministic PRNG (mulberry32): the same seed gives the same org tree. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into `weights.length` integer parts proportional to the weights, each at least `min`. */
export function apportion(total: number, weights: number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const rest = total - min * n;
  if (rest < 0) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const i = order[k]![1];
    parts[i] = parts[i]! + 1;
  }
  return parts.map((p) => p + min);
}
