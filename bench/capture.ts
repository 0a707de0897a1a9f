/** SQL capture: the direct case replays exactly the statements the API sent. */
import pg from 'pg';
import type { CapturedQuery } from './load';

// Every pg client in this process goes through Client.prototype.query; while `capturing` is set,
// the statements are recorded (text, parameters, row mode, prepared statement name) and then passed through unchanged.
let capturing: CapturedQuery[] | null = null;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  if (capturing) {
    const [config, values] = args as [unknown, unknown];
    if (typeof config === 'string') capturing.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === 'object' && 'text' in config) {
      const c = config as { text: string; values?: unknown[]; rowMode?: string; name?: string };
      capturing.push({
        text: c.text,
        values: Array.isArray(values) ? values : (c.values ?? []),
        rowMode: c.rowMode === 'array' ? 'array' : undefined,
        name: c.name,
      });
    }
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

/** Runs `fn` and returns the SQL statements every pg client of this process sent meanwhile. */
export async function captureSql<T>(fn: () => Promise<T>): Promise<{ value: T; queries: CapturedQuery[] }> {
  capturing = [];
  try {
    const value = await fn();
    return { value, queries: capturing };
  } finally {
    capturing = null;
  }
}

/** JSON-safe parameters (Dates as ISO strings), as the child process receives them. */
export const jsonSafe = (q: CapturedQuery): CapturedQuery => JSON.parse(JSON.stringify(q)) as CapturedQuery;
