import { Button, Group, Paper, Text, Textarea, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { post, type ProductDetail, type ThreatAnalysis, useProductMutation } from './api';

interface Props {
  product: ProductDetail;
  reviews: ThreatAnalysis['reviews'];
  canManage: boolean;
}

/** Stage-gate reviews of the analysis: the reviewer is the signed-in user, at the product's current stage. */
export function ThreatReviews({ product, reviews, canManage }: Props) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const review = useProductMutation((n: string) =>
    post<ThreatAnalysis>(`/products/${product.id}/threat-reviews`, n.trim() ? { note: n.trim() } : {}),
  );
  const stage = t(`products.stage.${product.stage}`);
  return (
    <Paper withBorder p="md" data-testid="threat-reviews">
      <Title order={4} mb="sm">
        {t('products.reviews.title')}
      </Title>
      {reviews.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('products.reviews.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.fields.stage')}</Table.Th>
              <Table.Th>{t('products.reviews.reviewer')}</Table.Th>
              <Table.Th>{t('products.reviews.at')}</Table.Th>
              <Table.Th>{t('products.reviews.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.map((r, i) => (
              <Table.Tr key={i} data-testid="threat-review" data-stage={r.stage}>
                <Table.Td>{t(`products.stage.${r.stage}`)}</Table.Td>
                <Table.Td>{r.reviewedBy ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(r.reviewedAt, i18n.language)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canManage && (
        <Group align="flex-end" mt="md">
          <Textarea
            style={{ flex: 1 }}
            label={t('products.reviews.note')}
            autosize
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="threat-review-note"
          />
          <Button
            loading={review.isPending}
            onClick={() =>
              review.mutate(note, {
                onSuccess: () => {
                  notifySuccess(t('products.reviews.done', { stage }));
                  setNote('');
                },
              })
            }
            data-testid="threat-review-submit"
          >
            {t('products.reviews.record', { stage })}
          </Button>
        </Group>
      )}
      <ProblemAlert error={review.error} />
    </Paper>
  );
}
