import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DrillAutomatedReason } from '@mamori/contracts';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { queryStatement } from '../../../db/sql';
import { hashToken } from './queue';

export type HitKind = 'open' | 'click' | 'report';

/** A click this soon after delivery is a gateway following the link, not a person reading the mail. */
export const TOO_FAST_SECONDS = 10;
/** This many other recipients hit from one network within BURST_SECONDS: a scanner walking the mails. */
export const BURST_RECIPIENTS = 8;
export const BURST_SECONDS = 30;

/**
 * User agents of mail gateways, link scanners and previewers (lower case, matched as substrings), and of
 * programs no person reads mail with. An empty user agent counts too.
 */
const SCANNER_AGENTS = [
  'bot',
  'crawler',
  'spider',
  'preview',
  'proofpoint',
  'mimecast',
  'barracuda',
  'safelinks',
  'safe links',
  'microsoft office',
  'ms-office',
  'trend micro',
  'symantec',
  'sophos',
  'fortiguard',
  'forcepoint',
  'cisco',
  'ironport',
  'zscaler',
  'paloalto',
  'google-safety',
  'googleimageproxy',
  'headlesschrome',
  'phantomjs',
  'python-requests',
  'python-urllib',
  'go-http-client',
  'curl/',
  'wget/',
  'libwww',
  'java/',
  'okhttp',
  'axios/',
  'node-fetch',
  'undici',
  'slackbot',
  'facebookexternalhit',
];

export interface HitRequest {
  method: string;
  userAgent: string;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
}

/** What the request alone tells: a HEAD, a prefetch, a scanner's user agent; null when it looks like a person. */
export function requestReason(r: HitRequest): DrillAutomatedReason | null {
  if (r.method === 'HEAD') return 'head';
  const purpose = [r.headers['purpose'], r.headers['sec-purpose'], r.headers['x-purpose'], r.headers['x-moz']]
    .flat()
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  if (purpose.includes('prefetch') || purpose.includes('preview')) return 'prefetch';
  const ua = r.userAgent.toLowerCase();
  if (!ua.trim() || SCANNER_AGENTS.some((s) => ua.includes(s))) return 'scanner_agent';
  return null;
}

/** The caller's network: /24 for IPv4 (also IPv4-mapped IPv6), /48 for IPv6. */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = ip.toLowerCase().split('::')[0]!.split(':');
  return `${groups.slice(0, 3).join(':')}::/48`;
}

/**
 * Records one hit in ONE statement, by the token's hash on a unique index: find the recipient, judge the hit
 * (the request's own reason; else before delivery; else a click too soon after delivery; else a burst from its
 * network: 8 other recipients among the network's last 64 hits of the drill within 30 s — bounded, so a network
 * that sent thousands of hits costs what one that sent ten does), insert the hit, stamp the recipient's first human open/click/report, and owe a follow-up course for a
 * human click. An unknown or forged token finds no row and writes nothing; the caller answers the same page.
 */
const HIT_STATEMENT = `
WITH r AS (
  SELECT id, drill_id, person_id, sent_at FROM drill_recipients WHERE token_hash = $1
), c AS (
  SELECT r.*, CASE
      WHEN $2::text IS NOT NULL THEN $2::text
      WHEN r.sent_at IS NULL OR r.sent_at > $9::timestamptz THEN 'before_delivery'
      WHEN $3::text = 'click' AND $9::timestamptz - r.sent_at < $6::int * interval '1 second' THEN 'too_fast'
      WHEN (SELECT count(DISTINCT x.recipient_id) FROM (
              SELECT h.recipient_id FROM drill_hits h
               WHERE h.drill_id = r.drill_id AND h.net = $4 AND h.at > $9::timestamptz - $8::int * interval '1 second'
                 AND h.recipient_id <> r.id
               ORDER BY h.at DESC LIMIT 64) x) >= $7::int THEN 'burst'
      ELSE NULL END AS automated
  FROM r
), h AS (
  INSERT INTO drill_hits (drill_id, recipient_id, kind, at, net, user_agent, automated)
  SELECT drill_id, id, $3::text, $9::timestamptz, $4, $5, automated FROM c
  RETURNING 1
), u AS (
  UPDATE drill_recipients d SET
    opened_at = CASE WHEN $3::text IN ('open', 'click') THEN coalesce(d.opened_at, $9::timestamptz) ELSE d.opened_at END,
    clicked_at = CASE WHEN $3::text = 'click' THEN coalesce(d.clicked_at, $9::timestamptz) ELSE d.clicked_at END,
    reported_at = CASE WHEN $3::text = 'report' THEN coalesce(d.reported_at, $9::timestamptz) ELSE d.reported_at END
  FROM c WHERE d.id = c.id AND c.automated IS NULL
  RETURNING 1
), f AS (
  INSERT INTO drill_follow_ups (drill_id, person_id)
  SELECT drill_id, person_id FROM c WHERE c.automated IS NULL AND $3::text = 'click'
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM h) AS hits`;

