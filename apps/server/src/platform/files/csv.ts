import { parse } from 'csv-parse/sync';
import type { FieldError } from '../errors/app-error';
import { invalid } from '../errors/app-error';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** Parses a CSV with a header line. Missing or unknown columns are refused, naming them. A BOM is accepted (Excel). */
export function parseCsv(text: string, columns: readonly string[], required: readonly string[] = columns): CsvRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw invalid([{ path: line ? `line ${line}` : 'body', message: (err as Error).message }], 'The file is not valid CSV.');
  }
  const [header, ...rows] = records;
  if (!header) throw invalid([{ path: 'line 1', message: 'the file is empty' }], 'The file is empty.');
  const names = header.map((h) => h.toLowerCase());
  const errors: FieldError[] = [];
  for (const c of required) if (!names.includes(c)) errors.push({ path: 'line 1', message: `missing column ${c}` });
  for (const n of names) if (!columns.includes(n)) errors.push({ path: 'line 1', message: `unknown column ${n}` });
  if (errors.length) throw invalid(errors, `Expected the columns: ${columns.join(', ')}.`);
  return rows.map((r, i) => ({ line: i + 2, values: Object.fromEntries(names.map((n, j) => [n, r[j] ?? ''])) }));
}

/** Throws one 400 with every row error when there is any: an import applies all rows or none. */
export function refuseIfErrors(errors: FieldError[], what: string): void {
  if (!errors.length) return;
  const shown = errors.slice(0, 1000);
  throw invalid(shown, `${errors.length} problem(s) in the ${what}; nothing was imported.`);
}
