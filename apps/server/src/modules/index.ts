import type { Module } from '../platform/http/module';
import { notificationsModule } from '../platform/notifications/routes';
import { accountsModule } from './accounts/routes';
import { assetReviewsModule } from './assets/reviews/routes';
import { takeOutsModule } from './assets/take-outs/routes';
import { drillsModule } from './training/drills/routes';
import { assetsModule } from './assets/routes';
import { auditModule } from './audit/routes';
import { auditsModule } from './audits/routes';
import { certificationsModule } from './certifications/routes';
import { authModule } from './auth/routes';
import { controlsModule } from './controls/routes';
import { documentsModule } from './plans/documents/routes';
import { managementReviewModule } from './plans/review/routes';
import { healthModule } from './health/routes';
import { identityModule } from './identity/routes';
import { scimAdminModule } from './identity/scim/admin-routes';
import { samlModule } from './identity/saml/routes';
import { incidentsModule } from './incidents/routes';
import { groupIncidentsModule } from './incidents/group/routes';
import { orgModule } from './org/routes';
import { plansModule } from './plans/routes';
import { partnersModule } from './partners/routes';
import { privacyModule } from './privacy/routes';
import { productsModule } from './products/routes';
import { taraModule } from './products/tara/routes';
import { productTestingModule } from './products/testing/routes';
import { interfaceAgreementsModule } from './products/agreements/routes';
import { iec62443Module } from './products/iec62443/routes';
import { reportsModule } from './reports/routes';
import { risksModule } from './risks/routes';
import { trainingModule } from './training/routes';
import { advisoriesModule } from './vulnerabilities/advisories/advisory-routes';
import { vulnerabilitiesModule } from './vulnerabilities/routes';
import { supplierAdvisoriesModule } from './vulnerabilities/suppliers/routes';
import { systemsModule } from './systems/routes';
import { zonesModule } from './zones/routes';

/** Every domain module (and the platform's own routes), in registration order. */
export const modules: Module[] = [
  healthModule,
  authModule,
  identityModule,
  scimAdminModule,
  samlModule,
  orgModule,
  accountsModule,
  auditModule,
  notificationsModule,
  incidentsModule,
  partnersModule,
  assetsModule,
  productsModule,
  taraModule,
  productTestingModule,
  interfaceAgreementsModule,
  iec62443Module,
  vulnerabilitiesModule,
  advisoriesModule,
  supplierAdvisoriesModule,
  risksModule,
  takeOutsModule,
  assetReviewsModule,
  controlsModule,
  plansModule,
  auditsModule,
  trainingModule,
  drillsModule,
  privacyModule,
  zonesModule,
  documentsModule,
  managementReviewModule,
  reportsModule,
  certificationsModule,
  groupIncidentsModule,
  systemsModule,
];
