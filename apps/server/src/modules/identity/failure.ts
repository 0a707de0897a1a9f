import type { SsoError } from '@mamori/contracts';

/** A sign-in through a provider that does not lead to a session: `code` is what the person is told, `reason` is audited. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoError,
    readonly reason: string,
  ) {
    super(reason);
  }
}
