import { z } from 'zod';
import { DayInput, RowVersion, Str } from './common';

/**
 * Product security testing that gates shipping (issue #21): test plans per release, runs imported from SARIF
 * 2.1.0 and JUnit XML, findings de-duplicated across runs, retests, accepted risks with an approver and an
 * expiry, evidence files, and the ship-gate rules as a setting (docs/product-testing.md).
 */
export const TEST_METHODS = [
  'black_box',
  'fuzzing',
  'penetration',
  'static_analysis',
  'vulnerability_scan',
  'hw_debug_ports',
  'hw_flash_readout',
  'hw_fault_injection',
] as const;
export type TestMethod = (typeof TEST_METHODS)[number];
/** Interfaces a fuzzing or penetration test names; others are free text. */
export const TEST_INTERFACES = ['CAN', 'CAN-FD', 'Ethernet', 'Bluetooth', 'Wi-Fi', 'UDS', 'USB', 'LTE', 'JTAG'] as const;
export const TESTER_INDEPENDENCE = ['same_team', 'independent_team', 'independent_department', 'external'] as const;
/** Depth by ISO/SAE 21434 CAL (1–4) or IEC 62443 security level (1–4). */
export const TEST_DEPTH_KINDS = ['cal', 'sl'] as const;
export const TEST_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TestSeverity = (typeof TEST_SEVERITIES)[number];
export const TEST_FINDING_STATUSES = [
  'open',
  'fixed_pending_retest',
  'closed',
  'acceptance_requested',
  'accepted',
  'false_positive',
] as const;
export type TestFindingStatus = (typeof TEST_FINDING_STATUSES)[number];
export const TEST_CASE_OUTCOMES = ['passed', 'failed', 'error', 'skipped'] as const;
export const TEST_RUN_SOURCES = ['sarif', 'junit', 'manual'] as const;

const Title = Str().trim().min(1).max(300);
const Ref = Str().trim().min(1).max(200);

const PlanFields = z
  .object({
    title: Title,
    scope: Str().trim().max(5000).nullable().optional(),
    depthKind: z.enum(TEST_DEPTH_KINDS).nullable().optional(),
    depthLevel: z.number().int().min(1).max(4).nullable().optional(),
    methods: z.array(z.enum(TEST_METHODS)).min(1).max(TEST_METHODS.length),
    interfaces: z.array(Str().trim().min(1).max(60)).max(30).default([]),
    testerIndependence: z.enum(TESTER_INDEPENDENCE),
    testerName: Str().trim().max(200).nullable().optional(),
    /** who authorised testing on the item (a penetration test or fault injection needs the owner's permission) */
    authorisation: Str().trim().max(2000).nullable().optional(),
  })
  .strict();
const depthTogether = (b: { depthKind?: string | null; depthLevel?: number | null }) =>
  (b.depthKind == null) === (b.depthLevel == null);
const depthIssue = { message: 'depthKind and depthLevel go together', path: ['depthLevel'] };

export const CreateTestPlanBody = PlanFields.extend({ releaseId: z.uuid() }).strict().refine(depthTogether, depthIssue);
export const UpdateTestPlanBody = PlanFields.partial()
  .strict()
  .refine((b) => b.depthKind === undefined || b.depthLevel === undefined || depthTogether(b), depthIssue);

export const TestPlanListQuery = z.object({ releaseId: z.uuid().optional(), productId: z.uuid().optional() }).strict();

export const TestCase = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  title: z.string(),
  method: z.enum(TEST_METHODS),
  interface: z.string().nullable(),
  /** TARA references (goal, requirement, attack path): ids kept as text, no hard link to the TARA's tables */
  goalRef: z.string().nullable(),
  requirementRef: z.string().nullable(),
  attackPathRef: z.string().nullable(),
  lastOutcome: z.enum(TEST_CASE_OUTCOMES).nullable(),
  lastRunAt: z.iso.datetime().nullable(),
});
export const CreateTestCaseBody = z
  .object({
    title: Title,
    method: z.enum(TEST_METHODS),
    interface: Str().trim().min(1).max(60).nullable().optional(),
    goalRef: Ref.nullable().optional(),
    requirementRef: Ref.nullable().optional(),
    attackPathRef: Ref.nullable().optional(),
  })
  .strict();

export const TestPlanRun = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  source: z.enum(TEST_RUN_SOURCES),
  method: z.enum(TEST_METHODS),
  interface: z.string().nullable(),
  tool: z.string().nullable(),
  performedOn: z.iso.date(),
  retest: z.boolean(),
  fileSha256: z.string().nullable(),
  results: z.number().int(),
  importedBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const TestFinding = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  planId: z.uuid(),
  releaseId: z.uuid(),
  method: z.enum(TEST_METHODS),
  tool: z.string(),
  ruleId: z.string(),
  message: z.string(),
  uri: z.string().nullable(),
  startLine: z.number().int().nullable(),
  severity: z.enum(TEST_SEVERITIES),
  status: z.enum(TEST_FINDING_STATUSES),
  firstSeenRunId: z.uuid(),
  lastSeenRunId: z.uuid(),
  firstSeenOn: z.iso.date(),
  lastSeenOn: z.iso.date(),
  acceptanceReason: z.string().nullable(),
  acceptanceRequestedBy: z.string().nullable(),
  acceptanceApprovedBy: z.string().nullable(),
  acceptedUntil: z.iso.date().nullable(),
  /** true when an acceptance has passed its expiry: the finding counts as open again */
  acceptanceExpired: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type TestFinding = z.infer<typeof TestFinding>;

