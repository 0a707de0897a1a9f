import { Badge, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { useApprovedServices } from './api';

/** The register of approved services, for everyone: which service may hold which class, on what conditions. */
export function ApprovedServicesPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const list = useApprovedServices(q || undefined);
  return (
    <Stack>
      <Title order={2}>{t('systemPages.register.title')}</Title>
      <Text size="sm">{t('systemPages.register.intro')}</Text>
      <TextInput label={t('systemPages.register.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} />
      <ProblemAlert error={list.error} />
      <Stack gap="xs" data-testid="approved-services">
        {list.items.map((s) => (
          <Card key={s.id} withBorder padding="sm" data-testid="approved-service">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={0}>
                <Text fw={600}>{s.serviceName}</Text>
                <Text size="xs" c="dimmed">
                  {s.providerName} · {t('systemPages.register.storedIn', { country: s.storageCountry })}
                </Text>
              </Stack>
              <Badge variant="outline" color="blue.9">
                {t('systemPages.register.upTo', { class: i18n.language === 'ja' ? s.maxClassNameJa : s.maxClassNameEn })}
              </Badge>
            </Group>
            {s.conditions && (
              <Text size="sm" mt={4}>
                {t('systemPages.register.conditions')}: {s.conditions}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {t('systemPages.register.dates', { approved: s.approvedOn, review: s.reReviewOn })}
            </Text>
          </Card>
        ))}
      </Stack>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('systemPages.register.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}
