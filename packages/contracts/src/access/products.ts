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
];

export const PRODUCT_GRANTS: Grants<ProductAction> = {
  ciso: ['products:read', 'vulnerabilities:read', 'tara-methods:approve'],
  security_office: psirt,
  psirt_member: psirt,
};
