import { createHash } from 'node:crypto';
import type { AssessmentFormat, AssessmentRun } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { canAt } from '../access';
import { closeMissing, keyResults, loadTargets, upsertFindings } from './apply';
import { loadAssessment, presentRun, type AssessmentRow } from './records';
import { readRun } from './results';
import { assessmentRuns, assessments } from './tables';

export interface RunInput {
  format: AssessmentFormat;
  full: boolean;
  fileName: string;
  text: string;
}

/**
 * Imports one result file as a run of the assessment (assessments:manage covering its unit, else 404). The file is
 * read and every result placed on a target before anything is written: a bad file changes nothing. Runs of one
 * assessment queue on its row.
 */
export function importRun(ctx: Ctx, id: string, input: RunInput): Promise<AssessmentRun> {
  return inTransaction(ctx, async (tx, audit) => {
    const assessment = await loadForUpdate(tx, assessments, id, () => loadAssessment(tx, ctx, id));
    if (!canAt(ctx, 'assessments:manage', assessment.unitPath)) throw notFound();
    return applyRun(tx, audit, assessment, input, ctx.principal?.userId ?? null);
  });
}

/** The run itself, inside the caller's transaction (the route above, the demo loader). */
export async function applyRun(
  tx: Db,
  audit: Audit,
  assessment: AssessmentRow,
  input: RunInput,
  by: string | null,
  now = new Date(),
) {
  const results = await readRun(input.format, input.text, assessment.csvMapping ?? null);
  const targets = await loadTargets(tx, assessment.id);
  const keyed = keyResults(results, targets);
  const [run] = await tx
    .insert(assessmentRuns)
    .values({
      assessmentId: assessment.id,
      format: input.format,
      full: input.full,
      fileName: input.fileName,
      sha256: createHash('sha256').update(input.text).digest('hex'),
      results: results.length,
      opened: 0,
      reopened: 0,
      fixed: 0,
      seen: 0,
      importedBy: by,
      importedAt: now,
    })
    .returning();
  const counts = await upsertFindings(tx, assessment.id, run!.id, keyed, by, now);
  counts.fixed = input.full
    ? await closeMissing(
        tx,
        assessment.id,
        run!.id,
        targets.list.map((t) => t.id),
        by,
        now,
      )
    : 0;
  const [saved] = await tx.update(assessmentRuns).set(counts).where(eq(assessmentRuns.id, run!.id)).returning();
  await audit({
    action: 'assessment.import',
    targetType: 'assessment',
    targetId: assessment.id,
    orgPath: assessment.unitPath,
    after: {
      runId: run!.id,
      format: input.format,
      full: input.full,
      fileName: input.fileName,
      results: results.length,
      ...counts,
    },
  });
  return presentRun(saved!);
}
