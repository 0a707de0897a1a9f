import { and, eq, inArray } from 'drizzle-orm';
import type { SettingSource } from '@mamori/contracts';
import type { Db } from '../../db/client';
import { fieldError, invalid, msg, type FieldError } from '../errors/app-error';
import { zodIssueError } from '../errors/zod-messages';
import { lockName } from '../records/lock';
import type { Precondition } from '../records/version';
import type { Audit } from '../tx';
import { GROUP_SCOPE, saveSetting, type ScopedSetting } from './effective';
import { scopedSettings } from './scoped-tables';

/**
 * The settings a company may set for itself (issue #22), each declared by its domain next to the setting
 * (`registerCompanySetting`), with a title in ja + en and, for the rules a company may only tighten, a
 * `stricter` check: the fields of the company's value that are looser than what it inherits.
 * A company inherits from the nearest company above it that has its own value, else from the group, else the
 * built-in default: the same order as `effectiveSetting`.
 */
export interface CompanySettingDef<T> {
  setting: ScopedSetting<T>;
  title: { ja: string; en: string };
  /** Field errors (paths relative to the value, e.g. `classes.2.rules.take_out.decision`) where `own` is looser. */
  stricter?: (inherited: T, own: T) => FieldError[];
}

const registry = new Map<string, CompanySettingDef<unknown>>();

export function registerCompanySetting<T>(def: CompanySettingDef<T>): CompanySettingDef<unknown> {
  if (registry.has(def.setting.key)) throw new Error(`company setting ${def.setting.key} registered twice`);
  registry.set(def.setting.key, def as CompanySettingDef<unknown>);
  return def as CompanySettingDef<unknown>;
}

export const companySettingDefs = (): CompanySettingDef<unknown>[] =>
  [...registry.values()].sort((a, b) => a.setting.key.localeCompare(b.setting.key));

export function companySettingDef(key: string, field = 'params.key'): CompanySettingDef<unknown> {
  const def = registry.get(key);
  if (!def) throw invalid([fieldError(field, 'group.setting_not_company')]);
  return def;
}

interface Level {
  value: unknown;
  source: SettingSource;
  /** the company whose value it is */
  companyId: string | null;
}

/**
 * The effective and the inherited value of one setting for a company whose chain is `[itself, parent company, …,
 * holding]`, from the rows of scoped_settings for those scopes and the group.
 */
function levels<T>(def: CompanySettingDef<T>, chain: string[], rows: Map<string, { value: unknown; version: number }>) {
  const parse = (v: unknown) => def.setting.schema.safeParse(v);
  const at = (from: number): Level => {
    for (let i = from; i < chain.length; i++) {
      const row = rows.get(chain[i]!);
      const parsed = row && parse(row.value);
      if (parsed?.success) return { value: parsed.data, source: i === 0 ? 'company' : 'parent_company', companyId: chain[i]! };
    }
    const group = rows.get(GROUP_SCOPE);
    const parsed = group && parse(group.value);
    if (parsed?.success) return { value: parsed.data, source: 'group', companyId: null };
    return { value: def.setting.defaults(), source: 'default', companyId: null };
  };
  return { effective: at(0), inherited: at(1), ownVersion: rows.get(chain[0]!)?.version ?? 0 };
}

async function rowsFor(db: Db, keys: string[], scopes: string[]) {
  if (!keys.length) return new Map<string, Map<string, { value: unknown; version: number }>>();
  const rows = await db
    .select({
      key: scopedSettings.key,
      scope: scopedSettings.scope,
      value: scopedSettings.value,
      version: scopedSettings.version,
    })
    .from(scopedSettings)
    .where(and(inArray(scopedSettings.key, keys), inArray(scopedSettings.scope, scopes)));
  const byKey = new Map<string, Map<string, { value: unknown; version: number }>>();
  for (const r of rows) {
    if (!byKey.has(r.key)) byKey.set(r.key, new Map());
    byKey.get(r.key)!.set(r.scope, { value: r.value, version: r.version });
  }
  return byKey;
}

