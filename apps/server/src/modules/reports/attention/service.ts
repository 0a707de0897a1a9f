import type { AttentionItem, AttentionList } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { attentionFor as assets } from '../../assets/service';
import { attentionFor as controls } from '../../controls/service';
import { attentionFor as incidents } from '../../incidents/service';
import { attentionFor as partners } from '../../partners/service';
import { attentionFor as audits } from '../../audits/service';
import { attentionFor as documents } from '../../plans/documents/service';
import { attentionFor as plans } from '../../plans/service';
import { attentionFor as privacy } from '../../privacy/service';
import { attentionFor as training } from '../../training/service';
import { attentionFor as vulnerabilities } from '../../vulnerabilities/service';
import { attentionFor as zones } from '../../zones/service';

export type AttentionProvider = (db: Db, principal: Principal, limit: number) => Promise<AttentionItem[]>;

/**
 * Every domain that answers "what waits on me" (its service.ts `attentionFor`): a new domain adds its own here.
 * Drills have none (nobody waits on a drill).
 */
export const ATTENTION_PROVIDERS: AttentionProvider[] = [
  incidents,
  assets,
  controls,
  partners,
  plans,
  documents,
  audits,
  training,
  privacy,
  zones,
  vulnerabilities,
];

const MAX = 100;

/** One list across the domains, by due date (undated last), the overdue first among equals; `more` when cut. */
export async function attentionList(db: Db, principal: Principal, limit = 20): Promise<AttentionList> {
  const n = Math.min(Math.max(limit, 1), MAX);
  const all = (await Promise.all(ATTENTION_PROVIDERS.map((p) => p(db, principal, n + 1)))).flat();
  all.sort((a, b) => {
    if (a.dueAt === b.dueAt) return a.title.localeCompare(b.title);
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
  });
  return { items: all.slice(0, n), more: all.length > n };
}
