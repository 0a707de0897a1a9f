import { Badge, Button, Group, MultiSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useMe } from '../auth/api';
import type { TaraAnalysis } from './api';

type Reviews = z.infer<typeof C.TaraReviews>;
type Review = Reviews['items'][number];

/**
 * After release: the events that ask for the analysis to be looked at again (a vulnerability case found the product
 * affected, or someone flagged it). The risk owner records the review: threat scenarios re-assessed, conclusion.
 */
export function ReviewPanel({ analysis: a, canManage }: { analysis: TaraAnalysis; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const key = ['tara', a.id, 'reviews'];
  const reviews = useQuery({ queryKey: key, queryFn: () => api<Reviews>(`/tara-analyses/${a.id}/reviews`) });
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['tara', 'list'] })]);
  const [reference, setReference] = useState('');
  const flag = useMutation({
    mutationFn: () => api<Reviews>(`/tara-analyses/${a.id}/reviews`, { method: 'POST', json: { reference } }),
    onSuccess: async () => {
      setReference('');
      await done();
    },
  });
  const isOwner = useMe().data?.user.id === a.riskOwner?.id;
  if (!reviews.data) return <ProblemAlert error={reviews.error} />;
  const r = reviews.data;
  return (
    <Paper withBorder p="md" data-testid="tara-reviews">
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3}>{t('taraPages.review.title')}</Title>
          {r.needsReview ? (
            <Badge color="orange" data-testid="tara-needs-review">
              {t('tara.needsReview')}
            </Badge>
          ) : (
            <Badge color="green" variant="light">
              {t('taraPages.review.current')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('taraPages.review.intro')}
        </Text>
        {r.items.map((ev) => (
          <ReviewItem key={ev.id} ev={ev} analysis={a} canResolve={isOwner && canManage} onDone={done} lang={i18n.language} />
        ))}
        {canManage && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              flag.mutate();
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('taraPages.review.reference')}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                data-testid="tara-review-reference"
              />
              <Button type="submit" variant="light" loading={flag.isPending} data-testid="tara-review-flag">
                {t('taraPages.review.flag')}
              </Button>
            </Group>
            <ProblemAlert error={flag.error} />
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function ReviewItem(props: {
  ev: Review;
  analysis: TaraAnalysis;
  canResolve: boolean;
  onDone: () => Promise<unknown>;
  lang: string;
}) {
  const { t } = useTranslation();
  const { ev, analysis: a } = props;
  const [resolution, setResolution] = useState('');
  const [threats, setThreats] = useState<string[]>([]);
  const resolve = useMutation({
    mutationFn: () =>
      api<Reviews>(`/tara-analyses/${a.id}/reviews/${ev.id}/resolve`, {
        method: 'POST',
        json: { resolution, reassessedThreatIds: threats },
      }),
    onSuccess: props.onDone,
  });
  const title = (id: string) => a.threatScenarios.find((th) => th.id === id)?.title ?? id;
  return (
    <Paper withBorder p="xs" data-testid="tara-review" data-open={ev.resolvedAt ? 'false' : 'true'}>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t(`taraPages.review.source.${ev.source}`)}: {ev.reference}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(ev.createdAt, props.lang)}
          {ev.createdBy ? ` — ${ev.createdBy}` : ''}
        </Text>
        {ev.note && <Text size="sm">{ev.note}</Text>}
        {ev.resolvedAt ? (
          <Text size="sm">
            {t('taraPages.review.resolved', { who: ev.resolvedBy ?? '—', when: formatDateTime(ev.resolvedAt, props.lang) })}{' '}
            {ev.resolution}
            {ev.reassessedThreatIds.length > 0 && ` (${ev.reassessedThreatIds.map(title).join(', ')})`}
          </Text>
        ) : props.canResolve ? (
          <Stack gap={4}>
            <MultiSelect
              label={t('taraPages.review.reassessed')}
              data={a.threatScenarios.map((th) => ({ value: th.id, label: th.title }))}
              value={threats}
              onChange={setThreats}
              searchable
            />
            <Textarea
              label={t('taraPages.review.resolution')}
              value={resolution}
              onChange={(e) => setResolution(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="tara-review-resolution"
            />
            <Group justify="flex-end">
              <Button size="xs" loading={resolve.isPending} onClick={() => resolve.mutate()} data-testid="tara-review-resolve">
                {t('taraPages.review.resolve')}
              </Button>
            </Group>
            <ProblemAlert error={resolve.error} />
          </Stack>
        ) : (
          <Text size="sm" c="orange.9">
            {t('taraPages.review.waiting')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
