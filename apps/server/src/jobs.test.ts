import { describe, expect, it } from 'vitest';
import { allJobs, allSchedules } from './jobs';

describe('the job registry', () => {
  it('has a handler for every scheduled kind, so no schedule fails with "no handler"', () => {
    const kinds = new Set(allJobs.map((j) => j.kind));
    expect(allSchedules.map((s) => s.kind).filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('registers each kind once', () => {
    const kinds = allJobs.map((j) => j.kind);
    expect(kinds).toEqual([...new Set(kinds)]);
  });
});
