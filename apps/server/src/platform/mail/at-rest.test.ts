import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { startSmtpCounter } from '../../test/processes';
import { testConfig } from '../../test/app';
import { sealSecretsAtRest } from '../secrets/at-rest';
import { createKeyring, MissingKeyError, processKeyring } from '../secrets/keyring';
import { SealError } from '../secrets/seal';
import { mailSecretsAtRest } from './at-rest';
import { deliverMail, mailBody, queueMail } from './outbox';
import { mailOutbox } from './tables';

const LINK = 'https://mamori.example/activate?token=very-secret-activation-token';
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const rowTo = async (to: string) => (await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0]!;

describe('mails that carry an activation link, at rest', () => {
  it('are stored sealed under the current key; other mails stay in clear', async () => {
    await queueMail(database.db, { to: 'new@example.test', subject: 'Activate', body: `Set it: ${LINK}`, secret: true });
    await queueMail(database.db, { to: 'plain@example.test', subject: 'Reminder', body: 'Nothing secret' });
    const sealed = await rowTo('new@example.test');
    expect(sealed.body).not.toContain('very-secret-activation-token');
    expect(sealed.body).toMatch(/^v1\./);
    expect(sealed.sealedKeyId).toBe(processKeyring().current.id);
    expect(mailBody(sealed)).toBe(`Set it: ${LINK}`);
    expect(await rowTo('plain@example.test')).toMatchObject({ body: 'Nothing secret', sealedKeyId: null });
  });

  it('are sent in clear to the SMTP server', async () => {
    const smtp = await startSmtpCounter();
    try {
      const row = await rowTo('new@example.test');
      const log = { info: () => undefined } as never;
      await deliverMail.handler({ id: row.id }, { db: database.db, config: testConfig({ MAMORI_SMTP_URL: smtp.url }), log });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.replace(/=\r?\n/g, '').replace(/=3D/g, '=')).toContain(LINK);
      expect((await rowTo('new@example.test')).status).toBe('sent');
    } finally {
      await smtp.close();
    }
  });

  it('a body copied to another mail does not open there', async () => {
    const sealed = await rowTo('new@example.test');
    const other = await rowTo('plain@example.test');
    expect(() => mailBody({ id: other.id, body: sealed.body, sealedKeyId: sealed.sealedKeyId })).toThrow(SealError);
  });

  it('are re-sealed under a new key kept first, and refuse a start without the key that sealed them', async () => {
    const old = processKeyring();
    const next = createKeyring([Buffer.alloc(32, 7), ...old.all.map((k) => k.key)], 'test');
    expect(await sealSecretsAtRest(database.db, next, [mailSecretsAtRest])).toEqual({ 'mail_outbox.body': 1 });
    const row = await rowTo('new@example.test');
    expect(row.sealedKeyId).toBe(next.current.id);
    expect(row.body.split('.')[1]).toBe(next.current.id);
    await expect(sealSecretsAtRest(database.db, old, [mailSecretsAtRest])).rejects.toThrow(MissingKeyError);
    await expect(sealSecretsAtRest(database.db, old, [mailSecretsAtRest])).rejects.toThrow(
      new RegExp(`mail_outbox.body is protected by key ${next.current.id}`),
    );
  });
});
