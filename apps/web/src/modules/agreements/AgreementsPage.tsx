import { Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { AnchorLink } from '../tara/AnchorLink';
import { useAgreements } from './api';
import { NewAgreementButton } from './NewAgreement';

const STATUS_COLOR = { draft: 'gray', in_force: 'green', ended: 'dark' } as const;

/** Every interface agreement of the products in the reader's scope, by product and programme. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const list = useAgreements();
  const canManage = useCan('products:manage');
  return (
    <Stack data-testid="agreements-page">
      <Group justify="space-between">
        <Title order={2}>{t('agreements.list.title')}</Title>
        {canManage && <NewAgreementButton />}
      </Group>
      <Text size="sm" c="dimmed">
        {t('agreements.list.intro')}
      </Text>
      {list.isPending ? (
        <Loader />
      ) : !list.data ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text size="sm">{t('agreements.list.none')}</Text>
      ) : (
        <Table data-testid="agreements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreements.fields.programme')}</Table.Th>
              <Table.Th>{t('agreements.fields.product')}</Table.Th>
              <Table.Th>{t('agreements.fields.counterpartName')}</Table.Th>
              <Table.Th>{t('agreements.fields.status')}</Table.Th>
              <Table.Th>{t('agreements.fields.supportUntil')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <AnchorLink to="/interface-agreements/$id" params={{ id: a.id }} data-testid="agreement-link">
                    {a.programme}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  {a.productCode} {localName({ nameJa: a.productNameJa, nameEn: a.productNameEn })}
                </Table.Td>
                <Table.Td>
                  {a.counterpartName} ({t(`agreements.counterpart.${a.counterpartKind}`)})
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[a.status]} variant="light">
                    {t(`agreements.status.${a.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{a.supportUntil ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
