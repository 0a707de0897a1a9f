import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  shown: number;
  total?: number | undefined;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}

export function LoadMore({ shown, total, hasMore, loading, onMore }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed" data-testid="list-count">
        {total === undefined ? t('common.shown', { count: shown }) : t('common.shownOf', { count: shown, total })}
      </Text>
      {hasMore && (
        <Button variant="default" onClick={onMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      )}
    </Group>
  );
}
