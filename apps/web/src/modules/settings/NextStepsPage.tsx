import { Anchor, Badge, Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { NextSteps } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { useNextSteps } from './api';

type StepKey = NextSteps['steps'][number]['key'];

/** Where each step is taken (mail has no page: it is the server's configuration). */
const WHERE: Record<StepKey, '/org' | '/people' | '/accounts' | '/roles' | '/account' | '/settings' | null> = {
  org: '/org',
  people: '/people',
  accounts: '/accounts',
  office: '/roles',
  my_mfa: '/account',
  mfa_roles: '/settings',
  mail: null,
};

/** The set-up's next steps (issue #18): shown after the first administrator's set-up, and under Administration. */
export function NextStepsPage() {
  const { t } = useTranslation();
  const steps = useNextSteps();
  return (
    <Stack maw={760}>
      <Title order={2}>{t('nextSteps.title')}</Title>
      <Text>{t('nextSteps.intro')}</Text>
      <ProblemAlert error={steps.error} />
      {steps.isPending ? <Loader /> : steps.data && <StepList data={steps.data} />}
    </Stack>
  );
}

function StepList({ data }: { data: NextSteps }) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="sm" data-testid="next-steps-progress">
        <Progress.Root w={200}>
          <Progress.Section
            value={(100 * data.done) / data.total}
            aria-label={t('nextSteps.progress', { done: data.done, total: data.total })}
          />
        </Progress.Root>
        <Text size="sm">{t('nextSteps.progress', { done: data.done, total: data.total })}</Text>
      </Group>
      {data.done === data.total && <Text data-testid="next-steps-all-done">{t('nextSteps.allDone')}</Text>}
      <Stack component="ol" gap="sm" p={0} style={{ listStyle: 'none' }}>
        {data.steps.map((s, i) => {
          const to = WHERE[s.key];
          return (
            <Paper component="li" key={s.key} withBorder p="md" data-testid={`next-step-${s.key}`} data-done={s.done}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5">
                  {i + 1}. {t(`nextSteps.steps.${s.key}.title`)}
                </Title>
                <Badge color={s.done ? 'teal' : 'orange'} variant="light">
                  {t(s.done ? 'nextSteps.done' : 'nextSteps.todo')}
                </Badge>
              </Group>
              <Text size="sm" mt={4}>
                {t(`nextSteps.steps.${s.key}.text`)}
              </Text>
              <Group gap="md" mt={6}>
                {s.count !== null && (
                  <Text size="sm" c="dimmed">
                    {t('nextSteps.count', { count: s.count })}
                  </Text>
                )}
                {to && !s.done && (
                  <Anchor component={Link} to={to} size="sm" data-testid={`next-step-${s.key}-open`}>
                    {t('nextSteps.open')}
                  </Anchor>
                )}
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </>
  );
}
