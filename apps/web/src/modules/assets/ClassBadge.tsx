import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { textOn, type AssetClass } from './api';

/** The class as a badge in its colour, with black or white text, whichever reads better on it (WCAG contrast). */
export function ClassBadge({ code, classes }: { code: string; classes: AssetClass[] | undefined }) {
  const { i18n } = useTranslation();
  const c = classes?.find((x) => x.code === code);
  if (!c) return <Badge variant="outline">{code}</Badge>;
  return (
    <Badge styles={{ root: { backgroundColor: c.colour, color: textOn(c.colour) } }} data-testid="class-badge" data-class={code}>
      {i18n.language === 'ja' ? c.nameJa : c.nameEn}
    </Badge>
  );
}
