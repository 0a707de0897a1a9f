import { Anchor, Badge, Button, Card, FileInput, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert, fieldError } from '../../components/problem';
import { completeTask, reopenTask, useTaskMutation, type PlanTask } from './api';

/** The status of a task as a badge: open (late in red), done, cancelled. */
export function TaskStatusBadge({ task }: { task: PlanTask }) {
  const { t } = useTranslation();
  if (task.status === 'done') return <Badge color="green">{t('plans.statusDone')}</Badge>;
  if (task.status === 'cancelled') return <Badge color="gray">{t('plans.statusCancelled')}</Badge>;
  return task.late ? (
    <Badge color="red" data-testid="plan-task-late">
      {t('plans.lateBadge')}
    </Badge>
  ) : (
    <Badge color="blue">{t('plans.statusOpen')}</Badge>
  );
}

function CompleteModal({ task, onClose }: { task: PlanTask; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const complete = useTaskMutation(completeTask);
  const title = i18n.language === 'ja' ? task.activity.title.ja : task.activity.title.en;
  const need = { file: 'needsFile', comment: 'needsComment', none: 'needsNothing', linked: 'needsLinked' }[
    task.activity.evidence
  ];
  return (
    <Modal opened onClose={onClose} title={t('plans.completeTitle', { title })} fullScreen={false} size="lg">
      <Stack data-testid="plan-task-complete-form">
        <Text size="sm">{t(`plans.${need}`)}</Text>
        <Textarea
          label={t('plans.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={3}
          required={task.activity.evidence === 'comment'}
          error={fieldError(complete.error, 'body.comment')}
          data-testid="plan-task-comment"
        />
        <FileInput
          label={t('plans.file')}
          value={file}
          onChange={setFile}
          clearable
          required={task.activity.evidence === 'file' && task.files.length === 0}
          error={fieldError(complete.error, 'body.file') ?? fieldError(complete.error, 'body.file.mediaType')}
          data-testid="plan-task-file"
        />
        <ProblemAlert error={complete.error} listErrors={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={complete.isPending}
            data-testid="plan-task-complete-submit"
            onClick={() => complete.mutate({ task, comment, file }, { onSuccess: onClose })}
          >
            {t('plans.complete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReopenModal({ task, onClose }: { task: PlanTask; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reopen = useTaskMutation(reopenTask);
  return (
    <Modal opened onClose={onClose} title={t('plans.reopen')}>
      <Stack>
        <Textarea label={t('plans.reopenReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
        <ProblemAlert error={reopen.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            loading={reopen.isPending}
            onClick={() => reopen.mutate({ task, reason }, { onSuccess: onClose })}
          >
            {t('plans.reopen')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One task as a card (readable at phone width): what, which unit, when, the evidence, and the action. */
export function TaskCard({ task, canComplete, canReopen }: { task: PlanTask; canComplete: boolean; canReopen: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<'complete' | 'reopen' | null>(null);
  const ja = i18n.language === 'ja';
  return (
    <Card withBorder padding="sm" data-testid="plan-task">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} data-testid="plan-task-title">
            {ja ? task.activity.title.ja : task.activity.title.en}
          </Text>
          <TaskStatusBadge task={task} />
        </Group>
        <Text size="sm" c="dimmed">
          {ja ? task.unit.name.ja : task.unit.name.en} · {t('plans.due', { day: task.dueDate })} ·{' '}
          {t(`plans.evidence.${task.activity.evidence}`)}
        </Text>
        {(task.activity.guide || task.activity.guideUrl) && (
          <Text size="sm">
            {t('plans.guideLabel')}: {task.activity.guide}{' '}
            {task.activity.guideUrl && (
              <Anchor href={task.activity.guideUrl} target="_blank" rel="noreferrer">
                {task.activity.guideUrl}
              </Anchor>
            )}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('plans.assignees')}: {task.assignees.length ? task.assignees.map((a) => a.name).join(', ') : t('plans.unassigned')}
        </Text>
        {task.status === 'done' && task.doneAt && (
          <Group gap={6} wrap="wrap">
            <Badge
              size="sm"
              variant="light"
              color={task.doneSource === 'linked' ? 'teal' : 'gray'}
              data-testid="plan-task-source"
            >
              {t(task.doneSource === 'linked' ? 'plans.sourceLinked' : 'plans.sourceManual')}
            </Badge>
            <Text size="sm">
              {task.doneSource === 'linked'
                ? t('plans.doneLinked', { at: formatDateTime(task.doneAt, i18n.language) })
                : t('plans.doneBy', { name: task.doneBy?.name ?? '—', at: formatDateTime(task.doneAt, i18n.language) })}
            </Text>
            {task.evidenceHref && (
              <Anchor component={Link} to={task.evidenceHref} size="sm" data-testid="plan-task-evidence-link">
                {t('plans.evidenceLink')}
              </Anchor>
            )}
          </Group>
        )}
        {task.comment && <Text size="sm">{task.comment}</Text>}
        {task.files.map((f) => (
          <Anchor key={f.id} size="sm" href={buildUrl(`/plan-tasks/${task.id}/files/${f.id}`)} data-testid="plan-task-file-link">
            {f.name}
          </Anchor>
        ))}
        <Group justify="flex-end">
          {task.status === 'open' && canComplete && (
            <Button size="sm" onClick={() => setOpen('complete')} data-testid="plan-task-complete">
              {t('plans.complete')}
            </Button>
          )}
          {task.status === 'done' && canReopen && (
            <Button size="sm" variant="light" color="orange" onClick={() => setOpen('reopen')}>
              {t('plans.reopen')}
            </Button>
          )}
        </Group>
      </Stack>
      {open === 'complete' && <CompleteModal task={task} onClose={() => setOpen(null)} />}
      {open === 'reopen' && <ReopenModal task={task} onClose={() => setOpen(null)} />}
    </Card>
  );
}
