import type { DemoContext } from '../../../demo/types';
import type { Principal } from '../../../platform/access/principal';
import { systemActor } from '../../../platform/audit/record';
import { markCra, submitCraStage } from './service';

const HOUR = 3_600_000;

/**
 * The demo's CRA case: actively exploited, the PSIRT aware 56 hours ago; two affected products on the EU market (the
 * T3 sensor and the S5 inverter) each have their clocks: the early warning sent for both to ENISA's single reporting
 * platform after 20 hours, the 72-hour notification due in 16 hours (so it shows in "needs my attention").
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
  await submitCraStage(svc, vulnerabilityId, {
    ruleId: 'cra-vuln-early-warning',
    submittedAt: new Date(awareAt.getTime() + 20 * HOUR).toISOString(),
    recipient: 'enisa_srp',
    reference: 'ENISA-SRP-2026-000417',
    text:
      'Early warning: actively exploited denial-of-service vulnerability in the HSZ-SENS-T3 sensor (firmware <= 1.2.0) ' +
      'and the HSZ-INV-S5 inverter (firmware <= 4.0.2), made available in AT, CZ, DE, ES, FR, IT, NL and PL. ' +
      'Mitigation: filter TCP options at the plant firewall.',
  });
}
