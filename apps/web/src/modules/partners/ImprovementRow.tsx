import { Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, usePartnerName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useMe } from '../auth/api';
import { fileUrl, type ImprovementRequest, post, uploadPartnerFile, usePartnerMutation } from './api';
import { ImprovementSchedule } from './ImprovementSchedule';
import { StatusBadge } from './badges';

/** One improvement request: the partner answers it (plan + evidence files), the office accepts or returns it. */
export function ImprovementRow({ ir, canAnswer, canDecide }: { ir: ImprovementRequest; canAnswer: boolean; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerName();
  const me = useMe();
  const [plan, setPlan] = useState(ir.plan ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [comment, setComment] = useState('');
  const answer = usePartnerMutation(async () => {
    const evidenceFileIds: string[] = [];
    for (const f of files) evidenceFileIds.push(await uploadPartnerFile(ir.partnerId, f, me.data?.csrfToken ?? ''));
    return post(`/improvement-requests/${ir.id}/answer`, { plan, evidenceFileIds });
  });
  const decide = usePartnerMutation((verb: 'accept' | 'return') => post(`/improvement-requests/${ir.id}/${verb}`, { comment }));
  const answerable = canAnswer && (ir.status === 'open' || ir.status === 'returned');

  return (
    <Card withBorder data-testid="ir-row" data-status={ir.status} data-requirement={ir.requirementId}>
      <Group justify="space-between">
        <Text fw={600}>
          {partnerName(ir)} · {ir.requirementId}
        </Text>
        <Group gap="xs">
          <Text size="sm" c={ir.overdue ? 'red.9' : 'dimmed'}>
            {t('partners.fields.dueOn')}: {ir.dueOn}
          </Text>
          <StatusBadge status={ir.status} kind="ir" />
        </Group>
      </Group>
      <Text size="sm">{i18n.language === 'ja' ? ir.requirementText.ja : ir.requirementText.en}</Text>
      <Text size="xs" c="dimmed">
        {t(`partners.ir.reasons.${ir.reason}`)} · {formatDateTime(ir.createdAt, i18n.language)}
      </Text>
      <ImprovementSchedule ir={ir} canEdit={canDecide} />
      {ir.plan && !answerable && (
        <Text size="sm" mt="xs" data-testid="ir-plan-text">
          {t('partners.ir.plan')}: {ir.plan}
          {ir.evidenceFileIds.map((f, i) => (
            <a key={f} href={fileUrl(f)} style={{ marginLeft: 8 }}>
              {t('partners.ir.evidence')} {i + 1}
            </a>
          ))}
        </Text>
      )}
      {ir.decisionComment && (
        <Text size="sm" c="dimmed">
          {t('partners.ir.comment')}: {ir.decisionComment}
        </Text>
      )}
      {answerable && (
        <Stack gap="xs" mt="xs">
          <Textarea
            label={t('partners.ir.plan')}
            value={plan}
            onChange={(e) => setPlan(e.currentTarget.value)}
            autosize
            data-testid="ir-plan"
          />
          <input type="file" multiple onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} data-testid="ir-evidence" />
          <Group>
            <Button
              disabled={!plan.trim()}
              loading={answer.isPending}
              onClick={() => answer.mutate(undefined)}
              data-testid="ir-answer-submit"
            >
              {t('partners.ir.answer')}
            </Button>
          </Group>
        </Stack>
      )}
      {canDecide && ir.status === 'answered' && (
        <Group align="flex-end" mt="xs">
          <Textarea
            label={t('partners.ir.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            w={360}
            data-testid="ir-comment"
          />
          <Button color="green" loading={decide.isPending} onClick={() => decide.mutate('accept')} data-testid="ir-accept">
            {t('partners.ir.accept')}
          </Button>
          <Button
            color="red"
            variant="light"
            loading={decide.isPending}
            onClick={() => decide.mutate('return')}
            data-testid="ir-return"
          >
            {t('partners.ir.return')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={answer.error ?? decide.error} />
    </Card>
  );
}
