import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { openStored, sealStored, type SecretsAtRest } from '../secrets/at-rest';
import { mailBodyPlace } from './outbox';
import { mailOutbox } from './tables';

/**
 * The sealed mail bodies (activation links) for the start-up step and `mamori keys rotate`: the key ids they name,
 * and re-sealing those under an older key. Bodies in clear are ordinary mails and stay so.
 */
export const mailSecretsAtRest: SecretsAtRest = {
  name: 'mail_outbox.body',
  async keyIds(db) {
    const rows = await db
      .selectDistinct({ id: mailOutbox.sealedKeyId })
      .from(mailOutbox)
      .where(isNotNull(mailOutbox.sealedKeyId));
    return rows.map((r) => r.id!);
  },
  async sealAll(db, ring) {
    let written = 0;
    for (;;) {
      const batch = await db
        .select({ id: mailOutbox.id, body: mailOutbox.body, sealedKeyId: mailOutbox.sealedKeyId })
        .from(mailOutbox)
        .where(and(isNotNull(mailOutbox.sealedKeyId), ne(mailOutbox.sealedKeyId, ring.current.id)))
        .limit(500);
      if (!batch.length) return written;
      for (const row of batch) {
        const body = sealStored('mail', openStored('mail', row.body, mailBodyPlace(row.id), ring), mailBodyPlace(row.id), ring);
        const updated = await db
          .update(mailOutbox)
          .set({ body, sealedKeyId: ring.current.id })
          .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.body, row.body)))
          .returning({ id: mailOutbox.id });
        written += updated.length; // not written: another process re-sealed it meanwhile
      }
    }
  },
};
