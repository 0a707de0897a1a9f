import { Group, Stack, Text, TextInput } from '@mantine/core';
import { Table } from '../../components/Table';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/problem';
import { useReleaseComponents } from './api';

/** The components a release ships (from its SBOM), by name, paged on the server; search by name or purl. */
export function ComponentsTable({ productId, releaseId }: { productId: string; releaseId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const list = useReleaseComponents(productId, releaseId, q.trim());
  return (
    <Stack data-testid="release-components">
      <Group>
        <TextInput
          label={t('common.search')}
          placeholder={t('products.components.filterHelp')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="release-components-search"
        />
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('products.fields.componentName')}</Table.Th>
            <Table.Th>{t('products.fields.version')}</Table.Th>
            <Table.Th>{t('products.fields.componentType')}</Table.Th>
            <Table.Th>{t('products.licences.title')}</Table.Th>
            <Table.Th>purl</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((c) => (
            <Table.Tr key={c.id} data-testid="release-component" data-name={c.name}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{c.version ?? '—'}</Table.Td>
              <Table.Td>{c.type ?? '—'}</Table.Td>
              <Table.Td>{c.licences.join(', ') || '—'}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {c.purl ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
    </Stack>
  );
}
