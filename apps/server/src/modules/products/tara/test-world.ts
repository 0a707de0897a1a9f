import type { TaraAnalysis } from '@mamori/contracts';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';

/** A group with two divisions, a product in each, and the people who work on TARAs (tests only). */
export interface TaraWorld {
  t: TestApp;
  office: TestUser;
  psirtA: TestUser;
  psirtB: TestUser;
  ciso: TestUser;
  employee: TestUser;
  productA: string;
  productB: string;
}

export async function taraWorld(): Promise<TaraWorld> {
  const t = await createTestApp();
  const office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const a = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'A', 'site')));
  const b = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'B', 'site')));
  const product = async (code: string, orgUnitId: string) =>
    json<{ id: string }>(await as(t.app, office).post('/api/products', { code, nameJa: code, nameEn: code, orgUnitId })).id;
  return {
    t,
    office,
    psirtA: await createUser(t.database, [{ role: 'psirt_member', orgUnitId: a.id }]),
    psirtB: await createUser(t.database, [{ role: 'psirt_member', orgUnitId: b.id }]),
    ciso: await createUser(t.database, [{ role: 'ciso' }]),
    employee: await createUser(t.database, [{ role: 'employee' }]),
    productA: await product('ECU-A', a.id),
    productB: await product('ECU-B', b.id),
  };
}

/** A leaf rating under the default method; the sum is the attack potential. */
export const ratings = (time: string, expertise: string, knowledge: string, window: string, equipment: string) => ({
  elapsed_time: time,
  expertise,
  knowledge,
  window,
  equipment,
});
/** sum 0 → high */
export const easy = ratings('le_1_day', 'layman', 'public', 'unlimited', 'standard');
/** 4 + 3 + 3 + 4 + 4 = 18 → medium */
export const medium = ratings('le_1_month', 'proficient', 'restricted', 'moderate', 'specialised');
/** 17 + 6 + 7 + 10 + 7 = 47 → very low */
export const hard = ratings('le_6_months', 'expert', 'confidential', 'difficult', 'bespoke');

/** Sends a change of the workspace with its current ETag; answers the new workspace. */
export function workspaceClient(w: TaraWorld, user: TestUser, id: string) {
  let etag: string | undefined;
  const call = async (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown) => {
    const res = await w.t.app.inject({
      method: method.toUpperCase() as 'POST',
      url: `/api/tara-analyses/${id}${path}`,
      headers: { authorization: `Bearer ${user.token}`, ...(etag ? { 'if-match': etag } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (res.statusCode === 200) etag = res.headers.etag as string;
    return res;
  };
  const ok = async (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return json<TaraAnalysis>(res);
  };
  return { call, ok, setEtag: (e: string) => (etag = e) };
}
