import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import type { ProductDetail } from './api';
import { ReleaseStatusBadge } from './badges';
import { ReleaseFormModal } from './ReleaseFormModal';
import { ReleasePanel } from './ReleasePanel';

interface Props {
  product: ProductDetail;
  canManage: boolean;
  selected: string | undefined;
  onSelect: (releaseId: string) => void;
}

/** The product's releases; the selected one (kept in the URL) opens below with its tests, SBOM and ship gate. */
export function ReleasesPanel({ product, canManage, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const [creating, setCreating] = useState(false);
  const release = product.releases.find((r) => r.id === selected);
  return (
    <>
      <Paper withBorder p="md" data-testid="releases">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('products.release.title')}</Title>
          {canManage && (
            <Button size="xs" onClick={() => setCreating(true)} data-testid="release-create">
              {t('products.release.create')}
            </Button>
          )}
        </Group>
        {product.releases.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('products.release.none')}
          </Text>
        ) : (
          <Table highlightOnHover data-testid="releases-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('products.fields.version')}</Table.Th>
                <Table.Th>{t('products.fields.releaseStatus')}</Table.Th>
                <Table.Th>{t('products.fields.releasedOn')}</Table.Th>
                <Table.Th>{t('products.sbom.title')}</Table.Th>
                <Table.Th>{t('products.fields.components')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {product.releases.map((r) => (
                <Table.Tr
                  key={r.id}
                  onClick={() => onSelect(r.id)}
                  style={{ cursor: 'pointer' }}
                  bg={r.id === selected ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid="release-row"
                  data-version={r.version}
                >
                  <Table.Td fw={600}>{r.version}</Table.Td>
                  <Table.Td>
                    <ReleaseStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.releasedOn ?? '—'}</Table.Td>
                  <Table.Td>
                    {r.sbomFormat
                      ? `${t(`products.sbomFormat.${r.sbomFormat}`)} · ${formatDateTime(r.sbomImportedAt, i18n.language)}`
                      : '—'}
                  </Table.Td>
                  <Table.Td>{r.componentCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {release && <ReleasePanel key={release.id} product={product} release={release} canManage={canManage} />}
      {creating && <ReleaseFormModal productId={product.id} onClose={() => setCreating(false)} onCreated={onSelect} />}
    </>
  );
}
