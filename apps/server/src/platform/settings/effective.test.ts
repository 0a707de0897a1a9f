import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { orgUnits } from '../../modules/org/tables';
import { createTestDatabase } from '../../test/db';
import { systemActor } from '../audit/record';
import { inTransaction } from '../tx';
import { clearSettingCache, defineSetting, effectiveSetting, saveSetting, settingHistory } from './effective';

const Level = z.object({ level: z.number().int().min(1).max(5) });
const setting = defineSetting('test.level', Level, () => ({ level: 3 }));

let database: Database;
const ids: Record<string, string> = {};
const ctx = () => ({ db: database.db, actor: systemActor('test'), principal: null });
const save = (value: z.infer<typeof Level>, scope?: string, expected?: number[]) =>
  inTransaction(ctx(), (tx, audit) => saveSetting(tx, audit, setting, value, { scope, by: null, expected }));

beforeAll(async () => {
  database = await createTestDatabase();
  // group (company) → operating company → site → department; and a second company without its own value
  const add = async (code: string, kind: 'company' | 'site' | 'department', parent?: string) => {
    const id = crypto.randomUUID();
    const parentPath = parent ? (await database.db.select().from(orgUnits)).find((u) => u.id === parent)!.path : '/';
    await database.db.insert(orgUnits).values({
      id,
      parentId: parent ?? null,
      code,
      kind,
      nameJa: code,
      nameEn: code,
      path: `${parentPath}${id}/`,
      depth: parent ? 1 : 0,
    });
    ids[code] = id;
  };
  await add('HOLD', 'company');
  await add('OPCO', 'company', ids.HOLD);
  await add('SITE', 'site', ids.OPCO);
  await add('DEPT', 'department', ids.SITE);
  await add('AFF', 'company', ids.HOLD);
});
afterAll(() => database.close());

describe('effective settings', () => {
  it('answers the built-in default until the group saves a value, then the group value for every unit', async () => {
    expect((await effectiveSetting(database.db, setting, ids.DEPT)).value).toEqual({ level: 3 });
    await save({ level: 4 });
    const eff = await effectiveSetting(database.db, setting, ids.DEPT);
    expect(eff).toMatchObject({ value: { level: 4 }, scope: 'group', version: 1 });
    expect((await effectiveSetting(database.db, setting)).value).toEqual({ level: 4 });
  });

  it("resolves a company's own value for the units under it, the nearest company first, and the group's elsewhere", async () => {
    await save({ level: 2 }, ids.HOLD);
    await save({ level: 5 }, ids.OPCO);
    expect(await effectiveSetting(database.db, setting, ids.DEPT)).toMatchObject({ value: { level: 5 }, scope: ids.OPCO });
    expect(await effectiveSetting(database.db, setting, ids.AFF)).toMatchObject({ value: { level: 2 }, scope: ids.HOLD });
    expect((await effectiveSetting(database.db, setting)).value).toEqual({ level: 4 });
  });

  it('refuses a save against a version the editor did not see, and keeps every version in the history', async () => {
    await expect(save({ level: 1 }, undefined, [0])).rejects.toMatchObject({ code: 'precondition-failed' });
    await save({ level: 1 }, undefined, [1]);
    clearSettingCache();
    expect((await effectiveSetting(database.db, setting, ids.AFF)).value).toEqual({ level: 2 });
    const history = await settingHistory(database.db, setting);
    expect(history.map((h) => [h.version, h.value])).toEqual([
      [2, { level: 1 }],
      [1, { level: 4 }],
    ]);
  });
});
