import type { Grants } from './roles';

/** Privacy (issue #14): privacy:read / privacy:manage (the register in scope), privacy-requests:handle (data-subject requests). */
export const PRIVACY_ACTIONS = ['privacy:read', 'privacy:manage', 'privacy-requests:handle'] as const;
type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

export const PRIVACY_GRANTS: Grants<PrivacyAction> = {
  ciso: ['privacy:read'],
  security_office: ['privacy:read', 'privacy-requests:handle'],
  site_security_office: ['privacy:read'],
  org_head: ['privacy:read'],
  promotion_leader: ['privacy:read', 'privacy:manage'],
  auditor: ['privacy:read'],
  privacy_officer: ['privacy:read', 'privacy:manage', 'privacy-requests:handle'],
};
