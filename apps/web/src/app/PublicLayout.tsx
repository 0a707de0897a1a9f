import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { PublicOrganisation } from '@mamori/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The top company's name (GET /api/public/organisation), so a visitor knows whose page this is. */
function useOrganisationName(): string | null {
  const { i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: ['public-organisation'],
    queryFn: () => api<PublicOrganisation>('/public/organisation'),
    staleTime: Infinity,
  });
  if (!data?.name) return null;
  return i18n.language === 'ja' ? data.name.ja : data.name.en;
}

/** Centered card for the pages reachable without a session (setup, sign-in, activation, advisories). */
export function PublicLayout({ title, children, width = 420 }: { title: string; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  const organisation = useOrganisationName();
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w={width} maw="100%">
        <Group justify="space-between">
          <Stack gap={0}>
            {organisation && (
              <Text fw={700} size="lg" data-testid="public-organisation">
                {organisation}
              </Text>
            )}
            <Title order={organisation ? 3 : 2} c={organisation ? 'dimmed' : undefined}>
              {t('app.name')}
            </Title>
          </Stack>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={3} mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
