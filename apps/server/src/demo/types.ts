import type { Config } from '../config';
import type { Db } from '../db/client';
import type { orgUnits, people } from '../modules/org/tables';
import type { users } from '../platform/auth/tables';
import type { Audit } from '../platform/tx';
import type { Random } from './random';

export type UnitRow = typeof orgUnits.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** What a demo loader gets: the transaction, its audit trail, and what the loaders before it created. */
export interface DemoContext {
  tx: Db;
  audit: Audit;
  /** The configuration of the command (public URL, PSIRT name and key: the demo's advisories are published with them). */
  config: Config;
  now: Date;
  /** Seeded: the same demo every time. */
  random: Random;
  /** argon2 hash of the demo password, computed once (argon2 is slow on purpose). */
  passwordHash: string;
  /** Org units by full code (DEMO, DEMO-OSK, DEMO-OSK-ISD, …), filled by the org loader. */
  units: Map<string, UnitRow>;
  people: PersonRow[];
  /** Accounts with the person they belong to, filled by the accounts loader. */
  users: { user: UserRow; person: PersonRow; roles: string[] }[];
}

/**
 * One domain's part of `mamori demo load`. Loaders run in list order, in one transaction, and
 * return lines for the summary. A domain adds its loader to `demoLoaders` (src/demo/load.ts).
 */
export interface DemoLoader {
  name: string;
  load(ctx: DemoContext): Promise<string[]>;
}

export const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
