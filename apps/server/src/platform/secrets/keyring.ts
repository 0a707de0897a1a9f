import { hkdfSync } from 'node:crypto';
import { loadConfig, type Config } from '../../config';
import { readOrCreateKeyFile } from './key-file';
import { masterKey, type MasterKey } from './master-key';

/**
 * What a purpose key is for. Each purpose gets its own key derived from the master key (HKDF-SHA-256), so a
 * key handed to one use (a checkpoint webhook's receiver, say) says nothing about another.
 */
export type KeyPurpose = 'audit-chain' | 'audit-checkpoint' | 'backup' | 'totp' | 'psirt-key' | 'sso' | 'mail' | 'webauthn';

/** The master keys this process holds: the current one (new protections use it) and older ones (to read). */
export interface Keyring {
  current: MasterKey;
  /** current first */
  all: MasterKey[];
  /** Where the keys came from, for messages: `MAMORI_SECRET_KEY` or the key file's path. */
  source: string;
  has(keyId: string): boolean;
  /** The 32-byte key for a purpose, derived from the current master key or from the one named. */
  purposeKey(purpose: KeyPurpose, keyId?: string): Buffer;
}

/** A key is named that this process does not have. */
export class MissingKeyError extends Error {
  constructor(
    readonly keyId: string,
    what: string,
    source: string,
  ) {
    super(
      `${what} is protected by key ${keyId}, which this Mamori does not have (its keys come from ${source}): ` +
        'set MAMORI_SECRET_KEY to that key, or put its key file in the data directory',
    );
  }
}

/**
 * A keyring over the given keys (current first). With `reread` (the key file's keys), a key id it does not hold
 * makes it read the file again (at most once a second): after `mamori keys rotate` wrote a new key to the file, a
 * running server opens what is sealed under it and seals under it from then on, without a restart.
 */
export function createKeyring(keys: Buffer[], source: string, reread?: () => Buffer[]): Keyring {
  let all = keys.map(masterKey);
  let byId = new Map(all.map((k) => [k.id, k]));
  const derived = new Map<string, Buffer>();
  let lastRead = 0; // the first unknown id reads the file at once; later ones at most once a second
  const has = (id: string): boolean => {
    if (byId.has(id)) return true;
    if (reread && Date.now() - lastRead >= 1000) {
      lastRead = Date.now();
      let fresh: MasterKey[] = [];
      try {
        fresh = reread().map(masterKey);
      } catch {
        // a file being replaced or made unreadable: keep the keys held
      }
      if (fresh.some((k) => k.id === id)) {
        all = fresh;
        byId = new Map(all.map((k) => [k.id, k]));
      }
    }
    return byId.has(id);
  };
  return {
    get current() {
      return all[0]!;
    },
    get all() {
      return all;
    },
    source,
    has,
    purposeKey(purpose, keyId = all[0]!.id) {
      const cacheKey = `${keyId}/${purpose}`;
      let key = derived.get(cacheKey);
      if (!key) {
        const master = has(keyId) ? byId.get(keyId) : undefined;
        if (!master) throw new MissingKeyError(keyId, `a ${purpose} record`, source);
        key = Buffer.from(hkdfSync('sha256', master.key, 'mamori', `mamori/${purpose}/v1`, 32));
        derived.set(cacheKey, key);
      }
      return key;
    },
  };
}

/** The keys of a configuration: MAMORI_SECRET_KEY when set (config.ts validated it), else the data directory's key file. */
export function loadKeyring(config: Pick<Config, 'secretKeys' | 'dataDir'>): Keyring {
  if (config.secretKeys.length) return createKeyring(config.secretKeys, 'MAMORI_SECRET_KEY');
  const { file, keys } = readOrCreateKeyFile(config.dataDir);
  return createKeyring(keys, file, () => readOrCreateKeyFile(config.dataDir).keys);
}

let installed: Keyring | undefined;

/**
 * The process's keyring. One Mamori process serves one installation, so one keyring: the server and the CLI
 * install the one of their configuration at start (useKeyring); anything else that writes audit events
 * (bench scripts, tests) gets the one the environment names, loaded on first use.
 */
export function processKeyring(): Keyring {
  if (!installed) {
    installed = loadKeyring(loadConfig());
  }
  return installed;
}

export function useKeyring(keyring: Keyring): Keyring {
  installed = keyring;
  return keyring;
}
