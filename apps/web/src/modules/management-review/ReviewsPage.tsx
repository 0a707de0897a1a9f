import { Anchor, Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { createReview, useReviewMutation, useReviews } from './api';
import { DateField } from '../../components/dates/DateField';

/** The management reviews, newest year first; the office prepares the next one. */
export function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('management-review:manage');
  const reviews = useReviews();
  const create = useReviewMutation(createReview);
  const [fiscalYear, setFiscalYear] = useState<number>(fiscalYearOf(new Date()));
  const [heldOn, setHeldOn] = useState('');
  const [title, setTitle] = useState('');
  return (
    <Stack>
      <Title order={2}>{t('managementReview.title')}</Title>
      <Text c="dimmed">{t('managementReview.intro')}</Text>
      {canManage && (
        <Card withBorder>
          <Group align="flex-end" wrap="wrap">
            <NumberInput
              label={t('managementReview.fiscalYear')}
              value={fiscalYear}
              onChange={(v) => setFiscalYear(Number(v))}
              min={2000}
              max={2200}
              w={140}
            />
            <DateField label={t('managementReview.heldOn')} value={heldOn} onChange={(v) => setHeldOn(v)} />
            <TextInput
              label={t('managementReview.reviewTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button
              disabled={!heldOn || !title}
              loading={create.isPending}
              onClick={() => create.mutate({ fiscalYear, heldOn, title })}
            >
              {t('managementReview.create')}
            </Button>
          </Group>
          <ProblemAlert error={create.error} />
        </Card>
      )}
      <ProblemAlert error={reviews.error} />
      <Table minWidth={360} striped data-testid="review-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('managementReview.fiscalYear')}</Table.Th>
            <Table.Th>{t('managementReview.heldOn')}</Table.Th>
            <Table.Th>{t('managementReview.status')}</Table.Th>
            <Table.Th>{t('managementReview.openActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(reviews.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id} data-testid="review-row">
              <Table.Td>
                <Anchor component={Link} to={`/management-reviews/${r.id}`} data-testid="review-link">
                  {fiscalYearLabel(r.fiscalYear, i18n.language)}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.heldOn}</Table.Td>
              <Table.Td>
                <Badge color={r.status === 'done' ? 'green' : 'blue'}>{t(`managementReview.statuses.${r.status}`)}</Badge>
              </Table.Td>
              <Table.Td>
                {r.actions.open} / {r.actions.total}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
