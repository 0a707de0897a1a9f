import type { DemoContext } from '../../../demo/types';
import type { Principal } from '../../../platform/access/principal';
import { systemActor } from '../../../platform/audit/record';
import { eq } from 'drizzle-orm';
import { reviewCraDraft, saveCraDraft } from './saved-drafts';
import { markCra, submitCraStage } from './service';
import { vulnerabilityCraDrafts } from './tables';
import { createUserNotice } from './user-notice';

const HOUR = 3_600_000;

/**
 * The demo's CRA case: actively exploited, the PSIRT aware 56 hours ago; two affected products on the EU market (the
 * T3 sensor and the S5 inverter) each have their clocks: the early warning sent for both to ENISA's single reporting
 * platform after 20 hours, the 72-hour notification due in 16 hours (so it shows in "needs my attention").
 * The early warning was submitted as a saved draft reviewed by the security office (four eyes); the notification's
 * draft is reviewed and waits; the art. 14(8) user notice is drafted as the case's advisory.
 * Through the same services as the routes.
 */
export async function craDemo(ctx: DemoContext, principal: Principal, vulnerabilityId: string) {
  const svc = { db: ctx.tx, actor: systemActor('demo'), principal };
  const awareAt = new Date(ctx.now.getTime() - 56 * HOUR);
  await markCra(svc, vulnerabilityId, {
    regime: 'cra-exploited-vulnerability',
    awareAt: awareAt.toISOString(),
    evidence:
      'JPCERT/CC relayed a customer report: T3 sensors on a plant network were rebooted in a loop by malformed TCP options; ' +
      'the packet capture matches our reproduction. / JPCERT/CC経由で顧客から、工場ネットワーク上のT3センサーが不正なTCPオプションで再起動を繰り返したとの報告。パケットキャプチャは当社の再現と一致。',
  });
  // Four eyes: the PSIRT member saves each draft, the security office reviews it.
  const office = { ...svc, principal: reviewerPrincipal(ctx, principal) };
  const early = await saveCraDraft(svc, ctx.config, vulnerabilityId, { stage: 'early_warning', lang: 'en' });
  await reviewCraDraft(office, vulnerabilityId, early.id, { sha256: early.sha256 });
  await submitCraStage(svc, vulnerabilityId, {
    ruleId: 'cra-vuln-early-warning',
    submittedAt: new Date(awareAt.getTime() + 20 * HOUR).toISOString(),
    recipient: 'enisa_srp',
    reference: 'ENISA-SRP-2026-000417',
    draftId: early.id,
  });
  // The saved and reviewed times of the early warning's draft, before its submission (the demo tells a past story).
  await ctx.tx
    .update(vulnerabilityCraDrafts)
    .set({
      createdAt: new Date(awareAt.getTime() + 17 * HOUR),
      updatedAt: new Date(awareAt.getTime() + 17 * HOUR),
      reviewedAt: new Date(awareAt.getTime() + 19 * HOUR),
    })
    .where(eq(vulnerabilityCraDrafts.id, early.id));
  // The notification's draft is reviewed and waits to be submitted; the user notice is drafted as the advisory.
  const notification = await saveCraDraft(svc, ctx.config, vulnerabilityId, { stage: 'notification', lang: 'en' });
  await reviewCraDraft(office, vulnerabilityId, notification.id, { sha256: notification.sha256 });
  await createUserNotice(svc, ctx.config, vulnerabilityId, {});
}

/** The security office's first member, as the reviewer of the PSIRT's drafts (falls back to the PSIRT's principal). */
function reviewerPrincipal(ctx: DemoContext, psirt: Principal): Principal {
  const office = ctx.users.find((u) => u.roles.includes('security_office') && u.user.id !== psirt.userId)?.user;
  if (!office) return psirt;
  return {
    ...psirt,
    userId: office.id,
    email: office.email,
    name: office.name,
    grants: [{ id: 'demo', role: 'security_office', orgUnitId: null, path: null, orgUnitName: null, orgUnitNameJa: null }],
  };
}
