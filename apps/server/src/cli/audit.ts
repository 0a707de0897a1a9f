import type { Config } from '../config';
import type { Db } from '../db/client';
import { auditReport } from '../platform/audit/report';
import type { Command, Io } from './command';
import { withDatabase } from './db';

/** Prints the audit check (chain, then the latest checkpoint); true when intact. Also used after a restore. */
export async function reportAuditChain(db: Db, io: Io, config: Pick<Config, 'auditCheckpoint'>): Promise<boolean> {
  const report = await auditReport(db, config);
  io.out(report.summary);
  if (!report.ok) io.err(`mamori: ${report.reason}`);
  return report.ok;
}

export const auditVerifyCommand: Command = {
  words: ['audit', 'verify'],
  args: '',
  summary:
    'check the audit log: its keyed hash chain (any edit, insertion or removal) and its latest checkpoint (a cut tail), then anchor its head',
  options: {},
  async run({ io, config }) {
    const cfg = config();
    return (await withDatabase(cfg, ({ db }) => reportAuditChain(db, io, cfg))) ? 0 : 1;
  },
};
