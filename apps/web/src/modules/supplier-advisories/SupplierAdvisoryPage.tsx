import { Badge, Code, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useSupplierAdvisory } from './api';
import { MatchTable, STATUS_COLOR } from './parts';

/** One supplier advisory: its versions, products (purl, CPE, version or range), statuses, scores, and matches. */
export function SupplierAdvisoryPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useSupplierAdvisory(id);
  const a = q.data;
  if (!a) return <ProblemAlert error={q.error} />;
  const productName = (pid: string) => a.products.find((p) => p.productId === pid)?.fullName || pid;
  return (
    <Stack>
      <Title order={2}>
        {a.trackingId} · {a.title}
      </Title>
      <Text size="sm" c="dimmed">
        {a.publisherName} · {t('supplierAdvisories.version', { version: a.version })} ·{' '}
        {formatDateTime(a.currentReleaseAt, i18n.language)}
      </Text>
      <Text size="sm">
        {t('supplierAdvisories.versions')}: {a.versions.map((v) => v.version).join(', ')}
      </Text>
      <Title order={3}>{t('supplierAdvisories.products')}</Title>
      <Table striped minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('supplierAdvisories.col.product')}</Table.Th>
            <Table.Th>{t('supplierAdvisories.col.versions')}</Table.Th>
            <Table.Th>{t('supplierAdvisories.col.identifiers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.products.map((p) => (
            <Table.Tr key={p.productId}>
              <Table.Td>{p.fullName || p.product}</Table.Td>
              <Table.Td>{p.version ?? p.range ?? t('supplierAdvisories.allVersions')}</Table.Td>
              <Table.Td>
                {[p.purl, p.cpe].filter(Boolean).map((x) => (
                  <Code key={x} block={false} style={{ wordBreak: 'break-all' }}>
                    {x}
                  </Code>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>{t('supplierAdvisories.vulnerabilities')}</Title>
      {a.vulnerabilities.map((v, i) => (
        <Stack key={v.cve ?? i} gap={4}>
          <Text fw={700}>
            {v.cve} {v.title}
          </Text>
          {v.statuses.map((s) => (
            <Text size="sm" key={s.productId}>
              <Badge color={STATUS_COLOR[s.status]} variant="light">
                {t(`supplierAdvisories.status.${s.status}`)}
              </Badge>{' '}
              {productName(s.productId)} {s.justification ? `(${s.justification})` : ''}
            </Text>
          ))}
          {v.scores.map((s) => (
            <Text size="xs" key={`${s.cvssVersion}${s.vector}`} style={{ wordBreak: 'break-all' }}>
              CVSS {s.cvssVersion} {s.baseScore ?? ''} {s.vector} · {t('supplierAdvisories.supplierScore')}
            </Text>
          ))}
          {v.remediations.map((r, j) => (
            <Text size="sm" key={j}>
              {t('supplierAdvisories.remediation')}: {r.details} {r.url ?? ''}
            </Text>
          ))}
        </Stack>
      ))}
      <Title order={3}>{t('supplierAdvisories.matches')}</Title>
      <MatchTable matches={a.matches} showAdvisory={false} />
    </Stack>
  );
}
