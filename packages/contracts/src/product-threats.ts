import { z } from 'zod';
import { Str } from './common';
import { LifecycleStage } from './products';

/**
 * Threat analysis per product (optionally per release), reviewed at each stage gate: what is to be
 * protected (assets and functions), the STRIDE threats against it, and what is left after mitigation.
 */
export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

/** What the analysis protects: an asset (data, keys, firmware) or a function (braking, remote update). */
export const PROTECTED_KINDS = ['asset', 'function'] as const;
const ProtectedFields = z
  .object({
    kind: z.enum(PROTECTED_KINDS),
    name: Str().trim().min(1).max(300),
    description: Str().trim().max(5000).nullable(),
  })
  .strict();
export const CreateProtectedAssetBody = ProtectedFields.partial({ description: true }).strict();
export const UpdateProtectedAssetBody = ProtectedFields.partial().strict();
export const ProtectedAsset = ProtectedFields.extend({ id: z.uuid(), productId: z.uuid(), updatedAt: z.iso.datetime() });
export const ProtectedAssetParams = z.object({ id: z.uuid(), aid: z.uuid() }).strict();

const ThreatFields = z
  .object({
    releaseId: z.uuid().nullable(),
    /** the protected asset or function the threat is against */
    assetId: z.uuid().nullable(),
    category: z.enum(STRIDE),
    title: Str().trim().min(1).max(300),
    attackPath: Str().trim().max(5000).nullable(),
    likelihood: z.enum(RISK_LEVELS),
    impact: z.enum(RISK_LEVELS),
    mitigations: Str().trim().max(5000).nullable(),
    residualRisk: z.enum(RISK_LEVELS),
  })
  .strict();
export const CreateThreatBody = ThreatFields.partial({
  releaseId: true,
  assetId: true,
  attackPath: true,
  mitigations: true,
}).strict();
export const UpdateThreatBody = ThreatFields.partial().strict();
export const Threat = ThreatFields.extend({ id: z.uuid(), productId: z.uuid(), updatedAt: z.iso.datetime() });
export const ThreatParams = z.object({ id: z.uuid(), tid: z.uuid() }).strict();
export const ThreatReviewBody = z.object({ note: Str().trim().max(2000).optional() }).strict();
export const ThreatAnalysis = z.object({
  assets: z.array(ProtectedAsset),
  threats: z.array(Threat),
  reviews: z.array(
    z.object({
      stage: LifecycleStage,
      reviewedBy: z.string().nullable(),
      reviewedAt: z.iso.datetime(),
      note: z.string().nullable(),
    }),
  ),
});
