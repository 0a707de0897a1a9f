import { Anchor, Code, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { attachmentUrl, type VulnerabilityDetail } from './api';

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The report as the PSIRT received it: an encrypted report was decrypted by the server on arrival, so the text
 * here is the plain text. Attachments are downloads only (never rendered), each with its SHA-256.
 */
export function ReportPanel({ vulnerability: c }: { vulnerability: VulnerabilityDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="vulnerability-report">
      <Title order={4} mb="sm">
        {t('psirtCases.report.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mb="md">
        <Fact label={t('psirtCases.field.source')}>{t(`psirtCases.source.${c.source}`)}</Fact>
        <Fact label={t('psirtCases.field.reportedProduct')}>{c.reportedProduct || '—'}</Fact>
        <Fact label={t('psirtCases.field.reporter')}>
          {[c.reporterName, c.reporterEmail].filter(Boolean).join(' · ') || t('psirtCases.report.anonymous')}
        </Fact>
        <Fact label={t('psirtCases.field.createdAt')}>
          {formatDateTime(c.createdAt, i18n.language)} ({t(`language.${c.language}`)})
        </Fact>
      </SimpleGrid>
      <Fact label={t('psirtCases.field.description')}>
        <Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="vulnerability-description">
          {c.description}
        </Text>
      </Fact>
      <Title order={5} mt="md" mb="xs">
        {t('psirtCases.report.attachments')}
      </Title>
      {c.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('psirtCases.report.noAttachments')}
        </Text>
      ) : (
        <Table data-testid="vulnerability-attachments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('psirtCases.report.fileName')}</Table.Th>
              <Table.Th>{t('psirtCases.report.size')}</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th>{t('psirtCases.report.receivedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.attachments.map((a) => (
              <Table.Tr key={a.id} data-testid="vulnerability-attachment">
                <Table.Td>
                  <Anchor href={attachmentUrl(c.id, a.id)} download={a.fileName} data-testid="attachment-download">
                    {a.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{size(a.size)}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }} data-testid="attachment-sha256">
                    {a.sha256}
                  </Code>
                </Table.Td>
                <Table.Td>{formatDateTime(a.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
