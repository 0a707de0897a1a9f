import { describe, expect, it } from 'vitest';
import { localName } from './names';

describe('localName', () => {
  it("answers the reader's language, the other one when it is empty", () => {
    expect(localName({ nameJa: '品質保証課', nameEn: 'Quality Assurance Section' }, 'ja')).toBe('品質保証課');
    expect(localName({ nameJa: '品質保証課', nameEn: 'Quality Assurance Section' }, 'en')).toBe('Quality Assurance Section');
    expect(localName({ nameJa: '', nameEn: 'Only English' }, 'ja')).toBe('Only English');
    expect(localName(null, 'ja')).toBe('');
  });
});
