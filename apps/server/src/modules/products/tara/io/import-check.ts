import { TaraExchange, type TaraMethodDefinition } from '@mamori/contracts';
import { fieldError, invalid, type FieldError } from '../../../../platform/errors/app-error';
import { zodIssueError } from '../../../../platform/errors/zod-messages';
import { deriveTrees, matrixValues, overallImpact, riskValue } from '../derive';
import { isR155Threat } from '../r155/catalog';

/**
 * Checks a `mamori-tara/1` document in full before anything is written: its shape (zod), then every reference and
 * every rule the API checks one change at a time (docs/tara.md). Each failing field is named by its JSON pointer
 * under `/document`; all are reported at once.
 */
export function parseExchange(document: unknown): TaraExchange {
  const parsed = TaraExchange.safeParse(document);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.slice(0, 200).flatMap((issue) => {
    const at = pointer(['document', ...issue.path]);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => fieldError(`${at}/${escape(k)}`, 'validation.unknown_field'));
    return zodIssueError(at, issue.code, issue as never, issue.message);
  });
  throw invalid(errors);
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointer = (path: PropertyKey[]) => '/' + path.map((p) => escape(String(p))).join('/');

/** Refs per list: duplicates named; answers ref → index. */
function refs(list: { ref: string }[], at: string, errors: FieldError[]) {
  const map = new Map<string, number>();
  list.forEach((x, i) => {
    if (map.has(x.ref)) errors.push(fieldError(pointer(['document', at, i, 'ref']), 'tara.ref_duplicate', { ref: x.ref }));
    else map.set(x.ref, i);
  });
  return map;
}

export function checkExchange(doc: TaraExchange, method: TaraMethodDefinition): void {
  const errors: FieldError[] = [];
  const p = (...path: PropertyKey[]) => pointer(['document', ...path]);
  const unknown = (at: string, ref: string) => errors.push(fieldError(at, 'tara.ref_unknown', { ref }));
  const assets = refs(doc.assets, 'assets', errors);
  const damages = refs(doc.damageScenarios, 'damageScenarios', errors);
  const threats = refs(doc.threatScenarios, 'threatScenarios', errors);
  const nodes = refs(doc.attackNodes, 'attackNodes', errors);

  const categories = new Set(method.impactCategories.map((c) => c.code));
  doc.damageScenarios.forEach((d, i) => {
    for (const k of Object.keys(d.impacts))
      if (!categories.has(k)) errors.push(fieldError(p('damageScenarios', i, 'impacts', k), 'tara.impact_category_unknown'));
  });

  doc.threatScenarios.forEach((t, i) => {
    const a = assets.get(t.asset);
    if (a === undefined) unknown(p('threatScenarios', i, 'asset'), t.asset);
    else if (!doc.assets[a]!.properties.includes(t.property))
      errors.push(fieldError(p('threatScenarios', i, 'property'), 'tara.property_not_of_asset'));
    t.damages.forEach((d, j) => {
      if (!damages.has(d)) unknown(p('threatScenarios', i, 'damages', j), d);
    });
    t.r155Threats.forEach((code, j) => {
      if (!isR155Threat(code)) errors.push(fieldError(p('threatScenarios', i, 'r155Threats', j), 'tara.r155_unknown', { code }));
    });
  });

  const factors = new Map(method.feasibility.factors.map((f) => [f.code, f]));
  doc.attackNodes.forEach((n, i) => {
    if (!threats.has(n.threat)) unknown(p('attackNodes', i, 'threat'), n.threat);
    if (n.parent !== null) {
      const parent = nodes.get(n.parent);
      if (parent === undefined) unknown(p('attackNodes', i, 'parent'), n.parent);
      else if (doc.attackNodes[parent]!.kind === 'leaf' || doc.attackNodes[parent]!.threat !== n.threat)
        errors.push(fieldError(p('attackNodes', i, 'parent'), 'tara.parent_not_gate'));
    }
    if (n.kind !== 'leaf') {
      if (n.ratings && Object.keys(n.ratings).length)
        errors.push(fieldError(p('attackNodes', i, 'ratings'), 'tara.ratings_on_gate'));
      return;
    }
    if (!n.ratings) return;
    for (const [code, level] of Object.entries(n.ratings)) {
      const factor = factors.get(code);
      if (!factor) errors.push(fieldError(p('attackNodes', i, 'ratings', code), 'tara.factor_unknown'));
      else if (!factor.levels.some((l) => l.code === level))
        errors.push(fieldError(p('attackNodes', i, 'ratings', code), 'tara.level_unknown'));
    }
    for (const code of factors.keys())
      if (!(code in n.ratings))
        errors.push(fieldError(p('attackNodes', i, 'ratings', code), 'tara.factor_missing', { factor: code }));
  });
  // A cycle: walking up from a node meets it again (each walk stops at a node already cleared).
  const clear = new Set<number>();
  doc.attackNodes.forEach((_, i) => {
    const path = new Set<number>();
    for (let at: number | undefined = i; at !== undefined && !clear.has(at);) {
      if (path.has(at)) return void errors.push(fieldError(p('attackNodes', i, 'parent'), 'tara.attack_tree_cycle'));
      path.add(at);
      const parent: string | null = doc.attackNodes[at]!.parent;
      at = parent === null ? undefined : nodes.get(parent);
    }
    for (const x of path) clear.add(x);
  });

  if (!errors.length) checkRisks(doc, method, errors);
  doc.r155NotApplicable.forEach((x, i) => {
    if (!isR155Threat(x.code)) errors.push(fieldError(p('r155NotApplicable', i, 'code'), 'tara.r155_unknown', { code: x.code }));
    else if (doc.r155NotApplicable.findIndex((y) => y.code === x.code) !== i)
      errors.push(fieldError(p('r155NotApplicable', i, 'code'), 'tara.ref_duplicate', { ref: x.code }));
  });
  if (errors.length) throw invalid(errors.slice(0, 500));
}

