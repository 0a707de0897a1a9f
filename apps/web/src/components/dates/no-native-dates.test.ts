/**
 * No page uses a native date or time input: their mm/dd/yyyy follows the browser, not the reader (issue 18). Use
 * DateField / DateTimeField from components/dates. The e2e sweep checks the rendered pages as well; this test
 * catches it without a browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '../..');
const NATIVE =
  /type\s*[=:]\s*[{(]?\s*["'`](date|datetime-local|month|week|time)["'`]|['"](date|datetime-local|month|week|time)['"]\s*:\s*['"]text['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('date inputs', () => {
  it('no web source renders a native date or time input', () => {
    const found = sources(src).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          line.match(NATIVE) && !/^\s*(\*|\/\/)/.test(line) ? [`${relative(src, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });

  it('the pattern finds the forms a native input is written in', () => {
    for (const line of [
      '<TextInput type="date" />',
      "type={'datetime-local'}",
      "type: 'time'",
      "type={f.type === 'date' ? 'date' : 'text'}",
    ])
      expect(line.match(NATIVE), line).not.toBeNull();
    expect('<FindingTypeBadge type={f.type} />'.match(NATIVE)).toBeNull();
  });
});
