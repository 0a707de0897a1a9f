import { describe, expect, it } from 'vitest';
import { fiscalYearDays, fiscalYearLabel, fiscalYearOf } from './fiscal-year';

describe('fiscal years (April to March, named by their start)', () => {
  it('files April to March under the year they start in', () => {
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2027-01-15')).toBe(2026);
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
    expect(fiscalYearDays(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('takes a moment on its day in Tokyo', () => {
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-03-31T15:00:00Z'))).toBe(2027);
  });

  it('labels 2026年度 in Japanese and FY2026 in English', () => {
    expect(fiscalYearLabel(2026, 'ja')).toBe('2026年度');
    expect(fiscalYearLabel(2026, 'en')).toBe('FY2026');
  });
});
