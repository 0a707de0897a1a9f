import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal';
import type { AnswerItem } from './api';
import type { Draft } from './RequirementAnswer';

interface Props {
  opened: boolean;
  items: AnswerItem[];
  edits: Record<string, Draft>;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Before a check sheet goes to the office: a submitted sheet cannot be changed until the office reopens it, so the
 * partner sees what is still unanswered (the server refuses an incomplete sheet) and which critical requirements are
 * answered "not implemented" (each fails the sheet whatever the score).
 */
export function SubmitConfirm(p: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const valueOf = (i: AnswerItem) => p.edits[i.requirementId]?.value ?? i.value;
  const unanswered = p.items.filter((i) => !valueOf(i));
  // "partly" is not a critical miss (modules/partners/assessments/scoring.ts)
  const criticalGaps = p.items.filter((i) => i.critical && valueOf(i) === 'not_implemented');
  const notImplemented = p.items.filter((i) => valueOf(i) === 'not_implemented').length;
  return (
    <ConfirmModal
      opened={p.opened}
      title={t('partners.answer.confirmTitle')}
      message={t('partners.answer.confirmMessage')}
      confirmLabel={t('partners.answer.confirmSubmit')}
      pending={p.pending}
      error={p.error}
      onConfirm={p.onConfirm}
      onClose={p.onClose}
      testId="answers-submit-confirm"
    >
      {unanswered.length > 0 && (
        <Text c="red.9" data-testid="confirm-unanswered">
          {t('partners.answer.confirmUnanswered', { count: unanswered.length })}
        </Text>
      )}
      <Text data-testid="confirm-not-implemented">{t('partners.answer.confirmNotImplemented', { count: notImplemented })}</Text>
      {criticalGaps.length > 0 && (
        <>
          <Text c="red.9">{t('partners.answer.confirmCritical', { count: criticalGaps.length })}</Text>
          <List size="sm" data-testid="confirm-critical">
            {criticalGaps.map((i) => (
              <List.Item key={i.requirementId}>
                {i.subItem} {i.text[lang]}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </ConfirmModal>
  );
}
