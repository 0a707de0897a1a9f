import { SHIP_GATE_RULES, ShipGateRules, type ShipGate, type ShipGateRule, type TestSeverity } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { conflict, fieldError, msg, type FieldError } from '../../../platform/errors/app-error';
import { registerCompanySetting } from '../../../platform/settings/company';
import { defineSetting, effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { loadRelease } from '../products';
import { findings as legacyFindings, type releases } from '../tables';
import { findingsOf, todayJst } from './read';
import { testFindings, testPlanRuns, testPlans } from './tables';

const SEVERITY_ORDER: TestSeverity[] = ['low', 'medium', 'high', 'critical'];
const rank = (s: TestSeverity) => SEVERITY_ORDER.indexOf(s);

/**
 * The ship gate's rules (issue #21), a setting of the group that a company may only tighten. The defaults: an open
 * finding of high or critical severity blocks, and so does one fixed but not retested.
 */
export const shipGateSetting = defineSetting('products.shipGate', ShipGateRules, (): z.infer<typeof ShipGateRules> => ({
  findingSeverity: 'high',
  pendingRetestBlocks: true,
  // off by default so releases recorded before SBOM import keep shipping; the group turns it on
  requireSbom: false,
  requireTestRun: false,
  requireCal3GoalsValidated: true,
  requireRisksTreated: true,
  requireResidualRisksSigned: true,
}));

const BOOLEAN_RULES = [
  'pendingRetestBlocks',
  'requireSbom',
  'requireTestRun',
  'requireCal3GoalsValidated',
  'requireRisksTreated',
  'requireResidualRisksSigned',
] as const;

registerCompanySetting({
  setting: shipGateSetting,
  title: { ja: '出荷判定のルール', en: 'Ship-gate rules' },
  // stricter: a lower severity threshold, and no rule the group turns on turned off
  stricter: (inherited, own) => [
    ...(rank(own.findingSeverity) > rank(inherited.findingSeverity)
      ? [
          fieldError('findingSeverity', 'group.rank_looser', {
            group: inherited.findingSeverity,
            bound: inherited.findingSeverity,
          }),
        ]
      : []),
    ...BOOLEAN_RULES.filter((k) => inherited[k] && !own[k]).map((k) => fieldError(k, 'testing.rule_required')),
  ],
});

type Check = ShipGate['checks'][number];
type ReleaseRow = typeof releases.$inferSelect;

/**
 * Extension point for the rules this room cannot check itself: the TARA room (products/tara) registers a checker
 * for `cal3_goals_validated`, `risks_treated` and `residual_risks_signed`. Until one is registered, a rule that
 * the setting turns on is reported as `not_checked` and does not block.
 */
export type ShipGateExtension = (db: Db, release: ReleaseRow) => Promise<Pick<Check, 'state' | 'blocking' | 'link'>>;
const extensions = new Map<ShipGateRule, ShipGateExtension>();
export function registerShipGateExtension(
  rule: 'cal3_goals_validated' | 'risks_treated' | 'residual_risks_signed',
  check: ShipGateExtension,
) {
  extensions.set(rule, check);
}

const BLOCKING_STATUSES = ['open', 'acceptance_requested', 'fixed_pending_retest', 'accepted'] as const;

/**
 * Every rule of the gate for one release, in a fixed order: `pass`, `block` (with what blocks and where to fix
 * it), `not_checked` (an extension point nobody provides yet) or `off` (the setting turns it off).
 */
export async function evaluateShipGate(
  db: Db,
  product: { id: string; orgUnitId: string; shipGateSeverity: TestSeverity },
  release: ReleaseRow,
): Promise<ShipGate> {
  const rules = (await effectiveSetting(db, shipGateSetting, product.orgUnitId)).value;
  const today = todayJst();
  const open = await findingsOf(
    db,
    and(eq(testFindings.releaseId, release.id), inArray(testFindings.status, [...BLOCKING_STATUSES]))!,
  );
  const atOrAbove = open.filter((f) => rank(f.severity) >= rank(rules.findingSeverity));
  const label = (f: (typeof open)[number]) => `${f.ruleId}: ${f.message.slice(0, 200)}`;
  const link = (f: (typeof open)[number]) => `/test-plans/${f.planId}#finding-${f.id}`;
  const asBlocking = (fs: typeof open) => fs.map((f) => ({ id: f.id, label: label(f), severity: f.severity, link: link(f) }));

  const severityBlock = atOrAbove.filter(
    (f) =>
      f.status === 'open' ||
      f.status === 'acceptance_requested' ||
      (f.status === 'accepted' && (!f.acceptedUntil || f.acceptedUntil < today)),
  );
  const pendingBlock = atOrAbove.filter((f) => f.status === 'fixed_pending_retest');
  const legacy = await db
    .select({ id: legacyFindings.id, title: legacyFindings.title, severity: legacyFindings.severity })
    .from(legacyFindings)
    .where(and(eq(legacyFindings.releaseId, release.id), eq(legacyFindings.status, 'open')));
  const legacyBlock = legacy.filter((f) => rank(f.severity) > rank(product.shipGateSeverity));
  const [{ runs } = { runs: 0 }] = await db
    .select({ runs: sql<number>`count(*)::int` })
    .from(testPlanRuns)
    .innerJoin(testPlans, eq(testPlans.id, testPlanRuns.planId))
    .where(eq(testPlans.releaseId, release.id));

  const checks: Check[] = [];
  const push = (rule: ShipGateRule, on: boolean, blocking: Check['blocking'], linkTo: string | null) =>
    checks.push({ rule, state: !on ? 'off' : blocking.length ? 'block' : 'pass', blocking, link: linkTo });
  const productLink = `/products/${product.id}`;
  push(
    'legacy_findings',
    true,
    legacyBlock.map((f) => ({ id: f.id, label: f.title, severity: f.severity })),
    productLink,
  );
  push(
    'finding_severity',
    true,
    asBlocking(severityBlock).map(({ link: _l, ...b }) => b),
    severityBlock[0] ? link(severityBlock[0]) : null,
  );
  push(
    'pending_retest',
    rules.pendingRetestBlocks,
    asBlocking(pendingBlock).map(({ link: _l, ...b }) => b),
    pendingBlock[0] ? link(pendingBlock[0]) : null,
  );
  push(
    'sbom',
    rules.requireSbom,
    release.sbomImportedAt ? [] : [{ id: release.id, label: release.version, severity: null }],
    productLink,
  );
  push('test_run', rules.requireTestRun, runs ? [] : [{ id: release.id, label: release.version, severity: null }], '/test-plans');
  const tara: [ShipGateRule, boolean][] = [
    ['cal3_goals_validated', rules.requireCal3GoalsValidated],
    ['risks_treated', rules.requireRisksTreated],
    ['residual_risks_signed', rules.requireResidualRisksSigned],
  ];
  for (const [rule, on] of tara) {
    const ext = extensions.get(rule);
    if (!on) checks.push({ rule, state: 'off', blocking: [], link: null });
    else if (!ext) checks.push({ rule, state: 'not_checked', blocking: [], link: null });
    else checks.push({ rule, ...(await ext(db, release)) });
  }
  checks.sort((a, b) => SHIP_GATE_RULES.indexOf(a.rule) - SHIP_GATE_RULES.indexOf(b.rule));
  return { releaseId: release.id, passes: checks.every((c) => c.state !== 'block'), checks };
}

export async function getShipGate(ctx: Ctx, productId: string, releaseId: string) {
  const { product, release } = await loadRelease(ctx.db, scopeOf(ctx.principal, 'products:read'), productId, releaseId);
  return evaluateShipGate(ctx.db, product, release);
}

/** 409 naming each blocking rule (path `shipGate.<rule>`, or `shipGate.<rule>.<id>` per finding) and its link. */
export function shipGateBlocked(gate: ShipGate) {
  const blocking = gate.checks.filter((c) => c.state === 'block');
  const errors: FieldError[] = blocking.flatMap((c) =>
    (c.blocking.length ? c.blocking : [{ id: '', label: '', severity: null }]).map((b) => ({
      path: b.id ? `shipGate.${c.rule}.${b.id}` : `shipGate.${c.rule}`,
      message: b.label ? `${c.rule}: ${b.label}` : c.rule,
      code: `testing.gate.${c.rule}` as const,
      params: { label: b.label, link: c.link ?? '' },
    })),
  );
  return conflict(msg('testing.gate_blocked', { rules: blocking.map((c) => c.rule).join(', ') }), errors);
}
