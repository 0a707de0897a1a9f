import { IdParams, SupplierProvider, SupplierProviderBody } from '@mamori/contracts';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, fieldError, invalid, msg, notFound } from '../../../platform/errors/app-error';
import type { Module } from '../../../platform/http/module';
import { enqueue } from '../../../platform/jobs/queue';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { supplierAdvisoriesFetchJob } from './job';
import { checkOutboundUrl, OutboundRefused } from '../../../platform/net/outbound';
import { supplierAdvisoryProviders } from './tables';

type Row = typeof supplierAdvisoryProviders.$inferSelect;
const present = (r: Row): SupplierProvider => ({
  id: r.id,
  name: r.name,
  metadataUrl: r.metadataUrl,
  enabled: r.enabled,
  lastFetchedAt: r.lastFetchedAt?.toISOString() ?? null,
  lastOutcome: r.lastOutcome ?? null,
});

async function addProvider(ctx: Ctx, body: z.infer<typeof SupplierProviderBody>) {
  try {
    await checkOutboundUrl(new URL(body.metadataUrl));
  } catch (err) {
    if (!(err instanceof OutboundRefused)) throw err;
    throw invalid([fieldError('body.metadataUrl', 'supplier_advisories.provider_url_refused')]);
  }
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(supplierAdvisoryProviders)
      .values({ name: body.name, metadataUrl: body.metadataUrl, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict(msg('supplier_advisories.provider_duplicate'), [
        fieldError('body.metadataUrl', 'supplier_advisories.provider_duplicate'),
      ]);
    await audit({ action: 'supplier_provider.create', targetType: 'supplier_advisory_provider', targetId: row.id, after: body });
    await enqueue(tx, supplierAdvisoriesFetchJob, { providerId: row.id });
    return present(row);
  });
}

async function requestFetch(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx.select().from(supplierAdvisoryProviders).where(eq(supplierAdvisoryProviders.id, id));
    if (!row) throw notFound();
    await enqueue(tx, supplierAdvisoriesFetchJob, { providerId: id });
    await audit({ action: 'supplier_provider.fetch', targetType: 'supplier_advisory_provider', targetId: id });
    return present(row);
  });
}

/** Suppliers' CSAF providers (provider-metadata.json), read on a schedule by the `supplier-advisories.fetch` job. */
export const providerRoutes: Module = () =>
  async function supplierProviderRoutes(app) {
    const tags = ['supplier-advisories'];
    const manage = { access: { action: 'supplier-advisories:import' as const } };
    app.get(
      '/supplier-advisory-providers',
      {
        config: { access: { action: 'supplier-advisories:read' as const } },
        schema: {
          tags,
          summary: "Suppliers' CSAF providers read on a schedule",
          response: { 200: z.object({ items: z.array(SupplierProvider) }) },
        },
      },
      async (req) => ({
        items: (
          await req.ctx.db.select().from(supplierAdvisoryProviders).orderBy(desc(supplierAdvisoryProviders.createdAt)).limit(500)
        ).map(present),
      }),
    );
    app.post(
      '/supplier-advisory-providers',
      {
        config: manage,
        schema: {
          tags,
          summary: "Add a supplier's CSAF provider (its provider-metadata.json URL); it is read at once and then daily",
          body: SupplierProviderBody,
          response: { 201: SupplierProvider },
        },
      },
      async (req, reply) => reply.code(201).send(await addProvider(req.ctx, req.body)),
    );
    app.post(
      '/supplier-advisory-providers/:id/fetch',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Read a provider now (queued: the outcome shows on the provider)',
          params: IdParams,
          response: { 202: SupplierProvider },
        },
      },
      async (req, reply) => reply.code(202).send(await requestFetch(req.ctx, req.params.id)),
    );
  };
