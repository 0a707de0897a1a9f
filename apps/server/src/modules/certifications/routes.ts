import {
  Certification,
  CertificationCompany,
  CertificationListQuery,
  CertificationStandardInfo,
  CreateCertificationBody,
  IdParams,
  MAX_CERTIFICATE_FILE_BYTES,
  UpdateCertificationBody,
  UploadCertificateFileBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { scopeOf, covers } from '../../platform/access/scope';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { allCompanies } from '../org/service';
import { standardsCatalog } from './catalog';
import { downloadCertificateFile, uploadCertificateFile } from './files';
import { certificationsOfUnit, createCertification, getCertification, listCertifications, updateCertification } from './records';

/**
 * Certifications (issue #22): each company's certificates and labels. Everyone internal reads those of their own
 * company (and the offices those their grant reaches); the company's security office manages them. Partners: none.
 */
export const certificationsModule: Module = () =>
  async function certificationRoutes(app) {
    const tags = ['certifications'];
    const read = { access: { action: 'certifications:read' as const } };
    const manage = { access: { action: 'certifications:manage' as const } };

    app.get(
      '/certifications',
      {
        config: read,
        schema: {
          tags,
          summary: 'The certificates and labels the reader may see, by company',
          querystring: CertificationListQuery,
          response: { 200: z.array(Certification) },
        },
      },
      (req) => listCertifications(req.ctx, req.query),
    );
    app.get(
      '/certifications/standards',
      {
        config: read,
        schema: { tags, summary: 'The standards catalogue (ja + en)', response: { 200: z.array(CertificationStandardInfo) } },
      },
      async () => standardsCatalog(),
    );
    app.get(
      '/certifications/companies',
      {
        config: manage,
        schema: {
          tags,
          summary: 'The companies the caller may record certificates for',
          response: { 200: z.array(CertificationCompany) },
        },
      },
      async (req) => {
        const scope = scopeOf(req.ctx.principal, 'certifications:manage');
        return (await allCompanies(req.ctx.db))
          .filter((c) => covers(scope, c.path))
          .map((c) => ({ id: c.id, nameJa: c.nameJa, nameEn: c.nameEn }));
      },
    );
    app.post(
      '/certifications',
      {
        config: { ...manage, etag: true },
        schema: { tags, body: CreateCertificationBody, response: { 201: Certification } },
      },
      async (req, reply) => reply.code(201).send(await createCertification(req.ctx, req.body)),
    );
    app.get(
      '/certifications/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: Certification } } },
      (req) => getCertification(req.ctx, req.params.id),
    );
    app.patch(
      '/certifications/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateCertificationBody,
          response: { 200: Certification },
        },
      },
      (req) => updateCertification(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.put(
      '/certifications/:id/file',
      {
        config: { ...manage, etag: true },
        bodyLimit: Math.ceil((MAX_CERTIFICATE_FILE_BYTES * 4) / 3) + 4096,
        schema: {
          tags,
          summary: 'Upload (or replace) the certificate file: PDF, PNG or JPEG, at most 10 MB, as base64',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UploadCertificateFileBody,
          response: { 200: Certification },
        },
      },
      (req) => uploadCertificateFile(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.get(
      '/certifications/:id/file',
      { config: read, schema: { tags, summary: 'Download the certificate file', params: IdParams } },
      async (req, reply) => {
        const f = await downloadCertificateFile(req.ctx, req.params.id);
        return reply
          .header('content-type', f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.content);
      },
    );
    app.get(
      '/org-units/:id/certifications',
      {
        config: read,
        schema: {
          tags,
          summary: 'The certificates in force whose scope covers the unit (a scope unit at or above it)',
          params: IdParams,
          response: { 200: z.array(Certification) },
        },
      },
      (req) => certificationsOfUnit(req.ctx, req.params.id),
    );
  };
