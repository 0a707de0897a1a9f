import { Transform, type Readable } from 'node:stream';
import { isWellFormedText } from '@mamori/contracts';
import { parse } from 'csv-parse';
import type { FastifyInstance } from 'fastify';
import { AppError, fieldError, invalid, msg, type FieldError } from '../errors/app-error';
import { mb, tooLarge } from './too-large';

/**
 * The streaming CSV reader: for imports too large to hold (the visitor log of an entry system, a million lines).
 * The request body is never held whole: bytes are counted as they arrive, parsed, and handed over in chunks of rows;
 * the next bytes are read only once the caller is done with a chunk (backpressure), so memory is one chunk plus the
 * parser's buffer whatever the file's size. Byte and row limits are checked while reading (413), a malformed file is
 * a 400 naming its line, a field that cannot be stored as text (NUL) is a row error naming its line.
 */

/** A streamed CSV may be this large: memory does not grow with it; the limit bounds the time one request takes. */
export const MAX_STREAMED_CSV_BYTES = 256 * 1024 * 1024;
/** Rows a streamed CSV may have (a day of a large site's entry system is ~250,000). */
export const MAX_STREAMED_CSV_ROWS = 2_000_000;
/** Rows handed to the caller at a time. */
export const CSV_CHUNK_ROWS = 5000;

export interface CsvLine {
  /** the line of the file where the row ends (its line for a one-line row; 1 is the header) */
  line: number;
  values: Record<string, string>;
}

export interface CsvStreamOptions {
  columns: readonly string[];
  required?: readonly string[];
  maxBytes?: number;
  maxRows?: number;
  chunkRows?: number;
  /** row errors collected before reading stops (default 1000) */
  maxErrors?: number;
}

/**
 * A request body left unread by the content-type parser (see `registerStreamingCsv`). The stream is a private field:
 * the pipeline's input guard walks the body's own properties, and a socket's are not data.
 */
export class CsvUpload {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream(): Readable {
    return this.#stream;
  }
}

/**
 * In the calling plugin's scope only, `text/csv` bodies are left unread and handed to the route as a `CsvUpload`
 * (the app's own parser reads them whole, up to MAX_CSV_BYTES). Register the streaming routes in a plugin of their own.
 */
export function registerStreamingCsv(app: FastifyInstance): void {
  app.removeContentTypeParser('text/csv');
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, new CsvUpload(payload)));
}

/** The body as a CsvUpload, or 415 (a JSON or other body sent to a CSV route). */
export function csvUpload(body: unknown): CsvUpload {
  if (body instanceof CsvUpload) return body;
  throw new AppError('unsupported-media-type', msg('problem.media_type'));
}

/** Counts the bytes that pass; over `max`, fails with a 413. */
function byteCounter(max: number): Transform {
  let count = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, next) {
      count += chunk.length;
      if (count > max) next(tooLarge(`The file is larger than ${mb(max)}; split it.`));
      else next(null, chunk);
    },
  });
}

function checkHeader(header: string[], columns: readonly string[], required: readonly string[]): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const errors: FieldError[] = [];
  for (const c of required) if (!names.includes(c)) errors.push(fieldError('line 1', 'csv.column_missing', { column: c }));
  for (const n of names)
    if (!columns.includes(n)) errors.push(fieldError('line 1', 'csv.column_unknown', { column: n.slice(0, 60) }));
  if (errors.length) throw invalid(errors, `Expected the columns: ${columns.join(', ')}.`);
  return names;
}

interface Parsed {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * Reads `stream` as CSV with a header line and calls `onChunk` with each chunk of rows, waiting for it before reading
 * on. `onChunk` returns false to stop reading (enough problems found): the rest of the body is discarded unread.
 * Rows holding a field that is not storable text are not handed over; they come back as `errors` (at most `maxErrors`).
 * Throws a 400 (not CSV, header wrong, empty) or a 413 (bytes or rows over the limits); returns the rows read.
 */
export async function readCsvStream(
  stream: Readable,
  options: CsvStreamOptions,
  onChunk: (rows: CsvLine[]) => Promise<boolean | void>,
): Promise<{ rows: number; errors: FieldError[] }> {
  const { columns, required = columns, maxBytes = MAX_STREAMED_CSV_BYTES, maxRows = MAX_STREAMED_CSV_ROWS } = options;
  const chunkRows = options.chunkRows ?? CSV_CHUNK_ROWS;
  let header: string[] | null = null;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
    trim: true,
    info: true,
    columns: (h: string[]) => (header = checkHeader(h, columns, required)),
  });
  const counter = byteCounter(maxBytes);
  let failure: unknown = null;
  const fail = (err: unknown) => {
    failure ??= err;
    parser.destroy();
  };
  counter.on('error', fail);
  stream.on('error', fail);
  stream.pipe(counter).pipe(parser);
  const errors: FieldError[] = [];
  let rows = 0;
  let chunk: CsvLine[] = [];
  let stopped = false;
  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      rows++;
      if (rows > maxRows) throw tooLarge(`The file has more than ${maxRows} rows; split it.`);
      const values = item.record;
      const line = item.info.lines;
      if (Object.values(values).some((v) => !isWellFormedText(v))) {
        errors.push(fieldError(`line ${line}`, 'validation.text_ill_formed'));
        if (errors.length >= (options.maxErrors ?? 1000)) {
          stopped = true;
          break;
        }
        continue;
      }
      chunk.push({ line, values });
      if (chunk.length >= chunkRows) {
        const go = await onChunk(chunk);
        chunk = [];
        if (go === false) {
          stopped = true;
          break;
        }
      }
    }
    if (failure) throw failure;
    if (!stopped && chunk.length) await onChunk(chunk);
  } catch (err) {
    throw readFailure(failure ?? err);
  } finally {
    stream.unpipe(counter);
    stream.resume(); // what was not read is discarded, so the connection can answer
  }
  if (!header) throw invalid([fieldError('line 1', 'csv.empty')], 'The file is empty.');
  return { rows, errors };
}

function readFailure(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; lines?: number; message?: string };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
    return invalid(
      [fieldError(e.lines ? `line ${e.lines}` : 'body', 'csv.malformed', { reason: (e.message ?? '').slice(0, 200) })],
      'The file is not valid CSV.',
    );
  return err;
}
