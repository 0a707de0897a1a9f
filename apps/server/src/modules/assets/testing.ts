import type { FastifyInstance } from 'fastify';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../partners/testing';

/** Test helpers of the assets domain: a small group with two sites, people, and users of each kind. */
export interface AssetsWorld {
  t: TestApp;
  office: TestUser;
  siteOfficeA: TestUser;
  leaderA: TestUser;
  auditorA: TestUser;
  employee: TestUser;
  partnerUser: TestUser;
  units: { group: string; siteA: string; deptA: string; siteB: string };
  codes: { siteA: string; deptA: string; siteB: string };
  people: { a: string; b: string; leader: string };
  partnerId: string;
}

let seq = 0;

export async function assetsWorld(): Promise<AssetsWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const n = ++seq;
  const unit = async (parentId: string | null, code: string, kind: string) =>
    json<{ id: string }>(
      await as(t.app, office).post('/api/org-units', {
        parentId,
        code: `${code}${n}`,
        kind,
        nameJa: `${code}組織`,
        nameEn: `${code} unit`,
      }),
    ).id;
  const group = await unit(null, 'G', 'company');
  const siteA = await unit(group, 'SA', 'site');
  const deptA = await unit(siteA, 'DA', 'department');
  const siteB = await unit(group, 'SB', 'site');
  const person = async (no: string, orgUnitId: string) =>
    json<{ id: string }>(
      await as(t.app, office).post('/api/people', {
        employeeNo: `${no}${n}`,
        nameJa: `${no} 太郎`,
        nameEn: `Taro ${no}`,
        kind: 'employee',
        orgUnitId,
      }),
    ).id;
  const a = await person('PA', deptA);
  const b = await person('PB', siteB);
  const leader = await person('PL', deptA);
  const partner = await makePartner(t.app, office, `AssetsP${n}`);
  return {
    t,
    office,
    siteOfficeA: await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA }]),
    leaderA: await createUser(t.database, [{ role: 'promotion_leader', orgUnitId: deptA }], { personId: leader }),
    auditorA: await createUser(t.database, [{ role: 'auditor', orgUnitId: siteA }]),
    employee: await createUser(t.database, [{ role: 'employee', orgUnitId: siteA }]),
    partnerUser: await createUser(t.database, [{ role: 'partner_user' }], { partnerId: partner.id }),
    units: { group, siteA, deptA, siteB },
    codes: { siteA: `SA${n}`, deptA: `DA${n}`, siteB: `SB${n}` },
    people: { a, b, leader },
    partnerId: partner.id,
  };
}

export const assetBody = (unitId: string, ownerId: string, over: Record<string, unknown> = {}) => ({
  unitId,
  name: '顧客名簿',
  kind: 'electronic',
  ownerId,
  classCode: 'confidential',
  confidentiality: 3,
  integrity: 2,
  availability: 2,
  ...over,
});

export interface AssetView {
  id: string;
  rowVersion: number;
  name: string;
  classCode: string;
  status: string;
  custom: Record<string, unknown>;
  copies: number;
  copyList: { id: string }[];
  partners: { partnerId: string }[];
}

export async function makeAsset(app: FastifyInstance, user: TestUser, body: Record<string, unknown>): Promise<AssetView> {
  const res = await as(app, user).post('/api/assets', body);
  if (res.statusCode !== 201) throw new Error(`asset: ${res.statusCode} ${res.body}`);
  return json<AssetView>(res);
}
