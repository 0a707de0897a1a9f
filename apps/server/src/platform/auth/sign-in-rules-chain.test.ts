import type { SignInRules } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../../test/app';
import { systemActor } from '../audit/record';
import { saveSetting } from '../settings/effective';
import { inTransaction } from '../tx';
import { signInRulesFor, signInRulesSetting } from './sign-in-rules';
import { orgTree } from '../../test/org-tree';

/**
 * Sign-in rules hold the strictest of the whole chain at read time (docs/group.md "Stricter only"): a parent company
 * that tightens its rule after its affiliate saved its own reaches the affiliate's people at once.
 */
let t: TestApp;
const u: Record<string, string> = {};
const base: SignInRules = { passwordMinLength: 12, mfaRequiredRoles: [], sessionIdleMinutes: 60, sessionMaxHours: 12 };

const save = (scope: string, value: SignInRules) =>
  inTransaction({ db: t.database.db, actor: systemActor('test'), principal: null }, (tx, audit) =>
    saveSetting(tx, audit, signInRulesSetting, value, { scope, by: null }),
  );

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t.database, [{ role: 'system_admin' }]);
  const tree = orgTree(t, admin, u);
  const add = tree.unit;
  await add('HOLD', 'company');
  await add('OPCO', 'company', 'HOLD');
  await add('AFF', 'company', 'OPCO');
  await add('AFF-SITE', 'site', 'AFF');
  await add('SISTER', 'company', 'HOLD');
});
afterAll(() => t.close());

describe('sign-in rules along the chain of companies', () => {
  it('merge every ancestor’s own value, so a parent company’s later tightening reaches its affiliate at once', async () => {
    await save('group', base);
    await save(u.OPCO!, { ...base, passwordMinLength: 14 });
    await save(u.AFF!, { ...base, passwordMinLength: 14, sessionIdleMinutes: 30 });
    expect(await signInRulesFor(t.database.db, u['AFF-SITE'])).toEqual({
      ...base,
      passwordMinLength: 14,
      sessionIdleMinutes: 30,
    });
    // the operating company tightens after its affiliate saved: the affiliate's people follow it without a new save
    await save(u.OPCO!, { ...base, passwordMinLength: 16, mfaRequiredRoles: ['auditor'], sessionMaxHours: 8 });
    expect(await signInRulesFor(t.database.db, u['AFF-SITE'])).toEqual({
      passwordMinLength: 16,
      mfaRequiredRoles: ['auditor'],
      sessionIdleMinutes: 30,
      sessionMaxHours: 8,
    });
    // a sister company under the holding is not touched by the operating company's rule
    expect(await signInRulesFor(t.database.db, u.SISTER)).toEqual(base);
    // the holding tightens too: everyone below follows
    await save(u.HOLD!, { ...base, sessionIdleMinutes: 20 });
    expect(await signInRulesFor(t.database.db, u['AFF-SITE'])).toMatchObject({ passwordMinLength: 16, sessionIdleMinutes: 20 });
    expect(await signInRulesFor(t.database.db, u.SISTER)).toMatchObject({ passwordMinLength: 12, sessionIdleMinutes: 20 });
  });
});
