import { AuditEvent, AuditExportQuery, AuditListQuery, page } from '@mamori/contracts';
import type { Module } from '../../platform/http/module';
import { exportAuditEvents } from './export';
import { listAuditEvents } from './service';

export const auditModule: Module = () =>
  async function audit(app) {
    const read = { access: { action: 'audit:read' as const } };
    app.get(
      '/audit-events',
      {
        config: read,
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log (newest first; `sort=at` oldest first)',
          querystring: AuditListQuery,
          response: { 200: page(AuditEvent) },
        },
      },
      async (request) => listAuditEvents(request.ctx, request.query),
    );
    app.get(
      '/audit-events/export',
      {
        config: read,
        schema: {
          tags: ['audit'],
          summary: 'The audit log (the same scope, filters and order) as CSV or XLSX',
          description:
            "`format=csv|xlsx`, headers in `lang` (default: the reader's), times in `tz` (default Asia/Tokyo). At " +
            'most 100,000 rows: a longer list ends with a row saying it was cut there. Before/after records are not exported.',
          querystring: AuditExportQuery,
        },
      },
      (request, reply) => exportAuditEvents(request.ctx, reply, request.query),
    );
  };
