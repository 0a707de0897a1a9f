import { Readable } from 'node:stream';
import type { DemoContext, DemoLoader, UnitRow } from '../../demo/types';
import { effectiveClassification } from '../assets/service';
import { DEMO_CODE, demoOperatingCompanies, demoSites } from '../org/demo-data';
import { zonesOfSites } from '../zones/service';
import { loadDemoAssessment } from './assessments/demo';
import { loadDemoFsirt } from './fsirt/demo';
import { loadDemoStoredAssets } from './inventory/stored-demo';
import { applyCoverageFile } from './coverage/import';
import { reviewChecklist } from './reviews/catalog';
import { approvedServices, coverageSources, serviceReviews, systems } from './tables';
import { REVIEWS, SAAS, SITE_SYSTEMS, OT_LINES } from './demo-data';

const DAY = 86_400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + 9 * 3600_000 + offset * DAY).toISOString().slice(0, 10);
const stamp = (now: Date, offset: number) => `${day(now, offset)} 08:30`;

type SystemInsert = typeof systems.$inferInsert;

/**
 * The demo's systems (issue #23): per department a file server, an application server, a NAS and a switch; per
 * site outside the head office two production lines of factory equipment in the site's restricted zone; the
 * group's cloud services at the head office's information systems department. Every active person has a PC; an
 * MDM export lists them all and an EDR export misses some (gaps: no EDR, old pattern files, PCs not seen for
 * weeks), imported through the real import. Three pre-use reviews: pending, approved with conditions, refused. One
 * vulnerability assessment of two internet-facing systems over three scanner runs (assessments/demo.ts); one FSIRT
 * case on a factory line of the Nagoya plant (fsirt/demo.ts).
 */
export const systemsDemoLoader: DemoLoader = {
  name: 'systems',
  async load(ctx: DemoContext) {
    const company = ctx.units.get(DEMO_CODE);
    if (!company) return [];
    const units = [...ctx.units.values()];
    const sites = units.filter((u) => u.kind === 'site' && u.path.startsWith(company.path));
    const scheme = await effectiveClassification(ctx.tx, company.id);
    const byRank = [...scheme.classes].sort((a, b) => a.rank - b.rank);
    const classAt = (rank: number) => (byRank.find((c) => c.rank >= rank) ?? byRank.at(-1)!).code;
    const admins = new Map<string, string>();
    for (const u of ctx.users)
      if (u.roles.includes('org_head') || u.roles.includes('promotion_leader')) admins.set(u.person.orgUnitId, u.person.id);
    const adminIn = (unit: UnitRow) => admins.get(unit.id) ?? null;
    const zones = await zonesOfSites(
      ctx.tx,
      sites.map((s) => s.id),
    );
    const rows: SystemInsert[] = [];
    const measures = (i: number, strong: boolean) => ({
      epp: true,
      edr: strong || i % 3 !== 0,
      mfa: strong || i % 4 !== 1,
      waf: false,
      backupFrequency: (['daily', 'weekly', 'daily', 'monthly'] as const)[i % 4],
      lastRestoreTestOn: i % 5 === 2 ? null : day(ctx.now, -30 - (i % 200)),
      logRetentionDays: i % 6 === 0 ? 90 : 365,
      networkIsolated: false,
    });
    // Systems of a Japanese-speaking site carry Japanese names (the English wording goes to the notes), others English.
    const siteLanguage = new Map<string, 'ja' | 'en'>([
      ...demoSites.map((x) => [`${DEMO_CODE}-${x.code}`, x.language] as const),
      ...demoOperatingCompanies.map((c) => [`${DEMO_CODE}-${c.code}-${c.site.code}`, c.site.language] as const),
    ]);
    for (const site of sites) {
      const ja = (siteLanguage.get(site.code) ?? 'ja') === 'ja';
      const departments = units.filter((u) => u.kind === 'department' && u.path.startsWith(site.path));
      departments.forEach((dept, d) =>
        SITE_SYSTEMS.forEach((plan, p) => {
          const i = d * SITE_SYSTEMS.length + p;
          rows.push({
            name: ja ? `${site.nameJa} ${dept.nameJa} ${plan.ja}` : `${dept.code} ${plan.en}`,
            kind: plan.kind,
            unitId: dept.id,
            unitPath: dept.path,
            administratorPersonId: adminIn(dept),
            maxClassCode: classAt(plan.rank),
            internetFacing: false,
            notes: ja ? plan.en : plan.ja,
            ...measures(i, plan.rank >= 4),
          });
        }),
      );
      if (site.code.endsWith('-OSK')) continue;
      const production = departments.find((u) => /MFG|ANJ|OPS/.test(u.code)) ?? departments[0];
      if (!production) continue;
      const restricted = zones.find((z) => z.siteId === site.id && z.kind === 'restricted');
      for (const [l, line] of ['A', 'B'].entries())
        for (const [e, equip] of OT_LINES.entries())
          rows.push({
            name: ja ? `${site.nameJa} ${line}ライン ${equip.ja}` : `${site.code} Line ${line} ${equip.en}`,
            kind: 'ot',
            unitId: production.id,
            unitPath: production.path,
            administratorPersonId: adminIn(production),
            maxClassCode: classAt(equip.rank),
            productionLine: ja ? `${site.nameJa} ${line}ライン` : `${site.nameEn} Line ${line}`,
            zoneId: restricted?.id ?? null,
            conduits: equip.conduits,
            product: equip.product,
            productVersion: equip.versions[l]!,
            notes: ja ? equip.en : equip.ja,
            ...measures(l * 10 + e, false),
            edr: false,
            networkIsolated: e !== 2,
          });
    }
    const isd = units.find((u) => u.code.endsWith('-OSK-ISD')) ?? company;
    SAAS.forEach((s, i) =>
      rows.push({
        name: s.name,
        kind: s.kind,
        unitId: isd.id,
        unitPath: isd.path,
        administratorPersonId: adminIn(isd),
        maxClassCode: classAt(s.rank),
        internetFacing: true,
        notes: s.ja,
        ...measures(i, s.rank >= 4),
        waf: s.kind === 'iaas',
      }),
    );
    for (let i = 0; i < rows.length; i += 500) await ctx.tx.insert(systems).values(rows.slice(i, i + 500));
    await ctx.audit({ action: 'system.demo', targetType: 'system', orgPath: company.path, after: { systems: rows.length } });

    const coverage = await importDemoCoverage(ctx, company);
    const reviews = await loadReviews(ctx, isd, classAt);
    const stored = await loadDemoStoredAssets(ctx, isd);
    const assessment = await loadDemoAssessment(ctx, isd);
    const fsirt = await loadDemoFsirt(ctx);
    return [
      `systems: ${rows.length} systems (IT, SaaS/IaaS, networks, factory lines), ${coverage.devices} devices from an EDR and an MDM export (${coverage.findingsOpened} coverage findings), ${reviews} service reviews, ${stored} assets stored in an approved service (one above its class)`,
      assessment,
      fsirt,
    ];
  },
};

