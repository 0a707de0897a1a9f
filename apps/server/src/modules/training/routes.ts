import {
  Assignment,
  AssignmentDetail,
  AssignmentListQuery,
  AttemptResult,
  Completion,
  CompletionQuery,
  Course,
  CourseListItem,
  CreateCourseBody,
  CreateSelfCheckBody,
  Curriculum,
  CurriculumBody,
  IdParams,
  MyPledge,
  Ok,
  page,
  Pledge,
  PledgeBody,
  PledgeRateRow,
  PledgeUnitQuery,
  RunCurriculumResult,
  SelfCheck,
  SelfCheckAnswerBody,
  SelfCheckAnswerResult,
  SelfCheckListQuery,
  SelfCheckResultRow,
  SignPledgeBody,
  SubmitAttemptBody,
  UnsignedPerson,
  UpdateCourseBody,
} from '@mamori/contracts';
import { z } from 'zod';
import { ifMatch, IfMatchHeaders } from '../../platform/http/etag';
import type { Module } from '../../platform/http/module';
import { certificatePdf } from './assignments/certificate';
import { courseImageRoutes } from './courses/image-routes';
import { completion } from './assignments/completion';
import { assignmentDetail, listAssignments, myAssignments } from './assignments/read';
import { completeCourse, submitAttempt } from './assignments/take';
import {
  attachPdf,
  coursePdf,
  createCourse,
  getCourse,
  listCourses,
  PDF_LIMIT,
  publishCourse,
  updateCourse,
} from './courses/courses';
import { createCurriculum, getCurriculum, listCurricula, runCurriculum, updateCurriculum } from './curricula/curricula';
import { currentPledges, myPledge, pledgeRates, publishPledge, signPledge, unsignedPeople } from './pledges/pledges';
import { answerSelfCheck, createSelfCheck, getSelfCheck, listSelfChecks, selfCheckResults } from './self-check/self-check';
import { loadAssignment } from './assignments/read';
import { notFound } from '../../platform/errors/app-error';
import { rawBody } from '../../platform/files/raw-body';

const LangQuery = z.object({ lang: z.enum(['ja', 'en']).default('ja') }).strict();
const AttachQuery = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      // eslint-disable-next-line no-control-regex -- refusing control characters in a file name is the point
      .regex(/^[^/\\\u0000-\u001f]+$/),
  })
  .strict();
const RunBody = z.object({ personIds: z.array(z.uuid()).min(1).max(1000).optional() }).strict();

/**
 * Training (issue #13): courses, curricula, assignments (my training, taking a course, certificates, completion),
 * pledges and self-checks. Everyone internal takes their own (training:take); training:read shows completion in
 * scope; training:manage edits courses, curricula, pledge texts and campaigns.
 */
