import {
  PublicOrganisation,
  CreateOrgUnitBody,
  CreatePersonBody,
  IdParams,
  ImportResult,
  Ok,
  OrgUnit,
  OrgUnitDetail,
  OrgUnitListQuery,
  page,
  Person,
  PersonExportQuery,
  PersonListQuery,
  UpdateOrgUnitBody,
  UpdatePersonBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { MAX_CSV_BYTES } from '../../platform/files/csv';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { companyRoutes } from './company-routes';
import { groupMailTemplateRoutes } from './group-mail-template';
import { importPeople } from './import-people';
import { publicOrganisationName } from './public-name';
import { importUnits } from './import-units';
import { createPerson, getPerson, updatePerson } from './people';
import { exportPeople } from './people-export';
import { listPeople } from './people-list';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './units';

const CsvBody = z.string().max(MAX_CSV_BYTES);

export const orgModule: Module = ({ database }) =>
  async function org(app) {
    const tags = ['org'];
    const read = { access: { action: 'org:read' as const } };
    const manage = { access: { action: 'org:manage' as const } };

    app.get(
      '/public/organisation',
      {
        config: { access: { auth: 'public' as const } },
        schema: { tags, summary: 'The name shown on the public pages', response: { 200: PublicOrganisation } },
      },
      async () => ({ name: await publicOrganisationName(database.db) }),
    );

    app.get(
      '/org-units',
      { config: read, schema: { tags, querystring: OrgUnitListQuery, response: { 200: page(OrgUnit) } } },
      (req) => listUnits(req.ctx, req.query),
    );
    app.get(
      '/org-units/:id',
      { config: { ...read, etag: true }, schema: { tags, params: IdParams, response: { 200: OrgUnitDetail } } },
      (req) => getUnit(req.ctx, req.params.id),
    );
    app.post(
      '/org-units',
      { config: manage, schema: { tags, body: CreateOrgUnitBody, response: { 201: OrgUnit } } },
      async (req, reply) => reply.code(201).send(await createUnit(req.ctx, req.body)),
    );
    app.patch(
      '/org-units/:id',
      {
        config: { ...manage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdateOrgUnitBody, response: { 200: OrgUnit } },
      },
      (req) => updateUnit(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.delete('/org-units/:id', { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
      await deleteUnit(req.ctx, req.params.id);
      return { ok: true as const };
    });
    app.post(
      '/org-units/import',
      {
        config: manage,
        bodyLimit: MAX_CSV_BYTES,
        schema: {
          tags,
          summary: 'Import org units from CSV (code,parent_code,kind,name_ja,name_en); all rows or none',
          body: CsvBody,
          consumes: ['text/csv'],
          response: { 200: ImportResult },
        },
      },
      (req) => importUnits(req.ctx, req.body),
    );

    await app.register(companyRoutes);
    await app.register(groupMailTemplateRoutes);

    const peopleRead = { access: { action: 'people:read' as const } };
    const peopleManage = { access: { action: 'people:manage' as const } };
    app.get(
      '/people',
      {
        config: peopleRead,
        schema: {
          tags,
          summary: 'List people in your scope',
          description:
            '`orgUnitId` narrows to that unit and everything under it. Each word of `q` must start a word of the romaji ' +
            'or kanji name, in any order ("sato" finds Ito Satoshi, "hiro tanaka" finds Tanaka Hiroshi, "太郎" finds ' +
            '田中 太郎), or `q` is the exact employee number; a query of more than four words matches anywhere in the ' +
            'names. Sorted by `nameEn` or `employeeNo` (prefix `-` for descending); follow `nextCursor` for the next page.',
          querystring: PersonListQuery,
          response: { 200: page(Person) },
        },
      },
      (req) => listPeople(req.ctx, req.query),
    );
    app.get(
      '/people/export',
      {
        config: peopleRead,
        schema: {
          tags,
          summary: 'The people list (the same scope, filters and sort) as CSV or XLSX',
          description:
            "`format=csv|xlsx`, headers and names in `lang` (default: the reader's), times in `tz` (default " +
            'Asia/Tokyo). At most 100,000 rows: a longer list ends with a row saying it was cut there.',
          querystring: PersonExportQuery,
        },
      },
      (req, reply) => exportPeople(req.ctx, reply, req.query),
    );
    app.get(
      '/people/:id',
      { config: { ...peopleRead, etag: true }, schema: { tags, params: IdParams, response: { 200: Person } } },
      (req) => getPerson(req.ctx, req.params.id),
    );
    app.post(
      '/people',
      { config: peopleManage, schema: { tags, body: CreatePersonBody, response: { 201: Person } } },
      async (req, reply) => reply.code(201).send(await createPerson(req.ctx, req.body)),
    );
    app.patch(
      '/people/:id',
      {
        config: { ...peopleManage, etag: true },
        schema: { tags, params: IdParams, headers: IfMatchHeaders, body: UpdatePersonBody, response: { 200: Person } },
      },
      (req) => updatePerson(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/people/import',
      {
        config: peopleManage,
        bodyLimit: MAX_CSV_BYTES,
        schema: {
          tags,
          summary: 'Import people from CSV (employee_no,name_ja,name_en,email,kind,org_code,status); all rows or none',
          body: CsvBody,
          consumes: ['text/csv'],
          response: { 200: ImportResult },
        },
      },
      (req) => importPeople(req.ctx, req.body),
    );
  };
