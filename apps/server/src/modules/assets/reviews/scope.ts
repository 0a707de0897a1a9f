import { covers, scopeOf, type Scope } from '../../../platform/access/scope';
import { forbidden, msg } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';

/**
 * Who reads a campaign: the offices that run inventories (asset-reviews:manage) and the org heads who confirm
 * (asset-reviews:confirm), each for the units of their scope. Anyone with neither gets a 403.
 */
export function readerScope(ctx: Ctx): Scope {
  const manage = scopeOf(ctx.principal, 'asset-reviews:manage');
  const confirm = scopeOf(ctx.principal, 'asset-reviews:confirm');
  if (manage.kind === 'all' || confirm.kind === 'all') return { kind: 'all' };
  const paths = [manage, confirm].flatMap((s) => (s.kind === 'paths' ? s.paths : []));
  if (!paths.length) throw forbidden(msg('asset_review.forbidden'));
  return { kind: 'paths', paths };
}

export const mayConfirm = (ctx: Ctx, unitPath: string) => covers(scopeOf(ctx.principal, 'asset-reviews:confirm'), unitPath);
