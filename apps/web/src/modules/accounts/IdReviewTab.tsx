import { Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdReviewItem } from '../../api/types';
import { useCan } from '../../app/useCan';
import { formatDateTime, useUnitName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { useConfirmReview, useDisableAccounts, useIdReview } from './api';

/** Accounts whose person left, moved or has no person: keep them (confirm) or disable them. */
export function IdReviewTab() {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const canManage = useCan('accounts:manage');
  const review = useIdReview(true);
  const confirm = useConfirmReview();
  const disable = useDisableAccounts();
  const [comment, setComment] = useState<Record<string, string>>({});
  const items = review.data?.items ?? [];

  const keep = (i: IdReviewItem) =>
    confirm.mutate(
      { accountId: i.accountId, comment: comment[i.accountId] || undefined },
      { onSuccess: () => notifySuccess(t('review.confirmed')) },
    );
  const off = (i: IdReviewItem) =>
    disable.mutate(
      { ids: [i.accountId], reason: comment[i.accountId] || t(`enum.reviewReason.${i.reason}`) },
      { onSuccess: () => notifySuccess(t('accounts.disabled', { count: 1 })) },
    );

  return (
    <>
      <Text size="sm" mb="sm">
        {t('review.intro')}
      </Text>
      <ProblemAlert error={review.error ?? confirm.error ?? disable.error} />
      <Table data-testid="review-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('requests.person')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('review.reason')}</Table.Th>
            <Table.Th>{t('people.orgUnit')}</Table.Th>
            <Table.Th>{t('review.changedAt')}</Table.Th>
            {canManage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.accountId}>
              <Table.Td>{i.personName}</Table.Td>
              <Table.Td>{i.email}</Table.Td>
              <Table.Td>
                <Badge variant="light" color="orange">
                  {t(`enum.reviewReason.${i.reason}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{unitName(i)}</Table.Td>
              <Table.Td>{formatDateTime(i.changedAt, i18n.language)}</Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <TextInput
                      size="xs"
                      aria-label={t('requests.comment')}
                      placeholder={t('requests.comment')}
                      value={comment[i.accountId] ?? ''}
                      onChange={(e) => setComment((c) => ({ ...c, [i.accountId]: e.currentTarget.value }))}
                    />
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => keep(i)}
                      disabled={confirm.isPending}
                      data-testid="review-confirm"
                    >
                      {t('review.confirm')}
                    </Button>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => off(i)}
                      disabled={disable.isPending}
                      data-testid="review-disable"
                    >
                      {t('accounts.disable')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {review.isSuccess && items.length === 0 && (
        <Text c="dimmed" size="sm" mt="sm">
          {t('review.none')}
        </Text>
      )}
    </>
  );
}
