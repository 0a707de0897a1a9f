import { page, withTexts } from './base';

const agreementsRoute = page(
  '/interface-agreements',
  withTexts(['agreements'], () => import('../modules/agreements/AgreementsPage')),
  'AgreementsPage',
);
const agreementRoute = page(
  '/interface-agreements/$id',
  withTexts(['agreements'], () => import('../modules/agreements/AgreementPage')),
  'AgreementPage',
);

export const agreementsRoutes = [agreementsRoute, agreementRoute] as const;
