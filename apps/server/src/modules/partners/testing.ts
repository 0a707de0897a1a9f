import type { FastifyInstance } from 'fastify';
import { as, json, type TestUser } from '../../test/app';

/** Test helpers of the partner module: a partner body, and a partner created through the API. */
export const partnerBody = (n: string, over: Record<string, unknown> = {}) => ({
  nameJa: `取引先 ${n}`,
  nameEn: `Partner ${n}`,
  corporateNumber: null,
  country: 'JP',
  shares: { papers: true, digitized: false, embodiments: false, knowHow: false, strictlyConfidential: false },
  ...over,
});

export async function makePartner(app: FastifyInstance, office: TestUser, n: string, over: Record<string, unknown> = {}) {
  const res = await as(app, office).post('/api/partners', partnerBody(n, over));
  if (res.statusCode !== 201) throw new Error(`partner ${n}: ${res.statusCode} ${res.body}`);
  return json<{ id: string; tier: string }>(res);
}

export interface AssessmentView {
  id: string;
  status: string;
  score: number | null;
  scores: Record<string, number | null>;
  threshold: number | null;
  passed: boolean | null;
  catalogVersion: number;
  items: { requirementId: string; value: string | null; critical: boolean }[];
}

/** Answers every requirement of a check sheet with `value` and submits it, as the partner user. */
export async function answerAndSubmit(app: FastifyInstance, user: TestUser, id: string, value = 'implemented') {
  const sheet = json<AssessmentView>(await as(app, user).get(`/api/partner-assessments/${id}`));
  const answers = sheet.items.map((i) => ({ requirementId: i.requirementId, value }));
  const put = await as(app, user).put(`/api/partner-assessments/${id}/answers`, { answers });
  if (put.statusCode !== 200) throw new Error(`answers: ${put.statusCode} ${put.body}`);
  const res = await as(app, user).post(`/api/partner-assessments/${id}/submit`);
  if (res.statusCode !== 200) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  return json<AssessmentView>(res);
}
