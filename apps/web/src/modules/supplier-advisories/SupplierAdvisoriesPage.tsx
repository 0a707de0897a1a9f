import { Alert, Anchor, Badge, Button, FileInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useImportSupplierAdvisory, useRematchSupplierAdvisories, useSupplierAdvisories } from './api';

/** Suppliers' advisories (CSAF 2.0 and VEX): the latest version of each, and an upload of a supplier's file. */
export function SupplierAdvisoriesPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const list = useSupplierAdvisories(q);
  const upload = useImportSupplierAdvisory();
  const rematch = useRematchSupplierAdvisories();
  const canImport = useCan('supplier-advisories:import');
  const [unreadable, setUnreadable] = useState(false);
  const pick = async (file: File | null) => {
    setUnreadable(false);
    upload.reset();
    if (!file) return;
    try {
      upload.mutate(JSON.parse(await file.text()) as unknown);
    } catch {
      setUnreadable(true);
    }
  };
  const r = upload.data;
  return (
    <Stack>
      <Title order={2}>{t('supplierAdvisories.title')}</Title>
      <Text size="sm">{t('supplierAdvisories.intro')}</Text>
      <Anchor component={Link} to="/supplier-advisory-matches">
        {t('supplierAdvisories.toMatches')}
      </Anchor>
      {canImport && (
        <FileInput
          label={t('supplierAdvisories.file')}
          accept="application/json,.json"
          onChange={(f) => void pick(f)}
          clearable
          data-testid="supplier-advisory-file"
        />
      )}
      {canImport && (
        <Group gap="sm" align="center">
          <Button
            variant="light"
            loading={rematch.isPending}
            onClick={() => rematch.mutate()}
            data-testid="supplier-advisories-rematch"
          >
            {t('supplierAdvisories.rematch')}
          </Button>
          <Text size="sm" c="dimmed">
            {rematch.isSuccess ? t('supplierAdvisories.rematchQueued') : t('supplierAdvisories.rematchHelp')}
          </Text>
        </Group>
      )}
      <ProblemAlert error={rematch.error} />
      {unreadable && <Alert color="red">{t('supplierAdvisories.notJson')}</Alert>}
      <ProblemAlert error={upload.error} />
      {r && (
        <Alert color="green" data-testid="supplier-advisory-imported">
          {t(`supplierAdvisories.outcome.${r.outcome}`, { id: r.advisory.trackingId, version: r.advisory.version })}{' '}
          {t('supplierAdvisories.counts', r.matches)}
        </Alert>
      )}
      <TextInput label={t('supplierAdvisories.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} />
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 && <Text>{t('supplierAdvisories.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table striped minWidth={560} data-testid="supplier-advisories">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('supplierAdvisories.col.advisory')}</Table.Th>
              <Table.Th>{t('supplierAdvisories.col.publisher')}</Table.Th>
              <Table.Th>{t('supplierAdvisories.col.released')}</Table.Th>
              <Table.Th>{t('supplierAdvisories.col.open')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id} data-testid="supplier-advisory">
                <Table.Td>
                  <Anchor component={Link} to={`/supplier-advisories/${a.id}`}>
                    {a.trackingId}
                  </Anchor>{' '}
                  <Badge variant="light" color={a.category === 'csaf_vex' ? 'grape' : 'blue'}>
                    {a.category === 'csaf_vex' ? 'VEX' : t('supplierAdvisories.advisory')}
                  </Badge>
                  <Text size="sm">{a.title}</Text>
                  <Text size="xs" c="dimmed">
                    {a.cves.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>{a.publisherName}</Table.Td>
                <Table.Td>
                  {formatDateTime(a.currentReleaseAt, i18n.language)}
                  <Text size="xs" c="dimmed">
                    {t('supplierAdvisories.version', { version: a.version })}
                  </Text>
                </Table.Td>
                <Table.Td>{a.openMatches}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
