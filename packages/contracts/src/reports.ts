import { z } from 'zod';

/**
 * Dashboards and reports (issue #15). A figure comes from a named data source (server: modules/reports/sources);
 * a report template is data: sections with a narrative (ja + en, markdown subset) and blocks bound to sources.
 */

export const LocalText = z.object({ ja: z.string(), en: z.string() });
export type LocalText = z.infer<typeof LocalText>;

export const FIGURE_UNITS = ['count', 'percent', 'days'] as const;
export const CHART_KINDS = ['bar', 'stacked', 'line'] as const;

/** One row of a figure's numbers: a category (a month, a severity, a site) and one value per column. */
export const FigureRow = z.object({ key: z.string(), label: LocalText, values: z.array(z.number()) });

export const Figure = z.object({
  /** the source's name, e.g. `incidents.open` */
  source: z.string(),
  domain: z.string(),
  title: LocalText,
  unit: z.enum(FIGURE_UNITS),
  /** the headline number (null: nothing to count yet) */
  value: z.number().nullable(),
  /** the same number one period earlier (the trend), when the source has one */
  previous: z.number().nullable(),
  /** what the period of the trend is ('month' | 'fiscalYear' | 'week') */
  trendPeriod: z.string().nullable(),
  chart: z.enum(CHART_KINDS).nullable(),
  columns: z.array(z.object({ key: z.string(), label: LocalText })),
  rows: z.array(FigureRow),
  /** the list page with the matching filter */
  href: z.string().startsWith('/').nullable(),
  /** false when the source's module is not in this installation yet (the figure says so in one line) */
  available: z.boolean(),
  /** an "open now" figure's headline on each of its last days (daily snapshots, Japan-time days), oldest first */
  history: z.array(z.object({ day: z.string(), value: z.number().nullable() })).optional(),
});
export type Figure = z.infer<typeof Figure>;

export const DASHBOARD_VIEWS = ['group', 'site', 'org'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export const DashboardQuery = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: z.uuid().optional(),
});

export const Dashboard = z.object({
  view: z.enum(DASHBOARD_VIEWS),
  fiscalYear: z.number().int(),
  scope: z.object({ kind: z.enum(['group', 'units']), units: z.array(z.object({ id: z.string(), name: LocalText })) }),
  asOf: z.string(),
  figures: z.array(Figure),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const FigureExportQuery = DashboardQuery.extend({ source: z.string().max(80) });

// ----- templates -----

export const REPORT_PARAMS = ['fiscalYear', 'unitId'] as const;
export const BLOCK_KINDS = ['figure', 'table', 'chart'] as const;
export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ReportBlock = z
  .object({
    kind: z.enum(BLOCK_KINDS),
    source: z.string().min(1).max(80),
    /** fixed values for the source's own parameters (none yet beyond the report's) */
    caption: LocalText.optional(),
  })
  .strict();

export const ReportSection = z
  .object({
    title: LocalText,
    /** narrative in a markdown subset: paragraphs, `- ` bullets, **bold**; never HTML or code */
    narrative: LocalText,
    blocks: z.array(ReportBlock).max(20).default([]),
    /** the domain this section describes; when it is not installed the section says so in one line */
    domain: z.string().max(40).optional(),
    /** switched off in a copy: kept in the template (to switch on again), left out of the reports */
    hidden: z.boolean().optional(),
  })
  .strict();

export const ReportDefinition = z
  .object({
    title: LocalText,
    subtitle: LocalText.optional(),
    sections: z.array(ReportSection).min(1).max(40),
  })
  .strict();
export type ReportDefinition = z.infer<typeof ReportDefinition>;

export const ReportTemplate = z.object({
  id: z.string(),
  builtIn: z.boolean(),
  name: LocalText,
  definition: ReportDefinition,
  rowVersion: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
});
export type ReportTemplate = z.infer<typeof ReportTemplate>;

export const ReportTemplateSummary = ReportTemplate.omit({ definition: true }).extend({ sections: z.number().int() });

export const SaveTemplateBody = z.object({ name: LocalText, definition: ReportDefinition }).strict();
export const CopyTemplateBody = z.object({ name: LocalText.optional() }).strict();

export const TemplateParams = z.object({ id: z.string().max(80) });

export const GenerateReportBody = z
  .object({
    templateId: z.string().max(80),
    fiscalYear: z.number().int(),
    unitId: z.uuid().nullable().default(null),
    language: z.enum(['ja', 'en']),
    formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(3).default(['pdf', 'docx', 'xlsx']),
  })
  .strict();

export const REPORT_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const ReportRun = z.object({
  id: z.string(),
  templateId: z.string(),
  title: z.string(),
  fiscalYear: z.number().int(),
  unit: z.object({ id: z.string(), name: LocalText }).nullable(),
  language: z.enum(['ja', 'en']),
  formats: z.array(z.enum(REPORT_FORMATS)),
  status: z.enum(REPORT_RUN_STATUSES),
  progress: z.number().int().min(0).max(100),
  /** a message code (messages catalogue) when the job failed */
  error: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() }).nullable(),
  dataAsOf: z.string().nullable(),
  generatedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  files: z.array(z.object({ format: z.enum(REPORT_FORMATS), bytes: z.number().int(), sha256: z.string() })),
});
export type ReportRun = z.infer<typeof ReportRun>;

