import { describe, expect, it } from 'vitest';
import { fromFieldDateTime, parseDateText, toFieldDateTime } from './parse';

describe('parseDateText', () => {
  it('reads a date in the forms a Japanese or English reader types', () => {
    for (const text of [
      '2026-12-07',
      '2026/12/7',
      '2026.12.07',
      '2026年12月7日',
      '2026年12月7日(月)',
      '7 Dec 2026',
      '7 December 2026',
    ])
      expect(parseDateText(text, false), text).toBe('2026-12-07');
  });

  it('answers null for half-typed or impossible dates, so the value is not replaced', () => {
    for (const text of ['', '2026', '2026-1', '2026-02-30', '2026-13-01', '7 Foo 2026', '2026-12-07 x', '12/07/2026'])
      expect(parseDateText(text, false), text).toBeNull();
  });

  it('reads a time after the date when the field takes one; a date alone is midnight', () => {
    expect(parseDateText('2026-12-07T14:30', true)).toBe('2026-12-07 14:30:00');
    expect(parseDateText('2026/12/07 9:05', true)).toBe('2026-12-07 09:05:00');
    expect(parseDateText('2026年12月7日 14:30:15', true)).toBe('2026-12-07 14:30:15');
    expect(parseDateText('2026/12/07', true)).toBe('2026-12-07 00:00:00');
    expect(parseDateText('2026/12/07 24:00', true)).toBeNull();
    expect(parseDateText('2026/12/07 14:3', true)).toBeNull();
  });

  it('converts between the form value of datetime-local and Mantine', () => {
    expect(fromFieldDateTime('2026-12-07T14:30')).toBe('2026-12-07 14:30:00');
    expect(fromFieldDateTime('')).toBeNull();
    expect(toFieldDateTime('2026-12-07 14:30:00')).toBe('2026-12-07T14:30');
    expect(toFieldDateTime(null)).toBe('');
  });
});
