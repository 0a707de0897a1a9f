import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { Anchor, Button, Card, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { formatDateTime } from '../../components/names';
import { ProblemAlert, fieldError } from '../../components/problem';
import { createPlan, usePlanMutation, usePlans, type PlanSummary } from './api';
import { PlanStatusBadge } from './badges';

/** Every version of every fiscal year's plan; the security office starts a draft (empty or copied). */
export function PlansPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('plans:manage');
  const plans = usePlans();
  const navigate = useNavigate();
  const [fy, setFy] = useState<number>(fiscalYearOf(new Date()) + 1);
  const [titleJa, setTitleJa] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [copyFrom, setCopyFrom] = useState<string | null>(null);
  const create = usePlanMutation(createPlan);
  const title = (p: PlanSummary) => (i18n.language === 'ja' ? p.title.ja : p.title.en);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('plans.title')}</Title>
        <Anchor component={Link} to="/plan-progress">
          {t('plans.progressTitle')}
        </Anchor>
      </Group>
      <Text c="dimmed">{t('plans.intro')}</Text>
      {canManage && (
        <Card withBorder>
          <Group align="flex-end" wrap="wrap">
            <NumberInput
              label={t('plans.fiscalYear')}
              value={fy}
              onChange={(v) => setFy(Number(v))}
              min={2000}
              max={2100}
              w={120}
              data-testid="plan-fy"
            />
            <TextInput
              label={t('plans.titleJa')}
              value={titleJa}
              onChange={(e) => setTitleJa(e.currentTarget.value)}
              error={fieldError(create.error, 'body.titleJa')}
              data-testid="plan-title-ja"
            />
            <TextInput
              label={t('plans.titleEn')}
              value={titleEn}
              onChange={(e) => setTitleEn(e.currentTarget.value)}
              error={fieldError(create.error, 'body.titleEn')}
              data-testid="plan-title-en"
            />
            <Select
              label={t('plans.copyFrom')}
              placeholder={t('plans.copyNone')}
              clearable
              value={copyFrom}
              onChange={setCopyFrom}
              data={(plans.data ?? [])
                .filter((p) => p.status !== 'draft')
                .map((p) => ({
                  value: p.id,
                  label: `${fiscalYearLabel(p.fiscalYear, i18n.language)} ${t('plans.versionN', { n: p.version })}`,
                }))}
              data-testid="plan-copy-from"
            />
            <Button
              loading={create.isPending}
              data-testid="plan-create"
              onClick={() =>
                create.mutate(
                  { fiscalYear: fy, titleJa, titleEn, ...(copyFrom ? { copyFrom } : {}) },
                  { onSuccess: (p) => void navigate({ to: '/plans/$id', params: { id: p.id } }) },
                )
              }
            >
              {t('plans.create')}
            </Button>
          </Group>
          <ProblemAlert error={create.error} listErrors={false} />
        </Card>
      )}
      <ProblemAlert error={plans.error} />
      <Table striped data-testid="plans-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.fiscalYear')}</Table.Th>
            <Table.Th>{t('plans.title')}</Table.Th>
            <Table.Th>{t('plans.version')}</Table.Th>
            <Table.Th>{t('plans.status')}</Table.Th>
            <Table.Th>{t('plans.activities')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(plans.data ?? []).map((p) => (
            <Table.Tr key={p.id} data-testid="plan-row">
              <Table.Td>{fiscalYearLabel(p.fiscalYear, i18n.language)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/plans/${p.id}`} data-testid="plan-link">
                  {title(p)}
                </Anchor>
                {p.publishedAt && (
                  <Text size="xs" c="dimmed">
                    {t('plans.publishedBy', {
                      name: p.publishedBy?.name ?? '—',
                      at: formatDateTime(p.publishedAt, i18n.language),
                    })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t('plans.versionN', { n: p.version })}</Table.Td>
              <Table.Td>
                <PlanStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>{p.activityCount}</Table.Td>
            </Table.Tr>
          ))}
          {plans.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t('plans.none')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
