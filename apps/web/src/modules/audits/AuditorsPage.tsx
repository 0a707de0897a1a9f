import { Badge, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { ProblemAlert } from '../../components/problem';
import { useAuditors } from './api';
import { useName } from './badges';

/** The register of qualified internal auditors: qualification, expiry, where it comes from, training. */
export function AuditorsPage() {
  const { t } = useTranslation();
  const name = useName();
  const auditors = useAuditors();
  return (
    <Stack>
      <Title order={2}>{t('audits.auditors')}</Title>
      <ProblemAlert error={auditors.error} />
      <Table striped data-testid="auditors-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.person')}</Table.Th>
            <Table.Th>{t('audits.qualifiedOn')}</Table.Th>
            <Table.Th>{t('audits.expiresOn')}</Table.Th>
            <Table.Th>{t('audits.source')}</Table.Th>
            <Table.Th>{t('audits.training')}</Table.Th>
            <Table.Th>{t('audits.auditCount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(auditors.data ?? []).map((a) => (
            <Table.Tr key={a.id} data-testid="auditor-row">
              <Table.Td>
                {name(a.person.name)}
                {a.person.unit && (
                  <Text size="xs" c="dimmed">
                    {name(a.person.unit)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{a.qualifiedOn}</Table.Td>
              <Table.Td>
                {a.expiresOn}{' '}
                <Badge color={a.valid ? 'green' : 'red'} variant="light">
                  {a.valid ? t('audits.valid') : t('audits.expired')}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`audits.sources.${a.qualificationSource}`)}</Table.Td>
              <Table.Td>
                {a.training.map((x, i) => (
                  <Text size="xs" key={i}>
                    {x.date} {x.title}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>{a.audits}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
