import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from './api';

export function KindBadge({ kind }: { kind: DocumentSummary['kind'] }) {
  const { t } = useTranslation();
  const color = kind === 'policy' ? 'grape' : kind === 'guideline' ? 'blue' : 'teal';
  return (
    <Badge color={color} variant="light">
      {t(`documents.kinds.${kind}`)}
    </Badge>
  );
}
