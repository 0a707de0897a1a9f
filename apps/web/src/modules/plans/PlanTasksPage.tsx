import { fiscalYearLabel, fiscalYearOf } from '@mamori/contracts';
import { Checkbox, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { useTasks } from './api';
import { TaskCard } from './TaskCard';

/** "My unit's tasks": the plan tasks assigned to me (or all in my scope), due first, completed with evidence. */
export function PlanTasksPage() {
  const { t, i18n } = useTranslation();
  const canComplete = useCan('plan-tasks:complete');
  const canReopen = useCan('plans:manage') || canComplete;
  const fy = fiscalYearOf(new Date());
  const [who, setWho] = useState<'mine' | 'all'>('mine');
  const [openOnly, setOpenOnly] = useState(true);
  const tasks = useTasks({ fiscalYear: fy, mine: who === 'mine', status: openOnly ? 'open' : undefined });
  return (
    <Stack>
      <Title order={2}>
        {t('plans.tasksTitle')} — {fiscalYearLabel(fy, i18n.language)}
      </Title>
      <Text c="dimmed">{t('plans.tasksIntro')}</Text>
      <Group>
        <SegmentedControl
          value={who}
          onChange={(v) => setWho(v as 'mine' | 'all')}
          data={[
            { value: 'mine', label: t('plans.mine') },
            { value: 'all', label: t('plans.allInScope') },
          ]}
          data-testid="plan-tasks-who"
        />
        <Checkbox label={t('plans.openOnly')} checked={openOnly} onChange={(e) => setOpenOnly(e.currentTarget.checked)} />
      </Group>
      <ProblemAlert error={tasks.error} />
      <Stack gap="sm" data-testid="plan-tasks">
        {(tasks.data?.items ?? []).map((task) => (
          <TaskCard key={task.id} task={task} canComplete={canComplete} canReopen={canReopen && who === 'all'} />
        ))}
        {tasks.data?.items.length === 0 && <Text>{t('plans.noTasks')}</Text>}
      </Stack>
    </Stack>
  );
}
