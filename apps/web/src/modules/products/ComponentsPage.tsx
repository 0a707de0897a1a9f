import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { AnchorLink } from './AnchorLink';
import { useComponentSearch } from './api';

/**
 * Where a component ships ("which releases ship openssl 3.0.7?"): an exact name (any case) and, optionally,
 * a version, across every product in the reader's scope. The question is kept in the URL to share it.
 */
export function ComponentsPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const search = useSearch({ from: '/app/components' });
  const navigate = useNavigate({ from: '/components' });
  const [name, setName] = useState(search.name ?? '');
  const [version, setVersion] = useState(search.version ?? '');
  const list = useComponentSearch(search.name ?? '', search.version ?? '');
  const ask = (e: React.FormEvent) => {
    e.preventDefault();
    void navigate({ search: { name: name.trim() || undefined, version: version.trim() || undefined } });
  };
  return (
    <Stack>
      <Title order={2}>{t('products.components.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('products.components.intro')}
      </Text>
      <form onSubmit={ask}>
        <Group align="flex-end">
          <TextInput
            label={t('products.fields.componentName')}
            placeholder="openssl"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="component-name"
          />
          <TextInput
            label={t('products.fields.version')}
            placeholder="3.0.7"
            description={t('products.components.versionHelp')}
            value={version}
            onChange={(e) => setVersion(e.currentTarget.value)}
            data-testid="component-version"
          />
          <Button type="submit" data-testid="component-search">
            {t('common.search')}
          </Button>
        </Group>
      </form>
      <ProblemAlert error={list.error} />
      {search.name && !list.isPending && list.items.length === 0 && (
        <Text data-testid="component-none">{t('products.components.none', { name: search.name })}</Text>
      )}
      {list.items.length > 0 && (
        <Table striped data-testid="component-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.fields.product')}</Table.Th>
              <Table.Th>{t('products.fields.release')}</Table.Th>
              <Table.Th>{t('products.fields.componentName')}</Table.Th>
              <Table.Th>{t('products.fields.version')}</Table.Th>
              <Table.Th>{t('products.licences.title')}</Table.Th>
              <Table.Th>purl</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((u) => (
              <Table.Tr key={`${u.releaseId}-${u.purl ?? u.name}-${u.version ?? ''}`} data-testid="component-use">
                <Table.Td>
                  <AnchorLink to="/products/$id" params={{ id: u.productId }} search={{ release: undefined, tab: undefined }}>
                    {u.productCode} {localName({ nameJa: u.productNameJa, nameEn: u.productNameEn })}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <AnchorLink
                    to="/products/$id"
                    params={{ id: u.productId }}
                    search={{ release: u.releaseId, tab: undefined }}
                    data-testid="component-use-release"
                  >
                    {u.releaseVersion}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{u.version ?? '—'}</Table.Td>
                <Table.Td>{u.licences.join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {u.purl ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.items.length > 0 && (
        <LoadMore
          shown={list.items.length}
          total={list.total}
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onMore={list.loadMore}
        />
      )}
    </Stack>
  );
}
