/**
 * What a person may type into a date field, in either language: 2026-12-07, 2026/12/7, 2026.12.07, 2026年12月7日,
 * 7 Dec 2026 (and December), each optionally followed by a time (14:30, 14:30:00). Returns Mantine's canonical
 * string ("YYYY-MM-DD", or "YYYY-MM-DD HH:mm:ss" with a time) or null while the text is not a whole real date yet,
 * so a half-typed "2026-1" never replaces the value.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*\([^)]*\))?/;
const DMY = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})/;
const TIME = /^\s*T?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function parseDateText(text: string, withTime: boolean): string | null {
  const s = text.trim();
  let y: number, m: number, d: number, rest: string;
  const ymd = YMD.exec(s);
  const dmy = ymd ? null : DMY.exec(s);
  if (ymd) {
    [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    rest = s.slice(ymd[0].length);
  } else if (dmy) {
    const month = MONTHS.indexOf(dmy[2]!.slice(0, 3).toLowerCase());
    if (month < 0 || !MONTHS.some((name) => dmy[2]!.toLowerCase().startsWith(name))) return null;
    [y, m, d] = [Number(dmy[3]), month + 1, Number(dmy[1])];
    rest = s.slice(dmy[0].length);
  } else return null;
  if (!realDate(y, m, d)) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (!withTime) return rest.trim() === '' ? day : null;
  if (rest.trim() === '') return `${day} 00:00:00`;
  const time = TIME.exec(rest);
  if (!time) return null;
  const [h, min, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  return `${day} ${pad(h)}:${pad(min)}:${pad(sec)}`;
}

/** The form value of a datetime field ("YYYY-MM-DDTHH:mm", local wall time, as `toLocalInput` makes it) to Mantine's. */
export function fromFieldDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?/.exec(value);
  return m ? `${m[1]} ${m[2]}:${m[3] ?? '00'}` : null;
}

/** Mantine's "YYYY-MM-DD HH:mm:ss" back to the form value "YYYY-MM-DDTHH:mm" ('' when cleared). */
export function toFieldDateTime(value: string | null): string {
  return value ? `${value.slice(0, 10)}T${value.slice(11, 16)}` : '';
}
