import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape DESIGN.md asks of the server's code, checked on its sources: no import circles (a circle makes the order
 * modules are evaluated in decide whether a value is there yet), and table files that import no service (`db/schema.ts`
 * gathers the tables; a table file importing a service pulls the whole domain into the schema). Type-only imports do
 * not count: they vanish when compiled.
 */
const src = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [path] : [];
  });
}

/** The files a source imports values from (relative imports only; `import type` left out). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?'(\.[^']+)'/gms)) {
    if (m[1]) continue;
    const target = resolve(dirname(file), m[2]!);
    for (const candidate of [`${target}.ts`, join(target, 'index.ts'), target])
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
        found.push(candidate);
        break;
      }
  }
  return found;
}

const files = sources(src);
const graph = new Map(files.map((f) => [f, valueImports(f)]));
const name = (f: string) => relative(src, f);

/** Strongly connected components of more than one file (Tarjan), each a circle of imports. */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(name(w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

describe('the server code', () => {
  it('reads its sources (a sanity check of the walk)', () => {
    expect(files.length).toBeGreaterThan(500);
    expect(graph.get(join(src, 'app.ts'))!.length).toBeGreaterThan(5);
  });

  it('has no import circles', () => {
    expect(circles()).toEqual([]);
  });

  it('has table files that import no service', () => {
    const tableFiles = files.filter((f) => /(^|\/)tables(\.ts$|\/)/.test(name(f)));
    expect(tableFiles.length).toBeGreaterThan(20);
    const wrong = tableFiles.flatMap((f) =>
      graph
        .get(f)!
        .filter((d) => /\/service\.ts$/.test(d))
        .map((d) => `${name(f)} → ${name(d)}`),
    );
    expect(wrong).toEqual([]);
  });
});
