import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PDCA_PHASES, PLAN_ACTIVITY_KINDS, PLAN_EVIDENCE, PLAN_UNIT_KINDS, ROLES } from '@mamori/contracts';
import { z } from 'zod';

/** The activity kinds and the group's standard year (catalogs/plan-activity-kinds.json): data, read and checked once. */
const file = fileURLToPath(new URL('../../../../../catalogs/plan-activity-kinds.json', import.meta.url));

const Kind = z.object({
  id: z.enum(PLAN_ACTIVITY_KINDS),
  phase: z.enum(PDCA_PHASES),
  evidence: z.enum(PLAN_EVIDENCE),
  ja: z.string(),
  en: z.string(),
  helpJa: z.string(),
  helpEn: z.string(),
});
const Standard = z.object({
  kind: z.enum(PLAN_ACTIVITY_KINDS),
  /** month of the fiscal year the activity is due at the end of (April = 1) */
  month: z.number().int().min(1).max(12),
  startMonth: z.number().int().min(1).max(12).optional(),
  unitKinds: z.array(z.enum(PLAN_UNIT_KINDS)).min(1),
  roles: z.array(z.enum(ROLES)),
  ja: z.string(),
  en: z.string(),
  guideJa: z.string(),
  guideEn: z.string(),
});
const Catalog = z.object({ version: z.literal(1), about: z.string(), kinds: z.array(Kind), standardYear: z.array(Standard) });
export type PlanCatalog = z.infer<typeof Catalog>;

let catalog: PlanCatalog | undefined;

export function planCatalog(): PlanCatalog {
  if (catalog) return catalog;
  const parsed = Catalog.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`catalogs/plan-activity-kinds.json is invalid: ${z.prettifyError(parsed.error)}`);
  const ids = parsed.data.kinds.map((k) => k.id);
  if (PLAN_ACTIVITY_KINDS.some((k) => !ids.includes(k))) throw new Error('catalogs/plan-activity-kinds.json lacks a kind');
  return (catalog = parsed.data);
}

/** The last day of month `m` of fiscal year `fy` (April = 1), and the first day. */
export function fiscalMonthDays(fy: number, m: number): { first: string; last: string } {
  const month0 = (3 + m - 1) % 12; // 0-based calendar month
  const year = fy + (3 + m - 1 >= 12 ? 1 : 0);
  const first = new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(year, month0 + 1, 0)).toISOString().slice(0, 10);
  return { first, last };
}

/** The same day a year later (29 February becomes 28 February). */
export function shiftYear(day: string, years = 1): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
