/**
 * Who holds which role in the demo group, for scenarios that sign in "as the CISO" or "as the security office".
 * The role list is ordered by id, a random UUID, and since issue #22 each operating company has its own CISO and
 * security office held for its company unit: taking "the first" holder picked a company's office at random, who
 * sees one company only. Group-wide holders (no unit) come first here, so a scenario gets the group's own.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pageFetch } from './browser';

export interface RoleHolder {
  role: string;
  userEmail: string;
  orgUnitId: string | null;
}

/** Every assignment, group-wide first (then by unit, then by e-mail, so the order no longer depends on ids). */
export async function roleAssignments(page: Page): Promise<RoleHolder[]> {
  const res = await pageFetch<{ items: RoleHolder[] }>(page, '/api/role-assignments?limit=500');
  expect(res.status).toBe(200);
  const key = (a: RoleHolder) => `${a.orgUnitId === null ? 0 : 1}|${a.orgUnitId ?? ''}|${a.userEmail}`;
  return [...res.body.items].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Holders' e-mails by role, group-wide holders first. */
export async function roleHolders(page: Page): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>();
  for (const a of await roleAssignments(page)) holders.set(a.role, [...(holders.get(a.role) ?? []), a.userEmail]);
  return holders;
}
