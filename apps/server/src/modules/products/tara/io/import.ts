import { randomUUID } from 'node:crypto';
import type { TaraExchange, TaraImportBody, TaraImportXlsxBody } from '@mamori/contracts';
import type { z } from 'zod';
import type { Db } from '../../../../db/client';
import { scopeOf } from '../../../../platform/access/scope';
import { AppError } from '../../../../platform/errors/app-error';
import { decodeBase64File } from '../../../../platform/files/base64-file';
import { MAX_XLSX_BYTES, readXlsx, XLSX_TYPE } from '../../../../platform/files/xlsx';
import { inTransaction, type Ctx } from '../../../../platform/tx';
import { loadProduct } from '../../products';
import { analysisAudit, checkRefs } from '../analyses';
import { approvedMethod, ensureDefaultMethod } from '../methods';
import {
  taraAnalyses,
  taraAssets,
  taraDamages,
  taraNodes,
  taraR155Exclusions,
  taraThreatDamages,
  taraThreats,
  taraTreatments,
} from '../tables';
import { loadWorkspace } from '../workspace';
import { checkExchange, parseExchange } from './import-check';
import { exchangeFromXlsx } from './xlsx-read';

/** Rows go in by the thousand: one statement per chunk, whatever the document's size. */
async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/**
 * Imports a `mamori-tara/1` document as a new analysis of a product. Everything is checked first — the document's
 * shape, its references, the method's codes and the treatment rules, the product's scope and release — and any
 * failure is a 400 naming every failing field; only then is it written, in one transaction (all or nothing).
 * Signatures never travel: every residual risk comes in unsigned.
 */
export function importAnalysis(ctx: Ctx, body: z.infer<typeof TaraImportBody>) {
  return importDocument(ctx, body, body.document, (p) => p);
}

const XLSX_RULES = {
  types: [XLSX_TYPE],
  maxBytes: MAX_XLSX_BYTES,
  at: 'body.file',
  codes: { type: 'tara.xlsx_type', base64: 'tara.xlsx_base64', tooLarge: 'tara.xlsx_too_large', empty: 'tara.xlsx_empty' },
} as const;

/** The workbook of the XLSX export, read back with the platform's guarded reader; errors name sheet and cell. */
export async function importXlsx(ctx: Ctx, body: z.infer<typeof TaraImportXlsxBody>) {
  const { content } = decodeBase64File(body.file, XLSX_RULES);
  const { doc, locate } = exchangeFromXlsx(await readXlsx(content));
  return importDocument(ctx, body, doc, locate);
}

/** Runs a check and names each failing field where the person can find it (a JSON pointer, or sheet!cell). */
function located<T>(locate: (pointer: string) => string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof AppError) || !e.errors) throw e;
    throw new AppError(
      e.code,
      e.detailMessage ?? e.message,
      e.errors.map((f) => ({ ...f, path: locate(f.path) })),
    );
  }
}

type ImportMeta = Omit<z.infer<typeof TaraImportBody>, 'document'>;

async function importDocument(ctx: Ctx, body: ImportMeta, document: unknown, locate: (pointer: string) => string) {
  const doc = located(locate, () => parseExchange(document));
  await ensureDefaultMethod(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scopeOf(ctx.principal, 'products:manage'), body.productId);
    await checkRefs(tx, body.productId, body);
    const method = await approvedMethod(tx, body.methodVersion, '/methodVersion');
    const { version } = method;
    located(locate, () => checkExchange(doc, method.definition));
    const [row] = await tx
      .insert(taraAnalyses)
      .values({
        productId: body.productId,
        releaseId: body.releaseId ?? null,
        title: body.title ?? doc.analysis.title,
        methodVersion: version,
        boundary: doc.analysis.boundary,
        functions: doc.analysis.functions,
        environment: doc.analysis.environment,
        assumptions: doc.analysis.assumptions,
      })
      .returning();
    await writeParts(tx, row!.id, doc);
    await audit({
      action: 'tara_analysis.import',
      targetType: 'tara_analysis',
      targetId: row!.id,
      orgPath: product.orgPath,
      after: {
        ...analysisAudit(row!),
        counts: {
          assets: doc.assets.length,
          damageScenarios: doc.damageScenarios.length,
          threatScenarios: doc.threatScenarios.length,
          attackNodes: doc.attackNodes.length,
          risks: doc.risks.length,
        },
      },
    });
    return loadWorkspace(tx, row!.id);
  });
}

async function writeParts(tx: Db, analysisId: string, doc: TaraExchange) {
  const ids = (list: { ref: string }[]) => new Map(list.map((x) => [x.ref, randomUUID()]));
  const asset = ids(doc.assets);
  const damage = ids(doc.damageScenarios);
  const threat = ids(doc.threatScenarios);
  const node = ids(doc.attackNodes);
  await insertChunks(doc.assets, (c) =>
    tx
      .insert(taraAssets)
      .values(
        c.map((a) => ({ id: asset.get(a.ref)!, analysisId, name: a.name, description: a.description, properties: a.properties })),
      ),
  );
  await insertChunks(doc.damageScenarios, (c) =>
    tx
      .insert(taraDamages)
      .values(
        c.map((d) => ({ id: damage.get(d.ref)!, analysisId, title: d.title, description: d.description, impacts: d.impacts })),
      ),
  );
  await insertChunks(doc.threatScenarios, (c) =>
    tx.insert(taraThreats).values(
      c.map((t) => ({
        id: threat.get(t.ref)!,
        analysisId,
        title: t.title,
        assetId: asset.get(t.asset)!,
        property: t.property,
        cause: t.cause,
        stride: t.stride,
        r155Threats: [...new Set(t.r155Threats)],
      })),
    ),
  );
  const links = doc.threatScenarios.flatMap((t) =>
    [...new Set(t.damages)].map((d) => ({ analysisId, threatId: threat.get(t.ref)!, damageId: damage.get(d)! })),
  );
  await insertChunks(links, (c) => tx.insert(taraThreatDamages).values(c));
  // Position = order among siblings in the document.
  const siblings = new Map<string, number>();
  const nodes = doc.attackNodes.map((n) => {
    const key = `${n.threat}\n${n.parent ?? ''}`;
    const position = siblings.get(key) ?? 0;
    siblings.set(key, position + 1);
    return {
      id: node.get(n.ref)!,
      analysisId,
      threatId: threat.get(n.threat)!,
      parentId: n.parent === null ? null : node.get(n.parent)!,
      kind: n.kind,
      title: n.title,
      position,
      ratings: n.kind === 'leaf' ? n.ratings : null,
    };
  });
  await insertChunks(nodes, (c) => tx.insert(taraNodes).values(c));
  await insertChunks(doc.risks, (c) =>
    tx.insert(taraTreatments).values(
      c.map((r) => ({
        analysisId,
        threatId: threat.get(r.threat)!,
        damageId: damage.get(r.damage)!,
        treatment: r.treatment,
        statement: r.statement,
        cal: r.cal,
        rationale: r.rationale,
        residualValue: r.residualValue,
      })),
    ),
  );
  if (doc.r155NotApplicable.length)
    await tx
      .insert(taraR155Exclusions)
      .values(doc.r155NotApplicable.map((x) => ({ analysisId, code: x.code, reason: x.reason })));
}
