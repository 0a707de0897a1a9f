/**
 * A refusal a person reads is a catalogue code (contracts/messages.ts), never server English alone (issue 18): the
 * web app renders the code in the reader's language. This walks the server's sources for a problem whose detail is
 * a plain string (`new AppError(code, '…')`, `conflict('…')`, `unprocessable('…')`, `forbidden('…')`) and fails on
 * any outside the files still listed below, which are being converted (remove a file from the list when it is).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PLAIN = /(?:new AppError\(\s*'[\w-]+',|\b(?:conflict|unprocessable|forbidden)\()\s*['"`]/g;

/** Files with English details left (counted), to be converted; the test fails when one grows or a new one appears. */
const LEFT: Record<string, number> = {};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('coded messages', () => {
  it('no server problem carries a plain English detail outside the files still being converted', () => {
    const found: Record<string, number> = {};
    for (const file of sources(src)) {
      const n = readFileSync(file, 'utf8').match(PLAIN)?.length ?? 0;
      if (n) found[relative(src, file)] = n;
    }
    const grown = Object.entries(found).filter(([f, n]) => n > (LEFT[f] ?? 0));
    expect(grown.map(([f, n]) => `${f}: ${n} plain detail(s), ${LEFT[f] ?? 0} allowed`)).toEqual([]);
    const done = Object.keys(LEFT).filter((f) => (found[f] ?? 0) < LEFT[f]!);
    expect(done.map((f) => `${f}: now ${found[f] ?? 0}, lower LEFT`)).toEqual([]);
  });

  it('the pattern finds the forms a plain detail is written in', () => {
    for (const line of ["new AppError('validation', 'x')", 'conflict(`The ${a} is`)', "unprocessable(\n  'x')", "forbidden('x')"])
      expect(line.match(PLAIN), line).not.toBeNull();
    for (const line of ["new AppError('validation', msg('a.b'))", "conflict(msg('x'))", 'forbidden()'])
      expect(line.match(PLAIN), line).toBeNull();
  });
});
