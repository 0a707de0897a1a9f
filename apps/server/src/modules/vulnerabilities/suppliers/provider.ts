import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client';
import { systemActor } from '../../../platform/audit/record';
import { AppError } from '../../../platform/errors/app-error';
import { parseJsonText } from '../../../platform/files/json';
import { readTextCapped } from '../../../platform/files/stream';
import type { Ctx } from '../../../platform/tx';
import { importSupplierAdvisory } from './import';
import { SUPPLIER_CSAF_LIMIT } from './limits';
import { guardedFetch, OutboundRefused } from '../../../platform/net/outbound';
import { supplierAdvisoryProviders } from './tables';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** At most this many documents per feed and run: a later run goes on where this one stopped (by `updated`). */
const MAX_ENTRIES = 2_000;
const TIMEOUT_MS = 30_000;

export class FetchError extends Error {}

/**
 * GETs a JSON document from a provider through the outbound guard (https, no local or private address, each redirect
 * checked: platform/net/outbound.ts), 30 s, the body counted while it is read and cut at the
 * CSAF limit, then parsed behind the depth and value guard (platform/files/json).
 */
export async function fetchJson(url: string, base?: string): Promise<unknown> {
  const target = new URL(url, base);
  let res: Response;
  try {
    res = await guardedFetch(target, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (err) {
    if (err instanceof OutboundRefused) throw new FetchError(`refused: ${err.message}`);
    throw err;
  }
  if (!res.ok || !res.body) throw new FetchError(`HTTP ${res.status} from ${target.href}`);
  const text = await readTextCapped(res.body.pipeThrough(new TextDecoderStream()), SUPPLIER_CSAF_LIMIT);
  if (text === null) throw new FetchError(`larger than the limit: ${target.href}`);
  return parseJsonText(text);
}

/** The ROLIE feed URLs a provider-metadata.json lists (CSAF 7.1.20), and its directory URLs (7.1.14). */
export function feedsOf(metadata: unknown): { feeds: string[]; directories: string[] } {
  if (!isObj(metadata) || !str(metadata.canonical_url) || !Array.isArray(metadata.distributions))
    throw new FetchError('not provider metadata');
  const feeds: string[] = [];
  const directories: string[] = [];
  for (const d of arr(metadata.distributions).filter(isObj)) {
    if (isObj(d.rolie)) for (const f of arr(d.rolie.feeds).filter(isObj)) if (str(f.url)) feeds.push(str(f.url));
    if (str(d.directory_url)) directories.push(str(d.directory_url));
  }
  return { feeds, directories };
}

interface Entry {
  url: string;
  updated: Date | null;
}

/** The documents of a ROLIE feed: each entry's content.src (or its self link), with `updated`. */
function entriesOf(feed: unknown, base: string): Entry[] {
  const f = isObj(feed) && isObj(feed.feed) ? feed.feed : null;
  if (!f) throw new FetchError('not a ROLIE feed');
  return arr(f.entry)
    .filter(isObj)
    .slice(0, MAX_ENTRIES)
    .flatMap((e) => {
      const src = isObj(e.content) ? str(e.content.src) : '';
      const self = arr(e.link)
        .filter(isObj)
        .find((l) => l.rel === 'self');
      const href = src || (self ? str(self.href) : '');
      if (!href) return [];
      const updated = str(e.updated) ? new Date(str(e.updated)) : null;
      return [{ url: new URL(href, base).href, updated: updated && !Number.isNaN(updated.getTime()) ? updated : null }];
    });
}

export interface FetchOutcome {
  code: string;
  imported: number;
  skipped: number;
  rejected: number;
}

/**
 * Reads a provider: its metadata, each ROLIE feed, and every document updated since the last run (all on the
 * first), imported one by one as an upload is (validated, stored by version, matched). One bad document is counted
 * as rejected and does not stop the others; a provider that cannot be read is recorded with the reason code.
 */
export async function fetchProvider(
  db: Db,
  providerId: string,
  log?: FastifyBaseLogger,
  actor = systemActor('supplier-advisories.fetch'),
): Promise<FetchOutcome> {
  const [provider] = await db.select().from(supplierAdvisoryProviders).where(eq(supplierAdvisoryProviders.id, providerId));
  if (!provider) throw new AppError('not-found');
  const startedAt = new Date();
  const ctx: Ctx = { db, actor, principal: null };
  const outcome: FetchOutcome = { code: 'supplier_advisories.fetch_ok', imported: 0, skipped: 0, rejected: 0 };
  try {
    const { feeds } = feedsOf(await fetchJson(provider.metadataUrl));
    for (const feedUrl of feeds) {
      const base = new URL(feedUrl, provider.metadataUrl).href;
      for (const entry of entriesOf(await fetchJson(base), base)) {
        if (provider.lastFetchedAt && entry.updated && entry.updated <= provider.lastFetchedAt) {
          outcome.skipped++;
          continue;
        }
        try {
          const result = await importSupplierAdvisory(ctx, await fetchJson(entry.url), {
            kind: 'provider',
            providerId,
            url: entry.url,
          });
          if (result.outcome === 'unchanged') outcome.skipped++;
          else outcome.imported++;
        } catch (e) {
          if (!(e instanceof AppError) && !(e instanceof FetchError)) throw e;
          outcome.rejected++;
          log?.warn({ provider: providerId, url: entry.url, err: e.message }, 'supplier advisory not imported');
        }
      }
    }
  } catch (e) {
    if (
      !(e instanceof AppError) &&
      !(e instanceof FetchError) &&
      !(e instanceof TypeError) &&
      (e as Error).name !== 'TimeoutError'
    )
      throw e;
    outcome.code = 'supplier_advisories.fetch_failed';
    log?.warn({ provider: providerId, err: (e as Error).message }, 'supplier advisory provider not read');
  }
  await db
    .update(supplierAdvisoryProviders)
    .set({ lastOutcome: outcome, ...(outcome.code === 'supplier_advisories.fetch_ok' ? { lastFetchedAt: startedAt } : {}) })
    .where(eq(supplierAdvisoryProviders.id, providerId));
  return outcome;
}

/** Every enabled provider, one after the other (the scheduled job). */
export async function fetchAllProviders(db: Db, log?: FastifyBaseLogger) {
  const providers = await db
    .select({ id: supplierAdvisoryProviders.id })
    .from(supplierAdvisoryProviders)
    .where(eq(supplierAdvisoryProviders.enabled, true));
  for (const p of providers) await fetchProvider(db, p.id, log);
}
