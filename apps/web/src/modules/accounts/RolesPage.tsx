import { Button, Group, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useForm } from '@mantine/form';
import { GROUP_WIDE_ROLES, ROLES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, useUnitName } from '../../components/names';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { AccountSelect } from './AccountSelect';
import { useAssignRole, useRemoveRole, useRoleAssignments } from './api';

/** Role assignments of a user (or of everyone): each role is given for the whole group or an org-unit subtree. */
export function RolesPage() {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const canAssign = useCan('roles:assign');
  const [userId, setUserId] = useState<string | null>(null);
  const list = useRoleAssignments(userId);
  const remove = useRemoveRole();
  const assign = useAssignRole();
  const form = useForm({
    initialValues: { role: 'employee' as Role, scope: 'group' as 'group' | 'unit', orgUnitId: null as string | null },
  });
  const groupWide = GROUP_WIDE_ROLES.includes(form.values.role);
  const submit = form.onSubmit(({ role, scope, orgUnitId }) => {
    if (!userId) return;
    assign.mutate(
      { userId, role, orgUnitId: scope === 'unit' && !groupWide ? orgUnitId : null },
      { onSuccess: () => notifySuccess(t('roles.assigned')), onError: (e) => applyProblem(form, e) },
    );
  });

  return (
    <Stack>
      <Title order={2}>{t('roles.title')}</Title>
      <AccountSelect label={t('roles.user')} value={userId} onChange={setUserId} testId="roles-user" />
      {canAssign && userId && (
        <Paper withBorder p="md">
          <form onSubmit={submit} data-testid="roles-form">
            <Group align="flex-end">
              <Select
                label={t('roles.role')}
                allowDeselect={false}
                data={ROLES.map((r) => ({ value: r, label: t(`enum.role.${r}`) }))}
                data-testid="roles-role"
                {...form.getInputProps('role')}
              />
              <Radio.Group label={t('roles.scope')} {...form.getInputProps('scope')}>
                <Group mt={6}>
                  <Radio value="group" label={t('scope.wholeGroup')} data-testid="roles-scope-group" />
                  <Radio value="unit" label={t('roles.scopeUnit')} disabled={groupWide} data-testid="roles-scope-unit" />
                </Group>
              </Radio.Group>
              {form.values.scope === 'unit' && !groupWide && (
                <OrgUnitSelect
                  label={t('people.orgUnit')}
                  required
                  value={form.values.orgUnitId}
                  onChange={(v) => form.setFieldValue('orgUnitId', v)}
                  error={form.errors.orgUnitId}
                  testId="roles-org"
                />
              )}
              <Button type="submit" loading={assign.isPending} data-testid="roles-assign">
                {t('roles.assign')}
              </Button>
            </Group>
            {groupWide && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('roles.groupWideHelp')}
              </Text>
            )}
          </form>
          <ProblemAlert error={assign.error} />
        </Paper>
      )}
      <ProblemAlert error={list.error ?? remove.error} />
      <Table data-testid="roles-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.user')}</Table.Th>
            <Table.Th>{t('roles.role')}</Table.Th>
            <Table.Th>{t('roles.scope')}</Table.Th>
            <Table.Th>{t('roles.since')}</Table.Th>
            {canAssign && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.userEmail}</Table.Td>
              <Table.Td>{t(`enum.role.${a.role}`)}</Table.Td>
              <Table.Td>{unitName(a) ?? t('scope.wholeGroup')}</Table.Td>
              <Table.Td>{formatDateTime(a.createdAt, i18n.language)}</Table.Td>
              {canAssign && (
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    loading={remove.isPending && remove.variables === a.id}
                    onClick={() => remove.mutate(a.id, { onSuccess: () => notifySuccess(t('roles.removed')) })}
                    data-testid="roles-remove"
                  >
                    {t('roles.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
    </Stack>
  );
}
