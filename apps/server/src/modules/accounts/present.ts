import type { accountRequests } from './tables';

export const presentRequest = (
  r: typeof accountRequests.$inferSelect & { personName: string; requestedByEmail: string; decidedByEmail: string | null },
) => ({
  id: r.id,
  personId: r.personId,
  personName: r.personName,
  email: r.email,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requestedByEmail,
  decidedBy: r.decidedByEmail,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});
