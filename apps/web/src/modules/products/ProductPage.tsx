import { Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { formatDateTime, useLocalName, useUnitName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useProduct } from './api';
import { SeverityBadge, StageBadge } from './badges';
import { CraSection } from './CraSection';
import { ProductFormModal } from './ProductFormModal';
import { ReleasesPanel } from './ReleasesPanel';
import { StagePanel } from './StagePanel';
import { ThreatsPanel } from './ThreatsPanel';
import { ProductTaraSection } from '../tara/ProductTaraSection';

/** One product: its facts and lifecycle stage, its releases (tests, ship gate, SBOM) and its threat analysis. */
export function ProductPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ from: '/app/products/$id' });
  const search = useSearch({ from: '/app/products/$id' });
  const navigate = useNavigate({ from: '/products/$id' });
  const localName = useLocalName();
  const unitName = useUnitName();
  const canManage = useCan('products:manage');
  const [editing, setEditing] = useState(false);
  const product = useProduct(id);
  if (product.isPending) return <Loader />;
  if (!product.data) return <ProblemAlert error={product.error} />;
  const p = product.data;
  const tab = search.tab === 'threats' ? 'threats' : 'releases';

  return (
    <Stack data-testid="product-page">
      <Anchor component={Link} to="/products" size="sm">
        ← {t('products.list.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text c="dimmed" fw={700} data-testid="product-code-shown">
            {p.code}
          </Text>
          <Title order={2} data-testid="product-title">
            {localName(p)}
          </Title>
        </Stack>
        <Group>
          <StageBadge stage={p.stage} testId="product-stage-badge" />
          {canManage && (
            <Button variant="default" onClick={() => setEditing(true)} data-testid="product-edit">
              {t('common.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Fact label={t('products.fields.nameJa')}>{p.nameJa}</Fact>
          <Fact label={t('products.fields.nameEn')}>{p.nameEn}</Fact>
          <Fact label={t('products.fields.productLine')}>{p.productLine ?? '—'}</Fact>
          <Fact label={t('products.fields.orgUnit')}>{unitName(p)}</Fact>
          <Fact label={t('products.fields.shipGateSeverity')}>
            <Group gap={6}>
              <SeverityBadge severity={p.shipGateSeverity} />
              <Text size="xs" c="dimmed">
                {t('products.product.gateExplained')}
              </Text>
            </Group>
          </Fact>
          <Fact label={t('products.fields.updatedAt')}>{formatDateTime(p.updatedAt, i18n.language)}</Fact>
        </SimpleGrid>
      </Paper>
      <StagePanel product={p} canManage={canManage} />
      <CraSection product={p} canManage={canManage} />
      <ProductTaraSection productId={p.id} canManage={canManage} />
      <Tabs
        value={tab}
        onChange={(v) => void navigate({ search: (s) => ({ ...s, tab: v === 'threats' ? 'threats' : undefined }) })}
      >
        <Tabs.List>
          <Tabs.Tab value="releases" data-testid="tab-releases">
            {t('products.tabs.releases')}
          </Tabs.Tab>
          <Tabs.Tab value="threats" data-testid="tab-threats">
            {t('products.tabs.threats')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="releases" pt="md">
          <ReleasesPanel
            product={p}
            canManage={canManage}
            selected={search.release}
            onSelect={(release) => void navigate({ search: (s) => ({ ...s, release }) })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="threats" pt="md">
          {tab === 'threats' && <ThreatsPanel product={p} canManage={canManage} />}
        </Tabs.Panel>
      </Tabs>
      {editing && <ProductFormModal product={p} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
