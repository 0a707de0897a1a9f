import { GroupIncident, GroupIncidentListQuery, GroupIncidentSharing, GroupIncidentSharingSetting } from '@mamori/contracts';
import { z } from 'zod';
import { etagOf, ifMatch, IfMatchHeaders } from '../../../platform/http/etag';
import type { Module } from '../../../platform/http/module';
import { effectiveSetting, saveSetting } from '../../../platform/settings/effective';
import { inTransaction } from '../../../platform/tx';
import { listGroupIncidents } from './board';
import { groupIncidentSharingSetting } from './setting';

/**
 * The holding CSIRT's board of the companies' incidents shared upward (issue #22), and the holding's rule for what
 * is shared. Readers: holders of group-incidents:read (CSIRT, offices, CISO), within their scope — a company's CSIRT
 * sees its own company's shared cases, never a sister company's. The rule is the group security office's.
 */
export const groupIncidentsModule: Module = () =>
  async function groupIncidents(app) {
    const tags = ['incidents'];
    const read = { access: { action: 'group-incidents:read' as const } };
    app.get(
      '/group-incidents',
      {
        config: read,
        schema: {
          tags,
          summary: "The companies' incidents shared with the holding: only type, severity, status, summary and clocks",
          querystring: GroupIncidentListQuery,
          response: { 200: z.array(GroupIncident) },
        },
      },
      (req) => listGroupIncidents(req.ctx, req.query),
    );
    app.get(
      '/settings/group-incident-sharing',
      {
        config: { ...read, etag: 'version' },
        schema: { tags, summary: "The holding's sharing rule", response: { 200: GroupIncidentSharingSetting } },
      },
      async (req, reply) => {
        const value = await effectiveSetting(req.ctx.db, groupIncidentSharingSetting);
        return reply.header('etag', etagOf(value.version)).send(value);
      },
    );
    app.put(
      '/settings/group-incident-sharing',
      {
        config: { access: { action: 'settings:manage' as const }, etag: 'version' },
        schema: {
          tags,
          summary: "Save the holding's sharing rule (severity threshold, named types, personal data, regulatory clocks)",
          headers: IfMatchHeaders,
          body: GroupIncidentSharing,
          response: { 200: GroupIncidentSharingSetting },
        },
      },
      async (req, reply) => {
        const saved = await inTransaction(req.ctx, (tx, audit) =>
          saveSetting(tx, audit, groupIncidentSharingSetting, req.body, {
            by: req.ctx.principal?.userId ?? null,
            expected: ifMatch(req),
          }),
        );
        return reply.header('etag', etagOf(saved.version)).send(saved);
      },
    );
  };
