import {
  FEASIBILITY_RATINGS,
  IMPACT_RATINGS,
  type FeasibilityRating,
  type ImpactRating,
  type TaraMethodDefinition,
} from '@mamori/contracts';

/**
 * What a TARA derives, never typed (docs/tara.md): a leaf's attack potential is the sum of its factor values and
 * its feasibility the band that sum falls in; an OR node is as feasible as its most feasible child, an AND node
 * as its least feasible one; a threat scenario's roots combine as OR. A damage scenario's impact is its highest
 * rating; a risk's value is the method's matrix cell for impact × feasibility. Pure functions, linear in the tree.
 */

export interface NodeIn {
  id: string;
  threatId: string;
  parentId: string | null;
  kind: 'or' | 'and' | 'leaf';
  ratings: Record<string, string> | null;
}
export interface Derived {
  attackPotential: number | null;
  feasibility: FeasibilityRating | null;
}

/** The sum of a leaf's factor values; null when a factor or level is not the method's (counts as unrated). */
export function leafPotential(method: TaraMethodDefinition, ratings: Record<string, string> | null): number | null {
  if (!ratings) return null;
  let sum = 0;
  for (const factor of method.feasibility.factors) {
    const level = factor.levels.find((l) => l.code === ratings[factor.code]);
    if (!level) return null;
    sum += level.value;
  }
  return sum;
}

export function feasibilityOf(method: TaraMethodDefinition, potential: number): FeasibilityRating {
  const b = method.feasibility.bands;
  if (potential >= b.very_low) return 'very_low';
  if (potential >= b.low) return 'low';
  if (potential >= b.medium) return 'medium';
  return 'high';
}

/** Combine children: OR takes the lowest potential (most feasible), AND the highest; unrated children are skipped
 *  under OR and make an AND unrated (one step of the path cannot be judged). */
function combine(kind: 'or' | 'and', potentials: (number | null)[]): number | null {
  if (!potentials.length) return null;
  if (kind === 'and') return potentials.some((p) => p === null) ? null : Math.max(...(potentials as number[]));
  const rated = potentials.filter((p): p is number => p !== null);
  return rated.length ? Math.min(...rated) : null;
}

/** Every node's derived values, and each threat's (its roots as OR). Iterative: deep trees cannot overflow. */
export function deriveTrees(method: TaraMethodDefinition, nodes: NodeIn[]) {
  const children = new Map<string, NodeIn[]>();
  const roots = new Map<string, NodeIn[]>();
  for (const n of nodes) {
    const list = n.parentId ? children.get(n.parentId) : roots.get(n.threatId);
    if (list) list.push(n);
    else if (n.parentId) children.set(n.parentId, [n]);
    else roots.set(n.threatId, [n]);
  }
  const potential = new Map<string, number | null>();
  // Post-order by an explicit stack; a node is finished once all its children are.
  for (const rootList of roots.values())
    for (const root of rootList) {
      const stack: [NodeIn, boolean][] = [[root, false]];
      while (stack.length) {
        const [node, expanded] = stack.pop()!;
        const kids = children.get(node.id) ?? [];
        if (node.kind === 'leaf') potential.set(node.id, leafPotential(method, node.ratings));
        else if (expanded)
          potential.set(
            node.id,
            combine(
              node.kind,
              kids.map((k) => potential.get(k.id) ?? null),
            ),
          );
        else {
          stack.push([node, true]);
          for (const k of kids) stack.push([k, false]);
        }
      }
    }
  const out = (p: number | null | undefined): Derived => ({
    attackPotential: p ?? null,
    feasibility: p === null || p === undefined ? null : feasibilityOf(method, p),
  });
  const byNode = new Map<string, Derived>();
  for (const n of nodes) byNode.set(n.id, out(potential.get(n.id)));
  const byThreat = new Map<string, Derived>();
  for (const [threatId, list] of roots)
    byThreat.set(
      threatId,
      out(
        combine(
          'or',
          list.map((r) => potential.get(r.id) ?? null),
        ),
      ),
    );
  return { byNode, byThreat };
}

/** A damage scenario's impact: its highest rating over the method's categories (others are not counted). */
export function overallImpact(method: TaraMethodDefinition, impacts: Record<string, ImpactRating>): ImpactRating | null {
  let best = -1;
  for (const c of method.impactCategories) {
    const r = impacts[c.code];
    if (r) best = Math.max(best, IMPACT_RATINGS.indexOf(r));
  }
  return best < 0 ? null : IMPACT_RATINGS[best]!;
}

export function riskValue(method: TaraMethodDefinition, impact: ImpactRating | null, feasibility: FeasibilityRating | null) {
  if (!impact || !feasibility) return null;
  return method.riskMatrix[impact][FEASIBILITY_RATINGS.indexOf(feasibility)]!;
}

/** The values the method's matrix can give, for checking a residual value. */
export const matrixValues = (method: TaraMethodDefinition) =>
  [...new Set(Object.values(method.riskMatrix).flat())].sort((a, b) => a - b);
