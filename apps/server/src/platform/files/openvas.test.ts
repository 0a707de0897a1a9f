import { describe, expect, it } from 'vitest';
import { openvasReport } from '../../modules/systems/assessments/sample-files';
import { AppError } from '../errors/app-error';
import { OPENVAS_LIMITS, readOpenvas } from './openvas';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, codes: (e.errors ?? []).map((x) => x.code ?? x.message) };
    throw e;
  }
  return { status: 200, codes: [] };
};

describe('OpenVAS / Greenbone report reader', () => {
  it('reads results with host, port, NVT, severity, CVEs and CWEs, and skips log results', () => {
    const out = readOpenvas(
      openvasReport([
        {
          host: '10.1.1.1',
          port: '22/tcp',
          oid: '1.3.6.1.4.1.25623.1.0.1',
          name: 'SSH',
          severity: 9.8,
          cves: ['CVE-2024-6387'],
          cwe: 'CWE-364',
        },
        { host: '10.1.1.1', port: 'general/tcp', oid: '1.3.6.1.4.1.25623.1.0.2', name: 'OS', severity: 0, threat: 'Log' },
        { host: '10.1.1.2', port: '80/tcp', oid: '1.3.6.1.4.1.25623.1.0.3', name: 'Banner', severity: 2.6 },
      ]),
    );
    expect(out).toMatchObject([
      { host: '10.1.1.1', port: '22/tcp', severity: 'critical', cves: ['CVE-2024-6387'], cwes: ['CWE-364'] },
      { host: '10.1.1.2', severity: 'low', cves: [] },
    ]);
  });

  it('refuses entity declarations (billion laughs, external entities) before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i || ''};`.repeat(10)}">`).join('')}]><report>&a9;</report>`;
    expect(refusal(() => readOpenvas(laughs))).toMatchObject({ status: 400, codes: ['openvas.doctype'] });
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><report>&x;</report>';
    expect(refusal(() => readOpenvas(xxe))).toMatchObject({ status: 400, codes: ['openvas.doctype'] });
  });

  it('refuses a text over the size cap', () => {
    expect(refusal(() => readOpenvas(' '.repeat(10), { ...OPENVAS_LIMITS, maxBytes: 5 })).status).toBe(413);
  });

  it('refuses a malformed text or another XML document, and a result without its host or NVT, naming where', () => {
    expect(refusal(() => readOpenvas('<report><results>'))).toMatchObject({ status: 400, codes: ['openvas.malformed'] });
    expect(refusal(() => readOpenvas('<testsuites/>'))).toMatchObject({ status: 400, codes: ['openvas.root'] });
    const e = (() => {
      try {
        readOpenvas('<report><results><result><severity>5</severity><nvt oid="1.2"/></result></results></report>');
      } catch (err) {
        return err as AppError;
      }
    })();
    expect(e?.errors).toMatchObject([{ path: 'report.results.result[0].host', code: 'openvas.required' }]);
  });
});
