import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityProvider } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useDeleteIdentityProvider, useIdentityProviders, useSaveIdentityProvider, type ProviderInput } from './api';

/** Single sign-on providers (OpenID Connect): shown to system administrators only (identity:configure). */
export function IdentityProvidersSection() {
  const { t } = useTranslation();
  const providers = useIdentityProviders(true);
  const [editing, setEditing] = useState<IdentityProvider | 'new' | null>(null);
  return (
    <Paper withBorder p="md" data-testid="identity-providers">
      <Stack>
        <Group justify="space-between">
          <Title order={3}>{t('settings.sso.title')}</Title>
          <Button variant="light" onClick={() => setEditing('new')} data-testid="sso-add">
            {t('settings.sso.add')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.sso.help')}
        </Text>
        <ProblemAlert error={providers.error} />
        {providers.data?.map((p) => (
          <Group key={p.id} justify="space-between" data-testid="sso-provider">
            <Stack gap={0}>
              <Text fw={600}>{t('settings.sso.names', { ja: p.nameJa, en: p.nameEn })}</Text>
              <Text size="sm" c="dimmed">
                {p.issuer} · {t(`settings.sso.matchBy.${p.matchBy}`)} ({p.claim})
              </Text>
              {p.emailDomains.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('settings.sso.domainsShort', { domains: p.emailDomains.join(', ') })}
                </Text>
              )}
            </Stack>
            <Group gap="xs">
              {!p.enabled && <Badge color="gray">{t('settings.sso.disabled')}</Badge>}
              <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                {t('common.edit')}
              </Button>
            </Group>
          </Group>
        ))}
        {editing && (
          <ProviderForm key={editing === 'new' ? 'new' : editing.id} provider={editing} onDone={() => setEditing(null)} />
        )}
      </Stack>
    </Paper>
  );
}

export function ProviderForm({ provider, onDone }: { provider: IdentityProvider | 'new'; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveIdentityProvider();
  const remove = useDeleteIdentityProvider();
  const existing = provider === 'new' ? null : provider;
  const form = useForm({
    initialValues: {
      nameJa: existing?.nameJa ?? '',
      nameEn: existing?.nameEn ?? '',
      issuer: existing?.issuer ?? '',
      clientId: existing?.clientId ?? '',
      clientSecret: '',
      matchBy: existing?.matchBy ?? 'email',
      claim: existing?.claim ?? '',
      groupsClaim: existing?.groupsClaim ?? 'groups',
      createAccounts: existing?.createAccounts ?? false,
      enabled: existing?.enabled ?? true,
      emailDomains: existing?.emailDomains ?? [],
      mfaAmr: existing?.mfaAmr ?? [],
      mfaAcr: existing?.mfaAcr ?? [],
    },
  });
  const submit = form.onSubmit(({ clientSecret, claim, ...v }) => {
    const body: ProviderInput = { ...v, ...(clientSecret ? { clientSecret } : {}), ...(claim ? { claim } : {}) };
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
    <form onSubmit={submit} data-testid="sso-form">
      <Stack>
        <Group grow>
          <TextInput label={t('settings.sso.nameJa')} required {...form.getInputProps('nameJa')} />
          <TextInput label={t('settings.sso.nameEn')} required {...form.getInputProps('nameEn')} />
        </Group>
        <TextInput
          label={t('settings.sso.issuer')}
          description={t('settings.sso.issuerHelp')}
          required
          {...form.getInputProps('issuer')}
        />
        <TextInput label={t('settings.sso.clientId')} required {...form.getInputProps('clientId')} />
        <PasswordInput
          label={t('settings.sso.clientSecret')}
          description={existing?.hasClientSecret ? t('settings.sso.clientSecretKept') : t('settings.sso.clientSecretHelp')}
          autoComplete="new-password"
          {...form.getInputProps('clientSecret')}
        />
        <Group grow>
          <Select
            label={t('settings.sso.matchByLabel')}
            data={(['email', 'employee_no'] as const).map((m) => ({ value: m, label: t(`settings.sso.matchBy.${m}`) }))}
            allowDeselect={false}
            {...form.getInputProps('matchBy')}
          />
          <TextInput
            label={t('settings.sso.claim')}
            placeholder={form.values.matchBy === 'email' ? 'email' : 'employee_number'}
            {...form.getInputProps('claim')}
          />
        </Group>
        <TextInput label={t('settings.sso.groupsClaim')} required {...form.getInputProps('groupsClaim')} />
        <TagsInput
          label={t('settings.sso.emailDomains')}
          description={t('settings.sso.emailDomainsHelp')}
          placeholder="example.co.jp"
          maxTags={50}
          data-testid="sso-email-domains"
          {...form.getInputProps('emailDomains')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput
            label={t('settings.sso.mfaAmr')}
            description={t('settings.sso.mfaAmrHelp')}
            placeholder="mfa"
            maxTags={20}
            data-testid="sso-mfa-amr"
            {...form.getInputProps('mfaAmr')}
          />
          <TagsInput
            label={t('settings.sso.mfaAcr')}
            description={t('settings.sso.mfaAcrHelp')}
            maxTags={20}
            data-testid="sso-mfa-acr"
            {...form.getInputProps('mfaAcr')}
          />
        </SimpleGrid>
        <Switch
          label={t('settings.sso.createAccounts')}
          description={t('settings.sso.createAccountsHelp')}
          {...form.getInputProps('createAccounts', { type: 'checkbox' })}
        />
        <Switch label={t('settings.sso.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        {existing && <RegisterAtProvider provider={existing} />}
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
            <Button type="submit" loading={save.isPending} data-testid="sso-save">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** What the administrator registers at the provider for Mamori: sign-in, post-logout and back-channel logout URIs. */
function RegisterAtProvider({ provider }: { provider: IdentityProvider }) {
  const { t } = useTranslation();
  const rows = [
    ['redirectUri', provider.redirectUri],
    ['postLogoutRedirectUri', provider.postLogoutRedirectUri],
    ['backchannelLogoutUri', provider.backchannelLogoutUri],
  ] as const;
  return (
    <Stack gap={4} data-testid="sso-register">
      <Text size="sm" fw={600}>
        {t('settings.sso.registerAtIdp')}
      </Text>
      {rows.map(([key, value]) => (
        <Text size="sm" key={key}>
          {t(`settings.sso.${key}`)}: <Code style={{ wordBreak: 'break-all' }}>{value}</Code>
        </Text>
      ))}
    </Stack>
  );
}
