import type { DemoContext } from '../../../demo/types';
import { Random } from '../../../demo/random';
import { getSource } from '../sources/registry';
import { dashboardSnapshots } from '../tables';
import { daysBefore, takeSnapshots, tokyoDay } from './service';

/** How much higher (positive) or lower (negative) each figure stood 90 days ago, as a share of today's value. */
const DRIFT: Record<string, number> = {
  'incidents.open': 0.4,
  'incidents.clocks': 0.2,
  'partners.programme': 0.35,
  'vulnerabilities.open': 0.3,
  'take-outs.status': 0.1,
  'risks.aboveAcceptance': 0.25,
  'assets.inventory': -0.5,
  'controls.soa': -0.15,
  'controls.statusRequests': -0.4,
  'plans.completion': -0.6,
  'training.completion': -0.35,
  'audits.findings': 0.3,
};
const BACKFILL_DAYS = 89;

/**
 * The demo's dashboard trends: today's snapshot taken from the demo data (every scope), and the 89 days before it
 * filled in from today's values as a believable walk (the security programme improving: fewer open items, more
 * completion, with day-to-day noise), seeded so the demo is the same every time.
 */
export async function demoSnapshots(ctx: DemoContext): Promise<string> {
  await takeSnapshots(ctx.tx, ctx.now);
  const today = tokyoDay(ctx.now);
  const todays = await ctx.tx.select().from(dashboardSnapshots);
  const random = new Random(15);
  const rows: (typeof dashboardSnapshots.$inferInsert)[] = [];
  for (const r of todays) {
    if (r.day !== today) continue;
    const percent = getSource(r.source)?.unit === 'percent';
    const drift = DRIFT[r.source] ?? 0;
    for (let d = 1; d <= BACKFILL_DAYS; d++) {
      let value: number | null = null;
      if (r.value !== null) {
        const base = r.value * (1 + (drift * d) / BACKFILL_DAYS);
        const noise = (random.next() - 0.5) * Math.max(percent ? 2 : 1, r.value * 0.12);
        value = percent
          ? Math.min(100, Math.max(0, Math.round((base + noise) * 10) / 10))
          : Math.max(0, Math.round(base + noise));
      }
      rows.push({ scopeKey: r.scopeKey, day: daysBefore(today, d), source: r.source, value });
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await ctx.tx.insert(dashboardSnapshots).values(rows.slice(i, i + 2000));
  const scopes = new Set(todays.map((r) => r.scopeKey)).size;
  return `reports: dashboard snapshots of ${scopes} scopes for the last ${BACKFILL_DAYS + 1} days (trends and sparklines)`;
}
