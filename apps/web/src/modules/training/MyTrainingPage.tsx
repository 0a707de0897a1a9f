import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { nameIn, textIn, useMyPledge, useMyTraining, useSelfChecks } from './api';

const statusColor: Record<string, string> = {
  assigned: 'blue',
  in_progress: 'yellow',
  failed: 'red',
  passed: 'green',
  expired: 'gray',
};

/** My training: courses to take (due first), my pledge, open self-checks — cards, so a phone shows them whole. */
export function MyTrainingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useMyTraining();
  const pledge = useMyPledge();
  const checks = useSelfChecks(true);
  const open = (list.data ?? []).filter((a) => a.status !== 'passed');
  const done = (list.data ?? []).filter((a) => a.status === 'passed');
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('trainingPage.title')}</Title>
        <Group gap="md">
          <Anchor component={Link} to="/training/pledges" data-testid="link-pledges">
            {t('trainingPage.linkPledges')}
          </Anchor>
          <Anchor component={Link} to="/training/self-checks">
            {t('trainingPage.linkSelfChecks')}
          </Anchor>
        </Group>
      </Group>
      <ProblemAlert error={list.error} />
      {pledge.data && pledge.data.current && !pledge.data.valid && (
        <Alert color="orange" title={t('trainingPage.pledgeToSign')} data-testid="pledge-alert">
          <Anchor component={Link} to="/training/pledges">
            {textIn(lang, pledge.data.current.titleJa, pledge.data.current.titleEn)}
          </Anchor>
        </Alert>
      )}
      {(checks.data ?? [])
        .filter((c) => !c.answered)
        .map((c) => (
          <Alert key={c.id} color="blue" title={t('trainingPage.selfCheckOpen')}>
            <Anchor component={Link} to={`/training/self-checks/${c.id}`}>
              {textIn(lang, c.titleJa, c.titleEn)}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              {t('trainingPage.until', { date: c.closesOn })}
            </Text>
          </Alert>
        ))}
      <Title order={3}>{t('trainingPage.due')}</Title>
      {list.isSuccess && open.length === 0 && <Text c="dimmed">{t('trainingPage.nothingDue')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {open.map((a) => (
          <Card key={a.id} withBorder data-testid="my-assignment">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/training/assignments/${a.id}`} fw={600} data-testid="take-course">
                {nameIn(lang, a.course.title)}
              </Anchor>
              <Badge color={a.overdue ? 'red' : statusColor[a.status]}>
                {a.overdue ? t('trainingPage.overdue') : t(`trainingPage.status.${a.status}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('trainingPage.dueOn', { date: a.dueOn })}
              {a.attempts > 0 && ` · ${t('trainingPage.attempts', { n: a.attempts })}`}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {done.length > 0 && (
        <>
          <Title order={3}>{t('trainingPage.done')}</Title>
          <Stack gap="xs">
            {done.map((a) => (
              <Group key={a.id} justify="space-between" wrap="wrap">
                <Anchor component={Link} to={`/training/assignments/${a.id}`}>
                  {nameIn(lang, a.course.title)}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {a.score !== null && `${t('trainingPage.score', { score: a.score })} · `}
                  {a.expiresOn ? t('trainingPage.validUntil', { date: a.expiresOn }) : t('trainingPage.noExpiry')}
                </Text>
              </Group>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
