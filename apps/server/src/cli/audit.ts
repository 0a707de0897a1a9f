import { verifyAuditChain } from '../platform/audit/verify';
import type { Command, Io } from './command';
import { withDatabase } from './db';
import type { Db } from '../db/client';

/** Prints the chain check; true when intact. Also used after a restore. */
export async function reportAuditChain(db: Db, io: Io): Promise<boolean> {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    io.out(`OK: ${result.count} events, chain intact`);
    return true;
  }
  io.out(`BROKEN at event ${result.brokenAt}: ${result.reason}`);
  io.err(`mamori: the audit log was altered (first broken link: event ${result.brokenAt})`);
  return false;
}

export const auditVerifyCommand: Command = {
  words: ['audit', 'verify'],
  args: '',
  summary: 'check the hash chain of the audit log: any edit, insertion or removal is reported',
  options: {},
  async run({ io, config }) {
    return (await withDatabase(config(), ({ db }) => reportAuditChain(db, io))) ? 0 : 1;
  },
};
