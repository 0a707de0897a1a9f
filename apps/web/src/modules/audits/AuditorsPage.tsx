import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { ProblemAlert } from '../../components/problem';
import { useAuditors } from './api';
import { EditAuditor, NewAuditor } from './AuditorForms';
import { useName } from './badges';

/** The register of qualified internal auditors: qualification, expiry, where it comes from, training. */
export function AuditorsPage() {
  const { t } = useTranslation();
  const name = useName();
  const auditors = useAuditors();
  const manage = useCan('audits:manage');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = auditors.data?.find((a) => a.id === editing);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('audits.auditors')}</Title>
        {manage && !adding && (
          <Button onClick={() => setAdding(true)} data-testid="auditor-add">
            {t('audits.addAuditor')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={auditors.error} />
      {adding && <NewAuditor onDone={() => setAdding(false)} />}
      {edited && <EditAuditor key={`${edited.id}-${edited.rowVersion}`} auditor={edited} onDone={() => setEditing(null)} />}
      <Table striped data-testid="auditors-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.person')}</Table.Th>
            <Table.Th>{t('audits.qualifiedOn')}</Table.Th>
            <Table.Th>{t('audits.expiresOn')}</Table.Th>
            <Table.Th>{t('audits.source')}</Table.Th>
            <Table.Th>{t('audits.training')}</Table.Th>
            <Table.Th>{t('audits.auditCount')}</Table.Th>
            {manage && <Table.Th>{t('audits.actions')}</Table.Th>}
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
              {manage && (
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(a.id)} data-testid="auditor-renew">
                    {t('audits.renew')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
