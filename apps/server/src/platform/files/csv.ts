import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { FieldError } from '../errors/app-error';
import { invalid } from '../errors/app-error';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

const OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true };

const notCsv = (err: unknown) => {
  const line = (err as { lines?: number }).lines;
  return invalid([{ path: line ? `line ${line}` : 'body', message: (err as Error).message }], 'The file is not valid CSV.');
};

/** Parses a CSV with a header line. Missing or unknown columns are refused, naming them. A BOM is accepted (Excel). */
export function parseCsv(text: string, columns: readonly string[], required: readonly string[] = columns): CsvRow[] {
  let records: string[][];
  try {
    records = parse(text, OPTIONS) as string[][];
  } catch (err) {
    throw notCsv(err);
  }
  return rowsOf(records, columns, required);
}

const SLICE = 256 * 1024;

/**
 * The same, for long files: fed to the parser a slice at a time, giving the event loop back between slices, so a
 * 100,000-line file does not stop the server answering while it is read.
 */
export async function parseCsvYielding(
  text: string,
  columns: readonly string[],
  required: readonly string[] = columns,
): Promise<CsvRow[]> {
  const records: string[][] = [];
  const parser = parseStream(OPTIONS);
  let failure: unknown;
  parser.on('readable', () => {
    for (let r = parser.read() as string[] | null; r !== null; r = parser.read() as string[] | null) records.push(r);
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (err) => {
      failure = err;
      resolve();
    });
  });
  for (let i = 0; i < text.length && !failure;) {
    let end = Math.min(text.length, i + SLICE);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++; // never split a surrogate pair
    parser.write(text.slice(i, end));
    i = end;
    await yieldToLoop();
  }
  parser.end();
  await ended;
  if (failure) throw notCsv(failure);
  const names = headerOf(records, columns, required);
  const out: CsvRow[] = [];
  for (let i = 1; i < records.length; i += 5000) {
    for (let j = i; j < Math.min(records.length, i + 5000); j++) out.push(rowOf(names, records[j]!, j + 1));
    await yieldToLoop();
  }
  return out;
}

function headerOf(records: string[][], columns: readonly string[], required: readonly string[]): string[] {
  const header = records[0];
  if (!header) throw invalid([{ path: 'line 1', message: 'the file is empty' }], 'The file is empty.');
  const names = header.map((h) => h.toLowerCase());
  const errors: FieldError[] = [];
  for (const c of required) if (!names.includes(c)) errors.push({ path: 'line 1', message: `missing column ${c}` });
  for (const n of names) if (!columns.includes(n)) errors.push({ path: 'line 1', message: `unknown column ${n}` });
  if (errors.length) throw invalid(errors, `Expected the columns: ${columns.join(', ')}.`);
  return names;
}

const rowOf = (names: string[], r: string[], line: number): CsvRow => ({
  line,
  values: Object.fromEntries(names.map((n, j) => [n, r[j] ?? ''])),
});

function rowsOf(records: string[][], columns: readonly string[], required: readonly string[]): CsvRow[] {
  const names = headerOf(records, columns, required);
  return records.slice(1).map((r, i) => rowOf(names, r, i + 2));
}

/** Throws one 400 with every row error when there is any: an import applies all rows or none. */
export function refuseIfErrors(errors: FieldError[], what: string): void {
  if (!errors.length) return;
  const shown = errors.slice(0, 1000);
  throw invalid(shown, `${errors.length} problem(s) in the ${what}; nothing was imported.`);
}