/** The treatment rules, on values derived from the document's own trees (only once every reference resolves). */
function checkRisks(doc: TaraExchange, method: TaraMethodDefinition, errors: FieldError[]) {
  const trees = deriveTrees(
    method,
    doc.attackNodes.map((n) => ({ id: n.ref, threatId: n.threat, parentId: n.parent, kind: n.kind, ratings: n.ratings })),
  );
  const impact = new Map(doc.damageScenarios.map((d) => [d.ref, overallImpact(method, d.impacts)]));
  const links = new Set(doc.threatScenarios.flatMap((t) => t.damages.map((d) => `${t.ref}\n${d}`)));
  const seen = new Set<string>();
  const allowed = matrixValues(method);
  doc.risks.forEach((r, i) => {
    const at = (f: string) => pointer(['document', 'risks', i, f]);
    const key = `${r.threat}\n${r.damage}`;
    if (!links.has(key)) return void errors.push(fieldError(at('damage'), 'tara.risk_not_linked'));
    if (seen.has(key)) errors.push(fieldError(at('damage'), 'tara.risk_duplicate'));
    seen.add(key);
    const value = riskValue(method, impact.get(r.damage) ?? null, trees.byThreat.get(r.threat)?.feasibility ?? null);
    if (r.cal != null && r.treatment !== 'reduce') errors.push(fieldError(at('cal'), 'tara.cal_only_reduce'));
    if ((r.treatment === 'share' || r.treatment === 'retain') && !r.rationale)
      errors.push(fieldError(at('rationale'), 'tara.rationale_required'));
    if (r.treatment === 'retain' && value != null && value >= method.treatmentThreshold)
      errors.push(fieldError(at('treatment'), 'tara.retain_above_threshold', { value, threshold: method.treatmentThreshold }));
    if (r.residualValue != null && !allowed.includes(r.residualValue))
      errors.push(fieldError(at('residualValue'), 'tara.residual_outside_method', { values: allowed.join(', ') }));
  });
}
