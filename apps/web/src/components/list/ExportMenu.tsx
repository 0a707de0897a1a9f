import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from './query';

/** "Export" → CSV or XLSX of the filtered rows (plain links: the browser downloads the file the server writes). */
export function ExportMenu({ href, testId = 'list-export' }: { href: (format: ExportFormat) => string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" data-testid={testId}>
          {t('lists.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href('xlsx')} download data-testid={`${testId}-xlsx`}>
          {t('lists.exportXlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={href('csv')} download data-testid={`${testId}-csv`}>
          {t('lists.exportCsv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
