import type { Role } from '@mamori/contracts';

export interface Grant {
  id: string;
  role: Role;
  orgUnitId: string | null;
  /** org path of the scope unit; null = the whole group */
  path: string | null;
  orgUnitName: string | null;
  orgUnitNameJa: string | null;
}

/** The signed-in user as the access layer sees it. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  kind: 'internal' | 'partner';
  /** The partner company of an external account: everything it may see is limited to this company. */
  partnerId: string | null;
  language: 'ja' | 'en' | null;
  mfaEnabled: boolean;
  grants: Grant[];
  via: 'session' | 'token';
  sessionId: string | null;
  mfaEnrollmentRequired: boolean;
}
