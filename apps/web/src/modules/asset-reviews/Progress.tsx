import { Group, Progress, Text } from '@mantine/core';
import type { ReviewCounts } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';

/** Confirmed / pending / overdue as a bar with the numbers written out (the colours alone say nothing). */
export function ReviewProgress({ c }: { c: ReviewCounts }) {
  const { t } = useTranslation();
  const pct = (n: number) => (c.total ? (n / c.total) * 100 : 0);
  return (
    <div>
      <Progress.Root size="md" aria-hidden>
        <Progress.Section value={pct(c.confirmed)} color="teal" />
        <Progress.Section value={pct(c.overdue)} color="red" />
      </Progress.Root>
      <Group gap="sm" mt={4}>
        <Text size="xs">{t('assetReviews.counts.confirmed', { n: c.confirmed, total: c.total })}</Text>
        <Text size="xs">{t('assetReviews.counts.pending', { n: c.pending })}</Text>
        {c.overdue > 0 && (
          <Text size="xs" c="red.9">
            {t('assetReviews.counts.overdue', { n: c.overdue })}
          </Text>
        )}
      </Group>
    </div>
  );
}
