import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/define';
import { resumeImports, type ImportKind } from './staged';

/** Finishes committed imports whose applier died, drops abandoned staging; src/jobs.ts lists the kinds. */
export const importResumeJob = (kinds: ImportKind<unknown>[]): JobDefinition =>
  defineJob({
    kind: 'imports.resume',
    payload: z.object({}),
    async handler(_p, { db, log }) {
      const done = await resumeImports(db, kinds);
      if (done.dropped || done.finished) log.info(done, 'imports resumed after a stop');
    },
  }) as JobDefinition;
