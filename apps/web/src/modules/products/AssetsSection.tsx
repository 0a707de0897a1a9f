import { Button, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { patch, post, PROTECTED_KINDS, type ProtectedAsset, useProductMutation } from './api';

interface Props {
  productId: string;
  assets: ProtectedAsset[];
  canManage: boolean;
}

/** The assets (data, keys, firmware) and functions (remote update, braking…) the threat analysis protects. */
export function AssetsSection({ productId, assets, canManage }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ProtectedAsset | 'new' | null>(null);
  return (
    <Paper withBorder p="md" data-testid="protected-assets">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('products.assets.title')}</Title>
        {canManage && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="asset-create">
            {t('products.assets.add')}
          </Button>
        )}
      </Group>
      {assets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('products.assets.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.fields.assetKind')}</Table.Th>
              <Table.Th>{t('products.fields.assetName')}</Table.Th>
              <Table.Th>{t('products.fields.description')}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assets.map((a) => (
              <Table.Tr key={a.id} data-testid="protected-asset" data-name={a.name}>
                <Table.Td>{t(`products.assetKind.${a.kind}`)}</Table.Td>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.description ?? ''}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(a)}>
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <AssetFormModal productId={productId} asset={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Paper>
  );
}

function AssetFormModal({ productId, asset, onClose }: { productId: string; asset?: ProtectedAsset; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { kind: asset?.kind ?? 'asset', name: asset?.name ?? '', description: asset?.description ?? '' },
  });
  const save = useProductMutation((v: typeof form.values) => {
    const body = { ...v, description: v.description.trim() || null };
    const url = `/products/${productId}/protected-assets`;
    return asset ? patch<ProtectedAsset>(`${url}/${asset.id}`, body) : post<ProtectedAsset>(url, body);
  });
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: () => {
        notifySuccess(t('common.saved'));
        onClose();
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  return (
    <Modal opened onClose={onClose} title={asset ? t('products.assets.edit') : t('products.assets.add')}>
      <form onSubmit={submit} data-testid="asset-form">
        <Stack>
          <Select
            label={t('products.fields.assetKind')}
            allowDeselect={false}
            data={PROTECTED_KINDS.map((k) => ({ value: k, label: t(`products.assetKind.${k}`) }))}
            {...form.getInputProps('kind')}
            data-testid="asset-kind"
          />
          <TextInput label={t('products.fields.assetName')} required {...form.getInputProps('name')} data-testid="asset-name" />
          <Textarea label={t('products.fields.description')} autosize {...form.getInputProps('description')} />
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="asset-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
