import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { type Assessment, post, usePartnerMutation } from './api';

/**
 * "Start from last year's answers": fills the requirements still unanswered from the partner's previous submitted
 * sheet (never overwriting an answer); shown while something is unanswered and an earlier sheet exists.
 */
export function CopyPreviousButton({ a, disabled }: { a: Assessment; disabled: boolean }) {
  const { t } = useTranslation();
  const copy = usePartnerMutation(() =>
    post<{ copied: number; assessment: Assessment }>(`/partner-assessments/${a.id}/copy-previous`, {}),
  );
  if (!a.previousSheet || a.answered >= a.total) return null;
  return (
    <>
      <Button
        variant="light"
        disabled={disabled}
        loading={copy.isPending}
        onClick={() =>
          copy.mutate(undefined, {
            onSuccess: (r) => notifySuccess(t('partners.answer.copiedPrevious', { count: r.copied })),
          })
        }
        data-testid="answers-copy-previous"
      >
        {t('partners.answer.copyPrevious', { campaign: a.previousSheet.campaignName })}
      </Button>
      <ProblemAlert error={copy.error} />
    </>
  );
}
