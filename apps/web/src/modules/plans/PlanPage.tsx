import { fiscalYearDays, fiscalYearLabel } from '@mamori/contracts';
import { ActionIcon, Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Table } from '../../components/Table';
import { ProblemAlert, notifySuccess } from '../../components/problem';
import { ActivityForm } from './ActivityForm';
import { UnitName } from './UnitName';
import {
  createPlan,
  deletePlan,
  publishPlan,
  toInput,
  updatePlan,
  usePlan,
  usePlanMutation,
  type ActivityInput,
  type Plan,
} from './api';
import { PlanStatusBadge } from './badges';

/** One plan version: its activities; a draft is edited here and published with a confirmation. */
export function PlanPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const canManage = useCan('plans:manage');
  const plan = usePlan(id);
  const navigate = useNavigate();
  const [edits, setEdits] = useState<ActivityInput[] | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [confirm, setConfirm] = useState(false);
  const save = usePlanMutation(({ p, activities }: { p: Plan; activities: ActivityInput[] }) =>
    updatePlan(p.id, { activities }, p.rowVersion),
  );
  const publish = usePlanMutation((p: Plan) => publishPlan(p.id, p.rowVersion));
  const copy = usePlanMutation((p: Plan & { fiscalYear: number; next: boolean }) =>
    createPlan({
      fiscalYear: p.next ? p.fiscalYear + 1 : p.fiscalYear,
      titleJa: p.next ? p.title.ja.replace(String(p.fiscalYear), String(p.fiscalYear + 1)) : p.title.ja,
      titleEn: p.next ? p.title.en.replace(String(p.fiscalYear), String(p.fiscalYear + 1)) : p.title.en,
      copyFrom: p.id,
    }),
  );
  const remove = usePlanMutation((p: Plan) => deletePlan(p.id));
  if (!plan.data) return <ProblemAlert error={plan.error} />;
  const p = plan.data;
  const ja = i18n.language === 'ja';
  const draft = p.status === 'draft' && canManage;
  const list: ActivityInput[] = edits ?? p.activities.map(toInput);
  const unitNames = new Map(p.activities.flatMap((a) => a.unitRoots.map((u) => [u.id, ja ? u.name.ja : u.name.en] as const)));
  const { to: yearEnd } = fiscalYearDays(p.fiscalYear);
  const blank: ActivityInput = {
    kind: 'other',
    phase: 'do',
    titleJa: '',
    titleEn: '',
    startDate: null,
    dueDate: yearEnd,
    guide: '',
    guideUrl: '',
    unitRoots: list[0]?.unitRoots ?? [],
    unitKinds: ['department'],
    roles: ['promotion_leader'],
    evidence: 'comment',
    linkKind: null,
    linkRef: '',
  };
  const goTo = (n: Plan) => void navigate({ to: '/plans/$id', params: { id: n.id } });
  return (
    <Stack>
      <Anchor component={Link} to="/plans" size="sm">
        ← {t('plans.title')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>
          {ja ? p.title.ja : p.title.en} — {t('plans.versionN', { n: p.version })}
        </Title>
        <PlanStatusBadge status={p.status} />
      </Group>
      <Text c="dimmed">{fiscalYearLabel(p.fiscalYear, i18n.language)}</Text>
      {canManage && (
        <Group>
          {draft && (
            <>
              <Button disabled={edits !== null || list.length === 0} onClick={() => setConfirm(true)} data-testid="plan-publish">
                {t('plans.publish')}
              </Button>
              <Button variant="light" onClick={() => setEditing('new')} data-testid="plan-add-activity">
                {t('plans.addActivity')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                onClick={() => remove.mutate(p, { onSuccess: () => void navigate({ to: '/plans' }) })}
              >
                {t('plans.deleteDraft')}
              </Button>
            </>
          )}
          {p.status === 'published' && (
            <>
              <Button
                variant="light"
                loading={copy.isPending}
                onClick={() => copy.mutate({ ...p, next: false }, { onSuccess: goTo })}
                data-testid="plan-new-version"
              >
                {t('plans.newVersion')}
              </Button>
              <Button
                variant="light"
                loading={copy.isPending}
                onClick={() => copy.mutate({ ...p, next: true }, { onSuccess: goTo })}
              >
                {t('plans.copyNextYear')}
              </Button>
            </>
          )}
        </Group>
      )}
      <ProblemAlert error={copy.error ?? remove.error} />
      {edits !== null && (
        <Alert color="yellow">
          <Group justify="space-between">
            <Text size="sm">{t('plans.unsaved')}</Text>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setEdits(null)}>
                {t('common.reset')}
              </Button>
              <Button
                size="xs"
                loading={save.isPending}
                data-testid="plan-save"
                onClick={() => save.mutate({ p, activities: edits }, { onSuccess: () => setEdits(null) })}
              >
                {t('plans.saveActivities')}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      <ProblemAlert error={save.error} />
      <Table striped data-testid="plan-activities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.col.activity')}</Table.Th>
            <Table.Th>{t('plans.col.kind')}</Table.Th>
            <Table.Th>{t('plans.col.phase')}</Table.Th>
            <Table.Th>{t('plans.col.period')}</Table.Th>
            <Table.Th>{t('plans.col.scope')}</Table.Th>
            <Table.Th>{t('plans.col.evidence')}</Table.Th>
            {draft && <Table.Th aria-label={t('common.edit')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((a, i) => (
            <Table.Tr key={a.key ?? `new-${i}`} data-testid="plan-activity-row">
              <Table.Td>{ja ? a.titleJa : a.titleEn}</Table.Td>
              <Table.Td>{t(`plans.kinds.${a.kind}`)}</Table.Td>
              <Table.Td>{t(`plans.phases.${a.phase}`)}</Table.Td>
              <Table.Td>{a.startDate ? `${a.startDate} – ${a.dueDate}` : a.dueDate}</Table.Td>
              <Table.Td>
                {a.unitRoots.map((u, j) => (
                  <span key={u}>
                    {j > 0 && ', '}
                    <UnitName id={u} known={unitNames.get(u)} />
                  </span>
                ))}{' '}
                ({(a.unitKinds ?? []).map((k) => t(`plans.unitKinds.${k}`)).join(', ')})
              </Table.Td>
              <Table.Td>{t(`plans.evidence.${a.evidence}`)}</Table.Td>
              {draft && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(i)}>
                      {t('common.edit')}
                    </Button>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('plans.remove')}
                      onClick={() => setEdits(list.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing !== null && (
        <ActivityForm
          initial={editing === 'new' ? blank : list[editing]!}
          unitNames={unitNames}
          onClose={() => setEditing(null)}
          onSave={(a) => {
            setEdits(editing === 'new' ? [...list, a] : list.map((x, j) => (j === editing ? a : x)));
            setEditing(null);
          }}
        />
      )}
      <ConfirmModal
        opened={confirm}
        title={t('plans.publishTitle')}
        message={t('plans.publishMessage')}
        confirmLabel={t('plans.publish')}
        pending={publish.isPending}
        error={publish.error}
        onClose={() => setConfirm(false)}
        onConfirm={() =>
          publish.mutate(p, {
            onSuccess: (r) => {
              setConfirm(false);
              notifySuccess(t('plans.published', { created: r.tasksCreated, cancelled: r.tasksCancelled }));
            },
          })
        }
        testId="plan-publish-confirm"
      />
    </Stack>
  );
}
