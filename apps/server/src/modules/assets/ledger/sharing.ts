import type { AssetDetail, ShareAssetBody } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import { fieldError, invalid, msg, notFound, unprocessable, type FieldError } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import { effectiveSetting } from '../../../platform/settings/effective';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerSharingStatus } from '../../partners/service';
import { classificationSetting } from '../classification/settings';
import { assetPartners } from '../tables';
import { detail, loadForChange } from './records';

/**
 * Sharing an asset with a business partner (issue #11), checked against the class's `share_partner` rule and the
 * partner programme:
 * - a rule 'forbidden' refuses;
 * - condition 'nda' asks for an NDA in force today;
 * - the class's `partnerBlockingRequests` refuses while the partner has open improvement requests ('any') or open
 *   ones for a failed critical requirement ('critical');
 * - condition 'encryption' asks for `encrypted: true`; a rule 'approval' asks who approved it and when.
 * Every failing reason is named (422, nothing written).
 */
export function shareAsset(ctx: Ctx, id: string, body: ShareAssetBody, expected?: Precondition): Promise<AssetDetail> {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadForChange(tx, ctx, id, expected);
    const partner = await partnerSharingStatus(tx, body.partnerId);
    if (!partner) throw invalid([fieldError('body.partnerId', 'assets.partner_unknown')]);
    const scheme = (await effectiveSetting(tx, classificationSetting, row.asset.unitId)).value;
    const cls = scheme.classes.find((c) => c.code === row.asset.classCode);
    const className = { ja: cls?.nameJa ?? row.asset.classCode, en: cls?.nameEn ?? row.asset.classCode };
    const partnerName = { ja: partner.nameJa, en: partner.nameEn };
    const rule = cls?.rules.share_partner;
    const reasons: FieldError[] = [];
    if (!rule || rule.decision === 'forbidden')
      reasons.push(fieldError('body.partnerId', 'assets.share_forbidden', { class: className }));
    else {
      if (partner.status !== 'active')
        reasons.push(fieldError('body.partnerId', 'assets.share_partner_ended', { partner: partnerName }));
      if (rule.conditions.includes('nda') && !partner.ndaInForce)
        reasons.push(fieldError('body.partnerId', 'assets.share_no_nda', { partner: partnerName }));
      const blocking = cls.partnerBlockingRequests;
      if (blocking === 'any' && partner.openRequests > 0)
        reasons.push(
          fieldError('body.partnerId', 'assets.share_open_requests', { partner: partnerName, count: partner.openRequests }),
        );
      if (blocking === 'critical' && partner.openCriticalRequests > 0)
        reasons.push(
          fieldError('body.partnerId', 'assets.share_critical_requests', {
            partner: partnerName,
            count: partner.openCriticalRequests,
          }),
        );
      if (rule.conditions.includes('encryption') && !body.encrypted)
        reasons.push(fieldError('body.encrypted', 'assets.share_needs_encryption', { class: className }));
      if (rule.decision === 'approval') {
        if (!body.approvedBy) reasons.push(fieldError('body.approvedBy', 'assets.share_needs_approval', { class: className }));
        if (!body.approvedOn) reasons.push(fieldError('body.approvedOn', 'assets.share_needs_approval', { class: className }));
      }
    }
    if (reasons.length) throw unprocessable(msg('assets.share_refused', { partner: partnerName }), reasons);
    const values = {
      assetId: id,
      partnerId: body.partnerId,
      sharedBy: ctx.actor.userId,
      encrypted: body.encrypted,
      approvedBy: rule!.decision === 'approval' ? body.approvedBy! : null,
      approvedOn: rule!.decision === 'approval' ? body.approvedOn! : null,
      sharedAt: new Date(),
    };
    await tx
      .insert(assetPartners)
      .values(values)
      .onConflictDoUpdate({ target: [assetPartners.assetId, assetPartners.partnerId], set: values });
    await audit({
      action: 'asset.share',
      targetType: 'asset',
      targetId: id,
      orgPath: row.asset.unitPath,
      after: {
        partnerId: body.partnerId,
        encrypted: values.encrypted,
        approvedBy: values.approvedBy,
        approvedOn: values.approvedOn,
      },
    });
    return detail(tx, ctx, row);
  });
}

export function unshareAsset(ctx: Ctx, id: string, partnerId: string): Promise<AssetDetail> {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadForChange(tx, ctx, id, undefined);
    const gone = await tx
      .delete(assetPartners)
      .where(and(eq(assetPartners.assetId, id), eq(assetPartners.partnerId, partnerId)))
      .returning();
    if (!gone.length) throw notFound();
    await audit({
      action: 'asset.unshare',
      targetType: 'asset',
      targetId: id,
      orgPath: row.asset.unitPath,
      before: { partnerId },
    });
    return detail(tx, ctx, row);
  });
}
