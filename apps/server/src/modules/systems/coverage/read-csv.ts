import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { COVERAGE_FIELDS } from '@mamori/contracts';
import { parse } from 'csv-parse';
import { AppError, fieldError, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { MAX_PROBLEMS } from '../../../platform/files/csv';

/** A coverage CSV is at most this large (a 300,000-device console export is ~40 MB) and has at most this many rows. */
export const MAX_COVERAGE_BYTES = 200 * 1024 * 1024;
export const MAX_COVERAGE_ROWS = 1_000_000;

export type Field = (typeof COVERAGE_FIELDS)[number];

/** One line of a console export, read through the source's mapping. */
export interface DeviceLine {
  name: string;
  user: string;
  seenAt: string;
  agentVersion: string;
  patternDate: string | null;
  system: string;
}

const tooLarge = () =>
  new AppError(
    'payload-too-large',
    msg('coverage.too_large', { megabytes: MAX_COVERAGE_BYTES / 1024 / 1024, rows: MAX_COVERAGE_ROWS }),
  );

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date or time as consoles write it: ISO 8601, or `YYYY/MM/DD[ HH:MM[:SS]]`; without a zone it is Japan time
 * (where the group's consoles run). null when it is not one.
 */
export function parseConsoleTime(value: string): string | null {
  const m = DATE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const pad = (x: string) => x.padStart(2, '0');
  const offset = !zone ? '+09:00' : zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const iso = `${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() < 1900 || t.getUTCFullYear() > 2200) return null;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCDate() !== Number(d) || Number(h) > 23) return null; // 2026-02-31 would roll over to March
  return iso;
}

/**
 * Reads a console's CSV from the request stream, a batch at a time: bytes counted as they arrive (413 past the
 * cap, the stream cancelled), the header checked against the mapping before any row (400 naming each missing
 * column), each line checked; `onBatch` is awaited before more is read, so memory holds one batch. Line problems
 * are collected (up to MAX_PROBLEMS) and thrown at the end as one 400: the caller's transaction then rolls back.
 */
export async function readConsoleCsv(
  body: Readable,
  mapping: Record<Field, string | null>,
  source: string,
  onBatch: (lines: DeviceLine[]) => Promise<void>,
  batchSize = 2000,
): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > MAX_COVERAGE_BYTES ? tooLarge() : null, chunk);
    },
  });
  let columnOf: Partial<Record<Field, string>> = {};
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
    to_line: MAX_COVERAGE_ROWS + 2,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim().toLowerCase());
      const errors: FieldError[] = [];
      columnOf = {};
      for (const [field, column] of Object.entries(mapping) as [Field, string | null][]) {
        if (!column) continue;
        if (!names.includes(column.trim().toLowerCase()))
          errors.push(fieldError('line 1', 'coverage.column_missing', { column, source, field }));
        columnOf[field] = column.trim().toLowerCase();
      }
      if (errors.length) throw invalid(errors, msg('coverage.column_missing', errors[0]!.params));
      return names;
    },
  });
  const flow = pipeline(body, counter, parser);
  // A failed pipeline destroys its streams, and the loop below ends with the error; one that cannot start (a body
  // that is no stream) would leave the parser open and the loop waiting forever: it ends the parser itself.
  flow.catch((err: Error) => parser.destroy(err));
  const errors: FieldError[] = [];
  let batch: DeviceLine[] = [];
  let line = 1;
  let rows = 0;
  const get = (r: Record<string, string>, f: Field) => (columnOf[f] ? (r[columnOf[f]] ?? '') : '');
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      line++;
      rows++;
      if (rows > MAX_COVERAGE_ROWS) throw tooLarge();
      if (errors.length >= MAX_PROBLEMS) continue;
      const name = get(record, 'device');
      const seenAt = parseConsoleTime(get(record, 'lastSeen'));
      const patternText = get(record, 'patternDate');
      const pattern = patternText ? parseConsoleTime(patternText) : null;
      if (!name) errors.push(fieldError(`line ${line}`, 'coverage.empty_device'));
      if (!seenAt) errors.push(fieldError(`line ${line}`, 'coverage.bad_date', { value: get(record, 'lastSeen').slice(0, 40) }));
      if (patternText && !pattern)
        errors.push(fieldError(`line ${line}`, 'coverage.bad_date', { value: patternText.slice(0, 40) }));
      if (errors.length || !seenAt) continue;
      batch.push({
        name: name.slice(0, 200),
        user: get(record, 'user').slice(0, 200),
        seenAt,
        agentVersion: get(record, 'agentVersion').slice(0, 100),
        patternDate: pattern ? pattern.slice(0, 10) : null,
        system: get(record, 'system').slice(0, 200),
      });
      if (batch.length >= batchSize) {
        await onBatch(batch);
        batch = [];
      }
    }
  } catch (err) {
    counter.destroy();
    if (err instanceof AppError) throw err;
    throw invalid([fieldError(`line ${line}`, 'coverage.not_csv')], msg('coverage.not_csv'));
  }
  if (rows === 0 && !Object.keys(columnOf).length)
    throw invalid([fieldError('line 1', 'coverage.empty_file')], msg('coverage.empty_file'));
  if (errors.length) throw invalid(errors, msg('coverage.rows_failed', { count: errors.length }));
  if (batch.length) await onBatch(batch);
  return rows;
}
