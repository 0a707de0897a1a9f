import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditState, FindingState, FindingType } from '@mamori/contracts';

/** A `{ ja, en }` name in the reader's language. */
export function useName() {
  const { i18n } = useTranslation();
  return (n: { ja: string; en: string }) => (i18n.language === 'ja' ? n.ja : n.en);
}

const stateColour: Record<AuditState, string> = { planned: 'gray', in_progress: 'blue', reported: 'violet', closed: 'green' };
export function AuditStateBadge({ state }: { state: AuditState }) {
  const { t } = useTranslation();
  return (
    <Badge color={stateColour[state]} variant="light" data-testid="audit-state">
      {t(`audits.states.${state}`)}
    </Badge>
  );
}

const typeColour: Record<FindingType, string> = { major: 'red', minor: 'orange', observation: 'blue', good_practice: 'teal' };
export function FindingTypeBadge({ type }: { type: FindingType }) {
  const { t } = useTranslation();
  return (
    <Badge color={typeColour[type]} variant="light">
      {t(`audits.types.${type}`)}
    </Badge>
  );
}

export function FindingStateBadge({ state, overdue }: { state: FindingState; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge variant="outline" data-testid="finding-state">
        {t(`audits.findingStates.${state}`)}
      </Badge>
      {overdue && (
        <Badge color="red" ml={4} data-testid="finding-overdue">
          {t('audits.overdue')}
        </Badge>
      )}
    </>
  );
}
