import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { EXTERNAL_ROLES, GROUP_WIDE_ROLES, ROLES, type Role } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { formatDateTime, useLocalName } from '../../components/names';
import { useSsoProviders } from '../auth/api';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import {
  useCreateScimRoleRule,
  useCreateScimToken,
  useDeleteScimRoleRule,
  useRevokeScimToken,
  useScimRoleRules,
  useScimTokens,
} from './api';

/** SCIM 2.0 provisioning: the identity provider's tokens and the group → role rules (system administrators). */
export function ScimSection() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="scim">
      <Stack>
        <Title order={3}>{t('settings.scim.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.scim.help', { url: `${typeof window === 'undefined' ? '' : window.location.origin}/scim/v2` })}
        </Text>
        <Tokens />
        <Rules />
      </Stack>
    </Paper>
  );
}

function Tokens() {
  const { t, i18n } = useTranslation();
  const tokens = useScimTokens();
  const create = useCreateScimToken();
  const revoke = useRevokeScimToken();
  const [shown, setShown] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '' } });
  const submit = form.onSubmit(({ name }) =>
    create.mutate(name, {
      onSuccess: (created) => {
        setShown(created.token);
        form.reset();
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  return (
    <Stack gap="xs">
      <Title order={4}>{t('settings.scim.tokens')}</Title>
      <ProblemAlert error={tokens.error ?? revoke.error} />
      {shown && (
        <Alert
          color="yellow"
          title={t('settings.scim.tokenOnce')}
          withCloseButton
          onClose={() => setShown(null)}
          data-testid="scim-token-shown"
        >
          <Group gap="xs" wrap="nowrap">
            <Code style={{ wordBreak: 'break-all' }}>{shown}</Code>
            <CopyButton value={shown}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {!!tokens.data?.length && (
        // two columns that wrap (the name, the action): no minimum width, which scrolled the badge out of the card
        <Table minWidth={0}>
          <Table.Tbody>
            {tokens.data.map((tok) => (
              <Table.Tr key={tok.id} data-testid="scim-token">
                <Table.Td>
                  <Text fw={600}>{tok.name}</Text>
                  <Text size="xs" c="dimmed">
                    {tok.prefix}… ·{' '}
                    {t('settings.scim.lastUsed', { at: tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, i18n.language) : '—' })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {tok.revokedAt ? (
                    <Badge color="gray" variant="light">
                      {t('settings.scim.revoked')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      loading={revoke.isPending}
                      onClick={() => revoke.mutate(tok.id)}
                    >
                      {t('settings.scim.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput label={t('settings.scim.tokenName')} placeholder="Entra ID" required {...form.getInputProps('name')} />
          <Button type="submit" variant="light" loading={create.isPending} data-testid="scim-token-create">
            {t('settings.scim.createToken')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

const RULE_ROLES = ROLES.filter((r) => !EXTERNAL_ROLES.includes(r));
const SCIM_SOURCE = 'scim';

function Rules() {
  const { t } = useTranslation();
  const name = useLocalName();
  const rules = useScimRoleRules();
  const create = useCreateScimRoleRule();
  const remove = useDeleteScimRoleRule();
  const providers = useSsoProviders();
  const form = useForm({
    initialValues: { source: SCIM_SOURCE, group: '', role: 'employee' as Role, orgUnitId: null as string | null },
  });
  const groupWide = GROUP_WIDE_ROLES.includes(form.values.role);
  /** Where a rule's group comes from: SCIM, or the groups a single sign-on provider asserts at sign-in. */
  const sourceName = (providerId: string | null) => {
    if (!providerId) return t('settings.scim.sourceScim');
    const p = providers.data?.find((x) => x.id === providerId);
    return p ? t('settings.scim.sourceSso', { name: name(p) }) : providerId;
  };
  const submit = form.onSubmit(({ source, group, role, orgUnitId }) =>
    create.mutate(
      { group, role, orgUnitId: groupWide ? null : orgUnitId, providerId: source === SCIM_SOURCE ? null : source },
      { onSuccess: () => (notifySuccess(t('common.saved')), form.reset()), onError: (e) => applyProblem(form, e) },
    ),
  );
  return (
    <Stack gap="xs">
      <Title order={4}>{t('settings.scim.rules')}</Title>
      <Text size="sm" c="dimmed">
        {t('settings.scim.rulesHelp')}
      </Text>
      <ProblemAlert error={rules.error ?? remove.error} />
      {!!rules.data?.length && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.scim.source')}</Table.Th>
              <Table.Th>{t('settings.scim.group')}</Table.Th>
              <Table.Th>{t('settings.scim.role')}</Table.Th>
              <Table.Th>{t('settings.scim.scope')}</Table.Th>
              <Table.Th>{t('settings.scim.grants')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.data.map((r) => (
              <Table.Tr key={r.id} data-testid="scim-rule">
                <Table.Td>{sourceName(r.providerId)}</Table.Td>
                <Table.Td>{r.group}</Table.Td>
                <Table.Td>{t(`enum.role.${r.role}`)}</Table.Td>
                <Table.Td>
                  {r.orgUnitId
                    ? name({ nameJa: r.orgUnitNameJa ?? '', nameEn: r.orgUnitNameEn ?? '' })
                    : t('settings.scim.wholeGroup')}
                </Table.Td>
                <Table.Td>{r.grants}</Table.Td>
                <Table.Td ta="right">
                  <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => remove.mutate(r.id)}>
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} data-testid="scim-rule-form">
        <Stack gap="xs">
          <Select
            label={t('settings.scim.source')}
            data={[
              { value: SCIM_SOURCE, label: t('settings.scim.sourceScim') },
              ...(providers.data ?? []).map((p) => ({ value: p.id, label: sourceName(p.id) })),
            ]}
            allowDeselect={false}
            data-testid="scim-rule-source"
            {...form.getInputProps('source')}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('settings.scim.group')}
              description={t('settings.scim.groupHelp')}
              required
              {...form.getInputProps('group')}
            />
            <Select
              label={t('settings.scim.role')}
              data={RULE_ROLES.map((r) => ({ value: r, label: t(`enum.role.${r}`) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
          </Group>
          {!groupWide && (
            <OrgUnitSelect
              label={t('settings.scim.scope')}
              placeholder={t('settings.scim.wholeGroup')}
              clearable
              value={form.values.orgUnitId}
              onChange={(id) => form.setFieldValue('orgUnitId', id)}
              error={form.errors.orgUnitId}
            />
          )}
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={create.isPending} data-testid="scim-rule-add">
              {t('settings.scim.addRule')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
