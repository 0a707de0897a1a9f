import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../../test/app';
import { securityTxt } from './public-routes';

const YEAR = 365 * 24 * 3600 * 1000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: 'http://mamori.example.test' });
});
afterAll(() => t.close());

describe('security.txt (RFC 9116)', () => {
  it('expires less than a year ahead, and names only https URLs besides a mailto: contact', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    const txt = securityTxt('https://psirt.example.test/', 'mailto:psirt@example.test', now)!;
    const expires = new Date(/Expires: (.+)\n/.exec(txt)![1]!);
    expect(expires.getTime() - now.getTime()).toBeGreaterThan(0);
    expect(expires.getTime() - now.getTime()).toBeLessThan(YEAR);
    const urls = [...txt.matchAll(/^(?:Contact|Encryption|Policy|Canonical|CSAF): (.+)$/gm)].map((m) => m[1]!);
    expect(urls.filter((u) => !u.startsWith('https://') && !u.startsWith('mailto:'))).toEqual([]);
    expect(txt).toContain('CSAF: https://psirt.example.test/.well-known/csaf/provider-metadata.json\n');
  });

  it('is not served when MAMORI_PUBLIC_URL is plain http (its URLs would not be https)', async () => {
    expect(securityTxt('http://mamori.example.test', 'mailto:psirt@example.test')).toBeNull();
    const res = await as(t.app, null).get('/.well-known/security.txt');
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Contact:');
  });
});
