import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The guard for requests Mamori makes to addresses its users give (a supplier's CSAF provider): only https, and
 * never to this machine, the private networks, link-local (cloud metadata at 169.254.169.254) or other special
 * ranges — unless the host is in MAMORI_OUTBOUND_ALLOW_HOSTS (an internal mirror; the tests' local servers). Each
 * redirect is checked again (`guardedFetch`). The name is resolved before connecting; a DNS answer that changes
 * between the check and the connection (rebinding) is not caught here, which is why the allow-list is by host name.
 */
const special = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  special.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  special.addSubnet(net, prefix, 'ipv6');

export class OutboundRefused extends Error {}

let allowHosts: ReadonlySet<string> = new Set();
/** Set once at start from the configuration (MAMORI_OUTBOUND_ALLOW_HOSTS). */
export function setOutboundAllowHosts(hosts: readonly string[]): void {
  allowHosts = new Set(hosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
}

/** Whether an address is in a range Mamori does not call on a user's say (IPv4-mapped IPv6 as its IPv4). */
export function isSpecialAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return special.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return special.check(address, 'ipv4');
  if (family === 6) return special.check(address, 'ipv6');
  return true;
}

/** Refuses a URL Mamori must not call: not https (http only to an allowed host), or a name that resolves to a special address. */
export async function checkOutboundUrl(url: URL, allowed: ReadonlySet<string> = allowHosts): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowed.has(host)) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused(`not http(s): ${url.href}`);
    return;
  }
  if (url.protocol !== 'https:') throw new OutboundRefused(`only https: ${url.href}`);
  if (url.username || url.password) throw new OutboundRefused('credentials in the URL');
  const addresses = isIP(host)
    ? [{ address: host }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new OutboundRefused(`${host} does not resolve`);
      });
  if (!addresses.length || addresses.some((a) => isSpecialAddress(a.address)))
    throw new OutboundRefused(`${host} is a local or private address`);
}

/** `fetch` behind the guard, following at most five redirects, each checked like the first URL. */
export async function guardedFetch(url: URL, init: RequestInit = {}): Promise<Response> {
  let target = url;
  for (let hop = 0; hop <= 5; hop++) {
    await checkOutboundUrl(target);
    const res = await fetch(target, { ...init, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel();
    target = new URL(location, target);
  }
  throw new OutboundRefused('too many redirects');
}
