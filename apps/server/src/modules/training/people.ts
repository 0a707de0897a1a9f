import { todayJst } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../platform/auth/tables';
import { forbidden, msg } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';

export interface Me {
  personId: string;
  kind: 'employee' | 'contractor' | 'temporary';
  unitId: string;
  unitPath: string;
  nameJa: string;
  nameEn: string;
}

/** The person behind the signed-in account, with their unit; null for an account without a person. */
export async function meOf(db: Db, userId: string): Promise<Me | null> {
  const [row] = await db
    .select({
      personId: people.id,
      kind: people.kind,
      unitId: people.orgUnitId,
      unitPath: orgUnits.path,
      nameJa: people.nameJa,
      nameEn: people.nameEn,
    })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, userId));
  return row ?? null;
}

/** As meOf, refusing (403) an account that is not a person of the group: only people take training and sign. */
export async function requireMe(ctx: Ctx): Promise<Me> {
  const me = ctx.principal ? await meOf(ctx.db, ctx.principal.userId) : null;
  if (!me) throw forbidden(msg('training.no_person'));
  return me;
}

/** Today in Asia/Tokyo (YYYY-MM-DD): due dates and validity are calendar days there. */
export { todayJst };

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
