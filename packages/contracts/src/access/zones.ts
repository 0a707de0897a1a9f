import type { Grants } from './roles';

/**
 * Zones (issue #14): zones:read (everyone internal: where what may be handled), zones:manage,
 * bring-ins:request / approve (the zone's owner, a record rule), visitors:manage (the visitor log).
 */
export const ZONE_ACTIONS = ['zones:read', 'zones:manage', 'bring-ins:request', 'bring-ins:approve', 'visitors:manage'] as const;
type ZoneAction = (typeof ZONE_ACTIONS)[number];

const office: ZoneAction[] = ['zones:read', 'zones:manage', 'bring-ins:request', 'bring-ins:approve', 'visitors:manage'];
const everyone: ZoneAction[] = ['zones:read', 'bring-ins:request'];

export const ZONE_GRANTS: Grants<ZoneAction> = {
  ciso: everyone,
  security_office: office,
  site_security_office: office,
  org_head: [...everyone, 'bring-ins:approve'],
  promotion_leader: everyone,
  auditor: everyone,
  psirt_member: everyone,
  privacy_officer: everyone,
  csirt_member: everyone,
  fsirt_member: everyone,
  employee: everyone,
};
