import { Alert, Anchor, Badge, FileInput, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useMatchAdvisory } from './fsirt-api';

const STATUS_COLOR = { affected: 'red', fixed: 'green', not_affected: 'gray', under_investigation: 'yellow' } as const;

/**
 * FSIRT: a supplier's security advisory (CSAF 2.0 JSON) matched against the factory systems in reach by product and
 * version. Nothing is stored: the file is read in the browser and sent for the match.
 */
export function OtAdvisoryPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const match = useMatchAdvisory();
  const [unreadable, setUnreadable] = useState(false);
  const pickFile = async (file: File | null) => {
    setUnreadable(false);
    match.reset();
    if (!file) return;
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      setUnreadable(true);
      return;
    }
    match.mutate(doc);
  };
  const r = match.data;
  return (
    <Stack>
      <Title order={2}>{t('otAdvisoryPage.title')}</Title>
      <Text size="sm">{t('otAdvisoryPage.intro')}</Text>
      <FileInput
        label={t('otAdvisoryPage.file')}
        accept="application/json,.json"
        onChange={(f) => void pickFile(f)}
        clearable
        data-testid="ot-advisory-file"
      />
      {unreadable && <Alert color="red">{t('otAdvisoryPage.notJson')}</Alert>}
      <ProblemAlert error={match.error} />
      {r && (
        <Stack gap="xs" data-testid="ot-advisory-result">
          <Text fw={700}>
            {r.advisory.id} · {r.advisory.title}
          </Text>
          <Text size="sm" c="dimmed">
            {r.advisory.publisher} · {r.products.map((p) => [p.product, p.version].filter(Boolean).join(' ')).join(', ')}
          </Text>
          {r.matches.length === 0 ? (
            <Text>{t('otAdvisoryPage.none')}</Text>
          ) : (
            <Table striped minWidth={560} data-testid="ot-advisory-matches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('otAdvisoryPage.col.system')}</Table.Th>
                  <Table.Th>{t('otAdvisoryPage.col.line')}</Table.Th>
                  <Table.Th>{t('otAdvisoryPage.col.product')}</Table.Th>
                  <Table.Th>{t('otAdvisoryPage.col.status')}</Table.Th>
                  <Table.Th>CVE</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.matches.map((m) => (
                  <Table.Tr key={m.system.id} data-testid="ot-advisory-match">
                    <Table.Td>
                      <Anchor component={Link} to={`/systems/${m.system.id}`}>
                        {m.system.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {name(m.system.unit)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{m.system.productionLine}</Table.Td>
                    <Table.Td>
                      {m.product} {m.version}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[m.status]} variant="light">
                        {t(`otAdvisoryPage.status.${m.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{m.cves.join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}
