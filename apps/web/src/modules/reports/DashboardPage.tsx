import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useDashboard } from './api';
import { AttentionPanel } from './AttentionPanel';
import { FigureCard } from './FigureCard';

/**
 * The programme at a glance (issue #15): the reader's view — group for the CISO and the security office, a site for
 * a site office, an organisation for its head — in one request, each figure drilling into its list.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const current = fiscalYearOf(new Date());
  const [fiscalYear, setFiscalYear] = useState(current);
  const [unitId, setUnitId] = useState<string | null>(null);
  const query = { fiscalYear, unitId };
  const d = useDashboard(query);
  return (
    <Stack>
      <Title order={2}>{t('reportsUi.dashboard.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('reportsUi.fiscalYear')}
          data={Array.from({ length: 5 }, (_, i) => ({
            value: String(current - i),
            label: fiscalYearLabel(current - i, i18n.language),
          }))}
          value={String(fiscalYear)}
          onChange={(v) => v && setFiscalYear(Number(v))}
          allowDeselect={false}
          w={140}
          data-testid="dashboard-fy"
        />
        <OrgUnitSelect label={t('reportsUi.scopeUnit')} value={unitId} onChange={setUnitId} clearable testId="dashboard-unit" />
      </Group>
      {d.data && (
        <Text size="sm" c="dimmed" data-testid="dashboard-scope">
          {t(`reportsUi.dashboard.view.${d.data.view}`)} ·{' '}
          {d.data.scope.kind === 'group'
            ? t('reportsUi.wholeGroup')
            : d.data.scope.units.map((u) => name({ nameJa: u.name.ja, nameEn: u.name.en })).join('、')}{' '}
          · {t('reportsUi.asOf', { at: formatDateTime(d.data.asOf, i18n.language) })}
        </Text>
      )}
      {d.error && <ProblemAlert error={d.error} />}
      <AttentionPanel />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {d.data?.figures.map((f) => (
          <FigureCard key={f.source} figure={f} query={query} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