/** A token as the links carry it: 32 base64url characters. Anything else is hashed all the same (constant work). */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

/** A hit as the request gave it, waiting to be written (drills/hit-queue.ts). */
export interface PendingHit {
  kind: HitKind;
  tokenHash: string;
  reason: DrillAutomatedReason | null;
  net: string;
  userAgent: string;
  at: Date;
}

/** What a request tells about a hit, taken when it comes: the token's hash, the request's own reason, its time. */
export function pendingHit(kind: HitKind, token: string, req: HitRequest, at = new Date()): PendingHit {
  // the same hash and the same statement whatever the token: a forged one costs what a real one costs
  const tokenHash = hashToken(TOKEN_SHAPE.test(token) ? token : `invalid:${token.slice(0, 64)}`);
  return { kind, tokenHash, reason: requestReason(req), net: networkOf(req.ip), userAgent: req.userAgent.slice(0, 300), at };
}

/** Writes one hit: the statement above, judged as of the hit's own time. */
export async function writeHit(db: Db, hit: PendingHit): Promise<void> {
  await queryStatement(db, {
    text: HIT_STATEMENT,
    values: [
      hit.tokenHash,
      hit.reason,
      hit.kind,
      hit.net,
      hit.userAgent,
      TOO_FAST_SECONDS,
      BURST_RECIPIENTS,
      BURST_SECONDS,
      hit.at.toISOString(),
    ],
  });
}

const Landing = z.object({
  title: z.string(),
  lead: z.string(),
  checkTitle: z.string(),
  points: z.array(z.string()),
  reportTitle: z.string(),
  report: z.string(),
  reportedTitle: z.string(),
  reported: z.string(),
});
const landingFile = fileURLToPath(new URL('../../../../../../catalogs/drill-landing.json', import.meta.url));
const landing = z.object({ ja: Landing, en: Landing }).parse(JSON.parse(readFileSync(landingFile, 'utf8')));

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const STYLE = `body{font-family:system-ui,"Noto Sans JP",sans-serif;margin:0;background:#f4f6f8;color:#1a1b1e;line-height:1.7}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.5rem;color:#c92a2a}h2{font-size:1.15rem;margin-top:1.5rem}
.card{background:#fff;border-radius:8px;padding:1rem 1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}li{margin:.4rem 0}`;

function page(lang: 'ja' | 'en', reported: boolean): string {
  const t = landing[lang];
  const head = reported
    ? `<h1>${esc(t.reportedTitle)}</h1><p>${esc(t.reported)}</p>`
    : `<h1>${esc(t.title)}</h1><p>${esc(t.lead)}</p>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(reported ? t.reportedTitle : t.title)}</title><style>${STYLE}</style></head>
<body><main><div class="card">${head}<h2>${esc(t.checkTitle)}</h2><ul>${t.points.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<h2>${esc(t.reportTitle)}</h2><p>${esc(t.report)}</p></div></main></body></html>`;
}

/** The landing pages, rendered once: the same bytes for every token, known or not. */
export const LANDING = {
  click: { ja: page('ja', false), en: page('en', false) },
  report: { ja: page('ja', true), en: page('en', true) },
};

/** The tracking image: a transparent 1×1 GIF. */
export const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
