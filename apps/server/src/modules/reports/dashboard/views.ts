import type { DashboardView } from '@mamori/contracts';

/**
 * Which figures each dashboard view shows, in order. The group view is the CISO's and the security office's; the
 * site view a site office's (its site's figures); the org view an organisation head's. A source named here that is
 * not registered is skipped, so a view can name figures of modules still to come. At merge, add a domain's sources
 * with `addToView('group', 'plans.completion')` in its sources file, or list them here.
 */
export const VIEWS: Record<DashboardView, string[]> = {
  group: [
    'incidents.open',
    'incidents.clocks',
    'incidents.monthly',
    'incidents.nearMissRate',
    'partners.programme',
    'vulnerabilities.open',
    'advisories.published',
    'assets.inventory',
    'risks.aboveAcceptance',
    'controls.soa',
    'plans.completion',
    'training.completion',
    'audits.findings',
  ],
  site: [
    'incidents.open',
    'incidents.clocks',
    'incidents.monthly',
    'incidents.nearMissRate',
    'partners.programme',
    'vulnerabilities.open',
    'assets.inventory',
    'take-outs.status',
    'risks.aboveAcceptance',
    'controls.statusRequests',
    'plans.completion',
    'training.completion',
    'audits.findings',
  ],
  org: [
    'incidents.open',
    'incidents.monthly',
    'assets.inventory',
    'take-outs.status',
    'risks.aboveAcceptance',
    'controls.statusRequests',
    'plans.completion',
    'training.completion',
  ],
};

export function addToView(view: DashboardView, source: string): void {
  if (!VIEWS[view].includes(source)) VIEWS[view].push(source);
}
