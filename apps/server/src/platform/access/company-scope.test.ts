import { describe, expect, it } from 'vitest';
import type { Principal } from './principal';
import { allowedActions, scopeOf } from './scope';

const principal = (grants: { role: Principal['grants'][number]['role']; path: string | null }[]): Principal => ({
  userId: 'u',
  email: 'u@example.test',
  name: 'U',
  kind: 'internal',
  partnerId: null,
  language: null,
  mfaEnabled: false,
  via: 'token',
  sessionId: null,
  mfaEnrollmentRequired: false,
  grants: grants.map((g, i) => ({ id: String(i), orgUnitId: g.path ? 'x' : null, orgUnitName: null, orgUnitNameJa: null, ...g })),
});

describe('company-scoped CISO and security office (issue #22)', () => {
  it('gives a company office its subtree actions in its company only, and no group-level action', () => {
    const office = principal([{ role: 'security_office', path: '/h/c/' }]);
    expect(scopeOf(office, 'assets:manage')).toEqual({ kind: 'paths', paths: ['/h/c/'] });
    expect(scopeOf(office, 'companies:manage')).toEqual({ kind: 'paths', paths: ['/h/c/'] });
    expect(scopeOf(office, 'roles:assign')).toEqual({ kind: 'paths', paths: ['/h/c/'] });
    for (const groupLevel of [
      'settings:manage',
      'isms:configure',
      'partner-campaigns:manage',
      'reports:manage',
      'plans:manage',
    ] as const)
      expect(scopeOf(office, groupLevel)).toEqual({ kind: 'none' });
    expect(allowedActions(office)).not.toContain('settings:manage');
  });

  it('keeps the holding’s (group-wide) office and CISO as they were', () => {
    const office = principal([{ role: 'security_office', path: null }]);
    expect(scopeOf(office, 'settings:manage')).toEqual({ kind: 'all' });
    expect(scopeOf(office, 'companies:manage')).toEqual({ kind: 'all' });
    const ciso = principal([{ role: 'ciso', path: null }]);
    expect(allowedActions(ciso)).toContain('soa:approve');
  });

  it('lets a company CISO read its company but not approve group-wide records', () => {
    const ciso = principal([{ role: 'ciso', path: '/h/c/' }]);
    expect(scopeOf(ciso, 'incidents:read')).toEqual({ kind: 'paths', paths: ['/h/c/'] });
    expect(scopeOf(ciso, 'companies:read')).toEqual({ kind: 'paths', paths: ['/h/c/'] });
    expect(scopeOf(ciso, 'companies:manage')).toEqual({ kind: 'none' });
    expect(scopeOf(ciso, 'soa:approve')).toEqual({ kind: 'none' });
  });
});
