import { as, json, type TestApp, type TestUser } from './app';

/**
 * A small group of companies made through the API by an administrator, for the tests of company settings, mail
 * languages and sign-in rules: `unit(code, kind, parent?)` adds the unit `組織 <code>` / `Unit <code>` under the unit
 * of code `parent` and keeps its id in `ids[code]`; `person(key, unitCode, names?)` adds the employee `E-<key>` there.
 */
export function orgTree(t: TestApp, admin: TestUser, ids: Record<string, string> = {}) {
  return {
    ids,
    async unit(code: string, kind: string, parent?: string): Promise<string> {
      const res = await as(t.app, admin).post('/api/org-units', {
        parentId: parent ? ids[parent]! : null,
        code,
        kind,
        nameJa: `組織 ${code}`,
        nameEn: `Unit ${code}`,
      });
      if (res.statusCode !== 201) throw new Error(`org unit ${code}: ${res.statusCode} ${res.body}`);
      ids[code] = json<{ id: string }>(res).id;
      return ids[code];
    },
    async person(key: string, unitCode: string, names = { ja: key, en: key }): Promise<string> {
      const res = await as(t.app, admin).post('/api/people', {
        employeeNo: `E-${key}`,
        nameJa: names.ja,
        nameEn: names.en,
        kind: 'employee',
        orgUnitId: ids[unitCode],
      });
      if (res.statusCode !== 201) throw new Error(`person ${key}: ${res.statusCode} ${res.body}`);
      return json<{ id: string }>(res).id;
    },
  };
}
