import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ClassificationPanel } from './ClassificationPanel';
import { FieldsPanel } from './FieldsPanel';

/** The security office's settings of the ledger: the classification scheme and the custom fields. */
export function AssetSettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('assets.settings.title')}</Title>
      <Tabs defaultValue="classes" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="classes" data-testid="tab-classes">
            {t('assets.settings.classes')}
          </Tabs.Tab>
          <Tabs.Tab value="fields" data-testid="tab-fields">
            {t('assets.fields.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="classes" pt="md">
          <ClassificationPanel />
        </Tabs.Panel>
        <Tabs.Panel value="fields" pt="md">
          <FieldsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
