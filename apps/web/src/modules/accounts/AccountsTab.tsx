import { Badge, Button, Checkbox, Group, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { ACCOUNT_STATUSES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ConfirmModal } from '../../components/ConfirmModal';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useAccounts, useDisableAccounts, useEnableAccount } from './api';

export function AccountsTab() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('accounts:manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState<string | null>(null);
  const [inactive, setInactive] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [disabling, setDisabling] = useState(false);
  const [reason, setReason] = useState('');
  const accounts = useAccounts({ q: q || undefined, status: status ?? undefined, inactive: inactive ? 'true' : undefined });
  const disable = useDisableAccounts();
  const enable = useEnableAccount();

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const selectable = accounts.items.filter((a) => a.status === 'active');
  const allSelected = selectable.length > 0 && selectable.every((a) => selected.has(a.id));

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="accounts-search"
        />
        <Select
          label={t('accounts.status')}
          clearable
          placeholder={t('common.all')}
          value={status}
          onChange={setStatus}
          data={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`enum.accountStatus.${s}`) }))}
          w={160}
          data-testid="accounts-status-filter"
        />
        <Switch
          label={t('accounts.inactiveOnly')}
          checked={inactive}
          onChange={(e) => setInactive(e.currentTarget.checked)}
          data-testid="accounts-inactive-filter"
          mb={8}
        />
        {canManage && (
          <Button
            color="red"
            variant="light"
            disabled={selected.size === 0}
            onClick={() => setDisabling(true)}
            data-testid="accounts-bulk-disable"
          >
            {t('accounts.disableSelected', { count: selected.size })}
          </Button>
        )}
      </Group>
      <ProblemAlert error={accounts.error ?? enable.error} />
      <Table striped data-testid="accounts-table">
        <Table.Thead>
          <Table.Tr>
            {canManage && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('accounts.selectAll')}
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((a) => a.id)))}
                />
              </Table.Th>
            )}
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('accounts.status')}</Table.Th>
            <Table.Th>{t('accounts.mfa')}</Table.Th>
            <Table.Th>{t('accounts.lastActive')}</Table.Th>
            {canManage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.items.map((a) => (
            <Table.Tr key={a.id}>
              {canManage && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('accounts.select', { email: a.email })}
                    disabled={a.status !== 'active'}
                    checked={selected.has(a.id)}
                    onChange={() => toggle(a.id)}
                  />
                </Table.Td>
              )}
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{a.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={a.status === 'active' ? 'green' : 'gray'} variant="light">
                    {t(`enum.accountStatus.${a.status}`)}
                  </Badge>
                  {a.inactive && (
                    <Badge color="orange" variant="light">
                      {t('accounts.inactive')}
                    </Badge>
                  )}
                  {a.lockedUntil && (
                    <Badge color="red" variant="light">
                      {t('accounts.locked')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{a.mfaEnabled ? t('mfa.on') : t('mfa.off')}</Table.Td>
              <Table.Td>{a.lastActiveAt ? formatDateTime(a.lastActiveAt, i18n.language) : t('accounts.never')}</Table.Td>
              {canManage && (
                <Table.Td>
                  {a.status === 'disabled' && (
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={enable.isPending && enable.variables === a.id}
                      onClick={() => enable.mutate(a.id, { onSuccess: () => notifySuccess(t('accounts.enabled')) })}
                    >
                      {t('accounts.enable')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={accounts.items.length}
        total={accounts.total}
        hasMore={accounts.hasNextPage}
        loading={accounts.isFetchingNextPage}
        onMore={accounts.loadMore}
      />
      <ConfirmModal
        opened={disabling}
        title={t('accounts.disableTitle')}
        message={t('accounts.disableConfirm', { count: selected.size })}
        confirmLabel={t('accounts.disable')}
        pending={disable.isPending}
        error={disable.error}
        testId="accounts-disable-modal"
        onClose={() => setDisabling(false)}
        onConfirm={() =>
          disable.mutate(
            { ids: [...selected], reason },
            {
              onSuccess: () => {
                notifySuccess(t('accounts.disabled', { count: selected.size }));
                setSelected(new Set());
                setReason('');
                setDisabling(false);
              },
            },
          )
        }
      >
        <Textarea
          label={t('accounts.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(disable.error, 'reason')}
          data-testid="accounts-disable-reason"
        />
      </ConfirmModal>
    </Stack>
  );
}
