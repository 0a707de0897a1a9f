import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Certification } from './api';

const STATE_COLOR: Record<Certification['state'], string> = {
  valid: 'green',
  expired: 'red',
  withdrawn: 'gray',
  not_yet_valid: 'blue',
};

export function StateBadge({ state }: { state: Certification['state'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-testid="cert-state" data-state={state}>
      {t(`certPages.state.${state}`)}
    </Badge>
  );
}

/** "ISO/IEC 27001:2022", "TISAX ISA 6 AL3": the standard's name with its edition and level. */
export function useStandardTitle() {
  const { i18n } = useTranslation();
  return (c: Pick<Certification, 'standardNameJa' | 'standardNameEn' | 'edition' | 'assessmentLevel'>) =>
    [i18n.language === 'ja' ? c.standardNameJa : c.standardNameEn, c.edition, c.assessmentLevel].filter(Boolean).join(' · ');
}
