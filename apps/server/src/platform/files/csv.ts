import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { FieldError } from '../errors/app-error';
import { AppError, invalid } from '../errors/app-error';
import { tooLarge } from './too-large';

/**
 * A CSV import is at most this large: the group profile's 250,000 people (85 bytes a row). Fastify holds the body three to four
 * times while reading it (chunks, joined, decoded), so a larger limit alone would pass 100 MB before any parsing.
 */
export const MAX_CSV_BYTES = 24 * 1024 * 1024;
/** Rows a CSV import may have. */
export const MAX_CSV_ROWS = 250_000;
/** Problems an import reports (and collects: a validation loop stops there, so an all-bad file costs no more). */
export const MAX_PROBLEMS = 1000;

/** Lines of the text (an upper bound on its records): counted before parsing, which holds every row at once. */
function countLines(text: string, stop: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && n <= stop; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** More than MAX_CSV_ROWS lines: 413 before parsing (50 MB of empty rows used to take the process down). */
function refuseTooManyRows(text: string): void {
  if (countLines(text, MAX_CSV_ROWS + 1) > MAX_CSV_ROWS + 1)
    throw tooLarge(`The file has more than ${MAX_CSV_ROWS} rows; split it.`);
}

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
  refuseTooManyRows(text);
  let names: string[] | null = null;
  let records: Record<string, string>[];
  try {
    // `columns` makes each record an object at once (no array per row beside it): a third less memory.
    records = parse(text, {
      ...OPTIONS,
      columns: (header: string[]) => (names = checkHeader(header, columns, required)),
    }) as Record<string, string>[];
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notCsv(err);
  }
  if (!names) throw invalid([{ path: 'line 1', message: 'the file is empty' }], 'The file is empty.');
  return records.map((values, i) => ({ line: i + 2, values }));
}

const SLICE = 256 * 1024;

/**
 * The same, for long files: fed to the parser a slice at a time, giving the event loop back between slices, so a
 * 100,000-line file does not stop the server answering while it is read.
 */
export function parseCsvYielding(
  text: string,
  columns: readonly string[],
  required: readonly string[] = columns,
): Promise<CsvRow[]> {
  return readYielding(text, (header) => checkHeader(header, columns, required));
}

/**
 * A CSV exported by another tool (a scanner, a console), read through a mapping: for each field, the column that
 * holds it (null: none). Other columns are ignored; a mapped column missing from the header is refused by
 * `missing` (one field error per field), before any row. Rows come back keyed by field, '' for unmapped fields.
 */
export async function parseMappedCsv<F extends string>(
  text: string,
  mapping: Record<F, string | null>,
  missing: (field: F, column: string) => FieldError,
): Promise<{ line: number; values: Record<F, string> }[]> {
  const fields = Object.entries(mapping) as [F, string | null][];
  const rows = await readYielding(text, (header) => {
    const names = header.map((h) => h.trim().toLowerCase());
    const errors = fields.filter(([, c]) => c && !names.includes(c.trim().toLowerCase())).map(([f, c]) => missing(f, c!));
    if (errors.length) throw invalid(errors);
    return names;
  });
  return rows.map(({ line, values }) => {
    const out = {} as Record<F, string>;
    for (const [f, c] of fields) out[f] = c ? (values[c.trim().toLowerCase()] ?? '') : '';
    return { line, values: out };
  });
}

async function readYielding(text: string, header: (names: string[]) => string[]): Promise<CsvRow[]> {
  refuseTooManyRows(text);
  // Records come out as objects at once (`columns`), as in parseCsv: no array per row held beside them.
  const records: Record<string, string>[] = [];
  let names: string[] | null = null;
  const parser = parseStream({ ...OPTIONS, columns: (h: string[]) => (names = header(h)) });
  let failure: unknown;
  parser.on('readable', () => {
    for (let r = parser.read() as Record<string, string> | null; r !== null; r = parser.read() as Record<string, string> | null)
      records.push(r);
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
  if (failure instanceof AppError) throw failure;
  if (failure) throw notCsv(failure);
  if (!names) throw invalid([{ path: 'line 1', message: 'the file is empty' }], 'The file is empty.');
  return records.map((values, i) => ({ line: i + 2, values }));
}

function checkHeader(header: string[], columns: readonly string[], required: readonly string[]): string[] {
  const names = header.map((h) => h.toLowerCase());
  const errors: FieldError[] = [];
  for (const c of required) if (!names.includes(c)) errors.push({ path: 'line 1', message: `missing column ${c}` });
  for (const n of names) if (!columns.includes(n)) errors.push({ path: 'line 1', message: `unknown column ${n}` });
  if (errors.length) throw invalid(errors, `Expected the columns: ${columns.join(', ')}.`);
  return names;
}

/** Throws one 400 with every row error when there is any: an import applies all rows or none. */
export function refuseIfErrors(errors: FieldError[], what: string): void {
  if (!errors.length) return;
  const shown = errors.slice(0, MAX_PROBLEMS);
  const count = errors.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS} or more` : String(errors.length);
  throw invalid(shown, `${count} problem(s) in the ${what}; nothing was imported.`);
}
