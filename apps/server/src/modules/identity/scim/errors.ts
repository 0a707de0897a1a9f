/**
 * SCIM errors (RFC 7644 §3.12): a document `urn:ietf:params:scim:api:messages:2.0:Error` with the HTTP status and,
 * for 400, a `scimType` that tells the client what was wrong. The SCIM routes answer every failure with one.
 */
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);
export const scimNotFound = (what: string) => new ScimError(404, `${what} not found`);

export const errorDocument = (err: ScimError) => ({
  schemas: [ERROR_SCHEMA],
  status: String(err.status),
  ...(err.scimType ? { scimType: err.scimType } : {}),
  detail: err.message,
});
