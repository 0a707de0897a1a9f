import type { Grants } from './roles';

/**
 * Education (issue #13): training:take (everyone internal: one's own courses and pledges), training:read
 * (completion in scope), training:manage (courses, curricula, pledge texts), drills:read (aggregate results)
 * and drills:manage (the security office as a team; only it sees a person's drill result).
 */
export const EDUCATION_ACTIONS = ['training:take', 'training:read', 'training:manage', 'drills:read', 'drills:manage'] as const;
type EducationAction = (typeof EDUCATION_ACTIONS)[number];

export const EDUCATION_GRANTS: Grants<EducationAction> = {
  ciso: ['training:take', 'training:read', 'drills:read'],
  security_office: ['training:take', 'training:read', 'training:manage', 'drills:read', 'drills:manage'],
  site_security_office: ['training:take', 'training:read', 'drills:read'],
  org_head: ['training:take', 'training:read'],
  promotion_leader: ['training:take', 'training:read'],
  auditor: ['training:take'],
  psirt_member: ['training:take'],
  privacy_officer: ['training:take', 'training:read'],
  csirt_member: ['training:take'],
  fsirt_member: ['training:take'],
  employee: ['training:take'],
};
