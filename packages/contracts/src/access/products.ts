import type { Grants } from './roles';

/** Product security (PSIRT): products, SBOMs, vulnerability cases, CRA reporting, advisories. */
export const PRODUCT_ACTIONS = [
  'products:read',
  'products:manage',
  'vulnerabilities:read',
  'vulnerabilities:manage',
  /** report a case to the authorities: mark it actively exploited (CRA art. 14), record submissions and the fix */
  'vulnerabilities:report',
  'advisories:publish',
  /** approve a version of the ISO/SAE 21434 TARA method (the CISO over product security; drafts: products:manage) */
  'tara-methods:approve',
  /** suppliers' CSAF advisories and VEX (issues #17, #23): read the store, with the suggestions in one's scope */
  'supplier-advisories:read',
  /** upload suppliers' advisories and keep the list of suppliers' CSAF providers fetched on a schedule */
  'supplier-advisories:import',
  /**
   * accept or dismiss a suggested case in one's scope: a component's needs vulnerabilities:manage too (accepting
   * opens or joins a vulnerability case), a system's the unit scope of this action
   */
  'supplier-matches:decide',
] as const;
type ProductAction = (typeof PRODUCT_ACTIONS)[number];

/** The PSIRT and the security office run product security. */
const psirt: ProductAction[] = [
  'products:read',
  'products:manage',
  'vulnerabilities:read',
  'vulnerabilities:manage',
  'vulnerabilities:report',
  'advisories:publish',
  'supplier-advisories:read',
  'supplier-advisories:import',
  'supplier-matches:decide',
];
/** The FSIRT and the site offices take suppliers' advisories for the factory systems in their scope. */
const suppliers: ProductAction[] = ['supplier-advisories:read', 'supplier-advisories:import', 'supplier-matches:decide'];

export const PRODUCT_GRANTS: Grants<ProductAction> = {
  ciso: ['products:read', 'vulnerabilities:read', 'tara-methods:approve', 'supplier-advisories:read'],
  security_office: psirt,
  psirt_member: psirt,
  site_security_office: suppliers,
  fsirt_member: suppliers,
  csirt_member: ['supplier-advisories:read'],
};
