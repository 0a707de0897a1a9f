import { Badge, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { formatMinute, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { SeverityBadge, StatusBadge } from '../incidents/badges';
import { INCIDENT_TYPES, pick } from '../incidents/catalog';
import { useGroupIncidents, useSharingRule, type GroupIncident } from './api';

function RuleLine() {
  const { t, i18n } = useTranslation();
  const rule = useSharingRule();
  if (!rule.data) return null;
  const r = rule.data.value;
  const extra = [
    r.personalData ? t('groupBoard.rulePersonal') : '',
    r.typeIds.length
      ? t('groupBoard.ruleTypes', { types: r.typeIds.map((id) => pick(INCIDENT_TYPES, id, i18n.language)).join(', ') })
      : '',
    r.regulatoryReportDue ? t('groupBoard.ruleRegulatory') : '',
  ].join('');
  return (
    <Text size="sm" data-testid="group-rule">
      {t('groupBoard.rule', { severity: t(`incidents.severity.${r.minSeverity}`), extra })}
    </Text>
  );
}

function Clocks({ g }: { g: GroupIncident }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const [now] = useState(() => Date.now());
  if (!g.clocks.length) return <Text size="xs">{t('groupBoard.noClock')}</Text>;
  return (
    <Stack gap={2}>
      {g.clocks.map((c) => {
        const late = !c.metAt && new Date(c.dueAt).getTime() < now;
        return (
          <Text key={c.ruleId + c.dueAt} size="xs" c={late ? 'red.9' : undefined} fw={late ? 700 : undefined}>
            {name({ nameJa: c.titleJa, nameEn: c.titleEn })}:{' '}
            {c.metAt
              ? t('groupBoard.met', { at: formatMinute(c.metAt, i18n.language) })
              : t('groupBoard.due', { at: formatMinute(c.dueAt, i18n.language) })}
          </Text>
        );
      })}
    </Stack>
  );
}

/** The holding CSIRT's board: every company's shared incidents with their clocks (only the shared fields). */
export function GroupIncidentsPage() {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const [state, setState] = useState('open');
  const [companyId, setCompanyId] = useState<string | null>(null);
  const all = useGroupIncidents({ state: 'all' });
  const list = useGroupIncidents({ state, companyId: companyId ?? undefined });
  const companies = [...new Map((all.data ?? []).filter((g) => g.company).map((g) => [g.company!.id, g.company!])).values()];
  return (
    <Stack>
      <Title order={2}>{t('groupBoard.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('groupBoard.intro')}
      </Text>
      <RuleLine />
      <Group wrap="wrap" align="flex-end">
        <SegmentedControl
          value={state}
          onChange={setState}
          data={['open', 'closed', 'all'].map((s) => ({ value: s, label: t(`groupBoard.state.${s}`) }))}
          aria-label={t('groupBoard.col.status')}
        />
        <Select
          aria-label={t('groupBoard.col.company')}
          placeholder={t('groupBoard.allCompanies')}
          clearable
          data={companies.map((c) => ({ value: c.id, label: name(c) }))}
          value={companyId}
          onChange={setCompanyId}
          w={260}
          maw="100%"
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isLoading && <Loader />}
      {list.data?.length === 0 && <Text c="dimmed">{t('groupBoard.none')}</Text>}
      {!!list.data?.length && (
        <Table striped data-testid="group-board" minWidth={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('groupBoard.col.number')}</Table.Th>
              <Table.Th>{t('groupBoard.col.company')}</Table.Th>
              <Table.Th>{t('groupBoard.col.summary')}</Table.Th>
              <Table.Th>{t('groupBoard.col.severity')}</Table.Th>
              <Table.Th>{t('groupBoard.col.status')}</Table.Th>
              <Table.Th>{t('groupBoard.col.clocks')}</Table.Th>
              <Table.Th>{t('groupBoard.col.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((g) => (
              <Table.Tr key={g.id} data-testid="group-incident">
                <Table.Td>
                  <Text size="sm">{g.number}</Text>
                  <Text size="xs" c="dimmed">
                    {formatMinute(g.reportedAt, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>{g.company ? name(g.company) : '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{g.summary}</Text>
                  <Text size="xs" c="dimmed">
                    {name({ nameJa: g.typeNameJa, nameEn: g.typeNameEn })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SeverityBadge severity={g.severity} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={g.status} />
                </Table.Td>
                <Table.Td>
                  <Clocks g={g} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {g.reasons.map((r) => (
                      <Badge key={r} variant="outline" size="sm">
                        {t(`groupBoard.reason.${r}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
