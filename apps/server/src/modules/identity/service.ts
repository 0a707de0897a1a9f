/** What other modules may use of single sign-on (DESIGN.md: a module uses another only through its service.ts). */
export { endSessionUrl } from './oidc';
