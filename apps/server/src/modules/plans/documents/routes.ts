import {
  AckMissing,
  AckMissingQuery,
  AckRates,
  AddDocumentFileBody,
  CreateDocumentBody,
  DocumentAck,
  DocumentDetail,
  DocumentFile,
  DocumentListQuery,
  DocumentParams,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionParams,
  ReturnDocumentBody,
  ReviewDocumentBody,
  UpdateDocumentBody,
  UpdateDocumentVersionBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { ackRates, acknowledge, missingAcks } from './acks';
import { downloadFile, getDocument, getVersion, listDocuments } from './read';
import {
  addFile,
  approveVersion,
  createDocument,
  publishVersion,
  returnVersion,
  reviewDocument,
  submitVersion,
  updateDocument,
  updateVersion,
} from './workflow';

/**
 * Policies and rules (issue #12): the information-security portal (published documents that apply to the reader,
 * acknowledgements) and the offices' editor (versions: draft → review → approved by the CISO → published).
 */
export const documentsModule: Module = () =>
  async function documents(app) {
    const tags = ['documents'];
    const read = { access: { action: 'documents:read' as const } };
    const manage = { access: { action: 'documents:manage' as const } };
    const approve = { access: { action: 'documents:approve' as const } };

    app.get(
      '/documents',
      {
        config: read,
        schema: {
          tags,
          summary: 'The portal: published documents that apply to me (q: title and text); view=manage: the offices’ list',
          querystring: DocumentListQuery,
          response: { 200: z.object({ items: z.array(DocumentSummary) }) },
        },
      },
      async (req) => ({ items: await listDocuments(req.ctx, req.query) }),
    );
    app.post(
      '/documents',
      {
        config: manage,
        schema: {
          tags,
          summary: 'A new document; its first version is a draft',
          body: CreateDocumentBody,
          response: { 201: DocumentDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await createDocument(req.ctx, req.body)),
    );
    app.get(
      '/documents/:id',
      { config: { ...read, etag: true }, schema: { tags, params: DocumentParams, response: { 200: DocumentDetail } } },
      (req) => getDocument(req.ctx, req.params.id),
    );
    app.patch(
      '/documents/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Who it applies to, acknowledgement, review date (If-Match: the document’s ETag)',
          params: DocumentParams,
          headers: IfMatchHeaders,
          body: UpdateDocumentBody,
          response: { 200: DocumentDetail },
        },
      },
      (req) => updateDocument(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/documents/:id/review',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Record the yearly review: unchanged (next review in a year) or revise (opens the next version)',
          params: DocumentParams,
          headers: IfMatchHeaders,
          body: ReviewDocumentBody,
          response: { 200: DocumentDetail },
        },
      },
      (req) => reviewDocument(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.get(
      '/documents/:id/versions/:v',
      { config: { ...read, etag: true }, schema: { tags, params: DocumentVersionParams, response: { 200: DocumentVersion } } },
      (req) => getVersion(req.ctx, req.params.id, req.params.v),
    );
    app.patch(
      '/documents/:id/versions/:v',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Change the text of a draft (If-Match: the version’s ETag); other states are refused',
          params: DocumentVersionParams,
          headers: IfMatchHeaders,
          body: UpdateDocumentVersionBody,
          response: { 200: DocumentVersion },
        },
      },
      (req) => updateVersion(req.ctx, req.params.id, req.params.v, req.body, ifMatch(req)),
    );
    const step = (summary: string) => ({
      tags,
      summary,
      params: DocumentVersionParams,
      headers: IfMatchHeaders,
      response: { 200: DocumentVersion },
    });
    app.post(
      '/documents/:id/versions/:v/submit',
      { config: { ...manage, etag: true }, schema: step('Draft → review (asks the CISO to approve)') },
      (req) => submitVersion(req.ctx, req.params.id, req.params.v, ifMatch(req)),
    );
    app.post(
      '/documents/:id/versions/:v/approve',
      { config: { ...approve, etag: true }, schema: step('Review → approved (the CISO); the text is frozen from then on') },
      (req) => approveVersion(req.ctx, req.params.id, req.params.v, ifMatch(req)),
    );
    app.post(
      '/documents/:id/versions/:v/return',
      {
        config: { ...approve, etag: true },
        schema: {
          tags,
          summary: 'Review → draft, with the reason',
          params: DocumentVersionParams,
          body: ReturnDocumentBody,
          response: { 200: DocumentVersion },
        },
      },
      (req) => returnVersion(req.ctx, req.params.id, req.params.v, req.body),
    );
    app.post(
      '/documents/:id/versions/:v/publish',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Approved → published; the previous version is superseded (a version not approved is refused)',
          params: DocumentVersionParams,
          headers: IfMatchHeaders,
          response: { 200: DocumentDetail },
        },
      },
      (req) => publishVersion(req.ctx, req.params.id, req.params.v, ifMatch(req)),
    );
    app.post(
      '/documents/:id/versions/:v/acknowledge',
      {
        config: read,
        schema: {
          tags,
          summary: 'I have read this version (only the published version of a document that asks for it)',
          params: DocumentVersionParams,
          response: { 200: DocumentAck },
        },
      },
      (req) => acknowledge(req.ctx, req.params.id, req.params.v),
    );
    app.get(
      '/documents/:id/acknowledgements',
      {
        config: read,
        schema: {
          tags,
          summary: 'Acknowledgement rate of the published version per unit, in my scope (offices, unit heads)',
          params: DocumentParams,
          response: { 200: AckRates },
        },
      },
      (req) => ackRates(req.ctx, req.params.id),
    );
    app.get(
      '/documents/:id/acknowledgements/missing',
      {
        config: read,
        schema: {
          tags,
          summary: 'The people of one unit who have not acknowledged the published version',
          params: DocumentParams,
          querystring: AckMissingQuery,
          response: { 200: AckMissing },
        },
      },
      (req) => missingAcks(req.ctx, req.params.id, req.query.unitId),
    );
    app.post(
      '/documents/:id/versions/:v/files',
      {
        config: manage,
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Attach a file (PDF, Office, image, text; at most 10 MB) to a draft',
          params: DocumentVersionParams,
          body: AddDocumentFileBody,
          response: { 201: DocumentFile },
        },
      },
      async (req, reply) => reply.code(201).send(await addFile(req.ctx, req.params.id, req.params.v, req.body)),
    );
    const FileParams = DocumentVersionParams.extend({ fileId: z.uuid() }).strict();
    app.get(
      '/documents/:id/versions/:v/files/:fileId',
      { config: read, schema: { tags, summary: 'Download an attached file', params: FileParams } },
      async (req, reply) => {
        const f = await downloadFile(req.ctx, req.params.id, req.params.v, req.params.fileId);
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.content);
      },
    );
  };