/** Two console exports of every active person's PC: the MDM sees them all, the EDR misses some. */
async function importDemoCoverage(ctx: DemoContext, company: UnitRow) {
  const [edr] = await ctx.tx
    .insert(coverageSources)
    .values({
      name: 'Hoshi EDR console',
      kind: 'edr',
      columns: {
        device: 'Hostname',
        user: 'Login User',
        lastSeen: 'Last Seen',
        agentVersion: 'Sensor Version',
        patternDate: 'Content Date',
        system: null,
      },
    })
    .returning();
  const [mdm] = await ctx.tx
    .insert(coverageSources)
    .values({
      name: 'Device management (MDM)',
      kind: 'mdm',
      columns: {
        device: 'Device Name',
        user: 'Primary User',
        lastSeen: 'Last Check-in',
        agentVersion: null,
        patternDate: null,
        system: null,
      },
    })
    .returning();
  const people = ctx.people.filter((p) => p.status === 'active' && p.employeeNo);
  const mdmLines = ['Device Name,Primary User,Last Check-in'];
  const edrLines = ['Hostname,Login User,Last Seen,Sensor Version,Content Date'];
  people.forEach((p, i) => {
    const name = `PC-${p.employeeNo}`;
    const seen = i % 41 === 7 ? -45 : -(i % 3);
    mdmLines.push(`${name},${p.employeeNo},${stamp(ctx.now, seen)}`);
    if (i % 17 === 5) return; // no EDR agent on this PC
    const pattern = i % 23 === 3 ? -21 : -(i % 2);
    edrLines.push(`${name},${p.employeeNo},${stamp(ctx.now, seen)},7.${i % 3}.1,${day(ctx.now, pattern)}`);
  });
  await applyCoverageFile(ctx.tx, ctx.audit, mdm!, company, Readable.from([mdmLines.join('\n')]));
  return applyCoverageFile(ctx.tx, ctx.audit, edr!, company, Readable.from([edrLines.join('\n')]));
}

async function loadReviews(ctx: DemoContext, unit: UnitRow, classAt: (rank: number) => string) {
  const requester = ctx.users.find((u) => u.person.orgUnitId === unit.id) ?? ctx.users[0];
  const decider = ctx.users.find((u) => u.roles.includes('security_office'));
  for (const [i, r] of REVIEWS.entries()) {
    const decided = r.status !== 'pending';
    const [row] = await ctx.tx
      .insert(serviceReviews)
      .values({
        unitId: unit.id,
        unitPath: unit.path,
        requesterId: requester?.user.id ?? null,
        serviceName: r.serviceName,
        providerName: r.providerName,
        purpose: r.purpose,
        classCode: classAt(r.rank),
        personalData: r.personalData,
        storageCountry: r.country,
        certifications: r.certifications,
        ssoMfa: r.ssoMfa,
        encryption: true,
        logs: r.ssoMfa,
        exitTerms: r.exitTerms,
        answers: reviewChecklist.map((c, k) => ({ code: c.code, answer: r.ssoMfa || k % 3 ? 'yes' : 'no', note: '' })),
        status: r.status,
        approvedClassCode: r.status.startsWith('approved') ? classAt(r.approvedRank) : null,
        conditions: r.conditions,
        reasons: r.reasons,
        reReviewOn: r.status.startsWith('approved') ? day(ctx.now, 365 - i) : null,
        decidedBy: decided ? (decider?.user.id ?? null) : null,
        decidedAt: decided ? new Date(ctx.now.getTime() - (i + 1) * DAY) : null,
        createdAt: new Date(ctx.now.getTime() - (i + 5) * DAY),
      })
      .returning();
    if (r.status.startsWith('approved'))
      await ctx.tx.insert(approvedServices).values({
        reviewId: row!.id,
        serviceName: r.serviceName,
        providerName: r.providerName,
        maxClassCode: classAt(r.approvedRank),
        personalData: r.personalData,
        storageCountry: r.country,
        conditions: r.conditions,
        approvedOn: day(ctx.now, -(i + 1)),
        reReviewOn: day(ctx.now, 365 - i),
      });
    await ctx.audit({ action: 'service-review.request', targetType: 'service-review', targetId: row!.id, orgPath: unit.path });
  }
  return REVIEWS.length;
}