export const trainingModule: Module = () =>
  async function trainingRoutes(app) {
    const tags = ['training'];
    const take = { access: { action: 'training:take' as const } };
    const read = { access: { action: 'training:read' as const } };
    const manage = { access: { action: 'training:manage' as const } };

    // Courses
    await app.register(courseImageRoutes);
    app.get('/courses', { config: manage, schema: { tags, response: { 200: z.array(CourseListItem) } } }, (req) =>
      listCourses(req.ctx.db),
    );
    app.post(
      '/courses',
      {
        config: manage,
        schema: { tags, summary: 'Create a course (a draft first version)', body: CreateCourseBody, response: { 201: Course } },
      },
      async (req, reply) => reply.code(201).send(await createCourse(req.ctx, req.body)),
    );
    app.get(
      '/courses/:id',
      { config: { ...manage, etag: true }, schema: { tags, params: IdParams, response: { 200: Course } } },
      (req) => getCourse(req.ctx, req.params.id),
    );
    app.put(
      '/courses/:id',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Edit a course: a draft changes in place, a published version is kept and the edit becomes the next version',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateCourseBody,
          response: { 200: Course },
        },
      },
      (req) => updateCourse(req.ctx, req.params.id, req.body, ifMatch(req)),
    );
    app.post(
      '/courses/:id/publish',
      {
        config: { ...manage, etag: true },
        schema: {
          tags,
          summary: 'Publish the latest draft version',
          params: IdParams,
          headers: IfMatchHeaders,
          response: { 200: Course },
        },
      },
      (req) => publishCourse(req.ctx, req.params.id, ifMatch(req)),
    );
    app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: PDF_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    app.put(
      '/courses/:id/attachment',
      {
        config: manage,
        bodyLimit: PDF_LIMIT,
        schema: {
          tags,
          summary: 'Attach a PDF to a course (the body is the file, application/pdf, at most 10 MB)',
          params: IdParams,
          querystring: AttachQuery,
          consumes: ['application/pdf'],
          response: { 200: Course },
        },
      },
      (req) => attachPdf(req.ctx, req.params.id, req.query.name, rawBody(req.body)),
    );

    // Curricula
    app.get('/curricula', { config: manage, schema: { tags, response: { 200: z.array(Curriculum) } } }, (req) =>
      listCurricula(req.ctx.db),
    );
    app.post(
      '/curricula',
      { config: manage, schema: { tags, body: CurriculumBody, response: { 201: Curriculum } } },
      async (req, reply) => reply.code(201).send(await createCurriculum(req.ctx, req.body)),
    );
    app.get('/curricula/:id', { config: manage, schema: { tags, params: IdParams, response: { 200: Curriculum } } }, (req) =>
      getCurriculum(req.ctx.db, req.params.id),
    );
    app.put(
      '/curricula/:id',
      { config: manage, schema: { tags, params: IdParams, body: CurriculumBody, response: { 200: Curriculum } } },
      (req) => updateCurriculum(req.ctx, req.params.id, req.body, undefined),
    );
    app.post(
      '/curricula/:id/run',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Assign now: to everyone the rule reaches, or to the people named (personal-data handlers)',
          params: IdParams,
          body: RunBody,
          response: { 200: RunCurriculumResult },
        },
      },
      (req) => runCurriculum(req.ctx, req.params.id, req.body.personIds),
    );

    // Assignments
    app.get(
      '/training-assignments',
      {
        config: take,
        schema: {
          tags,
          summary: 'My assignments (mine=1), or those in my training:read scope',
          querystring: AssignmentListQuery,
          response: { 200: page(Assignment) },
        },
      },
      (req) => listAssignments(req.ctx, req.query),
    );
    app.get('/me/training', { config: take, schema: { tags, response: { 200: z.array(Assignment) } } }, (req) =>
      myAssignments(req.ctx),
    );
    app.get(
      '/training-assignments/:id',
      { config: take, schema: { tags, params: IdParams, response: { 200: AssignmentDetail } } },
      (req) => assignmentDetail(req.ctx, req.params.id),
    );
    app.post(
      '/training-assignments/:id/attempts',
      {
        config: take,
        schema: {
          tags,
          summary: 'Submit quiz answers: scored here',
          params: IdParams,
          body: SubmitAttemptBody,
          response: { 200: AttemptResult },
        },
      },
      (req) => submitAttempt(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/training-assignments/:id/complete',
      {
        config: take,
        schema: { tags, summary: 'Mark a course without a quiz as read', params: IdParams, response: { 200: Ok } },
      },
      (req) => completeCourse(req.ctx, req.params.id),
    );
    app.get(
      '/training-assignments/:id/certificate',
      { config: take, schema: { tags, summary: 'Completion certificate (PDF)', params: IdParams, querystring: LangQuery } },
      async (req, reply) => {
        const { pdf, name } = await certificatePdf(req.ctx, req.params.id, req.query.lang);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
      },
    );
    app.get(
      '/training-assignments/:id/attachment',
      { config: take, schema: { tags, summary: "The course's attached PDF", params: IdParams } },
      async (req, reply) => {
        const { row } = await loadAssignment(req.ctx, req.params.id);
        const f = await coursePdf(req.ctx.db, row.courseId);
        if (!f) throw notFound();
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .send(f.content);
      },
    );
    app.get(
      '/training-completion',
      {
        config: read,
        schema: {
          tags,
          summary: 'Completion and scores per unit or site',
          querystring: CompletionQuery,
          response: { 200: Completion },
        },
      },
      (req) => completion(req.ctx, req.query),
    );

    // Pledges
    app.get('/pledges', { config: take, schema: { tags, summary: 'My pledge', response: { 200: MyPledge } } }, (req) =>
      myPledge(req.ctx),
    );
    app.get('/pledges/texts', { config: manage, schema: { tags, response: { 200: z.array(Pledge) } } }, (req) =>
      currentPledges(req.ctx.db),
    );
    app.post(
      '/pledges',
      {
        config: manage,
        schema: { tags, summary: 'Publish a new version of a pledge text', body: PledgeBody, response: { 201: Pledge } },
      },
      async (req, reply) => reply.code(201).send(await publishPledge(req.ctx, req.body)),
    );
    app.post(
      '/pledges/sign',
      { config: take, schema: { tags, summary: 'Sign the current pledge', body: SignPledgeBody, response: { 200: MyPledge } } },
      (req) => signPledge(req.ctx, req.body),
    );
    app.get(
      '/pledges/rates',
      { config: read, schema: { tags, querystring: PledgeUnitQuery, response: { 200: z.array(PledgeRateRow) } } },
      (req) => pledgeRates(req.ctx, req.query.unitId),
    );
    app.get(
      '/pledges/unsigned',
      { config: read, schema: { tags, querystring: PledgeUnitQuery, response: { 200: z.array(UnsignedPerson) } } },
      (req) => unsignedPeople(req.ctx, req.query.unitId),
    );

    // Self-checks
    app.get(
      '/self-checks',
      { config: take, schema: { tags, querystring: SelfCheckListQuery, response: { 200: z.array(SelfCheck) } } },
      (req) => listSelfChecks(req.ctx, !!req.query.mine),
    );
    app.post(
      '/self-checks',
      { config: manage, schema: { tags, body: CreateSelfCheckBody, response: { 201: SelfCheck } } },
      async (req, reply) => reply.code(201).send(await createSelfCheck(req.ctx, req.body)),
    );
    app.get('/self-checks/:id', { config: take, schema: { tags, params: IdParams, response: { 200: SelfCheck } } }, (req) =>
      getSelfCheck(req.ctx, req.params.id),
    );
    app.post(
      '/self-checks/:id/responses',
      { config: take, schema: { tags, params: IdParams, body: SelfCheckAnswerBody, response: { 200: SelfCheckAnswerResult } } },
      (req) => answerSelfCheck(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/self-checks/:id/results',
      { config: read, schema: { tags, params: IdParams, response: { 200: z.array(SelfCheckResultRow) } } },
      (req) => selfCheckResults(req.ctx, req.params.id),
    );
  };
