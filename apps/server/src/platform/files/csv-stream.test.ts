import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { readCsvStream, type CsvLine } from './csv-stream';

const COLUMNS = ['a', 'b'] as const;

/** The text as a stream of small byte chunks (a multi-byte character is split across two of them). */
const bytes = (text: string, size = 7) => {
  const buf = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
};

async function read(text: string, options: Partial<Parameters<typeof readCsvStream>[1]> = {}) {
  const chunks: CsvLine[][] = [];
  const result = await readCsvStream(bytes(text), { columns: COLUMNS, ...options }, async (rows) => {
    chunks.push(rows);
  });
  return { chunks, ...result };
}

async function problem(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the streaming CSV reader', () => {
  it('hands the rows over in chunks with their line numbers, decoding characters split between reads', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `受付${i},"x, ${i}"`);
    const { chunks, rows, errors } = await read(`\uFEFFA,B\n${lines.slice(0, 5).join('\n')}\n\n${lines.slice(5).join('\n')}\n`, {
      chunkRows: 5,
    });
    expect(rows).toBe(12);
    expect(errors).toEqual([]);
    expect(chunks.map((c) => c.length)).toEqual([5, 5, 2]);
    expect(chunks[0]![0]).toEqual({ line: 2, values: { a: '受付0', b: 'x, 0' } });
    expect(chunks[1]![0]!.line).toBe(8); // the empty line 7 is skipped, its number is not reused
    expect(chunks[2]![1]!.values.a).toBe('受付11');
  });

  it('stops reading when the caller says so', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(100);
    let calls = 0;
    const res = await readCsvStream(bytes(text), { columns: COLUMNS, chunkRows: 10 }, async () => ++calls < 2);
    expect(calls).toBe(2);
    expect(res.rows).toBeLessThan(100);
  });

  it('refuses a wrong header, an empty file and malformed CSV with codes and lines', async () => {
    const header = await problem(read('a,c\n1,2\n'));
    expect(header.errors!.map((e) => e.code)).toEqual(['csv.column_missing', 'csv.column_unknown']);
    expect((await problem(read(''))).errors![0]!.code).toBe('csv.empty');
    const broken = await problem(read('a,b\n1,2\n1,2,3\n'));
    expect(broken.errors![0]).toMatchObject({ path: 'line 3', code: 'csv.malformed' });
  });

  it('answers 413 past the byte or row limit, without reading on', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(1000);
    expect((await problem(read(text, { maxBytes: 1000 }))).code).toBe('payload-too-large');
    expect((await problem(read(text, { maxRows: 999 }))).code).toBe('payload-too-large');
    expect((await read(text, { maxRows: 1000 })).rows).toBe(1000);
  });

  it('holds back a row with a NUL, naming its line', async () => {
    const { chunks, errors } = await read('a,b\n1,2\n3,x\u0000y\n5,6\n');
    expect(chunks.flat().map((r) => r.line)).toEqual([2, 4]);
    expect(errors).toMatchObject([{ path: 'line 3', code: 'validation.text_ill_formed' }]);
  });
});
