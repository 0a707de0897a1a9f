import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { daysAgo } from '../../../demo/types';
import { DEMO_CODE } from '../../org/demo-data';
import { governanceDocumentAcks, governanceDocuments, governanceDocumentVersions } from './tables';

interface CatalogDocument {
  key: string;
  kind: 'policy' | 'guideline' | 'guide';
  activity: string | null;
  requiresAck: boolean;
  scope: string | null;
  roles: string[];
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
}

const file = fileURLToPath(new URL('../../../../../../catalogs/governance-documents/documents.json', import.meta.url));
export const demoDocuments = (): CatalogDocument[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { documents: CatalogDocument[] }).documents;

const day = (d: Date) => d.toISOString().slice(0, 10);
const addYear = (d: Date) => day(new Date(d.getTime() + 365 * 86_400_000));

/**
 * The group's policy, common guideline and standard guides (catalogs/governance-documents), published and approved by
 * the CISO. The policy is in its second version (the first superseded, with what changed and why); the take-out guide
 * has a revision waiting for the CISO; the incident guide's yearly review falls due within the month. Readers have
 * acknowledged at rates that differ by site, as they do in life.
 */
async function loadDocuments(ctx: DemoContext) {
  const ciso = ctx.users.find((u) => u.roles.includes('ciso'))?.user.id ?? null;
  const office = ctx.users.find((u) => u.roles.includes('security_office'))?.user.id ?? null;
  const siteRate = new Map<string, number>();
  const pathOf = new Map([...ctx.units.values()].map((x) => [x.id, x.path]));
  let acks = 0;
  for (const [i, d] of demoDocuments().entries()) {
    const unit = d.scope ? ctx.units.get(`${DEMO_CODE}-${d.scope}`)! : null;
    const publishedAt = daysAgo(ctx.now, d.key === 'guide-incident-reporting' ? 350 : 300 - i * 20);
    const twoVersions = d.key === 'security-policy';
    const [doc] = await ctx.tx
      .insert(governanceDocuments)
      .values({
        key: d.key,
        kind: d.kind,
        activity: d.activity,
        scopeUnitId: unit?.id ?? null,
        scopePath: unit?.path ?? null,
        roles: d.roles,
        requiresAck: d.requiresAck,
        reviewDueOn: addYear(twoVersions ? daysAgo(ctx.now, 45) : publishedAt),
        publishedNumber: twoVersions ? 2 : 1,
        createdBy: office,
        createdAt: daysAgo(publishedAt, 40),
      })
      .returning();
    const version = (
      number: number,
      status: 'published' | 'superseded' | 'review',
      at: Date,
      extra: Partial<CatalogDocument> & { changeSummary?: string } = {},
    ) => ({
      documentId: doc!.id,
      number,
      status,
      titleJa: d.titleJa,
      titleEn: d.titleEn,
      bodyJa: extra.bodyJa ?? d.bodyJa,
      bodyEn: extra.bodyEn ?? d.bodyEn,
      changeSummary: extra.changeSummary ?? '',
      createdBy: office,
      createdAt: daysAgo(at, 30),
      submittedAt: daysAgo(at, 10),
      approvedBy: status === 'review' ? null : ciso,
      approvedAt: status === 'review' ? null : daysAgo(at, 3),
      publishedBy: status === 'review' ? null : office,
      publishedAt: status === 'review' ? null : at,
    });
    const rows = twoVersions
      ? [
          version(1, 'superseded', daysAgo(ctx.now, 420), {
            bodyJa: d.bodyJa.replace(/\n## 5\.[\s\S]*$/, '\n'),
            bodyEn: d.bodyEn.replace(/\n## 5\.[\s\S]*$/, '\n'),
          }),
          version(2, 'published', daysAgo(ctx.now, 45), {
            changeSummary:
              '違反時の対応(第5項)を追加。内部監査で規程違反への対処が明文化されていないと指摘されたため。 / Added section 5 (breaches): an internal audit found no written consequence for breaking the rules.',
          }),
        ]
      : [version(1, 'published', publishedAt)];
    if (d.key === 'guide-take-out')
      rows.push(
        version(2, 'review', daysAgo(ctx.now, -5), {
          bodyJa: d.bodyJa.replace(
            '4. 返却したら',
            '4. 持ち出し中の機器はディスク暗号化とリモート消去を有効にしておきます。\n5. 返却したら',
          ),
          bodyEn: d.bodyEn.replace(
            '4. When everything',
            '4. Devices taken out must have disk encryption and remote wipe turned on.\n5. When everything',
          ),
          changeSummary:
            'ノートPC紛失の事例を受け、暗号化とリモート消去を必須に。 / After a laptop loss, encryption and remote wipe become mandatory.',
        }),
      );
    const inserted = await ctx.tx.insert(governanceDocumentVersions).values(rows).returning();
    const current = inserted.find((v) => v.status === 'published')!;
    if (!d.requiresAck) continue;
    const values = [];
    for (const u of ctx.users) {
      if (u.user.kind !== 'internal' || u.user.status !== 'active') continue;
      const path = pathOf.get(u.person.orgUnitId) ?? '';
      if (unit && !path.startsWith(unit.path)) continue;
      const site = path.split('/')[2] ?? '';
      if (!siteRate.has(site)) siteRate.set(site, 0.62 + ctx.random.int(0, 33) / 100);
      // the newest version has had less time to be read
      const rate = siteRate.get(site)! * (twoVersions ? 0.8 : 1);
      if (ctx.random.int(1, 100) > rate * 100) continue;
      values.push({
        versionId: current.id,
        userId: u.user.id,
        personId: u.person.id,
        acknowledgedAt: new Date(current.publishedAt!.getTime() + ctx.random.int(1, 40) * 86_400_000),
      });
    }
    if (values.length) await ctx.tx.insert(governanceDocumentAcks).values(values);
    acks += values.length;
  }
  return acks;
}

export const documentsDemoLoader: DemoLoader = {
  name: 'documents',
  async load(ctx) {
    const acks = await loadDocuments(ctx);
    return [
      `governance documents: ${demoDocuments().length} published (policy v2, a take-out guide revision awaiting the CISO), ${acks} acknowledgements`,
    ];
  },
};
