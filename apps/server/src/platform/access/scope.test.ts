import { describe, expect, it } from 'vitest';
import type { Principal } from './principal';
import { allowedActions, covers, scopeOf } from './scope';

const principal = (grants: Partial<Principal['grants'][number]>[], partnerId: string | null = null): Principal => ({
  userId: 'u',
  email: 'u@example.test',
  name: 'U',
  kind: partnerId ? 'partner' : 'internal',
  partnerId,
  language: null,
  mfaEnabled: false,
  via: 'token',
  sessionId: null,
  mfaEnrollmentRequired: false,
  grants: grants.map((g, i) => ({
    id: String(i),
    role: 'employee',
    orgUnitId: null,
    path: null,
    orgUnitName: null,
    orgUnitNameJa: null,
    ...g,
  })),
});

describe('external accounts', () => {
  it('gives a partner account only its partner role, and an internal account never the partner role', () => {
    const partner = principal([{ role: 'partner_user' }, { role: 'security_office' }], 'p1');
    expect(allowedActions(partner)).toEqual(['partner-portal:answer', 'partner-portal:report', 'partners:read']);
    expect(scopeOf(partner, 'people:read')).toEqual({ kind: 'none' });
    expect(scopeOf(partner, 'org:read')).toEqual({ kind: 'none' });
    const internal = principal([{ role: 'partner_user' }]);
    expect(scopeOf(internal, 'partner-portal:answer')).toEqual({ kind: 'none' });
  });
});

describe('scopeOf', () => {
  it('denies by default: no grant, or a role without the action', () => {
    expect(scopeOf(null, 'org:read')).toEqual({ kind: 'none' });
    expect(scopeOf(principal([{ role: 'employee', path: '/a/' }]), 'people:read')).toEqual({ kind: 'none' });
  });
  it('merges subtree grants and drops nested ones', () => {
    const p = principal([
      { role: 'org_head', path: '/g/a/' },
      { role: 'site_security_office', path: '/g/a/x/' },
      { role: 'site_security_office', path: '/g/b/' },
    ]);
    expect(scopeOf(p, 'people:read')).toEqual({ kind: 'paths', paths: ['/g/a/', '/g/b/'] });
    expect(scopeOf(p, 'people:manage')).toEqual({ kind: 'paths', paths: ['/g/a/x/', '/g/b/'] });
  });
  it('a group-wide grant covers everything, records without an org path included', () => {
    const scope = scopeOf(principal([{ role: 'security_office' }]), 'audit:read');
    expect(scope).toEqual({ kind: 'all' });
    expect(covers(scope, null)).toBe(true);
  });
  it('a subtree covers its descendants only, never records without a path', () => {
    const scope = { kind: 'paths' as const, paths: ['/g/a/'] };
    expect(covers(scope, '/g/a/')).toBe(true);
    expect(covers(scope, '/g/a/x/')).toBe(true);
    expect(covers(scope, '/g/ab/')).toBe(false);
    expect(covers(scope, '/g/')).toBe(false);
    expect(covers(scope, null)).toBe(false);
  });
  it('lists the union of actions for the web app', () => {
    expect(allowedActions(principal([{ role: 'promotion_leader', path: '/a/' }]))).toEqual([
      'accounts:request',
      'approved-services:read',
      'assets:manage',
      'assets:read',
      'bring-ins:request',
      'certifications:read',
      'control-status:answer',
      'controls:read',
      'documents:read',
      'findings:answer',
      'incidents:report',
      'org:read',
      'people:read',
      'plan-tasks:complete',
      'plans:read',
      'privacy:manage',
      'privacy:read',
      'risks:manage',
      'risks:read',
      'service-reviews:request',
      'systems:manage',
      'systems:read',
      'take-outs:request',
      'training:read',
      'training:take',
      'zones:read',
    ]);
  });
});
