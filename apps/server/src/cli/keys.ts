import { secretsAtRest } from '../secrets-at-rest';
import { systemActor } from '../platform/audit/record';
import { assertKeysHeld, sealSecretsAtRest } from '../platform/secrets/at-rest';
import { prependNewKey } from '../platform/secrets/key-file';
import { createKeyring, processKeyring, useKeyring, type Keyring } from '../platform/secrets/keyring';
import { inTransaction } from '../platform/tx';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

/**
 * `mamori keys rotate`: every secret kept in the database (TOTP seeds, SSO client secrets, the PSIRT key, sealed
 * mails) is re-sealed under a new master key, row by row while the servers keep running. With the data directory's
 * key file, a new key is generated and written first (the old ones kept after it); a running server on that file
 * reads it again when it meets the new key. With MAMORI_SECRET_KEY, the operator puts the new key first (`new,old`,
 * on every process, docs/deploy.md) and the command re-seals under it. Older keys stay needed for the audit events
 * they keyed and for backups made under them.
 */
export const keysRotateCommand: Command = {
  words: ['keys', 'rotate'],
  args: '',
  summary:
    're-seal every secret in the database under a new master key (key file: one is generated; MAMORI_SECRET_KEY: its first key)',
  options: {},
  async run({ io, config }) {
    const cfg = config();
    return withDatabase(cfg, async ({ db }) => {
      let ring: Keyring;
      if (cfg.secretKeys.length) {
        ring = useKeyring(createKeyring(cfg.secretKeys, 'MAMORI_SECRET_KEY'));
        await assertKeysHeld(db, ring, secretsAtRest); // every key a stored secret names, before writing anything
        io.out(`MAMORI_SECRET_KEY: re-sealing under its first key ${ring.current.id}`);
      } else {
        await assertKeysHeld(db, processKeyring(), secretsAtRest); // the key file's keys (withDatabase installed them)
        const { file, keys } = prependNewKey(cfg.dataDir);
        ring = useKeyring(createKeyring(keys, file));
        io.out(`new master key ${ring.current.id} written first in ${file}; older keys kept after it for reading`);
      }
      const written = await sealSecretsAtRest(db, ring, secretsAtRest);
      await inTransaction({ db, actor: systemActor('cli'), principal: null }, (_tx, audit) =>
        audit({ action: 'secrets.rotate', targetType: 'master_key', targetId: ring.current.id, after: { resealed: written } }),
      );
      for (const [place, n] of Object.entries(written)) io.out(`  ${place}: ${n} re-sealed`);
      const older = ring.all.slice(1).map((k) => k.id);
      io.out(
        `OK: every secret in ${describeTarget(cfg)} is under key ${ring.current.id}` +
          (older.length ? `; keep ${older.join(', ')} for the audit events and backups made under them` : ''),
      );
      return 0;
    });
  },
};
