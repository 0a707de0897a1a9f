import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { ClassificationPanel } from '../assets/ClassificationPanel';
import type { Scheme } from '../assets/api';
import { saveCompanySetting, useCompany, useCompanySettings, type EffectiveSetting } from './api';
import { ProfilePanel } from './ProfilePanel';
import { MailTemplatePanel } from './MailTemplatePanel';
import { SignInRulesPanel } from './SignInRulesPanel';

/** One company (issue #22): its ISMS profile and its settings, each marked with where its value comes from. */
export function CompanyPage() {
  const { unitId } = useParams({ strict: false }) as { unitId: string };
  const { t } = useTranslation();
  const name = useLocalName();
  const company = useCompany(unitId);
  const settings = useCompanySettings(unitId);
  if (!company.data) return <ProblemAlert error={company.error} />;
  return (
    <Stack>
      <Anchor component={Link} to="/companies" size="sm">
        {t('companies.overview.back')}
      </Anchor>
      <Title order={2} data-testid="company-title">
        {name(company.data)}
      </Title>
      <ProfilePanel profile={company.data} />
      <Title order={3}>{t('companies.settings.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('companies.settings.intro')}
      </Text>
      <ProblemAlert error={settings.error} />
      {settings.data?.items.map((s) => (
        <SettingCard key={s.key} unitId={unitId} setting={s} company={{ ja: company.data.nameJa, en: company.data.nameEn }} />
      ))}
    </Stack>
  );
}

/** Where the value comes from, as a badge: the company's own, a company above, the group, or the built-in default. */
function SourceBadge({ setting }: { setting: EffectiveSetting }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const colour = { company: 'blue', parent_company: 'violet', group: 'gray', default: 'gray' }[setting.source];
  return (
    <Badge color={colour} variant="light" data-testid="setting-source">
      {setting.source === 'parent_company'
        ? t('companies.source.parent_company', { name: name(setting.sourceCompany) })
        : t(`companies.source.${setting.source}`)}
    </Badge>
  );
}

function SettingCard({
  unitId,
  setting,
  company,
}: {
  unitId: string;
  setting: EffectiveSetting;
  company: { ja: string; en: string };
}) {
  const { t, i18n } = useTranslation();
  const canManage = useCan('companies:manage');
  return (
    <Card withBorder padding="md" data-testid={`setting-${setting.key}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{i18n.language === 'ja' ? setting.titleJa : setting.titleEn}</Text>
          <Group gap="xs">
            <SourceBadge setting={setting} />
            {setting.stricterOnly && (
              <Badge color="dark" variant="outline">
                {t('companies.settings.stricterOnly')}
              </Badge>
            )}
          </Group>
        </Group>
        {setting.source !== 'company' && (
          <Text size="sm" c="dimmed" data-testid="setting-inherited">
            {t('companies.settings.inheritedNote')}
          </Text>
        )}
        {setting.key === 'assets.classification' ? (
          <ClassificationPanel
            company={{
              value: setting.value as Scheme,
              version: setting.ownVersion,
              canEdit: canManage,
              save: (scheme, version) => saveCompanySetting(unitId, setting.key, scheme, version),
            }}
          />
        ) : setting.key === 'auth.signInRules' ? (
          <SignInRulesPanel key={setting.ownVersion} unitId={unitId} setting={setting} canEdit={canManage} />
        ) : setting.key === 'mail.template' ? (
          <MailTemplatePanel key={setting.ownVersion} unitId={unitId} setting={setting} canEdit={canManage} company={company} />
        ) : (
          <Text size="sm">
            {setting.source === 'company'
              ? t('companies.settings.ownVersion', { version: setting.ownVersion })
              : t('companies.settings.noEditorHere')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
