// Without zod, so that the web app's chunks can import it without the schemas (contracts are side-effect free).

/** The modules a company may use; the web app shows a company only the ones it uses. */
export const COMPANY_MODULES = [
  'assets',
  'risks',
  'controls',
  'partners',
  'incidents',
  'products',
  'training',
  'audits',
  'plans',
  'privacy',
  'zones',
  'reports',
] as const;
export type CompanyModule = (typeof COMPANY_MODULES)[number];
