import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/sql';
import { peopleImport } from '../../modules/org/import-people';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { systemActor } from '../audit/record';
import { verifyAuditChain } from '../audit/verify';
import { APPLY_CHUNK, applyImport, commitImport, openStaging, resumeImports, STAGE_CHUNK, stageImport } from './staged';

let t: TestApp;
let office: TestUser;
let unitId: string;
const kinds = [peopleImport as never];

const line = (no: string, name = `Person ${no}`) => ({
  employeeNo: no,
  nameJa: `人 ${no}`,
  nameEn: name,
  email: null,
  kind: 'employee' as const,
  status: 'active' as const,
  orgUnitId: unitId,
});
const count = async (where = sql`true`) =>
  (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM people WHERE ${where}`))[0]!.n;
const ctx = () => ({ db: t.database.db, actor: systemActor('importer'), principal: null });
/** What a restart finds after a SIGKILL: the batch's process gone quiet long ago. */
const silenceBatches = () => t.database.db.execute(sql`UPDATE import_batches SET heartbeat_at = now() - interval '1 hour'`);

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = { parentId: null, code: 'G', kind: 'company', nameJa: 'グループ', nameEn: 'Group' };
  unitId = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit)).id;
});
afterAll(() => t.close());

describe('staging lines as they are checked', () => {
  const batches = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM import_batches`))[0]!.n;

  it('stages in chunks as rows come, records how many, and a file found wrong later leaves nothing behind', async () => {
    const before = await batches();
    const staging = openStaging(t.database.db, peopleImport, systemActor('importer'));
    for (let i = 0; i < STAGE_CHUNK + 3; i++) await staging.add(line(`S${i}`));
    // the first chunk is already in the database, before the last row was seen
    const [staged] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM import_batch_rows`);
    expect(staged!.n).toBe(STAGE_CHUNK);
    await staging.abandon();
    expect(await batches()).toBe(before);
    const [left] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM import_batch_rows`);
    expect(left!.n).toBe(0);
  });

  it('closing with nothing staged creates no batch; closing with rows gives the batch its row count', async () => {
    const before = await batches();
    expect(await openStaging(t.database.db, peopleImport, systemActor('importer')).close()).toBeNull();
    expect(await batches()).toBe(before);
    const staging = openStaging(t.database.db, peopleImport, systemActor('importer'));
    await staging.add(line('N1'));
    await staging.add(line('N2'));
    const id = await staging.close();
    const [batch] = await queryRows<{ rows: number; status: string }>(
      t.database.db,
      sql`SELECT rows, status FROM import_batches WHERE id = ${id}`,
    );
    expect(batch).toEqual({ rows: 2, status: 'staging' });
    await t.database.db.execute(sql`DELETE FROM import_batches WHERE id = ${id}`);
  });
});

describe('a staged import under a crash (SIGKILL) is all or nothing', () => {
  it('killed while staging: nothing is applied, and the staged rows are dropped on restart', async () => {
    await stageImport(t.database.db, peopleImport, systemActor('importer'), [line('K1'), line('K2')]);
    // …the process dies here, before the commit.
    expect(await count()).toBe(0);
    await silenceBatches();
    expect(await resumeImports(t.database.db, kinds)).toEqual({ dropped: 1, finished: 0 });
    expect(await count()).toBe(0);
    const [left] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM import_batch_rows`);
    expect(left!.n).toBe(0);
  });

  it('killed after the commit, part-way through applying: the restart finishes it, each row once', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => line(`C${i}`));
    const id = await stageImport(t.database.db, peopleImport, systemActor('importer'), lines);
    await commitImport(ctx(), peopleImport as never, id);
    // The process dies while applying its second chunk: that chunk's transaction never commits.
    let chunks = 0;
    const dying = {
      ...peopleImport,
      async apply(...args: Parameters<typeof peopleImport.apply>) {
        if (++chunks === 2) throw new Error('SIGKILL');
        return peopleImport.apply(...args);
      },
    };
    await expect(applyImport(t.database.db, dying as never, id)).rejects.toThrow('SIGKILL');
    expect(await count(sql`employee_no LIKE 'C%'`)).toBe(APPLY_CHUNK);
    await silenceBatches();
    expect(await resumeImports(t.database.db, kinds)).toEqual({ dropped: 0, finished: 1 });
    expect(await count(sql`employee_no LIKE 'C%'`)).toBe(1200);
    const events = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.create' AND actor_label = 'importer'`,
    );
    expect(events[0]!.n).toBe(1200);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('applies each line to the person as it is then: an edit saved during the import is the "before" of its update', async () => {
    const [person] = await queryRows<{ id: string }>(t.database.db, sql`SELECT id FROM people WHERE employee_no = 'C1'`);
    const id = await stageImport(t.database.db, peopleImport, systemActor('importer'), [line('C1', 'From the file')]);
    await commitImport(ctx(), peopleImport as never, id);
    // a user saves a change between the commit and the apply
    expect((await as(t.app, office).patch(`/api/people/${person!.id}`, { nameEn: 'Saved by a user' })).statusCode).toBe(200);
    expect(await applyImport(t.database.db, peopleImport as never, id)).toMatchObject({ created: 0, updated: 1 });
    const [event] = await queryRows<{ before: { nameEn: string }; after: { nameEn: string } }>(
      t.database.db,
      sql`SELECT before, after FROM audit_events WHERE action = 'person.update' AND target_id = ${person!.id} ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toMatchObject({ before: { nameEn: 'Saved by a user' }, after: { nameEn: 'From the file' } });
  });
});
