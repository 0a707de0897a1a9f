import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';
import { improvementRequests, partnerAssessments } from './assessment-tables';
import { deriveTier } from './records/profile';
import { makePartner } from './testing';

let t: TestApp;
let office: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
});
afterAll(() => t.close());

const paper = { papers: true, digitized: false, embodiments: false, knowHow: false, strictlyConfidential: false };
const secret = { ...paper, digitized: true, strictlyConfidential: true };

interface Detail {
  tier: string;
  nameEn: string;
  usesSubcontractors: boolean;
  shares: { digitized: boolean; embodiments: boolean; strictlyConfidential: boolean };
}

describe('concurrent partner updates', () => {
  it('keeps the tier consistent with the shares and links every audit event to the previous one', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await makePartner(t.app, office, `Race${round}`, { shares: paper });
      // One request changes what is shared (the tier follows), nineteen rename the partner at the same moment.
      const answers = await inParallel(20, (i) =>
        as(t.app, office).patch(`/api/partners/${p.id}`, i === 7 ? { shares: secret } : { nameEn: `Race ${round}-${i}` }),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
      const final = json<Detail>(await as(t.app, office).get(`/api/partners/${p.id}`));
      expect(final.shares.strictlyConfidential).toBe(true);
      expect(final.tier).toBe(deriveTier({ ...final.shares, usesSubcontractors: final.usesSubcontractors }));
      const events = await auditOf(t.database, 'partner', p.id);
      expect(events).toHaveLength(21);
      expect(unlinkedFields(events)).toEqual([]);
    }
  });

  it('derives the tier from the shares as they are when a sub-contractor is added beside a change of shares', async () => {
    for (let round = 0; round < 3; round++) {
      const digital = { ...paper, digitized: true };
      const p = await makePartner(t.app, office, `Sub${round}`, { shares: digital });
      const [sub, patched] = await inParallel(2, (i) =>
        i === 0
          ? as(t.app, office).post(`/api/partners/${p.id}/subcontractors`, { name: `Sub ${round}`, country: 'JP' })
          : as(t.app, office).patch(`/api/partners/${p.id}`, { shares: paper }),
      );
      expect([sub!.statusCode, patched!.statusCode]).toEqual([201, 200]);
      const final = json<Detail>(await as(t.app, office).get(`/api/partners/${p.id}`));
      expect(final.usesSubcontractors).toBe(true);
      expect(final.tier).toBe(deriveTier({ ...final.shares, usesSubcontractors: final.usesSubcontractors }));
      const events = (await auditOf(t.database, 'partner', p.id)).filter((e) => e.action === 'partner.update');
      expect(events).toHaveLength(2);
      expect(unlinkedFields(events)).toEqual([]);
    }
  });

  it('records the return of what was handed over once', async () => {
    const p = await makePartner(t.app, office, 'Exchange');
    const ex = json<{ id: string }>(
      await as(t.app, office).post(`/api/partners/${p.id}/exchanges`, {
        direction: 'to_partner',
        form: 'papers',
        description: 'Drawings',
        method: 'hand',
        occurredOn: '2026-01-05',
        approvedBy: 'Head',
      }),
    );
    const answers = await inParallel(3, (i) =>
      as(t.app, office).post(`/api/partner-exchanges/${ex.id}/settle`, {
        settlement: i ? 'disposed' : 'returned',
        settledOn: '2026-02-01',
      }),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('decides an answered improvement request once when an acceptance and a return race', async () => {
    const p = await makePartner(t.app, office, 'Decide');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await as(t.app, office).post('/api/partner-campaigns', { name: 'D', dueOn: day(30), partnerIds: [p.id], reminderDays: [3] });
    const [a] = await t.database.db.select().from(partnerAssessments).where(eq(partnerAssessments.partnerId, p.id));
    const [ir] = await t.database.db
      .insert(improvementRequests)
      .values({
        assessmentId: a!.id,
        partnerId: p.id,
        requirementId: '1-1',
        reason: 'below_threshold',
        dueOn: day(30),
        status: 'answered',
      })
      .returning();
    const answers = await inParallel(4, (i) =>
      as(t.app, office).post(`/api/improvement-requests/${ir!.id}/${i % 2 ? 'accept' : 'return'}`, { comment: `c${i}` }),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const decisions = (await auditOf(t.database, 'improvement_request', ir!.id)).filter((e) => /accept|return/.test(e.action));
    expect(decisions).toHaveLength(1);
  });
});
