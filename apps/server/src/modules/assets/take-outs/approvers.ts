import type { Approver, Role } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import { roleHoldersOf } from '../../../platform/access/holders';
import { takeOutApprovers } from './tables';

const ROLE_OF: Record<Approver, Role> = { org_head: 'org_head', site_office: 'site_security_office', ciso: 'ciso' };

export interface Person {
  id: string;
  email: string;
  name: string;
}

/**
 * The people who decide one step of a request for the unit at `path`: the nearest org heads above it, the site
 * security office covering it, or the CISO — never the requester. When nobody holds that role (a unit without a
 * head), the group security office decides in their place, so a request never waits for nobody.
 */
export async function resolveApprovers(db: Db, approver: Approver, path: string, requesterId: string): Promise<Person[]> {
  const except = [requesterId];
  const found = await roleHoldersOf(db, ROLE_OF[approver], path, { nearest: approver !== 'ciso', except });
  if (found.length) return found;
  return roleHoldersOf(db, 'security_office', path, { except });
}

/** Resolves a step's approvers and records them (the to-approve list and the decision check read them). */
export async function activateStep(
  tx: Db,
  takeOutId: string,
  position: number,
  approver: Approver,
  path: string,
  requesterId: string,
): Promise<Person[]> {
  const people = await resolveApprovers(tx, approver, path, requesterId);
  if (people.length) await tx.insert(takeOutApprovers).values(people.map((p) => ({ takeOutId, position, userId: p.id })));
  return people;
}
