import { createHash, randomBytes } from 'node:crypto';
import type { Drill } from '@mamori/contracts';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { conflict, fieldError, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { defineJob } from '../../../platform/jobs/define';
import { enqueue } from '../../../platform/jobs/queue';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadDrill, targetedPeople, type Target } from './design';
import { renderMail } from './mail';
import { drills, drillTemplates } from './tables';

export const SEND_BATCH = 200;
/** A claimed mail whose sender died is claimed again (with a new token) after this long. */
const CLAIM_LEASE = "interval '5 minutes'";

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Queues a draft drill: one set-based INSERT … SELECT writes a row per targeted person, each with a template
 * (round robin in a random order) and a send time spread evenly over the window. No recipient: 422, nothing
 * changed. The `drills.send` job is enqueued for the window's start.
 */
export async function queueDrill(ctx: Ctx, id: string, expected: Precondition): Promise<Drill> {
  await inTransaction(ctx, async (tx, audit) => {
    const d = await loadForUpdate(
      tx,
      drills,
      id,
      async () => (await tx.select().from(drills).where(eq(drills.id, id)))[0],
      expected,
    );
    if (!d) throw notFound();
    if (d.status !== 'draft') throw conflict(msg('drill.not_draft'));
    const n = await insertRecipients(tx, d);
    if (n === 0) throw unprocessable(msg('drill.no_recipients'), [fieldError('body.targets', 'drill.no_recipients')]);
    await tx
      .update(drills)
      .set({ status: 'queued', queuedAt: new Date(), recipientCount: n, updatedAt: new Date() })
      .where(eq(drills.id, id));
    await enqueue(tx, sendDrillMails, {}, { runAt: d.windowStart });
    await audit({
      action: 'drill.queue',
      targetType: 'drill',
      targetId: id,
      before: { status: d.status },
      after: { status: 'queued', recipients: n },
    });
  });
  return loadDrill(ctx.db, id);
}

/**
 * One set-based INSERT … SELECT: a row per targeted person, each with a template (round robin in an order fixed by
 * the drill) and a send time spread evenly over the window. Returns how many rows it wrote.
 */
export async function insertRecipients(tx: Db, d: typeof drills.$inferSelect): Promise<number> {
  const id = d.id;
  const templates = (
    await tx
      .select({ id: drillTemplates.id })
      .from(drillTemplates)
      .where(eq(drillTemplates.drillId, id))
      .orderBy(drillTemplates.position)
  ).map((t) => t.id);
  const tplArray = `{${templates.join(',')}}`;
  const inserted = await queryRows<{ n: string | number }>(
    tx,
    sql`WITH sel AS (${targetedPeople(d.targets as Target[])}),
        ordered AS (
          SELECT sel.*, row_number() OVER (ORDER BY md5(sel.person_id::text || ${id}::text)) AS rn, count(*) OVER () AS total
          FROM sel
        ),
        ins AS (
          INSERT INTO drill_recipients (drill_id, template_id, person_id, email, lang, unit_id, unit_path, role_group, send_at)
          SELECT ${id}::uuid, (${tplArray}::uuid[])[1 + ((rn - 1) % ${templates.length}::int)], person_id, email, lang, unit_id,
                 unit_path, role_group,
                 ${d.windowStart.toISOString()}::timestamptz
                   + ((rn - 1)::float8 / total::float8) * ${d.windowHours}::int * interval '1 hour'
          FROM ordered
          RETURNING 1
        )
        SELECT count(*) AS n FROM ins`,
  );
  return Number(inserted[0]?.n ?? 0);
}

/** Cancels a drill that is not finished: the mails not yet sent are never sent. */
export async function cancelDrill(ctx: Ctx, id: string, expected: Precondition): Promise<Drill> {
  await inTransaction(ctx, async (tx, audit) => {
    const d = await loadForUpdate(
      tx,
      drills,
      id,
      async () => (await tx.select().from(drills).where(eq(drills.id, id)))[0],
      expected,
    );
    if (!d) throw notFound();
    if (d.status === 'done' || d.status === 'cancelled') throw conflict(msg('drill.finished'));
    await tx.update(drills).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(drills.id, id));
    await audit({
      action: 'drill.cancel',
      targetType: 'drill',
      targetId: id,
      before: { status: d.status },
      after: { status: 'cancelled' },
    });
  });
  return loadDrill(ctx.db, id);
}

interface Claimed {
  id: string;
  email: string;
  lang: 'ja' | 'en';
  name_ja: string;
  name_en: string;
  report_link: boolean;
  sender_name: string;
  subject: string;
  body: string;
  attachment_name: string | null;
}

/**
 * Claims up to one batch of due mails of queued drills and gives each a fresh random token (its SHA-256 stored),
 * in one short statement: the sending happens outside any transaction, so PGlite's one connection stays free.
 */
