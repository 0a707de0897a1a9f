import { Anchor, Badge, Breadcrumbs, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useLocalName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { useDeleteOrgUnit, useOrgUnit } from './api';
import { OrgUnitFormModal } from './OrgUnitFormModal';
import { UnitCertificates } from '../certifications/UnitCertificates';

interface Props {
  id: string;
  onSelect: (id: string | null) => void;
}

/** Detail of the selected unit: where it sits (ancestors), its names and head count, and the edit actions. */
export function OrgUnitPanel({ id, onSelect }: Props) {
  const { t } = useTranslation();
  const name = useLocalName();
  const canManage = useCan('org:manage');
  const unit = useOrgUnit(id);
  const remove = useDeleteOrgUnit();
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (unit.isPending) return <Loader />;
  if (unit.isError) return <ProblemAlert error={unit.error} />;
  const u = unit.data;
  return (
    <Paper withBorder p="md" data-testid="org-detail">
      <Stack>
        <Breadcrumbs data-testid="org-breadcrumbs">
          {u.ancestors.map((a) => (
            <Anchor key={a.id} component="button" size="sm" onClick={() => onSelect(a.id)}>
              {name(a)}
            </Anchor>
          ))}
          <Text size="sm">{name(u)}</Text>
        </Breadcrumbs>
        <Group justify="space-between">
          <Title order={3} data-testid="org-detail-name">
            {name(u)}
          </Title>
          <Badge variant="light">{t(`enum.orgKind.${u.kind}`)}</Badge>
        </Group>
        <Table variant="vertical" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={180}>{t('org.code')}</Table.Th>
              <Table.Td>{u.code}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('org.nameJa')}</Table.Th>
              <Table.Td>{u.nameJa}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('org.nameEn')}</Table.Th>
              <Table.Td>{u.nameEn}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('org.childCount')}</Table.Th>
              <Table.Td>{u.childCount}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('org.peopleCount')}</Table.Th>
              <Table.Td data-testid="org-people-count">{u.peopleCount}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <UnitCertificates unitId={u.id} />
        {canManage && (
          <Group>
            <Button onClick={() => setForm('create')} data-testid="org-create-child">
              {t('org.addChild')}
            </Button>
            <Button variant="default" onClick={() => setForm('edit')} data-testid="org-edit">
              {t('common.edit')}
            </Button>
            <Button color="red" variant="light" onClick={() => setConfirmDelete(true)} data-testid="org-delete">
              {t('common.delete')}
            </Button>
          </Group>
        )}
      </Stack>
      {form && (
        <OrgUnitFormModal
          unit={form === 'edit' ? u : undefined}
          parentId={u.id}
          onClose={(saved) => {
            setForm(null);
            if (saved) onSelect(saved.id);
          }}
        />
      )}
      <ConfirmModal
        opened={confirmDelete}
        title={t('org.deleteTitle')}
        message={t('org.deleteConfirm', { name: name(u) })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        testId="org-delete-modal"
        onClose={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(u.id, {
            onSuccess: () => {
              setConfirmDelete(false);
              notifySuccess(t('org.deleted'));
              onSelect(u.parentId);
            },
          })
        }
      />
    </Paper>
  );
}
