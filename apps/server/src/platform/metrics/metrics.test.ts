import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, type TestApp } from '../../test/app';
import { queueMail } from '../mail/outbox';

const TOKEN = 'metrics-token-for-tests-0123456789';

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAMORI_METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('refuses a scrape without the token, or with another one (401 problem)', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await scrape(auth);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ detailCode: 'problem.metrics_token' });
      expect(res.body).not.toContain('mamori_');
    }
  });

  it('answers request durations by route template, the job queue, the outbox and the pool', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    await t.app.inject({ method: 'GET', url: '/api/org-units/00000000-0000-4000-8000-000000000000' });
    await queueMail(t.database.db, { to: 'metrics@example.test', subject: 'Backlog', body: 'one' });
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/mamori_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status_code="200"\} 1/);
    // the template, never the id: one series per route whatever the ids
    expect(text).toContain('route="/api/org-units/:id",status_code="401"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(text).toMatch(/mamori_jobs\{status="queued"\} 1/); // the mail's delivery job
    expect(text).toMatch(/mamori_mail_outbox_backlog 1/);
    expect(text).toMatch(/mamori_jobs_oldest_due_age_seconds \d/);
    expect(text).toContain('mamori_process_resident_memory_bytes');
    if (t.database.kind === 'postgres') expect(text).toMatch(/mamori_db_pool_connections\{state="total"\} [1-9]/);
  });

  it('does not exist without MAMORI_METRICS_TOKEN', async () => {
    const off = await createTestApp();
    try {
      expect((await off.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('refuses a token shorter than 24 characters at start', () => {
    expect(() => loadConfig({ MAMORI_METRICS_TOKEN: 'short' })).toThrow(/MAMORI_METRICS_TOKEN: at least 24/);
  });
});
