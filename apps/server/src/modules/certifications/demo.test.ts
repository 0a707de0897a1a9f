import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('certifications and group incidents demo', () => {
  it('gives the group an ISO/IEC 27001 certificate with units in scope and a TISAX label, and shared incidents', async () => {
    expect(lines.join('\n')).toMatch(/certifications: iso27001 .*; tisax /);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const certs = json<{ standard: string; state: string; scopeUnits: { id: string }[]; nextAudit: unknown; labels: string[] }[]>(
      await as(t.app, office).get('/api/certifications'),
    );
    const iso = certs.find((c) => c.standard === 'iso27001')!;
    expect(iso.state).toBe('valid');
    expect(iso.scopeUnits.length).toBeGreaterThan(0);
    expect(iso.nextAudit).not.toBeNull();
    expect(certs.find((c) => c.standard === 'tisax')?.labels).toEqual(['info-very-high', 'proto-parts']);
    const onUnit = json<{ standard: string }[]>(
      await as(t.app, office).get(`/api/org-units/${iso.scopeUnits[0]!.id}/certifications`),
    );
    expect(onUnit.map((c) => c.standard)).toContain('iso27001');
    const csirt = await createUser(t.database, [{ role: 'csirt_member' }]);
    const board = json<{ typeId: string; reasons: string[] }[]>(await as(t.app, csirt).get('/api/group-incidents'));
    expect(board.map((b) => b.typeId)).toEqual(expect.arrayContaining(['ransomware', 'unauthorized_access']));
  });
});
