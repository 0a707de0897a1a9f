import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';

/** The scored result of a check sheet as a PDF, in the reader's language (for the office's file or the partner's). */
export function ResultPdfButton({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Button
      component="a"
      size="xs"
      variant="default"
      href={buildUrl(`/partner-assessments/${assessmentId}/report.pdf`, { lang: i18n.language === 'en' ? 'en' : 'ja' })}
      data-testid="assessment-result-pdf"
    >
      {t('partners.review.resultPdf')}
    </Button>
  );
}
