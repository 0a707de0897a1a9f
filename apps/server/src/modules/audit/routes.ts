import { AuditEvent, AuditListQuery, page } from '@mamori/contracts';
import type { Module } from '../../platform/http/module';
import { listAuditEvents } from './service';

export const auditModule: Module = () =>
  async function audit(app) {
    app.get(
      '/audit-events',
      {
        config: { access: { action: 'audit:read' } },
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log (newest first)',
          querystring: AuditListQuery,
          response: { 200: page(AuditEvent) },
        },
      },
      async (request) => listAuditEvents(request.ctx, request.query),
    );
  };
