import { AppShell, Box, Burger, Center, Divider, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/problem';
import { Redirect } from '../components/Redirect';
import { useMe, useSetupStatus } from '../modules/auth/api';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV, NAV_SECTIONS, SECTION_OF } from './nav';
import { usePermissions } from './useCan';
import { HeaderBell, HeaderUserMenu } from './HeaderMenus';
import { UserLinks } from './UserLinks';

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

/** The signed-in part of the app: redirects to setup / sign-in / MFA enrolment, else renders the shell. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const setup = useSetupStatus();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const href = useRouterState({ select: (s) => s.location.href });
  const [opened, { toggle, close }] = useDisclosure();
  const can = usePermissions();

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <ProblemAlert error={me.error} />;
  if (!me.data) {
    if (setup.isPending) return <FullPageLoader />;
    if (setup.data?.needed) return <Redirect to="/setup" />;
    return <Redirect to="/sign-in" query={{ redirect: pathname === '/' || pathname === '/sign-in' ? undefined : href }} />;
  }
  if (me.data.mfaEnrollmentRequired && pathname !== '/account') return <Redirect to="/account" query={{ mfa: '1' }} />;

  const items = NAV.filter((n) => (!n.anyOf || n.anyOf.some(can)) && !n.noneOf?.some(can));
  // One entry is active: the longest that the path is, or lies under (/assets/settings is not also /assets).
  const activeTo = items
    .map((n) => n.to as string)
    .filter((to) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Title order={3} data-testid="app-title">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <HeaderBell enabled={!me.data.mfaEnrollmentRequired} />
            {/* At phone width the language and the user's links move into the menu, so the header never wraps. */}
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <Box visibleFrom="sm">
              <HeaderUserMenu me={me.data} />
            </Box>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')} style={{ overflowY: 'auto' }}>
        {NAV_SECTIONS.map((section) => {
          const entries = items.filter((n) => SECTION_OF[n.to] === section);
          if (entries.length === 0) return null;
          return (
            <Box key={section} component="section" aria-labelledby={`nav-section-${section}`} mb={4}>
              {section !== 'overview' && (
                <Text id={`nav-section-${section}`} size="xs" fw={700} c="dimmed" px="sm" pt="sm" pb={2}>
                  {t(`navSection.${section}`)}
                </Text>
              )}
              {entries.map((n) => (
                <NavLink
                  key={n.to}
                  component={Link}
                  to={n.to}
                  label={t(n.label)}
                  data-testid={n.testId}
                  onClick={close}
                  active={n.to === activeTo}
                />
              ))}
            </Box>
          );
        })}
        <Box hiddenFrom="sm" mt="sm">
          <Divider mb="xs" />
          <Box px="sm" pb="xs">
            <LanguageSwitch testId="lang-switch-menu" />
          </Box>
          <UserLinks me={me.data} onNavigate={close} />
        </Box>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
