import { Alert, Button, Group, List, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { patch, type ProductDetail, type Release, releasePath, type Severity, useProductMutation, useTestRuns } from './api';
import { SeverityBadge } from './badges';
import { ShipGatePanel } from '../product-testing/ShipGatePanel';
import { DateField } from '../../components/dates/DateField';

const today = () => new Date().toISOString().slice(0, 10);

/** A finding the ship gate named: `findings.<id>` with `<severity>: <title>`. */
function blocking(error: ApiError) {
  return error.errors
    .filter((e) => e.path.startsWith('findings.'))
    .map((e) => {
      const [severity, ...title] = e.message.split(': ');
      return { id: e.path.slice('findings.'.length), severity: severity as Severity, title: title.join(': ') };
    });
}

/**
 * Marks the release shipped. The server's ship gate refuses while a finding above the product's gate
 * severity is open; the refusal lists those findings (fix them, or have the risk accepted by a named approver).
 */
export function ShipPanel({ product, release, canManage }: { product: ProductDetail; release: Release; canManage: boolean }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(release.releasedOn ?? today());
  const ship = useProductMutation(() =>
    patch<Release>(releasePath(product.id, release.id), { status: 'shipped', releasedOn: date || null }, release.rowVersion),
  );
  const runs = useTestRuns(product.id, release.id);
  if (release.status !== 'planned' || !canManage) return null;
  const gate = ship.error instanceof ApiError && ship.error.status === 409 ? ship.error : null;
  // Findings fixed or accepted since the refusal no longer block: the list follows the current test runs.
  const stillOpen = new Set(runs.data?.items.flatMap((r) => r.findings.filter((f) => f.status === 'open').map((f) => f.id)));
  const refused = gate ? blocking(gate).filter((f) => !runs.data || stillOpen.has(f.id)) : [];
  return (
    <>
      <ShipGatePanel productId={product.id} releaseId={release.id} />
      <Group align="flex-end" mt="sm">
        <DateField label={t('products.fields.releasedOn')} value={date} onChange={(v) => setDate(v)} data-testid="ship-date" />
        <Button
          color="green"
          loading={ship.isPending}
          onClick={() => ship.mutate(undefined, { onSuccess: () => notifySuccess(t('products.ship.done')) })}
          data-testid="ship-release"
        >
          {t('products.ship.action')}
        </Button>
        <Text size="xs" c="dimmed" maw={460}>
          {t('products.ship.help', { severity: t(`products.severity.${product.shipGateSeverity}`) })}
        </Text>
      </Group>
      {refused.length > 0 ? (
        <Alert color="red" mt="sm" title={t('products.ship.refused')} data-testid="ship-refusal">
          <Text size="sm">
            {t('products.ship.refusedDetail', {
              count: refused.length,
              severity: t(`products.severity.${product.shipGateSeverity}`),
            })}
          </Text>
          <List size="sm" mt="xs">
            {refused.map((f) => (
              <List.Item key={f.id} data-testid="ship-blocking-finding">
                <Group gap={6}>
                  <SeverityBadge severity={f.severity} />
                  <Text size="sm">{f.title}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        // a refusal by the gate's other rules is shown by the gate panel above, which follows the current state
        !gate && <ProblemAlert error={ship.error} testId="ship-problem" />
      )}
    </>
  );
}
