import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LevelRef } from './api';

/** sRGB relative luminance (WCAG 2.x) of a #rrggbb colour. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Black or white text, whichever contrasts more with the level's colour: for any background the better of the two
 * reaches at least 4.58:1, so a colour chosen by the security office never makes an unreadable badge.
 */
export function textOn(hex: string): string {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export function LevelBadge({ level, testId }: { level: LevelRef; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <Badge
      styles={{ root: { backgroundColor: level.colour, color: textOn(level.colour) } }}
      radius="sm"
      data-testid={testId}
      data-level={level.code}
    >
      {i18n.language === 'ja' ? level.labelJa : level.labelEn}
    </Badge>
  );
}
