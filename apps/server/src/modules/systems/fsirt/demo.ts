import { FSIRT_INCIDENT_TYPE } from '@mamori/contracts';
import { and, eq, like } from 'drizzle-orm';
import type { DemoContext } from '../../../demo/types';
import type { Principal } from '../../../platform/access/principal';
import type { Ctx } from '../../../platform/tx';
import { reportIncident } from '../../incidents/service';
import { OT_LINES } from '../demo-data';
import { systems } from '../tables';
import { putImpact } from './impact';

const HOUR = 3_600_000;

/**
 * One FSIRT case (issue #23): at the Nagoya plant, line A's PLC cell controller stopped answering after unknown
 * traffic from the MES terminal; the line stood still for 6.5 hours. (Line A's PLC: the product at line A's version.) Reported and recorded by the plant's FSIRT
 * member through the incident module's report path and the impact service, so the audit trail is the real one.
 */
export async function loadDemoFsirt(ctx: DemoContext): Promise<string> {
  const site = ctx.units.get('DEMO-NGY');
  const member = ctx.users.find((u) => u.roles.includes('fsirt_member'));
  if (!site || !member) return 'fsirt: none (no Nagoya plant or FSIRT member)';
  const [plc] = await ctx.tx
    .select()
    .from(systems)
    .where(
      and(
        eq(systems.kind, 'ot'),
        like(systems.unitPath, `${site.path}%`),
        eq(systems.product, 'KX-R PLC CPU'),
        eq(systems.productVersion, OT_LINES[0]!.versions[0]),
      ),
    );
  if (!plc) return 'fsirt: none (no factory systems at the Nagoya plant)';
  const principal: Principal = {
    userId: member.user.id,
    email: member.user.email,
    name: member.user.name,
    kind: 'internal',
    partnerId: null,
    language: 'ja',
    mfaEnabled: true,
    grants: [
      {
        id: 'demo',
        role: 'fsirt_member',
        orgUnitId: site.id,
        path: site.path,
        orgUnitName: site.nameEn,
        orgUnitNameJa: site.nameJa,
      },
    ],
    via: 'session',
    sessionId: null,
    mfaEnrollmentRequired: false,
  };
  const as: Ctx = {
    db: ctx.tx,
    actor: { userId: member.user.id, label: member.user.email, requestId: null, ip: null },
    principal,
  };
  const discovered = new Date(ctx.now.getTime() - 30 * HOUR);
  const incident = await reportIncident(as, ctx.config, {
    typeId: FSIRT_INCIDENT_TYPE,
    nearMiss: false,
    title: `${plc.productionLine}: PLC セルコントローラが応答停止 / PLC cell controller stopped answering`,
    description: [
      'プレス工程の PLC セルコントローラが 2 回再起動し、ラインが停止した。MES 端末から見慣れない通信が出ていた。',
      'The press cell PLC rebooted twice and the line stopped. Unfamiliar traffic was seen from the MES terminal.',
      `設備 / Equipment: ${plc.name} (${plc.product} ${plc.productVersion})`,
    ].join('\n'),
    occurredAt: new Date(discovered.getTime() - HOUR).toISOString(),
    discoveredAt: discovered.toISOString(),
    location: plc.productionLine,
    information: '',
    orgUnitId: plc.unitId,
    personalData: false,
    countries: [],
    dataKinds: [],
    customers: [],
    language: 'ja',
    attachments: [],
  });
  await putImpact(
    as,
    incident.id,
    {
      systemId: plc.id,
      lineStopped: true,
      stoppedHours: 6.5,
      note: 'セルをライン制御ネットワークから切り離し、PLC を再書き込みして再開 / Cell cut off the line network, PLC reflashed, line restarted',
    },
    undefined,
  );
  return `fsirt: 1 case on ${plc.productionLine} (line stopped 6.5 h)`;
}
