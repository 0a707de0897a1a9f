import { createRouter } from '@tanstack/react-router';
import { accountsPublicRoutes, accountsRoutes } from './routes/accounts';
import { assetReviewsRoutes } from './routes/asset-reviews';
import { assetsRoutes } from './routes/assets';
import { auditRoutes } from './routes/audit';
import { auditsRoutes } from './routes/audits';
import { authPublicRoutes, authRoutes } from './routes/auth';
import { appRoute, rootRoute } from './routes/base';
import { certificationsRoutes } from './routes/certifications';
import { companiesRoutes } from './routes/companies';
import { documentsRoutes } from './routes/documents';
import { drillsRoutes } from './routes/drills';
import { groupIncidentsRoutes } from './routes/group-incidents';
import { homeRoutes } from './routes/home';
import { incidentsRoutes } from './routes/incidents';
import { managementReviewRoutes } from './routes/management-review';
import { notificationsRoutes } from './routes/notifications';
import { orgRoutes } from './routes/org';
import { partnersRoutes } from './routes/partners';
import { plansRoutes } from './routes/plans';
import { privacyPublicRoutes, privacyRoutes } from './routes/privacy';
import { productTestingRoutes } from './routes/product-testing';
import { agreementsRoutes } from './routes/agreements';
import { iec62443Routes } from './routes/iec62443';
import { productsRoutes } from './routes/products';
import { psirtPublicRoutes } from './routes/psirt';
import { reportsRoutes } from './routes/reports';
import { risksRoutes } from './routes/risks';
import { settingsRoutes } from './routes/settings';
import { soaRoutes } from './routes/soa';
import { systemsRoutes } from './routes/systems';
import { supplierAdvisoriesRoutes } from './routes/supplier-advisories';
import { takeOutsRoutes } from './routes/take-outs';
import { taraRoutes } from './routes/tara';
import { trainingRoutes } from './routes/training';
import { vulnerabilitiesRoutes } from './routes/vulnerabilities';
import { zonesRoutes } from './routes/zones';

/**
 * The route tree: the public pages, then the app shell with every domain's pages (routes/<module>.ts). A route
 * matches by its path, so the order of the lists does not matter; a new domain adds its file and one line here.
 */
const routeTree = rootRoute.addChildren([
  ...authPublicRoutes,
  ...accountsPublicRoutes,
  ...psirtPublicRoutes,
  ...privacyPublicRoutes,
  appRoute.addChildren([
    ...homeRoutes,
    ...orgRoutes,
    ...companiesRoutes,
    ...accountsRoutes,
    ...auditRoutes,
    ...settingsRoutes,
    ...notificationsRoutes,
    ...authRoutes,
    ...incidentsRoutes,
    ...vulnerabilitiesRoutes,
    ...risksRoutes,
    ...partnersRoutes,
    ...productsRoutes,
    ...productTestingRoutes,
    ...agreementsRoutes,
    ...iec62443Routes,
    ...taraRoutes,
    ...takeOutsRoutes,
    ...assetReviewsRoutes,
    ...soaRoutes,
    ...plansRoutes,
    ...drillsRoutes,
    ...privacyRoutes,
    ...zonesRoutes,
    ...systemsRoutes,
    ...supplierAdvisoriesRoutes,
    ...documentsRoutes,
    ...managementReviewRoutes,
    ...auditsRoutes,
    ...reportsRoutes,
    ...assetsRoutes,
    ...trainingRoutes,
    ...certificationsRoutes,
    ...groupIncidentsRoutes,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
