import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Passkey } from '../../api/types';
import { formatDateTime } from '../../components/names';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useAddPasskey, useDeletePasskey, usePasskeys, useRenamePasskey } from './passkeys-api';

/** A browser that cannot make passkeys (no WebAuthn) is told so instead of offered a button that fails. */
const webauthnAvailable = () => typeof window !== 'undefined' && 'PublicKeyCredential' in window;

function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const { t, i18n } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const rename = useRenamePasskey();
  const remove = useDeletePasskey();
  const form = useForm({ initialValues: { name: passkey.name } });
  const submit = form.onSubmit((v) =>
    rename.mutate(
      { id: passkey.id, name: v.name },
      { onSuccess: () => setRenaming(false), onError: (e) => applyProblem(form, e) },
    ),
  );
  return (
    <Table.Tr data-testid="passkey-row">
      <Table.Td>
        {renaming ? (
          <form onSubmit={submit}>
            <Group gap="xs" wrap="nowrap">
              <TextInput size="xs" aria-label={t('passkeys.name')} {...form.getInputProps('name')} />
              <Button size="xs" type="submit" loading={rename.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </form>
        ) : (
          passkey.name
        )}
      </Table.Td>
      <Table.Td>{t(passkey.deviceType === 'multiDevice' ? 'passkeys.synced' : 'passkeys.device')}</Table.Td>
      <Table.Td>{formatDateTime(passkey.createdAt, i18n.language)}</Table.Td>
      <Table.Td>{passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt, i18n.language) : t('passkeys.never')}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="xs" variant="subtle" onClick={() => setRenaming((r) => !r)}>
            {t('passkeys.rename')}
          </Button>
          <Button
            size="xs"
            color="red"
            variant="subtle"
            loading={remove.isPending}
            onClick={() => remove.mutate(passkey.id, { onSuccess: () => notifySuccess(t('passkeys.deleted')) })}
          >
            {t('passkeys.delete')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** One's passkeys: a second factor after the password, and a way to sign in without one. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const passkeys = usePasskeys();
  const add = useAddPasskey();
  const form = useForm({ initialValues: { name: '' } });
  const submit = form.onSubmit((v) =>
    add.mutate(v.name, {
      onSuccess: () => {
        form.reset();
        notifySuccess(t('passkeys.added'));
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  const items = passkeys.data?.items ?? [];
  return (
    <Paper withBorder p="md" data-testid="passkeys-section">
      <Title order={4} mb="sm">
        {t('passkeys.title')}
      </Title>
      <Stack>
        <Text size="sm">{t('passkeys.intro')}</Text>
        {items.length > 0 && (
          <Table data-testid="passkeys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('passkeys.name')}</Table.Th>
                <Table.Th>{t('passkeys.kind')}</Table.Th>
                <Table.Th>{t('passkeys.createdAt')}</Table.Th>
                <Table.Th>{t('passkeys.lastUsedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <PasskeyRow key={p.id} passkey={p} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {webauthnAvailable() ? (
          <form onSubmit={submit}>
            <Group align="flex-end">
              <TextInput
                label={t('passkeys.newName')}
                placeholder={t('passkeys.namePlaceholder')}
                required
                maxLength={100}
                data-testid="passkey-name"
                {...form.getInputProps('name')}
              />
              <Button type="submit" loading={add.isPending} data-testid="passkey-add">
                {t('passkeys.add')}
              </Button>
            </Group>
          </form>
        ) : (
          <Text size="sm" c="dimmed">
            {t('passkeys.unsupported')}
          </Text>
        )}
        {add.error && <ProblemAlert error={add.error} />}
      </Stack>
    </Paper>
  );
}
