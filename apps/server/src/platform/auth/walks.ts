/** Keyboard rows (US and JIS share these for letters and digits): neighbours on a row are a "walk". */
const ROWS = ['`1234567890-=', 'qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,./'];
const row = new Map<string, { r: number; i: number }>();
ROWS.forEach((keys, r) => [...keys].forEach((k, i) => row.set(k, { r, i })));

const isLetter = (c: string) => c >= 'a' && c <= 'z';
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Whether `b` is what a person typing a pattern would put after `a`: the same key, the next letter or digit, a neighbour key. */
function predictable(a: string, b: string): boolean {
  if (a === b) return true;
  const step = b.charCodeAt(0) - a.charCodeAt(0);
  if (isLetter(a) && isLetter(b) && Math.abs(step) === 1) return true;
  if (isDigit(a) && isDigit(b) && (Math.abs(step) === 1 || Math.abs(step) === 9)) return true;
  const ka = row.get(a);
  const kb = row.get(b);
  return !!ka && !!kb && ka.r === kb.r && Math.abs(ka.i - kb.i) === 1;
}

/** Surprises fewer than this make a walk: the password is at most three runs of the patterns above. */
const MIN_SURPRISES = 4;

/**
 * Whether a (lower-cased) password is a sequence or keyboard walk, possibly a few glued together:
 * "1234567890123", "abcdefghijkl", "zyxwvuts…", "qwertyuiop1234", "asdfghjkl;zxcvbnm". Counts the characters
 * that do not follow from the one before.
 */
export function isWalk(lower: string): boolean {
  const chars = [...lower];
  let surprises = 1;
  for (let i = 1; i < chars.length; i++) if (!predictable(chars[i - 1]!, chars[i]!)) surprises++;
  return surprises < MIN_SURPRISES;
}
