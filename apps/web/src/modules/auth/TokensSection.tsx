import { Alert, Button, Code, CopyButton, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useCreateToken, useRevokeToken, useTokens } from './api';

/** Personal API tokens for integrations: the secret is shown once, right after creation. */
export function TokensSection() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const form = useForm({ initialValues: { name: '', expiresInDays: 90 as number | string } });
  const submit = form.onSubmit((v) =>
    create.mutate(
      { name: v.name, expiresInDays: Number(v.expiresInDays) },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('tokens.created'));
        },
        onError: (e) => applyProblem(form, e),
      },
    ),
  );
  const active = (tokens.data?.items ?? []).filter((x) => !x.revokedAt);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('tokens.title')}
      </Title>
      <Stack>
        {create.data && (
          <Alert color="green" title={t('tokens.copyNow')} data-testid="token-created">
            <Group>
              <Code data-testid="token-value">{create.data.token}</Code>
              <CopyButton value={create.data.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy} data-testid="token-copy">
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <Table data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.prefix')}</Table.Th>
              <Table.Th>{t('tokens.expiresAt')}</Table.Th>
              <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {active.map((tok) => (
              <Table.Tr key={tok.id}>
                <Table.Td>{tok.name}</Table.Td>
                <Table.Td>
                  <Code>{tok.prefix}</Code>
                </Table.Td>
                <Table.Td>{formatDateTime(tok.expiresAt, i18n.language)}</Table.Td>
                <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, i18n.language) : t('tokens.never')}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    loading={revoke.isPending && revoke.variables === tok.id}
                    onClick={() => revoke.mutate(tok.id, { onSuccess: () => notifySuccess(t('tokens.revoked')) })}
                  >
                    {t('tokens.revoke')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {active.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('tokens.none')}
          </Text>
        )}
        <ProblemAlert error={revoke.error} />
        <form onSubmit={submit} data-testid="token-form">
          <Group align="flex-end">
            <TextInput label={t('tokens.name')} required data-testid="token-name" {...form.getInputProps('name')} />
            <NumberInput
              label={t('tokens.expiresInDays')}
              min={1}
              max={365}
              w={160}
              data-testid="token-days"
              {...form.getInputProps('expiresInDays')}
            />
            <Button type="submit" loading={create.isPending} data-testid="token-create">
              {t('tokens.create')}
            </Button>
          </Group>
        </form>
        <ProblemAlert error={create.error} />
      </Stack>
    </Paper>
  );
}
