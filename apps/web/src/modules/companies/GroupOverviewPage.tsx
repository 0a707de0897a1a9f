import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { CompanyFiguresTable } from './CompanyFiguresTable';
import { useCompanies, useCompanySettings, useReach, type CompanySummary } from './api';

/** The group at a glance (issue #22): each company's profile and key figures side by side, holding first. */
export function GroupOverviewPage() {
  const { t } = useTranslation();
  const companies = useCompanies();
  const items = companies.data?.items ?? [];
  const canReadFigures = useCan('dashboard:read');
  return (
    <Stack>
      <Title order={2}>{t('companies.overview.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('companies.overview.intro')}
      </Text>
      <ProblemAlert error={companies.error} />
      {companies.data && items.length === 0 && <Text c="dimmed">{t('companies.overview.none')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="companies-grid">
        {items.map((c) => (
          <CompanyCard key={c.unitId} company={c} parent={items.find((p) => p.unitId === c.parentCompanyId)} />
        ))}
      </SimpleGrid>
      {items.length > 0 && canReadFigures && <CompanyFiguresTable />}
      {items.length > 0 && <ReachSection firstCompany={items[0]!.unitId} />}
    </Stack>
  );
}

function CompanyCard({ company: c, parent }: { company: CompanySummary; parent: CompanySummary | undefined }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const figure = (label: string, value: number, testId: string) => (
    <Stack gap={0} align="center">
      <Text fw={700} size="lg" data-testid={testId}>
        {value.toLocaleString()}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
  return (
    <Card withBorder padding="md" data-testid="company-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/companies/${c.unitId}`} fw={600} data-testid="company-link">
            {name(c)}
          </Anchor>
          <Badge variant="light" color={parent ? 'blue' : 'grape'}>
            {parent ? t('companies.kind.company') : t('companies.kind.holding')}
          </Badge>
        </Group>
        {parent && (
          <Text size="xs" c="dimmed">
            {t('companies.overview.under', { name: name(parent) })}
          </Text>
        )}
        <Text size="sm">
          {t('companies.profile.ciso')}: {c.ciso ? name(c.ciso) : t('companies.profile.notSet')}
        </Text>
        <Text size="sm">
          {t('companies.profile.cpo')}: {c.cpo ? name(c.cpo) : t('companies.profile.notSet')}
        </Text>
        <Text size="sm">
          {t('companies.profile.fiscalYear')}: {t(`companies.month.${c.fiscalYearStartMonth}`)}
        </Text>
        <SimpleGrid cols={4} spacing="xs">
          {figure(t('companies.figures.units'), c.figures.units, 'figure-units')}
          {figure(t('companies.figures.people'), c.figures.people, 'figure-people')}
          {figure(t('companies.figures.affiliates'), c.figures.affiliates, 'figure-affiliates')}
          {figure(t('companies.figures.overrides'), c.figures.settingOverrides, 'figure-overrides')}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('companies.overview.modules', { count: c.modules.length })}
        </Text>
      </Stack>
    </Card>
  );
}

/** For one group setting: which companies a change of the group's value reaches, and which set their own. */
function ReachSection({ firstCompany }: { firstCompany: string }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const settings = useCompanySettings(firstCompany);
  const [key, setKey] = useState<string | null>(null);
  const chosen = key ?? settings.data?.items[0]?.key ?? null;
  const reach = useReach(chosen);
  return (
    <Stack gap="xs" mt="md">
      <Title order={3}>{t('companies.reach.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('companies.reach.intro')}
      </Text>
      <Select
        label={t('companies.reach.setting')}
        value={chosen}
        onChange={setKey}
        allowDeselect={false}
        data={(settings.data?.items ?? []).map((s) => ({ value: s.key, label: i18n.language === 'ja' ? s.titleJa : s.titleEn }))}
        data-testid="reach-setting"
        maw={420}
      />
      <ProblemAlert error={reach.error} />
      {reach.data && (
        <Table data-testid="reach-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('companies.reach.company')}</Table.Th>
              <Table.Th>{t('companies.reach.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reach.data.companies.map((c) => (
              <Table.Tr key={c.unitId} data-testid="reach-row">
                <Table.Td>{name(c)}</Table.Td>
                <Table.Td>
                  {c.reached ? (
                    <Badge color="green" variant="light" data-testid="reach-reached">
                      {t('companies.reach.reached')}
                    </Badge>
                  ) : (
                    <Group gap="xs">
                      <Badge color="gray" variant="light" data-testid="reach-own">
                        {c.overriddenBy?.id === c.unitId
                          ? t('companies.reach.ownValue')
                          : t('companies.reach.fromCompany', { name: name(c.overriddenBy) })}
                      </Badge>
                      {c.looserThanGroup && (
                        <Badge color="red" variant="light" data-testid="reach-looser">
                          {t('companies.reach.looser')}
                        </Badge>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
