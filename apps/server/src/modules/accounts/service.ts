/**
 * What other domains may use of the accounts domain: the leaver step (disable an account, end its sessions, revoke
 * its tokens) and its reverse, inside the caller's transaction. Provisioning (identity/scim) calls them.
 */
export { disableAccountIn, enableAccountIn } from './accounts';
export { lockAdministrators, refuseIfNoAdminLeft } from './last-admin';
