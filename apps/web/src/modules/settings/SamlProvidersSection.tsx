import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SamlProvider, SamlProviderInput } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useDeleteSamlProvider, useSamlProviders, useSaveSamlProvider } from './saml-api';

/** SAML 2.0 identity providers: shown to system administrators only (identity:configure). */
export function SamlProvidersSection() {
  const { t } = useTranslation();
  const providers = useSamlProviders();
  const [editing, setEditing] = useState<SamlProvider | 'new' | null>(null);
  return (
    <Paper withBorder p="md" data-testid="saml-providers">
      <Stack>
        <Group justify="space-between">
          <Title order={3}>{t('settings.saml.title')}</Title>
          <Button variant="light" onClick={() => setEditing('new')} data-testid="saml-add">
            {t('settings.sso.add')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.saml.help')}
        </Text>
        <ProblemAlert error={providers.error} />
        {providers.data?.map((p) => (
          <Group key={p.id} justify="space-between" data-testid="saml-provider">
            <Stack gap={0}>
              <Text fw={600}>{t('settings.sso.names', { ja: p.nameJa, en: p.nameEn })}</Text>
              <Text size="sm" c="dimmed">
                {p.entityId} · {t(`settings.sso.matchBy.${p.matchBy}`)}
              </Text>
            </Stack>
            <Group gap="xs">
              {!p.enabled && <Badge color="gray">{t('settings.sso.disabled')}</Badge>}
              <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                {t('common.edit')}
              </Button>
            </Group>
          </Group>
        ))}
        {editing && <SamlForm key={editing === 'new' ? 'new' : editing.id} provider={editing} onDone={() => setEditing(null)} />}
      </Stack>
    </Paper>
  );
}

/** What to register at the IdP for an existing provider. */
function SpDetails({ provider }: { provider: SamlProvider }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="saml-sp">
      <Text size="sm" fw={600}>
        {t('settings.saml.registerAtIdp')}
      </Text>
      <Text size="sm">
        {t('settings.saml.spEntityId')}: <Code>{provider.spEntityId}</Code>
      </Text>
      <Text size="sm">
        {t('settings.saml.acsUrl')}: <Code>{provider.acsUrl}</Code>
      </Text>
      <Text size="sm">
        {t('settings.saml.certificates')}:{' '}
        {provider.certificates
          .map((c) => t('settings.saml.certificateValid', { subject: c.subject, until: c.notAfter.slice(0, 10) }))
          .join(' · ')}
      </Text>
    </Stack>
  );
}

function SamlForm({ provider, onDone }: { provider: SamlProvider | 'new'; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSamlProvider();
  const remove = useDeleteSamlProvider();
  const existing = provider === 'new' ? null : provider;
  const form = useForm({
    initialValues: {
      nameJa: existing?.nameJa ?? '',
      nameEn: existing?.nameEn ?? '',
      metadataXml: '',
      entityId: existing?.entityId ?? '',
      ssoUrl: existing?.ssoUrl ?? '',
      certificates: [''],
      matchBy: existing?.matchBy ?? 'email',
      emailAttribute: existing?.emailAttribute ?? 'email',
      employeeNoAttribute: existing?.employeeNoAttribute ?? 'employeeNumber',
      nameAttribute: existing?.nameAttribute ?? 'displayName',
      groupsAttribute: existing?.groupsAttribute ?? 'groups',
      emailDomains: existing?.emailDomains ?? [],
      createAccounts: existing?.createAccounts ?? false,
      enabled: existing?.enabled ?? true,
    },
  });
  const submit = form.onSubmit(({ metadataXml, entityId, ssoUrl, certificates, ...v }) => {
    const body: SamlProviderInput = {
      ...v,
      ...(metadataXml.trim() ? { metadataXml } : {}),
      ...(entityId && entityId !== existing?.entityId ? { entityId } : {}),
      ...(ssoUrl && ssoUrl !== existing?.ssoUrl ? { ssoUrl } : {}),
      ...(certificates[0]?.trim() ? { certificates: [certificates[0]] } : {}),
    };
    save.mutate(
      { ...(existing ? { id: existing.id } : {}), body },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          onDone();
        },
        onError: (e) => applyProblem(form, e),
      },
    );
  });
  return (
    <form onSubmit={submit} data-testid="saml-form">
      <Stack>
        {existing && <SpDetails provider={existing} />}
        <Group grow>
          <TextInput label={t('settings.sso.nameJa')} required {...form.getInputProps('nameJa')} />
          <TextInput label={t('settings.sso.nameEn')} required {...form.getInputProps('nameEn')} />
        </Group>
        <Textarea
          label={t('settings.saml.metadataXml')}
          description={t('settings.saml.metadataHelp')}
          autosize
          minRows={3}
          maxRows={8}
          data-testid="saml-metadata"
          {...form.getInputProps('metadataXml')}
        />
        <TextInput label={t('settings.saml.entityId')} {...form.getInputProps('entityId')} />
        <TextInput label={t('settings.saml.ssoUrl')} {...form.getInputProps('ssoUrl')} />
        <Textarea
          label={t('settings.saml.certificate')}
          description={existing ? t('settings.saml.certificateKept') : t('settings.saml.certificateHelp')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('certificates.0')}
        />
        <Select
          label={t('settings.sso.matchByLabel')}
          data={(['email', 'employee_no'] as const).map((m) => ({ value: m, label: t(`settings.sso.matchBy.${m}`) }))}
          allowDeselect={false}
          {...form.getInputProps('matchBy')}
        />
        <TagsInput
          label={t('settings.saml.emailDomains')}
          description={t('settings.saml.emailDomainsHelp')}
          data-testid="saml-domains"
          {...form.getInputProps('emailDomains')}
        />
        <Group grow>
          <TextInput label={t('settings.saml.emailAttribute')} required {...form.getInputProps('emailAttribute')} />
          <TextInput label={t('settings.saml.employeeNoAttribute')} required {...form.getInputProps('employeeNoAttribute')} />
        </Group>
        <Group grow>
          <TextInput label={t('settings.saml.nameAttribute')} required {...form.getInputProps('nameAttribute')} />
          <TextInput label={t('settings.saml.groupsAttribute')} required {...form.getInputProps('groupsAttribute')} />
        </Group>
        <Switch
          label={t('settings.sso.createAccounts')}
          description={t('settings.sso.createAccountsHelp')}
          {...form.getInputProps('createAccounts', { type: 'checkbox' })}
        />
        <Switch label={t('settings.sso.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <ProblemAlert error={save.error ?? remove.error} />
        <Group justify="space-between">
          {existing ? (
            <Button
              color="red"
              variant="subtle"
              loading={remove.isPending}
              onClick={() => remove.mutate(existing.id, { onSuccess: onDone })}
            >
              {t('common.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="saml-save">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