export const TestEvidence = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  runId: z.uuid().nullable(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.iso.datetime(),
});

export const TestPlan = z.object({
  id: z.uuid(),
  rowVersion: RowVersion,
  productId: z.uuid(),
  productCode: z.string(),
  productNameJa: z.string(),
  productNameEn: z.string(),
  releaseId: z.uuid(),
  releaseVersion: z.string(),
  title: z.string(),
  scope: z.string().nullable(),
  depthKind: z.enum(TEST_DEPTH_KINDS).nullable(),
  depthLevel: z.number().int().nullable(),
  methods: z.array(z.enum(TEST_METHODS)),
  interfaces: z.array(z.string()),
  testerIndependence: z.enum(TESTER_INDEPENDENCE),
  testerName: z.string().nullable(),
  authorisation: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export const TestPlanDetail = TestPlan.extend({
  cases: z.array(TestCase),
  runs: z.array(TestPlanRun),
  findings: z.array(TestFinding),
  evidence: z.array(TestEvidence),
});

/** Query of a SARIF or JUnit upload (the body is the file itself). */
export const TestRunImportQuery = z
  .object({
    method: z.enum(TEST_METHODS),
    performedOn: DayInput(),
    interface: Str().trim().min(1).max(60).optional(),
    /** a retest: findings pending retest that this run (same method) no longer reports are closed */
    retest: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export const TestRunImportResult = z.object({
  run: TestPlanRun,
  new: z.number().int(),
  seenAgain: z.number().int(),
  reopened: z.number().int(),
  fixedPendingRetest: z.number().int(),
  closed: z.number().int(),
  /** JUnit: results matched to the plan's test cases by title */
  casesMatched: z.number().int(),
});

export const TestFindingParams = z.object({ id: z.uuid() }).strict();
export const RetestFindingBody = z
  .object({
    method: z.enum(TEST_METHODS),
    performedOn: DayInput(),
    outcome: z.enum(['fixed', 'still_present']),
    note: Str().trim().max(2000).optional(),
  })
  .strict();
export const RequestAcceptanceBody = z.object({ reason: Str().trim().min(1).max(2000), acceptedUntil: DayInput() }).strict();
export const DecideAcceptanceBody = z
  .object({ decision: z.enum(['approve', 'reject']), note: Str().trim().max(2000).optional() })
  .strict();
export const MarkFalsePositiveBody = z.object({ reason: Str().trim().min(1).max(2000) }).strict();

export const UploadTestEvidenceBody = z
  .object({
    name: Str().trim().min(1).max(200),
    mediaType: Str().trim().min(1).max(200),
    contentBase64: z.string().max(15_000_000),
    runId: z.uuid().optional(),
  })
  .strict();

/** The ship gate's rules, a setting of the group (a company may only make them stricter). */
export const ShipGateRules = z
  .object({
    /** an open finding of a release's test plans at or above this severity blocks shipping */
    findingSeverity: z.enum(TEST_SEVERITIES),
    /** a finding fixed but not yet retested still blocks */
    pendingRetestBlocks: z.boolean(),
    /** the release needs an imported SBOM */
    requireSbom: z.boolean(),
    /** the release needs at least one test plan with at least one run */
    requireTestRun: z.boolean(),
    /** TARA rules: checked once the TARA room provides them (extension points, reported as not checked) */
    requireCal3GoalsValidated: z.boolean(),
    requireRisksTreated: z.boolean(),
    requireResidualRisksSigned: z.boolean(),
  })
  .strict();
export type ShipGateRules = z.infer<typeof ShipGateRules>;
export const ShipGateSetting = z.object({
  value: ShipGateRules,
  scope: z.string(),
  version: z.number().int(),
  updatedAt: z.date().nullable(),
});

export const SHIP_GATE_RULES = [
  'legacy_findings',
  'finding_severity',
  'pending_retest',
  'sbom',
  'test_run',
  'cal3_goals_validated',
  'risks_treated',
  'residual_risks_signed',
] as const;
export type ShipGateRule = (typeof SHIP_GATE_RULES)[number];
export const ShipGateCheck = z.object({
  rule: z.enum(SHIP_GATE_RULES),
  state: z.enum(['pass', 'block', 'not_checked', 'off']),
  /** what blocks: finding ids, or nothing */
  blocking: z.array(z.object({ id: z.string(), label: z.string(), severity: z.string().nullable() })),
  /** the page or API path that fixes it */
  link: z.string().nullable(),
});
export const ShipGate = z.object({
  releaseId: z.uuid(),
  passes: z.boolean(),
  checks: z.array(ShipGateCheck),
});
export type ShipGate = z.infer<typeof ShipGate>;
