import { z } from 'zod';
import { createAdmin } from '../modules/auth/users';
import { systemActor } from '../platform/audit/record';
import { inTransaction } from '../platform/tx';
import { UsageError, usageOf, type Command } from './command';
import { withDatabase } from './db';

export const adminCreateCommand: Command = {
  words: ['admin', 'create'],
  args: '--email E --password P [--name N]',
  summary: 'create an administrator (system_admin, whole group)',
  options: { email: 'required', password: 'required', name: 'optional' },
  async run({ options, io, config }) {
    const email = options.email!.trim();
    if (!z.email().safeParse(email).success) throw new UsageError(`--email '${email}' is not an e-mail address`, usageOf(this));
    const name = options.name?.trim() || email.split('@')[0]!;
    const user = await withDatabase(config(), ({ db }) =>
      inTransaction({ db, actor: systemActor('cli'), principal: null }, (tx, audit) =>
        createAdmin(tx, audit, { email, password: options.password!, name }),
      ),
    );
    io.out(`Created administrator ${user.email} (${user.name}).`);
    return 0;
  },
};
