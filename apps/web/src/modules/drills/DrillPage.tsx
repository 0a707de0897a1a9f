import { Badge, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { fiscalYearLabel } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import {
  cancelDrill,
  pct,
  queueDrill,
  useDrill,
  useDrillMutation,
  useRecipients,
  useResults,
  type Dimension,
  type DrillResultRow,
} from './api';
import { RateBar } from './Bars';

function ResultRow({ r, testId }: { r: DrillResultRow; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td>{i18n.language === 'ja' ? r.labelJa : r.labelEn}</Table.Td>
      <Table.Td>{r.delivered}</Table.Td>
      <Table.Td>
        <RateBar value={pct(r.opened, r.delivered)} color="blue.5" />
      </Table.Td>
      <Table.Td>
        <RateBar value={pct(r.clicked, r.delivered)} color="red.6" testId={testId ? `${testId}-click` : undefined} />
      </Table.Td>
      <Table.Td>
        <RateBar value={pct(r.reported, r.delivered)} color="teal.6" />
      </Table.Td>
      <Table.Td>{r.firstReportMinutes === null ? '—' : t('drillResults.minutes', { n: r.firstReportMinutes })}</Table.Td>
    </Table.Tr>
  );
}

/** Aggregate results per unit, role group or template; automated hits shown apart. */
function Results({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<Dimension>('unit');
  const res = useResults(id, by);
  const filtered = Object.entries(res.data?.filtered ?? {});
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={3}>{t('drillResults.title')}</Title>
          <Button
            component="a"
            variant="default"
            href={buildUrl(`/drills/${id}/results.xlsx`, { lang: i18n.language === 'ja' ? 'ja' : 'en' })}
            data-testid="drill-xlsx"
          >
            {t('drillResults.xlsx')}
          </Button>
        </Group>
        <SegmentedControl
          value={by}
          onChange={(v) => setBy(v as Dimension)}
          data={(['unit', 'role', 'template'] as const).map((d) => ({ value: d, label: t(`drillResults.by.${d}`) }))}
          data-testid="drill-results-by"
        />
        <ProblemAlert error={res.error} />
        <Table minWidth={700} data-testid="drill-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`drillResults.by.${by}`)}</Table.Th>
              <Table.Th>{t('drillResults.delivered')}</Table.Th>
              <Table.Th>{t('drillResults.openRate')}</Table.Th>
              <Table.Th>{t('drillResults.clickRate')}</Table.Th>
              <Table.Th>{t('drillResults.reportRate')}</Table.Th>
              <Table.Th>{t('drillResults.firstReport')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.data?.rows.map((r) => (
              <ResultRow key={r.key} r={r} />
            ))}
            {res.data && <ResultRow r={res.data.total} testId="drill-total" />}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          {t('drillResults.merged', { n: res.data?.minGroup ?? 5 })}
        </Text>
        <Text size="sm" data-testid="drill-filtered">
          {t('drillResults.filtered', { n: filtered.reduce((a, [, n]) => a + n, 0) })}{' '}
          {filtered.map(([k, n]) => `${t(`drillResults.reasons.${k}`)}: ${n}`).join(' · ')}
        </Text>
      </Stack>
    </Card>
  );
}

/** Each person's result: the security office only. */
function Recipients({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('clicked');
  const list = useRecipients(id, status, true);
  const ja = i18n.language === 'ja';
  const at = (s: string | null) => (s ? formatDateTime(s, i18n.language) : '—');
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('drillResults.people')}</Title>
        <Text size="sm" c="dimmed">
          {t('drillResults.peopleNote')}
        </Text>
        <Select
          label={t('drillResults.show')}
          value={status}
          allowDeselect={false}
          onChange={(v) => v && setStatus(v)}
          data={['clicked', 'reported', 'unsent', 'all'].map((s) => ({ value: s, label: t(`drillResults.showOpts.${s}`) }))}
          w={220}
        />
        <Table minWidth={700} striped data-testid="drill-people">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('drillResults.person')}</Table.Th>
              <Table.Th>{t('drillResults.by.unit')}</Table.Th>
              <Table.Th>{t('drillResults.sentAt')}</Table.Th>
              <Table.Th>{t('drillResults.clickedAt')}</Table.Th>
              <Table.Th>{t('drillResults.reportedAt')}</Table.Th>
              <Table.Th>{t('drillResults.automated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data?.items ?? []).map((p) => (
              <Table.Tr key={p.id} data-testid="drill-person">
                <Table.Td>{ja ? p.nameJa : p.nameEn}</Table.Td>
                <Table.Td>{ja ? p.unitNameJa : p.unitNameEn}</Table.Td>
                <Table.Td>{p.failed ? t('drillResults.failed') : at(p.sentAt)}</Table.Td>
                <Table.Td>{at(p.clickedAt)}</Table.Td>
                <Table.Td>{at(p.reportedAt)}</Table.Td>
                <Table.Td>{p.automatedHits}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** One drill: its design, its sending, its results. */
export function DrillPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const canManage = useCan('drills:manage');
  const drill = useDrill(id);
  const queue = useDrillMutation(queueDrill);
  const cancel = useDrillMutation(cancelDrill);
  const d = drill.data;
  const ja = i18n.language === 'ja';
  if (!d) return <ProblemAlert error={drill.error} />;
  return (
    <Stack>
      <Title order={2} data-testid="drill-title">
        {d.name}
      </Title>
      <Group>
        <Badge variant="light" data-testid="drill-status">
          {t(`drillsPage.statuses.${d.status}`)}
        </Badge>
        <Text size="sm">
          {fiscalYearLabel(d.fiscalYear, i18n.language)} · {formatDateTime(d.windowStart, i18n.language)} ·{' '}
          {t('drillsPage.hours', { n: d.windowHours })}
        </Text>
        <Text size="sm" data-testid="drill-sent">
          {t('drillsPage.sentOf', { sent: d.sent, total: d.recipients })}
        </Text>
      </Group>
      {canManage && (d.status === 'draft' || d.status === 'queued') && (
        <Group>
          {d.status === 'draft' && (
            <Button
              loading={queue.isPending}
              data-testid="drill-queue"
              onClick={() => queue.mutate(d, { onSuccess: () => notifySuccess(t('drillsPage.queued')) })}
            >
              {t('drillsPage.queue')}
            </Button>
          )}
          <Button variant="default" color="red" loading={cancel.isPending} onClick={() => cancel.mutate(d)}>
            {t('drillsPage.cancel')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={queue.error ?? cancel.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {d.templates.map((tp) => (
          <Card withBorder key={tp.id}>
            <Text size="sm" c="dimmed">
              {ja ? tp.ja.senderName : tp.en.senderName}
            </Text>
            <Text fw={600}>{ja ? tp.ja.subject : tp.en.subject}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {ja ? tp.ja.body : tp.en.body}
            </Text>
            {tp.attachmentName && <Text size="sm">📎 {tp.attachmentName}</Text>}
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm">
        {t('drillsPage.targets')}:{' '}
        {d.targets
          .map(
            (tg) =>
              `${tg.unitId ? ((ja ? tg.unitNameJa : tg.unitNameEn) ?? '') : t('drillsPage.wholeGroup')}${tg.roleGroup ? ` (${t(`drillsPage.roleGroups.${tg.roleGroup}`)})` : ''}`,
          )
          .join(', ')}
      </Text>
      {d.status !== 'draft' && <Results id={id} />}
      {canManage && d.status !== 'draft' && <Recipients id={id} />}
    </Stack>
  );
}
