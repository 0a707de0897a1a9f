import { describe, expect, it } from 'vitest';
import { memoryGrowth } from '../../test/memory';
import { AppError } from '../errors/app-error';
import { readOpenvas } from './openvas';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status };
    throw e;
  }
  return { status: 200 };
};

/** The scanner report reader refuses nesting and node floods before fast-xml-parser builds a tree of them. */
describe('OpenVAS reader: nesting and node count are refused before memory fills', () => {
  it('refuses a deeply nested text and too many nodes within bounded memory', async () => {
    const { result, growthMb } = await memoryGrowth(async () => {
      const deep = '<report>' + '<a>'.repeat(1_000_000) + '</a>'.repeat(1_000_000) + '</report>';
      const wide = '<report><results>' + '<result/>'.repeat(2_100_000) + '</results></report>';
      return [refusal(() => readOpenvas(deep)).status, refusal(() => readOpenvas(wide)).status];
    });
    expect(result).toEqual([400, 413]);
    expect(growthMb).toBeLessThan(200);
  });
});
