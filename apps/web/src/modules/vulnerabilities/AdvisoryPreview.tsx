import { Badge, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { SeverityBadge } from '../psirt/SeverityBadge';
import type { AdvisoryPreview as Preview } from './api';

type Doc = Preview['document'];

function CvssLine({ label, cvss }: { label: string; cvss: Doc['cvss40'] }) {
  if (!cvss) return null;
  return (
    <Text size="sm" title={cvss.vector}>
      {label}: {cvss.score.toFixed(1)} <SeverityBadge severity={cvss.severity} />
    </Text>
  );
}

/** One language of the advisory as the public page will show it (texts in that language, whatever the UI language). */
function Side({ doc, lang }: { doc: Doc; lang: 'ja' | 'en' }) {
  // The other language's catalogue is fetched on first use (i18n/index.ts): this side waits for it (Suspense below).
  const { t } = useTranslation('translation', { lng: lang });
  const ja = lang === 'ja';
  return (
    <Paper withBorder p="sm" data-testid={`advisory-preview-${lang}`} lang={lang}>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t(`language.${lang}`)} · {doc.trackingId} · {t('psirt.advisory.revision', { revision: doc.revision })}
        </Text>
        <Title order={5}>{ja ? doc.titleJa : doc.titleEn}</Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {ja ? doc.summaryJa : doc.summaryEn}
        </Text>
        <Text size="sm">
          {t('psirt.advisories.cve')}: {doc.cveId ?? '—'}
          {doc.cwe ? ` · ${doc.cwe.id}: ${doc.cwe.name}` : ''}
        </Text>
        <CvssLine label="CVSS 4.0" cvss={doc.cvss40} />
        <CvssLine label="CVSS 3.1" cvss={doc.cvss31} />
        <Table fz="xs">
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
                <Table.Td>{ja ? p.nameJa : p.nameEn}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge variant="light" size="xs">
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
      </Stack>
    </Paper>
  );
}

/** The Japanese and English advisory side by side, exactly as publishing would make them public. */
export function AdvisoryPreview({ preview }: { preview: Preview }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="advisory-preview">
      <Suspense fallback={<Loader size="sm" />}>
        <Side doc={preview.document} lang="ja" />
      </Suspense>
      <Suspense fallback={<Loader size="sm" />}>
        <Side doc={preview.document} lang="en" />
      </Suspense>
    </SimpleGrid>
  );
}
