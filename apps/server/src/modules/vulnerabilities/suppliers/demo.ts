import { daysAgo, type DemoContext, type DemoLoader } from '../../../demo/types';
import type { Ctx } from '../../../platform/tx';
import { importSupplierAdvisory } from './import';
import { libraryAdvisory, libraryVex, plcAdvisory } from './sample-documents';

/**
 * Suppliers' advisories of the demo (issues #17, #23), imported as an upload is, so they are validated, stored and
 * matched by the real path: the Hoshi SDK's OpenSSL 3.0.7 (named by CPE) matches the demo products' releases that
 * still ship OpenSSL 3.0.7; the PLC maker's advisory matches the factories' KX-R PLC CPUs before 1.30; the VEX names
 * a library the demo does not ship (nothing suggested).
 */
export const supplierAdvisoriesDemoLoader: DemoLoader = {
  name: 'supplier-advisories',
  async load(ctx: DemoContext) {
    const as: Ctx = { db: ctx.tx, actor: { userId: null, label: 'demo', requestId: null, ip: null }, principal: null };
    const lines: string[] = [];
    for (const doc of [
      libraryAdvisory(1, daysAgo(ctx.now, 12)),
      plcAdvisory(daysAgo(ctx.now, 6)),
      libraryVex(daysAgo(ctx.now, 2)),
    ]) {
      const r = await importSupplierAdvisory(as, doc, { kind: 'upload' });
      lines.push(`supplier advisory ${r.advisory.trackingId}: ${r.matches.suggested} suggested cases`);
    }
    return lines;
  },
};
