import type { Action } from '../api/types';

export interface NavItem {
  to: '/' | '/org' | '/people' | '/accounts' | '/roles' | '/audit' | '/settings' | '/incidents';
  label: string;
  testId: string;
  /** shown when the user has any of these actions; no list = everyone signed in */
  anyOf?: Action[];
}

/** The navbar by domain; only what exists, only what the user may see. */
export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', testId: 'nav-home' },
  { to: '/org', label: 'nav.org', testId: 'nav-org', anyOf: ['org:read'] },
  { to: '/people', label: 'nav.people', testId: 'nav-people', anyOf: ['people:read'] },
  {
    to: '/accounts',
    label: 'nav.accounts',
    testId: 'nav-accounts',
    anyOf: ['accounts:read', 'accounts:request', 'accounts:approve'],
  },
  // Everyone may report; the list shows each user their own reports, the office every case in scope.
  { to: '/incidents', label: 'incidents.nav', testId: 'nav-incidents', anyOf: ['incidents:report'] },
  { to: '/roles', label: 'nav.roles', testId: 'nav-roles', anyOf: ['roles:read'] },
  { to: '/audit', label: 'nav.audit', testId: 'nav-audit', anyOf: ['audit:read'] },
  { to: '/settings', label: 'nav.settings', testId: 'nav-settings', anyOf: ['settings:manage'] },
];
