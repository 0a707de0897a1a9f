import type { Grants } from './roles';

/** Business partners: their security checks (campaigns, reviews), improvement requests and the partner portal. */
export const PARTNER_PROGRAMME_ACTIONS = [
  'partners:read',
  'partners:manage',
  'partners:analyse',
  'partner-campaigns:manage',
  'partner-assessments:review',
  'improvement-requests:manage',
  'partner-portal:answer',
  'partner-portal:report',
] as const;
type PartnerAction = (typeof PARTNER_PROGRAMME_ACTIONS)[number];

/**
 * What the partner portal may do: answer its own check sheets and improvement requests, report incidents
 * (access.ts exports it as PARTNER_ACTIONS).
 */
export const PORTAL_ACTIONS: readonly PartnerAction[] = ['partners:read', 'partner-portal:answer', 'partner-portal:report'];

/**
 * The partner programme as the security office runs it (a site office: for partners working with its site).
 * partners:analyse is the programme at a glance (the dashboard and the lists behind its figures as XLSX):
 * the offices and the CISO, who oversees without changing anything.
 */
const office: PartnerAction[] = [
  'partners:read',
  'partners:manage',
  'partners:analyse',
  'partner-assessments:review',
  'improvement-requests:manage',
];

export const PARTNER_GRANTS: Grants<PartnerAction> = {
  ciso: ['partners:read', 'partners:analyse'],
  security_office: [...office, 'partner-campaigns:manage'],
  site_security_office: office,
  org_head: ['partners:read'],
  auditor: ['partners:read'],
  privacy_officer: ['partners:read'],
};