export const RunParams = z.object({ id: z.uuid() });
export const RunFileParams = z.object({ id: z.uuid(), format: z.enum(REPORT_FORMATS) });

export const SourceInfo = z.object({ name: z.string(), domain: z.string(), title: LocalText, available: z.boolean() });

/**
 * A report generated again every month or every year (the 1st, 07:00 in Tokyo; a yearly schedule on the first day
 * of the fiscal year, for the year just ended) and mailed as a link to its recipients.
 */
export const REPORT_FREQUENCIES = ['monthly', 'yearly'] as const;

export const CreateScheduleBody = z
  .object({
    templateId: z.string().max(80),
    unitId: z.uuid().nullable().default(null),
    language: z.enum(['ja', 'en']),
    formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(3).default(['pdf', 'docx', 'xlsx']),
    frequency: z.enum(REPORT_FREQUENCIES),
    recipients: z.array(z.email().max(254)).min(1).max(20),
  })
  .strict();

export const ReportSchedule = z.object({
  id: z.string(),
  templateId: z.string(),
  title: z.string(),
  unit: z.object({ id: z.string(), name: LocalText }).nullable(),
  language: z.enum(['ja', 'en']),
  formats: z.array(z.enum(REPORT_FORMATS)),
  frequency: z.enum(REPORT_FREQUENCIES),
  recipients: z.array(z.string()),
  nextRunAt: z.string(),
  lastRunId: z.string().nullable(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;

// ----- the group overview (issue #22): the same figures per company, side by side -----

export const GroupOverviewQuery = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100).optional() });

/** One company's value of a figure: the figure's own definition computed on the company's subtree. */
export const CompanyFigureValue = z.object({
  unitId: z.uuid(),
  value: z.number().nullable(),
  rows: z.array(FigureRow),
});

export const GroupOverview = z.object({
  fiscalYear: z.number().int(),
  asOf: z.string(),
  /** the companies in the reader's scope, holding first; each column's figures include its affiliates */
  companies: z.array(
    z.object({
      unitId: z.uuid(),
      code: z.string(),
      nameJa: z.string(),
      nameEn: z.string(),
      parentCompanyId: z.uuid().nullable(),
      depth: z.number().int(),
    }),
  ),
  figures: z.array(
    Figure.pick({ source: true, domain: true, title: true, unit: true, columns: true, href: true }).extend({
      companies: z.array(CompanyFigureValue),
    }),
  ),
});
export type GroupOverview = z.infer<typeof GroupOverview>;
