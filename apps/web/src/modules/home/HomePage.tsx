import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { NAV } from '../../app/nav';
import { usePermissions } from '../../app/useCan';
import { useMe } from '../auth/api';

// Fetched after the first render, so the home page's first download stays within its budget (initial-size.mjs).
const AttentionPanel = lazy(() => import('../reports/AttentionPanel').then((m) => ({ default: m.AttentionPanel })));
const NextStepsCard = lazy(() => import('../settings/NextStepsCard').then((m) => ({ default: m.NextStepsCard })));

/** A short welcome: what waits on you, who you are, which roles you hold where, and links to what you may open. */
export function HomePage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { data: me } = useMe();
  const can = usePermissions();
  if (!me) return null;
  const links = NAV.filter((n) => n.to !== '/' && n.anyOf?.some(can));
  return (
    <Stack maw={900}>
      <Title order={2}>{t('home.welcome', { name: me.user.name })}</Title>
      <Text>{t('home.intro')}</Text>
      {/* What waits on me across modules, due first (issue #15): the same list as on the dashboard, one column on a phone. */}
      {can('settings:manage') && (
        <Suspense fallback={null}>
          <NextStepsCard />
        </Suspense>
      )}
      <Suspense fallback={null}>
        <AttentionPanel />
      </Suspense>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('home.yourRoles')}
        </Title>
        {me.roles.length === 0 ? (
          <Text c="dimmed">{t('home.noRoles')}</Text>
        ) : (
          <Group data-testid="home-roles">
            {me.roles.map((r) => (
              <Badge key={r.id} variant="light" size="lg" data-reach={r.reach.kind}>
                {t(`enum.role.${r.role}`)} ·{' '}
                {r.reach.kind === 'group' || r.reach.kind === 'own_records'
                  ? t(r.reach.kind === 'group' ? 'scope.wholeGroup' : 'scope.ownRecords')
                  : t(`scope.${r.reach.kind}`, { name: localName(r.reach) })}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {links.map((n) => (
          <Paper key={n.to} withBorder p="md">
            <Anchor component={Link} to={n.to} fw={600}>
              {t(n.label)}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t(`${n.label}Help`)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
