import { Text } from '@mantine/core';
import { Table } from '../../components/Table';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { useLicences } from './api';

/** The licences of a release's components, most used first (a component under two licences counts for both). */
export function LicencesTable({ productId, releaseId }: { productId: string; releaseId: string }) {
  const { t } = useTranslation();
  const licences = useLicences(productId, releaseId);
  if (licences.error) return <ProblemAlert error={licences.error} />;
  if (licences.data?.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('products.licences.none')}
      </Text>
    );
  return (
    <Table striped data-testid="release-licences">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('products.licences.licence')}</Table.Th>
          <Table.Th>{t('products.fields.components')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {licences.data?.items.map((l) => (
          <Table.Tr key={l.licence} data-testid="release-licence" data-licence={l.licence}>
            <Table.Td>{l.licence}</Table.Td>
            <Table.Td>{l.components}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
