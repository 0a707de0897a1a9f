import { Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ProblemAlert } from '../../components/problem';
import { useSettings } from './api';
import { GroupMailTemplateSection } from './GroupMailTemplateSection';
import { IdentityProvidersSection } from './IdentityProvidersSection';
import { SamlProvidersSection } from './SamlProvidersSection';
import { ScimSection } from './ScimSection';
import { SettingsForm } from './SettingsForm';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const canConfigureIdentity = useCan('identity:configure');
  return (
    <Stack maw={640}>
      <Title order={2}>{t('settings.title')}</Title>
      <ProblemAlert error={settings.error} />
      {settings.isPending ? <Loader /> : settings.data && <SettingsForm initial={settings.data} />}
      {settings.data && <GroupMailTemplateSection />}
      {canConfigureIdentity && <IdentityProvidersSection />}
      {canConfigureIdentity && <SamlProvidersSection />}
      {canConfigureIdentity && <ScimSection />}
    </Stack>
  );
}
