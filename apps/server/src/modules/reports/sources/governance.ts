import type { Scope } from '../../../platform/access/scope';
import { auditProgrammeSummary } from '../../audits/service';
import { planProgressSummary } from '../../plans/service';
import { trainingCompletionEach, trainingCompletionSummary } from '../../training/service';
import { registerSource, t, type SourceResult } from './registry';

/**
 * Figures of the governance and education domains (issues #12, #13): plan completion, training completion and
 * internal-audit findings, each read through its domain's service.ts once per subtree of the reader's scope (a
 * site office: its site; the CISO: the group) and summed. The domains' summaries take one subtree each.
 */

/** The subtrees to read: null = the whole group; none for a scope without any. */
const subtrees = (scope: Scope): (string | null)[] => (scope.kind === 'all' ? [null] : scope.kind === 'none' ? [] : scope.paths);
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

registerSource({
  name: 'plans.completion',
  domain: 'plans',
  title: t('年間活動計画の達成状況', 'Yearly plan completion'),
  unit: 'percent',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/plan-progress',
  snapshot: true,
  async load({ db, scope, fiscalYear }) {
    let total = 0;
    let done = 0;
    let late = 0;
    for (const unitPath of subtrees(scope)) {
      const p = await planProgressSummary(db, { fiscalYear, unitPath });
      total += p.total;
      done += p.done;
      late += p.late;
    }
    return {
      value: pct(done, total),
      previous: null,
      columns: [{ key: 'tasks', label: t('タスク数', 'Tasks') }],
      rows: [
        { key: 'done', label: t('完了', 'Done'), values: [done] },
        { key: 'open', label: t('未完了(期限内)', 'Open, not late'), values: [total - done - late] },
        { key: 'late', label: t('期限超過', 'Late'), values: [late] },
      ],
    };
  },
});

registerSource({
  name: 'training.completion',
  domain: 'training',
  title: t('教育の修了状況', 'Training completion'),
  unit: 'percent',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/training/completion',
  snapshot: true,
  async load({ db, scope }) {
    let assigned = 0;
    let passed = 0;
    let overdue = 0;
    for (const unitPath of subtrees(scope)) {
      const s = await trainingCompletionSummary(db, unitPath);
      assigned += s.assigned;
      passed += s.passed;
      overdue += s.overdue;
    }
    return trainingFigure(assigned, passed, overdue);
  },
  async loadEach({ db, paths }) {
    return (await trainingCompletionEach(db, paths)).map((s) => trainingFigure(s.assigned, s.passed, s.overdue));
  },
});

function trainingFigure(assigned: number, passed: number, overdue: number): SourceResult {
  return {
    value: pct(passed, assigned),
    previous: null,
    columns: [{ key: 'n', label: t('受講者数', 'Assignments') }],
    rows: [
      { key: 'passed', label: t('修了', 'Passed'), values: [passed] },
      { key: 'open', label: t('受講中(期限内)', 'Open, not overdue'), values: [assigned - passed - overdue] },
      { key: 'overdue', label: t('期限超過', 'Overdue'), values: [overdue] },
    ],
  };
}

registerSource({
  name: 'audits.findings',
  domain: 'audits',
  title: t('内部監査の指摘事項(未完了)', 'Open internal-audit findings'),
  unit: 'count',
  chart: 'bar',
  trendPeriod: 'month',
  href: '/audit-findings',
  snapshot: true,
  async load({ db, scope, fiscalYear }) {
    const sum = { audits: 0, done: 0, major: 0, minor: 0, open: 0, overdue: 0 };
    for (const unitPath of subtrees(scope)) {
      const a = await auditProgrammeSummary(db, { fiscalYear, unitPath: unitPath ?? '/' });
      sum.audits += a.audits.total;
      sum.done += a.audits.reported + a.audits.closed;
      sum.major += a.findings.major;
      sum.minor += a.findings.minor;
      sum.open += a.openNonconformities;
      sum.overdue += a.overdueNonconformities;
    }
    return {
      value: sum.open,
      previous: null,
      columns: [{ key: 'n', label: t('件数', 'Count') }],
      rows: [
        { key: 'audits', label: t('監査(年度)', 'Audits this year'), values: [sum.audits] },
        { key: 'done', label: t('報告済みの監査', 'Audits reported'), values: [sum.done] },
        { key: 'major', label: t('重大な不適合', 'Major nonconformities'), values: [sum.major] },
        { key: 'minor', label: t('軽微な不適合', 'Minor nonconformities'), values: [sum.minor] },
        { key: 'open', label: t('未完了の不適合', 'Nonconformities open'), values: [sum.open] },
        { key: 'overdue', label: t('期限超過の不適合', 'Nonconformities overdue'), values: [sum.overdue] },
      ],
    };
  },
});
