/** Every table, for drizzle's typed client and for drizzle-kit. */
export * from '../modules/org/tables';
export * from '../modules/accounts/tables';
export * from '../platform/auth/tables';
export * from '../platform/audit/tables';
export * from '../platform/jobs/tables';
export * from '../platform/imports/tables';
export * from '../platform/mail/tables';
export * from '../platform/notifications/tables';
export * from '../platform/settings/tables';
export * from '../modules/incidents/tables';
export * from '../modules/partners/tables';
export * from '../modules/partners/assessment-tables';
export * from '../modules/products/tables';
export * from '../modules/vulnerabilities/tables';
export * from '../platform/throttle/tables';
export * from '../platform/settings/scoped-tables';
export * from '../modules/assets/tables';