async function claimBatch(db: Db): Promise<(Claimed & { token: string })[]> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const due = await queryRows<Claimed>(
      tx,
      sql`SELECT r.id, r.email, r.lang, p.name_ja, p.name_en, d.report_link,
                 CASE WHEN r.lang = 'en' THEN t.sender_name_en ELSE t.sender_name_ja END AS sender_name,
                 CASE WHEN r.lang = 'en' THEN t.subject_en ELSE t.subject_ja END AS subject,
                 CASE WHEN r.lang = 'en' THEN t.body_en ELSE t.body_ja END AS body,
                 t.attachment_name
          FROM drill_recipients r
          JOIN drills d ON d.id = r.drill_id AND d.status = 'queued'
          JOIN drill_templates t ON t.id = r.template_id
          JOIN people p ON p.id = r.person_id
          WHERE r.sent_at IS NULL AND r.failed_at IS NULL AND r.send_at <= now()
            AND (r.claimed_at IS NULL OR r.claimed_at < now() - ${sql.raw(CLAIM_LEASE)})
          ORDER BY r.send_at
          LIMIT ${SEND_BATCH}
          FOR UPDATE OF r SKIP LOCKED`,
    );
    if (!due.length) return [];
    const withTokens = due.map((r) => ({ ...r, token: randomBytes(24).toString('base64url') }));
    const values = sql.join(
      withTokens.map((r) => sql`(${r.id}::uuid, ${hashToken(r.token)}::text)`),
      sql`, `,
    );
    await tx.execute(
      sql`UPDATE drill_recipients r SET token_hash = v.h, claimed_at = now() FROM (VALUES ${values}) AS v(id, h) WHERE r.id = v.id`,
    );
    return withTokens;
  });
}

async function stamp(db: Db, done: { id: string; error: string | null }[]) {
  if (!done.length) return;
  const values = sql.join(
    done.map((d) => sql`(${d.id}::uuid, ${d.error}::text)`),
    sql`, `,
  );
  await db.execute(sql`UPDATE drill_recipients r
      SET sent_at = CASE WHEN v.e IS NULL THEN clock_timestamp() ELSE NULL END,
          failed_at = CASE WHEN v.e IS NULL THEN NULL ELSE clock_timestamp() END,
          error = v.e
      FROM (VALUES ${values}) AS v(id, e) WHERE r.id = v.id`);
}

/** A drill whose every mail is sent (or failed) is done. */
async function finishDrills(db: Db) {
  await db.execute(sql`UPDATE drills d SET status = 'done', updated_at = now()
      WHERE d.status = 'queued'
        AND NOT EXISTS (SELECT 1 FROM drill_recipients r WHERE r.drill_id = d.id AND r.sent_at IS NULL AND r.failed_at IS NULL)`);
}

/**
 * Sends the due drill mails through MAMORI_SMTP_URL, batch after batch, for at most `budgetMs`; the schedule runs
 * it every minute, so a window spread over hours is sent as it comes due. Without SMTP nothing is sent (a drill
 * must not count mails nobody received): the mails wait and the log says why.
 */
export const sendDrillMails = defineJob({
  kind: 'drills.send',
  payload: z.object({}),
  maxAttempts: 3,
  async handler(_p, { db, config, log }) {
    if (!config.smtpUrl) {
      const [due] = await queryRows<{ n: string | number }>(
        db,
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM drill_recipients r JOIN drills d ON d.id = r.drill_id AND d.status = 'queued'
            WHERE r.sent_at IS NULL AND r.failed_at IS NULL AND r.send_at <= now() LIMIT 1) x`,
      );
      if (Number(due?.n ?? 0) > 0) log.warn('drill mails are due but MAMORI_SMTP_URL is not set: nothing sent');
      return;
    }
    const transport = nodemailer.createTransport(config.smtpUrl);
    const from = config.mailFrom.replace(/^.*<(.+)>$/, '$1');
    const started = Date.now();
    try {
      while (Date.now() - started < 50_000) {
        const batch = await claimBatch(db);
        if (!batch.length) break;
        const done: { id: string; error: string | null }[] = [];
        for (const r of batch) {
          const m = renderMail(
            {
              publicUrl: config.publicUrl,
              token: r.token,
              lang: r.lang,
              reportLink: r.report_link,
              name: r.lang === 'en' ? r.name_en : r.name_ja,
            },
            { subject: r.subject, body: r.body },
            r.attachment_name,
          );
          try {
            await transport.sendMail({
              from: { name: r.sender_name, address: from },
              to: r.email,
              subject: m.subject,
              text: m.text,
              html: m.html,
              attachments: m.attachment
                ? [{ filename: m.attachment.filename, content: m.attachment.content, contentType: 'text/plain; charset=utf-8' }]
                : [],
              headers: { 'X-Mamori-Drill': '1' },
              textEncoding: 'quoted-printable',
            });
            done.push({ id: r.id, error: null });
          } catch (err) {
            done.push({ id: r.id, error: String((err as Error).message ?? err).slice(0, 300) });
          }
        }
        await stamp(db, done);
      }
      await finishDrills(db);
    } finally {
      transport.close();
    }
  },
});
