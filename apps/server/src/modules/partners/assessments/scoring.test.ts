import { describe, expect, it } from 'vitest';
import { applicableItems, loadCatalog } from './catalog';
import { judge, scoreAssessment, type AnswerValue, type ScoredItem } from './scoring';

const item = (id: string, group: ScoredItem['group'], weight = 1, critical = false): ScoredItem => ({
  id,
  group,
  weight,
  critical,
});
const answers = (o: Record<string, AnswerValue>) => new Map(Object.entries(o));

describe('scoring', () => {
  const items = [item('1-1', '1', 2), item('1-2', '1', 2), item('3-1-1', '3'), item('3-2-1', '3', 2, true)];

  it('gives 100 when everything is implemented and 0 when nothing is', () => {
    const all = (v: AnswerValue) => answers(Object.fromEntries(items.map((i) => [i.id, v])));
    expect(scoreAssessment(items, all('implemented')).overall).toBe(100);
    const none = scoreAssessment(items, all('not_implemented'));
    expect(none.overall).toBe(0);
    expect(none.groups).toEqual({ '1': 0, '2': null, '3': 0, '4': null, '5': null });
  });

  it('gives half credit for partly, by weight, and per group', () => {
    const r = scoreAssessment(
      items,
      answers({ '1-1': 'partly', '1-2': 'implemented', '3-1-1': 'not_implemented', '3-2-1': 'implemented' }),
    );
    // earned: 2·0.5 + 2·1 + 0 + 2·1 = 5 of 7
    expect(r.overall).toBe(71.4);
    expect(r.groups['1']).toBe(75);
    expect(r.groups['3']).toBe(66.7);
    expect(r.shortfalls.map((s) => s.requirementId)).toEqual(['1-1', '3-1-1']);
  });

  it('leaves N/A out of both the earned and the maximum', () => {
    const r = scoreAssessment(
      items,
      answers({ '1-1': 'not_applicable', '1-2': 'implemented', '3-1-1': 'not_applicable', '3-2-1': 'partly' }),
    );
    expect(r.overall).toBe(75); // 2 + 1 of 4
    expect(r.groups['1']).toBe(100);
  });

  it('answers null, not 0 or 100, when everything is N/A, and that is not a failure', () => {
    const r = scoreAssessment(items, answers(Object.fromEntries(items.map((i) => [i.id, 'not_applicable' as const]))));
    expect(r.overall).toBeNull();
    expect(Object.values(r.groups).every((g) => g === null)).toBe(true);
    expect(judge(r, 80)).toEqual({ passed: true, requests: [] });
    expect(scoreAssessment([], new Map()).overall).toBeNull();
  });

  it('counts an unanswered requirement as not implemented', () => {
    const r = scoreAssessment(items, answers({ '1-1': 'implemented', '1-2': 'implemented', '3-1-1': 'implemented' }));
    expect(r.overall).toBe(71.4);
    expect(r.shortfalls).toEqual([{ requirementId: '3-2-1', critical: true, value: null }]);
  });
});

describe('judging against the threshold', () => {
  const items = [item('a', '1'), item('b', '2'), item('c', '3', 1, true), item('d', '4')];

  it('requests improvement for every shortfall below the threshold', () => {
    const r = scoreAssessment(items, answers({ a: 'partly', b: 'not_implemented', c: 'implemented', d: 'implemented' }));
    expect(r.overall).toBe(62.5);
    expect(judge(r, 70)).toEqual({
      passed: false,
      requests: [
        { requirementId: 'a', reason: 'below_threshold' },
        { requirementId: 'b', reason: 'below_threshold' },
      ],
    });
    expect(judge(r, 60)).toEqual({ passed: true, requests: [] });
    expect(judge(r, 62.5).passed).toBe(true); // at the threshold passes
  });

  it('fails on a critical requirement not implemented whatever the score; partly is not a critical miss', () => {
    const r = scoreAssessment(items, answers({ a: 'implemented', b: 'implemented', c: 'not_implemented', d: 'implemented' }));
    expect(r.overall).toBe(75);
    expect(judge(r, 50)).toEqual({ passed: false, requests: [{ requirementId: 'c', reason: 'critical' }] });
    const partly = scoreAssessment(items, answers({ a: 'implemented', b: 'implemented', c: 'partly', d: 'implemented' }));
    expect(judge(partly, 50)).toEqual({ passed: true, requests: [] });
  });
});

describe('catalogue versions', () => {
  it('scores only the items an assessment was created with, whatever the current catalogue', () => {
    const v1 = loadCatalog(1);
    const fixed = applicableItems(v1, { digitized: false, usesSubcontractors: false, embodiments: false, papers: true });
    const all = answers(Object.fromEntries(fixed.map((i) => [i.id, 'implemented' as const])));
    all.set('2-4-1-a', 'not_implemented'); // an answer to a requirement outside the assessment is ignored
    expect(scoreAssessment(fixed, all).overall).toBe(100);
  });
});
