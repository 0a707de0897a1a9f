import { Button, Group, Paper, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail, Release } from './api';
import { ReleaseStatusBadge } from './badges';
import { ComponentsTable } from './ComponentsTable';
import { LicencesTable } from './LicencesTable';
import { ReleaseFormModal } from './ReleaseFormModal';
import { SbomUpload } from './SbomUpload';
import { ShipPanel } from './ShipPanel';
import { TestRunsPanel } from './TestRunsPanel';

/** One release: the ship gate, its pre-shipment tests and findings, its SBOM, components and licences. */
export function ReleasePanel({ product, release, canManage }: { product: ProductDetail; release: Release; canManage: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="md" data-testid="release-panel" data-version={release.version}>
      <Group justify="space-between" mb="sm">
        <Group>
          <Title order={4} data-testid="release-title">
            {t('products.release.heading', { version: release.version })}
          </Title>
          <ReleaseStatusBadge status={release.status} />
        </Group>
        {canManage && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="release-edit">
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <ShipPanel product={product} release={release} canManage={canManage} />
      <Tabs defaultValue="tests" mt="md">
        <Tabs.List>
          <Tabs.Tab value="tests" data-testid="release-tab-tests">
            {t('products.tests.title')}
          </Tabs.Tab>
          <Tabs.Tab value="sbom" data-testid="release-tab-sbom">
            {t('products.sbom.title')}
          </Tabs.Tab>
          <Tabs.Tab value="components" data-testid="release-tab-components">
            {t('products.fields.components')} ({release.componentCount})
          </Tabs.Tab>
          <Tabs.Tab value="licences" data-testid="release-tab-licences">
            {t('products.licences.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tests" pt="md">
          <TestRunsPanel productId={product.id} releaseId={release.id} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="sbom" pt="md">
          <SbomUpload productId={product.id} release={release} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="components" pt="md">
          <ComponentsTable productId={product.id} releaseId={release.id} />
        </Tabs.Panel>
        <Tabs.Panel value="licences" pt="md">
          <LicencesTable productId={product.id} releaseId={release.id} />
        </Tabs.Panel>
      </Tabs>
      {editing && <ReleaseFormModal productId={product.id} release={release} onClose={() => setEditing(false)} />}
    </Paper>
  );
}
