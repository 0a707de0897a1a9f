import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { CRA_DRAFT_STAGES } from '@mamori/contracts';
import { useState } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { formatDateTime, formatMinute } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { TimeLeft } from '../incidents/badges';
import { type CraDeadline, type CraReporting, useCraReporting } from './cra-api';
import { FixForm, MarkForm, SubmissionForm } from './CraForms';
import { CraSavedDrafts } from './CraSavedDrafts';
import { CraUserNoticeBlock } from './CraUserNotice';

const COLOR: Record<CraDeadline['status'], string> = {
  waiting: 'gray',
  pending: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  met: 'green',
  met_late: 'yellow',
};

/**
 * EU Cyber Resilience Act art. 14 reporting of the case: marked actively exploited (or a severe incident), each
 * stage's clock (early warning, notification, final report) with its due time, and the submissions recorded.
 */
export function CraPanel({ caseId, canReport }: { caseId: string; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const query = useCraReporting(caseId);
  const [marking, setMarking] = useState(false);
  const data = query.data;
  return (
    <Paper withBorder p="md" data-testid="cra-panel">
      <Title order={4} mb="sm">
        {t('cra.title')}
      </Title>
      <ProblemAlert error={query.error} />
      {data && !data.reporting && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('cra.notMarked')}
          </Text>
          {canReport &&
            (marking ? (
              <MarkForm caseId={caseId} onDone={() => setMarking(false)} />
            ) : (
              <Group>
                <Button size="xs" color="red" onClick={() => setMarking(true)} data-testid="cra-mark">
                  {t('cra.mark')}
                </Button>
              </Group>
            ))}
        </Stack>
      )}
      {data?.reporting && (
        <Stack>
          <Summary reporting={data.reporting} lang={i18n.language} />
          {data.reporting.regime === 'cra-exploited-vulnerability' && (
            <FixBlock caseId={caseId} reporting={data.reporting} canReport={canReport} />
          )}
          {groups(data, t, i18n.language).map((g) => (
            <Stack key={g.key} gap="xs" data-testid={`cra-product-${g.code}`}>
              <Text fw={700} size="sm">
                {g.title}
              </Text>
              {g.deadlines.map((d) => (
                <StageRow key={d.id} caseId={caseId} d={d} canReport={canReport} />
              ))}
            </Stack>
          ))}
          <NoClockList products={data.products} />
          <DraftLinks caseId={caseId} />
          <CraSavedDrafts caseId={caseId} products={data.products} canReport={canReport} />
          <CraUserNoticeBlock caseId={caseId} data={data} canReport={canReport} />
        </Stack>
      )}
      {data && !data.reporting && <NoClockList products={data.products} />}
    </Paper>
  );
}

type Reporting = NonNullable<CraReporting['reporting']>;

/** The stages grouped by the product they run for (case-wide ones, from before clocks were per product, first). */
function groups(data: CraReporting, t: TFunction, lang: string) {
  const byId = new Map(data.products.map((p) => [p.productId, p]));
  const out: { key: string; code: string; title: string; deadlines: CraDeadline[] }[] = [];
  for (const d of data.deadlines) {
    const key = d.productId ?? 'case';
    let g = out.find((x) => x.key === key);
    if (!g) {
      const p = d.productId ? byId.get(d.productId) : undefined;
      const title = p
        ? `${p.code} ${lang === 'ja' ? p.nameJa : p.nameEn}${p.mainEstablishment ? ` · ${t('cra.coordinator', { state: p.mainEstablishment })}` : ''}`
        : t('cra.caseWide');
      g = { key, code: p?.code ?? 'case', title, deadlines: [] };
      out.push(g);
    }
    g.deadlines.push(d);
  }
  return out;
}

/** The case's products without clocks, each with the reason (not affected, not in scope, not on the EU market). */
function NoClockList({ products }: { products: CraReporting['products'] }) {
  const { t, i18n } = useTranslation();
  const none = products.filter((p) => p.noClockReason);
  if (!none.length) return null;
  return (
    <Stack gap={2} data-testid="cra-no-clock">
      <Text size="sm" fw={600}>
        {t('cra.noClockTitle')}
      </Text>
      {none.map((p) => (
        <Text size="sm" c="dimmed" key={p.productId} data-testid={`cra-no-clock-${p.code}`}>
          {p.code} {i18n.language === 'ja' ? p.nameJa : p.nameEn}: {t(`cra.noClock.${p.noClockReason}`)}
        </Text>
      ))}
    </Stack>
  );
}

