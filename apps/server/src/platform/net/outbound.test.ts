import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, guardedFetch, isSpecialAddress, OutboundRefused, setOutboundAllowHosts } from './outbound';

describe('the outbound guard', () => {
  it('knows this machine, private networks, link-local and documentation ranges, in IPv4 and IPv6', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])
      expect(isSpecialAddress(a), a).toBe(true);
    for (const a of ['::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::'])
      expect(isSpecialAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isSpecialAddress(a), a).toBe(false);
  });

  it('refuses http, credentials, and names or literals that are local, unless the host is allowed', async () => {
    const none = new Set<string>();
    await expect(checkOutboundUrl(new URL('http://example.com/x'), none)).rejects.toThrow(OutboundRefused);
    await expect(checkOutboundUrl(new URL('https://127.0.0.1/x'), none)).rejects.toThrow(/local or private/);
    await expect(checkOutboundUrl(new URL('https://[::1]/x'), none)).rejects.toThrow(/local or private/);
    await expect(checkOutboundUrl(new URL('https://169.254.169.254/latest/meta-data/'), none)).rejects.toThrow(OutboundRefused);
    await expect(checkOutboundUrl(new URL('https://localhost/x'), none)).rejects.toThrow(/local or private/);
    await expect(checkOutboundUrl(new URL('https://u:p@93.184.216.34/x'), none)).rejects.toThrow(/credentials/);
    await expect(checkOutboundUrl(new URL('https://93.184.216.34/x'), none)).resolves.toBeUndefined();
    await expect(checkOutboundUrl(new URL('http://127.0.0.1:8080/x'), new Set(['127.0.0.1']))).resolves.toBeUndefined();
    await expect(checkOutboundUrl(new URL('file:///etc/passwd'), new Set(['']))).rejects.toThrow(OutboundRefused);
  });

  it('checks every redirect: an allowed server cannot send the request on to a local address', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/ok') return res.end('{"ok":true}');
      res.writeHead(302, { location: req.url === '/to-ok' ? '/ok' : 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    setOutboundAllowHosts(['127.0.0.1']);
    try {
      expect(await (await guardedFetch(new URL(`${base}/to-ok`))).json()).toEqual({ ok: true });
      await expect(guardedFetch(new URL(`${base}/to-metadata`))).rejects.toThrow(OutboundRefused);
    } finally {
      setOutboundAllowHosts([]);
      server.close();
    }
  });
});
