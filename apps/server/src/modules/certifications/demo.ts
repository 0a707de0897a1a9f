import { todayJst } from '@mamori/contracts';
import { and, asc, eq, like } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../demo/types';
import { allCompanies, type CompanyRow } from '../org/service';
import { orgUnits } from '../org/tables';
import { certificationAudits, certifications, certificationScopeUnits } from './tables';

const day = (ctx: DemoContext, offset: number) => todayJst(new Date(ctx.now.getTime() + offset * 86_400_000));

/**
 * The demo group's certificates (fictional bodies and numbers): an ISO/IEC 27001:2022 certificate of an operating
 * company with two of its sites in scope, a past surveillance audit with findings and the next one planned within
 * the reminder window; a TISAX label (AL3, info very high and prototype parts) of another company. Companies are
 * found by kind, not by code, so the loader works on the one-company tree and on a holding with operating
 * companies: the certificates go to companies below the holding when there are some, else to the top company.
 */
export async function loadCertificationDemo(ctx: DemoContext): Promise<string[]> {
  const companies = await allCompanies(ctx.tx);
  if (!companies.length) return ['certifications: skipped (no company)'];
  const operating = companies.filter((c) => c.depth > 0);
  // The ISMS scope below is the B2B solutions business (seed 004's company): that company when the tree has one.
  const iso = operating.find((c) => /ソリューション|solution/i.test(`${c.nameJa} ${c.nameEn}`)) ?? operating[0] ?? companies[0]!;
  const automotive =
    operating.find((c) => /自動車|auto|motor/i.test(`${c.nameJa} ${c.nameEn}`)) ?? operating[1] ?? operating[0] ?? iso;
  const sitesOf = (c: CompanyRow) =>
    ctx.tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'site'), like(orgUnits.path, `${c.path}%`)))
      .orderBy(asc(orgUnits.code))
      .limit(2);
  const isoSites = await sitesOf(iso);
  const lines: string[] = [];
  const add = async (
    company: CompanyRow,
    values: Omit<typeof certifications.$inferInsert, 'companyId'>,
    units: string[],
    audits: Omit<typeof certificationAudits.$inferInsert, 'certificationId'>[],
  ) => {
    const [row] = await ctx.tx
      .insert(certifications)
      .values({ companyId: company.id, ...values })
      .returning();
    if (units.length)
      await ctx.tx.insert(certificationScopeUnits).values(units.map((orgUnitId) => ({ certificationId: row!.id, orgUnitId })));
    if (audits.length) await ctx.tx.insert(certificationAudits).values(audits.map((a) => ({ certificationId: row!.id, ...a })));
    await ctx.audit({
      action: 'certification.create',
      targetType: 'certification',
      targetId: row!.id,
      orgPath: company.path,
      after: { ...values, scopeUnitIds: units, audits },
    });
    lines.push(`${values.standard} ${values.registrationNumber} (${company.nameEn})`);
  };
  await add(
    iso,
    {
      standard: 'iso27001',
      edition: '2022',
      registrationNumber: 'IS 781204',
      certificationBody: 'Hikari Quality Assessment Co., Ltd.',
      accreditation: 'ISMS-AC (Japan)',
      firstRegisteredOn: day(ctx, -2900),
      validFrom: day(ctx, -420),
      validTo: day(ctx, 675),
      scopeJa: '法人向けソリューション事業における、システムの企画・設計・開発・運用保守および関連する管理業務',
      scopeEn:
        'Planning, design, development, operation and maintenance of systems for business customers, and the related management work',
    },
    isoSites.length ? isoSites.map((s) => s.id) : [iso.id],
    [
      {
        kind: 'surveillance',
        date: day(ctx, -60),
        heldOn: day(ctx, -58),
        findings:
          'Minor nonconformity: access rights of two leavers were removed late (A.5.18). Observation: the supplier review records of one site were incomplete.',
      },
      { kind: 'surveillance', date: day(ctx, 45), heldOn: null, findings: '' },
      { kind: 'recertification', date: day(ctx, 610), heldOn: null, findings: '' },
    ],
  );
  await add(
    automotive,
    {
      standard: 'tisax',
      edition: 'ISA 6',
      assessmentLevel: 'AL3',
      labels: ['info-very-high', 'proto-parts'],
      registrationNumber: 'Scope ID S7K2P9 / Assessment ID A4Q81M',
      certificationBody: 'Yamabuki Audit Services GmbH',
      accreditation: 'ENX Association (TISAX audit provider)',
      firstRegisteredOn: day(ctx, -900),
      validFrom: day(ctx, -200),
      validTo: day(ctx, 90),
      scopeJa: '自動車メーカー向け試作部品の設計・試作を行う拠点',
      scopeEn: 'The sites that design and build prototype parts for carmakers',
    },
    [automotive.id],
    [{ kind: 'recertification', date: day(ctx, 70), heldOn: null, findings: '' }],
  );
  return [`certifications: ${lines.join('; ')}`];
}

export const certificationsDemoLoader: DemoLoader = { name: 'certifications', load: loadCertificationDemo };