/** Every company setting's effective value for the company (chain: itself first, then the companies above it). */
export async function companySettings(db: Db, chain: string[]) {
  const defs = companySettingDefs();
  const rows = await rowsFor(
    db,
    defs.map((d) => d.setting.key),
    [...chain, GROUP_SCOPE],
  );
  return defs.map((def) => ({ def, ...levels(def, chain, rows.get(def.setting.key) ?? new Map()) }));
}

/**
 * Saves the company's own value (If-Match: its own version): refused when it does not parse (each field named)
 * or, for a stricter-only setting, where it loosens what the company inherits; nothing is written then.
 */
export async function saveCompanySetting(
  tx: Db,
  audit: Audit,
  def: CompanySettingDef<unknown>,
  chain: string[],
  value: unknown,
  opts: { by: string | null; expected: Precondition },
) {
  const parsed = def.setting.schema.safeParse(value);
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.flatMap((issue) =>
        zodIssueError(['body.value', ...issue.path.map(String)].join('.'), issue.code, issue as never, issue.message),
      ),
    );
  // What it inherits must not change under the check: the levels above are held (shared) until the commit; their
  // own saves take the same names exclusively (saveSetting), top down, so the order is always the same.
  for (const scope of [GROUP_SCOPE, ...chain.slice(1).reverse()])
    await lockName(tx, `setting:${def.setting.key}:${scope}`, 'shared');
  const rows = await rowsFor(tx, [def.setting.key], [...chain, GROUP_SCOPE]);
  const { inherited } = levels(def, chain, rows.get(def.setting.key) ?? new Map());
  const looser = def.stricter?.(inherited.value, parsed.data) ?? [];
  if (looser.length)
    throw invalid(
      looser.map((e) => ({ ...e, path: `body.value.${e.path}` })),
      msg('group.stricter_only_detail'),
    );
  return saveSetting(tx, audit, def.setting, parsed.data, { scope: chain[0]!, by: opts.by, expected: opts.expected });
}

/**
 * Which of these companies a change of the group's value reaches: those where neither the company nor a company
 * above it has its own value. A company's own value that is looser than the group's now (the group tightened a
 * rule since) is flagged for review.
 */
export async function settingReach(
  db: Db,
  def: CompanySettingDef<unknown>,
  companies: { id: string; path: string }[],
): Promise<{ groupVersion: number; reach: Map<string, { overriddenBy: string | null; looserThanGroup: boolean }> }> {
  const rows = await db
    .select({ scope: scopedSettings.scope, value: scopedSettings.value, version: scopedSettings.version })
    .from(scopedSettings)
    .where(eq(scopedSettings.key, def.setting.key));
  const byScope = new Map(rows.map((r) => [r.scope, r]));
  const groupRow = byScope.get(GROUP_SCOPE);
  const groupParsed = groupRow && def.setting.schema.safeParse(groupRow.value);
  const groupValue = groupParsed?.success ? groupParsed.data : def.setting.defaults();
  const reach = new Map<string, { overriddenBy: string | null; looserThanGroup: boolean }>();
  for (const c of companies) {
    // the nearest company on the path (itself first) with an own value that parses
    const ids = c.path.split('/').filter(Boolean).reverse();
    const overriddenBy = ids.find((id) => {
      const r = byScope.get(id);
      return r !== undefined && def.setting.schema.safeParse(r.value).success;
    });
    const own = byScope.get(c.id);
    const ownParsed = own && def.setting.schema.safeParse(own.value);
    const looserThanGroup = !!(ownParsed?.success && def.stricter && def.stricter(groupValue, ownParsed.data).length > 0);
    reach.set(c.id, { overriddenBy: overriddenBy ?? null, looserThanGroup });
  }
  return { groupVersion: groupRow?.version ?? 0, reach };
}

/** How many settings each of these companies sets for itself (the group overview's figure). */
export async function ownSettingCounts(db: Db, companyIds: string[]): Promise<Map<string, number>> {
  const keys = companySettingDefs().map((d) => d.setting.key);
  if (!companyIds.length || !keys.length) return new Map();
  const rows = await db
    .select({ scope: scopedSettings.scope, key: scopedSettings.key })
    .from(scopedSettings)
    .where(and(inArray(scopedSettings.scope, companyIds), inArray(scopedSettings.key, keys)));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.scope, (counts.get(r.scope) ?? 0) + 1);
  return counts;
}
