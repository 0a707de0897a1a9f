import type { ShipGate } from '@mamori/contracts';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { releases } from '../tables';
import { registerShipGateExtension } from '../testing/gate';
import { testCases, testPlans } from '../testing/tables';
import { taraAnalyses, taraMethods } from './tables';
import { loadParts, rate } from './workspace';

type Check = Pick<ShipGate['checks'][number], 'state' | 'blocking' | 'link'>;
type Release = typeof releases.$inferSelect;

/** The key a test case names a cybersecurity goal by (`goal_ref`): the goal's threat and damage scenario. */
export const goalRef = (threatId: string, damageId: string) => `${threatId}/${damageId}`;

/**
 * The analyses a release answers to: those made for the release, else the product's own analyses (made for every
 * release). None: the rule has nothing to check (`not_checked`), so products without a TARA ship as before.
 */
async function analysesFor(db: Db, release: Release) {
  const cols = { id: taraAnalyses.id, title: taraAnalyses.title, method: taraMethods.definition };
  const base = () =>
    db.select(cols).from(taraAnalyses).innerJoin(taraMethods, eq(taraMethods.version, taraAnalyses.methodVersion));
  const own = await base().where(eq(taraAnalyses.releaseId, release.id));
  if (own.length) return own;
  return base().where(and(eq(taraAnalyses.productId, release.productId), isNull(taraAnalyses.releaseId)));
}

/** Each risk of the release's analyses with its treatment, as the analyses' own method versions rate them. */
async function readRisks(db: Db, release: Release) {
  const analyses = await analysesFor(db, release);
  const risks = [];
  for (const a of analyses) {
    const parts = await loadParts(db, a.id);
    const treatment = new Map(parts.treatments.map(({ t }) => [goalRef(t.threatId, t.damageId), t]));
    const threat = new Map(parts.threats.map((t) => [t.id, t.title]));
    const damage = new Map(parts.damages.map((d) => [d.id, d.title]));
    for (const r of rate(a.method, parts).risks)
      risks.push({
        analysisId: a.id,
        key: goalRef(r.threatId, r.damageId),
        label: `${a.title}: ${threat.get(r.threatId)} → ${damage.get(r.damageId)}`,
        requiresTreatment: r.value !== null && r.value >= a.method.treatmentThreshold,
        treatment: treatment.get(goalRef(r.threatId, r.damageId)) ?? null,
      });
  }
  return { analysed: analyses.length > 0, risks };
}

/**
 * The gate asks its three TARA rules about the same release row in one evaluation: the analyses are read once for
 * the three (keyed by that row object, so the next evaluation reads afresh).
 */
const read = new WeakMap<Release, ReturnType<typeof readRisks>>();
function risksOf(db: Db, release: Release) {
  let r = read.get(release);
  if (!r) read.set(release, (r = readRisks(db, release)));
  return r;
}

type Risk = Awaited<ReturnType<typeof readRisks>>['risks'][number];

function verdict(risks: Risk[], analysed: boolean, blocks: (r: Risk) => boolean): Check {
  if (!analysed) return { state: 'not_checked', blocking: [], link: null };
  const blocking = risks.filter(blocks);
  return {
    state: blocking.length ? 'block' : 'pass',
    blocking: blocking.map((r) => ({ id: r.key, label: r.label, severity: null })),
    link: blocking[0] ? `/tara-analyses/${blocking[0].analysisId}` : null,
  };
}

/** Every risk at or above the method's threshold has a treatment. */
async function risksTreated(db: Db, release: Release): Promise<Check> {
  const { analysed, risks } = await risksOf(db, release);
  return verdict(risks, analysed, (r) => r.requiresTreatment && !r.treatment);
}

/** Every treated risk's residual risk is signed by the analysis's risk owner. */
async function residualSigned(db: Db, release: Release): Promise<Check> {
  const { analysed, risks } = await risksOf(db, release);
  return verdict(risks, analysed, (r) => !!r.treatment && !r.treatment.signedAt);
}

/**
 * Every cybersecurity goal at CAL 3 or 4 has validation evidence: a test case of one of the release's test plans
 * that names the goal (`goal_ref` = threat id/damage id) and passed its last run.
 */
async function cal3Validated(db: Db, release: Release): Promise<Check> {
  const { analysed, risks } = await risksOf(db, release);
  const goals = risks.filter((r) => r.treatment?.treatment === 'reduce' && (r.treatment.cal ?? 0) >= 3);
  const passed = goals.length
    ? await db
        .select({ ref: testCases.goalRef })
        .from(testCases)
        .innerJoin(testPlans, eq(testPlans.id, testCases.planId))
        .where(
          and(
            eq(testPlans.releaseId, release.id),
            eq(testCases.lastOutcome, 'passed'),
            inArray(
              testCases.goalRef,
              goals.map((g) => g.key),
            ),
          ),
        )
    : [];
  const validated = new Set(passed.map((p) => p.ref));
  return verdict(goals, analysed, (r) => !validated.has(r.key));
}

/** The TARA's three ship-gate rules (issue #21), checked by the TARA room for the testing room's gate. */
export function registerTaraGateChecks() {
  registerShipGateExtension('risks_treated', risksTreated);
  registerShipGateExtension('residual_risks_signed', residualSigned);
  registerShipGateExtension('cal3_goals_validated', cal3Validated);
}
