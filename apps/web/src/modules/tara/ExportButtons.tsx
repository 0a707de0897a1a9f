import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { exportUrl } from './api';

/** Downloads of the analysis: the report (PDF) and the workbook (XLSX) in the reader's language, the JSON exchange file. */
export function ExportButtons({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" data-testid="tara-export">
      {(['pdf', 'xlsx', 'json'] as const).map((f) => (
        <Button
          key={f}
          component="a"
          size="xs"
          variant="default"
          href={exportUrl(id, f, i18n.language)}
          data-testid={`tara-export-${f}`}
        >
          {t(`taraPages.io.export.${f}`)}
        </Button>
      ))}
    </Group>
  );
}
