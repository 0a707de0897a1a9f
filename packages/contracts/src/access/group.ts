import type { Grants } from './roles';

/** The group's companies side by side (issue #22): their certificates and the incidents they share upward. */
export const GROUP_ACTIONS = [
  /** certificates and labels per company (issue #22): read by people of the company, managed by its office */
  'certifications:read',
  'certifications:manage',
  /** the holding CSIRT's board of the companies' incidents shared upward (only the shared fields) */
  'group-incidents:read',
] as const;
type GroupAction = (typeof GROUP_ACTIONS)[number];

/** The incident handlers (offices, CSIRT, FSIRT; incidents.ts) see the board too. */
const handler: GroupAction[] = ['certifications:read', 'group-incidents:read'];
const office: GroupAction[] = ['certifications:read', 'certifications:manage', 'group-incidents:read'];

export const GROUP_GRANTS: Grants<GroupAction> = {
  ciso: handler,
  security_office: office,
  site_security_office: office,
  org_head: ['certifications:read'],
  promotion_leader: ['certifications:read'],
  auditor: ['certifications:read'],
  psirt_member: ['certifications:read'],
  privacy_officer: ['certifications:read'],
  csirt_member: handler,
  fsirt_member: handler,
  employee: ['certifications:read'],
};
