import { Anchor, Badge, Button, Code, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { CRA_DRAFT_STAGES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useMe } from '../auth/api';
import {
  type CraReporting,
  type CraSavedDraft,
  type ReviewCraDraftBody,
  type SaveCraDraftBody,
  useCraDraftMutation,
  useCraSavedDrafts,
} from './cra-api';

type Stage = (typeof CRA_DRAFT_STAGES)[number];

const COLOR: Record<CraSavedDraft['status'], string> = {
  to_review: 'blue',
  reviewed: 'green',
  changed_after_review: 'orange',
  submitted: 'gray',
};

/**
 * Report drafts saved for review: the draft generated now is stored with its SHA-256; another person marks it
 * reviewed (four eyes — its author only with the reason written down), and a submission names it.
 */
export function CraSavedDrafts({
  caseId,
  products,
  canReport,
}: {
  caseId: string;
  products: CraReporting['products'];
  canReport: boolean;
}) {
  const { t } = useTranslation();
  const drafts = useCraSavedDrafts(caseId);
  const codes = new Map(products.map((p) => [p.productId, p.code]));
  return (
    <Stack gap="xs" data-testid="cra-saved-drafts">
      <Text size="sm" fw={600}>
        {t('cra.saved.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('cra.saved.help')}
      </Text>
      {canReport && <SaveForm caseId={caseId} products={products} />}
      <ProblemAlert error={drafts.error} />
      {drafts.data?.map((d) => (
        <DraftRow
          key={d.id}
          caseId={caseId}
          d={d}
          product={d.productId ? (codes.get(d.productId) ?? '') : null}
          canReport={canReport}
        />
      ))}
    </Stack>
  );
}

function SaveForm({ caseId, products }: { caseId: string; products: CraReporting['products'] }) {
  const { t, i18n } = useTranslation();
  const [stage, setStage] = useState<Stage>('early_warning');
  const [productId, setProductId] = useState('');
  const save = useCraDraftMutation<SaveCraDraftBody>(caseId, () => '');
  const withClock = products.filter((p) => !p.noClockReason);
  return (
    <Stack gap={4}>
      <Group align="flex-end" wrap="wrap" gap="xs">
        <Select
          label={t('cra.saved.stage')}
          allowDeselect={false}
          data={CRA_DRAFT_STAGES.map((s) => ({ value: s, label: t(`cra.draftStage.${s}`) }))}
          value={stage}
          onChange={(v) => v && setStage(v as Stage)}
          data-testid="cra-save-stage"
          w={200}
        />
        <Select
          label={t('cra.saved.product')}
          allowDeselect={false}
          data={[
            { value: '', label: t('cra.saved.allProducts') },
            ...withClock.map((p) => ({ value: p.productId, label: p.code })),
          ]}
          value={productId}
          onChange={(v) => setProductId(v ?? '')}
          data-testid="cra-save-product"
          w={200}
        />
        <Button
          size="xs"
          loading={save.isPending}
          onClick={() => save.mutate({ stage, lang: i18n.language === 'ja' ? 'ja' : 'en', ...(productId ? { productId } : {}) })}
          data-testid="cra-save-draft"
        >
          {t('cra.saved.save')}
        </Button>
      </Group>
      <ProblemAlert error={save.error} />
    </Stack>
  );
}

function DraftRow({
  caseId,
  d,
  product,
  canReport,
}: {
  caseId: string;
  d: CraSavedDraft;
  product: string | null;
  canReport: boolean;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe().data?.user.id;
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const review = useCraDraftMutation<ReviewCraDraftBody>(caseId, () => `/${d.id}/review`);
  const own = d.createdBy === me;
  const open = d.status === 'to_review' || d.status === 'changed_after_review';
  return (
    <Paper withBorder p="sm" data-testid={`cra-saved-draft-${d.stage}`} data-status={d.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm">
            {t(`cra.draftStage.${d.stage}`)} · {product ?? t('cra.saved.allProducts')} · {d.lang.toUpperCase()}
          </Text>
          <Text size="xs" c="dimmed">
            {t('cra.saved.savedBy', { who: d.createdByName ?? '—', at: formatDateTime(d.createdAt, i18n.language) })}
          </Text>
          {d.reviewedAt && (
            <Text size="xs" c="dimmed" data-testid="cra-saved-reviewed">
              {t('cra.saved.reviewedBy', { who: d.reviewedByName ?? '—', at: formatDateTime(d.reviewedAt, i18n.language) })}
              {d.selfReviewReason ? ` — ${t('cra.saved.selfReason')}: ${d.selfReviewReason}` : ''}
            </Text>
          )}
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
            SHA-256: <Code>{d.sha256}</Code>
          </Text>
          <Anchor
            size="xs"
            href={buildUrl(`/vulnerabilities/${caseId}/cra-reporting/saved-drafts/${d.id}`)}
            download={`cra-draft-${d.id}.json`}
          >
            JSON
          </Anchor>
        </Stack>
        <Badge color={COLOR[d.status]} data-testid="cra-saved-status">
          {t(`cra.saved.status.${d.status}`)}
        </Badge>
      </Group>
      {canReport && open && !reviewing && (
        <Group mt="xs">
          <Button size="xs" variant="default" onClick={() => setReviewing(true)} data-testid="cra-review-open">
            {t('cra.saved.review')}
          </Button>
        </Group>
      )}
      {reviewing && (
        <Stack gap={4} mt="xs">
          {own && (
            <Textarea
              label={t('cra.saved.selfReasonLabel')}
              description={t('cra.saved.fourEyes')}
              required
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError(review.error, 'selfReviewReason')}
              data-testid="cra-review-reason"
            />
          )}
          <ProblemAlert error={review.error} />
          <Group>
            <Button size="xs" variant="default" onClick={() => setReviewing(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="xs"
              loading={review.isPending}
              disabled={own && reason.trim().length < 10}
              onClick={() =>
                review.mutate(
                  { sha256: d.sha256, ...(own ? { selfReviewReason: reason.trim() } : {}) },
                  { onSuccess: () => setReviewing(false) },
                )
              }
              data-testid="cra-review-submit"
            >
              {t('cra.saved.markReviewed')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
