import { Anchor, Group, Paper, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useNextSteps } from './api';

/** On the home page of those who manage settings, until every set-up step is done. */
export function NextStepsCard() {
  const { t } = useTranslation();
  const steps = useNextSteps();
  if (!steps.data || steps.data.done === steps.data.total) return null;
  return (
    <Paper withBorder p="md" data-testid="home-next-steps">
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>{t('nextSteps.homeCard', { done: steps.data.done, total: steps.data.total })}</Text>
        <Anchor component={Link} to="/getting-started">
          {t('nextSteps.homeCardLink')}
        </Anchor>
      </Group>
    </Paper>
  );
}
