import { describe, expect, it } from 'vitest';
import { deriveTrees, feasibilityOf, overallImpact, riskValue, type NodeIn } from './derive';
import { defaultTaraMethod } from './method-check';
import { easy, hard, medium } from './test-world';

const method = defaultTaraMethod().definition;
const leaf = (id: string, parentId: string | null, ratings: Record<string, string> | null): NodeIn => ({
  id,
  threatId: 't',
  parentId,
  kind: 'leaf',
  ratings,
});
const gate = (id: string, parentId: string | null, kind: 'or' | 'and'): NodeIn => ({
  id,
  threatId: 't',
  parentId,
  kind,
  ratings: null,
});

describe('TARA derivation under the default method', () => {
  it('puts attack-potential sums in the published bands', () => {
    expect([0, 13, 14, 19, 20, 24, 25, 60].map((p) => feasibilityOf(method, p))).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'very_low',
      'very_low',
    ]);
  });

  it('skips an unrated branch under OR but makes an AND unrated', () => {
    const nodes = [
      gate('or', null, 'or'),
      leaf('a', 'or', medium),
      leaf('b', 'or', null),
      gate('and', 'or', 'and'),
      leaf('c', 'and', easy),
      leaf('d', 'and', null),
    ];
    const { byNode, byThreat } = deriveTrees(method, nodes);
    expect(byNode.get('and')).toEqual({ attackPotential: null, feasibility: null });
    expect(byNode.get('or')).toEqual({ attackPotential: 18, feasibility: 'medium' });
    expect(byThreat.get('t')!.feasibility).toBe('medium');
  });

  it('combines several roots of a threat as OR, and survives a deep chain without recursion', () => {
    const chain: NodeIn[] = [gate('g0', null, 'and')];
    for (let i = 1; i < 20_000; i++) chain.push(gate(`g${i}`, `g${i - 1}`, i % 2 ? 'or' : 'and'));
    chain.push(leaf('end', 'g19999', hard), leaf('other-root', null, medium));
    const { byNode, byThreat } = deriveTrees(method, chain);
    expect(byNode.get('g0')!.feasibility).toBe('very_low');
    expect(byThreat.get('t')).toEqual({ attackPotential: 18, feasibility: 'medium' });
  });

  it('takes the highest impact over the method’s categories and reads the matrix', () => {
    expect(overallImpact(method, { safety: 'moderate', financial: 'major', unknown: 'severe' })).toBe('major');
    expect(overallImpact(method, {})).toBeNull();
    expect(riskValue(method, 'severe', 'high')).toBe(5);
    expect(riskValue(method, 'moderate', 'medium')).toBe(2);
    expect(riskValue(method, 'negligible', 'high')).toBe(1);
    expect(riskValue(method, null, 'high')).toBeNull();
  });
});
