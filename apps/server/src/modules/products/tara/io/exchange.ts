import { TARA_EXCHANGE_FORMAT, type TaraAnalysis, type TaraExchange } from '@mamori/contracts';

type Node = TaraAnalysis['attackNodes'][number];

/** A threat's nodes in tree order (depth first, siblings by position), so siblings keep their order on import. */
function treeOrder(nodes: Node[]): Node[] {
  const children = new Map<string | null, Node[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const out: Node[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...[...(children.get(n.id) ?? [])].reverse());
  }
  return out;
}

/**
 * The analysis as a `mamori-tara/1` document. Items are named by short refs (A1, D1, T1, N1) in the workspace's
 * order, so exporting an imported analysis gives the same document. Signatures and the risk owner stay behind:
 * they belong to the people of this instance.
 */
export function toExchange(ws: TaraAnalysis, now = new Date()): TaraExchange {
  const ref = (prefix: string, list: { id: string }[]) => new Map(list.map((x, i) => [x.id, `${prefix}${i + 1}`]));
  const assetRef = ref('A', ws.assets);
  const damageRef = ref('D', ws.damageScenarios);
  const threatRef = ref('T', ws.threatScenarios);
  const byThreat = new Map<string, Node[]>();
  for (const n of ws.attackNodes) byThreat.set(n.threatId, [...(byThreat.get(n.threatId) ?? []), n]);
  const nodes = ws.threatScenarios.flatMap((t) => treeOrder(byThreat.get(t.id) ?? []));
  const nodeRef = ref('N', nodes);
  const risks = ws.threatScenarios.flatMap((t) =>
    ws.risks
      .filter((r) => r.threatId === t.id && r.treatment !== null)
      .sort((a, b) => cmp(damageRef.get(a.damageId), damageRef.get(b.damageId))),
  );
  return {
    format: TARA_EXCHANGE_FORMAT,
    exportedAt: now.toISOString(),
    analysis: {
      title: ws.title,
      product: { code: ws.productCode, nameJa: ws.productNameJa, nameEn: ws.productNameEn },
      release: ws.releaseVersion,
      methodVersion: ws.methodVersion,
      boundary: ws.boundary,
      functions: ws.functions,
      environment: ws.environment,
      assumptions: ws.assumptions,
    },
    method: ws.method,
    assets: ws.assets.map((a) => ({
      ref: assetRef.get(a.id)!,
      name: a.name,
      description: a.description,
      properties: a.properties,
    })),
    damageScenarios: ws.damageScenarios.map((d) => ({
      ref: damageRef.get(d.id)!,
      title: d.title,
      description: d.description,
      impacts: d.impacts,
      derived: { impact: d.impact },
    })),
    threatScenarios: ws.threatScenarios.map((t) => ({
      ref: threatRef.get(t.id)!,
      title: t.title,
      asset: assetRef.get(t.assetId)!,
      property: t.property,
      cause: t.cause,
      stride: t.stride,
      damages: t.damageIds.map((d) => damageRef.get(d)!).sort(cmp),
      r155Threats: [...t.r155Threats].sort(),
      derived: { feasibility: t.feasibility, attackPotential: t.attackPotential },
    })),
    attackNodes: nodes.map((n) => ({
      ref: nodeRef.get(n.id)!,
      threat: threatRef.get(n.threatId)!,
      parent: n.parentId ? (nodeRef.get(n.parentId) ?? null) : null,
      kind: n.kind,
      title: n.title,
      ratings: n.ratings,
      derived: { feasibility: n.feasibility, attackPotential: n.attackPotential },
    })),
    risks: risks.map((r) => ({
      threat: threatRef.get(r.threatId)!,
      damage: damageRef.get(r.damageId)!,
      treatment: r.treatment!,
      statement: r.statement ?? '',
      cal: r.cal,
      rationale: r.rationale,
      residualValue: r.residualValue,
      derived: { impact: r.impact, feasibility: r.feasibility, value: r.value },
    })),
    r155NotApplicable: ws.r155NotApplicable.map((x) => ({ code: x.code, reason: x.reason })),
  };
}

/** Refs compare by their number (D2 before D10). */
function cmp(a: string | undefined, b: string | undefined) {
  return (a ?? '').localeCompare(b ?? '', 'en', { numeric: true });
}
