import type { DemoContext, DemoLoader } from '../../demo/types';
import type { Principal } from '../../platform/access/principal';
import { systemActor } from '../../platform/audit/record';
import { presentRelease } from '../products/products';
import { components, products, releases } from '../products/tables';
import { publishAdvisory } from './advisories/advisories';
import { craDemo } from './cra/demo';
import { computeCvss } from './cases/cvss';
import { CASES, PRODUCTS } from './demo-data';
import { vulnerabilityAuditView } from './cases/present';
import { vulnerabilities, vulnerabilityProducts } from './tables';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

type ProductRow = typeof products.$inferSelect;

async function createProducts(ctx: DemoContext) {
  const { tx, audit, now } = ctx;
  const depts = [...ctx.units.values()].filter((u) => u.kind === 'department').sort((a, b) => a.code.localeCompare(b.code));
  const owners = depts.filter((d) => /-(KMT|NGY)-/.test(d.code));
  const pool = owners.length ? owners : depts;
  const byCode = new Map<string, ProductRow>();
  let componentCount = 0;
  for (const [i, p] of PRODUCTS.entries()) {
    const owner = pool[i % pool.length]!;
    const [row] = await tx
      .insert(products)
      .values({
        code: p.code,
        nameJa: p.ja,
        nameEn: p.en,
        productLine: p.line,
        orgUnitId: owner.id,
        stage: p.stage,
        ...(p.cra && {
          craInScope: true,
          euMarketSince: p.cra.marketDaysAgo === undefined ? null : dayOf(shift(now, -p.cra.marketDaysAgo)),
          craCategory: p.cra.category,
          supportPeriodEnd: p.cra.supportYears ? dayOf(shift(now, p.cra.supportYears * 365)) : null,
          mainEstablishment: p.cra.mainEstablishment,
          euMarkets: p.cra.markets,
        }),
      })
      .returning();
    await audit({ action: 'product.create', targetType: 'product', targetId: row!.id, orgPath: owner.path, after: row });
    byCode.set(p.code, row!);
    for (const [version, shippedDaysAgo, comps] of p.releases) {
      const shipped = shippedDaysAgo !== null;
      const [release] = await tx
        .insert(releases)
        .values({
          productId: row!.id,
          version,
          status: shipped ? 'shipped' : 'planned',
          releasedOn: shipped ? dayOf(shift(now, -shippedDaysAgo)) : null,
          sbomFormat: 'cyclonedx-json',
          sbomSpecVersion: '1.5',
          sbomImportedAt: shift(now, -(shippedDaysAgo ?? 5)),
          componentCount: comps.length,
        })
        .returning();
      await tx.insert(components).values(
        comps.map(([name, v, purl, licence]) => ({
          releaseId: release!.id,
          productId: row!.id,
          name,
          version: v,
          purl,
          type: 'library',
          licences: [licence],
        })),
      );
      componentCount += comps.length;
      await audit({
        action: 'product_release.create',
        targetType: 'product_release',
        targetId: release!.id,
        orgPath: owner.path,
        after: { ...presentRelease(release!), components: comps.map(([name, v]) => `${name}@${v}`) },
      });
    }
  }
  return { byCode, componentCount };
}

const JUSTIFICATION = 'component_not_present' as const;

/** The PSIRT as a principal, for the publishing step (the same service the advisory route uses). */
function psirtPrincipal(ctx: DemoContext): Principal {
  const member = ctx.users.find((u) => u.roles.includes('psirt_member'))?.user;
  return {
    userId: member?.id ?? '00000000-0000-0000-0000-000000000000',
    email: member?.email ?? 'psirt@demo.example',
    name: member?.name ?? 'PSIRT',
    kind: 'internal',
    partnerId: null,
    language: 'ja',
    mfaEnabled: true,
    grants: [{ id: 'demo', role: 'psirt_member', orgUnitId: null, path: null, orgUnitName: null, orgUnitNameJa: null }],
    via: 'session',
    sessionId: null,
    mfaEnrollmentRequired: false,
  };
}

async function createCases(ctx: DemoContext, byCode: Map<string, ProductRow>) {
  const { tx, audit, now } = ctx;
  // the open cases are the demo PSIRT member's (the list's bulk bar reassigns them)
  const assigneeId = ctx.users.find((u) => u.roles.includes('psirt_member'))?.user.id ?? null;
  let published = 0;
  const ids = new Map<string, string>();
  for (const c of CASES) {
    const v31 = c.cvss31 ? computeCvss('3.1', c.cvss31, 'cvss31') : null;
    const v40 = c.cvss40 ? computeCvss('4.0', c.cvss40, 'cvss40') : null;
    const at = shift(now, -c.daysAgo);
    const [row] = await tx
      .insert(vulnerabilities)
      .values({
        title: c.title,
        description: c.description,
        status: c.advisory ? 'remediating' : c.status, // publishing discloses it
        source: c.source,
        reporterName: c.source === 'report' ? 'Security researcher' : null,
        reporterEmail: c.source === 'report' ? 'researcher@security-lab.example' : null,
        language: 'en',
        cvss31Vector: v31?.vector ?? null,
        cvss31Score: v31?.score ?? null,
        cvss31Severity: v31?.severity ?? null,
        cvss40Vector: v40?.vector ?? null,
        cvss40Score: v40?.score ?? null,
        cvss40Severity: v40?.severity ?? null,
        cveId: c.cveId ?? null,
        cwe: c.cwe ?? null,
        assigneeId: c.status === 'closed' || c.status === 'rejected' || c.status === 'duplicate' ? null : assigneeId,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    ids.set(c.title, row!.id);
    if (c.products.length)
      await tx.insert(vulnerabilityProducts).values(
        c.products.map((p) => ({
          vulnerabilityId: row!.id,
          productId: byCode.get(p.code)!.id,
          status: p.status,
          justification: p.status === 'not_affected' ? JUSTIFICATION : null,
          affectedVersions: p.affectedVersions ?? null,
          fixedVersion: p.fixedVersion ?? null,
          remediation: p.remediation ?? null,
        })),
      );
    await audit({
      action: 'vulnerability.create',
      targetType: 'vulnerability',
      targetId: row!.id,
      after: vulnerabilityAuditView(row!),
    });
    if (c.advisory) {
      // Through the service the advisory route uses: the snapshot is real and its CSAF validates.
      // Published with the command's configuration: the stored CSAF files name the same publisher, URLs and
      // signing key as the server that will serve them.
      await publishAdvisory({ db: tx, actor: systemActor('demo'), principal: psirtPrincipal(ctx) }, ctx.config, row!.id, {
        ...c.advisory,
        revisionSummary: 'Initial public release',
        revisionSummaryJa: '初版公開',
      });
      published++;
    }
  }
  return { published, ids };
}

/** The case the demo reports under the CRA (actively exploited, early warning sent, notification running). */
const CRA_CASE = 'Denial of service of the T3 sensor by malformed TCP options';

/** Product security of the demo group: products with releases and SBOMs, vulnerability cases, published advisories. */
export const psirtDemoLoader: DemoLoader = {
  name: 'psirt',
  async load(ctx) {
    const { byCode, componentCount } = await createProducts(ctx);
    const { published, ids } = await createCases(ctx, byCode);
    await craDemo(ctx, psirtPrincipal(ctx), ids.get(CRA_CASE)!);
    return [
      `products: ${byCode.size} (${componentCount} SBOM components), vulnerability cases: ${CASES.length}, advisories: ${published}`,
      'CRA: one actively exploited case (two EU-market products), early warning sent, notification running',
    ];
  },
};
