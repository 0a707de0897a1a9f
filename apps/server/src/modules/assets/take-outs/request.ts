import type { CreateTakeOutBody, TakeOut } from '@mamori/contracts';
import type { z } from 'zod';
import { AppError, fieldError, invalid, msg, unprocessable, type FieldError } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { assetsByIds, type AssetRef } from '../service';
import { activateStep } from './approvers';
import { tellApprovers } from './mails';
import { loadTakeOut } from './read';
import { commonPath, requesterPaths, within } from './requester';
import { chainOf, takeOutClass, type ClassInfo } from './rules';
import { takeOutItems, takeOuts, takeOutSteps } from './tables';

type Body = z.output<typeof CreateTakeOutBody>;

/** Checks the assets: each exists, is active, belongs to the requester's units, and is named once. */
async function checkedAssets(ctx: Ctx, body: Body): Promise<AssetRef[]> {
  const found = new Map(
    (
      await assetsByIds(
        ctx.db,
        body.items.map((i) => i.assetId),
      )
    ).map((a) => [a.id, a]),
  );
  const mine = await requesterPaths(ctx.db, ctx.principal!);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    const path = `body.items.${i}.assetId`;
    const asset = found.get(item.assetId);
    if (seen.has(item.assetId)) errors.push(fieldError(path, 'take_out.duplicate_asset'));
    else if (!asset || !within(mine, asset.unitPath)) errors.push(fieldError(path, 'take_out.asset_not_yours'));
    else if (asset.status !== 'active') errors.push(fieldError(path, 'take_out.asset_disposed'));
    seen.add(item.assetId);
  });
  if (body.periodTo < body.periodFrom) errors.push(fieldError('body.periodTo', 'take_out.period_order'));
  if (errors.length) throw invalid(errors);
  return body.items.map((i) => found.get(i.assetId)!);
}

/**
 * The class rules of every asset: a forbidden class refuses the whole request (422, naming each such asset); an
 * unmet condition (encryption, an NDA) is a 400 naming the field to fill in.
 */
function checkRules(body: Body, list: AssetRef[], classes: ClassInfo[]) {
  const forbidden = list.flatMap((a, i) => (classes[i]!.rule.decision === 'forbidden' ? [i] : []));
  if (forbidden.length) {
    const first = forbidden[0]!;
    throw unprocessable(
      msg('take_out.forbidden', { asset: list[first]!.name, class: classes[first]!.name }),
      forbidden.map((i) =>
        fieldError(`body.items.${i}.assetId`, 'take_out.forbidden', { asset: list[i]!.name, class: classes[i]!.name }),
      ),
    );
  }
  const errors: FieldError[] = [];
  const needs = (c: 'encryption' | 'nda') => list.findIndex((_, i) => classes[i]!.rule.conditions.includes(c));
  const enc = needs('encryption');
  if (enc >= 0 && !body.encrypted)
    errors.push(
      fieldError('body.encrypted', 'take_out.encryption_required', { asset: list[enc]!.name, class: classes[enc]!.name }),
    );
  if (body.encrypted && !body.encryptionMethod) errors.push(fieldError('body.encryptionMethod', 'take_out.encryption_method'));
  const nda = needs('nda');
  if (nda >= 0 && !body.ndaConfirmed)
    errors.push(fieldError('body.ndaConfirmed', 'take_out.nda_required', { asset: list[nda]!.name, class: classes[nda]!.name }));
  if (errors.length) throw invalid(errors);
}

/**
 * Files a take-out request. The approval chain is the union of the approvers the assets' class rules name, in
 * the order org head → site office → CISO; when every rule allows it, the request is approved at once (recorded
 * as such). The first step's approvers are told by mail and in the app.
 */
export async function requestTakeOut(ctx: Ctx, publicUrl: string, input: Body): Promise<TakeOut> {
  const body = input;
  const list = await checkedAssets(ctx, body);
  const classes = await Promise.all(list.map((a) => takeOutClass(ctx.db, a.unitId, a.classCode)));
  checkRules(body, list, classes);
  const chain = chainOf(classes.map((c) => c.rule));
  let unitPath = commonPath(list.map((a) => a.unitPath));
  if (unitPath === '/') unitPath = list[0]!.unitPath;
  const unitId = unitPath.split('/').filter(Boolean).at(-1)!;
  const me = ctx.principal!;

  const id = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(takeOuts)
      .values({
        requesterId: me.userId,
        unitId,
        unitPath,
        purpose: body.purpose,
        destination: body.destination,
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
        medium: body.medium,
        mediumNote: body.mediumNote,
        encrypted: body.encrypted,
        encryptionMethod: body.encrypted ? body.encryptionMethod : '',
        ndaConfirmed: body.ndaConfirmed,
        status: chain.length ? 'pending' : 'approved',
        currentStep: chain.length ? 0 : null,
      })
      .returning({ id: takeOuts.id });
    const takeOutId = row!.id;
    await tx
      .insert(takeOutItems)
      .values(body.items.map((i, position) => ({ takeOutId, assetId: i.assetId, copy: i.copy, position })));
    if (chain.length) {
      await tx.insert(takeOutSteps).values(chain.map((approver, position) => ({ takeOutId, position, approver })));
      const approvers = await activateStep(tx, takeOutId, 0, chain[0]!, unitPath, me.userId);
      const subject = { id: takeOutId, asset: list[0]!.name, count: list.length, requester: me.name, periodTo: body.periodTo };
      await tellApprovers(tx, publicUrl, subject, approvers);
    }
    await audit({
      action: 'take_out.request',
      targetType: 'take_out',
      targetId: takeOutId,
      orgPath: unitPath,
      after: {
        items: body.items,
        classes: list.map((a) => a.classCode),
        purpose: body.purpose,
        destination: body.destination,
        period: [body.periodFrom, body.periodTo],
        medium: body.medium,
        encrypted: body.encrypted,
        chain,
        // a request every rule allows is approved by the rules themselves
        status: chain.length ? 'pending' : 'approved',
      },
    });
    return takeOutId;
  });
  const out = await loadTakeOut(ctx, id);
  if (!out) throw new AppError('internal');
  return out;
}
