import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { useTestRuns } from './api';
import { FindingStatusBadge, SeverityBadge } from './badges';
import { FindingStatusControl } from './FindingStatusControl';
import { TestRunFormModal } from './TestRunFormModal';

/** Pre-shipment security tests of a release, each with its findings (most severe first) and their fix status. */
export function TestRunsPanel({ productId, releaseId, canManage }: { productId: string; releaseId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const runs = useTestRuns(productId, releaseId);
  const [recording, setRecording] = useState(false);
  return (
    <Stack data-testid="test-runs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('products.tests.help')}
        </Text>
        {canManage && (
          <Button size="xs" onClick={() => setRecording(true)} data-testid="test-run-create">
            {t('products.tests.record')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={runs.error} />
      {runs.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('products.tests.none')}
        </Text>
      )}
      {runs.data?.items.map((run) => (
        <Paper key={run.id} withBorder p="sm" data-testid="test-run" data-kind={run.kind}>
          <Group gap="xs">
            <Text fw={600}>{t(`products.testKind.${run.kind}`)}</Text>
            <Text size="sm" c="dimmed">
              {run.performedOn}
            </Text>
          </Group>
          {run.summary && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {run.summary}
            </Text>
          )}
          {run.findings.length === 0 ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t('products.tests.noFindings')}
            </Text>
          ) : (
            <Table mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.fields.finding')}</Table.Th>
                  <Table.Th w={110}>{t('products.fields.severity')}</Table.Th>
                  <Table.Th w={130}>{t('products.fields.findingStatus')}</Table.Th>
                  <Table.Th>{t('products.fields.acceptance')}</Table.Th>
                  {canManage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.findings.map((f) => (
                  <Table.Tr key={f.id} data-testid="finding-row" data-title={f.title}>
                    <Table.Td>{f.title}</Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={f.severity} />
                    </Table.Td>
                    <Table.Td>
                      <FindingStatusBadge status={f.status} />
                    </Table.Td>
                    <Table.Td>
                      {f.acceptedBy && (
                        <Text size="xs" data-testid="finding-acceptance">
                          {t('products.findings.acceptedBy', { approver: f.acceptedBy })}: {f.acceptanceReason}
                        </Text>
                      )}
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <FindingStatusControl productId={productId} releaseId={releaseId} finding={f} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      ))}
      {recording && <TestRunFormModal productId={productId} releaseId={releaseId} onClose={() => setRecording(false)} />}
    </Stack>
  );
}
