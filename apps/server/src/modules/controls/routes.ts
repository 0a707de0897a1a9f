import {
  AddSoaEvidenceBody,
  Control,
  CreateSoaBody,
  SoaExportQuery,
  ReturnSoaBody,
  Soa,
  SoaDiff,
  SoaDiffQuery,
  SoaEntryChanged,
  SoaEntryParams,
  SoaEvidence,
  SoaParams,
  SoaVersion,
  SoaVersionParams,
  SoaVersionSummary,
  UpdateSoaEntryBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { controlCatalog } from './catalog';
import { statusRequestRoutes } from './routes-status';
import { diffVersions } from './soa-diff';
import { addEvidence, downloadEvidence, listEvidence, updateEntry } from './soa-entries';
import { soaPdf, soaXlsx } from './soa-export';
import { getVersion, listSoas, listVersions } from './soa-read';
import { approveVersion, createSoa, newVersion, returnVersion, submitVersion } from './soa-workflow';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Controls (issue #11): the Annex A catalogue, the Statement of Applicability per ISMS scope (a versioned document:
 * draft → review → approved by the CISO, then frozen) and the control-status requests to the units.
 */
export const controlsModule: Module = () =>
  async function controls(app) {
    const tags = ['controls'];
    const read = { access: { action: 'controls:read' as const } };
    const manage = { access: { action: 'soa:manage' as const } };
    const approve = { access: { action: 'soa:approve' as const } };

    app.get(
      '/controls',
      {
        config: read,
        schema: { tags, summary: 'The 93 Annex A controls, in our own words (ja + en)', response: { 200: z.array(Control) } },
      },
      () => controlCatalog().controls,
    );

    app.get('/soa', { config: read, schema: { tags, response: { 200: z.array(Soa) } } }, (req) => listSoas(req.ctx));
    app.post(
      '/soa',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Create the SoA of a scope (first version: a draft, every control undecided)',
          body: CreateSoaBody,
          response: { 201: SoaVersion },
        },
      },
      async (req, reply) => reply.code(201).send(await createSoa(req.ctx, req.body)),
    );
    app.get(
      '/soa/:id/versions',
      { config: read, schema: { tags, params: SoaParams, response: { 200: z.array(SoaVersionSummary) } } },
      (req) => listVersions(req.ctx, req.params.id),
    );
    app.post(
      '/soa/:id/versions',
      {
        config: manage,
        schema: {
          tags,
          summary: 'A new draft copied from the newest approved version',
          params: SoaParams,
          response: { 201: SoaVersion },
        },
      },
      async (req, reply) => reply.code(201).send(await newVersion(req.ctx, req.params.id)),
    );
    app.get(
      '/soa/:id/versions/:v',
      { config: { ...read, etag: true }, schema: { tags, params: SoaVersionParams, response: { 200: SoaVersion } } },
      (req) => getVersion(req.ctx, req.params.id, req.params.v),
    );
    app.patch(
      '/soa/:id/versions/:v/entries/:controlId',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: "Change one control's entry of a draft (If-Match: the version's ETag)",
          params: SoaEntryParams,
          headers: IfMatchHeaders,
          body: UpdateSoaEntryBody,
          response: { 200: SoaEntryChanged },
        },
      },
      (req) => updateEntry(req.ctx, req.params.id, req.params.v, req.params.controlId, req.body, ifMatch(req)),
    );
    const step = (summary: string) => ({
      tags,
      summary,
      params: SoaVersionParams,
      headers: IfMatchHeaders,
      response: { 200: SoaVersion },
    });
    app.post(
      '/soa/:id/versions/:v/submit',
      {
        config: { ...manage, etag: true },
        schema: step('Draft → review; refused while a control is undecided or an exclusion unjustified'),
      },
      (req) => submitVersion(req.ctx, req.params.id, req.params.v, ifMatch(req)),
    );
    app.post(
      '/soa/:id/versions/:v/approve',
      { config: { ...approve, etag: true }, schema: step('Review → approved (the CISO); the version is frozen from then on') },
      (req) => approveVersion(req.ctx, req.params.id, req.params.v, ifMatch(req)),
    );
    app.post(
      '/soa/:id/versions/:v/return',
      {
        config: { ...approve, etag: true },
        schema: {
          tags,
          summary: 'Review → draft, with the reason',
          params: SoaVersionParams,
          body: ReturnSoaBody,
          response: { 200: SoaVersion },
        },
      },
      (req) => returnVersion(req.ctx, req.params.id, req.params.v, req.body),
    );
    app.get(
      '/soa/:id/diff',
      {
        config: read,
        schema: {
          tags,
          summary: 'Per control, what changed between two versions',
          params: SoaParams,
          querystring: SoaDiffQuery,
          response: { 200: SoaDiff },
        },
      },
      (req) => diffVersions(req.ctx, req.params.id, req.query.from, req.query.to),
    );
    app.get(
      '/soa/:id/versions/:v/soa.pdf',
      {
        config: read,
        schema: { tags, summary: 'The version as a PDF (ja or en)', params: SoaVersionParams, querystring: SoaExportQuery },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, name } = await soaPdf(req.ctx, req.params.id, req.params.v, lang);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );
    app.get(
      '/soa/:id/versions/:v/soa.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'The version as an XLSX workbook (ja or en)',
          params: SoaVersionParams,
          querystring: SoaExportQuery,
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? req.principal?.language ?? 'ja';
        const { file, name } = await soaXlsx(req.ctx, req.params.id, req.params.v, lang);
        return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
      },
    );

    const EvidenceParams = SoaEntryParams.extend({ evidenceId: z.uuid() }).strict();
    app.get(
      '/soa/:id/versions/:v/entries/:controlId/evidence',
      { config: read, schema: { tags, params: SoaEntryParams, response: { 200: z.array(SoaEvidence) } } },
      (req) => listEvidence(req.ctx, req.params.id, req.params.v, req.params.controlId),
    );
    app.post(
      '/soa/:id/versions/:v/entries/:controlId/evidence',
      {
        config: manage,
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Attach an evidence file (PDF, Office, image, text; at most 10 MB) to a draft entry',
          params: SoaEntryParams,
          body: AddSoaEvidenceBody,
          response: { 201: SoaEvidence },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addEvidence(req.ctx, req.params.id, req.params.v, req.params.controlId, req.body)),
    );
    app.get(
      '/soa/:id/versions/:v/entries/:controlId/evidence/:evidenceId',
      { config: read, schema: { tags, summary: 'Download an evidence file', params: EvidenceParams } },
      async (req, reply) => {
        const p = req.params;
        const f = await downloadEvidence(req.ctx, p.id, p.v, p.controlId, p.evidenceId);
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.content);
      },
    );

    await app.register(statusRequestRoutes);
  };
