import { Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useR155Catalog, useR155Coverage, useTaraChange, type TaraAnalysis } from './api';
import { FormModal } from './FormModal';

const STATUS_COLORS = { considered: 'green', not_applicable: 'gray', open: 'orange' } as const;
type Status = keyof typeof STATUS_COLORS;

/**
 * The UN R155 Annex 5 coverage check: for each Part A threat, whether a threat scenario considers it, the analysis
 * rules it out with a reason, or it is still open; with the counts. Ruling out and taking back go through the
 * workspace's If-Match like every other change.
 */
export function R155Panel({ analysis, canManage }: { analysis: TaraAnalysis; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const catalog = useR155Catalog();
  const coverage = useR155Coverage(analysis.id);
  const change = useTaraChange(analysis);
  const [filter, setFilter] = useState<Status | 'all'>('open');
  const [excluding, setExcluding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (catalog.isPending || coverage.isPending) return <Loader />;
  if (!catalog.data || !coverage.data) return <ProblemAlert error={catalog.error ?? coverage.error} />;
  const titles = new Map(catalog.data.threats.map((x) => [x.code, x.title[lang]]));
  const threatTitle = new Map(analysis.threatScenarios.map((x) => [x.id, x.title]));
  const { counts } = coverage.data;
  const items = coverage.data.items.filter((i) => filter === 'all' || i.status === filter);
  return (
    <Paper withBorder p="md" data-testid="tara-r155">
      <Stack>
        <Title order={3}>{t('taraPages.r155.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('taraPages.r155.intro')}
        </Text>
        <Group gap="xs" data-testid="tara-r155-counts">
          <Badge variant="light" color="green">
            {t('taraPages.r155.status.considered')}: {counts.considered}
          </Badge>
          <Badge variant="light" color="gray">
            {t('taraPages.r155.status.not_applicable')}: {counts.notApplicable}
          </Badge>
          <Badge variant="light" color="orange">
            {t('taraPages.r155.status.open')}: {counts.open}
          </Badge>
          <Text size="sm">{t('taraPages.r155.total', { total: counts.total })}</Text>
        </Group>
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v as Status | 'all')}
          aria-label={t('taraPages.r155.filter')}
          data={(['open', 'considered', 'not_applicable', 'all'] as const).map((v) => ({
            value: v,
            label: v === 'all' ? t('taraPages.r155.all') : t(`taraPages.r155.status.${v}`),
          }))}
        />
        <ProblemAlert error={change.error} />
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('taraPages.r155.code')}</Table.Th>
              <Table.Th>{t('taraPages.r155.threat')}</Table.Th>
              <Table.Th>{t('taraPages.r155.statusLabel')}</Table.Th>
              <Table.Th>{t('taraPages.r155.record')}</Table.Th>
              {canManage && <Table.Th>{t('taraPages.r155.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.code} data-testid="tara-r155-row">
                <Table.Td>{i.code}</Table.Td>
                <Table.Td>{titles.get(i.code)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLORS[i.status]}>
                    {t(`taraPages.r155.status.${i.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {i.status === 'considered' ? i.threatIds.map((id) => threatTitle.get(id)).join(', ') : (i.reason ?? '—')}
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    {i.status === 'open' && (
                      <Button size="xs" variant="default" onClick={() => (setExcluding(i.code), setReason(''))}>
                        {t('taraPages.r155.exclude')}
                      </Button>
                    )}
                    {i.status === 'not_applicable' && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={change.isPending}
                        onClick={() => change.mutate({ method: 'DELETE', path: `/r155-exclusions/${i.code}` })}
                      >
                        {t('taraPages.r155.include')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {excluding && (
        <FormModal
          title={t('taraPages.r155.excludeTitle', { code: excluding })}
          testId="tara-r155-exclude"
          error={change.error}
          pending={change.isPending}
          onClose={() => setExcluding(null)}
          onSubmit={() =>
            change.mutate(
              { method: 'PUT', path: `/r155-exclusions/${excluding}`, json: { reason } },
              { onSuccess: () => setExcluding(null) },
            )
          }
        >
          <Text size="sm">{titles.get(excluding)}</Text>
          <Textarea
            label={t('taraPages.r155.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
          />
        </FormModal>
      )}
    </Paper>
  );
}
