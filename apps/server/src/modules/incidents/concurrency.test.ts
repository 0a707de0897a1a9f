import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';
import { incidentTasks } from './tables';
import { incidentWorld, lostLaptop, type IncidentWorld } from './test-world';

let w: IncidentWorld;
let id: string;

beforeAll(async () => {
  w = await incidentWorld();
  id = json<{ id: string }>(await as(w.t.app, w.reporter).post('/api/incidents', lostLaptop())).id;
});
afterAll(() => w.t.close());

describe('concurrent incident updates', () => {
  it('merges parallel changes of the facts one after the other, each audited against the one before', async () => {
    const n = 10;
    const answers = await inParallel(n, (i) =>
      as(w.t.app, w.office).patch(
        `/api/incidents/${id}`,
        i % 2 ? { facts: { personCount: 1000 + i } } : { severity: i % 4 ? 'high' : 'medium', facts: { highRisk: i % 4 === 0 } },
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const events = (await auditOf(w.t.database, 'incident', id)).filter((e) => e.action === 'incident.update');
    expect(events).toHaveLength(n);
    expect(unlinkedFields(events, ['changed'])).toEqual([]);
    const last = events.at(-1)!.after as { severity: string; facts: unknown };
    const final = json<{ severity: string; facts: unknown; rowVersion: number }>(
      await as(w.t.app, w.office).get(`/api/incidents/${id}`),
    );
    expect(final).toMatchObject({ severity: last.severity, facts: last.facts });
  });

  it('gives tasks added at the same moment distinct positions', async () => {
    const answers = await inParallel(8, (i) =>
      as(w.t.app, w.office).post(`/api/incidents/${id}/tasks`, { step: 'investigation', title: `Task ${i}` }),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
    const rows = await w.t.database.db.select().from(incidentTasks).where(eq(incidentTasks.incidentId, id));
    const positions = rows.map((r) => r.position);
    expect(new Set(positions).size).toBe(positions.length);
  });
});
