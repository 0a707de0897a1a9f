import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret (cookie value, API token, activation token): only its hash is stored. */
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** The CSRF token of a session, derived from its secret: nothing more to store, useless without the cookie. */
export const csrfTokenFor = (sessionSecret: string) => createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');
