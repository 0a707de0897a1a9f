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
