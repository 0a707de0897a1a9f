import type { MessageBody, VulnerabilityReportBody } from '@mamori/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../../config';
import { holdersOf } from '../../../platform/access/holders';
import { notFound } from '../../../platform/errors/app-error';
import { notify } from '../../../platform/notifications/notify';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { decryptReport, psirtKey } from './pgp';
import { presentMessage, reporterStatus } from '../cases/present';
import { vulnerabilities, vulnerabilityMessages } from '../tables';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const trackingUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/security/reports/${token}`;

/**
 * A report from the public form. The receipt carries only the tracking token (32 random bytes, shown once;
 * its SHA-256 is stored). A filled honeypot gets the same-looking receipt and nothing is stored.
 */
export async function submitReport(ctx: Ctx, config: Config, body: z.infer<typeof VulnerabilityReportBody>) {
  const token = randomBytes(32).toString('base64url');
  if (body.website) return token;
  // Decrypted here, before anything is stored: the case holds the plain text, as for any other report.
  const decrypted = body.encrypted ? await decryptReport(await psirtKey(ctx.db, config), body.encrypted, 20_000) : null;
  const description = [body.description, decrypted].filter(Boolean).join('\n\n');
  await inTransaction(ctx, async (tx, audit) => {
    const product = [body.productName, body.productVersion].filter(Boolean).join(' ');
    const [row] = await tx
      .insert(vulnerabilities)
      .values({
        title: body.title,
        description,
        source: 'report',
        reportedProduct: product,
        reporterName: body.reporterName ?? null,
        reporterEmail: body.reporterEmail ?? null,
        language: body.language,
        trackingTokenHash: hashToken(token),
      })
      .returning({ id: vulnerabilities.id, number: vulnerabilities.number });
    await audit({
      action: 'vulnerability.report',
      targetType: 'vulnerability',
      targetId: row!.id,
      after: { number: row!.number, source: 'report', encrypted: Boolean(body.encrypted) },
    });
    // A new report names no product yet, so the group-wide PSIRT is who may see it (cases.ts, caseScopeSql).
    await notify(tx, {
      to: await holdersOf(tx, 'vulnerabilities:manage', null),
      kind: 'vulnerability.reported',
      params: { number: row!.number, title: body.title, product },
      link: `/vulnerabilities/${row!.id}`,
    });
  });
  return token;
}

export async function caseOfToken(ctx: Ctx, token: string) {
  const [row] = await ctx.db
    .select({ id: vulnerabilities.id, status: vulnerabilities.status })
    .from(vulnerabilities)
    .where(eq(vulnerabilities.trackingTokenHash, hashToken(token)));
  if (!row) throw notFound('The report');
  return row;
}

/** The reporter's view through the tracking link: a coarse status and the messages, nothing else of the case. */
export async function reporterView(ctx: Ctx, token: string) {
  const row = await caseOfToken(ctx, token);
  const messages = await ctx.db
    .select()
    .from(vulnerabilityMessages)
    .where(eq(vulnerabilityMessages.vulnerabilityId, row.id))
    .orderBy(asc(vulnerabilityMessages.createdAt), asc(vulnerabilityMessages.id));
  return { status: reporterStatus(row.status), messages: messages.map(presentMessage) };
}

export async function reporterMessage(ctx: Ctx, token: string, body: z.infer<typeof MessageBody>) {
  const row = await caseOfToken(ctx, token);
  await inTransaction(ctx, async (tx, audit) => {
    const [m] = await tx
      .insert(vulnerabilityMessages)
      .values({ vulnerabilityId: row.id, from: 'reporter', body: body.body })
      .returning({ id: vulnerabilityMessages.id });
    await audit({
      action: 'vulnerability.message',
      targetType: 'vulnerability',
      targetId: row.id,
      after: { messageId: m!.id, from: 'reporter' },
    });
  });
  return reporterView(ctx, token);
}
