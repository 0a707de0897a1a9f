import { compareDigits, compareText } from './numbers';

/**
 * Maven's version order: org.apache.maven.artifact.versioning.ComparableVersion (Maven 3.9), as the POM
 * reference's "Version Order Specification" describes it. A version is parsed into a list of items separated by
 * `.`, `-` and the transitions between digits and letters; `-` and a transition open a sub-list; trailing "null"
 * items (0, "", ga, final, release) are dropped from each list. Qualifiers order:
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp, then any other, by text.
 */
type Item = { kind: 'int'; value: string } | { kind: 'str'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function strItem(value: string, followedByDigit: boolean): Item {
  if (followedByDigit && value.length === 1) value = { a: 'alpha', b: 'beta', m: 'milestone' }[value] ?? value;
  return { kind: 'str', value: ALIASES[value] ?? value };
}
const intItem = (value: string): Item => ({ kind: 'int', value: value.replace(/^0+(?=\d)/, '') });
const parseItem = (isDigit: boolean, buf: string): Item => (isDigit ? intItem(buf) : strItem(buf, false));

/** Maven compares these as strings: "0".."6" for the known ones, "7-<text>" for the others. */
const comparable = (q: string) => {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
};

const isNull = (i: Item) => (i.kind === 'int' ? i.value === '0' : i.kind === 'str' ? i.value === '' : i.items.length === 0);

function normalize(list: Item[]) {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i]!;
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
  // a section left holding only its sub-section is that sub-section: "1-ga-1" = "1-1" (POM reference)
  const only = list[0];
  if (list.length === 1 && only?.kind === 'list') list.splice(0, 1, ...only.items);
}

export function parseMaven(version: string): Item {
  const v = version.trim().toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  const open = () => {
    const sub: Item[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '.' || c === '-') {
      list.push(i === start ? intItem('0') : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === '-') open();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(strItem(v.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    if (!isDigit && list.length) open(); // 1.0.0.X1 < 1.0.0-X2
    list.push(parseItem(isDigit, v.slice(start)));
  }
  while (stack.length) normalize(stack.pop()!);
  return { kind: 'list', items: root };
}

function compareItem(a: Item, b: Item | null): number {
  if (a.kind === 'int') {
    if (!b) return a.value === '0' ? 0 : 1;
    return b.kind === 'int' ? compareDigits(a.value, b.value) : 1;
  }
  if (a.kind === 'str') {
    if (!b) return compareText(comparable(a.value), RELEASE_INDEX);
    if (b.kind === 'int' || b.kind === 'list') return -1;
    return compareText(comparable(a.value), comparable(b.value));
  }
  if (!b) return a.items.length ? compareItem(a.items[0]!, null) : 0;
  if (b.kind === 'int') return -1;
  if (b.kind === 'str') return 1;
  for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
    const l = a.items[i] ?? null;
    const r = b.items[i] ?? null;
    const c = l === null ? (r === null ? 0 : -compareItem(r, l)) : compareItem(l, r);
    if (c) return c;
  }
  return 0;
}

export const compareMaven = (a: string, b: string): number => Math.sign(compareItem(parseMaven(a), parseMaven(b)));

/** ComparableVersion.getCanonical(): equal versions have the same text. */
export function mavenKey(version: string): string {
  const text = (i: Item): string =>
    i.kind === 'list' ? i.items.map((x, n) => (n === 0 ? '' : x.kind === 'list' ? '-' : '.') + text(x)).join('') : i.value;
  return text(parseMaven(version));
}
