import type { Grants } from './roles';

/** Reports (issue #15): dashboard:read (figures in scope), reports:generate, reports:manage (templates). */
export const REPORT_ACTIONS = ['dashboard:read', 'reports:generate', 'reports:manage'] as const;
type ReportAction = (typeof REPORT_ACTIONS)[number];

export const REPORT_GRANTS: Grants<ReportAction> = {
  ciso: ['dashboard:read', 'reports:generate'],
  security_office: ['dashboard:read', 'reports:generate', 'reports:manage'],
  site_security_office: ['dashboard:read', 'reports:generate'],
  org_head: ['dashboard:read'],
};
