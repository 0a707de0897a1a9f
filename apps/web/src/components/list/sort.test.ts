import { describe, expect, it } from 'vitest';
import { filterQuery } from './query';
import { ariaSort, nextSort, parseSort } from './sort';

describe('list sort', () => {
  it('reads the API sort parameter', () => {
    expect(parseSort('-score')).toEqual({ key: 'score', desc: true });
    expect(parseSort('nameEn')).toEqual({ key: 'nameEn', desc: false });
    expect(parseSort(undefined)).toBeNull();
  });

  it('sorts by a new column in its first direction, and flips the sorted column', () => {
    expect(nextSort('nameEn', 'employeeNo')).toBe('employeeNo');
    expect(nextSort('nameEn', 'score', true)).toBe('-score');
    expect(nextSort('nameEn', 'nameEn')).toBe('-nameEn');
    expect(nextSort('-nameEn', 'nameEn')).toBe('nameEn');
    expect(nextSort(undefined, 'at', true)).toBe('-at');
  });

  it('tells aria-sort the direction of the sorted column only', () => {
    expect(ariaSort('-score', 'score')).toBe('descending');
    expect(ariaSort('score', 'score')).toBe('ascending');
    expect(ariaSort('score', 'createdAt')).toBe('none');
    expect(ariaSort('score', undefined)).toBe('none');
  });
});

describe('list filters as query parameters', () => {
  it('leaves out empty texts and cleared selects, and trims texts', () => {
    expect(filterQuery({ q: '  sato ', status: null, kind: '', orgUnitId: 'u1' })).toEqual({ q: 'sato', orgUnitId: 'u1' });
  });
});
