import { page, withTexts } from './base';

const certificationsRoute = page(
  '/certifications',
  withTexts(['certifications'], () => import('../modules/certifications/CertificationsPage')),
  'CertificationsPage',
);
const certificationRoute = page(
  '/certifications/$id',
  withTexts(['certifications'], () => import('../modules/certifications/CertificationPage')),
  'CertificationPage',
);

export const certificationsRoutes = [certificationsRoute, certificationRoute] as const;
