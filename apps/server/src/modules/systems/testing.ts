/** A system's request body for the tests: a SaaS of `unitId` holding confidential data, with MFA. */
export const systemBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  name: 'Sales CRM',
  kind: 'saas',
  unitId,
  maxClassCode: 'confidential',
  internetFacing: true,
  measures: {
    epp: false,
    edr: false,
    mfa: true,
    waf: false,
    backupFrequency: 'daily',
    lastRestoreTestOn: '2026-09-01',
    logRetentionDays: 365,
    networkIsolated: false,
  },
  ...over,
});
