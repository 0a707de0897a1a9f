import { Anchor, Badge, Button, Card, Divider, Group, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { api } from '../../api/client';
import { type AnswerItem, type Assessment, GROUPS, post, useAssessment, usePartnerMutation } from './api';
import { AssessmentHistory } from './AssessmentHistory';
import { ResultPdfButton } from './ResultPdfButton';
import { FailReason, ScoreBadge, StatusBadge } from './badges';
import { SubmitConfirm } from './SubmitConfirm';
import { CheckSheetUpload } from './CheckSheetUpload';
import { CopyPreviousButton } from './CopyPreviousButton';
import { ReopenAsk } from './ReopenAsk';
import { type Draft, RequirementAnswer } from './RequirementAnswer';

const fromItem = (i: AnswerItem): Draft => ({ value: i.value, reason: i.reason ?? '', comment: i.comment ?? '' });

/** The partner's check sheet: answer per requirement, save a draft, XLSX round trip, submit. */
export function AnswerPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/portal/assessments/$id' });
  const canAnswer = useCan('partner-portal:answer');
  const assessment = useAssessment(id);
  const [edits, setEdits] = useState<Record<string, Draft>>({});
  const [confirming, setConfirming] = useState(false);
  const onChange = useCallback((rid: string, d: Draft) => setEdits((e) => ({ ...e, [rid]: d })), []);
  const answers = Object.entries(edits)
    .filter(([, d]) => d.value)
    .map(([requirementId, d]) => ({
      requirementId,
      value: d.value!,
      reason: d.reason.trim() || null,
      comment: d.comment.trim() || null,
    }));
  const save = usePartnerMutation(async () => {
    if (answers.length) await api<Assessment>(`/partner-assessments/${id}/answers`, { method: 'PUT', json: { answers } });
    setEdits({});
  });
  const submit = usePartnerMutation(async () => {
    if (answers.length) await api<Assessment>(`/partner-assessments/${id}/answers`, { method: 'PUT', json: { answers } });
    setEdits({});
    return post<Assessment>(`/partner-assessments/${id}/submit`, {});
  });

  if (assessment.isPending) return <Loader />;
  if (assessment.isError) return <ProblemAlert error={assessment.error} />;
  const a = assessment.data;
  const editable = canAnswer && (a.status === 'draft' || a.status === 'reopened');
  const dirty = answers.length > 0;

  return (
    <Stack>
      <Anchor component={Link} to="/portal" size="sm">
        ← {t('partners.portal.title')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2} data-testid="assessment-title">
          {a.campaignName}
        </Title>
        <Group>
          <StatusBadge status={a.status} kind="assessment" />
          {a.score !== null && <ScoreBadge score={a.score} passed={a.passed} />}
          {a.score !== null && <ResultPdfButton assessmentId={a.id} />}
        </Group>
      </Group>
      <Text size="sm">
        {t('partners.fields.dueOn')}: {a.dueOn} · {t('partners.answer.answered', { answered: a.answered, total: a.total })}
      </Text>
      <Progress
        value={a.total ? (100 * a.answered) / a.total : 0}
        aria-label={`${a.answered} / ${a.total}`}
        data-testid="assessment-progress"
      />
      <FailReason a={a} />
      {a.reopenReason && (
        <Text c="orange.9" size="sm">
          {t('partners.review.reopenReason')}: {a.reopenReason}
        </Text>
      )}
      <ReopenAsk a={a} canAsk={canAnswer} />
      <AssessmentHistory rounds={a.history} />
      <CheckSheetUpload id={id} canUpload={editable} />
      {editable && (
        <Group>
          <Button
            variant="default"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => save.mutate(undefined, { onSuccess: () => notifySuccess(t('common.saved')) })}
            data-testid="answers-save"
          >
            {t('partners.answer.saveDraft')}
          </Button>
          <Button onClick={() => setConfirming(true)} data-testid="answers-submit">
            {t('partners.answer.submit')}
          </Button>
          <CopyPreviousButton a={a} disabled={dirty} />
          {dirty && (
            <Badge color="orange" variant="light" data-testid="answers-dirty">
              {t('partners.answer.unsaved', { count: answers.length })}
            </Badge>
          )}
        </Group>
      )}
      <ProblemAlert error={save.error ?? submit.error} testId="answers-problem" />
      <SubmitConfirm
        opened={confirming}
        items={a.items}
        edits={edits}
        pending={submit.isPending}
        error={submit.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => submit.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      />
      {GROUPS.map((g) => {
        const items = a.items.filter((i) => i.group === g);
        if (!items.length) return null;
        return (
          <Card withBorder key={g} data-testid={`group-${g}`}>
            <Title order={4}>{t(`partners.group.${g}`)}</Title>
            {items.map((item) => (
              <div key={item.requirementId}>
                <Divider />
                <RequirementAnswer
                  item={item}
                  draft={edits[item.requirementId] ?? fromItem(item)}
                  readOnly={!editable}
                  onChange={onChange}
                />
              </div>
            ))}
          </Card>
        );
      })}
    </Stack>
  );
}