/** Report drafts generated from the case, per stage: JSON (for the platform's fields) and PDF in ja or en. */
function DraftLinks({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  return (
    <Stack gap={4} data-testid="cra-drafts">
      <Text size="sm" fw={600}>
        {t('cra.drafts')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('cra.draftsHelp')}
      </Text>
      <Group gap="xs">
        {CRA_DRAFT_STAGES.map((stage) => (
          <Group gap={4} key={stage}>
            <Text size="sm">{t(`cra.draftStage.${stage}`)}:</Text>
            <Anchor
              size="sm"
              href={buildUrl(`/vulnerabilities/${caseId}/cra-reporting/drafts/${stage}`, { lang })}
              download={`cra-${stage}.json`}
              aria-label={`${t(`cra.draftStage.${stage}`)} JSON`}
              data-testid={`cra-draft-json-${stage}`}
            >
              JSON
            </Anchor>
            <Anchor
              size="sm"
              href={buildUrl(`/vulnerabilities/${caseId}/cra-reporting/drafts/${stage}/pdf`, { lang })}
              aria-label={`${t(`cra.draftStage.${stage}`)} PDF`}
              data-testid={`cra-draft-pdf-${stage}`}
            >
              PDF
            </Anchor>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

function Summary({ reporting: r, lang }: { reporting: Reporting; lang: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="cra-summary">
      <Group gap="xs">
        <Badge color="red" data-testid="cra-regime">
          {t(`cra.regime.${r.regime}`)}
        </Badge>
        <Text size="sm">{t('cra.awareAt', { at: formatDateTime(r.awareAt, lang) })}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {t('cra.evidence')}: {r.evidence}
      </Text>
    </Stack>
  );
}

function FixBlock({ caseId, reporting: r, canReport }: { caseId: string; reporting: Reporting; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="xs" data-testid="cra-fix">
      <Text size="sm">
        {r.fixAvailableAt ? (
          <span data-testid="cra-fix-at">
            {t('cra.fixAvailableAt', { at: formatDateTime(r.fixAvailableAt, i18n.language) })}
            {r.fixNote ? ` — ${r.fixNote}` : ''}
          </span>
        ) : (
          t('cra.noFixYet')
        )}
      </Text>
      {canReport &&
        (editing ? (
          <FixForm caseId={caseId} initial={r.fixAvailableAt} onDone={() => setEditing(false)} />
        ) : (
          <Group>
            <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="cra-fix-open">
              {r.fixAvailableAt ? t('cra.fixChange') : t('cra.fixRecord')}
            </Button>
          </Group>
        ))}
    </Stack>
  );
}

function StageRow({ caseId, d, canReport }: { caseId: string; d: CraDeadline; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [open, setOpen] = useState(false);
  const running = !d.submission && d.dueAt !== null;
  return (
    <Paper withBorder p="sm" data-testid={`cra-stage-${d.ruleId}`} data-status={d.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ flex: 1 }}>
          <Text fw={600}>{d.title[lang]}</Text>
          <Text size="sm" c="dimmed">
            {t('cra.to')}: {d.recipient[lang]} · {d.source}
          </Text>
          {d.dueAt ? (
            <Text size="sm" data-testid="cra-stage-due">
              {t('cra.due')}: {formatMinute(d.dueAt, i18n.language)} {running && <TimeLeft dueAt={d.dueAt} ms={d.timeLeftMs} />}
            </Text>
          ) : (
            d.waitingFor && (
              <Text size="sm" c="dimmed" data-testid="cra-stage-waiting">
                {t('cra.waitingFor', { what: d.waitingFor[lang] })}
              </Text>
            )
          )}
          {d.submission && (
            <Text size="sm" data-testid="cra-stage-submission">
              {t('cra.submitted', {
                at: formatDateTime(d.submission.submittedAt, i18n.language),
                to: t(`cra.recipient.${d.submission.recipient}`),
                reference: d.submission.reference,
              })}
            </Text>
          )}
          {d.checkWithLegal && d.interpretation && (
            <Text size="xs" c="dimmed">
              {t('cra.checkWithLegal')}: {d.interpretation[lang]}
            </Text>
          )}
        </Stack>
        <Badge color={COLOR[d.status]} data-testid="cra-stage-status">
          {t(`cra.status.${d.status}`)}
        </Badge>
      </Group>
      {canReport && running && !open && (
        <Group mt="xs">
          <Button size="xs" onClick={() => setOpen(true)} data-testid="cra-submit-open">
            {t('cra.recordSubmission')}
          </Button>
        </Group>
      )}
      {open && <SubmissionForm caseId={caseId} ruleId={d.ruleId} productId={d.productId} onDone={() => setOpen(false)} />}
    </Paper>
  );
}
