import type { Figure, LocalText } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import type { Scope } from '../../../platform/access/scope';

/**
 * The named data sources that dashboards and report templates bind to (issue #15). A source is code written here,
 * reading its domain only through that domain's service.ts; a template names a source and can do nothing else.
 *
 * To add a domain's figures (plans, training, audits, privacy, zones…): write `sources/<domain>.ts` that calls
 * `registerSource({...})` for each figure, import it once in `sources/index.ts`, and name the sources in a
 * dashboard view (dashboard/views.ts) and in the built-in templates (catalogs/report-templates/). docs/reports.md.
 */

export interface SourceQuery {
  db: Db;
  /** whose figures: the reader's scope narrowed to the chosen unit; never wider than what the reader may see */
  scope: Scope;
  fiscalYear: number;
  now: Date;
}

/** What a source computes; the registry adds its name, domain, title, unit and chart. */
export type SourceResult = Pick<Figure, 'value' | 'previous' | 'columns' | 'rows'> & { href?: string | null };

export interface SourceDefinition {
  /** `<domain>.<figure>`, e.g. `incidents.open` */
  name: string;
  domain: string;
  title: LocalText;
  unit: Figure['unit'];
  chart: Figure['chart'];
  trendPeriod: Figure['trendPeriod'];
  /** the filtered list page the figure drills into */
  href: string | null;
  /**
   * An "open now" figure with no period of its own: its headline is kept once a day (snapshots/service.ts) and the
   * dashboard reads its trend (`trendPeriod` 'week' or 'month' back) and its last 90 days from those snapshots.
   */
  snapshot?: boolean;
  load(q: SourceQuery): Promise<SourceResult>;
  /**
   * Optional: the same figure for several subtrees in one round of statements (the group overview's columns), one
   * result per path in the order given; each must equal `load` with the scope `{ kind: 'paths', paths: [path] }`
   * (group/group-overview.test.ts checks it). Sources without it are run once per subtree.
   */
  loadEach?(q: SourceEachQuery): Promise<SourceResult[]>;
}

export type SourceEachQuery = Omit<SourceQuery, 'scope'> & { paths: string[] };

const registry = new Map<string, SourceDefinition>();

export function registerSource(def: SourceDefinition): void {
  if (!/^[a-z][a-z-]*\.[a-zA-Z]+$/.test(def.name)) throw new Error(`bad source name ${def.name}`);
  if (registry.has(def.name)) throw new Error(`source ${def.name} registered twice`);
  registry.set(def.name, def);
}

export const getSource = (name: string): SourceDefinition | undefined => registry.get(name);
export const listSources = (): SourceDefinition[] => [...registry.values()];
/** Domains with at least one source: a report section about another domain says it is not there yet. */
export const installedDomains = (): Set<string> => new Set(listSources().map((s) => s.domain));

/** Runs one source; a source whose domain fails is not allowed to take the whole dashboard with it. */
export async function runSource(def: SourceDefinition, q: SourceQuery): Promise<Figure> {
  const r = await def.load(q);
  return {
    source: def.name,
    domain: def.domain,
    title: def.title,
    unit: def.unit,
    value: r.value,
    previous: r.previous,
    trendPeriod: def.trendPeriod,
    chart: def.chart,
    columns: r.columns,
    rows: r.rows,
    href: r.href === undefined ? def.href : r.href,
    available: true,
  };
}

export const t = (ja: string, en: string): LocalText => ({ ja, en });
