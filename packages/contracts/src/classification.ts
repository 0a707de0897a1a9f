import { z } from 'zod';
import { Str } from './common';

/**
 * The classification scheme (機密区分) as data: the group's, or a company's own (setting `assets.classification`,
 * read through the effective-settings function). Each class says, per handling action, whether it is allowed,
 * needs an approval (and by whom) or is forbidden, and under which conditions.
 */
export const HANDLING_ACTIONS = ['label', 'store', 'copy_print', 'send_outside', 'share_partner', 'take_out', 'dispose'] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

export const HANDLING_DECISIONS = ['allowed', 'approval', 'forbidden'] as const;
/** Who approves when a rule needs approval: the asset's org head, the site security office, or the CISO. */
export const APPROVERS = ['org_head', 'site_office', 'ciso'] as const;
export type Approver = (typeof APPROVERS)[number];
export const HANDLING_CONDITIONS = ['encryption', 'nda'] as const;
export type HandlingCondition = (typeof HANDLING_CONDITIONS)[number];

export const HandlingRule = z
  .object({
    decision: z.enum(HANDLING_DECISIONS),
    /** the chain of approvers, in order; required (non-empty) when the decision is 'approval' */
    approvers: z.array(z.enum(APPROVERS)).max(3).default([]),
    conditions: z.array(z.enum(HANDLING_CONDITIONS)).max(HANDLING_CONDITIONS.length).default([]),
    /** free guidance shown to the person handling the asset (where to store it, how to dispose of it…) */
    noteJa: Str().max(500).default(''),
    noteEn: Str().max(500).default(''),
  })
  .refine((r) => r.decision !== 'approval' || r.approvers.length > 0, {
    message: 'an approval rule names at least one approver',
    path: ['approvers'],
  });
export type HandlingRule = z.infer<typeof HandlingRule>;

export const CLASS_CODE = /^[a-z][a-z0-9_]{0,39}$/;

export const AssetClass = z.object({
  /** stable key stored on assets; never renamed once used */
  code: z.string().regex(CLASS_CODE),
  nameJa: Str().min(1).max(40),
  nameEn: Str().min(1).max(60),
  /** the text put on documents and files (e.g. 「極秘」 / "STRICTLY CONFIDENTIAL") */
  labelJa: Str().max(40),
  labelEn: Str().max(60),
  /** a CSS hex colour for badges and the XLSX cell */
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** 1 = least sensitive; a higher rank is more sensitive (need-to-know applies from `needToKnowFromRank`) */
  rank: z.number().int().min(1).max(9),
  rules: z.object(
    Object.fromEntries(HANDLING_ACTIONS.map((a) => [a, HandlingRule])) as Record<HandlingAction, typeof HandlingRule>,
  ),
  /**
   * Sharing with a partner (besides an NDA in force when the share_partner rule asks for one) is refused while the
   * partner has open improvement requests: 'critical' ones (a failed critical requirement), 'any' open one, or
   * 'none' (open requests do not block).
   */
  partnerBlockingRequests: z.enum(['none', 'critical', 'any']).default('none'),
});
export type AssetClass = z.infer<typeof AssetClass>;

export const ClassificationScheme = z
  .object({
    classes: z.array(AssetClass).min(1).max(9),
    /** reads of assets of this rank or above are need-to-know and audited (2-4-4) */
    auditReadsFromRank: z.number().int().min(1).max(9),
  })
  .refine((s) => new Set(s.classes.map((c) => c.code)).size === s.classes.length, {
    message: 'class codes must be unique',
    path: ['classes'],
  });
export type ClassificationScheme = z.infer<typeof ClassificationScheme>;
