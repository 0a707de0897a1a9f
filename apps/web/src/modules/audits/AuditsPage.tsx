import { Anchor, Badge, Button, Card, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { Table } from '../../components/Table';
import { ProblemAlert } from '../../components/problem';
import { useCan } from '../../app/useCan';
import { useAudits, usePrograms } from './api';
import { AuditStateBadge, useName } from './badges';
import { NewProgramme, PlanningPanel } from './PlanningPanel';

/** The programme calendar: a fiscal year's audits month by month, with the summary PDF and the findings workbook. */
export function AuditsPage() {
  const { t, i18n } = useTranslation();
  const name = useName();
  const programmes = usePrograms();
  const [chosen, setChosen] = useState<string | null>(null);
  const programme = programmes.data?.find((p) => p.id === chosen) ?? programmes.data?.[0];
  const [month, setMonth] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const manage = useCan('audits:manage');
  const [creating, setCreating] = useState(false);
  const [planning, setPlanning] = useState(false);
  const audits = useAudits({ programmeId: programme?.id, month: month ?? undefined, mine: mine ? 'true' : undefined });
  const months = programme
    ? Array.from({ length: 12 }, (_, i) => {
        const d = new Date(Date.UTC(programme.fiscalYear, 3 + i, 1));
        return d.toISOString().slice(0, 7);
      })
    : [];
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  return (
    <Stack>
      <Title order={2}>{t('audits.title')}</Title>
      <Text c="dimmed">{t('audits.intro')}</Text>
      <Group>
        <Anchor component={Link} to="/audit-findings" data-testid="audits-board-link">
          {t('audits.board')}
        </Anchor>
        <Anchor component={Link} to="/auditors" data-testid="audits-auditors-link">
          {t('audits.auditors')}
        </Anchor>
      </Group>
      <ProblemAlert error={programmes.error ?? audits.error} />
      {manage && (creating || programmes.data?.length === 0) && (
        <NewProgramme
          onCreated={(id) => {
            setChosen(id);
            setCreating(false);
            setPlanning(true);
          }}
        />
      )}
      {programme && (
        <Card withBorder>
          <Stack gap="xs">
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('audits.programme')}
                data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
                value={programme.id}
                onChange={setChosen}
                allowDeselect={false}
                data-testid="audits-programme"
              />
              <Select
                label={t('audits.month')}
                placeholder={t('audits.allMonths')}
                data={months}
                value={month}
                onChange={setMonth}
                clearable
                data-testid="audits-month"
              />
              <Checkbox label={t('audits.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
            </Group>
            <Text size="sm">{t('audits.counts', programme.counts)}</Text>
            <Group>
              <Button component="a" variant="default" href={buildUrl(`/audit-programmes/${programme.id}/summary.pdf`, { lang })}>
                {t('audits.summaryPdf')}
              </Button>
              <Button
                component="a"
                variant="default"
                href={buildUrl(`/audit-programmes/${programme.id}/findings.xlsx`, { lang })}
              >
                {t('audits.findingsXlsx')}
              </Button>
              {manage && (
                <Button variant="light" onClick={() => setPlanning((x) => !x)} data-testid="audits-plan-toggle">
                  {t('audits.planAudits')}
                </Button>
              )}
              {manage && !creating && (
                <Button variant="subtle" onClick={() => setCreating(true)} data-testid="programme-new-open">
                  {t('audits.newProgramme')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      {manage && programme && planning && <PlanningPanel key={programme.id} programme={programme} />}
      <Table striped data-testid="audits-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.dates')}</Table.Th>
            <Table.Th>{t('audits.unit')}</Table.Th>
            <Table.Th>{t('audits.state')}</Table.Th>
            <Table.Th>{t('audits.lead')}</Table.Th>
            <Table.Th>{t('audits.openNc')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(audits.data?.items ?? []).map((a) => (
            <Table.Tr key={a.id} data-testid="audit-row">
              <Table.Td>
                {a.plannedFrom}
                {a.plannedTo !== a.plannedFrom ? ` – ${a.plannedTo}` : ''}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/audits/${a.id}`} data-testid="audit-link">
                  {name(a.unit.name)}
                </Anchor>
                {a.followUpOf && (
                  <Badge ml="xs" variant="light" size="sm">
                    {t('audits.followUpOf')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <AuditStateBadge state={a.state} />
              </Table.Td>
              <Table.Td>{name(a.lead.name)}</Table.Td>
              <Table.Td>{a.openNonconformities || '—'}</Table.Td>
            </Table.Tr>
          ))}
          {audits.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed">{t('audits.none')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
