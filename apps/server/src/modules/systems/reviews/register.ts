import type { ApprovedService } from '@mamori/contracts';
import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { escapeLike } from '../../../platform/access/scope';
import { CursorPart, decodeCursor, encodeCursor } from '../../../platform/http/cursor';
import type { Ctx } from '../../../platform/tx';
import { effectiveClassification } from '../../assets/service';
import { approvedServices } from '../tables';

const Cursor = z.tuple([CursorPart.text(200), CursorPart.uuid]);

/**
 * The register of approved services, by name: every internal account reads it (approved-services:read) to answer
 * "may I put this class of information in that service?". Class names are the group scheme's.
 */
export async function listApprovedServices(
  ctx: Ctx,
  q: { limit: number; cursor?: string; q?: string },
): Promise<{ items: ApprovedService[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [];
  if (q.q) where.push(ilike(approvedServices.serviceName, `%${escapeLike(q.q)}%`));
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, Cursor);
    where.push(
      or(gt(approvedServices.serviceName, name), and(eq(approvedServices.serviceName, name), gt(approvedServices.id, id))),
    );
  }
  const rows = await ctx.db
    .select()
    .from(approvedServices)
    .where(and(...where))
    .orderBy(asc(approvedServices.serviceName), asc(approvedServices.id))
    .limit(q.limit + 1);
  const scheme = await effectiveClassification(ctx.db, null);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => {
      const c = scheme.classes.find((x) => x.code === r.maxClassCode);
      return {
        id: r.id,
        serviceName: r.serviceName,
        providerName: r.providerName,
        maxClassCode: r.maxClassCode,
        maxClassNameJa: c?.nameJa ?? r.maxClassCode,
        maxClassNameEn: c?.nameEn ?? r.maxClassCode,
        personalData: r.personalData,
        storageCountry: r.storageCountry,
        conditions: r.conditions,
        approvedOn: r.approvedOn,
        reReviewOn: r.reReviewOn,
        reviewId: r.reviewId,
      };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.serviceName, last.id]) : null,
  };
}

/** One entry of the register, or undefined. */
export async function approvedServiceById(db: Db, id: string) {
  const [row] = await db.select().from(approvedServices).where(eq(approvedServices.id, id));
  return row;
}
