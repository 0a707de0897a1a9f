import { Anchor, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useDecideMatch, type SupplierMatch } from './api';

export const STATUS_COLOR = { affected: 'red', fixed: 'green', not_affected: 'gray', under_investigation: 'yellow' } as const;
const STATE_COLOR = { suggested: 'orange', accepted: 'blue', dismissed: 'gray', resolved: 'green' } as const;

/** Accept, or dismiss with a reason, a suggestion still open. */
function Decide({ m }: { m: SupplierMatch }) {
  const { t } = useTranslation();
  const decide = useDecideMatch();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  if (m.state !== 'suggested') return null;
  return (
    <Stack gap={4}>
      <ProblemAlert error={decide.error} />
      {dismissing ? (
        <Group gap="xs" wrap="wrap">
          <TextInput
            size="xs"
            aria-label={t('supplierAdvisories.reason')}
            placeholder={t('supplierAdvisories.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="supplier-match-reason"
          />
          <Button size="xs" color="gray" loading={decide.isPending} onClick={() => decide.mutate({ id: m.id, reason })}>
            {t('supplierAdvisories.dismiss')}
          </Button>
        </Group>
      ) : (
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            loading={decide.isPending}
            onClick={() => decide.mutate({ id: m.id })}
            data-testid="supplier-match-accept"
          >
            {t('supplierAdvisories.accept')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setDismissing(true)}>
            {t('supplierAdvisories.dismiss')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Suggested cases: what is affected (a release's component or a system), the supplier's word, the decision. */
export function MatchTable({ matches, showAdvisory = true }: { matches: SupplierMatch[]; showAdvisory?: boolean }) {
  const { t } = useTranslation();
  const name = useLocalName();
  if (!matches.length) return <Text>{t('supplierAdvisories.noMatches')}</Text>;
  return (
    <Table striped minWidth={640} data-testid="supplier-matches">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('supplierAdvisories.col.target')}</Table.Th>
          <Table.Th>{t('supplierAdvisories.col.component')}</Table.Th>
          {showAdvisory && <Table.Th>{t('supplierAdvisories.col.advisory')}</Table.Th>}
          <Table.Th>{t('supplierAdvisories.col.status')}</Table.Th>
          <Table.Th>{t('supplierAdvisories.col.state')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {matches.map((m) => (
          <Table.Tr key={m.id} data-testid="supplier-match">
            <Table.Td>
              {m.product ? (
                <Text size="sm">
                  {name(m.product)} {m.product.releaseVersion}
                </Text>
              ) : m.system ? (
                <Anchor component={Link} to={`/systems/${m.system.id}`} size="sm">
                  {m.system.name}
                </Anchor>
              ) : null}
              <Text size="xs" c="dimmed">
                {t(`supplierAdvisories.kind.${m.kind}`)}
              </Text>
            </Table.Td>
            <Table.Td>
              {m.name} {m.version}
            </Table.Td>
            {showAdvisory && (
              <Table.Td>
                <Anchor component={Link} to={`/supplier-advisories/${m.advisory.id}`} size="sm">
                  {m.advisory.trackingId}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {m.cves.join(', ')}
                </Text>
              </Table.Td>
            )}
            <Table.Td>
              <Badge color={STATUS_COLOR[m.supplierStatus]} variant="light">
                {t(`supplierAdvisories.status.${m.supplierStatus}`)}
              </Badge>
              {m.remediation && (
                <Text size="xs" c="dimmed">
                  {m.remediation}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge color={STATE_COLOR[m.state]} variant="light">
                {t(`supplierAdvisories.state.${m.state}`)}
              </Badge>
              {m.reason && (
                <Text size="xs" c="dimmed">
                  {m.reason.startsWith('supplier_')
                    ? t(`supplierAdvisories.resolvedBy.${m.reason}`, { defaultValue: m.reason })
                    : m.reason}
                </Text>
              )}
              {m.vulnerabilityIds.map((id) => (
                <Anchor key={id} component={Link} to={`/vulnerabilities/${id}`} size="xs" display="block">
                  {t('supplierAdvisories.case')}
                </Anchor>
              ))}
              <Decide m={m} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
