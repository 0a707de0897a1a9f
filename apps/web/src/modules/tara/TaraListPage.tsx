import { Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from './AnchorLink';
import { formatDateTime, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useTaraList } from './api';
import { ImportButton } from './ImportModal';
import { useCan } from '../../app/useCan';

/** Every TARA of the products in the reader's scope, latest first; an analysis is started from its product. */
export function TaraListPage() {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const list = useTaraList();
  const canManage = useCan('products:manage');
  return (
    <Stack data-testid="tara-list-page">
      <Group justify="space-between">
        <Title order={2}>{t('taraPages.list.title')}</Title>
        <Group gap="xs">
          {canManage && <ImportButton />}
          <AnchorLink to="/tara-methods" search={{}}>
            {t('tara.methodsNav')}
          </AnchorLink>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('taraPages.list.intro')}
      </Text>
      {list.isPending ? (
        <Loader />
      ) : !list.data ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('tara.section.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('taraPages.fields.title')}</Table.Th>
              <Table.Th>{t('taraPages.fields.product')}</Table.Th>
              <Table.Th>{t('taraPages.fields.method')}</Table.Th>
              <Table.Th>{t('taraPages.item.updatedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <AnchorLink to="/tara-analyses/$id" params={{ id: a.id }} data-testid="tara-list-link">
                    {a.title}
                  </AnchorLink>
                  {a.needsReview && (
                    <Badge color="orange" size="sm" ml="xs">
                      {t('tara.needsReview')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.productCode} {localName({ nameJa: a.productNameJa, nameEn: a.productNameEn })}
                </Table.Td>
                <Table.Td>v{a.methodVersion}</Table.Td>
                <Table.Td>{formatDateTime(a.updatedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
