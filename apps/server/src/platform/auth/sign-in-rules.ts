import { PASSWORD_MIN_LENGTH, SignInRules, type Role, type SignInRules as SignInRulesT } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { people } from '../../modules/org/tables';
import { fieldError, type FieldError } from '../errors/app-error';
import { registerCompanySetting } from '../settings/company';
import { defineSetting, effectiveSetting, settingChain, type SettingValue } from '../settings/effective';
import { users } from './tables';

/** The rules before anyone saves the group's: 12 characters, no role needs MFA, 60 minutes idle, 12 hours at most. */
export const DEFAULT_SIGN_IN_RULES: SignInRulesT = {
  passwordMinLength: PASSWORD_MIN_LENGTH,
  mfaRequiredRoles: [],
  sessionIdleMinutes: 60,
  sessionMaxHours: 12,
};

/**
 * Password, MFA and session rules (issue #22). The group's value is scope `group` (edited in Settings, `PATCH
 * /api/settings`); a company may set its own, stricter only (`PUT /api/companies/{unitId}/settings/auth.signInRules`).
 * Read for a person through `signInRulesFor`, never from the table.
 */
export const signInRulesSetting = defineSetting('auth.signInRules', SignInRules, () => structuredClone(DEFAULT_SIGN_IN_RULES));

/** Role names for the messages that name a role (the web app has its own in its catalogue). */
const ROLE_NAMES: Record<Role, { ja: string; en: string }> = {
  system_admin: { ja: 'システム管理者', en: 'System administrator' },
  ciso: { ja: 'CISO', en: 'CISO' },
  security_office: { ja: '情報セキュリティ事務局', en: 'Security office' },
  site_security_office: { ja: '事業場事務局', en: 'Site security office' },
  org_head: { ja: '組織責任者', en: 'Organisation head' },
  promotion_leader: { ja: '推進リーダー', en: 'Promotion leader' },
  auditor: { ja: '内部監査員', en: 'Internal auditor' },
  psirt_member: { ja: 'PSIRT メンバー', en: 'PSIRT member' },
  csirt_member: { ja: 'CSIRT メンバー', en: 'CSIRT member' },
  fsirt_member: { ja: 'FSIRT メンバー', en: 'FSIRT member' },
  privacy_officer: { ja: '個人情報保護事務局', en: 'Privacy office' },
  employee: { ja: '従業員', en: 'Employee' },
  partner_user: { ja: '取引先ユーザー', en: 'Partner user' },
};

/** The fields of `own` that are looser than `inherited`, each named (paths relative to the value): one per dropped role. */
export function looserSignInRules(inherited: SignInRulesT, own: SignInRulesT): FieldError[] {
  const errors: FieldError[] = [];
  if (own.passwordMinLength < inherited.passwordMinLength)
    errors.push(fieldError('passwordMinLength', 'group.password_length_looser', { group: inherited.passwordMinLength }));
  for (const role of inherited.mfaRequiredRoles.filter((r) => !own.mfaRequiredRoles.includes(r)))
    errors.push(fieldError('mfaRequiredRoles', 'group.mfa_roles_looser', { role: ROLE_NAMES[role] }));
  if (own.sessionIdleMinutes > inherited.sessionIdleMinutes)
    errors.push(fieldError('sessionIdleMinutes', 'group.session_idle_looser', { group: inherited.sessionIdleMinutes }));
  if (own.sessionMaxHours > inherited.sessionMaxHours)
    errors.push(fieldError('sessionMaxHours', 'group.session_max_looser', { group: inherited.sessionMaxHours }));
  return errors;
}

registerCompanySetting({
  setting: signInRulesSetting,
  title: { ja: 'パスワード・多要素認証・セッションの規則', en: 'Password, MFA and session rules' },
  stricter: looserSignInRules,
});

/** The stricter of two rule sets, field by field. */
export const strictest = (a: SignInRulesT, b: SignInRulesT): SignInRulesT => ({
  passwordMinLength: Math.max(a.passwordMinLength, b.passwordMinLength),
  mfaRequiredRoles: [...new Set<Role>([...a.mfaRequiredRoles, ...b.mfaRequiredRoles])].sort(),
  sessionIdleMinutes: Math.min(a.sessionIdleMinutes, b.sessionIdleMinutes),
  sessionMaxHours: Math.min(a.sessionMaxHours, b.sessionMaxHours),
});

/** The group's rules (what a person outside any company, a partner user or an administrator follows). */
export const groupSignInRules = (db: Db): Promise<SettingValue<SignInRulesT>> => effectiveSetting(db, signInRulesSetting);

/**
 * The rules for a person whose primary unit is `unitId` (null: the group's): the strictest, field by field, of every
 * own value on the unit's chain — each company above it that has one, and the group's (else the built-in default).
 * A company's own value was checked stricter than what it inherited when it was saved; merging the whole chain at
 * read time makes a rule that a parent company or the group tightened since apply at once to an affiliate that
 * saved its own before (docs/group.md "Stricter only: password, MFA and session rules").
 */
export async function signInRulesFor(db: Db, unitId: string | null | undefined): Promise<SignInRulesT> {
  const group = await groupSignInRules(db);
  if (!unitId) return group.value;
  const chain = await settingChain(db, signInRulesSetting, unitId);
  return chain.reduce((rules, own) => strictest(rules, own.value), group.value);
}

/** The primary org unit of an account's person (null for an account without one: partners, administrators). */
export async function accountUnit(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: people.orgUnitId })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId));
  return row?.unitId ?? null;
}

/** The rules that apply to an account (through its person's company). */
export const signInRulesOfAccount = async (db: Db, userId: string): Promise<SignInRulesT> =>
  signInRulesFor(db, await accountUnit(db, userId));
