import { Anchor, Badge, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../app/PublicLayout';
import { formatDateTime, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { advisoryFileUrl, useAdvisory, type Advisory } from './api';
import { SeverityBadge } from './SeverityBadge';

type Cvss = NonNullable<Advisory['document']['cvss31']>;

function CvssLine({ label, cvss }: { label: string; cvss: Cvss | null }) {
  if (!cvss) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={500} w={90}>
        {label}
      </Text>
      <Text size="sm">{cvss.score.toFixed(1)}</Text>
      <SeverityBadge severity={cvss.severity} />
      <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {cvss.vector}
      </Text>
    </Group>
  );
}

/** One published advisory, in the reader's language, with its machine-readable documents (no sign-in). */
export function AdvisoryPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ from: '/advisories/$id' });
  const advisory = useAdvisory(id);
  const name = useLocalName();
  const ja = i18n.language === 'ja';
  const a = advisory.data;
  const doc = a?.document;
  return (
    <PublicLayout title={doc ? (ja ? doc.titleJa : doc.titleEn) : t('psirt.advisory.title')} width={960}>
      <Stack>
        <ProblemAlert error={advisory.error} />
        {advisory.isPending && <Loader />}
        {a && doc && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Text size="sm">
                {t('psirt.advisories.trackingId')}: <span data-testid="advisory-tracking-id">{a.trackingId}</span>
              </Text>
              <Text size="sm">
                {t('psirt.advisories.cve')}: {doc.cveId ?? '—'}
              </Text>
              <Text size="sm">
                {t('psirt.advisory.initialRelease')}: {formatDateTime(doc.initialReleaseDate, i18n.language)}
              </Text>
              <Text size="sm">
                {t('psirt.advisory.revision', { revision: doc.revision })}:{' '}
                {formatDateTime(doc.currentReleaseDate, i18n.language)}
              </Text>
              {doc.cwe && (
                <Text size="sm">
                  {doc.cwe.id}: {doc.cwe.name}
                </Text>
              )}
            </SimpleGrid>
            <Title order={4}>{t('psirt.advisory.summary')}</Title>
            <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="advisory-summary">
              {ja ? doc.summaryJa : doc.summaryEn}
            </Text>
            {(doc.cvss31 || doc.cvss40) && (
              <>
                <Title order={4}>{t('psirt.advisory.cvss')}</Title>
                <CvssLine label="CVSS 4.0" cvss={doc.cvss40} />
                <CvssLine label="CVSS 3.1" cvss={doc.cvss31} />
              </>
            )}
            <Title order={4}>{t('psirt.advisory.products')}</Title>
            <Table data-testid="advisory-products">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('psirt.advisory.product')}</Table.Th>
                  <Table.Th>{t('psirt.advisory.status')}</Table.Th>
                  <Table.Th>{t('psirt.advisory.affectedVersions')}</Table.Th>
                  <Table.Th>{t('psirt.advisory.fixedVersion')}</Table.Th>
                  <Table.Th>{t('psirt.advisory.remediation')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.products.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Td>{name(p)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.status === 'affected' ? 'red' : p.status === 'fixed' ? 'green' : 'gray'}>
                        {t(`psirt.productStatus.${p.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{p.affectedVersions ?? '—'}</Table.Td>
                    <Table.Td>{p.fixedVersion ?? '—'}</Table.Td>
                    <Table.Td>
                      {p.remediation ??
                        (p.justification
                          ? t(`psirt.justification.${p.justification}`)
                          : p.fixedVersion
                            ? t('psirt.advisory.updateTo', { version: p.fixedVersion })
                            : '—')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={4}>{t('psirt.advisory.documents')}</Title>
            <Group>
              <Anchor href={advisoryFileUrl(a.id, 'csaf.json')} data-testid="advisory-csaf">
                CSAF 2.0 (csaf.json)
              </Anchor>
              <Anchor href={advisoryFileUrl(a.id, 'vex.json')}>CSAF VEX (vex.json)</Anchor>
              {doc.cveId && (
                <Anchor href={advisoryFileUrl(a.id, 'cve.json')} data-testid="advisory-cve">
                  CVE JSON 5 (cve.json)
                </Anchor>
              )}
            </Group>
          </>
        )}
        <Anchor component={Link} to="/advisories">
          {t('psirt.advisory.back')}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}
