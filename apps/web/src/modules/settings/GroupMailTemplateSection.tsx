import { Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { MailTemplateForm } from '../companies/MailTemplateForm';
import { useGroupMailTemplate, useSaveGroupMailTemplate } from './api';

/**
 * The group's own mail template (`/api/settings/mail-template`, docs/group.md "Mail templates"): the frame of the
 * mails of every company that has none of its own. The same form and preview as a company's, without an inherited
 * value beside each field (the built-in frame is what the group starts from).
 */
export function GroupMailTemplateSection() {
  const { t } = useTranslation();
  const setting = useGroupMailTemplate();
  const save = useSaveGroupMailTemplate(setting.data?.version ?? 0);
  // the preview's {{company}}: a sample name in the reader's language (the real one is each recipient's company)
  const sample = t('settings.mailTemplate.sampleCompany');
  const company = { ja: sample, en: sample };
  return (
    <Card withBorder padding="md" data-testid="group-mail-template">
      <Stack gap="sm">
        <Title order={3}>{t('settings.mailTemplate.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.mailTemplate.help')}
        </Text>
        <ProblemAlert error={setting.error} />
        {setting.isPending ? (
          <Loader />
        ) : (
          setting.data && (
            <>
              <Text size="sm" data-testid="group-mail-template-version">
                {setting.data.version
                  ? t('settings.mailTemplate.version', { version: setting.data.version })
                  : t('settings.mailTemplate.builtIn')}
              </Text>
              <MailTemplateForm key={setting.data.version} value={setting.data.value} canEdit company={company} save={save} />
            </>
          )
        )}
      </Stack>
    </Card>
  );
}
