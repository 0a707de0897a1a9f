import type { Action } from '@mamori/contracts';
import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { covers, scopeOf, scopeSql } from '../../platform/access/scope';
import type { Ctx } from '../../platform/tx';

/**
 * Who reaches which system, device, finding and review: the action's scope covering the owning unit's path, as
 * the asset ledger does. A record outside the scope answers 404 (its existence is not told).
 */
export const inScopeSql = (ctx: Ctx, action: Action, unitPath: AnyPgColumn | SQL): SQL =>
  scopeSql(scopeOf(ctx.principal, action), unitPath);

export const canAt = (ctx: Ctx, action: Action, unitPath: string): boolean => covers(scopeOf(ctx.principal, action), unitPath);

/** Whether the action is held for the whole group (saving a console mapping, approving the top classes). */
export const groupWide = (ctx: Ctx, action: Action): boolean => scopeOf(ctx.principal, action).kind === 'all';
