import { page, withTexts } from './base';

const soaListRoute = page(
  '/soa',
  withTexts(['soa'], () => import('../modules/soa/SoaListPage')),
  'SoaListPage',
);
const soaRoute = page(
  '/soa/$id',
  withTexts(['soa'], () => import('../modules/soa/SoaPage')),
  'SoaPage',
);
const controlStatusRoute = page(
  '/control-status',
  withTexts(['soa'], () => import('../modules/soa/ControlStatusPage')),
  'ControlStatusPage',
);
const controlStatusRequestRoute = page(
  '/control-status/$id',
  withTexts(['soa'], () => import('../modules/soa/ControlStatusRequestPage')),
  'ControlStatusRequestPage',
);

export const soaRoutes = [soaListRoute, soaRoute, controlStatusRoute, controlStatusRequestRoute] as const;
