import type { PartnerUserBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../../config';
import { newSecret, sha256 } from '../../../platform/auth/secrets';
import { activationTokens, roleAssignments, users } from '../../../platform/auth/tables';
import { queueMail } from '../../../platform/mail/outbox';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { auditTarget, loadPartner, partnerScope } from '../access';
import { conflict } from '../errors';
import { msg, fieldError } from '../../../platform/errors/app-error';

const ACTIVATION_DAYS = 7;

/**
 * Invites a user of the partner to the portal: an external account tied to the company, holding only the
 * partner role, with a one-time activation link mailed to them (the same activation as internal accounts).
 */
export function invitePartnerUser(ctx: Ctx, config: Config, partnerId: string, body: z.infer<typeof PartnerUserBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const partner = await loadPartner(tx, partnerScope(ctx, 'partners:manage'), partnerId);
    const email = body.email.toLowerCase();
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw conflict(msg('account.email_exists'), [fieldError('body.email', 'account.email_in_use')]);
    const [user] = await tx
      .insert(users)
      .values({ email, name: body.name, kind: 'partner', partnerId, language: body.language, lastActiveAt: new Date() })
      .returning();
    await tx
      .insert(roleAssignments)
      .values({ userId: user!.id, role: 'partner_user', orgUnitId: null, createdBy: ctx.actor.userId });
    const token = newSecret();
    await tx
      .insert(activationTokens)
      .values({ tokenHash: sha256(token), userId: user!.id, expiresAt: new Date(Date.now() + ACTIVATION_DAYS * 86_400_000) });
    await audit({ action: 'user.create', ...auditTarget('user', user!.id), after: { email, partnerId, role: 'partner_user' } });
    const activationUrl = `${config.publicUrl}/activate?token=${token}`;
    await queueMail(tx, {
      to: email,
      subject: { ja: `[Mamori] ${partner.nameJa} 様 取引先ポータルのご案内`, en: `[Mamori] Partner portal invitation` },
      body: {
        ja: `次のリンクからパスワードを設定してください (${ACTIVATION_DAYS} 日間有効)。\n\n${activationUrl}`,
        en: `Set your password with this link (valid ${ACTIVATION_DAYS} days):\n\n${activationUrl}`,
      },
      secret: true, // the link sets the password: sealed at rest
    });
    return { userId: user!.id, activationUrl };
  });
}
