import { join } from 'node:path';
import { z } from 'zod';
import { parseSecretKeyList } from './platform/secrets/master-key';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MAMORI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.url().optional(),
  MAMORI_PUBLIC_URL: z.url().optional(),
  MAMORI_WEB_DIST: z.string().optional(),
  MAMORI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAMORI_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  MAMORI_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  MAMORI_SMTP_URL: z.url().optional(),
  MAMORI_MAIL_FROM: z.string().default('Mamori <mamori@localhost>'),
  MAMORI_SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** hits a minute per address on the drill tracking links (an office behind one NAT address clicks through them) */
  MAMORI_DRILL_LINK_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** SCIM requests a minute per client address and route (an identity provider's full sync fits in the default) */
  MAMORI_SCIM_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
  MAMORI_JOBS: z.enum(['on', 'off']).default('on'),
  MAMORI_PSIRT_NAME: z.string().min(1).max(200).default('Mamori PSIRT'),
  MAMORI_PSIRT_CONTACT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https:// URI')
    .optional(),
  MAMORI_CNA_ORG_ID: z.uuid().optional(),
  MAMORI_PSIRT_PGP_KEY_FILE: z.string().optional(),
  MAMORI_PSIRT_PGP_PASSPHRASE: z.string().optional(),
  MAMORI_SECRET_KEY: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const parsed = v === undefined ? [] : parseSecretKeyList(v);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
  MAMORI_AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** bearer token of the Prometheus scrape at /metrics; unset: no /metrics */
  /** Hosts (names or addresses, comma-separated) Mamori may call although they are local or private, e.g. an internal CSAF mirror (platform/net/outbound.ts). */
  MAMORI_OUTBOUND_ALLOW_HOSTS: z.string().default(''),
  MAMORI_METRICS_TOKEN: z.string().min(24, 'at least 24 characters (e.g. `openssl rand -hex 24`)').optional(),
  MAMORI_AUDIT_CHECKPOINT_WEBHOOK: z
    .url()
    .regex(/^https?:\/\//, 'an http:// or https:// URL')
    .optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  webDist: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  secureCookies: 'auto' | boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  signInRateLimit: number;
  drillLinkRateLimit: number;
  scimRateLimit: number;
  jobs: boolean;
  /** MAMORI_SECRET_KEY's keys (current first); empty: the key file in the data directory (platform/secrets). */
  secretKeys: Buffer[];
  /** Bearer token for `/metrics` (platform/metrics); undefined: metrics off. */
  metricsToken: string | undefined;
  /** MAMORI_OUTBOUND_ALLOW_HOSTS */
  outboundAllowHosts: string[];
  /** Where the audit chain's head is anchored outside the database (platform/audit/checkpoint.ts). */
  auditCheckpoint: { dir: string; webhook: string | undefined };
  /** Product security: the publisher of advisories, security.txt's Contact, the CNA's org id in CVE records. */
  psirt: {
    name: string;
    contact: string | undefined;
    cnaOrgId: string | undefined;
    /** an armored OpenPGP private key for encrypted reports; without it, one is generated on first use */
    pgpKeyFile: string | undefined;
    pgpPassphrase: string | undefined;
  };
};

/** Reads the environment once; on bad values throws one error listing every variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means "no database URL").
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.MAMORI_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.MAMORI_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    webDist: e.MAMORI_WEB_DIST,
    logLevel: e.MAMORI_LOG_LEVEL,
    trustProxy: e.MAMORI_TRUST_PROXY === 'true',
    secureCookies: e.MAMORI_SECURE_COOKIES === 'auto' ? 'auto' : e.MAMORI_SECURE_COOKIES === 'true',
    smtpUrl: e.MAMORI_SMTP_URL,
    mailFrom: e.MAMORI_MAIL_FROM,
    signInRateLimit: e.MAMORI_SIGNIN_RATE_LIMIT,
    drillLinkRateLimit: e.MAMORI_DRILL_LINK_RATE_LIMIT,
    scimRateLimit: e.MAMORI_SCIM_RATE_LIMIT,
    jobs: e.MAMORI_JOBS === 'on',
    secretKeys: e.MAMORI_SECRET_KEY ? (parseSecretKeyList(e.MAMORI_SECRET_KEY) as Buffer[]) : [],
    metricsToken: e.MAMORI_METRICS_TOKEN,
    outboundAllowHosts: e.MAMORI_OUTBOUND_ALLOW_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    auditCheckpoint: {
      dir: e.MAMORI_AUDIT_CHECKPOINT_DIR ?? join(e.MAMORI_DATA_DIR, 'audit-checkpoints'),
      webhook: e.MAMORI_AUDIT_CHECKPOINT_WEBHOOK,
    },
    psirt: {
      name: e.MAMORI_PSIRT_NAME,
      contact: e.MAMORI_PSIRT_CONTACT,
      cnaOrgId: e.MAMORI_CNA_ORG_ID,
      pgpKeyFile: e.MAMORI_PSIRT_PGP_KEY_FILE,
      pgpPassphrase: e.MAMORI_PSIRT_PGP_PASSPHRASE,
    },
  };
}
