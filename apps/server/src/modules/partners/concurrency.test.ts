import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';
import { deriveTier } from './profile';
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
});
