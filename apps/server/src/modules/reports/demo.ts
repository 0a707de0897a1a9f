import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import type { DemoLoader } from '../../demo/types';
import { daysAgo } from '../../demo/types';
import { enqueue } from '../../platform/jobs/queue';
import { reportGenerateJob } from './generate/service';
import { nextSlot } from './schedules/service';
import { demoSnapshots } from './snapshots/demo';
import { reportRuns, reportSchedules } from './tables';
import { builtInTemplates } from './templates/service';

/**
 * The demo ships one generated report: the group's yearly information-security report in Japanese, for the fiscal
 * year holding most of the demo's year of records (the one of six months ago), asked by the demo CISO. It is queued
 * in the demo's transaction and written by the job runner once the server runs (a few seconds), so the load stays
 * quick; any other year, scope or language is generated from the Reports page. The monthly CISO summary is scheduled.
 */
export const reportsDemoLoader: DemoLoader = {
  name: 'reports',
  async load(ctx) {
    const ciso = ctx.users.find((u) => u.roles.includes('ciso'));
    if (!ciso) return ['reports: skipped (no CISO account)'];
    const tpl = builtInTemplates().get('yearly-security-report')!;
    const fy = fiscalYearOf(daysAgo(ctx.now, 182));
    const [run] = await ctx.tx
      .insert(reportRuns)
      .values({
        templateId: tpl.id,
        title: `${tpl.definition.title.ja} ${fiscalYearLabel(fy, 'ja')}`,
        definition: tpl.definition,
        fiscalYear: fy,
        unitId: null,
        scopePaths: [],
        readPath: '',
        language: 'ja',
        formats: ['pdf', 'docx', 'xlsx'],
        generatedBy: ciso.user.id,
        generatedByName: ciso.user.name,
      })
      .returning();
    await enqueue(ctx.tx, reportGenerateJob, { runId: run!.id });
    await ctx.audit({
      action: 'report.request',
      targetType: 'report',
      targetId: run!.id,
      after: { templateId: tpl.id, fiscalYear: fy, language: 'ja' },
    });
    // The CISO's monthly summary, scheduled for the 1st and mailed to the CISO (the Reports page lists it).
    await ctx.tx.insert(reportSchedules).values({
      templateId: 'monthly-ciso-summary',
      unitId: null,
      scopePaths: [],
      readPath: '',
      language: 'ja',
      formats: ['pdf', 'xlsx'],
      frequency: 'monthly',
      recipients: [ciso.user.email],
      nextRunAt: nextSlot('monthly', ctx.now),
      createdBy: ciso.user.id,
      createdByName: ciso.user.name,
    });
    const trends = await demoSnapshots(ctx);
    return [
      trends,
      `reports: the ${fiscalYearLabel(fy, 'en')} yearly report queued (written by the job runner); the monthly CISO summary scheduled`,
    ];
  },
};
