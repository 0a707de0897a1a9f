import { findUserByEmail } from '../modules/auth/users';
import { issueToken } from '../modules/auth/account';
import { systemActor } from '../platform/audit/record';
import { CliError, UsageError, usageOf, type Command } from './command';
import { withDatabase } from './db';

export const tokenCreateCommand: Command = {
  words: ['token', 'create'],
  args: '--email E --name N [--days 90]',
  summary: 'create an API token for an account; the token alone is the last line of the output',
  options: { email: 'required', name: 'required', days: 'optional' },
  async run({ options, io, config }) {
    const days = options.days === undefined ? 90 : Number(options.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650)
      throw new UsageError('--days must be a whole number of days from 1 to 3650', usageOf(this));
    const name = options.name!.trim();
    if (!name) throw new UsageError('--name must not be empty', usageOf(this));
    const created = await withDatabase(config(), async ({ db }) => {
      const user = await findUserByEmail(db, options.email!.trim());
      if (!user) throw new CliError(`no account has the e-mail ${options.email}`);
      if (user.status !== 'active') throw new CliError(`the account ${user.email} is disabled`);
      return { user, ...(await issueToken({ db, actor: systemActor('cli'), principal: null }, user.id, name, days)) };
    });
    io.out(`API token "${name}" for ${created.user.email}, expires ${created.row.expiresAt.toISOString()}.`);
    io.out('It is shown only now; send it as "Authorization: Bearer <token>".');
    io.out(created.token);
    return 0;
  },
};
