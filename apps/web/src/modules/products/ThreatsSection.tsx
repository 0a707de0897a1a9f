import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail, Threat, ThreatAnalysis } from './api';
import { RiskBadge } from './badges';
import { ThreatFormModal } from './ThreatFormModal';

interface Props {
  product: ProductDetail;
  analysis: ThreatAnalysis;
  canManage: boolean;
}

/** The STRIDE threats: against what, by which path, how likely and how bad, what mitigates them, what is left. */
export function ThreatsSection({ product, analysis, canManage }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Threat | 'new' | null>(null);
  const assetName = (id: string | null) => analysis.assets.find((a) => a.id === id)?.name ?? '—';
  const version = (id: string | null) =>
    id ? (product.releases.find((r) => r.id === id)?.version ?? '—') : t('products.threats.allReleases');
  return (
    <Paper withBorder p="md" data-testid="threats">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('products.threats.title')}</Title>
        {canManage && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="threat-create">
            {t('products.threats.add')}
          </Button>
        )}
      </Group>
      {analysis.threats.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('products.threats.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.fields.stride')}</Table.Th>
              <Table.Th>{t('products.fields.threat')}</Table.Th>
              <Table.Th>{t('products.fields.asset')}</Table.Th>
              <Table.Th>{t('products.fields.attackPath')}</Table.Th>
              <Table.Th>{t('products.fields.likelihood')}</Table.Th>
              <Table.Th>{t('products.fields.impact')}</Table.Th>
              <Table.Th>{t('products.fields.mitigations')}</Table.Th>
              <Table.Th>{t('products.fields.residualRisk')}</Table.Th>
              <Table.Th>{t('products.fields.release')}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {analysis.threats.map((x) => (
              <Table.Tr key={x.id} data-testid="threat-row" data-title={x.title}>
                <Table.Td>{t(`products.stride.${x.category}`)}</Table.Td>
                <Table.Td>{x.title}</Table.Td>
                <Table.Td>{assetName(x.assetId)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{x.attackPath ?? ''}</Table.Td>
                <Table.Td>
                  <RiskBadge level={x.likelihood} />
                </Table.Td>
                <Table.Td>
                  <RiskBadge level={x.impact} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{x.mitigations ?? ''}</Table.Td>
                <Table.Td>
                  <RiskBadge level={x.residualRisk} />
                </Table.Td>
                <Table.Td>{version(x.releaseId)}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(x)}>
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
        <ThreatFormModal
          product={product}
          assets={analysis.assets}
          threat={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Paper>
  );
}
