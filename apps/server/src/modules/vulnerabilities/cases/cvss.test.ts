import { describe, expect, it } from 'vitest';
import { computeCvss } from './cvss';

// Scores from FIRST: the CVSS v3.1 specification's examples document and the CVSS v4.0 calculator.
describe('CVSS through ae-cvss-calculator', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'], // CVE-2014-6271 Shellshock
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'high'], // CVE-2014-0160 Heartbleed
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'], // CVE-2013-1937 phpMyAdmin XSS
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'medium'], // CVE-2013-0375 MySQL
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1, 'low'], // CVE-2014-3566 POODLE
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none'],
  ])('3.1 %s = %s', (vector, score, severity) => {
    expect(computeCvss('3.1', vector, 'v')).toEqual({ vector, score, severity });
  });

  it.each([
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 'critical'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10, 'critical'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0, 'none'],
  ])('4.0 %s = %s', (vector, score, severity) => {
    expect(computeCvss('4.0', vector, 'v')).toEqual({ vector, score, severity });
  });

  it.each([
    ['3.1', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /must start with CVSS:3\.1/],
    ['3.1', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /Unknown component value Q/],
    ['3.1', 'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV appears twice/],
    ['3.1', 'CVSS:3.1/AV:N/AC:L', /every base metric/],
    ['4.0', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:1', /Unknown component ZZ/],
  ] as const)('%s refuses %s', (version, vector, message) => {
    expect(() => computeCvss(version, vector, 'body.v')).toThrow(message);
  });
});
