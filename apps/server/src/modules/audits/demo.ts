import { fiscalYearOf } from '@mamori/contracts';
import type { DemoContext, DemoLoader, UnitRow } from '../../demo/types';
import { DEMO_CODE } from '../org/demo-data';
import { buildChecklist } from './audit-conduct';
import { todayTokyo } from './auditors';
import { addDays } from './findings';
import { auditChecklistItems, auditFindings, auditProgrammes, internalAuditors, internalAudits } from './tables';

type AuditRow = typeof internalAudits.$inferSelect;
type FindingType = 'major' | 'minor' | 'observation' | 'good_practice';

/** Fictional findings (ja / en in one text, as the demo's other records): reference, statement. */
const FINDINGS: Record<FindingType, [string, string][]> = {
  major: [
    ['8.13', 'バックアップの復元テストが1年以上実施されていない。 / Backups have not been test-restored for over a year.'],
    ['5.18', '退職者3名のアカウントが退職後も有効なままだった。 / Accounts of three leavers were still active after they left.'],
    ['6.1.2', '今年度のリスクアセスメントが実施されていない。 / This year’s risk assessment has not been carried out.'],
  ],
  minor: [
    ['7.7', '執務室の机上に顧客図面が放置されていた。 / Customer drawings were left on desks in the office.'],
    ['5.9', '情報資産台帳に管理者未設定の資産が5件ある。 / Five assets in the ledger have no owner.'],
    ['7.2', '教育未受講者2名へのフォローが記録されていない。 / No follow-up is recorded for two people who missed the training.'],
    ['8.7', '共有PC1台のウイルス定義が2か月更新されていない。 / One shared PC’s malware signatures were two months old.'],
    [
      '5.14',
      '社外へのファイル送付でパスワード別送ルールが守られていない事例があった。 / Files were sent outside without the rule of sending the password separately.',
    ],
    ['7.5', '手順書の版数と承認日が記載されていない。 / The procedure shows no version or approval date.'],
  ],
  observation: [
    [
      '5.10',
      '持ち出し申請の記載が簡略で、持ち出し先が特定しにくい。 / Take-out requests are terse; the destination is hard to tell.',
    ],
    [
      '7.3',
      'ヒヤリハットの報告先を即答できないメンバーがいた。 / Some members could not say at once where to report a near miss.',
    ],
    ['8.1', '入退室記録の確認が月次ではなく四半期ごとになっている。 / Entry logs are reviewed quarterly rather than monthly.'],
  ],
  good_practice: [
    ['7.7', '毎週金曜にクリアデスク点検を行い、結果を掲示している。 / A clear-desk check every Friday, with the results posted.'],
    [
      '6.3',
      '推進リーダーが独自の5分間ミニ教育を毎月実施している。 / The promotion leader runs a five-minute security talk every month.',
    ],
  ],
};

const CAUSES = [
  [
    '担当者の異動時に引継ぎ項目に含まれていなかった。 / The task was not in the hand-over list when the person in charge moved.',
    [
      'なぜ実施されなかったか: 担当者が不在だった',
      'なぜ不在だったか: 異動時の引継ぎ項目になかった',
      'なぜ項目になかったか: 引継ぎチェックリストが未整備',
    ],
  ],
  [
    'ルールは周知されていたが、確認する仕組みがなかった。 / The rule was known but nothing checked that it was followed.',
    ['なぜ守られなかったか: 忙しい時期に省略された', 'なぜ省略できたか: 実施確認の仕組みがない'],
  ],
  [
    '手順書が古く、現在のシステム構成に合っていなかった。 / The procedure was outdated and no longer matched the systems.',
    ['なぜ手順どおりでないか: 手順書が古い', 'なぜ古いか: 年次見直しの担当が決まっていない'],
  ],
] as const;
const PLANS = [
  '引継ぎチェックリストに追加し、部門内で周知する。月次の推進会議で実施状況を確認する。 / Add it to the hand-over checklist, brief the unit, and check it at the monthly meeting.',
  '週次の自己点検項目に追加し、推進リーダーが記録を確認する。 / Add it to the weekly self-check; the promotion leader reviews the records.',
  '手順書を改訂し、年次見直しの担当者と時期を定める。 / Revise the procedure and name who reviews it each year, and when.',
];

/** Units that are audited: every site (its shared facilities and site office), department and section of the demo group. */
const auditable = (ctx: DemoContext) =>
  [...ctx.units.values()].filter(
    (u) => u.code.startsWith(DEMO_CODE) && (u.kind === 'site' || u.kind === 'department' || u.kind === 'section'),
  );

/**
 * The internal-audit demo: a register of qualified auditors (the auditor role holders and a few more people),
 * last year's programme (all closed: the rotation has history) and this year's programme with two audits per
 * department and section (first half and second half) in every state, findings of every type, and corrective
 * actions waiting, under way, overdue, reopened and closed. Rows go in by sets.
 */
