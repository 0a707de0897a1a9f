import { createHash } from 'node:crypto';
import type { AddEvidenceBody, CustodyBody } from '@mamori/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { recordRead } from '../../platform/audit/record';
import { AppError, invalid, notFound, msg } from '../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../platform/tx';
import { incidentEvidence, incidentEvidenceContent, type CustodyRecord } from './tables';
import { addEntry } from './timeline';
import { loadCase } from './visibility';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

type Upload = Pick<z.infer<typeof AddEvidenceBody>, 'name' | 'mediaType' | 'contentBase64'> & {
  description?: string | undefined;
};
type EvidenceRow = typeof incidentEvidence.$inferSelect;

const present = (e: EvidenceRow) => ({
  id: e.id,
  name: e.name,
  mediaType: e.mediaType,
  size: e.size,
  sha256: e.sha256,
  description: e.description,
  collectedAt: e.collectedAt.toISOString(),
  custody: e.custody,
});

function decode(base64: string, path: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw invalid([{ path, message: 'not base64' }]);
  const content = Buffer.from(base64, 'base64');
  if (content.length > MAX_EVIDENCE_BYTES) throw new AppError('payload-too-large', msg('incident.evidence_too_large'));
  return content;
}

/**
 * Stores one evidence file with its SHA-256 and the first custody entry ("collected"). The content
 * lives in the database (incident_evidence_content), not on a disk of one process.
 */
export async function storeEvidence(tx: Db, incidentId: string, by: { id: string; label: string }, file: Upload, path: string) {
  const content = decode(file.contentBase64, path);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const custody: CustodyRecord[] = [
    { at: new Date().toISOString(), action: 'collected', by: by.label, to: null, note: file.description ?? '' },
  ];
  const [row] = await tx
    .insert(incidentEvidence)
    .values({
      incidentId,
      name: file.name,
      mediaType: file.mediaType,
      size: content.length,
      sha256,
      description: file.description ?? '',
      collectedBy: by.id,
      custody,
    })
    .returning();
  await tx.insert(incidentEvidenceContent).values({ evidenceId: row!.id, content });
  await addEntry(tx, incidentId, by.id, {
    kind: 'evidence',
    text: `evidence ${file.name} (${content.length} bytes, sha256 ${sha256})`,
    data: { evidenceId: row!.id, sha256 },
  });
  return row!;
}

export async function listEvidence(ctx: Ctx, id: string) {
  await loadCase(ctx.db, ctx, id);
  const rows = await ctx.db
    .select()
    .from(incidentEvidence)
    .where(eq(incidentEvidence.incidentId, id))
    .orderBy(asc(incidentEvidence.collectedAt), asc(incidentEvidence.id));
  return rows.map(present);
}

export function addEvidence(ctx: Ctx, id: string, body: z.infer<typeof AddEvidenceBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadCase(tx, ctx, id, 'contribute');
    const e = await storeEvidence(tx, id, { id: ctx.principal!.userId, label: ctx.actor.label }, body, 'body.contentBase64');
    await audit({
      action: 'incident.evidence.add',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      after: { evidenceId: e.id, name: e.name, sha256: e.sha256, size: e.size },
    });
    return present(e);
  });
}

async function appendCustody(tx: Db, evidenceId: string, entry: CustodyRecord) {
  const [row] = await tx
    .update(incidentEvidence)
    .set({ custody: sql`${incidentEvidence.custody} || ${JSON.stringify([entry])}::jsonb` })
    .where(eq(incidentEvidence.id, evidenceId))
    .returning();
  return row!;
}

/** A custody step (handed over, sealed, examined…): appended to the evidence's chain and to the timeline. */
export function addCustody(ctx: Ctx, id: string, evidenceId: string, body: z.infer<typeof CustodyBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { row } = await loadCase(tx, ctx, id, 'manage');
    const [e] = await tx
      .select({ id: incidentEvidence.id, name: incidentEvidence.name })
      .from(incidentEvidence)
      .where(and(eq(incidentEvidence.id, evidenceId), eq(incidentEvidence.incidentId, id)));
    if (!e) throw notFound('The evidence');
    const entry = {
      at: new Date().toISOString(),
      action: body.action,
      by: ctx.actor.label,
      to: body.to ?? null,
      note: body.note,
    };
    const updated = await appendCustody(tx, evidenceId, entry);
    await addEntry(tx, id, ctx.principal!.userId, {
      kind: 'evidence',
      text: `evidence ${e.name}: ${body.action}${body.to ? ` to ${body.to}` : ''}`,
      data: { evidenceId, ...entry },
    });
    await audit({
      action: 'incident.evidence.custody',
      targetType: 'incident',
      targetId: id,
      orgPath: row.orgPath,
      after: entry,
    });
    return present(updated);
  });
}

/** The file itself; each download is logged (read log) and recorded in the chain of custody. */
export async function downloadEvidence(ctx: Ctx, id: string, evidenceId: string) {
  const { row } = await loadCase(ctx.db, ctx, id);
  const [e] = await ctx.db
    .select({ evidence: incidentEvidence, content: incidentEvidenceContent.content })
    .from(incidentEvidence)
    .innerJoin(incidentEvidenceContent, eq(incidentEvidenceContent.evidenceId, incidentEvidence.id))
    .where(and(eq(incidentEvidence.id, evidenceId), eq(incidentEvidence.incidentId, id)));
  if (!e) throw notFound('The evidence');
  await inTransaction(ctx, (tx) =>
    appendCustody(tx, evidenceId, {
      at: new Date().toISOString(),
      action: 'downloaded',
      by: ctx.actor.label,
      to: null,
      note: '',
    }),
  );
  await recordRead(ctx.db, ctx.actor, {
    action: 'incident.evidence.read',
    targetType: 'incident',
    targetId: id,
    orgPath: row.orgPath,
    detail: { evidenceId, sha256: e.evidence.sha256 },
  });
  return { name: e.evidence.name, mediaType: e.evidence.mediaType, sha256: e.evidence.sha256, content: e.content };
}