export const auditsDemoLoader: DemoLoader = {
  name: 'audits',
  async load(ctx) {
    const { random, tx, now } = ctx;
    const today = todayTokyo(now);
    const fy = fiscalYearOf(now);
    const group = ctx.units.get(DEMO_CODE)!;
    const office = ctx.users.find((u) => u.roles.includes('security_office'))?.user ?? null;

    // the register: every holder of the auditor role (accounts to sign in with), and eight more qualified people
    const roleHolders = ctx.users.filter((u) => u.roles.includes('auditor')).map((u) => u.person);
    const others = ctx.people.filter((p) => p.status === 'active' && !roleHolders.includes(p));
    const extra = Array.from({ length: 8 }, (_, i) => others[(i * 37 + 11) % others.length]!).filter(
      (p, i, all) => all.indexOf(p) === i,
    );
    const training = (year: number) => [
      {
        date: `${year}-02-14`,
        title: 'ISO/IEC 27001 内部監査員養成研修(2日間) / ISO/IEC 27001 internal auditor course (2 days)',
        hours: 14,
      },
      { date: `${year + 2}-06-20`, title: '内部監査員 更新研修 / Internal auditor refresher', hours: 3 },
    ];
    const registered = await tx
      .insert(internalAuditors)
      .values([
        ...roleHolders.map((p, i) => ({
          personId: p.id,
          qualifiedOn: `${fy - 4 + (i % 3)}-03-01`,
          expiresOn: `${fy + 2 + (i % 2)}-03-31`,
          qualificationSource: 'training' as const,
          training: training(fy - 4 + (i % 3)),
        })),
        ...extra.map((p, i) => ({
          personId: p.id,
          qualifiedOn: `${fy - 3 + (i % 2)}-03-01`,
          // two whose qualification ran out: the register shows them, assignments refuse them
          expiresOn: i < 2 ? `${fy}-09-30` : `${fy + 1 + (i % 3)}-03-31`,
          qualificationSource: 'manual' as const,
          training: training(fy - 3 + (i % 2)).slice(0, 1),
          notes: i < 2 ? '更新研修 未受講 / Refresher not yet taken' : '',
        })),
      ])
      .returning();
    const byPerson = new Map(registered.map((a) => [a.personId, a]));
    const leads = roleHolders.map((p) => ({ id: byPerson.get(p.id)!.id, path: unitPath(ctx, p.orgUnitId) }));
    const valid = registered
      .filter((a) => a.expiresOn >= `${fy + 1}-03-31`)
      .map((a) => ({ id: a.id, path: unitPath(ctx, ctx.people.find((p) => p.id === a.personId)!.orgUnitId) }));
    const independent = (pool: { id: string; path: string | null }[], unit: UnitRow) =>
      pool.filter((a) => !a.path || !(a.path.startsWith(unit.path) || unit.path.startsWith(a.path)));

    const [lastYear, thisYear] = await tx
      .insert(auditProgrammes)
      .values([
        {
          fiscalYear: fy - 1,
          scopeUnitId: group.id,
          scopePath: group.path,
          title: `${fy - 1}年度 内部監査プログラム / FY${fy - 1} internal audit programme`,
          createdBy: office?.id ?? null,
          createdAt: new Date(`${fy - 1}-03-10T09:00:00+09:00`),
        },
        {
          fiscalYear: fy,
          scopeUnitId: group.id,
          scopePath: group.path,
          title: `${fy}年度 内部監査プログラム / FY${fy} internal audit programme`,
          createdBy: office?.id ?? null,
          createdAt: new Date(`${fy}-03-12T09:00:00+09:00`),
        },
      ])
      .returning();

    const units = auditable(ctx);
    type NewAudit = typeof internalAudits.$inferInsert;
    const planned: NewAudit[] = [];
    const plan = (programme: typeof lastYear, unit: UnitRow, from: string, state: AuditRow['state']) => {
      const team = independent(leads, unit);
      const lead = team[random.int(0, team.length - 1)] ?? leads[0]!;
      const coPool = independent(valid, unit).filter((a) => a.id !== lead.id);
      const co = random.chance(0.6) && coPool.length ? [coPool[random.int(0, coPool.length - 1)]!.id] : [];
      const to = addDays(from, random.int(0, 1));
      const stamp = (d: string) => new Date(`${d}T17:00:00+09:00`);
      planned.push({
        programmeId: programme!.id,
        fiscalYear: programme!.fiscalYear,
        unitId: unit.id,
        unitPath: unit.path,
        state,
        mode: random.chance(0.25) ? 'remote' : 'on_site',
        plannedFrom: from,
        plannedTo: to,
        leadAuditorId: lead.id,
        coAuditorIds: co,
        scope:
          '情報セキュリティマネジメントシステム全般(規程の遵守状況、情報資産管理、教育、インシデント対応) / The ISMS as a whole: rules, asset management, training, incident handling',
        conclusion:
          state === 'reported' || state === 'closed'
            ? random.pick([
                '概ね適合している。資産台帳の維持に改善の余地がある。 / Largely conforming; keeping the asset ledger current needs work.',
                '適合。推進リーダーを中心に自主的な取り組みが定着している。 / Conforming; the promotion leader drives good habits.',
                '一部に不適合あり。是正処置の確実な実施を求める。 / Some nonconformities; corrective actions must be carried through.',
              ])
            : '',
        interviews:
          state === 'planned'
            ? []
            : [
                {
                  name: '組織責任者 / Organisation head',
                  role: '部門長 / Head of unit',
                  heldOn: from,
                  notes: '体制と年間計画の進捗を確認。 / Roles and progress of the yearly plan.',
                },
                {
                  name: '推進リーダー / Promotion leader',
                  role: '推進リーダー / Promotion leader',
                  heldOn: from,
                  notes: '資産台帳と教育記録を確認。 / Asset ledger and training records.',
                },
              ],
        startedAt: state === 'planned' ? null : stamp(from),
        reportedAt: state === 'reported' || state === 'closed' ? stamp(addDays(to, 7)) : null,
        closedAt: state === 'closed' ? stamp(addDays(to, 21)) : null,
        createdAt: programme!.createdAt,
        updatedAt: stamp(state === 'planned' ? programme!.createdAt.toISOString().slice(0, 10) : addDays(to, 7)),
      });
    };
    // a day of the fiscal year, spread over the audit season of each half (working days only)
    const dayIn = (fyStart: number, monthOffset: number, i: number) => {
      let d = new Date(Date.UTC(fyStart, 3 + monthOffset, 1 + ((i * 3) % 26)));
      while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() + 86_400_000);
      return d.toISOString().slice(0, 10);
    };
    // last year: most units, all closed (one in six never audited, for the rotation's proposals)
    units.forEach((unit, i) => {
      if (i % 6 !== 5) plan(lastYear, unit, dayIn(fy - 1, 4 + (i % 6), i), 'closed');
    });
    // this year: every unit twice, first half (Apr–Sep) and second half (Oct–Mar); state follows the calendar
    // One department's second-half audit is under way today whatever the date, so that an auditor and the
    // department's head always have an audit in progress to work on (the e2e scenario and a newcomer's first look).
    const underWay = units.find((u) => u.kind === 'department');
    units.forEach((unit, i) => {
      for (const [half, offset] of [
        [0, 1 + (i % 5)],
        [1, 6 + (i % 5)],
      ] as const) {
        const from = unit === underWay && half === 1 ? addDays(today, -2) : dayIn(fy, offset, i + half);
        const state: AuditRow['state'] =
          from > today
            ? 'planned'
            : addDays(from, 10) > today
              ? 'in_progress'
              : addDays(from, 40) > today || i % 4 === 0
                ? 'reported'
                : 'closed';
        plan(thisYear, unit, from, state);
      }
    });
    const audits: AuditRow[] = [];
    for (let i = 0; i < planned.length; i += 500)
      audits.push(
        ...(await tx
          .insert(internalAudits)
          .values(planned.slice(i, i + 500))
          .returning()),
      );

    // checklists of started audits, with results (a few nonconforming and observations)
    const items: (typeof auditChecklistItems.$inferInsert)[] = [];
    for (const a of audits.filter((x) => x.state !== 'planned')) {
      for (const item of await buildChecklist(tx, a)) {
        const r = random.int(1, 100);
        const done = a.state !== 'in_progress' || random.chance(0.5);
        items.push({
          ...item,
          result: !done ? null : r <= 82 ? 'conforming' : r <= 88 ? 'na' : r <= 95 ? 'observation' : 'nonconforming',
          notes: done && r > 88 ? '面談と記録で確認。 / Checked in interviews and records.' : '',
          updatedAt: done ? a.startedAt : null,
        });
      }
    }
    for (let i = 0; i < items.length; i += 1000) await tx.insert(auditChecklistItems).values(items.slice(i, i + 1000));

    // findings: on reported and closed audits (and a few in progress), every type; corrective actions in every state
    const findings: (typeof auditFindings.$inferInsert)[] = [];
    let n = 0;
    let current = 0;
    for (const a of audits.filter((x) => x.state !== 'planned')) {
      const count = a.state === 'in_progress' ? random.int(0, 1) : random.int(1, 3);
      for (let k = 1; k <= count; k++) {
        const type: FindingType = random.pick([
          'major',
          'minor',
          'minor',
          'minor',
          'observation',
          'observation',
          'good_practice',
        ] as const);
        const [reference, statement] = random.pick(FINDINGS[type]);
        const created = a.reportedAt ?? a.startedAt!;
        const day = created.toISOString().slice(0, 10);
        const base = {
          auditId: a.id,
          number: k,
          fiscalYear: a.fiscalYear,
          unitId: a.unitId,
          unitPath: a.unitPath,
          type,
          referenceKind:
            /^[5-8]\.\d+$/.test(reference) && !['6.1.2', '6.3', '7.2', '7.3', '7.5', '8.1'].includes(reference)
              ? ('control' as const)
              : ('clause' as const),
          reference,
          statement,
          evidence: '現地確認および面談記録 / On-site check and interview notes',
          createdBy: null,
          createdAt: created,
          updatedAt: created,
        };
        if (type === 'observation' || type === 'good_practice') {
          findings.push({ ...base, state: 'noted', dueDate: null });
          continue;
        }
        n++;
        const [cause, why] = random.pick(CAUSES);
        const answered = {
          rootCause: cause,
          whySteps: [...why],
          actionPlan: random.pick(PLANS),
          actionOwner: '推進リーダー / Promotion leader',
          answeredAt: new Date(created.getTime() + 14 * 86_400_000),
        };
        // last year's are all closed; this year's spread over waiting, under way, overdue, reopened and closed
        const mode =
          a.fiscalYear < fy || a.state === 'closed'
            ? n % 7 === 0
              ? 'answered'
              : 'closed'
            : // counted over this year's open audits only, so that every state is there whatever the random draw
              (['reopened', 'open', 'answered', 'overdueOpen', 'closed', 'answered', 'open', 'overdueAnswered'] as const)[
                current++ % 8
              ]!;
        if (mode === 'open') findings.push({ ...base, state: 'open', dueDate: addDays(today, random.int(5, 25)) });
        else if (mode === 'overdueOpen') findings.push({ ...base, state: 'open', dueDate: addDays(today, -random.int(3, 20)) });
        else if (mode === 'reopened')
          findings.push({
            ...base,
            state: 'open',
            dueDate: addDays(today, 10),
            reopenReason: '処置後も同じ事象が再発している。 / The same problem happened again after the action.',
          });
        else if (mode === 'answered' || mode === 'overdueAnswered')
          findings.push({
            ...base,
            ...answered,
            state: 'answered',
            dueDate: mode === 'overdueAnswered' ? addDays(today, -random.int(2, 15)) : addDays(today, random.int(10, 60)),
          });
        else
          findings.push({
            ...base,
            ...answered,
            state: 'closed',
            dueDate: addDays(day, 45),
            effectivenessCheck:
              '是正後の記録3か月分を確認し、再発がないことを確かめた。 / Three months of records after the action show no recurrence.',
            closedAt: new Date(created.getTime() + 60 * 86_400_000),
          });
      }
    }
    for (let i = 0; i < findings.length; i += 1000) await tx.insert(auditFindings).values(findings.slice(i, i + 1000));
    // a follow-up audit planned from one audit with open nonconformities
    const withOpen = findings.find((f) => f.state === 'open' && f.fiscalYear === fy);
    const source = audits.find((a) => a.id === withOpen?.auditId);
    if (source) {
      const from = addDays(today, 21) <= `${fy + 1}-03-31` ? addDays(today, 21) : `${fy + 1}-03-25`;
      await tx.insert(internalAudits).values({
        ...planned[audits.indexOf(source)]!,
        state: 'planned',
        plannedFrom: from,
        plannedTo: from,
        conclusion: '',
        interviews: [],
        startedAt: null,
        reportedAt: null,
        closedAt: null,
        coAuditorIds: [],
        followUpOf: source.id,
      });
    }
    await ctx.audit.many(
      [lastYear!, thisYear!].map((p) => ({
        action: 'audit_programme.create',
        targetType: 'audit_programme',
        targetId: p.id,
        orgPath: group.path,
        after: { fiscalYear: p.fiscalYear, audits: audits.filter((a) => a.programmeId === p.id).length },
      })),
    );
    const thisYears = audits.filter((a) => a.fiscalYear === fy);
    const count = (s: string) => thisYears.filter((a) => a.state === s).length;
    return [
      `internal audits: ${registered.length} qualified auditors; FY${fy} programme of ${thisYears.length + (source ? 1 : 0)} audits (${count('planned')} planned, ${count('in_progress')} in progress, ${count('reported')} reported, ${count('closed')} closed), ${findings.length} findings, FY${fy - 1} closed`,
    ];
  },
};

function unitPath(ctx: DemoContext, unitId: string | null): string | null {
  if (!unitId) return null;
  for (const u of ctx.units.values()) if (u.id === unitId) return u.path;
  return null;
}
